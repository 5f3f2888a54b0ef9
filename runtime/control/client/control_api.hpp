#pragma once
// The control API as its callers (CLI commands, CaptureApi) see it: send one request, get the
// status and body back. The real implementation is ControlClient (HTTP over loopback TCP);
// tests use a fake that records requests and answers from canned JSON, so no test of a command
// or a typed call needs a running runtime.

#include <string>

#include "base/result.hpp"

namespace postern::control_client {

/// One request to the control API.
struct ControlRequest {
  std::string method;                             ///< "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string target;                             ///< origin-form: "/v1/sessions/3?page=2"
  std::string body;                               ///< sent when not empty (or for POST/PUT/PATCH)
  std::string content_type = "application/json";  ///< of `body`
};

/// The control API's answer.
struct ControlResponse {
  int status = 0;            ///< the HTTP status
  std::string content_type;  ///< the Content-Type field, as sent; may be empty
  std::string body;          ///< the whole body
};

/// Sends requests to the control API.
class ControlApi {
 public:
  virtual ~ControlApi() = default;
  /// The answer to `request`, or why there is none (control_errc codes).
  virtual base::Result<ControlResponse> send(const ControlRequest& request) = 0;
};

}  // namespace postern::control_client
