#include "runtime/store/capture_writer.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sched.h>
#endif

#include "runtime/store/errc.hpp"
#include "runtime/store/session_table.hpp"
#include "runtime/store/store_file.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define STORE_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STORE_TEST_UNDER_ASAN 1
#endif
#endif

using namespace postern::store;
using postern::store::testing::at;
using postern::store::testing::fresh_database;
using postern::store::testing::make_exchange;
using postern::store::testing::new_proxy_session;
using postern::testing::TempDir;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// Measured numbers go to stderr when POSTERN_STORE_REPORT is set; tests stay quiet otherwise.
void report(const std::string& line) {
  if (std::getenv("POSTERN_STORE_REPORT")) std::fprintf(stderr, "[store] %s\n", line.c_str());
}

struct Fixture {
  TempDir dir;
  std::filesystem::path file = dir / "capture.db";
  Database db = fresh_database(file);
  std::int64_t session = new_proxy_session(db);

  // `setup`, when given, runs on the writer's connection before the writer takes it.
  std::unique_ptr<CaptureWriter> start(WriterOptions options, CommitObserver observer = {},
                                       HealthObserver health = {}, const std::string& setup = {}) {
    auto connection = open_capture_connection(file);
    REQUIRE(connection);
    if (!setup.empty()) REQUIRE(connection.value().exec(setup));
    auto writer = CaptureWriter::start(std::move(connection).value(), options, {observer, health});
    REQUIRE(writer);
    return std::move(writer).value();
  }
  std::int64_t stored() { return db.query_int("SELECT count(*) FROM exchanges").value(); }
};

WriterOptions lingering(std::size_t batch_items, milliseconds delay) {
  WriterOptions options;
  options.batch_items = batch_items;
  options.max_delay = delay;
  return options;
}

#ifdef __linux__
// How many of this process's threads run as SCHED_BATCH (from /proc/self/task).
int batch_threads() {
  int count = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    const pid_t tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
    if (sched_getscheduler(tid) == SCHED_BATCH) ++count;
  }
  return count;
}
#endif

}  // namespace

TEST_CASE("an enqueued exchange is visible to another connection within 100 ms",
          "[capture_writer]") {
  Fixture f;
  auto writer = f.start(WriterOptions{});
  milliseconds worst{0};
  for (int n = 1; n <= 10; ++n) {
    const auto enqueued = Clock::now();
    REQUIRE(writer->enqueue(make_exchange(f.session, n)));
    while (f.stored() < n && Clock::now() - enqueued < std::chrono::seconds(5))
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    const auto latency = std::chrono::duration_cast<milliseconds>(Clock::now() - enqueued);
    worst = std::max(worst, latency);
    std::this_thread::sleep_for(milliseconds(7 * n % 20));  // vary the phase against the timer
  }
  report("enqueue-to-visible latency, worst of 10: " + std::to_string(worst.count()) + " ms");
  // 50 ms linger + a commit of a few ms; the slack is for a loaded 2-core CI machine.
  CHECK(worst < milliseconds(100 + 400));
  CHECK(f.stored() == 10);
}

TEST_CASE("enqueue gives each exchange the id it is stored under, after those already stored",
          "[capture_writer]") {
  Fixture f;
  std::vector<std::int64_t> first_run;
  {
    auto writer = f.start(WriterOptions{});
    for (int n = 1; n <= 3; ++n)
      first_run.push_back(writer->enqueue(make_exchange(f.session, n)).value());
    REQUIRE(writer->flush());
  }
  CHECK(first_run == std::vector<std::int64_t>{1, 2, 3});
  for (int n = 1; n <= 3; ++n)
    CHECK(load_exchange(f.db, first_run[n - 1]).value().url == make_exchange(f.session, n).url);
  auto writer = f.start(WriterOptions{});  // a restart numbers on from the highest id stored
  const auto next = writer->enqueue(make_exchange(f.session, 4));
  REQUIRE(writer->flush());
  CHECK(next == std::optional<std::int64_t>(4));
  CHECK(load_exchange(f.db, 4).value().url == make_exchange(f.session, 4).url);
}

