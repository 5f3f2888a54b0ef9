// The Linux desktop's proxy settings: GNOME (and the desktops built on its settings) through
// gsettings, KDE through kioslaverc. Which one applies is XDG_CURRENT_DESKTOP's answer, as the
// freedesktop.org spec intends; other desktops (XFCE, LXQt, a bare window manager) keep no proxy
// settings of their own, so only the environment applies there.
#include <array>
#include <sstream>

#include "platform/desktop_proxy.hpp"
#include "platform/gnome_proxy.hpp"
#include "platform/kde_proxy.hpp"

namespace postern::platform {

namespace {

enum class Desktop { gnome, kde };

struct DesktopName {
  const char* name;  // an XDG_CURRENT_DESKTOP entry
  Desktop settings;  // whose proxy settings it uses
};

// Detection is data (practice 4): a desktop that keeps GNOME's settings is one more row.
constexpr std::array<DesktopName, 8> kDesktops{{{"GNOME", Desktop::gnome},
                                                {"Unity", Desktop::gnome},
                                                {"X-Cinnamon", Desktop::gnome},
                                                {"Cinnamon", Desktop::gnome},
                                                {"Budgie", Desktop::gnome},
                                                {"Pantheon", Desktop::gnome},
                                                {"MATE", Desktop::gnome},
                                                {"KDE", Desktop::kde}}};

}  // namespace

DesktopProxy read_desktop_proxy(const base::Environment& env, CommandRunner& runner) {
  const std::string current = env("XDG_CURRENT_DESKTOP").value_or("");
  std::istringstream names(current);  // "ubuntu:GNOME": the first known entry wins
  for (std::string name; std::getline(names, name, ':');) {
    for (const auto& row : kDesktops) {
      if (name != row.name) continue;
      return row.settings == Desktop::gnome ? read_gnome_proxy(env, runner) : read_kde_proxy(env);
    }
  }
  DesktopProxy none;
  none.source = current.empty() ? "no desktop (XDG_CURRENT_DESKTOP is not set)"
                                : "the desktop \"" + current + "\"";
  if (!current.empty())
    none.problem =
        "Postern reads proxy settings from GNOME and KDE only; XDG_CURRENT_DESKTOP is \"" +
        current + "\"";
  return none;
}

}  // namespace postern::platform
