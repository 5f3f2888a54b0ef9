#pragma once
// Server-Sent Events (HTML Living Standard §9.2.6 "Interpreting an event stream") as a sans-I/O
// parser: bytes in, whole events out, fed in pieces of any size (a socket read may end inside a
// line, or between the CR and LF of one). Used by EventStream for GET /v1/events, and by
// fuzz/sse_fuzz.cpp. What the standard leaves open is bounded here: a line or an event's data
// longer than the limits is an error, since a stream that never ends a line would otherwise grow
// without end; after an error the parser takes nothing more.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace postern::control_client {

/// One dispatched event.
struct SseEvent {
  std::string type = "message";  ///< the `event:` field; "message" when none was given
  std::string data;              ///< the `data:` lines joined with "\n"
  std::string id;                ///< the last `id:` seen (it carries over to later events)
};

/// Bounds of one stream.
struct SseLimits {
  std::size_t max_line = 1024 * 1024;      ///< bytes of one line, without its end
  std::size_t max_data = 4 * 1024 * 1024;  ///< bytes of one event's data
};

/// Parses one stream. Not thread-safe; one per connection.
class SseParser {
 public:
  explicit SseParser(SseLimits limits = {});

  /// Takes `bytes` and appends each event they complete to `events`. An error
  /// (control_errc::bad_response) when a limit is passed; the parser is failed from then on.
  base::Status_or_error feed(std::string_view bytes, std::vector<SseEvent>& events);
  /// The stream ended: an error when it ended inside a line or an event (which the standard
  /// drops and this reports, so a cut stream is not taken for a quiet one).
  base::Status_or_error finish();

  /// The last `retry:` the server sent, if any.
  std::optional<std::chrono::milliseconds> retry() const { return retry_; }
  /// Comment lines seen (`: keep-alive`).
  std::size_t comments() const { return comments_; }
  /// Whether a limit was passed.
  bool failed() const { return failed_; }

 private:
  base::Status_or_error take_line(std::vector<SseEvent>& events);
  void field(std::string_view name, std::string_view value);
  base::Error fail(const std::string& message);

  SseLimits limits_;
  std::string line_;       // the line being read, without its end
  bool after_cr_ = false;  // the last byte was a CR: an LF right after it ends nothing
  bool at_start_ = true;   // a byte-order mark may open the stream
  bool failed_ = false;
  std::string type_;  // the event being built
  std::string data_;
  bool has_data_ = false;
  std::string last_id_;
  std::optional<std::chrono::milliseconds> retry_;
  std::size_t comments_ = 0;
};

}  // namespace postern::control_client
