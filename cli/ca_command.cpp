#include "cli/ca_command.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "certs/exporter.hpp"
#include "cli/ca_views.hpp"
#include "cli/progress_printer.hpp"
#include "cli/report.hpp"
#include "cli/services.hpp"

namespace postern::cli {

namespace {

using setup::CaTrust;

// Runs `body` with a CaTrust engine, turning a failure to build it into a reported error.
template <class Body>
int with_engine(const OutputOptions& output, Body body) {
  ProgressPrinter progress(std::cerr, progress_wanted(output.json));
  auto services = make_services(progress);
  if (!services) return report_error(std::cout, output, services.error());
  return body(*services.value().ca_trust);
}

// A --store list naming an unknown store is a usage error (exit 2) that lists the valid names.
bool stores_valid(const CaTrust& engine, const std::vector<std::string>& stores) {
  auto valid = engine.validate_store_names(stores);
  if (!valid) report_error(std::cerr, {}, valid.error());
  return static_cast<bool>(valid);
}

int run_init(const OutputOptions& output) {
  return with_engine(output, [&](CaTrust& engine) {
    auto ensured = engine.ensure_ca(certs::KeyUse::required);
    if (!ensured) return report_error(std::cout, output, ensured.error());
    auto outcomes = ensured.value().outcomes;
    const auto& ca = *ensured.value().ca;
    outcomes.push_back(
        ensured.value().created
            ? base::done("ca", ca.files().cert.string(), "created " + ca.subject_cn())
            : base::already("ca", ca.files().cert.string(), "the CA exists: " + ca.subject_cn()));
    outcomes.back().step = "init";
    return report(std::cout, output, outcomes, {{"ca", ca_json(ca)}});
  });
}

int run_show(const OutputOptions& output) {
  return with_engine(output, [&](CaTrust& engine) {
    auto ensured = engine.ensure_ca(certs::KeyUse::not_needed);
    if (!ensured) return report_error(std::cout, output, ensured.error());
    return show_ca(std::cout, output, *ensured.value().ca, engine.paths());
  });
}

int run_export(const OutputOptions& output, const std::string& format_name,
               const std::string& out) {
  auto format = certs::parse_export_format(format_name);
  if (!format) {
    std::cerr << "error: unknown format \"" << format_name << "\"; use pem, der or p12\n";
    return kUsage;
  }
  return with_engine(output, [&](CaTrust& engine) {
    auto ensured = engine.ensure_ca(certs::KeyUse::not_needed);
    if (!ensured) return report_error(std::cout, output, ensured.error());
    auto written = certs::export_certificate_to(*ensured.value().ca, *format, out);
    if (!written) return report_error(std::cout, output, written.error());
    auto outcome = base::done("ca", out,
                              "exported the CA certificate as " + format_name +
                                  " (the private key never leaves " +
                                  ensured.value().ca->files().key.parent_path().string() + ")");
    outcome.step = "export";
    return report(std::cout, output, {outcome});
  });
}

int run_install(const OutputOptions& output, const std::vector<std::string>& stores) {
  return with_engine(output, [&](CaTrust& engine) {
    if (!stores_valid(engine, stores)) return static_cast<int>(kUsage);
    auto ensured = engine.ensure_ca(certs::KeyUse::not_needed);
    if (!ensured) return report_error(std::cout, output, ensured.error());
    auto outcomes = ensured.value().outcomes;
    auto installed = engine.install(ensured.value().ca, stores);
    outcomes.insert(outcomes.end(), installed.begin(), installed.end());
    return report(std::cout, output, outcomes, {{"ca", ca_json(*ensured.value().ca)}});
  });
}

int run_uninstall(const OutputOptions& output, const std::vector<std::string>& stores) {
  return with_engine(output, [&](CaTrust& engine) {
    if (!stores_valid(engine, stores)) return static_cast<int>(kUsage);
    // Uninstall works from the ledger; the current CA, if readable, is removed as well.
    auto current = certs::CertificateAuthority::load(certs::CaFiles::in(engine.paths().proxy_dir()),
                                                     certs::KeyUse::not_needed);
    return report(std::cout, output, engine.uninstall(current ? current.value() : nullptr, stores));
  });
}

int run_status(const OutputOptions& output, const std::vector<std::string>& stores) {
  return with_engine(output, [&](CaTrust& engine) {
    if (!stores_valid(engine, stores)) return static_cast<int>(kUsage);
    auto ensured = engine.ensure_ca(certs::KeyUse::required);
    if (!ensured) return report_error(std::cout, output, ensured.error());
    return show_status(std::cout, output, engine, ensured.value().ca, stores);
  });
}

int run_regenerate(const OutputOptions& output) {
  return with_engine(output, [&](CaTrust& engine) {
    auto result = engine.regenerate();
    if (!result) return report_error(std::cout, output, result.error());
    auto outcomes = result.value().outcomes;
    const auto& ca = *result.value().ca;
    outcomes.push_back(base::done("ca", ca.files().cert.string(), "created " + ca.subject_cn()));
    outcomes.back().step = "regenerate";
    return report(std::cout, output, outcomes, {{"ca", ca_json(ca)}});
  });
}

// Option values of the ca commands; owned by the callbacks so they live as long as the app.
struct CaArgs {
  std::string format = "pem";
  std::string out;
  std::vector<std::string> install_stores;
  std::vector<std::string> uninstall_stores;
  std::vector<std::string> status_stores;
};

}  // namespace

void add_ca_command(CLI::App& app, OutputOptions& output, int& exit_code) {
  auto args = std::make_shared<CaArgs>();
  auto* ca = app.add_subcommand("ca", "Manage the proxy CA and the trust stores that trust it");
  ca->require_subcommand(1);
  auto json_flag = [&](CLI::App* command) {
    command->add_flag("--json", output.json, "Print one JSON document instead of text");
  };
  auto* init = ca->add_subcommand("init", "Create the CA if it does not exist yet");
  json_flag(init);
  init->callback([&] { exit_code = run_init(output); });

  auto* show = ca->add_subcommand(
      "show", "Show the CA: files, subject, fingerprints, validity, where installed");
  json_flag(show);
  show->callback([&] { exit_code = run_show(output); });

  auto* exporter =
      ca->add_subcommand("export", "Write the CA certificate (never the key) for other devices");
  exporter
      ->add_option("--format", args->format,
                   "pem (.crt), der (.cer, Android), p12 (certificate only)")
      ->check(CLI::IsMember({"pem", "der", "p12"}));
  exporter->add_option("--out", args->out, "Where to write it")->required();
  json_flag(exporter);
  exporter->callback([&, args] { exit_code = run_export(output, args->format, args->out); });

  auto* install = ca->add_subcommand(
      "install", "Trust the CA in the chosen stores (default: every store found)");
  install->add_option("--store", args->install_stores, "Stores, comma-separated: system, nss, ...")
      ->delimiter(',');
  json_flag(install);
  install->callback([&, args] { exit_code = run_install(output, args->install_stores); });

  auto* uninstall =
      ca->add_subcommand("uninstall", "Remove every Postern CA the install ledger lists");
  uninstall->add_option("--store", args->uninstall_stores, "Stores, comma-separated (default: all)")
      ->delimiter(',');
  json_flag(uninstall);
  uninstall->callback([&, args] { exit_code = run_uninstall(output, args->uninstall_stores); });

  auto* status = ca->add_subcommand(
      "status", "Every trust store: present, trusted, tool missing; live TLS probe");
  status->add_option("--store", args->status_stores, "Stores, comma-separated (default: all)")
      ->delimiter(',');
  json_flag(status);
  status->callback([&, args] { exit_code = run_status(output, args->status_stores); });

  auto* regenerate = ca->add_subcommand(
      "regenerate", "Replace the CA: remove the old one everywhere, install the new one there");
  json_flag(regenerate);
  regenerate->callback([&] { exit_code = run_regenerate(output); });
}

}  // namespace postern::cli
