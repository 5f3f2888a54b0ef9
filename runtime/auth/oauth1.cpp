// OAuth 1.0a (RFC 5849), as Postman sends it: the oauth_* parameters signed with one of seven
// methods and put in the Authorization header (addParamsToHeader, the default), in a form body
// (POST/PUT with application/x-www-form-urlencoded) or in the query. The RFC's steps are the free
// functions of oauth1_signature.hpp; this file decides what is signed and where it goes.
#include <algorithm>

#include "runtime/auth/errc.hpp"
#include "runtime/auth/oauth1_signature.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

namespace sig = oauth1::detail;

/// Every parameter this scheme writes; earlier ones are removed before signing again.
constexpr std::string_view kOAuthNames[] = {
    "oauth_consumer_key", "oauth_token",    "oauth_signature_method", "oauth_timestamp",
    "oauth_nonce",        "oauth_version",  "oauth_signature",        "oauth_callback",
    "oauth_verifier",     "oauth_body_hash"};

bool is_oauth_name(std::string_view encoded_name) {
  const auto decoded = sig::decode_form(encoded_name);
  const std::string name = decoded.empty() ? std::string() : decoded.front().first;
  return std::find(std::begin(kOAuthNames), std::end(kOAuthNames), name) != std::end(kOAuthNames);
}

/// `form` (a query or a form body) without the oauth_* pairs, the others untouched.
std::string without_oauth_pairs(std::string_view form) {
  std::string out;
  while (!form.empty()) {
    std::string_view piece = form.substr(0, form.find('&'));
    form.remove_prefix(std::min(form.size(), piece.size() + 1));
    if (piece.empty() || is_oauth_name(piece.substr(0, piece.find('=')))) continue;
    if (!out.empty()) out += '&';
    out += piece;
  }
  return out;
}

struct OAuth1Config {
  std::string consumer_key, consumer_secret, token, token_secret, private_key;
  sig::Method method = sig::Method::hmac_sha1;
  std::string callback, verifier, timestamp, nonce, version, realm;
  bool include_body_hash = false;
  bool in_header = true;
  bool add_empty = false;
  bool encode_header = true;
};

class OAuth1 final : public AuthScheme {
 public:
  OAuth1(OAuth1Config config, AuthContext context)
      : config_(std::move(config)), context_(std::move(context)) {}
  std::string_view type() const override { return "oauth1"; }

  base::Status_or_error create_response(HttpRequest& request) override {
    auto target = split_request_target(request.url);
    if (!target) return target.error();
    const bool form = sig::has_form_body(request);
    remove_header(request.headers, "Authorization");
    const std::string query = without_oauth_pairs(target.value().query);
    if (form) request.body = without_oauth_pairs(request.body);

    sig::Parameters oauth = protocol_parameters(request, form);
    sig::Parameters signed_parameters = oauth;
    for (auto& pair : sig::decode_form(query))
      signed_parameters.push_back(std::move(pair));
    if (form) {
      for (auto& pair : sig::decode_form(request.body))
        signed_parameters.push_back(std::move(pair));
    }
    const std::string base =
        sig::signature_base_string(request.method, sig::base_string_uri(target.value()),
                                   sig::normalize_parameters(std::move(signed_parameters)));
    auto signature = sig::sign(config_.method, base,
                               sig::signing_key(config_.consumer_secret, config_.token_secret),
                               config_.private_key);
    if (!signature) return signature.error();
    oauth.emplace_back("oauth_signature", std::move(signature).value());

    // RFC 5849 §3.5's order of preference: the header, then a form body, then the query.
    if (config_.in_header) {
      request.headers.push_back(
          {"Authorization",
           sig::authorization_header(config_.realm, oauth, config_.encode_header)});
      request.url = with_target(request.url, target.value().path, query);
    } else if (form && (request.method == "POST" || request.method == "PUT")) {
      request.body += (request.body.empty() ? "" : "&") + sig::encode_pairs(oauth);
      request.url = with_target(request.url, target.value().path, query);
    } else {
      request.url = with_target(request.url, target.value().path,
                                query + (query.empty() ? "" : "&") + sig::encode_pairs(oauth));
    }
    return base::Ok{};
  }

