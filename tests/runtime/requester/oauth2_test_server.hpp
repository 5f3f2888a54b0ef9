#pragma once
// A small OAuth 2.0 authorization server on 127.0.0.1 for the flow tests, on
// ScriptedHttpServer. It really checks what a server must: client authentication (each client
// allows Basic or the body, not both), redirect_uri against the registered one (any port for
// loopback, RFC 8252 §7.3) and against the authorize step's, PKCE (recomputes S256 or plain
// from the verifier), one-time codes, grant types, the resource owner's password and refresh
// tokens. GET /authorize approves without a person when the request carries the session
// cookie (Cookie: session=ok); otherwise it answers a 200 "sign-in page".

#include <map>
#include <mutex>
#include <string>

#include "base/url.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/request_target.hpp"
#include "support/scripted_http_server.hpp"

namespace postern::testing {

class OAuth2TestServer {
 public:
  struct Client {
    std::string secret;
    bool basic = true;  ///< true: only Basic; false: only client_secret in the body
    std::string redirect_uri;
  };
  struct Issued {
    std::string client_id;
    std::string scope;
    bool valid = true;
  };

  OAuth2TestServer() : server_([this](const ScriptedRequest& r) { return handle(r); }) {}

  std::string url() const { return server_.url(); }
  ScriptedHttpServer& http() { return server_; }

  void add_client(const std::string& id, Client client) {
    std::lock_guard lock(mutex_);
    clients_[id] = std::move(client);
  }
  void add_user(const std::string& name, const std::string& password) {
    std::lock_guard lock(mutex_);
    users_[name] = password;
  }
  void set_expires_in(int seconds) {
    std::lock_guard lock(mutex_);
    expires_in_ = seconds;
  }
  /// The authorize step answers with another state (a forged redirect).
  void tamper_state(bool on) {
    std::lock_guard lock(mutex_);
    tamper_state_ = on;
  }
  /// Answers the token endpoint as GitHub does by default (form-encoded).
  void answer_form(bool on) {
    std::lock_guard lock(mutex_);
    answer_form_ = on;
  }
  /// Revokes every refresh token (the next refresh gets invalid_grant).
  void revoke_refresh_tokens() {
    std::lock_guard lock(mutex_);
    refresh_tokens_.clear();
  }
  bool access_token_valid(const std::string& token) const {
    std::lock_guard lock(mutex_);
    return access_tokens_.count(token) > 0;
  }
  /// How many token requests succeeded, per grant_type.
  int issued(const std::string& grant) const {
    std::lock_guard lock(mutex_);
    auto it = issued_.find(grant);
    return it == issued_.end() ? 0 : it->second;
  }
  /// The last authorize request's query parameters.
  std::map<std::string, std::string> last_authorize() const {
    std::lock_guard lock(mutex_);
    return last_authorize_;
  }
  /// The last token request's form and its Authorization header.
  std::map<std::string, std::string> last_token_form() const {
    std::lock_guard lock(mutex_);
    return last_form_;
  }

 private:
  using Params = std::map<std::string, std::string>;

  struct Code {
    std::string client_id;
    std::string redirect_uri;
    std::string challenge;
    std::string method;
    std::string scope;
  };

  static Params decode(std::string_view text) {
    Params params;
    for (auto& [name, value] : auth::split_query(text))
      params[base::form_decode(name)] = base::form_decode(value);
    return params;
  }

  static std::string json_error(int status, const std::string& error,
                                const std::string& description = {}) {
    std::string body = "{\"error\":\"" + error + "\"";
    if (!description.empty()) body += ",\"error_description\":\"" + description + "\"";
    return http_reply(status, "Content-Type: application/json\r\nCache-Control: no-store\r\n",
                      body + "}");
  }

  // Loopback redirect URIs match on any port (RFC 8252 §7.3); others exactly.
  static bool redirect_matches(const std::string& sent, const std::string& registered) {
    if (sent == registered) return true;
    auto a = auth::split_request_target(sent);
    auto b = auth::split_request_target(registered);
    return a && b && b.value().host == "127.0.0.1" && a.value().host == b.value().host &&
           a.value().path == b.value().path && a.value().scheme == b.value().scheme &&
           a.value().query == b.value().query;
  }

  std::string handle(const ScriptedRequest& request) {
    std::lock_guard lock(mutex_);
    const std::string target = request.target();
    const auto question = target.find('?');
    const std::string path = target.substr(0, question);
    const Params query = question == std::string::npos
                             ? Params{}
                             : decode(std::string_view(target).substr(question + 1));
    if (path == "/authorize" && request.method() == "GET") return authorize(request, query);
    if (path == "/token" && request.method() == "POST") return token(request);
    if (path == "/resource") {
      const std::string authz = request.header("Authorization");
      const bool ok = authz.starts_with("Bearer ") && access_tokens_.count(authz.substr(7));
      return ok ? http_reply(200, {}, "secret data") : http_reply(401, {}, "no");
    }
    return http_reply(404);
  }

