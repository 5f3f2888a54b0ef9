#pragma once
// KDE's proxy settings: the [Proxy Settings] group of kioslaverc in the user's config folder
// (${XDG_CONFIG_HOME:-~/.config}/kioslaverc), read as a file — KDE's own kreadconfig tool need
// not be installed, and the format is plain INI.

#include <filesystem>
#include <string_view>

#include "base/environment.hpp"
#include "platform/desktop_proxy.hpp"

namespace postern::platform {

/// ${XDG_CONFIG_HOME:-$HOME/.config}/kioslaverc for the user in `env`; empty without HOME.
std::filesystem::path kioslaverc_path(const base::Environment& env);

/// Reads KDE's settings for the user in `env`. No file means KDE's default: no proxy.
DesktopProxy read_kde_proxy(const base::Environment& env);

/// The [Proxy Settings] group of a kioslaverc file as a DesktopProxy (`source` names `origin`).
/// ProxyType: 0 none, 1 manual, 2 PAC ("Proxy Config Script"), 3 WPAD, 4 the environment.
/// Pure, for tests and the fuzz target.
DesktopProxy parse_kioslaverc(std::string_view text, const std::string& origin);

}  // namespace postern::platform
