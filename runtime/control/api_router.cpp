#include "runtime/control/api_router.hpp"

#include <exception>

#include "base/url.hpp"

namespace postern::control {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) segments.emplace_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> pairs;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const auto pair = query.substr(start, end - start);
    const auto equals = pair.find('=');
    if (!pair.empty())
      pairs[base::form_decode(pair.substr(0, equals))] =
          equals == std::string_view::npos ? "" : base::form_decode(pair.substr(equals + 1));
    start = end + 1;
  }
  return pairs;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             RouteMatch& match) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& want = pattern[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      match.params[want.substr(1, want.size() - 2)] = base::form_decode(path[i]);
    } else if (want != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void ApiRouter::add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), split_path(pattern), std::move(handler)});
}

ApiResponse ApiRouter::handle(const ApiRequest& request) const {
  const std::string_view target = request.target;
  const auto question = target.find('?');
  const auto path = split_path(target.substr(0, question));
  std::string allowed;
  for (const auto& route : routes_) {
    RouteMatch match;
    if (!matches(route.segments, path, match)) continue;
    if (route.method != request.method) {
      allowed += (allowed.empty() ? "" : ", ") + route.method;
      continue;
    }
    if (question != std::string_view::npos) match.query = parse_query(target.substr(question + 1));
    try {
      return route.handler(request, match);
    } catch (const std::exception& e) {
      // Practice 12: one failing handler is contained and reported, never a dropped connection.
      return error_response(500, "INTERNAL_ERROR", e.what());
    }
  }
  if (!allowed.empty()) {
    auto response = error_response(405, "METHOD_NOT_ALLOWED",
                                   request.method + " is not allowed here; use " + allowed);
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return error_response(404, "NOT_FOUND",
                        "no such endpoint: " + std::string(target.substr(0, question)));
}

}  // namespace postern::control
