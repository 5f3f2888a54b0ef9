#include "cli/exchange_view.hpp"

#include <ostream>
#include <string>
#include <string_view>

#include "cli/human_units.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/json_view.hpp"

namespace postern::cli {

using control_client::flag_at;
using control_client::integer_at;
using control_client::object_at;
using control_client::scalar_at;
using control_client::scalar_text;
using control_client::text_at;

using nlohmann::json;

namespace {

// A side's field: `<side>_<name>` at the top, else `<side>.<name>`.
const json& side_field(const json& exchange, const std::string& side, const std::string& name) {
  static const json missing;
  if (exchange.is_object()) {
    if (auto flat = exchange.find(side + "_" + name); flat != exchange.end()) return *flat;
    const json& nested = object_at(exchange, side);
    if (auto inner = nested.find(name); inner != nested.end()) return *inner;
  }
  return missing;
}

void print_headers(std::ostream& out, const json& headers) {
  if (!headers.is_array()) return;
  for (const auto& header : headers) {
    if (header.is_array() && header.size() == 2) {
      out << "  " << printable(scalar_text(header[0], "")) << ": "
          << printable(scalar_text(header[1], "")) << "\n";
    } else if (header.is_object()) {
      out << "  " << printable(text_at(header, "name")) << ": "
          << printable(text_at(header, "value")) << "\n";
    }
  }
}

// Bytes of the first `characters` characters (UTF-8 code points) of `text`.
std::size_t prefix_bytes(std::string_view text, std::size_t characters) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] & 0xc0) == 0x80) continue;
    if (seen++ == characters) return i;
  }
  return text.size();
}

// Text keeps its line breaks and tabs; every other control character is made harmless.
void print_text(std::ostream& out, std::string_view text) {
  const std::string_view shown = text.substr(0, prefix_bytes(text, kMaxBodyShown));
  std::size_t start = 0;
  while (start <= shown.size()) {
    std::size_t end = shown.find('\n', start);
    if (end == std::string_view::npos) end = shown.size();
    std::string line;
    for (char c : shown.substr(start, end - start))
      line += c == '\t' ? std::string("    ") : std::string(1, c);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out << "  " << printable(line) << "\n";
    start = end + 1;
  }
  if (const std::size_t width = display_width(text); width > kMaxBodyShown)
    out << "  (" << width - kMaxBodyShown << " more characters; `--json` shows the whole body)\n";
}

void print_body(std::ostream& out, const json& body) {
  if (!body.is_object()) return;
  const std::string omitted = text_at(body, "omitted_reason");
  if (!omitted.empty()) {
    out << "  (not kept: " << printable(omitted) << ")\n";
    return;
  }
  if (body.contains("text") && body["text"].is_string()) {
    const std::string text = body["text"].get<std::string>();
    if (text.empty()) return;
    out << "\n";
    print_text(out, text);
  } else if (body.contains("base64") && body["base64"].is_string()) {
    const std::size_t encoded = body["base64"].get_ref<const std::string&>().size();
    out << "\n  (binary, " << human_size(encoded / 4 * 3) << "; `--json` has it as base64)\n";
  }
  if (flag_at(body, "truncated"))
    out << "  (kept only the first part of "
        << human_size(static_cast<std::uint64_t>(
               integer_at(body, "size", integer_at(body, "original_size"))))
        << ")\n";
}

void print_side(std::ostream& out, const json& exchange, const std::string& side) {
  print_headers(out, side_field(exchange, side, "headers"));
  print_body(out, side_field(exchange, side, "body"));
}

}  // namespace

void print_exchange(std::ostream& out, const json& exchange) {
  out << "exchange " << integer_at(exchange, "id") << ": " << printable(text_at(exchange, "method"))
      << " " << printable(text_at(exchange, "url")) << "\n";
  out << "  status    " << scalar_at(exchange, "status", "no response");
  if (const auto reason = text_at(exchange, "reason"); !reason.empty())
    out << " " << printable(reason);
  out << "\n  time      " << date_time(text_at(exchange, "started_at")) << " UTC";
  if (const auto ended = text_at(exchange, "ended_at"); !ended.empty())
    out << " to " << clock_time(ended);
  out << "\n  size      request "
      << human_size(static_cast<std::uint64_t>(integer_at(exchange, "request_size")))
      << ", response "
      << human_size(static_cast<std::uint64_t>(integer_at(exchange, "response_size"))) << "\n";
  if (const auto error = text_at(exchange, "error"); !error.empty())
    out << "  error     " << printable(error) << "\n";
  out << "\nrequest\n";
  print_side(out, exchange, "request");
  if (exchange.contains("status") && !exchange["status"].is_null()) {
    out << "\nresponse\n";
    print_side(out, exchange, "response");
  }
}

}  // namespace postern::cli
