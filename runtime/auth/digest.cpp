// Digest (RFC 7616; RFC 2617 and 2069 servers too): MD5, SHA-256 and SHA-512-256, each also as
// "-sess"; qop auth and auth-int; nc, cnonce, opaque and userhash. The first request goes out
// without credentials unless the user gave a nonce; the server's 401 challenge supplies realm,
// nonce, opaque, algorithm and qop, and the requester sends again (unless disableRetryRequest).
#include "runtime/auth/digest.hpp"

#include <charconv>
#include <vector>

#include "runtime/auth/errc.hpp"
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace detail {

std::string digest_h(const DigestAlgorithm& algorithm, std::string_view data) {
  return to_hex(hash(algorithm.hash, data));
}

std::string digest_ha1(const DigestInputs& in) {
  std::string secret = digest_h(in.algorithm, in.username + ":" + in.realm + ":" + in.password);
  if (!in.algorithm.session) return secret;
  return digest_h(in.algorithm, secret + ":" + in.nonce + ":" + in.cnonce);
}

std::string digest_ha2(const DigestInputs& in) {
  std::string a2 = in.method + ":" + in.uri;
  if (in.qop == "auth-int") a2 += ":" + digest_h(in.algorithm, in.body);
  return digest_h(in.algorithm, a2);
}

std::string digest_response(const DigestInputs& in) {
  std::string ha1 = digest_ha1(in);
  std::string ha2 = digest_ha2(in);
  if (in.qop.empty()) return digest_h(in.algorithm, ha1 + ":" + in.nonce + ":" + ha2);
  return digest_h(in.algorithm,
                  ha1 + ":" + in.nonce + ":" + in.nc + ":" + in.cnonce + ":" + in.qop + ":" + ha2);
}

std::string digest_username(const DigestInputs& in, bool userhash) {
  return userhash ? digest_h(in.algorithm, in.username + ":" + in.realm) : in.username;
}

std::string format_nonce_count(std::uint32_t count) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, count >>= 4)
    out[static_cast<std::size_t>(i)] = kHex[count & 0xf];
  return out;
}

namespace {

// RFC 7616 §3.4.4: a user name a quoted-string cannot carry (control characters) goes as
// username* in RFC 5987's extended notation instead.
bool needs_extended_username(std::string_view username) {
  for (unsigned char c : username) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string username_field(const DigestInputs& in, bool userhash) {
  if (!userhash && needs_extended_username(in.username)) {
    return "username*=UTF-8''" + percent_encode(in.username);
  }
  return "username=" + quote_string(digest_username(in, userhash));
}

}  // namespace

std::string digest_authorization(const DigestInputs& in, const std::optional<std::string>& opaque,
                                 bool userhash) {
  std::string value = "Digest " + username_field(in, userhash);
  value += ", realm=" + quote_string(in.realm);
  value += ", nonce=" + quote_string(in.nonce);
  value += ", uri=" + quote_string(in.uri);
  value += ", algorithm=" + in.algorithm.name;
  if (!in.qop.empty()) value += ", qop=" + in.qop + ", nc=" + in.nc;
  // -sess hashes the cnonce into A1, so the server needs it even without a qop.
  if (!in.qop.empty() || in.algorithm.session) value += ", cnonce=" + quote_string(in.cnonce);
  value += ", response=\"" + digest_response(in) + "\"";
  if (opaque) value += ", opaque=" + quote_string(*opaque);
  if (userhash) value += ", userhash=true";
  return value;
}

}  // namespace detail

