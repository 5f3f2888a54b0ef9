#include "runtime/proxy/head_parser.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;
using namespace std::string_literals;

namespace {

const std::string kBrowserGet =
    "GET http://example.com/index.html?q=1 HTTP/1.1\r\n"
    "Host: example.com\r\n"
    "user-agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
    "ACCEPT: text/html,application/xhtml+xml;q=0.9\r\n"
    "Proxy-Connection: keep-alive\r\n"
    "Cookie: a=1; b=2\r\n"
    "\r\n";

const std::string kConnect =
    "CONNECT [2001:db8::1]:443 HTTP/1.1\r\n"
    "Host: [2001:db8::1]:443\r\n"
    "\r\n";

const std::string kResponse =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain\r\n"
    "x-lower-case: yes\r\n"
    "Content-Length: 5\r\n"
    "\r\n";

HeadStep feed_all(HeadParser& parser, std::string_view bytes) {
  return parser.feed(bytes);
}

// Feeds one byte at a time and returns the step that ended the head, with consumed summed.
HeadStep feed_bytewise(HeadParser& parser, std::string_view bytes) {
  HeadStep total;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    HeadStep step = parser.feed(bytes.substr(i, 1));
    total.consumed += step.consumed;
    total.status = step.status;
    total.error = step.error;
    if (step.status != ParseStatus::need_more) break;
  }
  return total;
}

errc error_of(std::string_view bytes, HeadLimits limits = {}) {
  RequestParser parser(limits);
  HeadStep step = parser.feed(bytes);
  REQUIRE(step.status == ParseStatus::error);
  CHECK(step.consumed <= bytes.size());
  return static_cast<errc>(step.error.code.value());
}

}  // namespace

TEST_CASE("a browser's proxy request is parsed with order and case kept", "[proxy][head]") {
  RequestParser parser;
  HeadStep step = parser.feed(kBrowserGet + "NEXT");
  REQUIRE(step.status == ParseStatus::complete);
  CHECK(step.consumed == kBrowserGet.size());  // "NEXT" is not the head's
  const RequestHead& head = parser.head();
  CHECK(head.method == "GET");
  CHECK(head.target.form == TargetForm::absolute);
  CHECK(head.target.host == "example.com");
  CHECK(head.target.port == 80);
  CHECK(head.target.path_and_query == "/index.html?q=1");
  CHECK(head.version == HttpVersion{1, 1});
  REQUIRE(head.fields.size() == 5);
  CHECK(head.fields[1].name == "user-agent");
  CHECK(head.fields[2].name == "ACCEPT");
  CHECK(head.fields[2].value == "text/html,application/xhtml+xml;q=0.9");
  CHECK(head.fields.get("accept") == head.fields[2].value);
  CHECK(head.raw == kBrowserGet);
}

TEST_CASE("fed one byte at a time, a head parses as it does all at once", "[proxy][head]") {
  for (const std::string& bytes : {kBrowserGet, kConnect}) {
    RequestParser whole, single;
    HeadStep a = feed_all(whole, bytes);
    HeadStep b = feed_bytewise(single, bytes);
    REQUIRE(a.status == ParseStatus::complete);
    REQUIRE(b.status == ParseStatus::complete);
    CHECK(a.consumed == b.consumed);
    CHECK(whole.head().raw == single.head().raw);
    CHECK(whole.head().fields == single.head().fields);
    CHECK(whole.head().target.text == single.head().target.text);
  }
  ResponseParser whole, single;
  CHECK(feed_all(whole, kResponse).status == ParseStatus::complete);
  CHECK(feed_bytewise(single, kResponse).status == ParseStatus::complete);
  CHECK(whole.head().fields == single.head().fields);
  CHECK(single.head().status == 200);
  CHECK(single.head().reason == "OK");
}

TEST_CASE("CONNECT with an IPv6 authority", "[proxy][head]") {
  RequestParser parser;
  REQUIRE(parser.feed(kConnect).status == ParseStatus::complete);
  CHECK(parser.head().target.form == TargetForm::authority);
  CHECK(parser.head().target.host == "2001:db8::1");
  CHECK(parser.head().target.ipv6);
  CHECK(parser.head().target.port == 443);
}

