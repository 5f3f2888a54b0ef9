#pragma once
// Windows' per-user proxy settings (Internet Options, what WinINet and WinHTTP read), turned
// into a DesktopProxy. desktop_proxy_windows.cpp asks WinHTTP for the four values; the parsing
// here is pure, so it is tested on every OS.

#include <string>

#include "platform/desktop_proxy.hpp"

namespace postern::platform {

/// "Windows (Internet Options, WinINet)".
inline constexpr const char* kWinInetProxySource = "Windows (Internet Options, WinINet)";

/// WINHTTP_CURRENT_USER_IE_PROXY_CONFIG's fields as UTF-8.
struct WinInetSettings {
  bool auto_detect = false;     ///< "Automatically detect settings" (WPAD)
  std::string auto_config_url;  ///< "Use automatic configuration script"
  std::string proxy;            ///< "host:port", or "http=h:p;https=h:p;socks=h:p"
  std::string bypass;           ///< "<local>;*.corp.example;10.*", ';' or space separated
};

/// The settings as a DesktopProxy. A proxy without "scheme=" serves every scheme; "socks="
/// is SOCKS v4, as WinINet speaks it.
DesktopProxy wininet_proxy_from(const WinInetSettings& settings);

}  // namespace postern::platform
