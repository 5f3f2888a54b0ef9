#include "cli/ca_views.hpp"

#include <sys/stat.h>

#include <ctime>
#include <ostream>

#include "base/outcome_json.hpp"
#include "certs/certificate_info.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::cli {

namespace {

std::string iso_date(std::chrono::system_clock::time_point when) {
  std::time_t time = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string mode_of(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return "missing";
  char text[8];
  std::snprintf(text, sizeof text, "%04o", st.st_mode & 07777);
  return text;
}

nlohmann::json installed_in(const certs::CertificateAuthority& ca, const base::AppPaths& paths) {
  nlohmann::json places = nlohmann::json::array();
  auto ledger = setup::InstallLedger::load(paths.ledger_file());
  if (!ledger) return places;
  for (const auto& entry : ledger.value().entries_of(setup::kTrustStoreEntry))
    if (entry.sha256 == ca.sha256_hex())
      places.push_back(
          {{"store", entry.store}, {"target", entry.target}, {"since", entry.recorded_at}});
  return places;
}

}  // namespace

nlohmann::json ca_json(const certs::CertificateAuthority& ca) {
  auto info = certs::describe_pem(ca.pem(), ca.files().cert.string());
  nlohmann::json json = {{"certificate", ca.files().cert.string()},
                         {"key", ca.files().key.string()},
                         {"subject_cn", ca.subject_cn()},
                         {"serial", ca.serial_hex()},
                         {"label", ca.store_label()},
                         {"sha256", ca.sha256_hex()},
                         {"sha1", ca.sha1_hex()}};
  if (info) {
    json["not_before"] = iso_date(info.value().not_before);
    json["not_after"] = iso_date(info.value().not_after);
  }
  return json;
}

int show_ca(std::ostream& out, const OutputOptions& output, const certs::CertificateAuthority& ca,
            const base::AppPaths& paths) {
  auto json = ca_json(ca);
  json["key_mode"] = mode_of(ca.files().key);
  json["installed_in"] = installed_in(ca, paths);
  if (output.json) {
    out << json.dump(2) << "\n";
    return kSuccess;
  }
  out << "Postern proxy CA\n"
      << "  certificate  " << json["certificate"].get<std::string>() << "\n"
      << "  key          " << json["key"].get<std::string>() << " (mode "
      << json["key_mode"].get<std::string>() << ", never leaves this machine)\n"
      << "  subject      CN=" << ca.subject_cn() << "\n"
      << "  serial       " << ca.serial_hex() << "\n"
      << "  label        " << ca.store_label() << "\n"
      << "  SHA-256      " << ca.sha256_hex() << "\n"
      << "  valid        " << json.value("not_before", "?") << " .. "
      << json.value("not_after", "?") << "\n";
  if (json["installed_in"].empty())
    out << "  installed in nothing yet (run `postern ca install`)\n";
  for (const auto& place : json["installed_in"])
    out << "  installed in " << place["store"].get<std::string>() << "  "
        << place["target"].get<std::string>() << "\n";
  return kSuccess;
}

namespace {

nlohmann::json store_json(const setup::StoreStatus& status) {
  nlohmann::json checks = nlohmann::json::array(), problems = nlohmann::json::array();
  for (const auto& check : status.checks)
    checks.push_back(base::to_json(check));
  for (const auto& problem : status.probe.problems)
    problems.push_back(base::to_json(problem));
  return {{"store", status.name},
          {"present", status.probe.present},
          {"tool", status.probe.tool},
          {"tool_found", status.probe.tool_found},
          {"install_hint", status.probe.install_hint},
          {"detail", status.probe.detail},
          {"targets", status.probe.targets},
          {"checks", checks},
          {"problems", problems}};
}

void print_store(std::ostream& out, const setup::StoreStatus& status) {
  out << status.name << ": " << (status.probe.present ? "present" : "not on this machine");
  if (status.probe.present && !status.probe.tool_found)
    out << ", tool " << status.probe.tool << " missing (" << status.probe.install_hint << ")";
  if (!status.probe.detail.empty()) out << "  (" << status.probe.detail << ")";
  out << "\n";
  for (const auto& check : status.checks)
    out << "  " << describe(check);
  for (const auto& problem : status.probe.problems)
    out << "  " << describe(problem);
}

// A store is fine when it is absent, or present with its tool and trusting the CA everywhere.
bool store_ok(const setup::StoreStatus& status) {
  if (!status.probe.present) return true;
  return status.probe.tool_found && base::all_ok(status.checks);
}

}  // namespace

int show_status(std::ostream& out, const OutputOptions& output, setup::CaTrust& engine,
                const setup::CaPtr& ca, const std::vector<std::string>& names) {
  const auto statuses = engine.status(ca, names);
  const auto live = engine.probe_live(ca);
  bool ok = live.ok();
  for (const auto& status : statuses)
    ok = ok && store_ok(status);
  if (output.json) {
    nlohmann::json stores = nlohmann::json::array();
    for (const auto& status : statuses)
      stores.push_back(store_json(status));
    nlohmann::json body = {
        {"ok", ok}, {"ca", ca_json(*ca)}, {"stores", stores}, {"live_probe", base::to_json(live)}};
    out << body.dump(2) << "\n";
    return ok ? kSuccess : kFailure;
  }
  out << "CA " << ca->store_label() << "  SHA-256 " << ca->sha256_hex() << "\n\n";
  for (const auto& status : statuses)
    print_store(out, status);
  out << "\nlive TLS probe (OpenSSL's default trust anchors, as curl and git use them):\n  "
      << describe(live);
  return ok ? kSuccess : kFailure;
}

}  // namespace postern::cli
