#include "wizard/setup/doctor.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "base/files.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/envelope.hpp"
#include "wizard/setup/manifest_step.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::setup {

namespace fs = std::filesystem;
using base::Outcome;

namespace {

Outcome titled(Outcome outcome, std::string step) {
  outcome.step = std::move(step);
  return outcome;
}

Outcome bridge_check(const base::AppPaths& paths) {
  const auto bridge = installed_bridge_path(paths);
  if (registry::is_host_executable(bridge))
    return titled(base::already("bridge", bridge.string(), "installed"), "bridge");
  std::error_code ec;
  const bool present = fs::exists(bridge, ec);
  return titled(
      base::failed("bridge", bridge.string(), "HOST_NOT_EXECUTABLE",
                   present ? bridge.string() + " is not executable" : "the bridge is not installed",
                   present ? "chmod +x " + bridge.string() + " (or run `postern doctor --fix`)"
                           : "run `postern setup`"),
      "bridge");
}

std::vector<Outcome> manifest_checks(const DoctorContext& context) {
  std::vector<Outcome> checks;
  const auto bridge = installed_bridge_path(context.paths);
  for (const auto& browser : context.detection.browsers) {
    auto locations = registry::locations_for(browser.browser, base::current_os(),
                                             registry::Scope::user, context.env);
    if (!locations) continue;
    for (const auto& location : locations.value()) {
      auto outcome = context.registrar.check(our_manifest(bridge, location.family), location);
      if (outcome.code == "MANIFEST_MISSING")
        outcome.remedy = "run `postern setup --browsers " + browser.browser + "`";
      checks.push_back(titled(std::move(outcome), "manifest"));
    }
  }
  return checks;
}

// The key file, and the key check the bridge would announce.
Outcome key_check(const base::AppPaths& paths, std::string* check_value) {
  const auto file = bridge::BridgeKeyStore::default_file(paths);
  auto loaded = bridge::BridgeKeyStore(file).load();
  if (!loaded)
    return titled(base::failed("key", file.string(), "KEY_FILE_INVALID", loaded.error().message,
                               "run `postern set-key <key>` or delete the file and pair again"),
                  "key");
  if (!loaded.value())
    return titled(
        base::skipped("key", file.string(), "no key yet: the extension pairs on first connect"),
        "key");
  *check_value = bridge::key_check(loaded.value()->key);
  return titled(base::already("key", file.string(),
                              (loaded.value()->kind == bridge::KeyKind::custom
                                   ? "a custom key (set with `postern set-key`)"
                                   : "a random per-install key")),
                "key");
}

// What the bridge recorded about its last handshake with the extension.
Outcome handshake_check(const base::AppPaths& paths, const std::string& current_key_check,
                        bool* live) {
  const auto file = paths.runtime / "bridge" / "last-handshake.json";
  *live = false;
  auto text = base::read_file(file, 64 * 1024);
  if (!text)
    return titled(
        base::failed(
            "extension", file.string(), "NOT_CONNECTED",
            "the extension has not reached the bridge yet",
            "open the browser with the Postern extension; if it still fails, check the rows above"),
        "handshake");
  auto record = nlohmann::json::parse(text.value(), nullptr, false);
  const std::string state =
      record.is_object() && record.contains("state") && record["state"].is_string()
          ? record["state"].get<std::string>()
          : "";
  const std::string origin =
      record.is_object() && record.value("origin", nlohmann::json()).is_string()
          ? record["origin"].get<std::string>()
          : "";
  if (state == "key_mismatch") {
    const std::string reason = record.value("reason", nlohmann::json()).is_string()
                                   ? record["reason"].get<std::string>()
                                   : "";
    return titled(base::failed("extension", origin, "KEY_MISMATCH",
                               "the extension and the bridge hold different keys (" + reason + ")",
                               "enter the key from `postern set-key` in the extension (lock icon), "
                               "or set the same one on both sides"),
                  "handshake");
  }
  if (state == "origin_not_allowed")
    return titled(
        base::failed(
            "extension", origin, "ORIGIN_NOT_ALLOWED", origin + " is not allowed to use the bridge",
            "use the Postern extension, or add its origin to the bridge's allowed-origins.json"),
        "handshake");
  if (state != "paired")
    return titled(base::failed("extension", origin, "NOT_CONNECTED",
                               "the last handshake ended as \"" + state + "\"",
                               "reopen the extension's popup"),
                  "handshake");
  // A handshake older than the key file was made with another key (set-key since, or a new
  // pairing).
  std::error_code ec;
  const auto key_file = bridge::BridgeKeyStore::default_file(paths);
  const auto key_time = fs::last_write_time(key_file, ec);
  const long long record_time =
      record.value("time", nlohmann::json(0)).is_number() ? record["time"].get<long long>() : 0;
  if (!ec && std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::file_clock::to_sys(key_time).time_since_epoch())
                     .count() > record_time + 1)
    return titled(base::failed("extension", origin, "NOT_CONNECTED",
                               "the bridge key changed after the last handshake",
                               "reopen the extension's popup so it connects with the current key"),
                  "handshake");
  const auto runtime = record.value("runtime", nlohmann::json::object());
  if (!runtime.is_object() || !runtime.value("connected", false)) {
    return titled(
        base::failed(
            "extension", origin, "RUNTIME_NOT_RUNNING",
            "the extension paired with the bridge, but the bridge could not reach the runtime",
            "reopen the extension's popup; if this stays, see the runtime row"),
        "handshake");
  }
  *live = !current_key_check.empty();
  return titled(
      base::already("extension", origin, "paired with the bridge, which reached the runtime"),
      "handshake");
}

