// Hawk: "Authorization: Hawk id, ts, nonce, [hash,] [ext,] mac [, app, dlg]" with an HMAC
// (sha256 or sha1) over the request, as Postman's Hawk auth sends it. The payload hash is added
// when includePayloadHash is set. A 401 "Stale timestamp" challenge whose tsm proves the server's
// clock lets the next try use that clock (the reference client's localtimeOffsetMsec).
#include "runtime/auth/hawk.hpp"

#include <charconv>

#include "base/ascii.hpp"
#include "runtime/auth/challenge.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace detail {
namespace {

std::string escape_ext(std::string_view ext) {
  std::string out;
  for (char c : ext) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string hawk_normalized_string(const HawkArtifacts& a) {
  std::string out = "hawk.1.header\n" + a.ts + "\n" + a.nonce + "\n" + base::ascii_upper(a.method) +
                    "\n" + a.resource + "\n" + base::ascii_lower(a.host) + "\n" + a.port + "\n" +
                    a.hash + "\n" + escape_ext(a.ext) + "\n";
  if (!a.app.empty()) out += a.app + "\n" + a.dlg + "\n";
  return out;
}

std::string hawk_content_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
    type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
    type.remove_suffix(1);
  return base::ascii_lower(type);
}

std::string hawk_payload_hash(HashAlgorithm algorithm, std::string_view content_type,
                              std::string_view payload) {
  std::string text = "hawk.1.payload\n" + hawk_content_type(content_type) + "\n";
  text.append(payload);
  text += "\n";
  return base64_encode(hash(algorithm, text));
}

std::string hawk_mac(HashAlgorithm algorithm, std::string_view key,
                     const HawkArtifacts& artifacts) {
  return base64_encode(hmac(algorithm, key, hawk_normalized_string(artifacts)));
}

std::string hawk_timestamp_mac(HashAlgorithm algorithm, std::string_view key, std::string_view ts) {
  return base64_encode(hmac(algorithm, key, "hawk.1.ts\n" + std::string(ts) + "\n"));
}

std::string hawk_authorization(std::string_view id, const HawkArtifacts& a, std::string_view mac) {
  std::string out =
      "Hawk id=\"" + std::string(id) + "\", ts=\"" + a.ts + "\", nonce=\"" + a.nonce + "\"";
  if (!a.hash.empty()) out += ", hash=\"" + a.hash + "\"";
  if (!a.ext.empty()) out += ", ext=\"" + a.ext + "\"";
  out += ", mac=\"" + std::string(mac) + "\"";
  if (!a.app.empty()) {
    out += ", app=\"" + a.app + "\"";
    if (!a.dlg.empty()) out += ", dlg=\"" + a.dlg + "\"";
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kType = "hawk";
constexpr std::size_t kNonceLength = 6;  // what Postman and the reference client generate

struct HawkSettings {
  std::string id;
  std::string key;
  HashAlgorithm algorithm = HashAlgorithm::sha256;
  std::string nonce;                      ///< empty: a fresh one per request
  std::optional<std::int64_t> timestamp;  ///< empty: the clock (corrected by a server's tsm)
  std::string ext;
  std::string app;
  std::string dlg;
  bool payload_hash = false;
};

class Hawk final : public AuthScheme {
 public:
  Hawk(HawkSettings settings, AuthContext context)
      : settings_(std::move(settings)), context_(std::move(context)) {}
  std::string_view type() const override { return kType; }

  base::Status_or_error create_response(HttpRequest& request) override {
    auto target = split_request_target(request.url);
    if (!target) return target.error();
    detail::HawkArtifacts artifacts = artifacts_for(request, target.value());
    std::string mac = detail::hawk_mac(settings_.algorithm, settings_.key, artifacts);
    set_header(request.headers, "Authorization",
               detail::hawk_authorization(settings_.id, artifacts, mac));
    return base::Ok{};
  }

  // A "Stale timestamp" 401 carries the server's time and tsm = HMAC(key, time): when it proves
  // itself, send again on the server's clock. Once per offset, so a server that keeps refusing
  // does not loop; never when the user fixed the timestamp.
  base::Result<ChallengeAnswer> decode_challenge(const HttpRequest&,
                                                 const ResponseHead& response) override {
    if (response.status != 401 || settings_.timestamp) return ChallengeAnswer::done;
    for (const auto& challenge : challenges_for(response, "Hawk")) {
      auto ts = challenge.param("ts");
      auto tsm = challenge.param("tsm");
      if (!ts || !tsm) continue;
      std::int64_t server_time = 0;
      auto [end, ec] = std::from_chars(ts->data(), ts->data() + ts->size(), server_time);
      if (ec != std::errc{} || end != ts->data() + ts->size()) continue;
      if (detail::hawk_timestamp_mac(settings_.algorithm, settings_.key, *ts) != *tsm) continue;
      std::int64_t offset = server_time - context_.unix_time();
      if (offset == offset_) return ChallengeAnswer::done;
      offset_ = offset;
      return ChallengeAnswer::retry;
    }
    return ChallengeAnswer::done;
  }

  void reset() override { offset_ = 0; }

 private:
  detail::HawkArtifacts artifacts_for(const HttpRequest& request,
                                      const RequestTarget& target) const {
    detail::HawkArtifacts a;
    a.ts = std::to_string(settings_.timestamp.value_or(context_.unix_time() + offset_));
    a.nonce = settings_.nonce.empty() ? fresh_nonce() : settings_.nonce;
    a.method = request.method;
    a.resource = target.query.empty() ? target.path : target.path + "?" + target.query;
    a.host = target.host;
    a.port = std::to_string(target.port);
    // Postman signs no hash for an empty body (nothing to protect); the server then checks none.
    if (settings_.payload_hash && !request.body.empty()) {
      a.hash = detail::hawk_payload_hash(settings_.algorithm,
                                         find_header(request.headers, "Content-Type").value_or(""),
                                         request.body);
    }
    a.ext = settings_.ext;
    a.app = settings_.app;
    a.dlg = settings_.dlg;
    return a;
  }

  std::string fresh_nonce() const {
    static constexpr std::string_view kAlphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string nonce;
    for (unsigned char byte : context_.random_bytes(kNonceLength))
      nonce += kAlphabet[byte % kAlphabet.size()];
    return nonce;
  }

  HawkSettings settings_;
  AuthContext context_;
  std::int64_t offset_ = 0;  ///< server clock minus ours, learned from a tsm
};

// The reference server accepts attribute values of printable ASCII without '"' and '\'
// (its parseAuthorizationHeader); anything else would be refused there, so refuse it here.
bool valid_attribute(std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

base::Status_or_error check_attributes(const AuthParams& params) {
  for (const char* key : {"authId", "nonce", "extraData", "app", "delegation"}) {
    if (!valid_attribute(params.text(key))) {
      return bad_parameter(kType, key,
                           "may hold printable ASCII only, without '\"' or '\\' (Hawk header "
                           "attribute)");
    }
  }
  return base::Ok{};
}

base::Result<HawkSettings> read_settings(const AuthParams& params) {
  auto id = params.required("authId", kType);
  if (!id) return id.error();
  auto key = params.required("authKey", kType);
  if (!key) return key.error();
  if (auto checked = check_attributes(params); !checked) return checked.error();
  HawkSettings settings;
  settings.id = std::move(id).value();
  settings.key = std::move(key).value();
  std::string algorithm = params.text("algorithm", "sha256");
  if (algorithm == "sha1") {
    settings.algorithm = HashAlgorithm::sha1;
  } else if (algorithm != "sha256") {
    return bad_parameter(kType, "algorithm", "must be \"sha256\" or \"sha1\"");
  }
  if (params.has("timestamp")) {
    std::string text = params.text("timestamp");
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
      return bad_parameter(kType, "timestamp", "must be seconds since 1970");
    }
    settings.timestamp = value;
  }
  settings.nonce = params.text("nonce");
  settings.ext = params.text("extraData");
  settings.app = params.text("app");
  settings.dlg = params.text("delegation");
  settings.payload_hash = params.flag("includePayloadHash");
  return settings;
}

}  // namespace

SchemeResult make_hawk(const AuthParams& params, const AuthContext& context) {
  auto settings = read_settings(params);
  if (!settings) return settings.error();
  return std::unique_ptr<AuthScheme>(std::make_unique<Hawk>(std::move(settings).value(), context));
}

}  // namespace postern::auth
