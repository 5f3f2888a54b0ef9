#pragma once
// What the capture store keeps: debug sessions and the HTTP exchanges captured into them, plus
// the views built over them (session list rows, pages of exchanges, overview counts, cookies).
// Strings that come from the wire (method, URL, headers, reason, bodies) are bytes: they may
// hold NUL or invalid UTF-8, and the store gives back exactly what it was given.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postern::store {

class SpoolFile;  // runtime/store/body_spool.hpp

/// A point in time, to the millisecond, UTC (stored as milliseconds since the Unix epoch).
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Who feeds a debug session.
enum class SessionSource {
  proxy,      ///< the capture proxy (requests and responses)
  extension,  ///< the browser extension through the bridge
};

/// Where a debug session is in its life.
enum class SessionState {
  running,  ///< capturing
  paused,   ///< not capturing, can resume; still counts as the active session
  stopped,  ///< finished for good; kept in the history until deleted
};

/// "proxy" / "extension".
std::string_view to_string(SessionSource source);
/// "running" / "paused" / "stopped".
std::string_view to_string(SessionState state);
/// The source named `text`, or empty.
std::optional<SessionSource> session_source_from(std::string_view text);
/// The state named `text`, or empty.
std::optional<SessionState> session_state_from(std::string_view text);

/// What the caller chooses when starting a session.
struct NewSession {
  std::string name;                             ///< shown in the history; may be renamed later
  SessionSource source = SessionSource::proxy;  ///< who feeds it
  std::string options_json = "{}";              ///< capture options (filters...), a JSON object
};

/// One debug session, as listed in the history.
struct Session {
  std::int64_t id = 0;  ///< stable id
  std::string name;     ///< as given (bytes)
  SessionSource source = SessionSource::proxy;
  SessionState state = SessionState::running;
  std::string options_json;              ///< as given at creation
  Timestamp started_at{};                ///< creation, when capture began
  Timestamp state_changed_at{};          ///< the last pause, resume or stop
  std::optional<Timestamp> stopped_at;   ///< set once stopped
  std::chrono::milliseconds duration{};  ///< time spent running (pauses excluded), live
  std::uint64_t exchange_count = 0;      ///< exchanges stored
  std::uint64_t total_bytes = 0;         ///< wire size of the stored requests and responses
  std::uint64_t dropped_count = 0;       ///< exchanges lost because the capture queue was full
};

/// One header line, in the order it came.
struct Header {
  std::string name;   ///< as sent (case kept)
  std::string value;  ///< as sent
};

/// Headers in their original order (duplicates kept).
using Headers = std::vector<Header>;

/// The kept copy of a request or response body.
struct CapturedBody {
  std::string bytes;                ///< at most the store's cap; empty when omitted
  std::uint64_t original_size = 0;  ///< the body's full size on the wire
  bool truncated = false;           ///< bytes holds only the first part
  std::string omitted_reason;       ///< why nothing was kept ("media"); empty when kept
  /// A large body being captured, whole, waiting on disk for the writer; `bytes` then holds
  /// only its head, or nothing (body_spool.hpp). Always empty in what the store gives back.
  std::shared_ptr<SpoolFile> spooled = nullptr;
};

/// Phase timings in milliseconds; empty where the source does not know them.
struct Timings {
  std::optional<double> dns_ms;      ///< name resolution
  std::optional<double> connect_ms;  ///< TCP connect
  std::optional<double> tls_ms;      ///< TLS handshake
  std::optional<double> send_ms;     ///< sending the request
  std::optional<double> wait_ms;     ///< request sent until the first response byte
  std::optional<double> receive_ms;  ///< first to last response byte
};

