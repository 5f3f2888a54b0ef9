#include "runtime/control/client/cookie_api.hpp"

#include "base/files.hpp"
#include "runtime/control/client/control_call.hpp"

namespace postern::control_client {

using nlohmann::json;

namespace {

std::string read_cookie_header(const JsonFields& fields) {
  return fields.text("cookie");
}

}  // namespace

CallResult<std::vector<Cookie>> CookieApi::list(const std::string& domain) {
  return call_typed(api_, "GET", with_query("/v1/cookies", {{"domain", domain}}), nullptr,
                    read_cookie_list);
}

CallResult<CookieAdded> CookieApi::add(const std::string& url, const std::string& set_cookie) {
  return call_typed(api_, "POST", "/v1/cookies", json{{"url", url}, {"set_cookie", set_cookie}},
                    read_cookie_added);
}

CallResult<std::string> CookieApi::header_for(const std::string& url) {
  return call_typed(api_, "GET", with_query("/v1/cookies/header", {{"url", url}}), nullptr,
                    read_cookie_header);
}

CallResult<std::int64_t> CookieApi::remove(const CookieSelector& which) {
  if (which.domain.empty())
    return CallFailure{"BAD_FIELD", "name the domain whose cookies to delete", "", 0};
  const QueryParams query{{"domain", which.domain}, {"path", which.path}, {"name", which.name}};
  return call_typed(api_, "DELETE", with_query("/v1/cookies", query), nullptr, read_removed);
}

CallResult<std::int64_t> CookieApi::clear() {
  return call_typed(api_, "DELETE", "/v1/cookies", nullptr, read_removed);
}

CallResult<std::size_t> CookieApi::export_netscape(const std::filesystem::path& path) {
  auto text = call_text(api_, "GET", "/v1/cookies/export?format=netscape");
  if (!text) return text.error();
  // 0600: the file holds live session cookies, which are as good as passwords.
  if (auto saved = base::write_file_atomically(path, text.value(), base::FileMode::owner_only);
      !saved)
    return failure_from(saved.error());
  return text.value().size();
}

CallResult<CookieImport> CookieApi::import_netscape(std::string text) {
  const std::string target = "/v1/cookies/import?format=netscape";
  auto answer = call_json_with_text(api_, "POST", target, std::move(text));
  if (!answer) return answer.error();
  std::string problem;
  CookieImport result = read_cookie_import(JsonFields(answer.value(), "", problem));
  if (!problem.empty()) return bad_answer("POST", target, problem);
  return result;
}

}  // namespace postern::control_client
