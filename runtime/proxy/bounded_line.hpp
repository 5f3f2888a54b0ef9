#pragma once
// Reading one line of a head into a buffer that must not grow past a limit. The start line and
// the field section both read this way: they search for the LF only within the bytes the limit
// still allows, so the limit trips at the same byte however the input was split.

#include <cstddef>
#include <string>
#include <string_view>

namespace postern::proxy {

/// What read_bounded_line() did.
struct LineRead {
  std::size_t consumed = 0;  ///< bytes taken from the input (all appended to the buffer)
  bool complete = false;     ///< the buffer now ends with the line's LF
  bool over_limit = false;   ///< no LF within the limit, and more input is waiting
};

/// Appends bytes of `input` to `buffer`, up to and including the first LF, while
/// `buffer.size()` stays within `limit`.
LineRead read_bounded_line(std::string_view input, std::string& buffer, std::size_t limit);

}  // namespace postern::proxy