/// One captured request and (when there was one) its response.
struct Exchange {
  std::int64_t id = 0;              ///< assigned by the store
  std::int64_t session_id = 0;      ///< the session it belongs to
  Timestamp started_at{};           ///< request began
  Timestamp ended_at{};             ///< response finished (or the exchange failed)
  std::string method;               ///< as sent ("GET", or anything else)
  std::string url;                  ///< the absolute URL as captured
  std::string scheme;               ///< from url when left empty
  std::string host;                 ///< lower case; from url when left empty
  std::uint16_t port = 0;           ///< from url (or the scheme's default) when left 0
  std::string path;                 ///< "/a/b", from url when left empty
  std::string query;                ///< after '?', without it; from url when left empty
  std::string http_version;         ///< "HTTP/1.1", "HTTP/2", ...
  Headers request_headers;          ///< in order
  CapturedBody request_body;        ///< capped copy
  std::optional<int> status;        ///< empty when no response came
  std::string reason;               ///< the status line's reason phrase
  Headers response_headers;         ///< in order
  CapturedBody response_body;       ///< capped copy, or omitted for media
  Timings timings;                  ///< where known
  std::string client_address;       ///< "127.0.0.1:50123"
  bool tls = false;                 ///< the client side was HTTPS
  std::string server_ip;            ///< the upstream address used
  std::string error;                ///< why the exchange failed; empty when it did not
  std::string data_mode;            ///< raw/json/urlencoded/formdata/binary/none; derived if empty
  std::uint64_t request_size = 0;   ///< request line + headers + body, as on the wire
  std::uint64_t response_size = 0;  ///< status line + headers + body, as on the wire
  /// Whether the store keeps this exchange's Cookie and Set-Cookie lines in its cookies table
  /// (CaptureStore::cookies). False when the session does not capture cookies; the header lines
  /// themselves stay in request_headers and response_headers either way.
  bool keep_cookie_lines = true;
};

/// One row of an exchange list (no headers or bodies: open one with CaptureStore::exchange).
struct ExchangeSummary {
  std::int64_t id = 0;              ///< the exchange's id (for CaptureStore::exchange)
  Timestamp started_at{};           ///< request began
  Timestamp ended_at{};             ///< response finished or the exchange failed
  std::string method;               ///< as sent
  std::string url;                  ///< as captured
  std::string host;                 ///< lower case
  std::optional<int> status;        ///< empty when no response came
  std::string data_mode;            ///< raw/json/urlencoded/formdata/binary/none
  std::uint64_t request_size = 0;   ///< wire size of the request
  std::uint64_t response_size = 0;  ///< wire size of the response
  std::string error;                ///< why it failed; empty when it did not
};

/// Which exchanges of a session to list, and which page of them.
struct ExchangeQuery {
  std::int64_t session_id = 0;  ///< the session
  std::string search;           ///< substring of the URL (ASCII case-insensitive); "" = all
  bool search_headers = false;  ///< also match header names and values
  bool search_bodies = false;   ///< also match the kept body bytes
  std::size_t page = 1;         ///< 1-based
  std::size_t per_page = 50;    ///< 1 to 1000
};

/// One page of a session's exchanges, oldest first (by start time, then id).
struct ExchangePage {
  std::vector<ExchangeSummary> items;  ///< this page's rows
  std::uint64_t total = 0;             ///< rows matching the query, on all pages
  std::size_t page = 1;                ///< as asked
  std::size_t per_page = 50;           ///< as asked
};

/// A value and how many exchanges had it.
struct Count {
  std::string key;          ///< "GET", "example.com", "json", "404", "4xx", "none"
  std::uint64_t count = 0;  ///< exchanges with it
};

/// A session's traffic summarised for the Overview charts; each list is largest first.
struct Overview {
  std::uint64_t total = 0;             ///< exchanges in the session
  std::vector<Count> by_method;        ///< "GET", "POST", ...
  std::vector<Count> by_domain;        ///< host names
  std::vector<Count> by_data_mode;     ///< raw/json/urlencoded/formdata/binary/none
  std::vector<Count> by_status;        ///< "200", ...; "none" when no response came
  std::vector<Count> by_status_class;  ///< "2xx", ...; "none" when no response came
};

/// Which header a captured cookie line came from.
enum class CookieDirection {
  request,   ///< a Cookie header the client sent
  response,  ///< a Set-Cookie header the server sent
};

/// "request" / "response".
std::string_view to_string(CookieDirection direction);

/// One Cookie or Set-Cookie header value seen in a session (not parsed: runtime/cookies does).
struct CapturedCookie {
  std::int64_t exchange_id = 0;  ///< the exchange it was seen in
  CookieDirection direction = CookieDirection::request;
  std::string host;          ///< the exchange's host
  std::string header_value;  ///< the header's value, as sent
  Timestamp seen_at{};       ///< the exchange's start
};

}  // namespace postern::store
