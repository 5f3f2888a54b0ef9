#include "runtime/daemon/runtime_services.hpp"

#include <system_error>
#include <utility>

#include "runtime/capture/capture_routes.hpp"
#include "runtime/capture/records_json.hpp"
#include "runtime/control/event_routes.hpp"
#include "runtime/cookies/cookie_routes.hpp"
#include "runtime/export/collection_export.hpp"
#include "runtime/export/export_routes.hpp"
#include "runtime/export/json_file.hpp"

namespace postern::daemon {
namespace {

namespace fs = std::filesystem;

exports::GroupBy folders_of(const std::vector<capture::GroupBy>& levels) {
  exports::GroupBy group_by;
  for (capture::GroupBy level : levels) {
    if (level == capture::GroupBy::domain) group_by.domain = true;
    if (level == capture::GroupBy::endpoint) group_by.endpoint = true;
  }
  return group_by;
}

}  // namespace

capture::CollectionSaver collection_saver(store::CaptureStore& store) {
  return [&store](std::int64_t session_id,
                  const capture::CollectionTarget& target) -> base::Result<base::Ok> {
    auto session = store.session(session_id);
    if (!session) return session.error();
    auto exchanges = exports::session_exchanges(store, session_id);
    if (!exchanges) return exchanges.error();
    const nlohmann::json document = exports::collection_document(session.value(), exchanges.value(),
                                                                 folders_of(target.group_by));
    return exports::write_json_file_atomically(fs::u8path(target.path), document);
  };
}

base::Result<std::unique_ptr<RuntimeServices>> RuntimeServices::open(
    const fs::path& data, std::function<void(const std::string&)> log) {
  std::error_code ignored;
  if (fs::create_directories(data, ignored))
    fs::permissions(data, fs::perms::owner_all, fs::perm_options::replace, ignored);
  std::unique_ptr<RuntimeServices> services(new RuntimeServices());
  // The store keeps what a session's body_limit asks for, up to its maximum (64 MiB): large
  // bodies wait in spool files, so the cap costs disk, not memory.
  store::StoreOptions store_options;
  store_options.writer.limits.max_body_bytes = capture::CaptureOptions::kMaxBodyLimit;
  // Once when storing starts to fail (a full disk), once when it works again: a log line, and
  // `event: storage` for open capture windows. GET /v1/capture says the same to whoever asks.
  control::EventHub& events = services->events_;
  store_options.on_health = [log, &events](const store::WriterStats& now) {
    events.publish("storage", capture::storage_json(now));
    if (!log) return;
    const auto& failure = now.last_failure;
    log(now.failing && failure
            ? "capture: exchanges cannot be stored until this is fixed: " + failure->message +
                  (failure->remedy.empty() ? "" : " (" + failure->remedy + ")")
            : "capture: exchanges are stored again");
  };
  auto store = store::CaptureStore::open(data / "capture.db", store_options);
  if (!store) return store.error();
  services->store_ = std::move(store.value());
  auto jar = cookies::CookieJarService::open(data / "cookies.json");
  if (!jar) return jar.error();
  services->cookie_jar_ = std::move(jar.value());
  capture::ServiceHooks hooks;
  hooks.save_collection = collection_saver(*services->store_);
  hooks.publish = [&events](std::string_view name, const nlohmann::json& event) {
    events.publish(name, event);
  };
  hooks.listening = [&events] { return events.subscribers() > 0; };
  services->capture_ =
      std::make_shared<capture::CaptureService>(*services->store_, std::move(hooks));
  if (auto recovered = services->capture_->recover(); !recovered && log)
    log("cannot stop the session a previous run left open: " + recovered.error().message);
  return services;
}

void RuntimeServices::add_routes(control::ApiRouter& router) {
  capture::add_capture_routes(router, *capture_, *store_);
  exports::add_export_routes(router, *store_);
  cookies::add_cookie_routes(router, *cookie_jar_);
  cookies::add_session_cookie_routes(router, *cookie_jar_, *store_);
  control::add_event_routes(router, events_);
}

}  // namespace postern::daemon
