#include "runtime/proxy/expect_continue.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/head_parser.hpp"

using namespace postern::proxy;

namespace {

Expectation expectation(std::string_view head_bytes) {
  RequestParser parser;
  REQUIRE(parser.feed(head_bytes).status == ParseStatus::complete);
  return expectation_of(parser.head());
}

}  // namespace

TEST_CASE("Expect: 100-continue is noticed, case-insensitively", "[proxy][expect]") {
  CHECK(expectation("PUT /f HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                    "Content-Length: 10\r\n\r\n") == Expectation::continue_100);
  CHECK(expectation("PUT /f HTTP/1.1\r\nHost: h\r\nexpect: 100-Continue\r\n\r\n") ==
        Expectation::continue_100);
  CHECK(expectation("GET / HTTP/1.1\r\nHost: h\r\n\r\n") == Expectation::none);
  CHECK(kContinueResponse == "HTTP/1.1 100 Continue\r\n\r\n");
}

TEST_CASE("other expectations are unsupported; HTTP/1.0 ones are ignored", "[proxy][expect]") {
  CHECK(expectation("PUT /f HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\n\r\n") ==
        Expectation::unsupported);
  CHECK(expectation("PUT /f HTTP/1.1\r\nHost: h\r\nExpect: 100-continue, x\r\n\r\n") ==
        Expectation::unsupported);
  CHECK(expectation("PUT /f HTTP/1.0\r\nExpect: 100-continue\r\n\r\n") == Expectation::none);
  CHECK(expectation("PUT /f HTTP/1.1\r\nHost: h\r\nExpect:\r\n\r\n") == Expectation::none);
}
