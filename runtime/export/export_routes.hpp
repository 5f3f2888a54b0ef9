#pragma once
// GET /v1/sessions/{id}/export?format=har|collection&group_by=... (docs/control-api.md): a
// session's exchanges as a HAR 1.2 document or a Postman Collection v2.1. The exchanges are read
// from the store page by page (a session may hold far more than one page) and then opened one
// by one for their headers and bodies. The document is built in memory, as the API answers with
// one body; each stored body is at most the store's cap (1 MiB), which bounds an exchange.

#include <cstdint>
#include <vector>

#include "base/result.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/store/capture_store.hpp"

namespace postern::exports {

/// Every exchange of session `session_id`, with headers and bodies, oldest first. Exchanges
/// deleted while it reads are skipped; ones added meanwhile may or may not be included.
base::Result<std::vector<store::Exchange>> session_exchanges(store::CaptureStore& store,
                                                             std::int64_t session_id);

/// Adds GET /v1/sessions/{id}/export, reading from `store` (which must outlive the router).
void add_export_routes(control::ApiRouter& router, store::CaptureStore& store);

}  // namespace postern::exports