namespace {

constexpr std::string_view kType = "digest";

// What the user set: credentials, and the advanced fields Postman shows (all optional).
struct DigestSettings {
  std::string username;
  std::string password;
  std::optional<DigestAlgorithm> algorithm;  ///< preferred; the server's challenge decides
  std::string realm;
  std::string nonce;
  std::string qop;
  std::uint32_t nonce_count = 1;
  std::string cnonce;
  std::optional<std::string> opaque;
  bool retry = true;
};

// The protection space currently in use: from the settings, then from each challenge.
struct DigestSession {
  std::string realm;
  std::string nonce;
  std::optional<std::string> opaque;
  DigestAlgorithm algorithm;
  std::string qop;
  bool userhash = false;
  std::uint32_t nonce_count = 1;
  std::string cnonce;
  bool from_server = false;  ///< the nonce came from a challenge, not from the user
  bool from_stale = false;   ///< ... from a stale=true challenge, and is not proven yet
  unsigned uses = 0;         ///< requests sent with this nonce
};

bool sent_digest_credentials(const HttpRequest& request) {
  auto authorization = find_header(request.headers, "Authorization");
  return authorization && authorization->size() >= 7 &&
         equals_ignoring_case(authorization->substr(0, 7), "Digest ");
}

// Prefer auth (cheaper, and what every server checks) unless the user asked for one; a qop the
// server does not offer cannot be used (RFC 7616 §3.4: "one of the alternatives").
base::Result<std::string> choose_qop(const std::vector<std::string>& offered,
                                     const std::string& wanted) {
  if (offered.empty()) return std::string();
  auto has = [&](std::string_view qop) {
    for (const auto& item : offered) {
      if (item == qop) return true;
    }
    return false;
  };
  if (!wanted.empty()) {
    if (has(wanted)) return wanted;
    return base::Error{errc::unsupported_challenge,
                       "digest: qop \"" + wanted + "\" was set, but the server offers only " +
                           "\"" + offered.front() + "\"" +
                           (offered.size() > 1 ? " and others" : ""),
                       "clear the qop field to let the server's offer decide"};
  }
  if (has("auth")) return std::string("auth");
  if (has("auth-int")) return std::string("auth-int");
  return base::Error{errc::unsupported_challenge,
                     "digest: the server offers qop \"" + offered.front() + "\" only",
                     "Postern does qop auth and auth-int"};
}

// RFC 7616 §3.7: a server may send one challenge per algorithm, preferred first. Take the user's
// algorithm when offered, else the first one this client implements.
base::Result<std::optional<DigestChallenge>> choose_challenge(
    const ResponseHead& response, const std::optional<DigestAlgorithm>& preferred) {
  std::vector<DigestChallenge> usable;
  std::optional<base::Error> first_error;
  for (const auto& challenge : challenges_for(response, "Digest")) {
    auto digest = read_digest_challenge(challenge);
    if (digest) {
      usable.push_back(std::move(digest).value());
    } else if (!first_error) {
      first_error = digest.error();
    }
  }
  if (usable.empty()) {
    if (first_error) return *first_error;
    return std::optional<DigestChallenge>();
  }
  for (const auto& digest : usable) {
    if (preferred && digest.algorithm.name == preferred->name) return {digest};
  }
  return {usable.front()};
}

class Digest final : public AuthScheme {
 public:
  Digest(DigestSettings settings, AuthContext context)
      : settings_(std::move(settings)), context_(std::move(context)) {
    reset();
  }
  std::string_view type() const override { return kType; }
  bool complete_without_server() const override { return !session_.nonce.empty(); }

  base::Status_or_error create_response(HttpRequest& request) override {
    if (session_.nonce.empty()) return base::Ok{};  // the first leg: the server sends a nonce
    auto target = split_request_target(request.url);
    if (!target) return target.error();
    detail::DigestInputs in = inputs(request, target.value());
    set_header(request.headers, "Authorization",
               detail::digest_authorization(in, session_.opaque, session_.userhash));
    ++session_.nonce_count;
    // A nonce from a stale=true challenge that served a second request was a good one.
    if (++session_.uses >= 2) session_.from_stale = false;
    return base::Ok{};
  }

  base::Result<ChallengeAnswer> decode_challenge(const HttpRequest& request,
                                                 const ResponseHead& response) override {
    if (!settings_.retry || response.status != 401) return ChallengeAnswer::done;
    auto chosen = choose_challenge(response, settings_.algorithm);
    if (!chosen) return chosen.error();
    if (!chosen.value()) return ChallengeAnswer::done;
    const DigestChallenge& challenge = *chosen.value();
    if (sent_digest_credentials(request) && !worth_another_try(challenge)) {
      return ChallengeAnswer::done;  // the credentials were refused: no loop
    }
    auto qop = choose_qop(challenge.qop, settings_.qop);
    if (!qop) return qop.error();
    adopt(challenge, std::move(qop).value());
    return ChallengeAnswer::retry;
  }

