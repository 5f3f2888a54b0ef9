#pragma once
// `postern doctor`: every check, each with a status, a code, the exact path or key, and the
// remedy; plus one overall verdict. "Connected" means the bridge recorded a live handshake with
// the extension while the runtime answered, not that files exist.

#include <functional>
#include <string>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/outcome.hpp"
#include "registry/browser_detection.hpp"
#include "registry/registrar.hpp"
#include "wizard/setup/ca_trust.hpp"

namespace postern::setup {

/// The one-line verdict the doctor leads with.
enum class Verdict {
  connected,      ///< extension, bridge and runtime shook hands with the current key
  not_connected,  ///< installed, but no live handshake (browser closed, key mismatch, no runtime)
  dependencies_missing,  ///< the bridge or its manifests are not installed
};

/// "Connected", "Not connected", "Dependencies not installed".
std::string_view to_string(Verdict verdict);

/// What the doctor looks at; references must outlive the call.
struct DoctorContext {
  base::AppPaths paths;
  base::Environment env;
  CaTrust& ca_trust;
  registry::Registrar& registrar;
  registry::Detection detection;
  /// Is the runtime answering? already when yes; failed RUNTIME_NOT_RUNNING otherwise.
  std::function<base::Outcome()> runtime_check;
  /// Can the runtime reach the internet through its proxy? Asked only when the runtime runs;
  /// the INTERNET_CONNECTIVITY row (ask_runtime_connectivity in connectivity_row.hpp).
  std::function<base::Outcome()> connectivity_check;
};

/// The doctor's findings.
struct DoctorReport {
  Verdict verdict = Verdict::dependencies_missing;
  std::vector<base::Outcome>
      checks;  ///< already = healthy, failed = a problem, skipped = not applicable
};

/// Runs every check. Reads only; never changes anything.
DoctorReport run_doctor(const DoctorContext& context);

}  // namespace postern::setup
