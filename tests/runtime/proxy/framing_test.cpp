#include "runtime/proxy/framing.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <utility>

using namespace postern::proxy;

namespace {

using Fields = std::initializer_list<std::pair<const char*, const char*>>;

RequestHead request(Fields fields, HttpVersion version = {1, 1}, const char* method = "POST") {
  RequestHead head;
  head.method = method;
  head.version = version;
  for (const auto& [name, value] : fields)
    head.fields.add(name, value);
  return head;
}

ResponseHead response(int status, Fields fields, HttpVersion version = {1, 1}) {
  ResponseHead head;
  head.status = status;
  head.version = version;
  for (const auto& [name, value] : fields)
    head.fields.add(name, value);
  return head;
}

BodyFraming framing_of(const FramingDecision& decision) {
  REQUIRE(decision.ok());
  return decision.framing;
}

// The error code and status a decision refused with.
std::pair<errc, int> refusal(const FramingDecision& decision) {
  REQUIRE_FALSE(decision.ok());
  return {static_cast<errc>(decision.error->code.value()), decision.error->status};
}

}  // namespace

TEST_CASE("request bodies: none, length, chunked", "[proxy][framing]") {
  CHECK(framing_of(request_framing(request({}))) == BodyFraming{BodyKind::none, 0});
  CHECK(framing_of(request_framing(request({{"Content-Length", "42"}}))) ==
        BodyFraming{BodyKind::content_length, 42});
  CHECK(framing_of(request_framing(request({{"content-length", "0"}}))) ==
        BodyFraming{BodyKind::content_length, 0});
  CHECK(framing_of(request_framing(request({{"Content-Length", "007"}}))).length == 7);
  CHECK(framing_of(request_framing(request({{"Transfer-Encoding", "chunked"}}))).kind ==
        BodyKind::chunked);
  CHECK(framing_of(request_framing(request({{"transfer-encoding", "Chunked"}}))).kind ==
        BodyKind::chunked);
  CHECK(framing_of(request_framing(request({{"Transfer-Encoding", "gzip, chunked"}}))).kind ==
        BodyKind::chunked);
  CHECK(framing_of(request_framing(
                       request({{"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}})))
            .kind == BodyKind::chunked);
  CHECK(framing_of(request_framing(request({{"Content-Length", "18446744073709551615"}}))).length ==
        18446744073709551615ull);
}

TEST_CASE("Content-Length repeats merge only when they agree", "[proxy][framing][smuggling]") {
  CHECK(framing_of(request_framing(request({{"Content-Length", "5"}, {"Content-Length", "5"}})))
            .length == 5);
  CHECK(framing_of(request_framing(request({{"Content-Length", "5, 5"}}))).length == 5);
  CHECK(refusal(request_framing(request({{"Content-Length", "5"}, {"Content-Length", "6"}}))) ==
        std::pair{errc::differing_content_lengths, 400});
  CHECK(refusal(request_framing(request({{"Content-Length", "5, 6"}}))).first ==
        errc::differing_content_lengths);
}

TEST_CASE("invalid Content-Length values are refused", "[proxy][framing][smuggling]") {
  for (const char* bad : {"", "+5", "-1", "5 5", "0x10", "5.0", "1e3", "5;", "abc",
                          "18446744073709551616", "99999999999999999999999", ","}) {
    INFO(bad);
    CHECK(refusal(request_framing(request({{"Content-Length", bad}}))) ==
          std::pair{errc::bad_content_length, 400});
  }
  std::error_code error;
  CHECK_FALSE(content_length_of(HeaderFields(), error));
  CHECK_FALSE(error);
}

TEST_CASE("request smuggling pairs are refused", "[proxy][framing][smuggling]") {
  // CL.TE and TE.CL: both framing fields at once.
  CHECK(refusal(request_framing(
            request({{"Content-Length", "4"}, {"Transfer-Encoding", "chunked"}}))) ==
        std::pair{errc::conflicting_framing, 400});
  CHECK(
      refusal(request_framing(request({{"Transfer-Encoding", "chunked"}, {"content-length", "0"}})))
          .first == errc::conflicting_framing);
  // chunked must be the single, final coding.
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "gzip"}}))) ==
        std::pair{errc::chunked_not_final, 400});
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "chunked, gzip"}}))).first ==
        errc::chunked_not_final);
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "chunked, chunked"}}))).first ==
        errc::chunked_not_final);
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", ""}}))).first ==
        errc::chunked_not_final);
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "chunked;x=1"}}))).first ==
        errc::chunked_not_final);
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "xchunked"}}))).first ==
        errc::chunked_not_final);
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "\"chunked\""}}))).first ==
        errc::chunked_not_final);
  // Unknown codings before chunked: 501.
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "identity, chunked"}}))) ==
        std::pair{errc::unsupported_transfer_coding, 501});
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "gzip;q=1, chunked"}}))).second ==
        501);
  // HTTP/1.0 cannot carry Transfer-Encoding at all.
  CHECK(refusal(request_framing(request({{"Transfer-Encoding", "chunked"}}, {1, 0}))) ==
        std::pair{errc::transfer_encoding_in_http10, 400});
}

