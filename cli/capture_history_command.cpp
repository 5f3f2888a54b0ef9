#include "cli/capture_history_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/capture_filters.hpp"
#include "cli/capture_views.hpp"
#include "cli/exchange_view.hpp"
#include "cli/human_units.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/capture_api.hpp"
#include "runtime/control/client/control_call.hpp"

namespace postern::cli {

using control_client::call_json;
using control_client::ControlApi;
using control_client::QueryParams;
using control_client::with_query;

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using EnvPtr = std::shared_ptr<const ControlCommandEnv>;

// Option values of the history commands; owned by the callbacks so they live as long as the app.
struct HistoryArgs {
  std::int64_t id = 0;
  std::optional<std::string> search;
  std::optional<int> page;
  std::optional<int> per_page;
  bool overview = false;
  bool cookies = false;
  std::string name;
  std::optional<std::string> har;
  std::optional<std::string> collection;
  std::vector<std::string> group_by;
  std::vector<std::int64_t> exchange_ids;
};

std::string session_path(std::int64_t id) {
  return "/v1/sessions/" + std::to_string(id);
}

// One GET shown with `view`: most history commands are exactly this.
int show(const ControlCommandEnv& env, const OutputOptions& output, const std::string& target,
         const JsonView& view) {
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output, call_json(api, "GET", target), view);
  });
}

int run_show(const ControlCommandEnv& env, const OutputOptions& output, const HistoryArgs& args) {
  const std::string base = session_path(args.id);
  if (args.overview) return show(env, output, base + "/overview", print_overview);
  if (args.cookies) return show(env, output, base + "/cookies", print_session_cookies);
  QueryParams query{{"search", args.search.value_or("")}};
  if (args.page) query.emplace_back("page", std::to_string(*args.page));
  if (args.per_page) query.emplace_back("per_page", std::to_string(*args.per_page));
  const std::int64_t id = args.id;
  return show(env, output, with_query(base + "/exchanges", query),
              [id](std::ostream& out, const json& page) { print_exchange_page(out, id, page); });
}

int run_rename(const ControlCommandEnv& env, const OutputOptions& output, const HistoryArgs& args) {
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output,
                   call_json(api, "PATCH", session_path(args.id), json{{"name", args.name}}),
                   print_session);
  });
}

int run_delete(const ControlCommandEnv& env, const OutputOptions& output, const HistoryArgs& args) {
  return with_control(env, output, [&](ControlApi& api) {
    auto deleted = call_json(api, "DELETE", session_path(args.id));
    if (!deleted) return print_failure(env, output, deleted.error());
    // The API answers 204 with no body; --json still gets a document to read.
    return present(env, output, json{{"deleted", true}, {"session_id", args.id}},
                   [&args](std::ostream& out, const json&) {
                     out << "deleted session " << args.id << " and its exchanges\n";
                   });
  });
}

int run_export(const ControlCommandEnv& env, const OutputOptions& output, const HistoryArgs& args) {
  if (!args.har && !args.collection)
    throw CLI::RequiredError("capture export needs --har PATH or --collection PATH");
  for (const auto& group : args.group_by)
    if (group != "domain" && group != "endpoint")
      throw CLI::ValidationError("--group-by",
                                 "\"" + group + "\" is not a grouping; use domain, endpoint");
  const bool har = args.har.has_value();
  control_client::ExportRequest request{
      har ? control_client::ExportFormat::har : control_client::ExportFormat::collection,
      args.group_by, fs::absolute(har ? *args.har : *args.collection).lexically_normal()};
  return with_control(env, output, [&](ControlApi& api) {
    auto written = control_client::CaptureApi(api).export_session(args.id, request);
    if (!written) return print_failure(env, output, written.error());
    const json result = {{"path", written.value().path.string()},
                         {"format", har ? "har" : "collection"},
                         {"bytes", written.value().bytes}};
    return present(env, output, result, [&](std::ostream& out, const json&) {
      out << "wrote session " << args.id << (har ? " as HAR 1.2" : " as a Postman Collection v2.1")
          << " to " << printable(written.value().path.string()) << " ("
          << human_size(written.value().bytes) << ")\n";
    });
  });
}

int run_to_jar(const ControlCommandEnv& env, const OutputOptions& output, const HistoryArgs& args) {
  json body = json::object();
  if (!args.exchange_ids.empty()) body["exchange_ids"] = args.exchange_ids;
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output,
                   call_json(api, "POST", session_path(args.id) + "/cookies/to-jar", body),
                   print_to_jar);
  });
}

