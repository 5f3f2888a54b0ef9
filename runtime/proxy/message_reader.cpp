#include "runtime/proxy/message_reader.hpp"

#include <utility>

#include "runtime/proxy/connection_header.hpp"

namespace postern::proxy {

MessageReader::MessageReader(Side side, HeadLimits head, BodyLimits body)
    : side_(side), body_limits_(body), requests_(head), responses_(head) {}

void MessageReader::expect_response_to(std::string_view method) {
  methods_.emplace_back(method);
}

const HeaderFields& MessageReader::trailers() const {
  return trailers_;
}

void MessageReader::resume() {
  if (state_ == State::paused) state_ = State::head;
}

MessageEvent MessageReader::fail(HttpError error, std::size_t consumed) {
  state_ = State::failed;
  error_ = std::move(error);
  MessageEvent event;
  event.kind = MessageEvent::Kind::error;
  event.consumed = consumed;
  event.error = error_;
  return event;
}

bool MessageReader::may_switch_protocols() const {
  if (side_ == Side::request)
    return request_.method == "CONNECT" || !upgrade_protocols(request_.fields).empty();
  const bool connect = !methods_.empty() && methods_.front() == "CONNECT";
  return response_.status == 101 || (connect && response_.status / 100 == 2);
}

MessageEvent MessageReader::read_head(std::string_view input) {
  MessageEvent event;
  HeadParser& parser = side_ == Side::request ? static_cast<HeadParser&>(requests_)
                                              : static_cast<HeadParser&>(responses_);
  const HeadStep step = parser.feed(input);
  event.consumed = step.consumed;
  if (step.status == ParseStatus::error) return fail(step.error, step.consumed);
  if (step.status == ParseStatus::need_more) return event;
  FramingDecision decision;
  if (side_ == Side::request) {
    request_ = requests_.take_head();
    decision = request_framing(request_);
  } else {
    response_ = responses_.take_head();
    decision = response_framing(methods_.empty() ? "GET" : methods_.front(), response_);
  }
  parser.reset();
  if (!decision.ok()) return fail(std::move(*decision.error), step.consumed);
  framing_ = decision.framing;
  trailers_ = HeaderFields{};
  body_.emplace(framing_, side_, body_limits_);
  state_ = State::body;
  event.kind = MessageEvent::Kind::head;
  return event;
}

MessageEvent MessageReader::end_message(std::size_t consumed) {
  trailers_ = body_->trailers();
  body_.reset();
  const bool pause = may_switch_protocols();
  // A 1xx other than 101 is interim: the final response to the same request is still to come.
  const bool interim =
      side_ == Side::response && response_.status / 100 == 1 && response_.status != 101;
  if (side_ == Side::response && !interim && !methods_.empty()) methods_.pop_front();
  state_ = pause ? State::paused : State::head;
  MessageEvent event;
  event.kind = MessageEvent::Kind::end;
  event.consumed = consumed;
  return event;
}

MessageEvent MessageReader::next(std::string_view input) {
  switch (state_) {
    case State::failed: {
      MessageEvent event;
      event.kind = MessageEvent::Kind::error;
      event.error = error_;
      return event;
    }
    case State::paused: {
      MessageEvent event;
      event.kind = MessageEvent::Kind::paused;
      return event;
    }
    case State::head:
      return read_head(input);
    case State::body:
      break;
  }
  const BodyStep step = body_->feed(input);
  switch (step.kind) {
    case BodyStep::Kind::need_more:
      break;
    case BodyStep::Kind::data: {
      MessageEvent event;
      event.kind = MessageEvent::Kind::data;
      event.consumed = step.consumed;
      event.data = step.data;
      return event;
    }
    case BodyStep::Kind::complete:
      return end_message(step.consumed);
    case BodyStep::Kind::error:
      return fail(step.error, step.consumed);
  }
  MessageEvent event;
  event.consumed = step.consumed;
  return event;
}

MessageEvent MessageReader::finish() {
  MessageEvent event;
  switch (state_) {
    case State::failed:
      return next({});
    case State::paused:
      event.kind = MessageEvent::Kind::closed;
      return event;
    case State::head: {
      const bool started =
          side_ == Side::request ? requests_.in_progress() : responses_.in_progress();
      if (started)
        return fail(
            make_http_error(errc::truncated_message, side_, "the connection closed inside a head"),
            0);
      // A server that closes with a request unanswered failed that request.
      if (side_ == Side::response && !methods_.empty())
        return fail(make_http_error(errc::truncated_message, side_,
                                    "the server closed before answering a request"),
                    0);
      event.kind = MessageEvent::Kind::closed;
      return event;
    }
    case State::body:
      break;
  }
  const BodyStep step = body_->finish();
  if (step.kind == BodyStep::Kind::error) return fail(step.error, 0);
  return end_message(0);
}

}  // namespace postern::proxy
