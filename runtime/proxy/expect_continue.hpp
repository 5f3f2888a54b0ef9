#pragma once
// Expect: 100-continue (RFC 9110 §10.1.1). A client that sends it waits for "100 Continue" (or
// a final answer) before the body. The proxy either forwards the expectation and relays the
// upstream's 100, or answers 100 itself before reading the body; either way it must notice it.

#include <string_view>

#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// What a request's Expect field asks for.
enum class Expectation {
  none,          ///< no Expect field, or an HTTP/1.0 request (whose Expect is to be ignored)
  continue_100,  ///< "100-continue" (case-insensitive), and nothing else
  unsupported,   ///< any other expectation: answer 417 Expectation Failed
};

/// The interim response a proxy sends when it answers a 100-continue itself.
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

/// Reads the Expect fields of `request`.
Expectation expectation_of(const RequestHead& request);

}  // namespace postern::proxy