  void reset() override {
    session_ = DigestSession{};
    session_.realm = settings_.realm;
    session_.nonce = settings_.nonce;
    session_.opaque = settings_.opaque;
    session_.algorithm = settings_.algorithm.value_or(*digest_algorithm("MD5"));
    session_.qop = settings_.qop;
    session_.nonce_count = settings_.nonce_count;
    session_.cnonce = settings_.cnonce.empty() ? fresh_cnonce() : settings_.cnonce;
  }

 private:
  // After a refused attempt: a stale nonce is worth one retry with the new one (not twice in a
  // row: a server that calls every fresh nonce stale would loop), and a nonce the user typed in
  // is worth replacing by the server's. Anything else means wrong credentials.
  bool worth_another_try(const DigestChallenge& challenge) const {
    if (challenge.stale) return !(session_.from_stale && session_.uses <= 1);
    return !session_.from_server;
  }

  void adopt(const DigestChallenge& challenge, std::string qop) {
    session_.realm = challenge.realm;
    session_.nonce = challenge.nonce;
    session_.opaque = challenge.opaque;
    session_.algorithm = challenge.algorithm;
    session_.qop = std::move(qop);
    session_.userhash = challenge.userhash;
    session_.nonce_count = 1;  // RFC 7616 §3.4: nc counts the requests with this nonce
    session_.cnonce = settings_.cnonce.empty() ? fresh_cnonce() : settings_.cnonce;
    session_.from_server = true;
    session_.from_stale = challenge.stale;
    session_.uses = 0;
  }

  detail::DigestInputs inputs(const HttpRequest& request, const RequestTarget& target) const {
    detail::DigestInputs in;
    in.algorithm = session_.algorithm;
    in.username = settings_.username;
    in.password = settings_.password;
    in.realm = session_.realm;
    in.nonce = session_.nonce;
    in.cnonce = session_.cnonce;
    in.nc = detail::format_nonce_count(session_.nonce_count);
    in.qop = session_.qop;
    in.method = request.method;
    in.uri = target.query.empty() ? target.path : target.path + "?" + target.query;
    in.body = request.body;
    return in;
  }

  std::string fresh_cnonce() const { return to_hex(context_.random_bytes(16)); }

  DigestSettings settings_;
  AuthContext context_;
  DigestSession session_;
};

base::Result<std::uint32_t> read_nonce_count(const std::string& text) {
  std::uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0) {
    return bad_parameter(kType, "nonceCount", "must be a non-zero hexadecimal count (00000001)");
  }
  return value;
}

base::Result<DigestSettings> read_settings(const AuthParams& params) {
  DigestSettings settings;
  auto username = params.required("username", kType);
  if (!username) return username.error();
  settings.username = std::move(username).value();
  settings.password = params.text("password");
  if (params.has("algorithm")) {
    settings.algorithm = digest_algorithm(params.text("algorithm"));
    if (!settings.algorithm) {
      return bad_parameter(kType, "algorithm",
                           "must be MD5, SHA-256 or SHA-512-256, optionally with -sess");
    }
  }
  settings.qop = params.text("qop");
  if (!settings.qop.empty() && settings.qop != "auth" && settings.qop != "auth-int") {
    return bad_parameter(kType, "qop", "must be \"auth\" or \"auth-int\"");
  }
  settings.realm = params.text("realm");
  settings.nonce = params.text("nonce");
  // Postman's names first; nc/cnonce as the RFC spells them are accepted too.
  std::string count = params.text("nonceCount", params.text("nc"));
  if (!count.empty()) {
    auto parsed = read_nonce_count(count);
    if (!parsed) return parsed.error();
    settings.nonce_count = parsed.value();
  }
  settings.cnonce = params.text("clientNonce", params.text("cnonce"));
  if (params.has("opaque")) settings.opaque = params.text("opaque");
  settings.retry = !params.flag("disableRetryRequest");
  return settings;
}

}  // namespace

SchemeResult make_digest(const AuthParams& params, const AuthContext& context) {
  auto settings = read_settings(params);
  if (!settings) return settings.error();
  return std::unique_ptr<AuthScheme>(
      std::make_unique<Digest>(std::move(settings).value(), context));
}

}  // namespace postern::auth
