#pragma once
// Setup step that registers the bridge with one browser at one manifest location (a folder, or a
// registry key on Windows), recorded in the ledger with what reset needs to undo it.

#include <filesystem>
#include <string>

#include "base/environment.hpp"
#include "registry/browser_table.hpp"
#include "registry/host_manifest.hpp"
#include "registry/registrar.hpp"
#include "wizard/setup/reset.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// Ledger kind of host manifests (and their registry keys).
inline constexpr std::string_view kManifestEntry = "manifest";
/// The Firefox add-on ID of the Postern extension (browser_specific_settings.gecko.id).
inline constexpr std::string_view kFirefoxExtensionId = "postern@postern.dev";

/// The manifest Postern writes for `family`: our host name, `bridge` as the path, and the
/// Postern extension as the only caller.
registry::HostManifest our_manifest(const std::filesystem::path& bridge,
                                    registry::BrowserFamily family);

/// Registers the host at `location` through `registrar` (which must outlive the step).
class ManifestStep final : public Step {
 public:
  ManifestStep(registry::Registrar& registrar, registry::Location location,
               std::filesystem::path bridge, std::filesystem::path ledger_file);

  std::string title() const override;
  base::Outcome check() const override;
  base::Outcome apply() override;
  base::Outcome revert() override;

 private:
  registry::Registrar& registrar_;
  registry::Location location_;
  std::filesystem::path bridge_;
  std::filesystem::path ledger_file_;
};

/// Reset's undo for manifest entries: rebuilds the location from the ledger's details and
/// removes the manifest if it is ours.
UndoEntry manifest_undo(registry::Registrar& registrar, base::Environment env);

}  // namespace postern::setup
