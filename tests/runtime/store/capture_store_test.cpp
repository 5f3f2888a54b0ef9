#include "runtime/store/capture_store.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <set>

#include "runtime/store/errc.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using postern::store::testing::at;
using postern::store::testing::make_exchange;
using postern::testing::TempDir;
using std::chrono::milliseconds;

namespace {

struct Fixture {
  TempDir dir;
  std::filesystem::path file = dir / "data" / "capture.db";
  Timestamp clock_now = at(0);

  std::unique_ptr<CaptureStore> open() {
    StoreOptions options;
    options.clock = [this] { return clock_now; };
    auto store = CaptureStore::open(file, options);
    REQUIRE(store);
    return std::move(store).value();
  }
};

}  // namespace

TEST_CASE("the default store is <data>/capture.db", "[capture_store]") {
  postern::base::AppPaths paths{"/cfg", "/data", "/run"};
  CHECK(CaptureStore::default_file(paths) == std::filesystem::path("/data/capture.db"));
}

TEST_CASE("a session's capture shows in its history row and views", "[capture_store]") {
  Fixture f;
  auto store = f.open();
  CHECK(store->file() == f.file);
  auto session = store->create_session(NewSession{"checkout", SessionSource::proxy, "{}"});
  REQUIRE(session);
  const auto id = session.value().id;
  for (int n = 0; n < 20; ++n) {
    auto e = make_exchange(id, n, n % 2 ? "a.example" : "b.example");
    if (n == 3) e.response_headers.push_back({"Set-Cookie", "k=v"});
    REQUIRE(store->enqueue(std::move(e)));
  }
  REQUIRE(store->flush());
  f.clock_now = at(4000);

  auto sessions = store->sessions();
  REQUIRE(sessions);
  REQUIRE(sessions.value().size() == 1);
  const auto& row = sessions.value()[0];
  CHECK(row.name == "checkout");
  CHECK(row.exchange_count == 20);
  CHECK(row.total_bytes > 20 * 100);
  CHECK(row.duration == milliseconds(4000));
  CHECK(row.state == SessionState::running);

  auto page = store->exchanges(ExchangeQuery{id, "a.EXAMPLE", false, false, 1, 5});
  REQUIRE(page);
  CHECK(page.value().total == 10);
  CHECK(page.value().items.size() == 5);
  auto full = store->exchange(page.value().items[0].id);
  REQUIRE(full);
  CHECK(full.value().host == "a.example");
  CHECK(full.value().response_body.bytes == "{\"n\":1}");

  auto overview = store->overview(id);
  REQUIRE(overview);
  CHECK(overview.value().total == 20);
  CHECK(overview.value().by_domain.size() == 2);
  auto cookies = store->cookies(id);
  REQUIRE(cookies);
  REQUIRE(cookies.value().size() == 1);
  CHECK(cookies.value()[0].header_value == "k=v");

  REQUIRE(store->delete_exchange(full.value().id));
  CHECK(store->session(id).value().exchange_count == 19);
  CHECK(store->writer_stats().committed == 20);
}

TEST_CASE("the store runs one session at a time through its life", "[capture_store]") {
  Fixture f;
  auto store = f.open();
  const auto id = store->create_session(NewSession{"", SessionSource::extension, "{}"}).value().id;
  CHECK(store->create_session(NewSession{}).error().code == errc::session_active);
  f.clock_now = at(100);
  CHECK(store->pause_session(id).value().state == SessionState::paused);
  CHECK(store->active_session().value()->id == id);
  f.clock_now = at(500);
  CHECK(store->resume_session(id).value().state == SessionState::running);
  f.clock_now = at(700);
  auto stopped = store->stop_session(id);
  REQUIRE(stopped);
  CHECK(stopped.value().duration == milliseconds(300));
  CHECK_FALSE(store->active_session().value());
  REQUIRE(store->rename_session(id, "renamed"));
  CHECK(store->session(id).value().name == "renamed");
  REQUIRE(store->delete_session(id));
  CHECK(store->sessions().value().empty());
}

TEST_CASE("closing the store commits what was queued", "[capture_store]") {
  Fixture f;
  std::int64_t id = 0;
  {
    auto store = f.open();
    id = store->create_session(NewSession{"s", SessionSource::proxy, "{}"}).value().id;
    for (int n = 0; n < 50; ++n)
      REQUIRE(store->enqueue(make_exchange(id, n)));
  }
  auto store = f.open();
  CHECK(store->session(id).value().exchange_count == 50);
  CHECK(store->check_integrity());
}

