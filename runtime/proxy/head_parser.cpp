#include "runtime/proxy/head_parser.hpp"

#include <string>
#include <utility>

#include "runtime/proxy/bounded_line.hpp"
#include "runtime/proxy/start_line.hpp"

namespace postern::proxy {

HeadParser::HeadParser(HeadLimits limits, Side side) : limits_(limits), side_(side) {}

bool HeadParser::in_progress() const {
  return status_ == ParseStatus::need_more && (!start_line_.empty() || section_.has_value());
}

void HeadParser::reset() {
  start_line_.clear();
  empty_lines_skipped_ = 0;
  section_.reset();
  status_ = ParseStatus::need_more;
  error_ = HttpError{};
  clear_head();
}

HeadStep HeadParser::fail(std::error_code code, std::size_t consumed) {
  status_ = ParseStatus::error;
  std::string detail = code.message();
  // Name the limit, so a log line says which setting a legitimate client ran into.
  if (code == errc::start_line_too_long)
    detail += " (limit " + std::to_string(limits_.max_start_line) + " bytes)";
  else if (code == errc::head_too_large)
    detail += " (limit " + std::to_string(limits_.max_head_bytes) + " bytes)";
  else if (code == errc::too_many_fields)
    detail += " (limit " + std::to_string(limits_.max_fields) + " fields)";
  error_ = make_http_error(static_cast<errc>(code.value()), side_, std::move(detail));
  return HeadStep{ParseStatus::error, consumed, error_};
}

// Checks the line end of the complete start line, skips the empty lines RFC 9112 §2.2 allows
// before a request line, and parses it. Returns an error, or {} with section_ set when parsed.
std::error_code HeadParser::take_start_line() {
  std::string_view line(start_line_);
  line.remove_suffix(1);  // the LF
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  } else if (!limits_.allow_bare_lf) {
    return errc::bad_line_ending;
  }
  if (line.find('\r') != std::string_view::npos) return errc::bad_line_ending;
  if (line.empty()) {
    if (side_ == Side::response || ++empty_lines_skipped_ > kMaxLeadingEmptyLines)
      return errc::bad_start_line;
    start_line_.clear();  // not part of the head
    return {};
  }
  if (auto error = parse_start_line(line)) return error;
  const std::size_t left =
      limits_.max_head_bytes > start_line_.size() ? limits_.max_head_bytes - start_line_.size() : 0;
  section_.emplace(SectionLimits{left, limits_.max_fields, limits_.allow_bare_lf});
  return {};
}

HeadStep HeadParser::feed_start_line(std::string_view bytes) {
  std::size_t consumed = 0;
  while (!section_ && consumed < bytes.size()) {
    const LineRead read =
        read_bounded_line(bytes.substr(consumed), start_line_, limits_.max_start_line);
    consumed += read.consumed;
    if (read.over_limit) return fail(errc::start_line_too_long, consumed);
    if (!read.complete) break;
    if (auto error = take_start_line()) return fail(error, consumed);
  }
  return HeadStep{ParseStatus::need_more, consumed, {}};
}

HeadStep HeadParser::feed(std::string_view bytes) {
  if (status_ != ParseStatus::need_more) return HeadStep{status_, 0, error_};
  HeadStep step = feed_start_line(bytes);
  if (step.status == ParseStatus::error || !section_) return step;
  const SectionStep section = section_->feed(bytes.substr(step.consumed));
  step.consumed += section.consumed;
  if (section.status == ParseStatus::error) return fail(section.error, step.consumed);
  if (section.status == ParseStatus::need_more) return step;
  std::string raw = start_line_;
  raw.append(section_->raw());
  if (auto error = finish_head(section_->take_fields(), std::move(raw)))
    return fail(error, step.consumed);
  status_ = ParseStatus::complete;
  step.status = ParseStatus::complete;
  return step;
}

RequestParser::RequestParser(HeadLimits limits) : HeadParser(limits, Side::request) {}

std::error_code RequestParser::parse_start_line(std::string_view line) {
  return parse_request_line(line, head_);
}

std::error_code RequestParser::finish_head(HeaderFields fields, std::string raw) {
  head_.fields = std::move(fields);
  head_.raw = std::move(raw);
  // Two Host fields let a proxy route by one and the origin serve by the other.
  const auto hosts = head_.fields.get_all("Host");
  if (hosts.size() > 1) return errc::duplicate_host;
  if (hosts.empty()) {
    const bool target_names_host =
        head_.target.form == TargetForm::absolute || head_.target.form == TargetForm::authority;
    if (head_.version.at_least_1_1() && !target_names_host) return errc::missing_host;
    return {};
  }
  // RFC 9110 §7.2: empty is allowed when the target has no authority (asterisk, origin-form).
  if (hosts.front().empty()) return {};
  Authority authority;
  if (parse_authority(hosts.front(), /*port_required=*/false, authority)) return errc::bad_host;
  return {};
}

ResponseParser::ResponseParser(HeadLimits limits) : HeadParser(limits, Side::response) {}

std::error_code ResponseParser::parse_start_line(std::string_view line) {
  return parse_status_line(line, head_);
}

std::error_code ResponseParser::finish_head(HeaderFields fields, std::string raw) {
  head_.fields = std::move(fields);
  head_.raw = std::move(raw);
  return {};
}

}  // namespace postern::proxy
