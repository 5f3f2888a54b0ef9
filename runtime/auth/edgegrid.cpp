// Akamai EdgeGrid: "Authorization: EG1-HMAC-SHA256 client_token=..;access_token=..;timestamp=..;
// nonce=..;signature=.." as Akamai's client libraries and Postman's EdgeGrid auth send it. The
// signature covers the method, scheme, host, path and query, the headers the user names, and
// (for POST) a hash of at most maxBodySize bytes of the body.
#include "runtime/auth/edgegrid.hpp"

#include <charconv>
#include <ctime>

#include "base/ascii.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

// Akamai's clients split on whitespace and join with one space, so a value's inner runs shrink.
std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool in_space = false;
  for (char c : trim(text)) {
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out += ' ';
    in_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string edgegrid_timestamp(std::int64_t unix_seconds) {
  std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H:%M:%S+0000", &utc);
  return text;
}

std::string uuid_v4(std::string_view random16) {
  std::string bytes(random16.substr(0, 16));
  bytes.resize(16, '\0');
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);  // version 4 (RFC 9562 §5.4)
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);  // the RFC variant
  std::string hex = to_hex(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string edgegrid_signing_key(std::string_view client_secret, std::string_view timestamp) {
  return base64_encode(hmac(HashAlgorithm::sha256, client_secret, timestamp));
}

std::string edgegrid_canonical_headers(const std::vector<std::string>& names,
                                       const std::vector<Header>& headers) {
  std::string out;
  for (const auto& raw_name : names) {
    std::string name = base::ascii_lower(trim(raw_name));
    if (name.empty()) continue;
    auto value = find_header(headers, name);
    if (!value) continue;
    std::string canonical = collapse_spaces(*value);
    if (canonical.empty()) continue;
    if (!out.empty()) out += '\t';
    out += name + ":" + canonical;
  }
  return out;
}

std::string edgegrid_content_hash(std::string_view method, std::string_view body,
                                  std::size_t max_body) {
  // Only POST bodies are signed (Akamai's specification); bigger ones are cut, not refused.
  if (method != "POST" || body.empty()) return "";
  return base64_encode(hash(HashAlgorithm::sha256, body.substr(0, max_body)));
}

std::string edgegrid_auth_prefix(std::string_view client_token, std::string_view access_token,
                                 std::string_view timestamp, std::string_view nonce) {
  return "EG1-HMAC-SHA256 client_token=" + std::string(client_token) +
         ";access_token=" + std::string(access_token) + ";timestamp=" + std::string(timestamp) +
         ";nonce=" + std::string(nonce) + ";";
}

std::string edgegrid_data_to_sign(const EdgeGridRequest& r, std::string_view auth_prefix) {
  return r.method + "\t" + r.scheme + "\t" + r.host + "\t" + r.path_query + "\t" +
         r.canonical_headers + "\t" + r.content_hash + "\t" + std::string(auth_prefix);
}

std::string edgegrid_signature(std::string_view signing_key, std::string_view data_to_sign) {
  return base64_encode(hmac(HashAlgorithm::sha256, signing_key, data_to_sign));
}

}  // namespace detail

namespace {

constexpr std::string_view kType = "edgegrid";
constexpr std::size_t kDefaultMaxBody = 131072;  // 128 KiB: Akamai's and Postman's default

struct EdgeGridSettings {
  std::string access_token;
  std::string client_token;
  std::string client_secret;
  std::string nonce;      ///< empty: a fresh UUID per request
  std::string timestamp;  ///< empty: the clock, per request
  std::string host;       ///< from baseURL; empty: the request's own host
  std::vector<std::string> headers_to_sign;
  std::size_t max_body = kDefaultMaxBody;
};

class EdgeGrid final : public AuthScheme {
 public:
  EdgeGrid(EdgeGridSettings settings, AuthContext context)
      : settings_(std::move(settings)), context_(std::move(context)) {}
  std::string_view type() const override { return kType; }

  base::Status_or_error create_response(HttpRequest& request) override {
    auto target = split_request_target(request.url);
    if (!target) return target.error();
    std::string timestamp = settings_.timestamp.empty()
                                ? detail::edgegrid_timestamp(context_.unix_time())
                                : settings_.timestamp;
    std::string nonce =
        settings_.nonce.empty() ? detail::uuid_v4(context_.random_bytes(16)) : settings_.nonce;
    std::string prefix = detail::edgegrid_auth_prefix(settings_.client_token,
                                                      settings_.access_token, timestamp, nonce);
    std::string data =
        detail::edgegrid_data_to_sign(signed_fields(request, target.value()), prefix);
    std::string key = detail::edgegrid_signing_key(settings_.client_secret, timestamp);
    set_header(request.headers, "Authorization",
               prefix + "signature=" + detail::edgegrid_signature(key, data));
    return base::Ok{};
  }

 private:
  detail::EdgeGridRequest signed_fields(const HttpRequest& request,
                                        const RequestTarget& target) const {
    detail::EdgeGridRequest fields;
    fields.method = request.method;
    fields.scheme = target.scheme;
    fields.host = settings_.host.empty() ? host_header_value(target) : settings_.host;
    fields.path_query = target.query.empty() ? target.path : target.path + "?" + target.query;
    fields.canonical_headers =
        detail::edgegrid_canonical_headers(settings_.headers_to_sign, request.headers);
    fields.content_hash =
        detail::edgegrid_content_hash(request.method, request.body, settings_.max_body);
    return fields;
  }

  EdgeGridSettings settings_;
  AuthContext context_;
};

std::vector<std::string> split_names(std::string_view list) {
  std::vector<std::string> names;
  while (!list.empty()) {
    auto comma = list.find(',');
    names.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return names;
}

// baseURL as Akamai's .edgerc "host" gives it: with or without "https://".
base::Result<std::string> base_host(const AuthParams& params) {
  std::string base = params.text("baseURL");
  if (base.empty()) return std::string();
  if (base.find("://") == std::string::npos) base = "https://" + base;
  auto target = split_request_target(base);
  if (!target) return bad_parameter(kType, "baseURL", "is not a URL or host name");
  return host_header_value(target.value());
}

base::Result<std::size_t> max_body(const AuthParams& params) {
  if (!params.has("maxBodySize")) return kDefaultMaxBody;
  std::string text = params.text("maxBodySize");
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return bad_parameter(kType, "maxBodySize", "must be a number of bytes");
  }
  return value == 0 ? kDefaultMaxBody : value;  // Postman reads 0 as "not set"
}

base::Result<EdgeGridSettings> read_settings(const AuthParams& params) {
  EdgeGridSettings settings;
  for (auto [key, field] : {std::pair{"accessToken", &settings.access_token},
                            std::pair{"clientToken", &settings.client_token},
                            std::pair{"clientSecret", &settings.client_secret}}) {
    auto value = params.required(key, kType);
    if (!value) return value.error();
    *field = std::move(value).value();
  }
  auto host = base_host(params);
  if (!host) return host.error();
  settings.host = std::move(host).value();
  auto limit = max_body(params);
  if (!limit) return limit.error();
  settings.max_body = limit.value();
  settings.nonce = params.text("nonce");
  settings.timestamp = params.text("timestamp");
  settings.headers_to_sign = split_names(params.text("headersToSign"));
  return settings;
}

}  // namespace

SchemeResult make_edgegrid(const AuthParams& params, const AuthContext& context) {
  auto settings = read_settings(params);
  if (!settings) return settings.error();
  return std::unique_ptr<AuthScheme>(
      std::make_unique<EdgeGrid>(std::move(settings).value(), context));
}

}  // namespace postern::auth
