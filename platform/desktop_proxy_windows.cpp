// Windows' per-user proxy settings through WinHTTP's WinHttpGetIEProxyConfigForCurrentUser: the
// same Internet Options values WinINet uses (HKCU\...\Internet Settings\Connections), without
// parsing the registry's binary blob ourselves.
#include <windows.h>
#include <winhttp.h>

#include "platform/desktop_proxy.hpp"
#include "platform/wininet_proxy.hpp"

namespace postern::platform {

namespace {

std::string utf8(const wchar_t* text) {
  if (!text || !*text) return "";
  const int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
  if (size <= 1) return "";
  std::string out(static_cast<std::size_t>(size - 1), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), size, nullptr, nullptr);
  return out;
}

}  // namespace

DesktopProxy read_desktop_proxy(const base::Environment&, CommandRunner&) {
  WINHTTP_CURRENT_USER_IE_PROXY_CONFIG config{};
  if (!WinHttpGetIEProxyConfigForCurrentUser(&config)) {
    DesktopProxy proxy;
    proxy.source = kWinInetProxySource;
    proxy.problem = "WinHttpGetIEProxyConfigForCurrentUser failed (error " +
                    std::to_string(GetLastError()) + ")";
    return proxy;
  }
  WinInetSettings settings;
  settings.auto_detect = config.fAutoDetect != FALSE;
  settings.auto_config_url = utf8(config.lpszAutoConfigUrl);
  settings.proxy = utf8(config.lpszProxy);
  settings.bypass = utf8(config.lpszProxyBypass);
  // The strings are the caller's to free (WinHTTP documentation).
  for (wchar_t* text : {config.lpszAutoConfigUrl, config.lpszProxy, config.lpszProxyBypass})
    if (text) GlobalFree(text);
  return wininet_proxy_from(settings);
}

}  // namespace postern::platform
