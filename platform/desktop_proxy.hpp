#pragma once
// The desktop's proxy settings (GNOME, KDE, macOS, Windows) in one shape, and the route they give
// a URL. Each desktop has its own reader and parser file (gnome_proxy, kde_proxy, scutil_proxy,
// wininet_proxy); read_desktop_proxy() is implemented once per OS (desktop_proxy_<os>.cpp) and
// picks the reader. The environment variables are not a desktop source: system_proxy.hpp reads
// them, and the requester decides which of the two wins (docs/settings.md).

#include <string>
#include <string_view>
#include <vector>

#include "base/environment.hpp"
#include "base/url.hpp"
#include "platform/command_runner.hpp"
#include "platform/pac_proxy.hpp"
#include "platform/system_proxy.hpp"

namespace postern::platform {

/// What one desktop says about proxies. Several parts may be on at once (macOS and Windows allow
/// a PAC file and manual proxies together); the order they apply in is desktop_proxy_for's.
struct DesktopProxy {
  std::string source;            ///< "GNOME (gsettings org.gnome.system.proxy)"; empty: none read
  std::string problem;           ///< why it could not be read (tool missing, bad file); empty: read
  bool auto_detect = false;      ///< WPAD: find the PAC file on the network (not supported)
  std::string pac_url;           ///< a PAC file to ask; empty: none
  bool use_environment = false;  ///< KDE's "use the environment variables" mode
  std::string http;              ///< manual proxy for http:// as "host:port" or a URL
  std::string https;             ///< manual proxy for https://
  std::string socks;             ///< manual SOCKS proxy, for either scheme when no other is set
  std::vector<std::string> bypass;   ///< hosts that go direct (manual proxies only)
  bool bypass_simple_hosts = false;  ///< names without a dot go direct (Windows "<local>", macOS)
  bool bypass_reversed = false;      ///< KDE: the list names the only hosts that use the proxy
  std::string username;              ///< credentials the desktop keeps for its proxy (GNOME)
  std::string password;              ///< never logged or shown

  /// Does it say anything at all (a PAC file, WPAD, the environment or a manual proxy)?
  bool configured() const;
};

/// The route a desktop's settings give `target`, with the reasons in order.
struct DesktopRoute {
  ProxyRoute route;                  ///< direct, or the proxy and where it came from
  std::vector<std::string> reasons;  ///< one sentence per step of the decision
  std::string pac_answer;            ///< what the PAC file returned, when one was asked
  bool uses_environment = false;     ///< the desktop defers to the environment (KDE mode 4)
};

/// Applies `desktop` to `target`: the PAC file first (asked through `pac`), then WPAD (reported,
/// not supported), then the manual proxies with the bypass list. A PAC file that cannot be
/// fetched or run falls through to the manual proxies, as browsers do.
DesktopRoute desktop_proxy_for(const DesktopProxy& desktop, const base::UrlParts& target,
                               const PacEvaluator& pac);

/// The first entry of a desktop bypass list that exempts `target`, or empty. Beyond no_proxy's
/// syntax (bypass_rule_for) it takes globs ("10.*", "*.corp.example") and "<local>".
std::string desktop_bypass_rule_for(const std::vector<std::string>& entries,
                                    const base::UrlParts& target);

/// The desktop settings of this machine for the user in `env`: on Linux GNOME or KDE as
/// XDG_CURRENT_DESKTOP says, on macOS `scutil --proxy`, on Windows WinINet. Never throws; a
/// desktop that cannot be read has `problem` set.
DesktopProxy read_desktop_proxy(const base::Environment& env, CommandRunner& runner);

/// "host:port" or "scheme://host:port" as a proxy URL, with `default_scheme` when it had none.
std::string proxy_url_of(std::string_view entry, std::string_view default_scheme);

}  // namespace postern::platform
