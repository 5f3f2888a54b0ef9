#include "cli/oauth2_command.hpp"

#include "cli/requester_setup.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/report.hpp"
#include "cli/text_table.hpp"
#include "runtime/auth/oauth2_grants.hpp"

namespace postern::cli {

using nlohmann::json;
using requester::FlowOptions;
using requester::StoredToken;
using requester::TokenSet;
using requester::TokenStore;

namespace {

using EnvPtr = std::shared_ptr<const OAuth2CommandEnv>;

// Option values; owned by the callbacks so they live as long as the app.
struct OAuth2Args {
  std::string grant;
  std::string token_url;
  std::string auth_url;
  std::string refresh_url;
  std::string client_id;
  std::string scope;
  std::string state;
  std::string pkce;
  std::string redirect_uri;
  std::string client_auth = "header";
  std::string username;
  std::string resource;
  std::string audience;
  std::string name;
  std::vector<std::string> params;
  int timeout = 300;
  bool secret_stdin = false;
  bool password_stdin = false;
  bool no_browser = false;
  bool show_secrets = false;
};

std::int64_t now(const OAuth2CommandEnv& env) {
  return env.clock ? env.clock() : auth::system_context().unix_time();
}

int fail(const OAuth2CommandEnv& env, const OutputOptions& output, const base::Error& error,
         int code = kFailure) {
  report_error(output.json ? *env.out : *env.err, output, error);
  return code;
}

// One line of stdin, without its line ending: secrets never travel as arguments.
std::string read_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string grant_name(const OAuth2Args& args) {
  if (args.grant == "password") return "password_credentials";
  if (args.grant == "code" || args.grant == "authorization_code") {
    return args.pkce.empty() ? "authorization_code" : "authorization_code_with_pkce";
  }
  return args.grant;
}

base::Result<auth::AuthParams> params_from(const OAuth2Args& args, std::istream& in) {
  auth::AuthParams params{{"grant_type", grant_name(args)},
                          {"accessTokenUrl", args.token_url},
                          {"authUrl", args.auth_url},
                          {"refreshTokenUrl", args.refresh_url},
                          {"clientId", args.client_id},
                          {"scope", args.scope},
                          {"state", args.state},
                          {"challengeAlgorithm", args.pkce},
                          {"redirect_uri", args.redirect_uri},
                          {"client_authentication", args.client_auth},
                          {"username", args.username},
                          {"resource", args.resource},
                          {"audience", args.audience},
                          {"tokenName", args.name}};
  if (args.secret_stdin) params.set("clientSecret", read_line(in));
  if (args.password_stdin) params.set("password", read_line(in));
  for (const std::string& pair : args.params) {
    const auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      return auth::bad_parameter("oauth2", "--param", "takes KEY=VALUE (" + pair + ")");
    }
    params.set(pair.substr(0, equals), pair.substr(equals + 1));
  }
  return params;
}

base::Result<TokenStore> open_store(const OAuth2CommandEnv& env) {
  auto paths = env.paths();
  if (!paths) return paths.error();
  return TokenStore(TokenStore::default_file(paths.value()));
}

std::string expiry_text(std::int64_t expires_at, std::int64_t at) {
  if (expires_at == 0) return "never";
  if (expires_at <= at) return "expired";
  const std::int64_t left = expires_at - at;
  if (left < 120) return "in " + std::to_string(left) + " s";
  if (left < 7200) return "in " + std::to_string(left / 60) + " min";
  return "in " + std::to_string(left / 3600) + " h";
}

json token_json(const StoredToken& token, bool show_secrets) {
  json out{{"name", token.name},
           {"token_type", token.token_type},
           {"grant_type", token.grant_type},
           {"scope", token.scope},
           {"token_url", token.token_url},
           {"client_id", token.client_id},
           {"created_at", token.created_at},
           {"expires_at", token.expires_at},
           {"last_used_at", token.last_used_at},
           {"access_token", show_secrets ? token.access_token : redact_token(token.access_token)},
           {"has_refresh_token", !token.refresh_token.empty()}};
  if (show_secrets) {
    out["refresh_token"] = token.refresh_token;
    out["id_token"] = token.id_token;
  }
  return out;
}

void print_token(std::ostream& out, const StoredToken& token, const std::string& verb,
                 const TokenStore& store, bool show_secrets, std::int64_t at) {
  out << verb << " OAuth 2.0 token \"" << printable(token.name) << "\" ("
      << printable(token.token_type) << "), expires " << expiry_text(token.expires_at, at);
  if (!token.scope.empty()) out << ", scope \"" << printable(token.scope) << "\"";
  out << "\n  access token:  "
      << (show_secrets ? printable(token.access_token)
                       : redact_token(token.access_token) + "  (--show-secrets prints it)")
      << "\n  refresh token: " << (token.refresh_token.empty() ? "none" : "yes") << "\nstored in "
      << store.file().string() << " (readable by you only)\n";
}

base::Result<FlowOptions> flow_options(const OAuth2CommandEnv& env, TokenStore& store,
                                       int timeout) {
  FlowOptions options;
  if (env.proxy) {
    auto chooser = env.proxy();
    if (!chooser) return chooser.error();
    options.send.proxy = std::move(chooser).value();
  }
  options.store = &store;
  options.reuse_stored = false;
  options.open_browser = env.open_browser;
  options.notice = [out = env.err](const std::string& text) { *out << text << "\n"; };
  options.callback_timeout = std::chrono::seconds(timeout);
  if (env.clock) options.context.unix_time = env.clock;
  return options;
}

int run_get(const OAuth2CommandEnv& env, const OutputOptions& output, const OAuth2Args& args) {
  auto params = params_from(args, *env.in);
  if (!params) return fail(env, output, params.error(), kUsage);
  auto config = auth::oauth2_config_from_params(params.value());
  if (!config) return fail(env, output, config.error(), kUsage);
  auto store = open_store(env);
  if (!store) return fail(env, output, store.error());
  auto flow = flow_options(env, store.value(), args.timeout);
  if (!flow) return fail(env, output, flow.error());
  FlowOptions& options = flow.value();
  options.interactive = !args.no_browser;
  auto token = requester::fetch_token(config.value(), options);
  if (!token) return fail(env, output, token.error());
  const StoredToken shown = requester::to_stored(config.value(), token.value(), 0);
  if (output.json) {
    json doc = token_json(shown, args.show_secrets);
    doc["store"] = store.value().file().string();
    *env.out << json{{"ok", true}, {"token", doc}}.dump(2) << "\n";
  } else {
    print_token(*env.out, shown, "got", store.value(), args.show_secrets, now(env));
  }
  return kSuccess;
}

int run_list(const OAuth2CommandEnv& env, const OutputOptions& output, bool show_secrets) {
  auto store = open_store(env);
  if (!store) return fail(env, output, store.error());
  auto tokens = store.value().list();
  if (!tokens) return fail(env, output, tokens.error());
  if (output.json) {
    json list = json::array();
    for (const StoredToken& token : tokens.value())
      list.push_back(token_json(token, show_secrets));
    *env.out << json{{"tokens", list}}.dump(2) << "\n";
    return kSuccess;
  }
  if (tokens.value().empty()) {
    *env.out << "no OAuth 2.0 tokens are stored (get one with `postern oauth2 token get`)\n";
    return kSuccess;
  }
  TextTable table({"NAME", "GRANT", "TYPE", "EXPIRES", "REFRESH", "CLIENT", "TOKEN"});
  for (const StoredToken& token : tokens.value()) {
    table.add_row({token.name, token.grant_type, token.token_type,
                   expiry_text(token.expires_at, now(env)),
                   token.refresh_token.empty() ? "no" : "yes", token.client_id,
                   show_secrets ? token.access_token : redact_token(token.access_token)});
  }
  table.print(*env.out);
  return kSuccess;
}

int run_delete(const OAuth2CommandEnv& env, const OutputOptions& output, const std::string& name) {
  auto store = open_store(env);
  if (!store) return fail(env, output, store.error());
  auto removed = store.value().remove(name);
  if (!removed) return fail(env, output, removed.error());
  if (!removed.value()) {
    return fail(env, output,
                base::Error{make_error_code(auth::oauth2_errc::no_such_token),
                            "no OAuth 2.0 token is named \"" + name + "\"",
                            "see the stored tokens with `postern oauth2 token list`"});
  }
  if (output.json) {
    *env.out << json{{"ok", true}, {"deleted", name}}.dump(2) << "\n";
  } else {
    *env.out << "deleted the OAuth 2.0 token \"" << printable(name)
             << "\" (the server may still accept it until it expires: deleting does not "
                "revoke)\n";
  }
  return kSuccess;
}

int run_refresh(const OAuth2CommandEnv& env, const OutputOptions& output, const OAuth2Args& args) {
  auto store = open_store(env);
  if (!store) return fail(env, output, store.error());
  const std::string secret = args.secret_stdin ? read_line(*env.in) : std::string();
  auto flow = flow_options(env, store.value(), args.timeout);
  if (!flow) return fail(env, output, flow.error());
  auto token = requester::refresh_stored_token(
      args.name, secret,
      args.client_auth == "body" ? auth::ClientAuth::body : auth::ClientAuth::header, flow.value());
  if (!token) return fail(env, output, token.error());
  auto stored = store.value().find(args.name);
  if (!stored) return fail(env, output, stored.error());
  if (!stored.value()) return kFailure;  // deleted meanwhile by another process
  if (output.json) {
    *env.out << json{{"ok", true}, {"token", token_json(*stored.value(), args.show_secrets)}}.dump(
                    2)
             << "\n";
  } else {
    print_token(*env.out, *stored.value(), "refreshed", store.value(), args.show_secrets, now(env));
  }
  return kSuccess;
}

void add_get(CLI::App& token, OutputOptions& output, int& exit_code, const EnvPtr& env,
             const std::shared_ptr<OAuth2Args>& args) {
  auto* get = token.add_subcommand("get", "Run a grant now and store the token");
  get->add_option("--grant", args->grant,
                  "client_credentials, password, authorization_code (code), implicit")
      ->required()
      ->check(CLI::IsMember({"client_credentials", "password", "password_credentials",
                             "authorization_code", "code", "authorization_code_with_pkce",
                             "implicit"}));
  get->add_option("--token-url", args->token_url, "The token endpoint (accessTokenUrl)");
  get->add_option("--auth-url", args->auth_url, "The authorization endpoint (code, implicit)");
  get->add_option("--refresh-url", args->refresh_url, "Where to refresh (default: --token-url)");
  get->add_option("--client-id", args->client_id, "The client's id");
  get->add_flag("--client-secret-stdin", args->secret_stdin,
                "Read the client secret from the first line of stdin");
  get->add_option("--scope", args->scope, "Space-separated scopes");
  get->add_option("--state", args->state, "The state to send (default: a random one)");
  get->add_option("--pkce", args->pkce, "PKCE code challenge method (authorization code)")
      ->check(CLI::IsMember({"S256", "plain"}));
  get->add_option("--redirect-uri", args->redirect_uri, "The callback URL (redirect_uri)");
  get->add_option("--client-auth", args->client_auth, "Client authentication: header or body")
      ->check(CLI::IsMember({"header", "body"}));
  get->add_option("--username", args->username, "The resource owner (password grant)");
  get->add_flag("--password-stdin", args->password_stdin,
                "Read the password from stdin (after the client secret's line, if any)");
  get->add_option("--resource", args->resource, "The resource the token is for (RFC 8707)");
  get->add_option("--audience", args->audience, "The audience the token is for");
  get->add_option("--name", args->name, "The name to store it under (tokenName)");
  get->add_option("--param", args->params, "Any other Postman oauth2 key: KEY=VALUE");
  get->add_flag("--no-browser", args->no_browser,
                "Non-interactive: follow the authorization redirects without a browser");
  get->add_option("--timeout", args->timeout, "Seconds to wait for the browser")
      ->check(CLI::Range(1, 3600));
  get->add_flag("--show-secrets", args->show_secrets, "Print the token in full");
  get->add_flag("--json", output.json, "Print JSON");
  get->callback([&, env, args] { exit_code = run_get(*env, output, *args); });
}

}  // namespace