TEST_CASE("a lone exchange waits for the linger delay; a full batch does not", "[capture_writer]") {
  Fixture f;
  std::mutex lock;
  std::vector<Clock::time_point> commits;
  auto observe = [&](const CommitReport&) {
    std::lock_guard guard(lock);
    commits.push_back(Clock::now());
  };
  {
    auto writer = f.start(lingering(1000, std::chrono::hours(1)), observe);
    REQUIRE(writer->enqueue(make_exchange(f.session, 1)));
    REQUIRE(writer->flush());  // a flush commits at once...
    CHECK(f.stored() == 1);
  }
  commits.clear();
  {
    auto writer = f.start(lingering(1000, milliseconds(50)), observe);
    const auto enqueued = Clock::now();
    REQUIRE(writer->enqueue(make_exchange(f.session, 2)));
    // The row is visible at the commit; the observer hears of it a moment later, on the
    // writer's thread: wait for the observer, not for the row.
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    auto observed = [&] {
      std::lock_guard guard(lock);
      return !commits.empty();
    };
    while (!observed() && Clock::now() < deadline)
      std::this_thread::sleep_for(milliseconds(1));
    std::lock_guard guard(lock);
    REQUIRE(commits.size() == 1);
    CHECK(commits[0] - enqueued >= milliseconds(45));  // ...otherwise it lingers for company
  }
  commits.clear();
  {
    auto writer = f.start(lingering(10, std::chrono::hours(1)), observe);
    for (int n = 0; n < 10; ++n)
      REQUIRE(writer->enqueue(make_exchange(f.session, 10 + n)));
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (writer->stats().commits < 1 && Clock::now() < deadline)  // counted after the commit
      std::this_thread::sleep_for(milliseconds(1));
    CHECK(f.stored() == 12);  // the tenth filled the batch: committed without waiting an hour
    CHECK(writer->stats().commits == 1);
  }
}

TEST_CASE("commit reports count every stored exchange in order", "[capture_writer]") {
  Fixture f;
  std::vector<CommitReport> reports;
  std::mutex lock;
  {
    WriterOptions options = lingering(64, milliseconds(5));
    options.max_batch_items = 64;
    auto writer = f.start(options, [&](const CommitReport& r) {
      std::lock_guard guard(lock);
      reports.push_back(r);
    });
    for (int n = 0; n < 1000; ++n)
      REQUIRE(writer->enqueue(make_exchange(f.session, n)));
    REQUIRE(writer->flush());
    const auto stats = writer->stats();
    CHECK(stats.enqueued == 1000);
    CHECK(stats.committed == 1000);
    CHECK(stats.dropped == 0);
    CHECK(stats.queued == 0);
    CHECK(stats.queued_bytes == 0);
  }
  std::uint64_t total = 0;
  std::chrono::microseconds slowest{0}, spent{0};
  for (const auto& r : reports) {
    total += r.exchanges;
    CHECK(r.committed_total == total);
    slowest = std::max(slowest, r.took);
    spent += r.took;
  }
  CHECK(reports.size() >= 1000 / 64);
  report(std::to_string(reports.size()) + " commits of up to 64 exchanges: mean " +
         std::to_string(spent.count() / static_cast<long>(reports.size())) + " us, slowest " +
         std::to_string(slowest.count()) + " us");
  CHECK(total == 1000);
  CHECK(reports.back().last_exchange_id == f.db.query_int("SELECT max(id) FROM exchanges").value());
}

TEST_CASE("a full queue drops, never waits, and counts the drops per session", "[capture_writer]") {
  Fixture f;
  WriterOptions options = lingering(1000, std::chrono::hours(1));
  options.max_queue_items = 4;
  auto writer = f.start(options);
  int accepted = 0;
  const auto began = Clock::now();
  for (int n = 0; n < 10; ++n)
    accepted += writer->enqueue(make_exchange(f.session, n)) ? 1 : 0;
  CHECK(Clock::now() - began < milliseconds(500));
  CHECK(accepted == 4);
  CHECK(writer->stats().dropped == 6);
  REQUIRE(writer->flush());
  CHECK(f.stored() == 4);
  CHECK(find_session(f.db, f.session, at(0)).value().dropped_count == 6);
}