std::vector<Outcome> ca_checks(CaTrust& ca_trust) {
  std::vector<Outcome> checks;
  auto ca = certs::CertificateAuthority::load(certs::CaFiles::in(ca_trust.paths().proxy_dir()),
                                              certs::KeyUse::not_needed);
  if (!ca) {
    checks.push_back(titled(
        base::failed("ca", ca_trust.paths().proxy_dir().string(), "CA_MISSING", ca.error().message,
                     ca.error().remedy.empty() ? "run `postern setup`" : ca.error().remedy),
        "ca"));
    return checks;
  }
  for (const auto& status : ca_trust.status(ca.value())) {
    for (const auto& problem : status.probe.problems)
      checks.push_back(titled(problem, "ca"));
    if (!status.probe.present) continue;
    if (!status.probe.tool_found) {
      checks.push_back(
          titled(base::failed(status.name, status.probe.tool, "TOOL_MISSING",
                              status.probe.tool + " is missing", status.probe.install_hint),
                 "ca"));
      continue;
    }
    for (const auto& check : status.checks)
      checks.push_back(titled(check, "ca"));
  }
  return checks;
}

Verdict verdict_of(const std::vector<Outcome>& checks, bool live) {
  bool installed_bridge = false, any_manifest_ok = false, runtime_ok = false;
  for (const auto& check : checks) {
    if (check.step == "bridge") installed_bridge = check.ok();
    if (check.step == "manifest" && check.ok()) any_manifest_ok = true;
    if (check.step == "runtime") runtime_ok = check.ok();
  }
  if (!installed_bridge || !any_manifest_ok) return Verdict::dependencies_missing;
  return live && runtime_ok ? Verdict::connected : Verdict::not_connected;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::connected:
      return "Connected";
    case Verdict::not_connected:
      return "Not connected";
    case Verdict::dependencies_missing:
      return "Dependencies not installed";
  }
  return "?";
}

DoctorReport run_doctor(const DoctorContext& context) {
  DoctorReport report;
  auto& checks = report.checks;
  checks.push_back(titled(context.detection.outcome, "browsers"));
  for (const auto& browser : context.detection.browsers)
    for (const auto& problem : browser.problems)
      checks.push_back(titled(problem, "browsers"));
  checks.push_back(bridge_check(context.paths));
  auto manifests = manifest_checks(context);
  checks.insert(checks.end(), manifests.begin(), manifests.end());
  std::string current_key_check;
  checks.push_back(key_check(context.paths, &current_key_check));
  bool live = false;
  checks.push_back(handshake_check(context.paths, current_key_check, &live));
  const Outcome runtime = titled(context.runtime_check(), "runtime");
  checks.push_back(runtime);
  // The check runs inside the runtime, so that it goes out through the runtime's own proxy
  // settings; without a runtime there is nothing to ask, and the runtime row says why.
  checks.push_back(titled(runtime.ok() && context.connectivity_check
                              ? context.connectivity_check()
                              : base::skipped("internet", "",
                                              "needs the runtime (see the runtime row): the check "
                                              "runs inside it, through its proxy settings"),
                          "internet"));
  auto ca = ca_checks(context.ca_trust);
  checks.insert(checks.end(), ca.begin(), ca.end());
  report.verdict = verdict_of(checks, live);
  return report;
}

}  // namespace postern::setup
