#pragma once
// registry::errc: every way building, reading or placing a native-messaging host manifest can
// fail, for functions that return base::Result. Installer steps return base::Outcome instead and
// carry the stable codes of base/codes.hpp.

#include <system_error>

namespace postern::registry {

/// Why a registry operation failed.
enum class errc {
  manifest_invalid = 1,  ///< not JSON, a field of the wrong type, or a rule Chromium enforces
  location_unresolved,   ///< a table placeholder (HOME, LOCALAPPDATA, ...) is not set
};

/// The error category for registry::errc ("postern.registry").
const std::error_category& registry_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);

}  // namespace postern::registry

template <>
struct std::is_error_code_enum<postern::registry::errc> : std::true_type {};
