#include "cli/setup_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/progress_printer.hpp"
#include "cli/report.hpp"
#include "cli/services.hpp"
#include "registry/browser_detection.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "wizard/setup/key_step.hpp"
#include "wizard/setup/manifest_step.hpp"
#include "wizard/setup/reset.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::cli {

namespace {

struct SetupArgs {
  std::vector<std::string> browsers;  // "detected" or ids
  std::string scope = "user";
  std::vector<std::string> ca_stores;  // "none" or names
  bool dry_run = false;
  bool yes = false;
  bool keep_ca = false;
  std::string key;
};

setup::SetupChoices choices_from(const SetupArgs& args) {
  setup::SetupChoices choices;
  for (const auto& id : args.browsers)
    if (id != "detected") choices.browsers.push_back(id);
  choices.scope = args.scope == "system" ? registry::Scope::system : registry::Scope::user;
  choices.skip_ca = args.ca_stores.size() == 1 && args.ca_stores[0] == "none";
  if (!choices.skip_ca) choices.ca_stores = args.ca_stores;
  return choices;
}

// Asks before changing the machine when a person is at the terminal and did not pass --yes.
bool confirmed(const setup::Plan& plan) {
  std::cerr << "postern setup will:\n";
  for (const auto& step : plan.steps())
    std::cerr << "  - " << step->title() << "\n";
  std::cerr << "Proceed? [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

int run_setup(const OutputOptions& output, const SetupArgs& args) {
  ProgressPrinter progress(std::cerr, progress_wanted(output.json));
  auto services = make_services(progress);
  if (!services) return report_error(std::cout, output, services.error());
  auto& s = services.value();
  auto bridge = locate_bridge_binary(s.env);
  if (!bridge) return report_error(std::cout, output, bridge.error());
  if (auto valid = s.ca_trust->validate_store_names(choices_from(args).ca_stores); !valid) {
    report_error(std::cerr, {}, valid.error());
    return kUsage;
  }
  registry::DetectionContext detect{"/", s.env, base::current_os(),
                                    registry::registry_app_path_lookup()};
  const auto detection = registry::detect_browsers(detect);
  auto runtime = locate_runtime_binary(s.env);
  setup::SetupContext context{s.paths,        s.env,
                              *s.ca_trust,    *s.registrar,
                              bridge.value(), runtime ? runtime.value() : std::filesystem::path()};
  auto built = setup::build_setup_plan(context, choices_from(args), detection);
  if (!args.yes && !args.dry_run && !output.json && ::isatty(STDIN_FILENO) &&
      !confirmed(built.plan)) {
    std::cerr << "nothing changed\n";
    return kFailure;
  }
  base::CancellationToken cancel;
  auto outcomes = built.findings;
  auto ran = built.plan.run({.dry_run = args.dry_run}, progress, cancel);
  outcomes.insert(outcomes.end(), ran.begin(), ran.end());
  return report(std::cout, output, outcomes, {{"dry_run", args.dry_run}});
}

int run_reset(const OutputOptions& output, const SetupArgs& args) {
  ProgressPrinter progress(std::cerr, progress_wanted(output.json));
  auto services = make_services(progress);
  if (!services) return report_error(std::cout, output, services.error());
  auto& s = services.value();
  setup::Reset reset(*s.ca_trust, progress);
  reset.add_undo(std::string(setup::kManifestEntry), setup::manifest_undo(*s.registrar, s.env));
  reset.add_undo(std::string(setup::kKeyEntry), setup::remove_key_file);
  auto outcomes = reset.run({.dry_run = args.dry_run, .keep_ca = args.keep_ca});
  return report(std::cout, output, outcomes, {{"dry_run", args.dry_run}});
}

int run_set_key(const OutputOptions& output, const SetupArgs& args) {
  auto paths = base::current_app_paths();
  if (!paths) return report_error(std::cout, output, paths.error());
  auto outcome = setup::set_custom_key(
      args.key, bridge::BridgeKeyStore::default_file(paths.value()), paths.value().ledger_file());
  outcome.step = "set-key";
  return report(std::cout, output, {outcome});
}

}  // namespace

void add_setup_commands(CLI::App& app, OutputOptions& output, int& exit_code) {
  auto args = std::make_shared<SetupArgs>();
  auto* setup = app.add_subcommand(
      "setup", "Install the bridge, register it with your browsers, trust the CA");
  setup
      ->add_option("--browsers", args->browsers,
                   "Browser ids, comma-separated, or 'detected' (default)")
      ->delimiter(',');
  setup->add_option("--scope", args->scope, "user (default; no root) or system")
      ->check(CLI::IsMember({"user", "system"}));
  setup
      ->add_option("--ca-stores", args->ca_stores,
                   "Trust stores, comma-separated, or 'none' (default: all found)")
      ->delimiter(',');
  setup->add_flag("--dry-run", args->dry_run, "Show what would change; change nothing");
  setup->add_flag("--yes,-y", args->yes, "Do not ask before changing anything");
  setup->add_flag("--json", output.json, "Print one JSON document instead of text");
  setup->callback([&, args] { exit_code = run_setup(output, *args); });

  auto* reset = app.add_subcommand(
      "reset", "Remove everything setup installed, item by item, from the ledger");
  reset->add_flag("--dry-run", args->dry_run, "List what would be removed; change nothing");
  reset->add_flag("--keep-ca", args->keep_ca, "Keep the proxy CA and its trust; remove the rest");
  reset->add_flag("--json", output.json, "Print one JSON document instead of text");
  reset->callback([&, args] { exit_code = run_reset(output, *args); });

  auto* set_key = app.add_subcommand(
      "set-key", "Use your own encryption key (10+ letters and digits) for the bridge");
  set_key->add_option("key", args->key, "The key; enter the same one in the extension (lock icon)")
      ->required();
  set_key->add_flag("--json", output.json, "Print one JSON document instead of text");
  set_key->callback([&, args] { exit_code = run_set_key(output, *args); });
}

}  // namespace postern::cli
