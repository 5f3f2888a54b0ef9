#include "cli/cookies_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "base/files.hpp"
#include "base/url.hpp"
#include "cli/cookie_views.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/control_call.hpp"
#include "runtime/control/client/cookie_api.hpp"

namespace postern::cli {

using control_client::call_json;
using control_client::call_json_with_text;
using control_client::CallFailure;
using control_client::ControlApi;
using control_client::QueryParams;
using control_client::with_query;

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using EnvPtr = std::shared_ptr<const ControlCommandEnv>;

// Option values of the cookies commands; owned by the callbacks so they live as long as the app.
struct CookieArgs {
  std::optional<std::string> domain;
  std::optional<std::string> path;
  std::optional<std::string> name;
  std::string url;
  std::string set_cookie;
  std::string file;
};

int call(const ControlCommandEnv& env, const OutputOptions& output, const std::string& method,
         const std::string& target, const json& body, const JsonView& view) {
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output, call_json(api, method, target, body), view);
  });
}

int run_add(const ControlCommandEnv& env, const OutputOptions& output, const CookieArgs& args) {
  auto url = base::parse_url(args.url);
  if (!url || (url.value().scheme != "http" && url.value().scheme != "https"))
    throw CLI::ValidationError("--url", "\"" + args.url +
                                            "\" is not an http:// or https:// URL (the cookie's "
                                            "origin, as its server would send it)");
  return call(env, output, "POST", "/v1/cookies",
              json{{"url", args.url}, {"set_cookie", args.set_cookie}}, print_cookie_added);
}

int run_export(const ControlCommandEnv& env, const OutputOptions& output, const CookieArgs& args) {
  const fs::path path = fs::absolute(args.file).lexically_normal();
  return with_control(env, output, [&](ControlApi& api) {
    auto written = control_client::CookieApi(api).export_netscape(path);
    if (!written) return print_failure(env, output, written.error());
    return present(
        env, output,
        json{{"path", path.string()}, {"format", "netscape"}, {"bytes", written.value()}},
        [&](std::ostream& out, const json&) {
          out << "wrote the cookie jar as cookies.txt to " << printable(path.string())
              << " (readable by you only)\n";
        });
  });
}

int run_import(const ControlCommandEnv& env, const OutputOptions& output, const CookieArgs& args) {
  auto text = base::read_file(args.file, kMaxCookieImport);
  if (!text)
    return print_failure(
        env, output,
        CallFailure{"FILE_UNREADABLE", text.error().message,
                    "the control API takes at most 1 MiB: split a larger file", 0});
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output,
                   call_json_with_text(api, "POST", "/v1/cookies/import?format=netscape",
                                       std::move(text).value()),
                   print_cookie_import);
  });
}

}  // namespace

void add_cookies_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         ControlCommandEnv env) {
  const EnvPtr shared = std::make_shared<const ControlCommandEnv>(std::move(env));
  auto args = std::make_shared<CookieArgs>();
  auto* cookies = app.add_subcommand("cookies", "The runtime's cookie jar");
  cookies->require_subcommand(1);
  auto json_flag = [&output](CLI::App* command) {
    command->add_flag("--json", output.json, "Print the control API's JSON instead of text");
  };

  auto* list = cookies->add_subcommand("list", "The cookies in the jar");
  list->add_option("--domain", args->domain, "Only cookies for this domain");
  json_flag(list);
  list->callback([&, shared, args] {
    exit_code = call(*shared, output, "GET",
                     with_query("/v1/cookies", {{"domain", args->domain.value_or("")}}), nullptr,
                     print_cookie_jar);
  });

  auto* add = cookies->add_subcommand("add", "Add a cookie as a server's Set-Cookie line would");
  add->add_option("--url", args->url, "The URL whose server sets it: https://example.com/")
      ->required();
  add->add_option("set-cookie", args->set_cookie, "The Set-Cookie line: 'sid=abc; Path=/; Secure'")
      ->required();
  json_flag(add);
  add->callback([&, shared, args] { exit_code = run_add(*shared, output, *args); });

  auto* remove = cookies->add_subcommand("delete", "Delete the cookies of a domain (path, name)");
  remove->add_option("--domain", args->domain, "The cookies' domain")->required();
  remove->add_option("--path", args->path, "Only cookies with this path");
  remove->add_option("--name", args->name, "Only cookies with this name");
  json_flag(remove);
  remove->callback([&, shared, args] {
    const QueryParams query{{"domain", args->domain.value_or("")},
                            {"path", args->path.value_or("")},
                            {"name", args->name.value_or("")}};
    exit_code = call(*shared, output, "DELETE", with_query("/v1/cookies", query), nullptr,
                     print_cookies_removed);
  });

  auto* clear = cookies->add_subcommand("clear", "Delete every cookie in the jar");
  json_flag(clear);
  clear->callback([&, shared] {
    exit_code = call(*shared, output, "DELETE", "/v1/cookies", nullptr, print_cookies_removed);
  });

  auto* exporter = cookies->add_subcommand("export", "Write the jar as a Netscape cookies.txt");
  exporter->add_option("--netscape", args->file, "The cookies.txt file to write")->required();
  json_flag(exporter);
  exporter->callback([&, shared, args] { exit_code = run_export(*shared, output, *args); });

  auto* importer = cookies->add_subcommand("import", "Add the cookies of a Netscape cookies.txt");
  importer->add_option("file", args->file, "The cookies.txt file to read")->required();
  json_flag(importer);
  importer->callback([&, shared, args] { exit_code = run_import(*shared, output, *args); });
}

}  // namespace postern::cli
