// Fuzz target: settings.json is written by people (and by other tools), so parse_runtime_settings
// must answer settings or an error naming the file for any bytes, never crash or throw; whatever
// it accepts has a usable connectivity URL, and a proxy route can be resolved for it. The same
// bytes also go through parse_url and the no_proxy matcher, which read user-typed text.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/url.hpp"
#include "platform/system_proxy.hpp"
#include "runtime/requester/runtime_settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace postern;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto settings = requester::parse_runtime_settings(text, "fuzz.json");
  if (!settings) {
    if (settings.error().message.rfind("fuzz.json: ", 0) != 0) std::abort();  // names the file
  } else {
    auto url = base::parse_url(settings.value().connectivity.url);
    if (!url) std::abort();  // accepted settings always hold a usable URL
    auto env = base::fixed_environment({{"https_proxy", std::string(text.substr(0, 64))}});
    requester::resolve_proxy(settings.value().proxy, env, url.value());
  }
  if (auto url = base::parse_url(text); url) {
    if (url.value().host.empty()) std::abort();
    platform::bypass_rule_for(text, url.value());
  }
  if (auto target = base::parse_url("http://10.1.2.3:8080/"); target)
    platform::bypass_rule_for(text, target.value());
  return 0;
}
