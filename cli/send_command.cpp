#include "cli/send_command.hpp"

#include <iostream>
#include <memory>

#include "cli/human_units.hpp"
#include "cli/requester_setup.hpp"
#include "cli/wire_views.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_body.hpp"

namespace postern::cli {
namespace {

struct SendArgs {
  std::vector<std::string> method_and_url;
  std::vector<std::string> headers;
  std::optional<std::string> data;
  std::optional<std::string> data_file;
  std::vector<std::string> form;
  std::vector<std::string> form_urlencoded;
  std::string auth_type = "noauth";
  std::vector<std::string> auth_params;
  bool dry_run = false;
  bool verbose = false;
  SendFlags flags;
};

base::Error usage(std::string message, std::string remedy = {}) {
  return base::Error{std::make_error_code(std::errc::invalid_argument), std::move(message),
                     std::move(remedy)};
}

// "k=v" split at the first '='.
base::Result<std::pair<std::string, std::string>> key_value(const std::string& text,
                                                            const char* option) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return usage(std::string(option) + " needs NAME=VALUE, not \"" + text + "\"");
  }
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

base::Status_or_error add_headers(const SendArgs& args, auth::HttpRequest& request) {
  for (const auto& line : args.headers) {
    auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
      return usage("-H needs 'Name: value', not \"" + line + "\"");
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ')
      value.erase(0, 1);
    request.headers.push_back({line.substr(0, colon), value});
  }
  return base::Ok{};
}

void default_content_type(auth::HttpRequest& request, const std::string& type) {
  if (!auth::find_header(request.headers, "Content-Type"))
    request.headers.push_back({"Content-Type", type});
}

base::Status_or_error add_form(const SendArgs& args, auth::HttpRequest& request) {
  std::vector<requester::FormField> fields;
  for (const auto& item : args.form) {
    auto pair = key_value(item, "--form");
    if (!pair) return pair.error();
    auto [name, value] = pair.value();
    bool is_file = value.starts_with("@");
    fields.push_back({name, is_file ? value.substr(1) : value, is_file, ""});
  }
  auto body = requester::multipart_body(fields, requester::new_boundary());
  if (!body) return body.error();
  auth::set_header(request.headers, "Content-Type", body.value().content_type);
  request.body = std::move(body.value().bytes);
  return base::Ok{};
}

base::Status_or_error add_body(const SendArgs& args, auth::HttpRequest& request) {
  int kinds = (args.data ? 1 : 0) + (args.data_file ? 1 : 0) + (args.form.empty() ? 0 : 1) +
              (args.form_urlencoded.empty() ? 0 : 1);
  if (kinds > 1) return usage("give one body: -d, --data-file, --form or --form-urlencoded");
  if (args.data) request.body = *args.data;
  if (args.data_file) {
    auto bytes = requester::read_body_file(*args.data_file);
    if (!bytes) return bytes.error();
    request.body = std::move(bytes).value();
  }
  if (!args.form.empty()) return add_form(args, request);
  if (!args.form_urlencoded.empty()) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& item : args.form_urlencoded) {
      auto pair = key_value(item, "--form-urlencoded");
      if (!pair) return pair.error();
      pairs.push_back(pair.value());
    }
    request.body = requester::urlencode_pairs(pairs);
    default_content_type(request, "application/x-www-form-urlencoded");
  }
  return base::Ok{};
}

base::Result<auth::HttpRequest> build_request(const SendArgs& args) {
  auth::HttpRequest request;
  const auto& positional = args.method_and_url;
  if (positional.empty() || positional.size() > 2) return usage("give [METHOD] URL");
  request.url = positional.back();
  if (request.url.find("://") == std::string::npos) request.url = "http://" + request.url;
  auto headers = add_headers(args, request);
  if (!headers) return headers.error();
  auto body = add_body(args, request);
  if (!body) return body.error();
  request.method =
      positional.size() == 2 ? positional.front() : (request.body.empty() ? "GET" : "POST");
  for (char& c : request.method)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return request;
}

base::Result<auth::AuthParams> auth_params(const SendArgs& args) {
  auth::AuthParams params;
  for (const auto& item : args.auth_params) {
    auto pair = key_value(item, "--auth-param");
    if (!pair) return pair.error();
    params.set(pair.value().first, pair.value().second);
  }
  return params;
}

