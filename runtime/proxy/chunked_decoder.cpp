#include "runtime/proxy/chunked_decoder.hpp"

#include <algorithm>
#include <limits>

#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

const HeaderFields kNoTrailers;

}  // namespace

ChunkedDecoder::ChunkedDecoder(Side side, BodyLimits limits) : side_(side), limits_(limits) {}

const HeaderFields& ChunkedDecoder::trailers() const {
  return trailers_ ? trailers_->fields() : kNoTrailers;
}

BodyStep ChunkedDecoder::fail(std::error_code code, std::size_t consumed) {
  state_ = State::failed;
  error_ = make_http_error(static_cast<errc>(code.value()), side_, code.message());
  BodyStep step;
  step.kind = BodyStep::Kind::error;
  step.consumed = consumed;
  step.error = error_;
  return step;
}

// The size line is complete: start the data, or the trailers after the last chunk.
void ChunkedDecoder::end_size_line() {
  if (size_ == 0) {
    state_ = State::trailers;
    trailers_.emplace(SectionLimits{limits_.max_trailer_bytes, limits_.max_trailer_fields,
                                    /*allow_bare_lf=*/false});
  } else {
    state_ = State::data;
  }
}

// One byte of the size line or of the CRLF after the data.
std::error_code ChunkedDecoder::take_framing_byte(char c) {
  if (state_ == State::data_cr) {
    if (c != '\r') return errc::bad_chunk_terminator;
    state_ = State::data_lf;
    return {};
  }
  if (state_ == State::data_lf) {
    if (c != '\n') return errc::bad_chunk_terminator;
    state_ = State::size;
    size_ = 0;
    digits_ = 0;
    line_bytes_ = 0;
    return {};
  }
  if (++line_bytes_ > limits_.max_chunk_line) return errc::chunk_line_too_long;
  // A bare LF ends the line for some parsers and not for others; the chunk-size line is where
  // that difference has been used to smuggle, so only CRLF ends it.
  if (c == '\n' && state_ != State::size_lf) return errc::bad_line_ending;
  switch (state_) {
    case State::size:
      if (const int digit = hex_value(c); digit >= 0) {
        if (size_ > (std::numeric_limits<std::uint64_t>::max() >> 4))
          return errc::chunk_size_overflow;
        size_ = size_ * 16 + static_cast<std::uint64_t>(digit);
        ++digits_;
        return {};
      }
      // No sign, no "0x", and at least one digit before anything else.
      if (digits_ == 0) return errc::bad_chunk_size;
      if (c == ';')
        state_ = State::extension;
      else if (is_ows(c))
        state_ = State::size_ws;
      else if (c == '\r')
        state_ = State::size_lf;
      else
        return errc::bad_chunk_size;
      return {};
    case State::size_ws:
      if (c == ';')
        state_ = State::extension;
      else if (!is_ows(c))
        return errc::bad_chunk_size;  // "5 \r\n": whitespace needs an extension
      return {};
    case State::extension:
      // Extensions are skipped, not interpreted; only control bytes are refused.
      if (c == '\r')
        state_ = State::size_lf;
      else if (is_forbidden_in_value(c))
        return errc::bad_chunk_extension;
      return {};
    case State::size_lf:
      if (c != '\n') return errc::bad_line_ending;
      end_size_line();
      return {};
    default:
      return {};
  }
}

BodyStep ChunkedDecoder::feed_trailers(std::string_view input, std::size_t at) {
  const SectionStep section = trailers_->feed(input.substr(at));
  const std::size_t consumed = at + section.consumed;
  if (section.status == ParseStatus::error) {
    std::error_code code = section.error;
    if (code == errc::head_too_large || code == errc::too_many_fields)
      code = errc::trailers_too_large;
    return fail(code, consumed);
  }
  BodyStep step;
  step.consumed = consumed;
  if (section.status == ParseStatus::complete) {
    state_ = State::done;
    step.kind = BodyStep::Kind::complete;
  }
  return step;
}

BodyStep ChunkedDecoder::feed(std::string_view input) {
  BodyStep step;
  if (state_ == State::done) {
    step.kind = BodyStep::Kind::complete;
    return step;
  }
  if (state_ == State::failed) return fail(error_.code, 0);
  std::size_t at = 0;
  while (at < input.size()) {
    if (state_ == State::trailers) return feed_trailers(input, at);
    if (state_ == State::data) {
      const auto take = static_cast<std::size_t>(
          std::min<std::uint64_t>(size_, static_cast<std::uint64_t>(input.size() - at)));
      size_ -= take;
      if (size_ == 0) state_ = State::data_cr;
      step.kind = BodyStep::Kind::data;
      step.data = input.substr(at, take);
      step.consumed = at + take;
      return step;
    }
    if (auto error = take_framing_byte(input[at])) return fail(error, at + 1);
    ++at;
  }
  step.consumed = at;
  return step;
}

}  // namespace postern::proxy
