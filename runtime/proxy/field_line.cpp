#include "runtime/proxy/field_line.hpp"

#include "runtime/proxy/errc.hpp"
#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

std::error_code parse_field_line(std::string_view line, FieldLineView& out) {
  // A continuation line (obs-fold) is how "X: a\r\n b" smuggles text past one parser and not
  // another; RFC 9112 §5.2 lets a server reject it, and so do we, for requests and responses.
  if (!line.empty() && is_ows(line.front())) return errc::obsolete_line_folding;
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return errc::bad_field_name;
  std::string_view name = line.substr(0, colon);
  // "Transfer-Encoding : chunked" is read as a different field by some parsers and as
  // Transfer-Encoding by others; RFC 9112 §5.1 says a server MUST answer 400.
  if (is_ows(name.back())) return errc::whitespace_before_colon;
  if (!is_token(name)) return errc::bad_field_name;
  const std::string_view value = trim_ows(line.substr(colon + 1));
  if (!is_valid_field_value(value)) return errc::bad_field_value;
  out.name = name;
  out.value = value;
  return {};
}

}  // namespace postern::proxy
