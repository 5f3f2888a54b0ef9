#include "runtime/proxy/field_section_parser.hpp"

#include "runtime/proxy/bounded_line.hpp"
#include "runtime/proxy/errc.hpp"
#include "runtime/proxy/field_line.hpp"

namespace postern::proxy {

FieldSectionParser::FieldSectionParser(SectionLimits limits) : limits_(limits) {}

SectionStep FieldSectionParser::fail(std::error_code error, std::size_t consumed) {
  status_ = ParseStatus::error;
  error_ = error;
  return SectionStep{ParseStatus::error, consumed, error};
}

// Handles one complete line, without its LF. Empty means the section ended.
std::error_code FieldSectionParser::take_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  } else if (!limits_.allow_bare_lf) {
    return errc::bad_line_ending;
  }
  // A CR anywhere else is a bare CR: some parsers end lines on it, so it is refused outright.
  if (line.find('\r') != std::string_view::npos) return errc::bad_line_ending;
  if (line.empty()) {
    status_ = ParseStatus::complete;
    return {};
  }
  if (fields_.size() >= limits_.max_fields) return errc::too_many_fields;
  FieldLineView field;
  if (auto error = parse_field_line(line, field)) return error;
  fields_.add(field.name, field.value);
  return {};
}

SectionStep FieldSectionParser::feed(std::string_view bytes) {
  if (status_ != ParseStatus::need_more) return SectionStep{status_, 0, error_};
  std::size_t consumed = 0;
  while (consumed < bytes.size()) {
    const LineRead read = read_bounded_line(bytes.substr(consumed), raw_, limits_.max_bytes);
    consumed += read.consumed;
    if (read.over_limit) return fail(errc::head_too_large, consumed);
    if (!read.complete) break;
    const std::string_view line(raw_.data() + line_start_, raw_.size() - line_start_ - 1);
    line_start_ = raw_.size();
    if (auto error = take_line(line)) return fail(error, consumed);
    if (status_ == ParseStatus::complete) return SectionStep{ParseStatus::complete, consumed, {}};
  }
  return SectionStep{ParseStatus::need_more, consumed, {}};
}

}  // namespace postern::proxy
