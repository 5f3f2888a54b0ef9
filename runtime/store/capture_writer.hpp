#pragma once
// The capture writer: a thread that takes finished exchanges from a bounded queue and commits
// them in group transactions, so that capturing never waits on the disk.
//
// Timing: a batch commits when batch_items exchanges wait, or when the oldest waiting one has
// waited max_delay (50 ms), whichever comes first; with commits taking a few milliseconds in
// WAL mode, an exchange is durable well within 100 ms of enqueue().
//
// Queue policy when full: drop, never wait. enqueue() is called on the proxy's I/O threads;
// waiting there would stall live traffic behind the disk, which is the one thing a capture tool
// must not do. The bounds (items and bytes) only fill when the disk is slower than the traffic
// for seconds, and then a lost capture copy is the lesser harm: the proxied request itself is
// unaffected. Every drop is counted, per session, into sessions.dropped_count, so the history
// shows that a session is incomplete and by how much.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "runtime/store/capture_policy.hpp"
#include "runtime/store/exchange_table.hpp"
#include "runtime/store/records.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// The writer's bounds and timing.
struct WriterOptions {
  std::size_t max_queue_items = 8192;              ///< exchanges waiting, at most
  std::size_t max_queue_bytes = 32 * 1024 * 1024;  ///< their approximate memory, at most
  /// Their spooled body bytes (on disk, body_spool.hpp), at most.
  std::size_t max_queue_spooled_bytes = 512 * 1024 * 1024;
  std::size_t batch_items = 256;            ///< commit as soon as this many wait
  std::size_t max_batch_items = 1024;       ///< largest single transaction
  std::chrono::milliseconds max_delay{50};  ///< ... or when the oldest waited this long
  CaptureLimits limits;                     ///< what is kept of each exchange
};

/// What one commit stored; given to the commit observer on the writer thread.
struct CommitReport {
  std::size_t exchanges = 0;          ///< exchanges stored by this commit
  std::uint64_t committed_total = 0;  ///< exchanges stored since the writer started
  std::int64_t last_exchange_id = 0;  ///< id of the last exchange stored (0 if none)
  std::chrono::microseconds took{};   ///< time spent in the transaction
};

/// Called after each successful commit, on the writer thread; keep it short.
using CommitObserver = std::function<void(const CommitReport&)>;

/// Counters since the writer started.
struct WriterStats {
  std::uint64_t enqueued = 0;               ///< accepted by enqueue()
  std::uint64_t committed = 0;              ///< stored
  std::uint64_t dropped = 0;                ///< refused by enqueue(): queue full or writer stopped
  std::uint64_t rejected = 0;               ///< not stored: their session no longer exists
  std::uint64_t failed = 0;                 ///< not stored: their batch's transaction failed
  std::uint64_t commits = 0;                ///< transactions committed
  std::size_t queued = 0;                   ///< waiting now
  std::size_t queued_bytes = 0;             ///< their approximate memory now
  std::size_t queued_spooled_bytes = 0;     ///< their spooled body bytes now
  std::optional<base::Error> last_failure;  ///< the last failed batch's error
  bool failing = false;                     ///< the last batch failed; cleared by a commit
};

/// Called on the writer thread when storing starts to fail (`now.failing`, with the error in
/// `now.last_failure`, say a full disk) and when it works again: once per change, not once per
/// batch. `now` is the counters just after the change, so a report can say how many were lost.
using HealthObserver = std::function<void(const WriterStats& now)>;

/// What the writer is told about its own progress; either may be left empty.
struct WriterObservers {
  CommitObserver on_commit;
  HealthObserver on_health;
};

/// Owns one connection and the thread that writes through it.
class CaptureWriter {
 public:
  /// Starts the writer on `connection` (a capture database already migrated).
  static base::Result<std::unique_ptr<CaptureWriter>> start(Database connection,
                                                            WriterOptions options,
                                                            WriterObservers observers = {});
  /// Stops the writer after committing everything queued.
  ~CaptureWriter();
  CaptureWriter(const CaptureWriter&) = delete;
  CaptureWriter& operator=(const CaptureWriter&) = delete;

  /// Queues `exchange` for storage; never waits on the disk. False when it was dropped (queue
  /// full, or the writer stopped); the drop is counted against its session.
  /// The id it will have (ids are given in the order exchanges are queued, after the highest
  /// one stored when the writer started); empty when it was dropped.
  std::optional<std::int64_t> enqueue(Exchange&& exchange);

  /// Waits until everything enqueued before this call is committed (or has failed), and the
  /// observers have been told; the last failure's error when any batch failed meanwhile.
  base::Result<base::Ok> flush();

  /// Commits what is queued, then ends the thread. Later enqueues are dropped.
  void stop();

  /// The counters now.
  WriterStats stats() const;

 private:
  struct Pending {
    Exchange exchange;
    std::chrono::steady_clock::time_point queued_at;
    std::size_t bytes;
    std::size_t spooled;
  };
  struct Batch {
    std::vector<Pending> items;
    std::map<std::int64_t, std::uint64_t> drops;
  };
  struct BatchResult {
    std::uint64_t committed = 0;
    std::uint64_t rejected = 0;
    std::int64_t last_id = 0;
    std::optional<base::Error> error;
  };

  CaptureWriter(Database connection, WriterOptions options, WriterObservers observers);
  void run();
  bool wait_for_batch(std::unique_lock<std::mutex>& lock);
  BatchResult write(const Batch& batch);
  void count_batch(const BatchResult& result, std::size_t exchanges);  // mutex_ held

  Database db_;  // declared before inserter_: its statements are finalized first
  std::optional<ExchangeInserter> inserter_;  // prepared on db_ where it lives, by start()
  const WriterOptions options_;
  const WriterObservers observers_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;      // the writer waits on it
  std::condition_variable progress_;  // flush() waits on it
  std::deque<Pending> queue_;
  std::map<std::int64_t, std::uint64_t> drops_;  // per session, not yet written
  // Sequence numbers: exchanges count 1, 2, ... as enqueue() accepts them, drops likewise.
  std::uint64_t accepted_ = 0;         // last exchange accepted
  std::uint64_t taken_ = 0;            // last exchange taken into a batch
  std::uint64_t finished_ = 0;         // last exchange committed or failed
  std::uint64_t flush_to_ = 0;         // commit up to here without lingering
  std::uint64_t drops_counted_ = 0;    // last drop counted
  std::uint64_t drops_taken_ = 0;      // last drop taken into a batch
  std::uint64_t drops_finished_ = 0;   // last drop written (or lost with its batch)
  std::uint64_t committed_total_ = 0;  // owned by the writer thread
  std::int64_t last_id_ = 0;           // the last exchange id given out
  bool stopping_ = false;
  bool running_ = true;
  WriterStats stats_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace postern::store
