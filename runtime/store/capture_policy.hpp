#pragma once
// What the store keeps of an exchange, decided before it is queued: bodies capped, media
// response bodies left out (seed 001: "content is intercepted but not captured"), URL split
// into the columns search and grouping use, the request's data mode, and wire sizes. Runs on
// the capturing thread, so the queue only ever holds capped copies.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/store/records.hpp"

namespace postern::store {

/// Limits on what is kept of each exchange.
struct CaptureLimits {
  /// Bytes kept of each body. 1 MiB holds any JSON or form an API sends in practice, and keeps
  /// the worst-case queue (CaptureWriter's byte bound) small.
  std::size_t max_body_bytes = 1024 * 1024;
  /// Leave out response bodies whose Content-Type is image/, audio/ or video/.
  bool omit_media_responses = true;
};

/// An absolute URL cut into the columns the store keeps. Lenient: never fails.
struct UrlColumns {
  std::string scheme;      ///< lower case; empty for an origin-form target ("/a?b")
  std::string host;        ///< lower case, IPv6 without brackets; empty when none
  std::uint16_t port = 0;  ///< explicit, else 80/443 for http/https, else 0
  std::string path;        ///< "/" when the URL has none
  std::string query;       ///< after '?', before '#'; without the '?'
};

/// Splits `url` ("scheme://[userinfo@]host[:port][/path][?query][#fragment]" or "/path?query").
UrlColumns split_url(std::string_view url);

/// The value of the first header called `name` (ASCII case-insensitive), or empty.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

/// The media type of a Content-Type value, lower case, without parameters or surrounding
/// whitespace: "Text/HTML; charset=utf-8" -> "text/html".
std::string media_type_of(std::string_view content_type);

/// Whether `content_type` is image/, audio/ or video/ (parameters ignored).
bool is_media_type(std::string_view content_type);

/// raw/json/urlencoded/formdata/binary/none for a request with these headers and body.
std::string data_mode_of(const Headers& request_headers, const CapturedBody& body);

/// Applies `limits` and fills the derived fields (URL columns left empty, data mode, sizes).
void prepare_for_storage(Exchange& exchange, const CaptureLimits& limits);

}  // namespace postern::store