std::string redact_token(std::string_view token) {
  // Short tokens would be mostly shown by a prefix: show nothing of them.
  if (token.size() < 16) return "****";
  return std::string(token.substr(0, 6)) + "…";
}

OAuth2CommandEnv default_oauth2_env() {
  // The proxy settings of settings.json (system or custom proxy), as `postern send` uses them.
  auto proxy = []() -> base::Result<requester::ProxyChooser> {
    auto paths = base::current_app_paths();
    if (!paths) return paths.error();
    return settings_proxy_chooser(paths.value(), base::process_environment());
  };
  return OAuth2CommandEnv{
      base::current_app_paths, {}, {}, &std::cin, &std::cout, &std::cerr, proxy};
}

void add_oauth2_command(CLI::App& app, OutputOptions& output, int& exit_code,
                        OAuth2CommandEnv env) {
  const EnvPtr shared = std::make_shared<const OAuth2CommandEnv>(std::move(env));
  auto args = std::make_shared<OAuth2Args>();
  auto* oauth2 = app.add_subcommand("oauth2", "OAuth 2.0 tokens for the requests Postern sends");
  oauth2->require_subcommand(1);
  auto* token = oauth2->add_subcommand("token", "Get, list, refresh and delete stored tokens");
  token->require_subcommand(1);
  add_get(*token, output, exit_code, shared, args);

  auto* list = token->add_subcommand("list", "The stored tokens (redacted)");
  list->add_flag("--show-secrets", args->show_secrets, "Print the tokens in full");
  list->add_flag("--json", output.json, "Print JSON");
  list->callback([&, shared, args] { exit_code = run_list(*shared, output, args->show_secrets); });

  auto* remove = token->add_subcommand("delete", "Forget a stored token (it is not revoked)");
  remove->add_option("name", args->name, "The token's name")->required();
  remove->add_flag("--json", output.json, "Print JSON");
  remove->callback([&, shared, args] { exit_code = run_delete(*shared, output, args->name); });

  auto* refresh = token->add_subcommand("refresh", "Refresh a stored token with its refresh token");
  refresh->add_option("name", args->name, "The token's name")->required();
  refresh->add_flag("--client-secret-stdin", args->secret_stdin,
                    "Read the client secret from stdin (the store never keeps it)");
  refresh->add_option("--client-auth", args->client_auth, "Client authentication: header or body")
      ->check(CLI::IsMember({"header", "body"}));
  refresh->add_flag("--show-secrets", args->show_secrets, "Print the token in full");
  refresh->add_flag("--json", output.json, "Print JSON");
  refresh->callback([&, shared, args] { exit_code = run_refresh(*shared, output, *args); });
}

}  // namespace postern::cli
