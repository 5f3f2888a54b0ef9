// postern: the command-line front end. Parses arguments, runs one command, maps outcomes to exit
// codes (0 success, 1 failure, 2 usage). Libraries never print or exit; this file decides.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/ca_command.hpp"
#include "cli/capture_command.hpp"
#include "cli/cookies_command.hpp"
#include "cli/doctor_command.hpp"
#include "cli/oauth2_command.hpp"
#include "cli/proxy_command.hpp"
#include "cli/report.hpp"
#include "cli/run_command.hpp"
#include "cli/runtime_command.hpp"
#include "cli/send_command.hpp"
#include "cli/setup_command.hpp"

int main(int argc, char** argv) {
  using namespace postern::cli;
  CLI::App app{
      "Postern: capture, inspect and replay API traffic.\n"
      "Files live under $POSTERN_HOME when it is set."};
  app.name("postern");
  app.set_version_flag("--version", std::string("postern 0.1.0"));
  app.require_subcommand(1);
  OutputOptions output;
  int exit_code = kSuccess;
  add_setup_commands(app, output, exit_code);
  add_doctor_command(app, output, exit_code);
  add_ca_command(app, output, exit_code);
  add_runtime_command(app, output, exit_code, default_runtime_env());
  add_capture_command(app, output, exit_code, default_control_env());
  add_cookies_command(app, output, exit_code, default_control_env());
  add_proxy_command(app, output, exit_code, default_proxy_env());
  add_oauth2_command(app, output, exit_code, default_oauth2_env());
  add_send_command(app, output, exit_code);
  add_run_command(app, output, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help/version to stdout, errors to stderr
    return code == 0 ? kSuccess : kUsage;
  } catch (const std::exception& e) {
    // A broken invariant somewhere below: say it as a sentence, never a crash dump.
    std::cerr << "postern: internal error: " << e.what() << "\n";
    return kFailure;
  }
  return exit_code;
}