TEST_CASE("the queue's byte bound drops an exchange too big to hold", "[capture_writer]") {
  Fixture f;
  WriterOptions options;
  options.max_queue_bytes = 32 * 1024;
  auto writer = f.start(options);
  auto big = make_exchange(f.session, 1);
  big.request_body.bytes = std::string(64 * 1024, 'x');
  CHECK_FALSE(writer->enqueue(std::move(big)));
  CHECK(writer->enqueue(make_exchange(f.session, 2)));
  REQUIRE(writer->flush());
  CHECK(f.stored() == 1);
  CHECK(find_session(f.db, f.session, at(0)).value().dropped_count == 1);
}

TEST_CASE("exchanges of a deleted session are rejected, not stored", "[capture_writer]") {
  Fixture f;
  auto writer = f.start(WriterOptions{});
  REQUIRE(writer->enqueue(make_exchange(f.session + 100, 1)));
  REQUIRE(writer->enqueue(make_exchange(f.session, 2)));
  REQUIRE(writer->flush());
  CHECK(writer->stats().rejected == 1);
  CHECK(writer->stats().committed == 1);
  CHECK(f.stored() == 1);
}

TEST_CASE("a failed batch is counted and reported by flush", "[capture_writer]") {
  Fixture f;
  auto writer = f.start(WriterOptions{});
  REQUIRE(f.db.exec("PRAGMA foreign_keys = OFF; DROP TABLE cookies; DROP TABLE exchanges"));
  REQUIRE(writer->enqueue(make_exchange(f.session, 1)));
  auto flushed = writer->flush();
  REQUIRE_FALSE(flushed);
  CHECK(flushed.error().message.find("exchanges") != std::string::npos);
  CHECK(writer->stats().failed == 1);
  REQUIRE(writer->stats().last_failure);
  CHECK(writer->stats().last_failure->message == flushed.error().message);
}

TEST_CASE("stopping commits what is queued; later exchanges are dropped", "[capture_writer]") {
  Fixture f;
  auto writer = f.start(lingering(1000, std::chrono::hours(1)));
  for (int n = 0; n < 5; ++n)
    REQUIRE(writer->enqueue(make_exchange(f.session, n)));
  writer->stop();
  CHECK(f.stored() == 5);
  CHECK_FALSE(writer->enqueue(make_exchange(f.session, 6)));
  CHECK(writer->flush());  // nothing accepted is left unwritten
  CHECK(writer->stats().dropped == 1);
}

TEST_CASE("enqueue from many threads loses nothing", "[capture_writer]") {
  Fixture f;
  auto writer = f.start(lingering(128, milliseconds(10)));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int n = 0; n < 500; ++n)
        writer->enqueue(make_exchange(f.session, t * 1000 + n));
    });
  for (auto& thread : threads)
    thread.join();
  REQUIRE(writer->flush());
  CHECK(f.stored() == 2000);
}

#ifdef __linux__
#include <unistd.h>

namespace {

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

TEST_CASE("memory stays flat however many exchanges pass through", "[capture_writer]") {
#ifdef STORE_TEST_UNDER_ASAN
  constexpr int kRound = 5000;  // ASan's quarantine keeps freed memory: RSS says nothing here
#else
  constexpr int kRound = 100000;
#endif
  Fixture f;
  auto writer = f.start(WriterOptions{});
  int next = 0;
  const auto pump = [&](int count) {
    for (int i = 0; i < count; ++i) {
      // Keep the queue from overflowing so that every exchange is really stored.
      while (writer->stats().queued > 4096)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      REQUIRE(writer->enqueue(make_exchange(f.session, next++)));
    }
    REQUIRE(writer->flush());
  };
  const auto began = Clock::now();
  pump(kRound / 5);  // warm up: SQLite's page cache, the allocator's arenas
  const auto warm = resident_bytes();
  pump(kRound);
  const auto half = resident_bytes();
  pump(kRound);
  const auto full = resident_bytes();
  const auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - began);
  CHECK(f.stored() == next);
  CHECK(writer->stats().dropped == 0);
  report(std::to_string(next) + " exchanges in " + std::to_string(took.count()) +
         " ms; RSS after warm-up " + std::to_string(warm >> 10) + " KiB, +" +
         std::to_string((static_cast<long long>(half) - static_cast<long long>(warm)) >> 10) +
         " KiB after " + std::to_string(kRound) + ", +" +
         std::to_string((static_cast<long long>(full) - static_cast<long long>(warm)) >> 10) +
         " KiB after " + std::to_string(2 * kRound));
#ifndef STORE_TEST_UNDER_ASAN
  // 200k exchanges are ~100 MB of rows; what the process holds must not follow them.
  CHECK(full < warm + 32 * 1024 * 1024);
  CHECK(full < half + 8 * 1024 * 1024);
#endif
}
#endif

