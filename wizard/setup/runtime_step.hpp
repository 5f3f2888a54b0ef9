#pragma once
// Setup's last step: start postern-runtime (the installed one) so the extension finds it
// connected at once; revert asks it to stop. Starting is what the bridge also does on demand,
// through the same SocketRuntimeLink, so both paths behave the same.

#include <filesystem>
#include <string>

#include "base/app_paths.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// Starts the runtime at `binary` for the runtime folder of `paths`.
class RuntimeStep final : public Step {
 public:
  RuntimeStep(base::AppPaths paths, std::filesystem::path binary);

  std::string title() const override;
  base::Outcome check() const override;
  base::Outcome apply() override;
  base::Outcome revert() override;

 private:
  base::AppPaths paths_;
  std::filesystem::path binary_;
};

}  // namespace postern::setup
