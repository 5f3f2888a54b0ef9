#pragma once
// Setup's last step: start postern-runtime (the installed one) so the extension finds it
// connected at once; revert asks it to stop. Starting is what the bridge also does on demand,
// through the same SocketRuntimeLink, so both paths behave the same.

#include <filesystem>
#include <string>
#include <vector>

#include "base/app_paths.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// Starts the runtime at `binary` for the runtime folder of `paths`.
class RuntimeStep final : public Step {
 public:
  /// `arguments` are added when it starts the runtime (the chosen `--port N`, `--lan`); a
  /// runtime already running keeps the ones it has.
  RuntimeStep(base::AppPaths paths, std::filesystem::path binary,
              std::vector<std::string> arguments = {});

  std::string title() const override;
  base::Outcome check() const override;
  base::Outcome apply() override;
  base::Outcome revert() override;

 private:
  base::AppPaths paths_;
  std::filesystem::path binary_;
  std::vector<std::string> arguments_;
};

}  // namespace postern::setup
