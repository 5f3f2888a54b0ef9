#pragma once
// AWS's SigV4 test suite (tests/data/auth/awsv4/): the cases both SigV4 tests run, and one
// reader for its .req files, shared by the step-by-step test and the whole-scheme test.

#include <string>
#include <vector>

#include "auth_vectors.hpp"
#include "runtime/auth/http_message.hpp"

namespace postern::testing {

/// Suite cases whose request target can go on the wire as written.
inline constexpr const char* kAwsSuiteWireCases[] = {
    "get-vanilla",
    "get-vanilla-query-order-key-case",
    "get-vanilla-query-order-key",
    "get-vanilla-query-order-value",
    "get-vanilla-empty-query-key",
    "get-vanilla-query-unreserved",
    "get-vanilla-utf8-query",
    "get-unreserved",
    "get-relative",
    "get-relative-relative",
    "get-slash",
    "get-slash-dot-slash",
    "get-slash-pointless-dot",
    "get-slashes",
    "get-header-key-duplicate",
    "get-header-value-order",
    "get-header-value-trim",
    "post-vanilla",
    "post-vanilla-query",
    "post-header-key-case",
    "post-header-key-sort",
    "post-header-value-case",
};

/// A suite request as its .req file writes it: "METHOD target HTTP/1.1", "Name:value" lines, a
/// blank line, the body.
struct AwsSuiteRequest {
  std::string method, target, body;
  std::vector<auth::Header> headers;
};

/// Reads tests/data/auth/awsv4/<name>/<name>.req; method empty when the file is missing.
inline AwsSuiteRequest aws_suite_request(const std::string& name) {
  const std::string text = auth_vector("awsv4", name + "/" + name + ".req");
  AwsSuiteRequest out;
  if (text.empty()) return out;
  const auto line_end = text.find('\n');
  const std::string first = text.substr(0, line_end);
  out.method = first.substr(0, first.find(' '));
  const std::string target = first.substr(first.find(' ') + 1);
  out.target = target.substr(0, target.rfind(" HTTP/1.1"));
  std::size_t at = line_end + 1;
  while (at < text.size()) {
    const auto end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    at = end == std::string::npos ? text.size() : end + 1;
    if (line.empty()) break;
    const auto colon = line.find(':');
    out.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  out.body = at < text.size() ? text.substr(at) : "";
  return out;
}

}  // namespace postern::testing
