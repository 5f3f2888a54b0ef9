#include "cli/wire_views.hpp"

#include <algorithm>
#include <ostream>

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/oauth2_grants.hpp"
#include "runtime/auth/request_target.hpp"

namespace postern::cli {
namespace {

// Auth parameters whose values are secrets, by the Postman key names every scheme uses.
constexpr std::string_view kSecretKeys[] = {
    "password",   "token",        "accessToken",   "refreshToken",   "clientSecret",
    "secretKey",  "sessionToken", "authKey",       "consumerSecret", "tokenSecret",
    "privateKey", "clientToken",  "client_secret", "access_token"};

// Secrets shorter than this would mask ordinary words ("a", "id").
constexpr std::size_t kShortestMasked = 3;

std::string mask_cookie_pairs(std::string_view value) {
  std::string out;
  std::size_t at = 0;
  while (at <= value.size()) {
    auto end = value.find(';', at);
    std::string_view pair = value.substr(at, end == std::string_view::npos ? end : end - at);
    auto eq = pair.find('=');
    if (!out.empty()) out += ";";
    out += eq == std::string_view::npos ? std::string(pair)
                                        : std::string(pair.substr(0, eq + 1)) + "***";
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return out;
}

}  // namespace

SecretRedactor::SecretRedactor(std::vector<std::string> secrets, bool show) : show_(show) {
  for (auto& secret : secrets) {
    if (secret.size() >= kShortestMasked) secrets_.push_back(std::move(secret));
  }
}

std::string SecretRedactor::text(std::string_view text) const {
  if (show_) return std::string(text);
  return auth::redact_secrets(std::string(text), secrets_);
}

std::string SecretRedactor::header_value(std::string_view name, std::string_view value) const {
  if (show_) return std::string(value);
  if (auth::equals_ignoring_case(name, "Authorization") ||
      auth::equals_ignoring_case(name, "Proxy-Authorization")) {
    auto space = value.find(' ');
    return space == std::string_view::npos ? "***" : std::string(value.substr(0, space)) + " ***";
  }
  if (auth::equals_ignoring_case(name, "Cookie")) return mask_cookie_pairs(value);
  if (auth::equals_ignoring_case(name, "Set-Cookie")) {
    auto semicolon = value.find(';');
    return mask_cookie_pairs(value.substr(0, semicolon)) +
           (semicolon == std::string_view::npos ? "" : std::string(value.substr(semicolon)));
  }
  return text(value);
}

std::string SecretRedactor::header_line(std::string_view line) const {
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return text(line);
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && value.front() == ' ')
    value.remove_prefix(1);
  return std::string(line.substr(0, colon)) + ": " + header_value(line.substr(0, colon), value);
}

std::vector<std::string> secret_values(std::string_view type, const auth::AuthParams& params) {
  std::vector<std::string> secrets;
  for (const auto& [key, value] : params.all()) {
    bool secret =
        std::find(std::begin(kSecretKeys), std::end(kSecretKeys), key) != std::end(kSecretKeys);
    // An API key's "value" is the key itself.
    if (secret || (type == "apikey" && key == "value")) {
      if (!value.empty()) secrets.push_back(value);
    }
  }
  return secrets;
}

bool is_printable_body(std::string_view body) {
  if (body.find('\0') != std::string_view::npos) return false;
  std::size_t i = 0;
  while (i < body.size()) {
    auto byte = static_cast<unsigned char>(body[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xe  ? 3
                         : (byte >> 3) == 0x1e ? 4
                                               : 0;
    if (length == 0 || i + length > body.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(body[i + k]) >> 6) != 0x2) return false;
    }
    i += length;
  }
  return true;
}

void print_dry_run(std::ostream& out, const auth::HttpRequest& request, std::string_view user_agent,
                   const SecretRedactor& redactor) {
  auto target = auth::split_request_target(request.url);
  std::string path = target ? target.value().path : request.url;
  if (target && !target.value().query.empty()) path += "?" + target.value().query;
  out << request.method << " " << redactor.text(path) << " HTTP/1.1\n";
  auto has = [&](std::string_view name) {
    return auth::find_header(request.headers, name).has_value();
  };
  if (!has("Host") && target) out << "Host: " << auth::host_header_value(target.value()) << "\n";
  if (!has("User-Agent")) out << "User-Agent: " << user_agent << "\n";
  if (!has("Accept")) out << "Accept: */*\n";
  for (const auto& header : request.headers) {
    out << header.name << ": " << redactor.header_value(header.name, header.value) << "\n";
  }
  if (!request.body.empty() && !has("Content-Length")) {
    out << "Content-Length: " << request.body.size() << "\n";
  }
  out << "\n";
  if (is_printable_body(request.body)) {
    out << redactor.text(request.body);
    if (!request.body.empty() && request.body.back() != '\n') out << "\n";
  } else {
    out << "<" << request.body.size() << " bytes of binary data>\n";
  }
}

void print_legs(std::ostream& out, const std::vector<requester::Leg>& legs,
                const SecretRedactor& redactor) {
  for (const auto& leg : legs) {
    std::string_view head = leg.raw_request_head;
    bool first = true;
    while (!head.empty()) {
      auto end = head.find("\r\n");
      std::string_view line = head.substr(0, end);
      if (!line.empty())
        out << "> " << (first ? redactor.text(line) : redactor.header_line(line)) << "\n";
      first = false;
      if (end == std::string_view::npos) break;
      head.remove_prefix(end + 2);
    }
    if (!leg.request.body.empty()) {
      out << "> [" << leg.request.body.size() << " bytes of body]\n";
    }
    out << "< " << leg.http_version << " " << leg.response.status
        << (leg.reason.empty() ? "" : " " + leg.reason) << "\n";
    for (const auto& header : leg.response.headers) {
      out << "< " << header.name << ": " << redactor.header_value(header.name, header.value)
          << "\n";
    }
    out << "< [" << leg.body_bytes << " bytes of body, " << leg.elapsed_ms << " ms]\n";
  }
}

nlohmann::json send_result_json(const requester::SendResult& result,
                                const SecretRedactor& redactor) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& header : result.response.headers) {
    headers.push_back(
        {{"name", header.name}, {"value", redactor.header_value(header.name, header.value)}});
  }
  nlohmann::json legs = nlohmann::json::array();
  for (const auto& leg : result.legs) {
    legs.push_back({{"method", leg.request.method},
                    {"url", redactor.text(leg.request.url)},
                    {"status", leg.response.status},
                    {"elapsed_ms", leg.elapsed_ms}});
  }
  nlohmann::json document{
      {"ok", true},
      {"status", result.response.status},
      {"reason", result.legs.empty() ? "" : result.legs.back().reason},
      {"http_version", result.legs.empty() ? "" : result.legs.back().http_version},
      {"final_url", redactor.text(result.final_url)},
      {"elapsed_ms", result.elapsed_ms},
      {"headers", headers},
      {"legs", legs}};
  if (is_printable_body(result.body)) {
    document["body"] = result.body;
  } else {
    document["body_base64"] = auth::base64_encode(result.body);
  }
  return document;
}

}  // namespace postern::cli
