#pragma once
// How `postern send` shows what went over the wire: the request as it will be sent
// (--dry-run, like Postman's headers preview), every leg raw (--verbose, like Postman's
// console), and the whole exchange as JSON. Secrets are masked unless --show-secrets: the
// credential part of Authorization headers, cookie values, and every secret auth parameter
// wherever it appears (a query string, a body).

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/auth/auth_params.hpp"
#include "runtime/requester/request_sender.hpp"

namespace postern::cli {

class SecretRedactor {
 public:
  /// Masks `secrets` (and credential headers) unless `show`.
  SecretRedactor(std::vector<std::string> secrets, bool show);
  /// `text` with every secret replaced by "***".
  std::string text(std::string_view text) const;
  /// A header's value as it may be shown.
  std::string header_value(std::string_view name, std::string_view value) const;
  /// One "Name: value" line as it may be shown.
  std::string header_line(std::string_view line) const;

 private:
  std::vector<std::string> secrets_;
  bool show_;
};

/// The values of `params` that are secrets for a scheme of `type` (passwords, tokens, keys).
std::vector<std::string> secret_values(std::string_view type, const auth::AuthParams& params);

/// The request as it will be sent: request line, headers (with the ones libcurl adds: Host,
/// User-Agent, Accept, Content-Length), a blank line and the body (or its size when binary).
void print_dry_run(std::ostream& out, const auth::HttpRequest& request, std::string_view user_agent,
                   const SecretRedactor& redactor);

/// Every leg: "> " request head lines, "< " status line and headers, in order.
void print_legs(std::ostream& out, const std::vector<requester::Leg>& legs,
                const SecretRedactor& redactor);

/// {"ok":true,"status","reason","http_version","final_url","elapsed_ms","headers":[{name,value}],
///  "body" or "body_base64","legs":[{"method","url","status","elapsed_ms"}]}
nlohmann::json send_result_json(const requester::SendResult& result,
                                const SecretRedactor& redactor);

/// Is `body` text that can be printed as it is (valid UTF-8 without NUL)?
bool is_printable_body(std::string_view body);

}  // namespace postern::cli