void add_show(CLI::App& capture, OutputOptions& output, int& exit_code, const EnvPtr& env) {
  auto args = std::make_shared<HistoryArgs>();
  auto* show_command =
      capture.add_subcommand("show", "A session's exchanges, page by page, or its overview");
  add_id_argument(*show_command, args->id, "id", "The session's id (see `capture list`)");
  auto* search = show_command->add_option("--search", args->search, "Only URLs containing this");
  auto* page = show_command->add_option("--page", args->page, "Page number, from 1")
                   ->check(CLI::Range(1, 1000000));
  auto* per_page =
      show_command->add_option("--per-page", args->per_page, "Exchanges per page, 1 to 1000")
          ->check(CLI::Range(1, 1000));
  auto* overview = show_command->add_flag("--overview", args->overview,
                                          "Counts by method, domain, status and data mode");
  auto* cookies = show_command->add_flag("--cookies", args->cookies,
                                         "The Cookie and Set-Cookie headers recorded");
  for (auto* view : {overview, cookies})
    for (auto* paging : {search, page, per_page})
      view->excludes(paging);
  overview->excludes(cookies);
  show_command->add_flag("--json", output.json, "Print the control API's JSON instead of text");
  show_command->callback([&, env, args] { exit_code = run_show(*env, output, *args); });
}

void add_export(CLI::App& capture, OutputOptions& output, int& exit_code, const EnvPtr& env) {
  auto args = std::make_shared<HistoryArgs>();
  auto* exporter = capture.add_subcommand(
      "export", "Write a session to a file: HAR 1.2 or Postman Collection v2.1");
  add_id_argument(*exporter, args->id, "id", "The session's id");
  auto* har = exporter->add_option("--har", args->har, "Write a HAR 1.2 file here");
  auto* collection =
      exporter->add_option("--collection", args->collection, "Write a Postman collection here");
  har->excludes(collection);
  exporter->add_option("--group-by", args->group_by, "Collection folders: domain,endpoint")
      ->delimiter(',')
      ->needs(collection);
  exporter->add_flag("--json", output.json, "Print where it was written as JSON");
  exporter->callback([&, env, args] { exit_code = run_export(*env, output, *args); });
}

}  // namespace

void add_capture_history_commands(CLI::App& capture, OutputOptions& output, int& exit_code,
                                  EnvPtr env) {
  auto json_flag = [&output](CLI::App* command) {
    command->add_flag("--json", output.json, "Print the control API's JSON instead of text");
  };
  auto* list = capture.add_subcommand("list", "The capture sessions in the history, newest first");
  json_flag(list);
  list->callback([&, env] { exit_code = show(*env, output, "/v1/sessions", print_session_list); });

  add_show(capture, output, exit_code, env);

  auto exchange_args = std::make_shared<HistoryArgs>();
  auto* exchange = capture.add_subcommand("exchange", "One exchange with its headers and bodies");
  add_id_argument(*exchange, exchange_args->id, "id", "The exchange's id (see `capture show`)");
  json_flag(exchange);
  exchange->callback([&, env, exchange_args] {
    exit_code =
        show(*env, output, "/v1/exchanges/" + std::to_string(exchange_args->id), print_exchange);
  });

  auto rename_args = std::make_shared<HistoryArgs>();
  auto* rename = capture.add_subcommand("rename", "Give a session another name");
  add_id_argument(*rename, rename_args->id, "id", "The session's id");
  rename->add_option("name", rename_args->name, "The new name")->required();
  json_flag(rename);
  rename->callback([&, env, rename_args] { exit_code = run_rename(*env, output, *rename_args); });

  auto delete_args = std::make_shared<HistoryArgs>();
  auto* remove = capture.add_subcommand("delete", "Delete a session and its exchanges");
  add_id_argument(*remove, delete_args->id, "id", "The session's id");
  json_flag(remove);
  remove->callback([&, env, delete_args] { exit_code = run_delete(*env, output, *delete_args); });

  add_export(capture, output, exit_code, env);

  auto jar_args = std::make_shared<HistoryArgs>();
  auto* to_jar = capture.add_subcommand(
      "cookies-to-jar", "Put the Set-Cookie headers a session recorded into the cookie jar");
  add_id_argument(*to_jar, jar_args->id, "id", "The session's id");
  to_jar->add_option("--exchange", jar_args->exchange_ids, "Only these exchanges (repeatable)")
      ->check(CLI::Range(std::int64_t{1}, INT64_MAX));
  json_flag(to_jar);
  to_jar->callback([&, env, jar_args] { exit_code = run_to_jar(*env, output, *jar_args); });
}

}  // namespace postern::cli
