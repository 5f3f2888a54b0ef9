#include "runtime/store/capture_writer.hpp"

#include <utility>

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#endif

#include "runtime/store/body_spool.hpp"
#include "runtime/store/errc.hpp"

namespace postern::store {

namespace {

using Clock = std::chrono::steady_clock;

// What a queued exchange costs in memory, near enough for the queue's byte bound.
std::size_t footprint(const Exchange& e) {
  std::size_t size = sizeof(Exchange) + e.method.size() + e.url.size() + e.scheme.size() +
                     e.host.size() + e.path.size() + e.query.size() + e.http_version.size() +
                     e.reason.size() + e.client_address.size() + e.server_ip.size() +
                     e.error.size() + e.data_mode.size() + e.request_body.bytes.size() +
                     e.response_body.bytes.size();
  for (const auto* headers : {&e.request_headers, &e.response_headers})
    for (const auto& header : *headers)
      size += sizeof(Header) + header.name.size() + header.value.size();
  return size;
}

// What a queued exchange holds on disk, in spool files (body_spool.hpp).
std::size_t spooled_bytes(const Exchange& e) {
  std::size_t size = 0;
  for (const auto* body : {&e.request_body, &e.response_body})
    if (body->spooled) size += static_cast<std::size_t>(body->spooled->size());
  return size;
}

// The writer is batch work: its commits can wait a few milliseconds, the proxy's exchanges
// cannot. On Linux SCHED_BATCH keeps its wake-ups from preempting the proxy's threads (or the
// browser's); measured with bench/proxy_bench.sh. Elsewhere the thread runs as it is.
void run_as_batch_work() {
#ifdef __linux__
  const sched_param normal_priority{};
  pthread_setschedparam(pthread_self(), SCHED_BATCH, &normal_priority);
#endif
}

}  // namespace

base::Result<std::unique_ptr<CaptureWriter>> CaptureWriter::start(Database connection,
                                                                  WriterOptions options,
                                                                  WriterObservers observers) {
  std::unique_ptr<CaptureWriter> writer(
      new CaptureWriter(std::move(connection), std::move(options), std::move(observers)));
  // The writer checks each batch's sessions itself, inside the batch's write transaction
  // (session_exists), so no session can vanish between that check and the inserts. SQLite's
  // own per-row foreign-key check would repeat it for every exchange, and make every insert
  // keep a statement journal. Foreign keys stay on for every other connection (deletes cascade).
  if (auto unchecked = writer->db_.exec("PRAGMA foreign_keys = OFF"); !unchecked)
    return unchecked.error();
  auto inserter = ExchangeInserter::prepare(writer->db_);
  if (!inserter) return inserter.error();
  writer->inserter_.emplace(std::move(inserter).value());
  auto last_id = writer->inserter_->last_id();
  if (!last_id) return last_id.error();
  writer->last_id_ = last_id.value();
  writer->thread_ = std::thread([raw = writer.get()] {
    run_as_batch_work();
    raw->run();
  });
  return writer;
}

CaptureWriter::CaptureWriter(Database connection, WriterOptions options, WriterObservers observers)
    : db_(std::move(connection)), options_(std::move(options)), observers_(std::move(observers)) {}

CaptureWriter::~CaptureWriter() {
  stop();
}

std::optional<std::int64_t> CaptureWriter::enqueue(Exchange&& exchange) {
  // Capping and the derived columns are done here, on the caller's thread and outside the
  // lock, so the queue only ever holds what will be stored.
  prepare_for_storage(exchange, options_.limits);
  // The data mode is sniffed: a spooled body's head in memory is no longer needed.
  release_head(exchange.request_body);
  release_head(exchange.response_body);
  const std::size_t bytes = footprint(exchange);
  const std::size_t spooled = spooled_bytes(exchange);
  std::lock_guard lock(mutex_);
  const bool full = queue_.size() >= options_.max_queue_items ||
                    stats_.queued_bytes + bytes > options_.max_queue_bytes ||
                    stats_.queued_spooled_bytes + spooled > options_.max_queue_spooled_bytes;
  if (stopping_ || full) {
    ++stats_.dropped;
    if (!stopping_) {
      if (drops_.empty()) wake_.notify_one();
      ++drops_[exchange.session_id];
      ++drops_counted_;
    }
    return std::nullopt;
  }
  const std::int64_t id = ++last_id_;
  exchange.id = id;
  queue_.push_back(Pending{std::move(exchange), Clock::now(), bytes, spooled});
  ++accepted_;
  ++stats_.enqueued;
  stats_.queued = queue_.size();
  stats_.queued_bytes += bytes;
  stats_.queued_spooled_bytes += spooled;
  // The writer sleeps until the first exchange arrives, then lingers until the batch is full.
  if (queue_.size() == 1 || queue_.size() == options_.batch_items) wake_.notify_one();
  return id;
}

base::Result<base::Ok> CaptureWriter::flush() {
  std::unique_lock lock(mutex_);
  const auto target = accepted_;
  const auto drops_target = drops_counted_;
  const auto failures = stats_.failed;
  flush_to_ = std::max(flush_to_, target);
  wake_.notify_one();
  progress_.wait(
      lock, [&] { return (finished_ >= target && drops_finished_ >= drops_target) || !running_; });
  if (finished_ < target)
    return base::Error{errc::writer_stopped,
                       path_to_utf8(db_.file()) + ": the capture writer stopped before a flush",
                       ""};
  if (stats_.failed > failures)
    return base::Error{errc::sqlite_failure, stats_.last_failure->message, ""};
  return base::Ok{};
}

void CaptureWriter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

WriterStats CaptureWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool CaptureWriter::wait_for_batch(std::unique_lock<std::mutex>& lock) {
  wake_.wait(lock, [&] { return stopping_ || !queue_.empty() || !drops_.empty(); });
  if (queue_.empty()) return !drops_.empty();  // drops alone are written at once
  // Group commit: linger until the batch is full, the oldest exchange has waited max_delay,
  // or someone flushes or stops.
  const auto deadline = queue_.front().queued_at + options_.max_delay;
  wake_.wait_until(lock, deadline, [&] {
    return stopping_ || queue_.size() >= options_.batch_items || flush_to_ > taken_;
  });
  return true;
}

void CaptureWriter::run() {
  std::unique_lock lock(mutex_);
  Batch batch;
  while (wait_for_batch(lock)) {
    const std::size_t count = std::min(queue_.size(), options_.max_batch_items);
    for (std::size_t i = 0; i < count; ++i) {
      stats_.queued_bytes -= queue_.front().bytes;
      stats_.queued_spooled_bytes -= queue_.front().spooled;
      batch.items.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    stats_.queued = queue_.size();
    batch.drops.swap(drops_);
    taken_ += count;
    drops_taken_ = drops_counted_;
    const auto exchanges_done = taken_;
    const auto drops_done = drops_taken_;
    lock.unlock();

    const auto began = Clock::now();
    BatchResult result = write(batch);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - began);
    if (!result.error && result.committed > 0) {
      committed_total_ += result.committed;
      if (observers_.on_commit)
        observers_.on_commit(CommitReport{static_cast<std::size_t>(result.committed),
                                          committed_total_, result.last_id, took});
    }
    batch.items.clear();  // frees the exchanges outside the lock
    batch.drops.clear();

    lock.lock();
    const bool was_failing = stats_.failing;
    count_batch(result, count);
    if (was_failing != stats_.failing && observers_.on_health) {
      const WriterStats now = stats_;
      lock.unlock();
      observers_.on_health(now);
      lock.lock();
    }
    // Only now is the batch finished for flush(): its observers have all been told, so a caller
    // of flush() sees their effects (the runtime's log line and storage event, say).
    finished_ = exchanges_done;
    drops_finished_ = drops_done;
    progress_.notify_all();
  }
  running_ = false;
  progress_.notify_all();
}

void CaptureWriter::count_batch(const BatchResult& result, std::size_t exchanges) {
  if (result.error) {
    stats_.failed += exchanges;
    stats_.last_failure = result.error;
    stats_.failing = true;
  } else {
    stats_.committed += result.committed;
    stats_.rejected += result.rejected;
    ++stats_.commits;
    stats_.failing = false;
  }
}

CaptureWriter::BatchResult CaptureWriter::write(const Batch& batch) {
  BatchResult result;
  inserter_->forget_counts();  // a batch that failed before left its counts behind
  auto transaction = Transaction::begin(db_);
  if (!transaction) {
    result.error = transaction.error();
    return result;
  }
  std::map<std::int64_t, bool> known_sessions;
  for (const auto& pending : batch.items) {
    const auto session = pending.exchange.session_id;
    auto known = known_sessions.find(session);
    if (known == known_sessions.end()) {
      auto exists = inserter_->session_exists(session);
      if (!exists) return BatchResult{0, 0, 0, exists.error()};
      known = known_sessions.emplace(session, exists.value()).first;
    }
    if (!known->second) {
      ++result.rejected;  // the session was deleted while its exchanges were queued
      continue;
    }
    auto id = inserter_->insert(pending.exchange);
    if (!id) return BatchResult{0, 0, 0, id.error()};
    result.last_id = id.value();
    ++result.committed;
  }
  for (const auto& [session, count] : batch.drops)
    if (auto added = inserter_->add_dropped(session, count); !added)
      return BatchResult{0, 0, 0, added.error()};
  if (auto counted = inserter_->apply_counts(); !counted)
    return BatchResult{0, 0, 0, counted.error()};
  if (auto committed = transaction.value().commit(); !committed)
    return BatchResult{0, 0, 0, committed.error()};
  return result;
}

}  // namespace postern::store
