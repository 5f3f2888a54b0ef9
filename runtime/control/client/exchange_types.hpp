#pragma once
// Captured traffic as the control API describes it (docs/control-api.md "ExchangeSummary",
// GET /v1/exchanges/{id}, /overview, /cookies), as plain structs for the capture window, read
// strictly from the API's JSON. Bodies arrive as {"text"} when UTF-8 and {"base64"} otherwise;
// both come out here as the bytes that were captured.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/control/client/json_fields.hpp"

namespace postern::control_client {

/// One exchange in a list, and the data of an `exchange` event.
struct ExchangeSummary {
  std::int64_t id = 0;
  std::optional<std::int64_t> session_id;  ///< in events and full exchanges; not in lists
  std::string started_at;                  ///< UTC ISO 8601
  std::string ended_at;
  std::string method;
  std::string url;
  std::string host;
  std::optional<std::int64_t> status;  ///< none when no response came
  std::string data_mode;               ///< raw, json, urlencoded, formdata, binary, none
  std::int64_t request_size = 0;
  std::int64_t response_size = 0;
  std::string error;  ///< why it failed; empty when it did not
};

/// GET /v1/sessions/{id}/exchanges: one page.
struct ExchangePage {
  std::vector<ExchangeSummary> items;
  std::int64_t total = 0;  ///< matching exchanges on all pages
  std::int64_t page = 1;
  std::int64_t per_page = 0;
};

/// A header line as captured.
struct Header {
  std::string name;
  std::string value;
};

/// A captured body.
struct Body {
  std::string bytes;           ///< as captured (decoded from base64 when it was binary)
  bool text = true;            ///< it was valid UTF-8 (sent as "text")
  std::int64_t size = 0;       ///< the whole body's size; more than bytes when truncated
  bool truncated = false;      ///< only the first body_limit bytes were kept
  std::string omitted_reason;  ///< why nothing was kept; empty when something was
};

/// Phases of an exchange in milliseconds; none for a phase that did not happen.
struct Timings {
  std::optional<double> dns_ms, connect_ms, tls_ms, send_ms, wait_ms, receive_ms;
};

/// GET /v1/exchanges/{id}: one exchange with headers and bodies.
struct Exchange {
  ExchangeSummary summary;
  std::string scheme;
  std::int64_t port = 0;
  std::string path;
  std::string query;
  std::string http_version;
  std::vector<Header> request_headers;
  Body request_body;
  std::string reason;
  std::vector<Header> response_headers;
  std::optional<Body> response_body;  ///< none when no response came
  Timings timings;
  std::string client_address;
  bool tls = false;
  std::string server_ip;
};

/// A count of exchanges sharing a key (a method, a domain, a status).
struct KeyCount {
  std::string key;
  std::int64_t count = 0;
};

/// GET /v1/sessions/{id}/overview.
struct Overview {
  std::int64_t total = 0;
  std::vector<KeyCount> by_method, by_domain, by_data_mode, by_status, by_status_class;
};

/// A Cookie or Set-Cookie line a session recorded (GET /v1/sessions/{id}/cookies).
struct SessionCookie {
  std::int64_t exchange_id = 0;
  std::string direction;  ///< "request" (Cookie) or "response" (Set-Cookie)
  std::string host;
  std::string header_value;
  std::string seen_at;
};

/// Readers of the API's JSON (for JsonFields::list and read_json).
ExchangeSummary read_exchange_summary(const JsonFields& fields);
ExchangePage read_exchange_page(const JsonFields& fields);
Exchange read_exchange(const JsonFields& fields);
Overview read_overview(const JsonFields& fields);
std::vector<SessionCookie> read_session_cookies(const JsonFields& fields);

}  // namespace postern::control_client