TEST_CASE("responses without a body", "[proxy][framing]") {
  const Fields with_length = {{"Content-Length", "10"}};
  CHECK(framing_of(response_framing("HEAD", response(200, with_length))).kind == BodyKind::none);
  CHECK(framing_of(response_framing("GET", response(100, {}))).kind == BodyKind::none);
  CHECK(framing_of(response_framing("GET", response(101, {{"Upgrade", "websocket"}}))).kind ==
        BodyKind::none);
  CHECK(framing_of(response_framing("GET", response(204, with_length))).kind == BodyKind::none);
  CHECK(framing_of(response_framing("GET", response(304, with_length))).kind == BodyKind::none);
  CHECK(framing_of(response_framing("CONNECT", response(200, {}))).kind == BodyKind::none);
  // A refused CONNECT has a body like any other response.
  CHECK(framing_of(response_framing("CONNECT", response(407, with_length))) ==
        BodyFraming{BodyKind::content_length, 10});
}

TEST_CASE("response bodies", "[proxy][framing]") {
  CHECK(framing_of(response_framing("GET", response(200, {{"Content-Length", "3"}}))) ==
        BodyFraming{BodyKind::content_length, 3});
  CHECK(
      framing_of(response_framing("GET", response(200, {{"Transfer-Encoding", "chunked"}}))).kind ==
      BodyKind::chunked);
  CHECK(framing_of(response_framing("GET", response(200, {}))).kind == BodyKind::until_close);
  CHECK(framing_of(response_framing("GET", response(200, {{"Transfer-Encoding", "gzip"}}))).kind ==
        BodyKind::until_close);
  CHECK(
      framing_of(response_framing("GET", response(200, {{"Transfer-Encoding", "chunked"}}, {1, 0})))
          .kind == BodyKind::until_close);
  CHECK(framing_of(response_framing("GET", response(200, {{"Transfer-Encoding", "br, chunked"}})))
            .kind == BodyKind::chunked);  // the proxy forwards codings it does not decode
  // §6.3 rule 4: chunked not last in a response means the body runs until close.
  CHECK(framing_of(response_framing("GET", response(200, {{"Transfer-Encoding", "chunked, gzip"}})))
            .kind == BodyKind::until_close);
}

TEST_CASE("broken response framing answers 502", "[proxy][framing]") {
  CHECK(refusal(response_framing(
            "GET", response(200, {{"Content-Length", "1"}, {"Transfer-Encoding", "chunked"}}))) ==
        std::pair{errc::conflicting_framing, 502});
  CHECK(refusal(response_framing("GET", response(200, {{"Content-Length", "1, 2"}}))) ==
        std::pair{errc::differing_content_lengths, 502});
  CHECK(refusal(response_framing("GET", response(200, {{"Content-Length", "-1"}}))) ==
        std::pair{errc::bad_content_length, 502});
  CHECK(refusal(response_framing("GET", response(200, {{"Transfer-Encoding", "chunked, chunked"}})))
            .first == errc::chunked_not_final);
}
