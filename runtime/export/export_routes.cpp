#include "runtime/export/export_routes.hpp"

#include <unordered_set>

#include "runtime/control/route_helpers.hpp"
#include "runtime/export/collection_export.hpp"
#include "runtime/export/har_export.hpp"
#include "runtime/store/errc.hpp"
#include "runtime/store/exchange_views.hpp"

namespace postern::exports {

namespace {

using control::ApiRequest;
using control::ApiResponse;
using control::RouteMatch;

// The store's errors that are the caller's: anything else is 500 STORE_ERROR.
ApiResponse store_failure(const base::Error& error) {
  static const control::ErrorMapping kMappings[] = {{store::errc::not_found, 404, "NOT_FOUND"}};
  return control::error_response_for(error, kMappings);
}

ApiResponse export_session(store::CaptureStore& store, const RouteMatch& match) {
  const auto parsed_id = control::path_id(match, "debug session");
  if (!parsed_id) return *parsed_id.refusal;
  const auto id = *parsed_id.value;
  const auto format = control::query_text(match, "format").value_or("har");
  if (format != "har" && format != "collection")
    return control::bad_field("format: \"" + format + "\" is not har or collection");
  auto group_by = parse_group_by(control::query_text(match, "group_by").value_or("none"));
  if (!group_by) return control::bad_field(group_by.error().message);
  auto session = store.session(id);
  if (!session) return store_failure(session.error());
  auto exchanges = session_exchanges(store, id);
  if (!exchanges) return store_failure(exchanges.error());
  const bool har = format == "har";
  auto response = control::json_response(
      200, har ? har_document(session.value(), exchanges.value())
               : collection_document(session.value(), exchanges.value(), group_by.value()));
  // Saved under a sensible name by browsers and `curl -OJ`.
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"postern-session-" + std::to_string(id) +
                                    (har ? ".har" : ".postman_collection.json") + "\"");
  return response;
}

}  // namespace

base::Result<std::vector<store::Exchange>> session_exchanges(store::CaptureStore& store,
                                                             std::int64_t session_id) {
  std::vector<store::Exchange> exchanges;
  std::unordered_set<std::int64_t> seen;  // a row may move to the next page while we read
  store::ExchangeQuery query;
  query.session_id = session_id;
  query.per_page = store::kMaxPerPage;
  for (query.page = 1;; ++query.page) {
    auto page = store.exchanges(query);
    if (!page) return page.error();
    for (const auto& summary : page.value().items) {
      if (!seen.insert(summary.id).second) continue;
      auto exchange = store.exchange(summary.id);
      if (!exchange && exchange.error().code == store::errc::not_found) continue;  // deleted
      if (!exchange) return exchange.error();
      exchanges.push_back(std::move(exchange).value());
    }
    if (page.value().items.size() < query.per_page) break;
  }
  return exchanges;
}

void add_export_routes(control::ApiRouter& router, store::CaptureStore& store) {
  router.add("GET", "/v1/sessions/{id}/export",
             [&store](const ApiRequest&, const RouteMatch& match) {
               return export_session(store, match);
             });
}

}  // namespace postern::exports
