#include "runtime/control/client/sse_parser.hpp"

#include <algorithm>

#include "runtime/control/client/control_errc.hpp"

namespace postern::control_client {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

SseParser::SseParser(SseLimits limits) : limits_(limits) {}

base::Error SseParser::fail(const std::string& message) {
  failed_ = true;
  return base::Error{make_error_code(control_errc::bad_response),
                     "the runtime's event stream cannot be read: " + message, ""};
}

base::Status_or_error SseParser::feed(std::string_view bytes, std::vector<SseEvent>& events) {
  if (failed_) return fail("it failed before");
  for (std::size_t at = 0; at < bytes.size();) {
    const char c = bytes[at];
    // The byte-order mark is only skipped as the stream's first bytes; it may arrive split.
    if (at_start_) {
      if (kByteOrderMark.substr(0, line_.size() + 1) == line_ + c) {
        ++at;
        line_ += c;
        if (line_.size() == kByteOrderMark.size()) {
          line_.clear();
          at_start_ = false;
        }
        continue;
      }
      at_start_ = false;  // not a mark: any bytes of one taken so far begin the first line
    }
    if (c == '\r' || c == '\n') {
      ++at;
      const bool second_of_crlf = c == '\n' && after_cr_;  // the CR already ended the line
      after_cr_ = c == '\r';
      if (second_of_crlf) continue;
      if (auto taken = take_line(events); !taken) return taken;
      continue;
    }
    // The rest of the line in this input, taken in one go.
    after_cr_ = false;
    const std::size_t end = std::min(bytes.find_first_of("\r\n", at), bytes.size());
    if (line_.size() + (end - at) > limits_.max_line)
      return fail("a line is longer than " + std::to_string(limits_.max_line) + " bytes");
    line_.append(bytes.substr(at, end - at));
    at = end;
  }
  return base::Ok{};
}

base::Status_or_error SseParser::take_line(std::vector<SseEvent>& events) {
  const std::string line = std::move(line_);
  line_.clear();
  if (line.empty()) {  // a blank line dispatches the event being built, if it has data
    if (has_data_) events.push_back(SseEvent{type_.empty() ? "message" : type_, data_, last_id_});
    type_.clear();
    data_.clear();
    has_data_ = false;
    return base::Ok{};
  }
  if (line.front() == ':') {
    ++comments_;
    return base::Ok{};
  }
  const auto colon = line.find(':');
  std::string_view name(line), value;
  if (colon != std::string::npos) {
    name = std::string_view(line).substr(0, colon);
    value = std::string_view(line).substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (name == "data" && data_.size() + value.size() + 1 > limits_.max_data)
    return fail("an event's data is longer than " + std::to_string(limits_.max_data) + " bytes");
  field(name, value);
  return base::Ok{};
}

void SseParser::field(std::string_view name, std::string_view value) {
  if (name == "event") {
    type_ = value;
  } else if (name == "data") {
    if (has_data_) data_ += '\n';
    data_ += value;
    has_data_ = true;
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_ = value;
  } else if (name == "retry") {
    // Digits only, as the standard says; more than a day of them is not a delay but garbage.
    if (all_digits(value) && value.size() <= 8)
      retry_ = std::chrono::milliseconds(std::stol(std::string(value)));
  }
  // Any other field name is ignored (the standard's rule), so servers may add fields.
}

base::Status_or_error SseParser::finish() {
  if (failed_) return fail("it failed before");
  if (!line_.empty()) return fail("the stream ended in the middle of a line");
  if (has_data_ || !type_.empty()) return fail("the stream ended in the middle of an event");
  return base::Ok{};
}

}  // namespace postern::control_client