TEST_CASE("empty lines before a request line are skipped, a few only", "[proxy][head]") {
  RequestParser parser;
  HeadStep step = parser.feed("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
  REQUIRE(step.status == ParseStatus::complete);
  CHECK(step.consumed == 31);
  CHECK(parser.head().raw == "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  CHECK(error_of("\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n") == errc::bad_start_line);
  ResponseParser responses;  // a server has no excuse
  CHECK(responses.feed("\r\nHTTP/1.1 200 OK\r\n\r\n").status == ParseStatus::error);
}

TEST_CASE("malformed request heads are refused with the status to answer", "[proxy][head]") {
  CHECK(error_of("GET  / HTTP/1.1\r\n") == errc::bad_start_line);
  CHECK(error_of("GET / HTTP/1.1 \r\n") == errc::bad_start_line);
  CHECK(error_of("GET\t/ HTTP/1.1\r\n") == errc::bad_start_line);
  CHECK(error_of("G@T / HTTP/1.1\r\n") == errc::bad_start_line);
  CHECK(error_of("GET / http/1.1\r\n") == errc::bad_version);
  CHECK(error_of("GET / HTTP/1.1\n") == errc::bad_line_ending);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\rX: b\r\n") == errc::bad_line_ending);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\n") == errc::bad_line_ending);
  CHECK(error_of("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == errc::whitespace_before_colon);
  CHECK(error_of("GET / HTTP/1.1\r\n Host: a\r\n\r\n") == errc::obsolete_line_folding);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  2\r\n\r\n") ==
        errc::obsolete_line_folding);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n"s) == errc::bad_field_value);
  CHECK(error_of("GET / HTTP/1.1\r\nHo[st: a\r\n\r\n") == errc::bad_field_name);
  CHECK(error_of("GET / HTTP/1.1\r\n: a\r\n\r\n") == errc::bad_field_name);
  CHECK(error_of("GET / HTTP/1.1\r\nno colon\r\n\r\n") == errc::bad_field_name);

  RequestParser parser;
  HeadStep step = parser.feed("GET / HTTP/2.0\r\n");
  REQUIRE(step.status == ParseStatus::error);
  CHECK(step.error.code == errc::version_not_supported);
  CHECK(step.error.status == 505);
  CHECK_FALSE(step.error.detail.empty());
}

TEST_CASE("Host is required once on HTTP/1.1 and must be host[:port]", "[proxy][head]") {
  CHECK(error_of("GET / HTTP/1.1\r\n\r\n") == errc::missing_host);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n") == errc::duplicate_host);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") == errc::bad_host);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: user@a\r\n\r\n") == errc::bad_host);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a:99999\r\n\r\n") == errc::bad_host);
  for (const char* ok : {"GET / HTTP/1.0\r\n\r\n", "GET http://a/ HTTP/1.1\r\n\r\n",
                         "CONNECT a:443 HTTP/1.1\r\n\r\n", "OPTIONS * HTTP/1.1\r\nHost:\r\n\r\n",
                         "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n"}) {
    RequestParser parser;
    CHECK(parser.feed(ok).status == ParseStatus::complete);
  }
}