  std::string authorize(const ScriptedRequest& request, const Params& query) {
    last_authorize_ = query;
    auto get = [&](const char* key) {
      auto it = query.find(key);
      return it == query.end() ? std::string() : it->second;
    };
    auto client = clients_.find(get("client_id"));
    // An unknown client or redirect_uri must not redirect anywhere (RFC 6749 §4.1.2.1).
    if (client == clients_.end() ||
        !redirect_matches(get("redirect_uri"), client->second.redirect_uri))
      return http_reply(400, {}, "bad client or redirect_uri");
    if (request.header("Cookie").find("session=ok") == std::string::npos)
      return http_reply(200, "Content-Type: text/html\r\n", "<form>sign in</form>");
    const std::string redirect = get("redirect_uri");
    const std::string state = tamper_state_ ? "forged" : get("state");
    if (get("deny") == "1")
      return http_reply(302,
                        "Location: " + redirect + "?error=access_denied&state=" + state + "\r\n");
    if (get("response_type") == "token") {
      const std::string token = new_access_token(client->first, get("scope"));
      ++issued_["implicit"];
      return http_reply(302, "Location: " + redirect + "#access_token=" + token +
                                 "&token_type=Bearer&expires_in=" + std::to_string(expires_in_) +
                                 "&state=" + state + "\r\n");
    }
    if (get("response_type") != "code")
      return http_reply(302, "Location: " + redirect + "?error=unsupported_response_type\r\n");
    const std::string code = "code-" + std::to_string(++counter_);
    codes_[code] =
        Code{client->first, redirect, get("code_challenge"),
             get("code_challenge_method").empty() ? "plain" : get("code_challenge_method"),
             get("scope")};
    return http_reply(302, "Location: " + redirect + "?code=" + code + "&state=" + state + "\r\n");
  }

  // Who the client is, by the one method it is registered for; empty when it failed.
  std::string authenticate(const ScriptedRequest& request, const Params& form) {
    const std::string authz = request.header("Authorization");
    std::string id;
    std::string secret;
    bool basic = false;
    if (authz.starts_with("Basic ")) {
      auto decoded = auth::base64_decode(authz.substr(6));
      if (!decoded) return {};
      const auto colon = decoded.value().find(':');
      if (colon == std::string::npos) return {};
      id = base::form_decode(decoded.value().substr(0, colon));
      secret = base::form_decode(decoded.value().substr(colon + 1));
      basic = true;
      if (form.count("client_secret")) return {};  // two methods at once (§2.3)
    } else {
      id = form.count("client_id") ? form.at("client_id") : "";
      secret = form.count("client_secret") ? form.at("client_secret") : "";
    }
    auto client = clients_.find(id);
    if (client == clients_.end()) return {};
    if (client->second.secret.empty()) return id;  // a public client
    if (basic != client->second.basic || secret != client->second.secret) return {};
    return id;
  }

  std::string token(const ScriptedRequest& request) {
    const Params form = decode(request.body);
    last_form_ = form;
    last_form_["authorization_header"] = request.header("Authorization");
    if (request.header("Content-Type") != "application/x-www-form-urlencoded")
      return json_error(400, "invalid_request", "not a form");
    const std::string client_id = authenticate(request, form);
    if (client_id.empty()) return json_error(401, "invalid_client", "Client authentication failed");
    auto get = [&](const char* key) { return form.count(key) ? form.at(key) : std::string(); };
    const std::string grant = get("grant_type");
    std::string scope = get("scope");
    if (grant == "authorization_code") {
      auto code = codes_.find(get("code"));
      if (code == codes_.end() || code->second.client_id != client_id ||
          code->second.redirect_uri != get("redirect_uri"))
        return json_error(400, "invalid_grant", "bad code or redirect_uri");
      const Code issued = code->second;
      codes_.erase(code);  // one use only (§4.1.2)
      if (!issued.challenge.empty()) {
        const std::string verifier = get("code_verifier");
        const std::string computed =
            issued.method == "S256"
                ? auth::base64url_encode(auth::hash(auth::HashAlgorithm::sha256, verifier))
                : verifier;
        if (verifier.empty() || computed != issued.challenge)
          return json_error(400, "invalid_grant", "PKCE verification failed");
      }
      scope = issued.scope;
    } else if (grant == "password") {
      auto user = users_.find(get("username"));
      if (user == users_.end() || user->second != get("password"))
        return json_error(400, "invalid_grant", "bad username or password");
    } else if (grant == "refresh_token") {
      auto refresh = refresh_tokens_.find(get("refresh_token"));
      if (refresh == refresh_tokens_.end() || refresh->second.client_id != client_id)
        return json_error(400, "invalid_grant", "unknown refresh token");
      scope = refresh->second.scope;
      refresh_tokens_.erase(refresh);  // rotated
    } else if (grant != "client_credentials") {
      return json_error(400, "unsupported_grant_type");
    }
    ++issued_[grant];
    const std::string access = new_access_token(client_id, scope);
    const std::string refresh = "rt-" + std::to_string(++counter_);
    refresh_tokens_[refresh] = Issued{client_id, scope};
    if (answer_form_)
      return http_reply(200, "Content-Type: application/x-www-form-urlencoded\r\n",
                        "access_token=" + access + "&token_type=bearer&scope=" + scope +
                            "&refresh_token=" + refresh);
    return http_reply(200, "Content-Type: application/json\r\nCache-Control: no-store\r\n",
                      "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\"," +
                          "\"expires_in\":" + std::to_string(expires_in_) +
                          ",\"refresh_token\":\"" + refresh + "\",\"scope\":\"" + scope + "\"}");
  }

  std::string new_access_token(const std::string& client_id, const std::string& scope) {
    const std::string token = "at-" + std::to_string(++counter_);
    access_tokens_[token] = Issued{client_id, scope};
    return token;
  }

  mutable std::mutex mutex_;
  std::map<std::string, Client> clients_;
  std::map<std::string, std::string> users_;
  std::map<std::string, Code> codes_;
  std::map<std::string, Issued> access_tokens_;
  std::map<std::string, Issued> refresh_tokens_;
  std::map<std::string, int> issued_;
  Params last_authorize_;
  Params last_form_;
  int counter_ = 0;
  int expires_in_ = 3600;
  bool tamper_state_ = false;
  bool answer_form_ = false;
  ScriptedHttpServer server_;  // last: its thread starts once the state above exists
};

}  // namespace postern::testing