TEST_CASE("damaged pages are reported by name, and the file is kept", "[capture_store]") {
  Fixture f;
  {
    auto store = f.open();
    const auto id = store->create_session(NewSession{"s", SessionSource::proxy, "{}"}).value().id;
    for (int n = 0; n < 2000; ++n) {
      auto e = make_exchange(id, n);
      e.response_body.bytes = std::string(1000, static_cast<char>('a' + n % 26));
      REQUIRE(store->enqueue(std::move(e)));
    }
  }  // closed: the WAL is checkpointed into the file
  const auto size = std::filesystem::file_size(f.file);
  REQUIRE(size > 1024 * 1024);
  {
    std::fstream file(f.file, std::ios::in | std::ios::out | std::ios::binary);
    std::mt19937 random(7);
    file.seekp(static_cast<std::streamoff>(size / 2));
    for (std::uintmax_t i = 0; i < size / 10; ++i)
      file.put(static_cast<char>(random()));
  }
  auto reopened = CaptureStore::open(f.file);
  // The damage may sit in a page opening reads (an error now) or not (the check finds it).
  const auto verdict = reopened ? reopened.value()->check_integrity()
                                : postern::base::Result<postern::base::Ok>(reopened.error());
  REQUIRE_FALSE(verdict);
  CHECK(verdict.error().code == errc::not_a_database);
  CHECK(verdict.error().message.find(f.file.string()) != std::string::npos);
  CHECK(std::filesystem::file_size(f.file) == size);
}

#ifndef _WIN32
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/store/store_file.hpp"
#include "support/spawn_args.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// One line the child printed, with the time the parent read it (never before it was written).
struct Line {
  Clock::time_point read_at;
  std::string text;
};

// Reads whatever the child has written within `wait`; false at end of file.
bool read_lines(int fd, std::string& pending, std::vector<Line>& lines, milliseconds wait) {
  pollfd poller{fd, POLLIN, 0};
  if (::poll(&poller, 1, static_cast<int>(wait.count())) <= 0) return true;
  char buffer[4096];
  const auto got = ::read(fd, buffer, sizeof buffer);
  if (got <= 0) return false;
  pending.append(buffer, static_cast<std::size_t>(got));
  for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
    lines.push_back(Line{Clock::now(), pending.substr(0, end)});
    pending.erase(0, end + 1);
  }
  return true;
}

// The largest N of the lines "<word> N" read no later than `until`.
long last_number(const std::vector<Line>& lines, const std::string& word,
                 Clock::time_point until = Clock::time_point::max()) {
  long last = 0;
  for (const auto& line : lines)
    if (line.read_at <= until && line.text.rfind(word + " ", 0) == 0)
      last = std::max(last, std::stol(line.text.substr(word.size() + 1)));
  return last;
}

}  // namespace

TEST_CASE("a writer killed with SIGKILL loses nothing it reported committed",
          "[capture_store][crash]") {
  TempDir dir;
  const auto file = dir / "capture.db";
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<std::string> words{STORE_WRITER_CHILD, file.string()};
  auto argv = postern::testing::c_pointers(words);
  pid_t child = 0;
  const int spawned =
      ::posix_spawn(&child, STORE_WRITER_CHILD, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  REQUIRE(spawned == 0);

  // Let it run for a while, then kill it in the middle of its stream.
  std::string pending;
  std::vector<Line> lines;
  const auto began = Clock::now();
  while (Clock::now() - began < std::chrono::seconds(30)) {
    read_lines(fds[0], pending, lines, milliseconds(20));
    // Timed from the child's first line, so a slow start (ASan, a busy machine) still leaves
    // a second of steady writing before the kill.
    if (!lines.empty() && Clock::now() - lines.front().read_at > milliseconds(1200) &&
        last_number(lines, "committed") >= 1000)
      break;
  }
  const auto killed_at = Clock::now();
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  // Lines still in the pipe were written before the kill; they count too.
  while (read_lines(fds[0], pending, lines, milliseconds(1000))) {
  }
  ::close(fds[0]);
  for (const auto& line : lines) {
    INFO(line.text);
    CHECK(line.text.rfind("dropped", 0) != 0);
    CHECK(line.text.rfind("error", 0) != 0);
  }

  const long committed = last_number(lines, "committed");
  // Every exchange handed over at least 100 ms before the kill is durable; 500 ms leaves room
  // for a loaded machine.
  const long settled = last_number(lines, "enqueued", killed_at - milliseconds(500));
  REQUIRE(committed >= 1000);
  REQUIRE(settled > 0);

  auto store = CaptureStore::open(file);
  REQUIRE(store);
  REQUIRE(store.value()->check_integrity());
  auto db = open_capture_connection(file);
  REQUIRE(db);
  auto paths = db.value().prepare("SELECT path FROM exchanges");
  REQUIRE(paths);
  std::set<long> present;
  while (paths.value().step().value())
    present.insert(std::stol(paths.value().bytes_at(0).substr(std::string("/item/").size())));
  long missing_committed = 0;
  for (long n = 1; n <= committed; ++n)
    missing_committed += present.count(n) ? 0 : 1;
  long missing_settled = 0;
  for (long n = 1; n <= settled; ++n)
    missing_settled += present.count(n) ? 0 : 1;
  CHECK(missing_committed == 0);
  CHECK(missing_settled == 0);
  const long last_enqueued = last_number(lines, "enqueued");
  if (std::getenv("POSTERN_STORE_REPORT"))
    std::fprintf(stderr,
                 "[store] crash: reported committed %ld, enqueued >=500 ms before kill %ld, "
                 "last enqueued seen %ld, present after reopen %zu\n",
                 committed, settled, last_enqueued, present.size());
}
#endif