TEST_CASE("limits trip at their byte, with 414 and 431", "[proxy][head][limits]") {
  HeadLimits limits;
  limits.max_start_line = 32;
  limits.max_head_bytes = 64;
  limits.max_fields = 2;
  // "GET /xxxxxxxxxxxxxxxxx HTTP/1.1\r\n" is exactly 32 bytes: allowed.
  const std::string line32 = "GET /" + std::string(16, 'x') + " HTTP/1.1\r\n";
  REQUIRE(line32.size() == 32);
  RequestParser at_limit(limits);
  CHECK(at_limit.feed(line32 + "Host: a\r\n\r\n").status == ParseStatus::complete);
  const std::string line33 = "GET /" + std::string(17, 'x') + " HTTP/1.1\r\n";
  RequestParser over(limits);
  HeadStep step = over.feed(line33);
  REQUIRE(step.status == ParseStatus::error);
  CHECK(step.error.code == errc::start_line_too_long);
  CHECK(step.error.status == 414);
  CHECK(step.error.detail == "the request line is too long (limit 32 bytes)");
  CHECK(step.consumed == 32);  // refused at the first byte past the limit, not at the LF
  RequestParser bytewise(limits);
  CHECK(feed_bytewise(bytewise, line33).consumed == 32);

  // 16 + 9 + 9 + 9 = 43: three fields are over max_fields.
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX-1: 1\r\nX-2: 2\r\n\r\n", limits) ==
        errc::too_many_fields);
  const std::string head64 = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(32, 'v') + "\r\n\r\n";
  REQUIRE(head64.size() == 64);
  RequestParser exact(limits);
  CHECK(exact.feed(head64).status == ParseStatus::complete);
  RequestParser too_big(limits);
  step = too_big.feed("GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(33, 'v') + "\r\n\r\n");
  CHECK(step.error.code == errc::head_too_large);
  CHECK(step.error.status == 431);
  // A field line that never ends is refused at the limit, not buffered forever.
  RequestParser endless(limits);
  endless.feed("GET / HTTP/1.1\r\nX: ");
  for (int i = 0; i < 100 && step.status != ParseStatus::error; ++i)
    step = endless.feed(std::string(10, 'v'));
  CHECK(step.error.code == errc::head_too_large);
}

TEST_CASE("the default limits are 8 KiB, 64 KiB and 100 fields", "[proxy][head][limits]") {
  std::string fields;
  for (int i = 0; i < 100; ++i)
    fields += "X-" + std::to_string(i) + ": v\r\n";
  RequestParser hundred;
  CHECK(
      hundred.feed("GET / HTTP/1.1\r\nHost: a\r\n" + fields.substr(fields.find('\n') + 1) + "\r\n")
          .status == ParseStatus::complete);
  CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n") == errc::too_many_fields);
  CHECK(error_of("GET /" + std::string(8 * 1024, 'a') + " HTTP/1.1\r\n") ==
        errc::start_line_too_long);
  CHECK(error_of("GET / HTTP/1.1\r\nCookie: " + std::string(64 * 1024, 'c') + "\r\n\r\n") ==
        errc::head_too_large);
}

TEST_CASE("after complete or error the parser repeats itself until reset", "[proxy][head]") {
  RequestParser parser;
  CHECK_FALSE(parser.in_progress());
  CHECK(parser.feed("GET / HT").status == ParseStatus::need_more);
  CHECK(parser.in_progress());
  REQUIRE(parser.feed("TP/1.1\r\nHost: a\r\n\r\nGET").consumed == 19);
  HeadStep again = parser.feed("GET / HTTP/1.1\r\n");
  CHECK(again.status == ParseStatus::complete);
  CHECK(again.consumed == 0);
  parser.reset();
  CHECK(parser.head().method.empty());
  CHECK(parser.feed("BAD LINE\r\n").status == ParseStatus::error);
  HeadStep sticky = parser.feed("GET / HTTP/1.1\r\n");
  CHECK(sticky.status == ParseStatus::error);
  CHECK(sticky.consumed == 0);
  CHECK(sticky.error.code == errc::bad_start_line);
}

TEST_CASE("response heads: errors answer 502, bare LF only when allowed", "[proxy][head]") {
  ResponseParser parser;
  HeadStep step = parser.feed("HTTP/1.1 200 OK\r\nX : y\r\n\r\n");
  REQUIRE(step.status == ParseStatus::error);
  CHECK(step.error.code == errc::whitespace_before_colon);
  CHECK(step.error.status == 502);
  ResponseParser folded;
  CHECK(folded.feed("HTTP/1.1 200 OK\r\nX: y\r\n\tz\r\n\r\n").error.code ==
        errc::obsolete_line_folding);

  const std::string sloppy = "HTTP/1.0 200 OK\nServer: old\n\nbody";
  ResponseParser strict;
  CHECK(strict.feed(sloppy).error.code == errc::bad_line_ending);
  HeadLimits lenient;
  lenient.allow_bare_lf = true;
  ResponseParser tolerant(lenient);
  step = tolerant.feed(sloppy);
  REQUIRE(step.status == ParseStatus::complete);
  CHECK(step.consumed == sloppy.size() - 4);
  CHECK(tolerant.head().fields.get("server") == "old");
}
