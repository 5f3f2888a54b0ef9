#include "cli/doctor_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "base/outcome_json.hpp"
#include "cli/progress_printer.hpp"
#include "cli/report.hpp"
#include "cli/services.hpp"
#include "wizard/setup/doctor.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::cli {

namespace {

base::Outcome runtime_check(const base::AppPaths& paths) {
  const auto socket = paths.runtime / "postern.sock";
  std::error_code ec;
  if (std::filesystem::exists(socket, ec))
    return base::already("runtime", socket.string(), "the runtime's socket is there");
  return base::failed("runtime", socket.string(), "RUNTIME_NOT_RUNNING",
                      "no runtime is answering at " + socket.string(),
                      "the bridge starts it when the extension connects; or start postern-runtime");
}

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

// --fix: the setup steps that need no person (user scope; the system store only as root).
std::vector<base::Outcome> apply_fixes(Services& s, const registry::Detection& detection,
                                       base::ProgressObserver& progress) {
  auto bridge = locate_bridge_binary(s.env);
  if (!bridge)
    return {base::failed("fix", "", "HOST_NOT_EXECUTABLE", bridge.error().message,
                         bridge.error().remedy)};
  setup::SetupChoices choices;
  choices.ca_stores = {"nss"};
  if (::geteuid() == 0) choices.ca_stores.push_back("system");
  setup::SetupContext context{s.paths, s.env, *s.ca_trust, *s.registrar, bridge.value()};
  auto built = setup::build_setup_plan(context, choices, detection);
  base::CancellationToken cancel;
  return built.plan.run({.stop_on_failure = false}, progress, cancel);
}

int run_doctor(const OutputOptions& output, bool fix) {
  ProgressPrinter progress(std::cerr, progress_wanted(output.json));
  auto services = make_services(progress);
  if (!services) return report_error(std::cout, output, services.error());
  auto& s = services.value();
  registry::DetectionContext detect{"/", s.env, base::current_os(),
                                    registry::registry_app_path_lookup()};
  setup::DoctorContext context{
      s.paths, s.env, *s.ca_trust, *s.registrar, registry::detect_browsers(detect), [&] {
        return runtime_check(s.paths);
      }};
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
  auto* doctor =
      app.add_subcommand("doctor", "Check everything, say what is wrong, where, and how to fix it");
  doctor->add_flag("--fix", *fix, "Apply every fix that needs no person, then check again");
  doctor->add_flag("--json", output.json, "Print one JSON document instead of text");
  doctor->callback([&, fix] { exit_code = run_doctor(output, *fix); });
}

}  // namespace postern::cli
