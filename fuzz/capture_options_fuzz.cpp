// Fuzz target: a debug session's options as the control API receives them (POST
// /v1/capture/start, PUT /v1/capture/options): any bytes as JSON, then the filter built from
// accepted options (user regexes compiled by PCRE2 with its match limit) and run on URLs.
// Nothing may crash; accepted options must survive their own round trip through to_json, and
// the filter must answer without hanging on a hostile pattern.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runtime/capture/capture_filter.hpp"
#include "runtime/capture/capture_options.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace postern::capture;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return 0;
  const auto options = options_from_json(json);
  if (!options) return 0;
  const auto again = options_from_json(to_json(options.value()));
  check(again && again.value() == options.value());
  const auto filter = CaptureFilter::create(options.value());
  if (!filter) return 0;
  filter.value().accepts_request("GET",
                                 "https://api.example.com/items?id=1&q=aaaaaaaaaaaaaaaaaaaa");
  filter.value().accepts_request("POST", text);
  filter.value().accepts_response("image/png");
  filter.value().accepts_response(text);
  return 0;
}
