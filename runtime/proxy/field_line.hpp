#pragma once
// One field line, "name: value" (RFC 9112 §5), shared by heads and chunked trailers so both
// apply the same rules: a token name, no whitespace before the colon, no folding, no control
// characters in the value.

#include <string_view>
#include <system_error>

namespace postern::proxy {

/// A field line's name and value, as views into the line (the caller copies them once, into
/// its own list).
struct FieldLineView {
  std::string_view name;
  std::string_view value;
};

/// Parses `line` (without its line ending) into `out`. Errors, in the order checked:
/// obsolete_line_folding (the line starts with SP/HTAB), bad_field_name (no colon, empty or
/// non-token name), whitespace_before_colon, bad_field_value.
std::error_code parse_field_line(std::string_view line, FieldLineView& out);

}  // namespace postern::proxy
