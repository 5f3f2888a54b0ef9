#pragma once
// Shared by http1_request_fuzz and http1_response_fuzz: runs a byte stream through
// proxy::MessageReader and checks what must hold for any input.
//  - No crash, no sanitizer report, and every event takes a prefix of its input.
//  - The stream read in one feed, in two feeds split at any point, in three, and byte by byte
//    gives the same transcript: heads, bodies, trailers, errors, pause, bytes taken.
//  - Every head the reader accepts serialises to bytes that parse back to the same head, and the
//    head the proxy would forward parses too and frames its body exactly as the original does:
//    the forwarding transforms cannot open a smuggling gap.
//
// Input layout: byte 0 picks options (bit 0: accept bare LF; bit 1: tiny limits, so the limit
// paths are reached; response side, bits 2-7: the methods of the first three requests, two bits
// each: GET, HEAD, CONNECT, POST), byte 1 picks the split point, the rest is the stream.
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/proxy/forwarding.hpp"
#include "runtime/proxy/head_serializer.hpp"
#include "runtime/proxy/message_reader.hpp"

namespace postern::proxy::fuzz {

/// How to read the stream, decoded from the first input byte.
struct Options {
  Side side = Side::request;
  HeadLimits head;
  BodyLimits body;
  std::deque<std::string> methods;  // response side: what each response answers
};

inline Options options_from(std::uint8_t bits, Side side) {
  Options options;
  options.side = side;
  options.head.allow_bare_lf = (bits & 1) != 0;
  if (bits & 2) {
    options.head.max_start_line = 64;
    options.head.max_head_bytes = 256;
    options.head.max_fields = 8;
    options.body.max_chunk_line = 32;
    options.body.max_trailer_bytes = 64;
    options.body.max_trailer_fields = 4;
  }
  if (side == Side::response) {
    static const char* const kMethods[] = {"GET", "HEAD", "CONNECT", "POST"};
    for (int shift = 2; shift < 8; shift += 2)
      options.methods.emplace_back(kMethods[(bits >> shift) & 3]);
  }
  return options;
}

// Limits roomy enough for any head the fuzzed limits accepted, after re-serialising.
inline HeadLimits roomy_limits() {
  HeadLimits limits;
  limits.max_start_line = 1 << 20;
  limits.max_head_bytes = 1 << 20;
  limits.max_fields = 1 << 16;
  return limits;
}

inline void require(bool condition) {
  if (!condition) std::abort();
}

inline bool same_framing(const FramingDecision& a, const FramingDecision& b) {
  if (a.ok() != b.ok()) return false;
  return a.ok() ? a.framing == b.framing : a.error->code == b.error->code;
}

// A request head survives serialise -> parse, and so does its forwarded form, framed the same.
inline void check_request_head(const RequestHead& head) {
  RequestParser again(roomy_limits());
  const std::string bytes = serialize(head);
  const HeadStep step = again.feed(bytes);
  require(step.status == ParseStatus::complete && step.consumed == bytes.size());
  require(again.head().method == head.method && again.head().target.text == head.target.text &&
          again.head().version == head.version && again.head().fields == head.fields);
  const RequestHead upstream = upstream_request(head, {.keep_upgrade = true});
  RequestParser forwarded(roomy_limits());
  require(forwarded.feed(serialize(upstream)).status == ParseStatus::complete);
  require(forwarded.head().target.form != TargetForm::absolute);
  require(same_framing(request_framing(head), request_framing(forwarded.head())));
}

inline void check_response_head(const ResponseHead& head, std::string_view method) {
  ResponseParser again(roomy_limits());
  const std::string bytes = serialize(head);
  const HeadStep step = again.feed(bytes);
  require(step.status == ParseStatus::complete && step.consumed == bytes.size());
  require(again.head().status == head.status && again.head().reason == head.reason &&
          again.head().version == head.version && again.head().fields == head.fields);
  const ResponseHead downstream = downstream_response(head, {.keep_upgrade = true});
  ResponseParser forwarded(roomy_limits());
  require(forwarded.feed(serialize(downstream)).status == ParseStatus::complete);
  require(same_framing(response_framing(method, head), response_framing(method, forwarded.head())));
}

/// Reads the stream given as `pieces`; returns its transcript. With `check_heads`, every head
/// is also put through the round trips above (once per input is enough).
inline std::string transcript(const Options& options, const std::vector<std::string_view>& pieces,
                              bool check_heads) {
  MessageReader reader(options.side, options.head, options.body);
  std::deque<std::string> methods = options.methods;
  for (const auto& method : methods)
    reader.expect_response_to(method);
  std::string out, body;
  std::size_t taken = 0;
  bool stopped = false;
  auto take = [&](const MessageEvent& event) {
    switch (event.kind) {
      case MessageEvent::Kind::head:
        out += "H" + reader.request().raw + reader.response().raw + "/" +
               std::to_string(static_cast<int>(reader.framing().kind)) + "/" +
               std::to_string(reader.framing().length);
        if (check_heads && options.side == Side::request) check_request_head(reader.request());
        if (check_heads && options.side == Side::response)
          check_response_head(reader.response(), methods.empty() ? "GET" : methods.front());
        break;
      case MessageEvent::Kind::data:
        require(!event.data.empty());
        body.append(event.data);
        break;
      case MessageEvent::Kind::end: {
        require(reader.body() == nullptr);
        out += "E" + std::to_string(body.size()) + ":" + body;
        body.clear();
        for (const auto& field : reader.trailers())
          out += "T" + field.name + ":" + field.value;
        const int status = reader.response().status;
        if (options.side == Side::response && !methods.empty() && (status >= 200 || status == 101))
          methods.pop_front();
        break;
      }
      case MessageEvent::Kind::paused:
        out += "P";
        stopped = true;
        break;
      case MessageEvent::Kind::error:
        require(event.error.status >= 400 && event.error.status < 600);
        out += "X" + std::to_string(event.error.code.value());
        stopped = true;
        break;
      case MessageEvent::Kind::closed:
        out += "C";
        break;
      case MessageEvent::Kind::need_more:
        break;
    }
  };
  for (std::string_view input : pieces) {
    while (!stopped) {
      const MessageEvent event = reader.next(input);
      require(event.consumed <= input.size());
      input.remove_prefix(event.consumed);
      taken += event.consumed;
      take(event);
      if (event.kind == MessageEvent::Kind::need_more) {
        require(input.empty());  // need_more means every byte was taken
        break;
      }
    }
  }
  if (!stopped) take(reader.finish());
  return out + "B" + std::to_string(body.size()) + ":" + body + "#" + std::to_string(taken);
}

/// Runs every check on one fuzz input.
inline void run(const std::uint8_t* data, std::size_t size, Side side) {
  if (size < 2) return;
  const Options options = options_from(data[0], side);
  const std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t split = stream.size() * data[1] / 255;
  const std::string whole = transcript(options, {stream}, /*check_heads=*/true);
  require(transcript(options, {stream.substr(0, split), stream.substr(split)}, false) == whole);
  const std::size_t third = split / 2;
  require(transcript(
              options,
              {stream.substr(0, third), stream.substr(third, split - third), stream.substr(split)},
              false) == whole);
  if (stream.size() <= 4096) {  // byte by byte costs a call per byte: keep it for short inputs
    std::vector<std::string_view> bytes;
    for (std::size_t i = 0; i < stream.size(); ++i)
      bytes.push_back(stream.substr(i, 1));
    require(transcript(options, bytes, false) == whole);
  }
}

}  // namespace postern::proxy::fuzz
