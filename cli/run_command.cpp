#include "cli/run_command.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/requester_setup.hpp"
#include "cli/run_views.hpp"
#include "cli/text_table.hpp"
#include "runtime/runner/runner_errc.hpp"

namespace postern::cli {
namespace {

struct RunArgs {
  std::string collection;
  std::string environment;
  std::string globals;
  std::vector<std::string> env_vars;
  std::optional<std::string> folder;
  std::string reporter = "cli";
  SendFlags flags;
};

base::Result<std::string> read_file(const std::string& path, runner::runner_errc code) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::Error{code, "cannot read " + path, "check the path"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

base::Status_or_error load_scope(const std::string& path, runner::VariableScope& scope) {
  if (path.empty()) return base::Ok{};
  auto text = read_file(path, runner::runner_errc::bad_variables);
  if (!text) return text.error();
  if (auto problem = runner::read_variable_file(text.value(), scope)) {
    return base::Error{runner::runner_errc::bad_variables, path + ": " + *problem,
                       "export it again from Postman (Environments or Globals)"};
  }
  return base::Ok{};
}

base::Result<runner::Variables> load_variables(const RunArgs& args) {
  runner::Variables variables;
  auto globals = load_scope(args.globals, variables.globals);
  if (!globals) return globals.error();
  auto environment = load_scope(args.environment, variables.environment);
  if (!environment) return environment.error();
  for (const auto& item : args.env_vars) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return base::Error{runner::runner_errc::bad_variables,
                         "--env-var needs NAME=VALUE, not \"" + item + "\"",
                         {}};
    }
    variables.environment[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return variables;
}

int run(const RunArgs& args, const OutputOptions& output) {
  bool json = output.json || args.reporter == "json";
  OutputOptions errors{json};
  auto text = read_file(args.collection, runner::runner_errc::bad_collection);
  if (!text) return report_error(std::cerr, errors, text.error());
  auto collection = runner::parse_collection(text.value());
  if (!collection) {
    return report_error(
        std::cerr, errors,
        base::Error{collection.error().code, args.collection + ": " + collection.error().message,
                    collection.error().remedy});
  }
  auto variables = load_variables(args);
  if (!variables) return report_error(std::cerr, errors, variables.error());
  auto context = make_requester_context(args.flags, base::process_environment());
  if (!context) return report_error(std::cerr, errors, context.error());

  runner::RunOptions options;
  options.folder = args.folder;
  options.base_dir = std::filesystem::absolute(args.collection).parent_path();
  options.send = context.value()->options;
  const RequesterContext& requester_context = *context.value();
  options.oauth2_tokens = [&](const auth::AuthParams& params) {
    return oauth2_access_token(requester_context, args.flags, params);
  };
  if (!json) {
    std::cout << printable(collection.value().name) << "\n\n";
    options.on_execution = [](const runner::Execution& e) { print_execution(std::cout, e); };
  }
  auto summary = runner::run_collection(collection.value(), variables.value(), options);
  if (!summary) return report_error(std::cerr, errors, summary.error());
  if (json) {
    std::cout << run_json(summary.value()).dump(2) << "\n";
  } else {
    print_run_summary(std::cout, summary.value());
  }
  return summary.value().failed() == 0 ? kSuccess : kFailure;
}

}  // namespace

void add_run_command(CLI::App& app, OutputOptions& output, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* command = app.add_subcommand("run", "Run a Postman collection (v2.1) like newman");
  command->add_option("collection", args->collection, "the collection file")->required();
  command->add_option("-e,--environment", args->environment, "a Postman environment file");
  command->add_option("-g,--globals", args->globals, "a Postman globals file");
  command->add_option("--env-var", args->env_vars,
                      "an environment variable NAME=VALUE (repeatable)");
  command->add_option("--folder", args->folder, "run only this folder");
  command->add_option("-r,--reporter", args->reporter, "cli (default) or json")
      ->check(CLI::IsMember({"cli", "json"}));
  command->add_flag("--json", output.json, "the same as --reporter json");
  add_send_flags(*command, args->flags);
  command->callback([args, &output, &exit_code] { exit_code = run(*args, output); });
}

}  // namespace postern::cli
