#pragma once
// The head of a request or a response: start line and fields, parsed, plus the bytes exactly as
// they arrived. The parsed parts drive the proxy's decisions; `raw` is what the capture records.

#include <string>

#include "runtime/proxy/header_fields.hpp"
#include "runtime/proxy/request_target.hpp"

namespace postern::proxy {

/// "HTTP/major.minor". Only major 1 gets past the parsers.
struct HttpVersion {
  int major = 1;  ///< always 1 after a successful parse
  int minor = 1;  ///< 0 or higher; anything from 1 up has HTTP/1.1 semantics (RFC 9110 §2.5)
  /// True for HTTP/1.1 and later minors: persistent connections, chunked, Host required.
  bool at_least_1_1() const { return major > 1 || (major == 1 && minor >= 1); }
  friend bool operator==(const HttpVersion&, const HttpVersion&) = default;
};

/// A request's head.
struct RequestHead {
  std::string method;    ///< case-sensitive token, as sent ("GET", "CONNECT", ...)
  RequestTarget target;  ///< the request-target, parsed
  HttpVersion version;   ///< the request line's version
  HeaderFields fields;   ///< in arrival order, case preserved
  std::string raw;       ///< every byte of the head as received, empty lines before it excluded
};

/// A response's head.
struct ResponseHead {
  HttpVersion version;  ///< the status line's version
  int status = 0;       ///< 100-999
  std::string reason;   ///< the reason phrase as sent; may be empty
  HeaderFields fields;  ///< in arrival order, case preserved
  std::string raw;      ///< every byte of the head as received
};

}  // namespace postern::proxy