 private:
  /// The oauth_* parameters in Postman's order, before the signature. The six core ones are left
  /// out when empty unless addEmptyParamsToSign; the extensions (body hash, callback, verifier)
  /// only ever go in when set, since servers without those extensions reject them.
  sig::Parameters protocol_parameters(const HttpRequest& request, bool form) const {
    const std::string timestamp =
        config_.timestamp.empty() ? std::to_string(context_.unix_time()) : config_.timestamp;
    const std::string nonce = config_.nonce.empty() ? fresh_nonce() : config_.nonce;
    sig::Parameters out;
    auto add = [&](const char* name, const std::string& value, bool optional_extension) {
      if (!value.empty() || (config_.add_empty && !optional_extension))
        out.emplace_back(name, value);
    };
    add("oauth_consumer_key", config_.consumer_key, false);
    add("oauth_token", config_.token, false);
    add("oauth_signature_method", std::string(sig::method_name(config_.method)), false);
    add("oauth_timestamp", timestamp, false);
    add("oauth_nonce", nonce, false);
    add("oauth_version", config_.version, false);
    // The body hash draft: only for bodies that are not form-encoded (those are signed already).
    const auto digest = sig::method_digest(config_.method);
    if (config_.include_body_hash && !form && digest) {
      add("oauth_body_hash", sig::body_hash(*digest, request.body), true);
    }
    add("oauth_callback", config_.callback, true);
    add("oauth_verifier", config_.verifier, true);
    return out;
  }

  /// Eleven letters and digits, like Postman's nonce.
  std::string fresh_nonce() const {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string nonce;
    for (unsigned char byte : context_.random_bytes(11))
      nonce += kAlphabet[byte % kAlphabet.size()];
    return nonce;
  }

  OAuth1Config config_;
  AuthContext context_;
};

}  // namespace

SchemeResult make_oauth1(const AuthParams& params, const AuthContext& context) {
  auto consumer_key = params.required("consumerKey", "oauth1");
  if (!consumer_key) return consumer_key.error();
  auto method = sig::parse_method(params.text("signatureMethod", "HMAC-SHA1"));
  if (!method) {
    return bad_parameter("oauth1", "signatureMethod",
                         "must be HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, "
                         "RSA-SHA512 or PLAINTEXT");
  }
  OAuth1Config config;
  config.consumer_key = std::move(consumer_key).value();
  config.method = *method;
  const bool rsa = sig::method_name(*method).starts_with("RSA");
  if (rsa) {
    auto key = params.required("privateKey", "oauth1");
    if (!key) return key.error();
    config.private_key = std::move(key).value();
    // Load the key now, so a bad one is reported before anything is sent.
    if (auto probe = sig::sign(*method, "probe", "", config.private_key); !probe) {
      return probe.error();
    }
  } else {
    auto secret = params.required("consumerSecret", "oauth1");
    if (!secret) return secret.error();
    config.consumer_secret = std::move(secret).value();
    config.token_secret = params.text("tokenSecret");
  }
  config.token = params.text("token");
  config.callback = params.text("callback");
  config.verifier = params.text("verifier");
  config.timestamp = params.text("timestamp");
  config.nonce = params.text("nonce");
  config.version = params.all().contains("version") ? params.text("version") : "1.0";
  config.realm = params.text("realm");
  config.include_body_hash = params.flag("includeBodyHash");
  config.in_header = params.flag("addParamsToHeader", true);
  config.add_empty = params.flag("addEmptyParamsToSign");
  config.encode_header = !params.flag("disableHeaderEncoding");
  return std::unique_ptr<AuthScheme>(std::make_unique<OAuth1>(std::move(config), context));
}

}  // namespace postern::auth
