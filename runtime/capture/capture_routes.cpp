#include "runtime/capture/capture_routes.hpp"

#include "runtime/capture/records_json.hpp"
#include "runtime/capture/route_helpers.hpp"
#include "runtime/capture/session_routes.hpp"
#include "runtime/control/route_helpers.hpp"

namespace postern::capture {

namespace {

using control::ApiRequest;
using control::ApiResponse;
using control::RouteMatch;
using json = nlohmann::json;

ApiResponse session_answer(int status, const base::Result<store::Session>& session,
                           const std::optional<CaptureOptions>& options) {
  if (!session) return error_to_response(session.error());
  return control::json_response(status, to_json(session.value(), options));
}

ApiResponse get_capture(CaptureService& service, const store::CaptureStore& store) {
  auto active = service.active();
  if (!active) return error_to_response(active.error());
  json answer = {{"session", nullptr}, {"options", nullptr}};
  if (active.value()) {
    const auto& now = *active.value();
    answer = {{"session", to_json(now.session, now.options)}, {"options", to_json(now.options)}};
  }
  answer["storage"] = storage_json(store.writer_stats());
  return control::json_response(200, answer);
}

ApiResponse start_capture(CaptureService& service, const ApiRequest& request) {
  auto body = control::json_body(request);
  if (!body) return *body.refusal;
  std::string name;
  CaptureOptions options;
  for (const auto& [key, value] : body.value->items()) {
    if (key == "name") {
      if (!value.is_string()) return control::bad_field("name: must be a string");
      name = value.get<std::string>();
    } else if (key == "options") {
      if (value.is_null()) continue;
      auto parsed = options_from_json(value);
      if (!parsed) return control::bad_field("options." + parsed.error().message);
      options = std::move(parsed).value();
    } else {
      return control::bad_field(key + ": unknown field (known: name, options)");
    }
  }
  return session_answer(201, service.start(std::move(name), options), options);
}

ApiResponse put_options(CaptureService& service, const ApiRequest& request) {
  auto body = control::json_body(request);
  if (!body) return *body.refusal;
  auto options = options_from_json(*body.value);
  if (!options) return error_to_response(options.error());
  return session_answer(200, service.update_options(options.value()), options.value());
}

ApiResponse stop_capture(CaptureService& service) {
  auto stopped = service.stop();
  if (!stopped) return error_to_response(stopped.error());
  const auto& result = stopped.value();
  // Session, plus what happened after the stop (the API's answer is the stopped session).
  auto answer = to_json(result.session, result.options);
  answer["deleted"] = result.deleted;
  answer["collection_error"] =
      result.collection_error ? json(result.collection_error->message) : json(nullptr);
  return control::json_response(200, answer);
}

}  // namespace

void add_capture_routes(control::ApiRouter& router, CaptureService& service,
                        store::CaptureStore& store) {
  CaptureService* s = &service;
  store::CaptureStore* st = &store;
  router.add("GET", "/v1/capture",
             [s, st](const ApiRequest&, const RouteMatch&) { return get_capture(*s, *st); });
  router.add("POST", "/v1/capture/start", [s](const ApiRequest& request, const RouteMatch&) {
    return start_capture(*s, request);
  });
  router.add("PUT", "/v1/capture/options", [s](const ApiRequest& request, const RouteMatch&) {
    return put_options(*s, request);
  });
  router.add("POST", "/v1/capture/pause", [s](const ApiRequest&, const RouteMatch&) {
    auto paused = s->pause();
    return session_answer(200, paused, paused ? s->options_of(paused.value().id) : std::nullopt);
  });
  router.add("POST", "/v1/capture/resume", [s](const ApiRequest&, const RouteMatch&) {
    auto resumed = s->resume();
    return session_answer(200, resumed, resumed ? s->options_of(resumed.value().id) : std::nullopt);
  });
  router.add("POST", "/v1/capture/stop",
             [s](const ApiRequest&, const RouteMatch&) { return stop_capture(*s); });
  add_session_routes(router, service, store);
}

}  // namespace postern::capture
