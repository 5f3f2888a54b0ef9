#pragma once
// The control API's requests and responses as plain values: the Asio/Beast session converts
// to and from these, so the guard and the routes are functions without I/O (practice 13).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace postern::control {

class EventSubscription;

/// One request, as the session read it.
struct ApiRequest {
  std::string method;         ///< "GET", "POST", ...
  std::string target;         ///< "/v1/status?x=1"
  std::string host;           ///< the Host header, as sent
  std::string authorization;  ///< the Authorization header, as sent
  std::string origin;         ///< the Origin header, when a browser sent one
  std::string body;           ///< the request body (bounded by the session)
};

/// One response to write.
struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers
  /// When set, the answer is an event stream (text/event-stream): the session writes the head
  /// and then these events as they come, instead of `body`, until the client or server ends it.
  std::shared_ptr<EventSubscription> events;
};

/// A JSON response with `status`.
ApiResponse json_response(int status, const nlohmann::json& body);

/// {"error": {"code": code, "message": message}} with `status`.
ApiResponse error_response(int status, std::string_view code, const std::string& message);

}  // namespace postern::control
