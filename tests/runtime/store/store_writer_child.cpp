// The child process of capture_store_test's crash test: opens the store given as argv[1], starts
// a session, and enqueues exchanges (/item/1, /item/2, ...) until it is killed. It prints
//   "committed N"  after each commit (N exchanges stored so far, in order),
//   "enqueued N"   every 10 ms (exchange N has been handed to the store),
//   "dropped N"    if the queue ever refused one (the parent then fails the test),
// each line with a single write(2), which a pipe keeps whole.

#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "runtime/store/capture_store.hpp"
#include "store_fixtures.hpp"

using namespace postern::store;

namespace {

void say(const std::string& line) {
  const std::string text = line + "\n";
  (void)!::write(STDOUT_FILENO, text.data(), text.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    say("error usage: store_writer_child <capture.db>");
    return 2;
  }
  StoreOptions options;
  options.on_commit = [](const CommitReport& report) {
    say("committed " + std::to_string(report.committed_total));
  };
  auto store = CaptureStore::open(argv[1], options);
  if (!store) {
    say("error " + store.error().message);
    return 1;
  }
  auto session = store.value()->create_session(NewSession{"crash", SessionSource::proxy, "{}"});
  if (!session) {
    say("error " + session.error().message);
    return 1;
  }
  say("session " + std::to_string(session.value().id));
  auto last_note = std::chrono::steady_clock::now();
  for (int n = 1;; ++n) {
    if (!store.value()->enqueue(testing::make_exchange(session.value().id, n)))
      say("dropped " + std::to_string(n));
    const auto now = std::chrono::steady_clock::now();
    if (now - last_note >= std::chrono::milliseconds(10)) {
      say("enqueued " + std::to_string(n));
      last_note = now;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
}
