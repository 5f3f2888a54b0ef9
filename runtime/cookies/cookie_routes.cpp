#include "runtime/cookies/cookie_routes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "runtime/control/api_time.hpp"
#include "runtime/control/route_helpers.hpp"
#include "runtime/cookies/netscape_format.hpp"
#include "runtime/cookies/request_context.hpp"
#include "runtime/store/errc.hpp"

namespace postern::cookies {

namespace {

using control::ApiRequest;
using control::ApiResponse;
using control::RouteMatch;
using nlohmann::json;

using control::bad_field;
using control::query_text;

// A change made it into the jar; the answer says so only once cookies.json has it too.
ApiResponse saved_or_error(CookieJarService& jar, ApiResponse answer) {
  if (auto saved = jar.save_if_changed(); !saved)
    return control::error_response(
        500, "JAR_NOT_SAVED", "the cookie jar changed but was not saved: " + saved.error().message);
  return answer;
}

std::optional<std::string> string_field(const json& body, const char* key) {
  const auto found = body.find(key);
  if (found == body.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

ApiResponse list_cookies(CookieJarService& jar, const RouteMatch& match) {
  json list = json::array();
  for (const auto& cookie : jar.jar().list(query_text(match, "domain").value_or("")))
    list.push_back(cookie_json(cookie));
  return control::json_response(200, {{"cookies", std::move(list)}});
}

// The Cookie header the jar would send with a request to ?url= (the requester's view of the
// jar while the runtime owns it). Reading marks the cookies accessed, as sending them would.
ApiResponse cookie_header(CookieJarService& jar, const RouteMatch& match) {
  const auto url = query_text(match, "url");
  if (!url) return bad_field("url: the request URL is required (?url=https://...)");
  auto context = request_context_from_url(*url);
  if (!context) return bad_field("url: " + context.error().message);
  return control::json_response(200, {{"cookie", jar.jar().cookie_header_for(context.value())}});
}

ApiResponse add_cookie(CookieJarService& jar, const ApiRequest& request) {
  const auto body = control::json_body(request);
  if (!body) return *body.refusal;
  const auto url = string_field(*body.value, "url");
  const auto line = string_field(*body.value, "set_cookie");
  if (!url) return bad_field("url: a string is required (the URL whose server sets the cookie)");
  if (!line) return bad_field("set_cookie: a string is required (a Set-Cookie header value)");
  auto context = request_context_from_url(*url);
  if (!context) return bad_field("url: " + context.error().message);
  auto stored = jar.jar().store(context.value(), *line);
  if (!stored) return bad_field("set_cookie: " + stored.error().message);
  const auto action = stored.value().action;
  // An expiry in the past is how a server deletes a cookie: the jar did just that.
  if (action == StoreAction::deleted || action == StoreAction::expired_ignored)
    return saved_or_error(
        jar, control::json_response(200, {{"removed", action == StoreAction::deleted ? 1 : 0}}));
  return saved_or_error(jar, control::json_response(201, cookie_json(stored.value().cookie)));
}

// No query clears the jar. Otherwise `domain` (that domain and below, as GET lists them) is
// required, and `path` and `name`, each optional, narrow it to exact matches.
ApiResponse delete_cookies(CookieJarService& jar, const RouteMatch& match) {
  const auto domain = query_text(match, "domain");
  const auto path = query_text(match, "path");
  const auto name = query_text(match, "name");
  std::size_t removed = 0;
  if (!domain && !path && !name) {
    removed = jar.jar().all().size();
    jar.jar().clear();
  } else if (!domain) {
    return bad_field("domain: required with path or name");
  } else if (!path && !name) {
    removed = jar.jar().remove_domain(*domain);
  } else {
    for (const auto& cookie : jar.jar().list(*domain))
      if ((!path || cookie.path == *path) && (!name || cookie.name == *name))
        removed += jar.jar().remove(cookie.domain, cookie.path, cookie.name);
  }
  return saved_or_error(jar, control::json_response(200, {{"removed", removed}}));
}

std::optional<ApiResponse> refuse_format(const RouteMatch& match) {
  const auto format = query_text(match, "format").value_or("netscape");
  if (format == "netscape") return std::nullopt;
  return bad_field("format: \"" + format + "\" is not netscape");
}

ApiResponse export_cookies(CookieJarService& jar, const RouteMatch& match) {
  if (auto refused = refuse_format(match)) return *refused;
  ApiResponse response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = format_netscape(jar.jar().all()).text;
  return response;
}

ApiResponse import_cookies(CookieJarService& jar, const ApiRequest& request,
                           const RouteMatch& match) {
  if (auto refused = refuse_format(match)) return *refused;
  auto read = parse_netscape(request.body, jar.now());
  const auto report = jar.jar().import_cookies(std::move(read.cookies));
  json refused = json::array();
  for (const auto& problem : read.problems)
    refused.push_back(
        {{"line", problem.line}, {"reason", problem.reason.message() + ": " + problem.detail}});
  for (const auto& rejected : report.rejected)
    refused.push_back({{"domain", rejected.cookie.domain},
                       {"name", rejected.cookie.name},
                       {"reason", rejected.reason.message()}});
  return saved_or_error(jar,
                        control::json_response(200, {{"imported", report.stored},
                                                     {"expired", read.expired + report.expired},
                                                     {"refused", std::move(refused)}}));
}

// The store's errors that are the caller's: anything else is 500 STORE_ERROR.
ApiResponse store_failure(const base::Error& error) {
  static const control::ErrorMapping kMappings[] = {{store::errc::not_found, 404, "NOT_FOUND"}};
  return control::error_response_for(error, kMappings);
}

// {"exchange_ids": [...]} narrows the lines to those exchanges; absent means every exchange.
std::optional<std::set<std::int64_t>> exchange_filter(const json& body, ApiResponse& refusal) {
  const auto found = body.find("exchange_ids");
  if (found == body.end()) return std::set<std::int64_t>{};
  if (!found->is_array() || found->empty() ||
      !std::all_of(found->begin(), found->end(),
                   [](const json& id) { return id.is_number_integer(); })) {
    refusal = bad_field("exchange_ids: a non-empty list of exchange ids is required");
    return std::nullopt;
  }
  std::set<std::int64_t> ids;
  for (const auto& id : *found)
    ids.insert(id.get<std::int64_t>());
  return ids;
}

// Where each exchange's response came from, read once per exchange.
class ExchangeOrigins {
 public:
  explicit ExchangeOrigins(store::CaptureStore& store) : store_(store) {}
  /// The request context of exchange `id`'s URL, or why there is none.
  const base::Result<RequestContext>& of(std::int64_t id) {
    auto found = contexts_.find(id);
    if (found != contexts_.end()) return found->second;
    auto exchange = store_.exchange(id);
    auto context = exchange ? request_context_from_url(exchange.value().url)
                            : base::Result<RequestContext>(exchange.error());
    return contexts_.emplace(id, std::move(context)).first->second;
  }

 private:
  store::CaptureStore& store_;
  std::map<std::int64_t, base::Result<RequestContext>> contexts_;
};

ApiResponse session_to_jar(CookieJarService& jar, store::CaptureStore& store,
                           const ApiRequest& request, const RouteMatch& match) {
  const auto parsed_id = control::path_id(match, "debug session");
  if (!parsed_id) return *parsed_id.refusal;
  const auto id = *parsed_id.value;
  const auto body = control::json_body(request);
  if (!body) return *body.refusal;
  ApiResponse refusal;
  const auto wanted = exchange_filter(*body.value, refusal);
  if (!wanted) return refusal;
  if (auto session = store.session(id); !session) return store_failure(session.error());
  auto lines = store.cookies(id);
  if (!lines) return store_failure(lines.error());
  ExchangeOrigins origins(store);
  std::size_t added = 0, removed = 0;
  json refused = json::array();
  for (const auto& line : lines.value()) {
    if (line.direction != store::CookieDirection::response) continue;
    if (!wanted->empty() && !wanted->contains(line.exchange_id)) continue;
    const auto& origin = origins.of(line.exchange_id);
    auto stored = origin ? jar.jar().store(origin.value(), line.header_value)
                         : base::Result<StoreResult>(origin.error());
    if (!stored) {
      refused.push_back({{"line", line.header_value}, {"reason", stored.error().code.message()}});
    } else if (stored.value().action == StoreAction::deleted) {
      ++removed;  // the server deleted it with an expiry in the past: so does the jar
    } else if (stored.value().action != StoreAction::expired_ignored) {
      ++added;
    }
  }
  return saved_or_error(
      jar, control::json_response(
               200, {{"added", added}, {"removed", removed}, {"refused", std::move(refused)}}));
}

}  // namespace

json cookie_json(const Cookie& cookie) {
  const auto time = [](Time at) {
    return control::format_api_time(std::chrono::time_point_cast<std::chrono::milliseconds>(at));
  };
  return {{"name", cookie.name},
          {"value", cookie.value},
          {"domain", cookie.domain},
          {"path", cookie.path},
          {"host_only", cookie.host_only},
          {"secure", cookie.secure},
          {"http_only", cookie.http_only},
          {"same_site", to_string(cookie.same_site)},
          {"expires", cookie.expires ? json(time(*cookie.expires)) : json(nullptr)},
          {"created_at", time(cookie.created)}};
}

void add_cookie_routes(control::ApiRouter& router, CookieJarService& jar) {
  router.add("GET", "/v1/cookies", [&jar](const ApiRequest&, const RouteMatch& match) {
    return list_cookies(jar, match);
  });
  router.add("POST", "/v1/cookies", [&jar](const ApiRequest& request, const RouteMatch&) {
    return add_cookie(jar, request);
  });
  router.add("DELETE", "/v1/cookies", [&jar](const ApiRequest&, const RouteMatch& match) {
    return delete_cookies(jar, match);
  });
  router.add("GET", "/v1/cookies/header", [&jar](const ApiRequest&, const RouteMatch& match) {
    return cookie_header(jar, match);
  });
  router.add("GET", "/v1/cookies/export", [&jar](const ApiRequest&, const RouteMatch& match) {
    return export_cookies(jar, match);
  });
  router.add("POST", "/v1/cookies/import",
             [&jar](const ApiRequest& request, const RouteMatch& match) {
               return import_cookies(jar, request, match);
             });
}

void add_session_cookie_routes(control::ApiRouter& router, CookieJarService& jar,
                               store::CaptureStore& store) {
  router.add("POST", "/v1/sessions/{id}/cookies/to-jar",
             [&jar, &store](const ApiRequest& request, const RouteMatch& match) {
               return session_to_jar(jar, store, request, match);
             });
}

}  // namespace postern::cookies
