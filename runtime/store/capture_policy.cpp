#include "runtime/store/capture_policy.hpp"

#include "runtime/store/body_spool.hpp"

#include <algorithm>
#include <charconv>

namespace postern::store {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool looks_textual(std::string_view bytes) {
  return std::none_of(bytes.begin(), bytes.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && c != '\t' && c != '\r' && c != '\n';
  });
}

void cap_body(CapturedBody& body, std::size_t max_bytes) {
  body.original_size = std::max<std::uint64_t>(body.original_size, kept_size(body));
  if (body.bytes.size() > max_bytes) body.bytes = body.bytes.substr(0, max_bytes);  // frees
  if (body.spooled && !body.spooled->truncate_to(max_bytes))
    body.spooled.reset();  // cannot shorten it: keep only the head in memory
  if (body.omitted_reason.empty() && body.original_size > kept_size(body)) body.truncated = true;
}

std::uint64_t headers_size(const Headers& headers) {
  std::uint64_t size = 2;  // the empty line that ends the header block
  for (const auto& header : headers)
    size += header.name.size() + 2 + header.value.size() + 2;  // "name: value\r\n"
  return size;
}

}  // namespace

std::string media_type_of(std::string_view content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
    type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
    type.remove_suffix(1);
  return lowered(type);
}

UrlColumns split_url(std::string_view url) {
  UrlColumns columns;
  url = url.substr(0, url.find('#'));  // a fragment never reaches the server
  if (const auto marker = url.find("://"); marker != std::string_view::npos) {
    columns.scheme = lowered(url.substr(0, marker));
    url.remove_prefix(marker + 3);
    const auto authority_end = std::min(url.find_first_of("/?"), url.size());
    auto authority = url.substr(0, authority_end);
    url.remove_prefix(authority_end);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
      authority.remove_prefix(at + 1);
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
      const auto close = authority.find(']');
      columns.host =
          lowered(authority.substr(1, close == authority.npos ? authority.npos : close - 1));
      if (close != authority.npos && authority.substr(close + 1).starts_with(":"))
        port = authority.substr(close + 2);
    } else {
      const auto colon = authority.rfind(':');
      columns.host = lowered(authority.substr(0, colon));
      if (colon != authority.npos) port = authority.substr(colon + 1);
    }
    unsigned value = 0;
    const auto parsed = std::from_chars(port.data(), port.data() + port.size(), value);
    if (!port.empty() && parsed.ec == std::errc() && parsed.ptr == port.data() + port.size() &&
        value <= 65535)
      columns.port = static_cast<std::uint16_t>(value);
    else if (columns.scheme == "http")
      columns.port = 80;
    else if (columns.scheme == "https")
      columns.port = 443;
  }
  const auto question = url.find('?');
  columns.path = std::string(url.substr(0, question));
  if (question != std::string_view::npos) columns.query = std::string(url.substr(question + 1));
  if (columns.path.empty()) columns.path = "/";
  return columns;
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const auto& header : headers)
    if (iequals(header.name, name)) return std::string_view(header.value);
  return std::nullopt;
}

bool is_media_type(std::string_view content_type) {
  const auto type = media_type_of(content_type);
  return type.starts_with("image/") || type.starts_with("audio/") || type.starts_with("video/");
}

std::string data_mode_of(const Headers& request_headers, const CapturedBody& body) {
  if (body.original_size == 0 && body.bytes.empty()) return "none";
  const auto type = media_type_of(find_header(request_headers, "content-type").value_or(""));
  if (type == "application/x-www-form-urlencoded") return "urlencoded";
  if (type == "multipart/form-data") return "formdata";
  if (type.ends_with("/json") || type.ends_with("+json")) return "json";
  if (type.starts_with("text/") || type.find("xml") != std::string::npos ||
      type.find("javascript") != std::string::npos || type.find("graphql") != std::string::npos)
    return "raw";
  if (!type.empty()) return "binary";
  return looks_textual(body.bytes) ? "raw" : "binary";
}

void prepare_for_storage(Exchange& exchange, const CaptureLimits& limits) {
  if (exchange.scheme.empty() && exchange.host.empty() && exchange.path.empty()) {
    auto columns = split_url(exchange.url);
    exchange.scheme = std::move(columns.scheme);
    exchange.host = std::move(columns.host);
    if (exchange.port == 0) exchange.port = columns.port;
    exchange.path = std::move(columns.path);
    exchange.query = std::move(columns.query);
  }
  auto& response = exchange.response_body;
  if (limits.omit_media_responses && response.omitted_reason.empty() &&
      is_media_type(find_header(exchange.response_headers, "content-type").value_or(""))) {
    response.original_size = std::max<std::uint64_t>(response.original_size, kept_size(response));
    response.bytes = std::string();
    response.spooled.reset();
    response.truncated = false;
    response.omitted_reason = "media";
  }
  cap_body(exchange.request_body, limits.max_body_bytes);
  cap_body(response, limits.max_body_bytes);
  if (exchange.data_mode.empty())
    exchange.data_mode = data_mode_of(exchange.request_headers, exchange.request_body);
  // The sizes a user compares with other tools: request line / status line, headers and the
  // full body, as HTTP/1.1 would put them on the wire (HTTP/2 compresses headers; close enough).
  exchange.request_size =
      exchange.method.size() + 1 + exchange.url.size() + 1 + exchange.http_version.size() + 2 +
      headers_size(exchange.request_headers) + exchange.request_body.original_size;
  exchange.response_size = 0;
  if (exchange.status)
    exchange.response_size = exchange.http_version.size() + 5 + exchange.reason.size() + 2 +
                             headers_size(exchange.response_headers) + response.original_size;
}

}  // namespace postern::store
