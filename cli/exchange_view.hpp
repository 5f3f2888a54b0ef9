#pragma once
// One captured exchange in full for people (GET /v1/exchanges/{id}): the request line, status,
// times and sizes, then each side's headers and body. Text bodies are shown up to a bound;
// binary ones (sent as base64) are only described: `--json` has every byte.

#include <cstddef>
#include <iosfwd>

#include <nlohmann/json.hpp>

namespace postern::cli {

/// Characters of a text body shown before "… N more characters".
inline constexpr std::size_t kMaxBodyShown = 8 * 1024;

/// Prints `exchange`. Headers and bodies are read from `request_headers`/`request_body` and
/// `response_headers`/`response_body`, or from `request`/`response` objects holding `headers`
/// and `body`; a header is {"name","value"} or ["name","value"]; a body is {"text"} or
/// {"base64"}, with `size` (the whole body's), `truncated` and `omitted_reason` when the runtime
/// says.
void print_exchange(std::ostream& out, const nlohmann::json& exchange);

}  // namespace postern::cli
