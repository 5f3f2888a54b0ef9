#include "runtime/control/client/capture_api.hpp"

#include "base/files.hpp"
#include "runtime/control/client/control_call.hpp"

namespace postern::control_client {

using nlohmann::json;

namespace {

std::string session_path(std::int64_t id) {
  return "/v1/sessions/" + std::to_string(id);
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words)
    out += (out.empty() ? "" : ",") + word;
  return out;
}

}  // namespace

CallResult<RuntimeStatus> CaptureApi::runtime_status() {
  return call_typed(api_, "GET", "/v1/status", nullptr, read_runtime_status);
}

CallResult<CaptureStatus> CaptureApi::capture_status() {
  return call_typed(api_, "GET", "/v1/capture", nullptr, read_capture_status);
}

CallResult<Session> CaptureApi::start(const std::optional<std::string>& name,
                                      const std::optional<CaptureOptions>& options) {
  json body = json::object();
  if (name) body["name"] = *name;
  if (options) body["options"] = to_json(*options);
  return call_typed(api_, "POST", "/v1/capture/start", body, read_session);
}

CallResult<Session> CaptureApi::set_options(const CaptureOptions& options) {
  return call_typed(api_, "PUT", "/v1/capture/options", to_json(options), read_session);
}

CallResult<Session> CaptureApi::transition(const std::string& verb) {
  return call_typed(api_, "POST", "/v1/capture/" + verb, nullptr, read_session);
}

CallResult<Session> CaptureApi::pause() {
  return transition("pause");
}

CallResult<Session> CaptureApi::resume() {
  return transition("resume");
}

CallResult<Session> CaptureApi::stop() {
  return transition("stop");
}

CallResult<std::vector<Session>> CaptureApi::sessions() {
  return call_typed(api_, "GET", "/v1/sessions", nullptr, read_session_list);
}

CallResult<Session> CaptureApi::session(std::int64_t id) {
  return call_typed(api_, "GET", session_path(id), nullptr, read_session);
}

CallResult<Session> CaptureApi::rename(std::int64_t id, const std::string& name) {
  return call_typed(api_, "PATCH", session_path(id), json{{"name", name}}, read_session);
}

CallResult<base::Ok> CaptureApi::remove(std::int64_t id) {
  auto answer = call_json(api_, "DELETE", session_path(id));
  if (!answer) return answer.error();
  return base::Ok{};
}

CallResult<base::Ok> CaptureApi::remove_exchange(std::int64_t id) {
  auto answer = call_json(api_, "DELETE", "/v1/exchanges/" + std::to_string(id));
  if (!answer) return answer.error();
  return base::Ok{};
}

CallResult<ExchangePage> CaptureApi::exchanges(std::int64_t session, const ExchangeQuery& query) {
  QueryParams params{{"search", query.search}};
  if (query.page) params.emplace_back("page", std::to_string(*query.page));
  if (query.per_page) params.emplace_back("per_page", std::to_string(*query.per_page));
  return call_typed(api_, "GET", with_query(session_path(session) + "/exchanges", params), nullptr,
                    read_exchange_page);
}

CallResult<Exchange> CaptureApi::exchange(std::int64_t id) {
  return call_typed(api_, "GET", "/v1/exchanges/" + std::to_string(id), nullptr, read_exchange);
}

CallResult<Overview> CaptureApi::overview(std::int64_t session) {
  return call_typed(api_, "GET", session_path(session) + "/overview", nullptr, read_overview);
}

CallResult<std::vector<SessionCookie>> CaptureApi::session_cookies(std::int64_t session) {
  return call_typed(api_, "GET", session_path(session) + "/cookies", nullptr, read_session_cookies);
}

CallResult<ToJarResult> CaptureApi::cookies_to_jar(std::int64_t session,
                                                   const std::vector<std::int64_t>& exchange_ids) {
  json body = json::object();
  if (!exchange_ids.empty()) body["exchange_ids"] = exchange_ids;
  return call_typed(api_, "POST", session_path(session) + "/cookies/to-jar", body, read_to_jar);
}

CallResult<ExportResult> CaptureApi::export_session(std::int64_t session,
                                                    const ExportRequest& request) {
  const bool har = request.format == ExportFormat::har;
  QueryParams params{{"format", har ? "har" : "collection"}};
  if (!har) params.emplace_back("group_by", joined(request.group_by));
  auto document = call_text(api_, "GET", with_query(session_path(session) + "/export", params));
  if (!document) return document.error();
  // 0644 like any document a user saves: other tools (Postman, a HAR viewer) open it.
  if (auto saved =
          base::write_file_atomically(request.path, document.value(), base::FileMode::world_read);
      !saved)
    return failure_from(saved.error());
  return ExportResult{request.path, document.value().size()};
}

}  // namespace postern::control_client
