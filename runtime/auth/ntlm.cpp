// NTLM over HTTP (MS-NTHT), NTLMv2 only. Three legs on ONE connection: the request goes out with
// "Authorization: NTLM <NEGOTIATE>", the server answers 401 with "WWW-Authenticate: NTLM
// <CHALLENGE>", and the request goes again with "Authorization: NTLM <AUTHENTICATE>". NTLM
// authenticates the TCP connection, not the request, so the requester must send every leg on
// the same connection (one libcurl handle, reused); a new connection starts over.
#include "runtime/auth/challenge.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/ntlm_messages.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

namespace msg = ntlm::detail;

struct NtlmCredentials {
  std::string user, password, domain, workstation;
  bool retry = true;  ///< Postman's disableRetryRequest, inverted
};

/// Postman's reading of the user name when no domain is given: "DOMAIN\user" (down-level logon
/// name) or "user@DOMAIN" (user principal name); a name with both, or with an empty part, is
/// taken whole.
std::pair<std::string, std::string> split_user(const std::string& name) {
  const auto backslash = name.find('\\');
  const auto at = name.find('@');
  const bool one_backslash =
      backslash != std::string::npos && name.find('\\', backslash + 1) == std::string::npos;
  const bool one_at = at != std::string::npos && name.find('@', at + 1) == std::string::npos;
  if (backslash != std::string::npos && at != std::string::npos) return {name, ""};
  if (one_backslash && backslash > 0 && backslash + 1 < name.size()) {
    return {name.substr(backslash + 1), name.substr(0, backslash)};
  }
  if (one_at && at > 0 && at + 1 < name.size()) return {name.substr(0, at), name.substr(at + 1)};
  return {name, ""};
}

class Ntlm final : public AuthScheme {
 public:
  Ntlm(NtlmCredentials credentials, AuthContext context)
      : credentials_(std::move(credentials)), context_(std::move(context)) {}
  std::string_view type() const override { return "ntlm"; }
  bool complete_without_server() const override { return false; }

  base::Status_or_error create_response(HttpRequest& request) override {
    if (challenge_) {
      set_header(request.headers, "Authorization", "NTLM " + base64_encode(authenticate()));
      challenge_.reset();
      state_ = State::sent_authenticate;
    } else {
      set_header(request.headers, "Authorization",
                 "NTLM " + base64_encode(msg::negotiate_message()));
      state_ = State::sent_negotiate;
    }
    return base::Ok{};
  }

  base::Result<ChallengeAnswer> decode_challenge(const HttpRequest&,
                                                 const ResponseHead& response) override {
    // Only the answer to our NEGOTIATE can carry the CHALLENGE; a 401 after AUTHENTICATE means
    // the server refused the credentials, and asking again would lock the account sooner.
    if (response.status != 401 || state_ != State::sent_negotiate) return ChallengeAnswer::done;
    for (const Challenge& offer : challenges_for(response, "NTLM")) {
      if (offer.token68.empty()) continue;
      auto bytes = base64_decode(offer.token68);
      if (!bytes) {
        return base::Error{errc::bad_challenge, "ntlm: the server's CHALLENGE is not base64", {}};
      }
      auto parsed = msg::parse_challenge(bytes.value());
      if (!parsed) return parsed.error();
      if (!credentials_.retry) return ChallengeAnswer::done;
      challenge_ = std::move(parsed).value();
      return ChallengeAnswer::retry;
    }
    return ChallengeAnswer::done;
  }

  void reset() override {
    challenge_.reset();
    state_ = State::initial;
  }

 private:
  enum class State { initial, sent_negotiate, sent_authenticate };

  std::string authenticate() const {
    const msg::Challenge& challenge = *challenge_;
    // MS-NLMP §3.1.5.1.2: the server's timestamp, when it gives one, is the time to use, and
    // then the LM response is left as zeros.
    const std::uint64_t time = challenge.timestamp.value_or(msg::filetime(context_.unix_time()));
    const std::string client_challenge = context_.random_bytes(8);
    auto responses = msg::ntlmv2_responses(
        msg::ntowfv2(credentials_.password, credentials_.user, credentials_.domain),
        challenge.server_challenge, client_challenge, time, challenge.target_info);
    if (challenge.timestamp) responses.lm_response.assign(24, '\0');
    return msg::authenticate_message({msg::negotiated_flags(challenge.flags), responses.lm_response,
                                      responses.nt_response, credentials_.domain, credentials_.user,
                                      credentials_.workstation});
  }

  NtlmCredentials credentials_;
  AuthContext context_;
  State state_ = State::initial;
  std::optional<msg::Challenge> challenge_;
};

}  // namespace

SchemeResult make_ntlm(const AuthParams& params, const AuthContext& context) {
  auto user = params.required("username", "ntlm");
  if (!user) return user.error();
  NtlmCredentials credentials;
  credentials.password = params.text("password");
  credentials.domain = params.text("domain");
  credentials.workstation = params.text("workstation");
  credentials.retry = !params.flag("disableRetryRequest");
  if (credentials.domain.empty()) {
    std::tie(credentials.user, credentials.domain) = split_user(user.value());
  } else {
    credentials.user = std::move(user).value();
  }
  return std::unique_ptr<AuthScheme>(std::make_unique<Ntlm>(std::move(credentials), context));
}

}  // namespace postern::auth
