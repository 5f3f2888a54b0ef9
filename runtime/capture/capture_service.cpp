#include "runtime/capture/capture_service.hpp"

#include "runtime/capture/capture_recorder.hpp"
#include "runtime/capture/errc.hpp"
#include "runtime/capture/records_json.hpp"
#include "runtime/store/errc.hpp"

namespace postern::capture {

namespace {

base::Error no_active_session(std::string_view action) {
  return base::Error{errc::no_active_session,
                     "cannot " + std::string(action) + ": no debug session is running or paused",
                     "start one first (POST /v1/capture/start or `postern capture start`)"};
}

}  // namespace

std::string default_session_name(std::chrono::system_clock::time_point at) {
  const auto iso = iso8601(std::chrono::floor<std::chrono::milliseconds>(at));
  return "Session " + iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

CaptureService::CaptureService(store::CaptureStore& store, ServiceHooks hooks)
    : store_(store), hooks_(std::move(hooks)) {}

base::Result<base::Ok> CaptureService::recover() {
  std::lock_guard lock(mutex_);
  auto active = store_.active_session();
  if (!active) return active.error();
  const auto& left = active.value();
  // Only our own kind: an extension session belongs to whoever feeds it.
  if (!left || left->source != store::SessionSource::proxy) return base::Ok{};
  if (current_ && current_->settings->session_id == left->id) return base::Ok{};
  auto stopped = store_.stop_session(left->id);
  if (!stopped) return stopped.error();
  announce(stopped.value(), std::nullopt);
  return base::Ok{};
}

base::Result<store::Session> CaptureService::start(std::string name,
                                                   const CaptureOptions& options) {
  auto filter = CaptureFilter::create(options);
  if (!filter) return filter.error();
  std::lock_guard lock(mutex_);
  if (name.empty())
    name = default_session_name(hooks_.clock ? hooks_.clock() : std::chrono::system_clock::now());
  auto created = store_.create_session(
      store::NewSession{std::move(name), store::SessionSource::proxy, to_json(options).dump()});
  if (!created) return created.error();
  auto settings = std::make_shared<const CaptureSettings>(CaptureSettings{
      created.value().id, options, std::move(filter).value(), store_.spool_folder()});
  current_ = Current{settings, true};
  set_recording(std::move(settings));
  announce(created.value(), options);
  return created;
}

base::Result<store::Session> CaptureService::pause() {
  std::lock_guard lock(mutex_);
  if (!current_) return no_active_session("pause");
  auto paused = store_.pause_session(current_->settings->session_id);
  if (!paused) return paused.error();
  // After the store, so a refused pause leaves capture as it was; exchanges already started
  // keep recording and are stored when they finish.
  set_recording(nullptr);
  current_->running = false;
  announce(paused.value(), current_->settings->options);
  return paused;
}

base::Result<store::Session> CaptureService::resume() {
  std::lock_guard lock(mutex_);
  if (!current_) return no_active_session("resume");
  auto resumed = store_.resume_session(current_->settings->session_id);
  if (!resumed) return resumed.error();
  set_recording(current_->settings);
  current_->running = true;
  announce(resumed.value(), current_->settings->options);
  return resumed;
}

base::Result<StopResult> CaptureService::stop() {
  std::unique_lock lock(mutex_);
  if (!current_) return no_active_session("stop");
  auto stopped = store_.stop_session(current_->settings->session_id);
  if (!stopped && stopped.error().code == store::errc::not_found) {
    // Deleted behind our back: nothing is left to stop, and a new session must be possible.
    set_recording(nullptr);
    current_.reset();
  }
  if (!stopped) return stopped.error();
  set_recording(nullptr);
  const CaptureOptions options = current_->settings->options;
  current_.reset();
  announce(stopped.value(), options);
  // Writing a collection can take a while; the next session may start meanwhile.
  lock.unlock();
  return finish_stopped(std::move(stopped).value(), options);
}

StopResult CaptureService::finish_stopped(store::Session stopped, const CaptureOptions& options) {
  StopResult result{std::move(stopped), options, false, std::nullopt};
  const auto id = result.session.id;
  // What was captured before the stop is committed before the stop answers, so the session it
  // returns (and a `capture show` right after) counts every exchange. Exchanges still in
  // flight at the stop are stored later, and are not in a collection written now.
  const auto flushed = store_.flush();
  if (flushed) {
    if (auto fresh = store_.session(id)) result.session = std::move(fresh).value();
  }
  if (options.collection) {
    if (!flushed) result.collection_error = flushed.error();
    if (!hooks_.save_collection) {
      result.collection_error =
          base::Error{errc::no_collection_writer,
                      "collection: this runtime cannot write collections; the session was kept",
                      "export it later with GET /v1/sessions/" + std::to_string(id) +
                          "/export?format=collection"};
    } else if (auto saved = hooks_.save_collection(id, *options.collection); !saved) {
      result.collection_error = saved.error();
    }
  }
  // Deleting is safe only once the exchanges live somewhere else (or the user asked for no
  // copy at all): a failed collection keeps the session in the history.
  if (!options.save_to_history && !result.collection_error)
    result.deleted = store_.delete_session(id).has_value();
  return result;
}

base::Result<store::Session> CaptureService::update_options(const CaptureOptions& options) {
  auto filter = CaptureFilter::create(options);
  if (!filter) return filter.error();
  std::lock_guard lock(mutex_);
  if (!current_) return no_active_session("change the options");
  const auto id = current_->settings->session_id;
  // The session's row keeps what is in force, for the history and the export; a refusal
  // leaves capture as it was.
  if (auto saved = store_.set_session_options(id, to_json(options).dump()); !saved)
    return saved.error();
  auto session = store_.session(id);
  if (!session) return session.error();
  auto settings = std::make_shared<const CaptureSettings>(
      CaptureSettings{id, options, std::move(filter).value(), store_.spool_folder()});
  current_->settings = settings;
  if (current_->running) set_recording(std::move(settings));
  announce(session.value(), options);
  return session;
}

base::Result<std::optional<ActiveCapture>> CaptureService::active() {
  std::lock_guard lock(mutex_);
  if (!current_) return std::optional<ActiveCapture>();
  auto session = store_.session(current_->settings->session_id);
  if (!session) return session.error();
  return std::optional<ActiveCapture>(
      ActiveCapture{std::move(session).value(), current_->settings->options});
}

base::Result<store::Session> CaptureService::rename(std::int64_t id, std::string_view name) {
  std::lock_guard lock(mutex_);
  if (auto renamed = store_.rename_session(id, name); !renamed) return renamed.error();
  auto session = store_.session(id);
  if (!session) return session.error();
  if (current_ && current_->settings->session_id == id)
    announce(session.value(), current_->settings->options);
  return session;
}

std::optional<CaptureOptions> CaptureService::options_of(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  if (!current_ || current_->settings->session_id != id) return std::nullopt;
  return current_->settings->options;
}

void CaptureService::set_recording(std::shared_ptr<const CaptureSettings> settings) {
  // The pointer first, the flag after: a reader that sees the flag set finds settings (or, on
  // the way down, null, which it handles), never a stale pointer it could keep using.
  const bool on = settings != nullptr;
  if (!on) recording_flag_.store(false, std::memory_order_release);
  {
    std::lock_guard lock(recording_mutex_);
    settings.swap(recording_);
  }  // the old settings are released outside the lock
  if (on) recording_flag_.store(true, std::memory_order_release);
}

std::shared_ptr<const CaptureSettings> CaptureService::recording() const {
  if (!recording_flag_.load(std::memory_order_acquire)) return nullptr;  // no lock when idle
  std::lock_guard lock(recording_mutex_);
  return recording_;
}

void CaptureService::announce(const store::Session& session,
                              const std::optional<CaptureOptions>& options) {
  if (hooks_.publish) hooks_.publish("session", to_json(session, options));
}

std::unique_ptr<proxy::ExchangeRecorder> CaptureService::exchange_started(
    const proxy::ExchangeStart& start) {
  auto settings = recording();
  if (!settings || !settings->filter.accepts_request(start.method, start.url)) return nullptr;
  return std::make_unique<CaptureRecorder>(
      start, std::move(settings),
      [this](store::Exchange&& exchange) { return store_exchange(std::move(exchange)); });
}

bool CaptureService::store_exchange(store::Exchange&& exchange) {
  nlohmann::json event;
  const bool announce = hooks_.publish && (!hooks_.listening || hooks_.listening());
  if (announce) {
    event = to_json(summary_of(exchange));
    event["session_id"] = exchange.session_id;
  }
  const auto id = store_.enqueue(std::move(exchange));
  if (id && announce) {
    event["id"] = *id;  // readable with GET /v1/exchanges/{id} once committed (< 100 ms)
    hooks_.publish("exchange", event);
  }
  return id.has_value();
}

}  // namespace postern::capture
