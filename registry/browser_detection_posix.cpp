// Linux and macOS have no App Paths registry: browsers are found by the file probes alone.
#include "registry/browser_detection.hpp"

namespace postern::registry {

AppPathLookup registry_app_path_lookup() {
  return {};
}

}  // namespace postern::registry
