#include "runtime/proxy/body_decoder.hpp"

#include <algorithm>
#include <string>

namespace postern::proxy {

namespace {

const HeaderFields kNoTrailers;

BodyStep complete_step() {
  BodyStep step;
  step.kind = BodyStep::Kind::complete;
  return step;
}

BodyStep error_step(const HttpError& error) {
  BodyStep step;
  step.kind = BodyStep::Kind::error;
  step.error = error;
  return step;
}

}  // namespace

BodyDecoder::BodyDecoder(BodyFraming framing, Side side, BodyLimits limits)
    : framing_(framing), side_(side), remaining_(framing.length) {
  if (framing_.kind == BodyKind::chunked) chunked_.emplace(side, limits);
  done_ = framing_.kind == BodyKind::none ||
          (framing_.kind == BodyKind::content_length && remaining_ == 0);
}

const HeaderFields& BodyDecoder::trailers() const {
  return chunked_ ? chunked_->trailers() : kNoTrailers;
}

BodyStep BodyDecoder::decode(std::string_view input) {
  if (done_) return complete_step();
  BodyStep step;
  switch (framing_.kind) {
    case BodyKind::content_length: {
      const auto take = static_cast<std::size_t>(
          std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(input.size())));
      if (take == 0) return step;  // need_more
      remaining_ -= take;
      step.kind = BodyStep::Kind::data;
      step.consumed = take;
      step.data = input.substr(0, take);
      return step;
    }
    case BodyKind::until_close:
      if (input.empty()) return step;
      step.kind = BodyStep::Kind::data;
      step.consumed = input.size();
      step.data = input;
      return step;
    case BodyKind::chunked:
      return chunked_->feed(input);
    case BodyKind::none:
      break;
  }
  return complete_step();
}

BodyStep BodyDecoder::feed(std::string_view input) {
  if (error_) return error_step(*error_);
  BodyStep step = decode(input);
  wire_bytes_ += step.consumed;
  body_bytes_ += step.data.size();
  if (step.kind == BodyStep::Kind::error) error_ = step.error;
  // A content-length body is over with its last byte; say so on the next call, which the loop
  // makes with the rest of its input.
  if (framing_.kind == BodyKind::content_length && remaining_ == 0) done_ = true;
  if (step.kind == BodyStep::Kind::complete) done_ = true;
  return step;
}

BodyStep BodyDecoder::finish() {
  if (error_) return error_step(*error_);
  if (done_ || framing_.kind == BodyKind::until_close) {
    done_ = true;
    return complete_step();
  }
  error_ = make_http_error(errc::truncated_message, side_,
                           "the connection closed " + std::to_string(wire_bytes_) +
                               " bytes into the body, before it ended");
  return error_step(*error_);
}

}  // namespace postern::proxy
