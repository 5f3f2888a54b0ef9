// Fuzz target: parse_manifest on arbitrary bytes (a host manifest someone else left in a
// NativeMessagingHosts folder is outside input) must return a manifest or an error, never crash
// or throw; whatever it accepts must survive validate() and, when valid, render -> parse intact.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "registry/host_manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace postern::registry;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto manifest = parse_manifest(text, "fuzz.json");
  if (!manifest) {
    if (manifest.error().message.empty()) std::abort();  // every error names the file
    return 0;
  }
  for (auto family : {BrowserFamily::chromium, BrowserFamily::firefox}) {
    auto rendered = render(manifest.value(), family, postern::base::Os::Linux);
    if (!rendered) continue;
    auto again = parse_manifest(rendered.value(), "fuzz.json");
    if (!again || again.value().name != manifest.value().name ||
        again.value().path != manifest.value().path) {
      std::abort();
    }
  }
  return 0;
}
