#include "wizard/setup/setup_plan.hpp"

#include <algorithm>

#include "runtime/bridge/bridge_key_store.hpp"
#include "wizard/setup/ca_step.hpp"
#include "wizard/setup/file_step.hpp"
#include "wizard/setup/key_step.hpp"
#include "wizard/setup/manifest_step.hpp"
#include "wizard/setup/runtime_step.hpp"

namespace postern::setup {

namespace fs = std::filesystem;

namespace {

const registry::DetectedBrowser* detected(const registry::Detection& detection,
                                          std::string_view id) {
  for (const auto& browser : detection.browsers)
    if (browser.browser == id) return &browser;
  return nullptr;
}

base::Outcome not_installed(const std::string& id, const registry::Detection& detection) {
  std::string found;
  for (const auto& browser : detection.browsers)
    found += (found.empty() ? "" : ", ") + browser.browser;
  return base::failed(
      id, "", "CHROME_NOT_INSTALLED",
      registry::find_browser(id) ? id + " is not installed on this machine"
                                 : "\"" + id + "\" is not a browser Postern knows",
      found.empty() ? "install a supported browser first" : "choose from the installed: " + found);
}

// The browsers to register with, and findings for the ones that cannot be used.
std::vector<const registry::DetectedBrowser*> chosen_browsers(
    const SetupChoices& choices, const registry::Detection& detection,
    std::vector<base::Outcome>& findings) {
  std::vector<const registry::DetectedBrowser*> chosen;
  if (choices.browsers.empty()) {
    if (detection.browsers.empty()) findings.push_back(detection.outcome);
    for (const auto& browser : detection.browsers)
      chosen.push_back(&browser);
  } else {
    for (const auto& id : choices.browsers) {
      if (const auto* browser = detected(detection, id))
        chosen.push_back(browser);
      else
        findings.push_back(not_installed(id, detection));
    }
  }
  for (const auto* browser : chosen)
    findings.insert(findings.end(), browser->problems.begin(), browser->problems.end());
  return chosen;
}

void add_manifest_steps(SetupPlan& result, const SetupContext& context, const SetupChoices& choices,
                        const std::vector<const registry::DetectedBrowser*>& browsers,
                        const fs::path& bridge) {
  std::vector<std::string> targets;  // browsers sharing a folder or key get one step
  for (const auto* browser : browsers) {
    auto locations =
        registry::locations_for(browser->browser, base::current_os(), choices.scope, context.env);
    if (!locations) {
      result.findings.push_back(base::failed(browser->browser, "", "MANIFEST_INVALID",
                                             locations.error().message, locations.error().remedy));
      continue;
    }
    for (auto& location : locations.value()) {
      if (std::find(targets.begin(), targets.end(), location.target()) != targets.end()) continue;
      targets.push_back(location.target());
      result.plan.add(std::make_unique<ManifestStep>(context.registrar, std::move(location), bridge,
                                                     context.paths.ledger_file()));
    }
  }
}

}  // namespace

fs::path installed_bridge_path(const base::AppPaths& paths) {
  return paths.data / "bin" /
         (base::current_os() == base::Os::Windows ? "postern-bridge.exe" : "postern-bridge");
}

fs::path installed_runtime_path(const base::AppPaths& paths) {
  return paths.data / "bin" /
         (base::current_os() == base::Os::Windows ? "postern-runtime.exe" : "postern-runtime");
}

std::vector<std::string> runtime_arguments(const SetupChoices& choices) {
  std::vector<std::string> arguments;
  if (choices.proxy_port)
    arguments.insert(arguments.end(), {"--port", std::to_string(*choices.proxy_port)});
  if (choices.lan) arguments.emplace_back("--lan");
  return arguments;
}

SetupPlan build_setup_plan(const SetupContext& context, const SetupChoices& choices,
                           const registry::Detection& detection) {
  SetupPlan result;
  const auto browsers = chosen_browsers(choices, detection, result.findings);
  const fs::path bridge = installed_bridge_path(context.paths);
  // The bridge first: every manifest points at it, and a browser may start it at once.
  result.plan.add(std::make_unique<FileStep>("the bridge", context.bridge_source, bridge,
                                             base::FileMode::executable,
                                             context.paths.ledger_file()));
  if (!context.runtime_source.empty()) {
    result.plan.add(std::make_unique<FileStep>(
        "the runtime", context.runtime_source, installed_runtime_path(context.paths),
        base::FileMode::executable, context.paths.ledger_file()));
  }
  add_manifest_steps(result, context, choices, browsers, bridge);
  result.plan.add(std::make_unique<KeyStep>(bridge::BridgeKeyStore::default_file(context.paths),
                                            context.paths.ledger_file(), choices.custom_key));
  if (!choices.skip_ca)
    result.plan.add(std::make_unique<CaStep>(context.ca_trust, choices.ca_stores));
  // Last: the runtime, so the extension finds it connected at once (the bridge would start it too).
  if (!context.runtime_source.empty())
    result.plan.add(std::make_unique<RuntimeStep>(
        context.paths, installed_runtime_path(context.paths), runtime_arguments(choices)));
  return result;
}

}  // namespace postern::setup
