#pragma once
// GNOME's proxy settings (the org.gnome.system.proxy schemas of gsettings-desktop-schemas), read
// with `gsettings list-recursively org.gnome.system.proxy` — the same tool a user would run, so
// whichever backend the session uses (dconf, or a keyfile in tests) answers.

#include <string_view>

#include "base/environment.hpp"
#include "platform/command_runner.hpp"
#include "platform/desktop_proxy.hpp"

namespace postern::platform {

/// "GNOME (gsettings org.gnome.system.proxy)": the source named in every explanation.
inline constexpr const char* kGnomeProxySource = "GNOME (gsettings org.gnome.system.proxy)";

/// Reads GNOME's settings for the user in `env` (its HOME, XDG_* and GSETTINGS_* variables are
/// passed to gsettings). A missing tool or schema is a `problem`, not an error.
DesktopProxy read_gnome_proxy(const base::Environment& env, CommandRunner& runner);

/// What `gsettings list-recursively org.gnome.system.proxy` printed, as a DesktopProxy. Lines it
/// does not understand are skipped. Pure, for tests and the fuzz target.
DesktopProxy parse_gsettings_proxy(std::string_view output);

/// A GVariant text value as gsettings prints it: 'text' or "text" (backslash escapes), a number,
/// true/false. A quoted string loses its quotes; anything else is returned as it is.
std::string gvariant_string(std::string_view value);

/// A GVariant string array ("['a', 'b']", "@as []") as its strings.
std::vector<std::string> gvariant_string_array(std::string_view value);

}  // namespace postern::platform