void print_summary(const requester::SendResult& result) {
  std::cerr << result.response.status
            << (result.legs.empty() || result.legs.back().reason.empty()
                    ? ""
                    : " " + result.legs.back().reason)
            << " · " << human_size(result.body_bytes) << " · " << result.elapsed_ms << " ms";
  if (result.legs.size() > 1) std::cerr << " · " << result.legs.size() << " round trips";
  std::cerr << "\n";
}

int run_send(SendArgs& args, const OutputOptions& output) {
  auto request = build_request(args);
  if (!request) {
    report_error(std::cerr, output, request.error());
    return kUsage;
  }
  auto params = auth_params(args);
  if (!params) {
    report_error(std::cerr, output, params.error());
    return kUsage;
  }
  auto context = make_requester_context(args.flags, base::process_environment());
  if (!context) return report_error(std::cerr, output, context.error());
  if (args.auth_type == "oauth2" && !params.value().has("accessToken") && !args.dry_run) {
    auto token = oauth2_access_token(*context.value(), args.flags, params.value());
    if (!token) return report_error(std::cerr, output, token.error());
    params.value().set("accessToken", std::move(token).value());
  }
  auto scheme = auth::make_auth_scheme(args.auth_type, params.value(), auth::system_context());
  if (!scheme) return report_error(std::cerr, output, scheme.error());
  SecretRedactor redactor(secret_values(args.auth_type, params.value()), args.flags.show_secrets);
  if (args.flags.insecure) std::cerr << "warning: TLS certificates are not verified (--insecure)\n";
  if (args.dry_run) {
    auth::HttpRequest preview = request.value();
    if (context.value()->options.cookies) {
      std::string jar = context.value()->options.cookies->cookie_header_for(preview.url);
      if (!jar.empty()) auth::set_header(preview.headers, "Cookie", jar);
    }
    auto applied = scheme.value()->create_response(preview);
    if (!applied) return report_error(std::cerr, output, applied.error());
    print_dry_run(std::cout, preview, "postern/0.1.0", redactor);
    if (!scheme.value()->complete_without_server()) {
      std::cerr << "note: " << args.auth_type
                << " completes its Authorization header after the server's challenge; this is the "
                   "first request only\n";
    }
    return kSuccess;
  }
  auto sent = requester::send_request(request.value(), *scheme.value(), context.value()->options);
  if (!sent)
    return report_error(
        std::cerr, output,
        base::Error{sent.error().code, redactor.text(sent.error().message), sent.error().remedy});
  if (output.json) {
    std::cout << send_result_json(sent.value(), redactor).dump(2) << "\n";
    return kSuccess;
  }
  if (args.verbose) print_legs(std::cerr, sent.value().legs, redactor);
  std::cout << sent.value().body;
  if (!sent.value().body.empty() && sent.value().body.back() != '\n' &&
      is_printable_body(sent.value().body))
    std::cout << "\n";
  print_summary(sent.value());
  return kSuccess;
}

std::string auth_types_help() {
  std::string text = "auth type (default noauth):";
  for (const auto& entry : auth::auth_schemes())
    text += " " + std::string(entry.type);
  return text;
}

}  // namespace

void add_send_command(CLI::App& app, OutputOptions& output, int& exit_code) {
  auto args = std::make_shared<SendArgs>();
  auto* command = app.add_subcommand(
      "send", "Send one request, with any auth type, through the proxy settings and cookie jar");
  command->add_option("method_and_url", args->method_and_url, "[METHOD] URL")
      ->required()
      ->expected(1, 2);
  command->add_option("-H,--header", args->headers, "a header 'Name: value' (repeatable)");
  command->add_option("-d,--data", args->data, "the body, as given");
  command->add_option("--data-file", args->data_file, "the body, read from a file");
  command->add_option("--form", args->form,
                      "a multipart field NAME=VALUE or NAME=@FILE (repeatable)");
  command->add_option("--form-urlencoded", args->form_urlencoded,
                      "an urlencoded field NAME=VALUE (repeatable)");
  command->add_option("--auth", args->auth_type, auth_types_help());
  command->add_option("--auth-param", args->auth_params,
                      "an auth parameter NAME=VALUE, Postman's names (docs/auth/)");
  command->add_flag("--dry-run", args->dry_run,
                    "print the request as it will be sent; send nothing");
  command->add_flag("-v,--verbose", args->verbose, "print every round trip to stderr");
  command->add_flag("--json", output.json, "print the exchange as JSON");
  add_send_flags(*command, args->flags);
  command->callback([args, &output, &exit_code] { exit_code = run_send(*args, output); });
}

}  // namespace postern::cli
