#pragma once
// The control API's routes: (method, path pattern) -> handler. Patterns are paths whose
// segments may be "{name}" to capture one segment ("/v1/sessions/{id}"). Unknown paths get 404,
// known paths with another method get 405 with Allow. Handlers do no I/O of their own.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "runtime/control/api_types.hpp"

namespace postern::control {

/// Captured "{name}" segments, and the query string's key=value pairs (base::form_decode: "%20" and
/// "+" are spaces).
struct RouteMatch {
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> query;
};

/// Routes requests to handlers.
class ApiRouter {
 public:
  using Handler = std::function<ApiResponse(const ApiRequest&, const RouteMatch&)>;

  /// Adds a route; later routes never shadow earlier ones with the same pattern and method.
  void add(std::string method, std::string pattern, Handler handler);
  /// The response of the matching route, 404 or 405. A handler that throws gives 500 (logged by
  /// the caller through the response body), never a dropped connection.
  ApiResponse handle(const ApiRequest& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace postern::control
