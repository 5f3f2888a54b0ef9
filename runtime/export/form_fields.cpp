#include "runtime/export/form_fields.hpp"

#include <algorithm>

#include "base/url.hpp"
#include "runtime/cookies/ascii.hpp"

namespace postern::exports {

namespace {

using cookies::ascii::iequals;
using cookies::ascii::trim_wsp;

// Splits at `separator` outside double quotes (a filename may hold ';').
std::vector<std::string_view> split_unquoted(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && quoted) {
      ++i;
    } else if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == separator && !quoted) {
      pieces.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

// RFC 9110 §5.6.4 quoted-string: drop the quotes, undo backslash escapes.
std::string unquote(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::string(text);
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\\' && i + 2 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

template <class Decode>
std::vector<FormField> split_pairs(std::string_view text, Decode decode) {
  std::vector<FormField> fields;
  while (!text.empty()) {
    const auto pair = text.substr(0, text.find('&'));
    text.remove_prefix(std::min(text.size(), pair.size() + 1));
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos)
      fields.push_back({decode(pair), std::nullopt});
    else
      fields.push_back({decode(pair.substr(0, equals)), decode(pair.substr(equals + 1))});
  }
  return fields;
}

// One part: its header block, a blank line, its bytes (RFC 2046 §5.1.1 body-part).
std::optional<FormPart> parse_part(std::string_view part) {
  const auto blank = part.starts_with("\r\n") ? 0 : part.find("\r\n\r\n");
  if (blank == std::string_view::npos) return std::nullopt;
  FormPart parsed;
  parsed.value = std::string(part.substr(blank + (blank == 0 ? 2 : 4)));
  std::string_view head = part.substr(0, blank);
  while (!head.empty()) {
    const auto line = head.substr(0, head.find("\r\n"));
    head.remove_prefix(std::min(head.size(), line.size() + 2));
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto name = trim_wsp(line.substr(0, colon));
    const auto value = trim_wsp(line.substr(colon + 1));
    if (iequals(name, "content-type")) parsed.content_type = std::string(value);
    if (!iequals(name, "content-disposition")) continue;
    parsed.name = header_parameter(value, "name").value_or("");
    parsed.file_name = header_parameter(value, "filename");
  }
  return parsed;
}

}  // namespace

std::optional<std::string> header_parameter(std::string_view value, std::string_view name) {
  auto pieces = split_unquoted(value, ';');
  for (std::size_t i = 1; i < pieces.size(); ++i) {  // pieces[0] is the type itself
    const auto piece = trim_wsp(pieces[i]);
    const auto equals = piece.find('=');
    if (equals != std::string_view::npos && iequals(trim_wsp(piece.substr(0, equals)), name))
      return unquote(trim_wsp(piece.substr(equals + 1)));
  }
  return std::nullopt;
}

std::vector<FormField> split_query(std::string_view query) {
  return split_pairs(query, [](std::string_view text) { return std::string(text); });
}

std::vector<FormField> parse_urlencoded(std::string_view text) {
  return split_pairs(text, [](std::string_view part) { return base::form_decode(part); });
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body,
                                                     std::string_view content_type) {
  const auto boundary = header_parameter(content_type, "boundary");
  if (!boundary || boundary->empty()) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  // The first delimiter may follow a preamble; every later one starts a new line.
  auto at = body.starts_with(delimiter) ? 0 : body.find("\r\n" + delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  at += body.starts_with(delimiter) ? delimiter.size() : delimiter.size() + 2;
  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    const auto line_end = body.find("\r\n", at);
    if (line_end == std::string_view::npos) return std::nullopt;
    const auto start = line_end + 2;
    const auto next = body.find("\r\n" + delimiter, start);
    if (next == std::string_view::npos) return std::nullopt;  // cut short
    auto part = parse_part(body.substr(start, next - start));
    if (!part) return std::nullopt;
    parts.push_back(std::move(*part));
    at = next + 2 + delimiter.size();
  }
}

}  // namespace postern::exports
