#include "cli/doctor_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "base/outcome_json.hpp"
#include "cli/progress_printer.hpp"
#include "cli/report.hpp"
#include "cli/services.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "wizard/setup/connectivity_row.hpp"
#include "wizard/setup/doctor.hpp"
#include "wizard/setup/doctor_fix.hpp"
#include "wizard/setup/install_ledger.hpp"
#include "wizard/setup/manifest_step.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::cli {

namespace {

void print(std::ostream& out, const OutputOptions& output, const setup::DoctorReport& report,
           const char* heading) {
  if (output.json) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& check : report.checks)
      checks.push_back(base::to_json(check));
    out << nlohmann::json{{"verdict", setup::to_string(report.verdict)},
                          {"ok", report.verdict == setup::Verdict::connected},
                          {"checks", checks}}
               .dump(2)
        << "\n";
    return;
  }
  out << heading << setup::to_string(report.verdict) << "\n\n";
  for (const auto& check : report.checks)
    out << describe(check);
}

// --fix: re-runs the setup steps for what the ledger says was installed (setup::apply_fixes:
// each step is idempotent and needs no person; one that needs root says so, with its command).
std::vector<base::Outcome> apply_fixes(Services& s, const registry::Detection& detection,
                                       base::ProgressObserver& progress) {
  auto bridge = locate_bridge_binary(s.env);
  if (!bridge)
    return {base::failed("fix", "", "HOST_NOT_EXECUTABLE", bridge.error().message,
                         bridge.error().remedy)};
  auto runtime = locate_runtime_binary(s.env);
  setup::SetupContext context{s.paths,        s.env,
                              *s.ca_trust,    *s.registrar,
                              bridge.value(), runtime ? runtime.value() : std::filesystem::path()};
  return setup::apply_fixes(context, detection, progress);
}

int run_doctor(const OutputOptions& output, bool fix,
               const std::optional<std::string>& connectivity_url) {
  ProgressPrinter progress(std::cerr, progress_wanted(output.json));
  auto services = make_services(progress);
  if (!services) return report_error(std::cout, output, services.error());
  auto& s = services.value();
  registry::DetectionContext detect{"/", s.env, base::current_os(),
                                    registry::registry_app_path_lookup()};
  setup::DoctorContext context{
      s.paths,
      s.env,
      *s.ca_trust,
      *s.registrar,
      registry::detect_browsers(detect),
      [&] { return setup::runtime_row(s.paths); },
      [&] { return setup::ask_runtime_connectivity(s.paths, connectivity_url); }};
  auto report = setup::run_doctor(context);
  if (fix && report.verdict != setup::Verdict::connected) {
    auto fixes = apply_fixes(s, context.detection, progress);
    if (!output.json) {
      std::cout << "Fixes applied:\n";
      for (const auto& outcome : fixes)
        std::cout << describe(outcome);
      std::cout << "\n";
    }
    report = setup::run_doctor(context);
  }
  print(std::cout, output, report, "Postern: ");
  return report.verdict == setup::Verdict::connected ? kSuccess : kFailure;
}

}  // namespace

void add_doctor_command(CLI::App& app, OutputOptions& output, int& exit_code) {
  auto fix = std::make_shared<bool>(false);
  auto url = std::make_shared<std::string>();
  auto* doctor =
      app.add_subcommand("doctor", "Check everything, say what is wrong, where, and how to fix it");
  doctor->add_flag("--fix", *fix, "Apply every fix that needs no person, then check again");
  doctor->add_option("--connectivity-url", *url,
                     "Check this URL instead of connectivity.url in settings.json (default "
                     "https://example.com/), through the runtime's proxy settings");
  doctor->add_flag("--json", output.json, "Print one JSON document instead of text");
  doctor->callback([&, fix, url] {
    exit_code = run_doctor(output, *fix, url->empty() ? std::nullopt : std::optional(*url));
  });
}

}  // namespace postern::cli
