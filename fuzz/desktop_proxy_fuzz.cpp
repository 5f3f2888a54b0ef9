// Fuzz target: the desktop proxy parsers read text Postern does not write — `scutil --proxy`
// output, a user's kioslaverc, `gsettings list-recursively` output, libproxy's output, WinINet
// strings — so each must turn any bytes into a DesktopProxy (or a PAC answer) without crashing,
// and whatever it produces must be routable: desktop_proxy_for and the bypass matcher run on it.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/desktop_proxy.hpp"
#include "platform/gnome_proxy.hpp"
#include "platform/kde_proxy.hpp"
#include "platform/scutil_proxy.hpp"
#include "platform/wininet_proxy.hpp"

namespace {

void route_all(const postern::platform::DesktopProxy& desktop) {
  using namespace postern;
  for (const char* target :
       {"http://example.com/", "https://10.1.2.3:8443/", "http://[::1]:80/", "http://printer/"}) {
    auto url = base::parse_url(target);
    if (!url) std::abort();
    auto route = platform::desktop_proxy_for(desktop, url.value(), {});
    if (!route.route.direct && route.route.proxy_url.empty()) std::abort();  // a proxy has a URL
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace postern::platform;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  route_all(parse_scutil_proxy(text));
  route_all(parse_kioslaverc(text, "fuzz"));
  route_all(parse_gsettings_proxy(text));
  const auto half = text.size() / 2;
  route_all(wininet_proxy_from(
      {false, "", std::string(text.substr(0, half)), std::string(text.substr(half))}));
  const auto answer = parse_libproxy_output(text);
  if (answer.evaluated == answer.proxies.empty()) std::abort();  // evaluated means proxies
  gvariant_string_array(text);
  return 0;
}