#ifdef __linux__
TEST_CASE("the writer thread runs as batch work on Linux, and only it", "[capture_writer]") {
  Fixture f;
  const int before = batch_threads();
  auto writer = f.start(WriterOptions{});
  writer->enqueue(make_exchange(f.session, 1));
  REQUIRE(writer->flush());  // the thread has surely started and set its policy by now
  CHECK(batch_threads() == before + 1);
  CHECK(sched_getscheduler(0) == SCHED_OTHER);  // the caller's thread keeps its own
  writer.reset();
  CHECK(batch_threads() == before);
}
#endif

// SQLite's page limit makes a write fail exactly as a full disk does (SQLITE_FULL); the real
// full disk (a tmpfs) is tests/e2e/disk_full_e2e.sh.
TEST_CASE("a full store: batches fail as disk full, told once; storing resumes when there is room",
          "[capture_writer]") {
  Fixture f;
  auto big = [&](int n) {
    Exchange e = make_exchange(f.session, n);
    e.response_body.bytes.assign(48 * 1024, 'x');
    return e;
  };
  {
    auto writer = f.start(WriterOptions{});
    for (int n = 1; n <= 8; ++n)
      REQUIRE(writer->enqueue(big(n)));
    REQUIRE(writer->flush());
  }
  const auto pages = f.db.query_int("PRAGMA page_count").value();
  std::mutex mutex;
  std::vector<WriterStats> told;
  auto health = [&](const WriterStats& now) {
    // A slow observer: flush() must still wait until it has been told.
    std::this_thread::sleep_for(milliseconds(100));
    std::lock_guard lock(mutex);
    told.push_back(now);
  };
  auto writer =
      f.start(WriterOptions{}, {}, health, "PRAGMA max_page_count = " + std::to_string(pages));
  for (int round = 0; round < 3; ++round) {  // three failing batches, one message
    REQUIRE(writer->enqueue(big(100 + round)));
    auto flushed = writer->flush();
    REQUIRE_FALSE(flushed);
  }
  auto stats = writer->stats();
  CHECK(stats.failing);
  REQUIRE(stats.last_failure);
  CHECK(stats.last_failure->code == errc::disk_full);
  CHECK(stats.last_failure->remedy.find("free disk space") != std::string::npos);
  CHECK(stats.failed == 3);
  CHECK(f.stored() == 8);  // what was stored before stays
  {
    std::lock_guard lock(mutex);
    REQUIRE(told.size() == 1);
    CHECK(told[0].failing);
    REQUIRE(told[0].last_failure);
    CHECK(told[0].last_failure->code == errc::disk_full);
    CHECK(told[0].failed == 1);  // told at the first failing batch, not the third
  }
  REQUIRE(f.db.exec("DELETE FROM exchanges WHERE id <= 4"));  // room again (free pages)
  REQUIRE(writer->enqueue(big(200)));
  REQUIRE(writer->flush());
  CHECK_FALSE(writer->stats().failing);
  CHECK(writer->stats().last_failure);  // kept: the history of what was lost
  CHECK(f.stored() == 5);
  std::lock_guard lock(mutex);
  REQUIRE(told.size() == 2);
  CHECK_FALSE(told[1].failing);
  CHECK(told[1].failed == 3);  // what was lost while it failed
}
