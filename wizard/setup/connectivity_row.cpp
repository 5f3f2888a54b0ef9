#include "wizard/setup/connectivity_row.hpp"

#include "base/codes.hpp"
#include "runtime/bridge/runtime_probe.hpp"

namespace postern::setup {

namespace {

using nlohmann::json;

std::string text(const json& report, const char* key) {
  auto found = report.find(key);
  return found != report.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

base::Outcome connectivity_outcome(const json& report, const std::string& settings_file) {
  if (!report.is_object())
    return base::failed("internet", "", std::string(base::codes::runtime_not_responding),
                        "the runtime's connectivity answer is not a report",
                        "update postern-runtime to the version of this postern");
  const std::string url = text(report, "url"), via = text(report, "via");
  const std::string route = text(report, "route");
  if (report.value("ok", false)) {
    const long long ms = report.value("elapsed_ms", 0LL);
    return base::already("internet", url,
                         text(report, "message") + " in " + std::to_string(ms) + " ms (" +
                             (via == "direct" ? "direct: " + route : "via " + route) + ")");
  }
  if (text(report, "failure") == "settings")
    return base::failed("internet", settings_file, std::string(base::codes::settings_invalid),
                        text(report, "message"), text(report, "remedy"));
  std::string cause = text(report, "message");
  if (!route.empty()) cause += " [route: " + route + "]";
  return base::failed("internet", url, std::string(base::codes::internet_connectivity), cause,
                      text(report, "remedy"));
}

base::Outcome ask_runtime_connectivity(const base::AppPaths& paths,
                                       const std::optional<std::string>& url,
                                       std::chrono::milliseconds wait) {
  json request{{"type", "connectivity.check"}, {"id", "doctor"}};
  if (url) request["url"] = *url;
  auto answer = bridge::ask_runtime(paths.runtime, request, "connectivity", wait);
  if (!answer.message) {
    const auto code = bridge::failure_code(answer.failure);
    return base::failed(
        "internet", bridge::runtime_socket_file(paths.runtime).string(),
        code.empty() ? std::string(base::codes::runtime_not_responding) : std::string(code),
        "the runtime did not run the connectivity check: " + answer.detail,
        "see the runtime row; restart the runtime if it stays");
  }
  return connectivity_outcome(answer.message->value("report", json()),
                              paths.settings_file().string());
}

}  // namespace postern::setup
