#include "runtime/proxy/errc.hpp"

#include <utility>

namespace postern::proxy {

namespace {

class ProxyCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.proxy"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::bad_start_line:
        return "the request line or status line is malformed";
      case errc::bad_version:
        return "the HTTP version is malformed";
      case errc::version_not_supported:
        return "only HTTP/1.0 and HTTP/1.1 are supported here";
      case errc::bad_target:
        return "the request target is malformed or not allowed for the method";
      case errc::start_line_too_long:
        return "the request line is too long";
      case errc::head_too_large:
        return "the header section is too large";
      case errc::too_many_fields:
        return "the header section has too many fields";
      case errc::bad_line_ending:
        return "a line does not end in CRLF";
      case errc::bad_field_name:
        return "a header field name is not a token";
      case errc::whitespace_before_colon:
        return "whitespace between a header field name and its colon";
      case errc::bad_field_value:
        return "a header field value holds a control character";
      case errc::obsolete_line_folding:
        return "a header field is folded over several lines (obsolete)";
      case errc::missing_host:
        return "an HTTP/1.1 request has no Host header";
      case errc::duplicate_host:
        return "a request has more than one Host header";
      case errc::bad_host:
        return "the Host header is not host[:port]";
      case errc::conflicting_framing:
        return "both Content-Length and Transfer-Encoding are present";
      case errc::bad_content_length:
        return "Content-Length is not a valid number";
      case errc::differing_content_lengths:
        return "several Content-Length values disagree";
      case errc::chunked_not_final:
        return "Transfer-Encoding does not end with a single chunked";
      case errc::unsupported_transfer_coding:
        return "a transfer coding is not supported";
      case errc::transfer_encoding_in_http10:
        return "Transfer-Encoding in an HTTP/1.0 request";
      case errc::bad_chunk_size:
        return "a chunk size is not a hexadecimal number";
      case errc::chunk_size_overflow:
        return "a chunk size is too large";
      case errc::bad_chunk_extension:
        return "a chunk extension holds a control character";
      case errc::chunk_line_too_long:
        return "a chunk-size line is too long";
      case errc::bad_chunk_terminator:
        return "chunk data is not followed by CRLF";
      case errc::trailers_too_large:
        return "the trailer section is too large";
      case errc::truncated_message:
        return "the connection ended before the message did";
    }
    return "unknown HTTP message error";
  }
};

}  // namespace

const std::error_category& proxy_category() {
  static const ProxyCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), proxy_category()};
}

int status_for(errc e, Side side) {
  // A broken response is the upstream's fault; the client only learns the gateway failed.
  if (side == Side::response) return 502;
  switch (e) {
    case errc::version_not_supported:
      return 505;
    case errc::start_line_too_long:
      return 414;
    case errc::head_too_large:
    case errc::too_many_fields:
    case errc::trailers_too_large:
      return 431;
    case errc::unsupported_transfer_coding:
      return 501;  // RFC 9112 §6.1: a coding the server does not understand
    default:
      return 400;
  }
}

HttpError make_http_error(errc e, Side side, std::string detail) {
  return HttpError{make_error_code(e), status_for(e, side), std::move(detail)};
}

}  // namespace postern::proxy
