#pragma once
// Which exchanges a debug session keeps (docs/capture.md "Filters"). Two decisions: at request
// start, on the method and the full absolute URL (so nothing is copied for a request that is not
// kept), and at the response head, on its Content-Type (exclude_static). Immutable once built
// and safe to share between the proxy's threads; each call allocates only PCRE2 match data.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/capture/capture_options.hpp"
#include "runtime/capture/regex.hpp"

namespace postern::capture {

/// The URL, method and static-content filters of one set of options.
class CaptureFilter {
 public:
  /// Builds the filter of `options` (compiling its regexes); errc::bad_option naming the field.
  static base::Result<CaptureFilter> create(const CaptureOptions& options);

  /// Whether a request with `method` to absolute `url` is captured: the method is listed (or no
  /// methods are), the URL contains url_contains or matches url_regex (when set), and it
  /// neither contains an exclude string nor matches exclude_regex.
  bool accepts_request(std::string_view method, std::string_view url) const;
  /// Whether a response with this Content-Type value (empty when absent) is captured: false only
  /// with exclude_static, for images, JavaScript and CSS.
  bool accepts_response(std::string_view content_type) const;

 private:
  CaptureFilter() = default;

  std::string url_contains_;  // lower case
  std::optional<Regex> url_regex_;
  std::vector<std::string> exclude_;  // lower case
  std::optional<Regex> exclude_regex_;
  std::vector<std::string> methods_;  // upper case
  bool exclude_static_ = false;
};

/// Whether `content_type` (parameters ignored) is an image, JavaScript or CSS: what
/// exclude_static leaves out.
bool is_static_type(std::string_view content_type);

}  // namespace postern::capture
