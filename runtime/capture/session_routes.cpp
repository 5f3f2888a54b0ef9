#include "runtime/capture/session_routes.hpp"

#include "runtime/capture/records_json.hpp"
#include "runtime/capture/route_helpers.hpp"
#include "runtime/control/route_helpers.hpp"
#include "runtime/store/session_table.hpp"

namespace postern::capture {

namespace {

using control::ApiRequest;
using control::ApiResponse;
using control::RouteMatch;
using json = nlohmann::json;

// A page number far beyond any session, yet small enough that page * per_page cannot overflow.
constexpr std::size_t kMaxPage = 1'000'000'000;

struct Context {
  CaptureService& service;
  store::CaptureStore& store;
};

json session_json(Context& c, const store::Session& session) {
  return to_json(session, c.service.options_of(session.id));
}

ApiResponse list_sessions(Context& c) {
  auto sessions = c.store.sessions();
  if (!sessions) return error_to_response(sessions.error());
  json list = json::array();
  for (const auto& session : sessions.value())
    list.push_back(session_json(c, session));
  return control::json_response(200, {{"sessions", list}});
}

ApiResponse get_session(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "debug session");
  if (!id) return *id.refusal;
  auto session = c.store.session(*id.value);
  if (!session) return error_to_response(session.error());
  return control::json_response(200, session_json(c, session.value()));
}

ApiResponse rename_session(Context& c, const ApiRequest& request, const RouteMatch& match) {
  auto id = control::path_id(match, "debug session");
  if (!id) return *id.refusal;
  auto body = control::json_body(request);
  if (!body) return *body.refusal;
  const auto name = body.value->find("name");
  if (name == body.value->end() || !name->is_string() || name->get<std::string>().empty())
    return control::bad_field("name: must be a non-empty string");
  if (name->get<std::string>().size() > store::kMaxSessionNameBytes)
    return control::bad_field("name: must be at most " +
                              std::to_string(store::kMaxSessionNameBytes) + " bytes");
  auto renamed = c.service.rename(*id.value, name->get<std::string>());
  if (!renamed) return error_to_response(renamed.error());
  return control::json_response(200, session_json(c, renamed.value()));
}

ApiResponse delete_session(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "debug session");
  if (!id) return *id.refusal;
  // Deleting the session being captured into would lose every exchange still in flight.
  if (c.service.options_of(*id.value))
    return control::error_response(
        409, "SESSION_ACTIVE",
        "debug session " + std::to_string(*id.value) + " is active; stop it before deleting it");
  if (auto removed = c.store.delete_session(*id.value); !removed)
    return error_to_response(removed.error());
  return control::no_content();
}

ApiResponse list_exchanges(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "debug session");
  if (!id) return *id.refusal;
  auto page = control::query_number(match, "page", 1, 1, kMaxPage);
  if (!page) return *page.refusal;
  auto per_page = control::query_number(match, "per_page", kDefaultPerPage, 1, kMaxPerPage);
  if (!per_page) return *per_page.refusal;
  if (auto session = c.store.session(*id.value); !session)
    return error_to_response(session.error());
  store::ExchangeQuery query;
  query.session_id = *id.value;
  if (auto search = control::query_text(match, "search")) query.search = std::move(*search);
  query.page = *page.value;
  query.per_page = *per_page.value;
  auto found = c.store.exchanges(query);
  if (!found) return error_to_response(found.error());
  return control::json_response(200, to_json(found.value()));
}

ApiResponse session_overview(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "debug session");
  if (!id) return *id.refusal;
  if (auto session = c.store.session(*id.value); !session)
    return error_to_response(session.error());
  auto overview = c.store.overview(*id.value);
  if (!overview) return error_to_response(overview.error());
  return control::json_response(200, to_json(overview.value()));
}

ApiResponse session_cookies(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "debug session");
  if (!id) return *id.refusal;
  if (auto session = c.store.session(*id.value); !session)
    return error_to_response(session.error());
  auto cookies = c.store.cookies(*id.value);
  if (!cookies) return error_to_response(cookies.error());
  json list = json::array();
  for (const auto& cookie : cookies.value())
    list.push_back(to_json(cookie));
  return control::json_response(200, {{"cookies", list}});
}

ApiResponse get_exchange(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "exchange");
  if (!id) return *id.refusal;
  auto exchange = c.store.exchange(*id.value);
  if (!exchange) return error_to_response(exchange.error());
  return control::json_response(200, to_json(exchange.value()));
}

ApiResponse delete_exchange(Context& c, const RouteMatch& match) {
  auto id = control::path_id(match, "exchange");
  if (!id) return *id.refusal;
  if (auto removed = c.store.delete_exchange(*id.value); !removed)
    return error_to_response(removed.error());
  return control::no_content();
}

}  // namespace

void add_session_routes(control::ApiRouter& router, CaptureService& service,
                        store::CaptureStore& store) {
  // Shared by the handlers, which the router keeps (and copies) for as long as it lives.
  auto c = std::make_shared<Context>(Context{service, store});
  router.add("GET", "/v1/sessions",
             [c](const ApiRequest&, const RouteMatch&) { return list_sessions(*c); });
  router.add("GET", "/v1/sessions/{id}",
             [c](const ApiRequest&, const RouteMatch& m) { return get_session(*c, m); });
  router.add("PATCH", "/v1/sessions/{id}",
             [c](const ApiRequest& r, const RouteMatch& m) { return rename_session(*c, r, m); });
  router.add("DELETE", "/v1/sessions/{id}",
             [c](const ApiRequest&, const RouteMatch& m) { return delete_session(*c, m); });
  router.add("GET", "/v1/sessions/{id}/exchanges",
             [c](const ApiRequest&, const RouteMatch& m) { return list_exchanges(*c, m); });
  router.add("GET", "/v1/sessions/{id}/overview",
             [c](const ApiRequest&, const RouteMatch& m) { return session_overview(*c, m); });
  router.add("GET", "/v1/sessions/{id}/cookies",
             [c](const ApiRequest&, const RouteMatch& m) { return session_cookies(*c, m); });
  router.add("GET", "/v1/exchanges/{id}",
             [c](const ApiRequest&, const RouteMatch& m) { return get_exchange(*c, m); });
  router.add("DELETE", "/v1/exchanges/{id}",
             [c](const ApiRequest&, const RouteMatch& m) { return delete_exchange(*c, m); });
}

}  // namespace postern::capture
