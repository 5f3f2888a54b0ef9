#include "runtime/proxy/start_line.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/errc.hpp"

using namespace postern::proxy;

namespace {

std::error_code request_line(std::string_view line) {
  RequestHead head;
  return parse_request_line(line, head);
}

std::error_code status_line(std::string_view line) {
  ResponseHead head;
  return parse_status_line(line, head);
}

}  // namespace

TEST_CASE("versions are HTTP/DIGIT.DIGIT, case-sensitive", "[proxy][start]") {
  CHECK(parse_http_version("HTTP/1.1") == HttpVersion{1, 1});
  CHECK(parse_http_version("HTTP/1.0") == HttpVersion{1, 0});
  CHECK(parse_http_version("HTTP/2.0") == HttpVersion{2, 0});
  CHECK_FALSE(parse_http_version("http/1.1"));
  CHECK_FALSE(parse_http_version("HTTP/1"));
  CHECK_FALSE(parse_http_version("HTTP/1.10"));
  CHECK_FALSE(parse_http_version("HTTP/x.1"));
  CHECK(HttpVersion{1, 2}.at_least_1_1());
  CHECK_FALSE(HttpVersion{1, 0}.at_least_1_1());
}

TEST_CASE("request lines", "[proxy][start]") {
  RequestHead head;
  REQUIRE_FALSE(parse_request_line("PROPFIND /dav/ HTTP/1.1", head));
  CHECK(head.method == "PROPFIND");
  CHECK(head.target.text == "/dav/");
  CHECK_FALSE(request_line("get / HTTP/1.1"));  // methods are case-sensitive but any token
  CHECK_FALSE(request_line("GET / HTTP/1.2"));  // a later 1.x minor is served as 1.1
  CHECK(request_line("GET / HTTP/2.0") == errc::version_not_supported);
  CHECK(request_line("GET / HTTP/0.9") == errc::version_not_supported);
  CHECK(request_line("GET /") == errc::bad_start_line);  // HTTP/0.9 simple request
  CHECK(request_line("GET / HTTP/1.1 x") == errc::bad_start_line);
  CHECK(request_line(" GET / HTTP/1.1") == errc::bad_start_line);
  CHECK(request_line("GET  / HTTP/1.1") == errc::bad_start_line);
  CHECK(request_line("GET / HTTP/1.1\t") == errc::bad_version);
  CHECK(request_line("GET / HTTPS/1.1") == errc::bad_version);
  CHECK(request_line("GET /a b HTTP/1.1") == errc::bad_start_line);
  CHECK(request_line("GET http://a:99999/ HTTP/1.1") == errc::bad_target);
  CHECK(request_line("CONNECT /x HTTP/1.1") == errc::bad_target);
}

TEST_CASE("status lines", "[proxy][start]") {
  ResponseHead head;
  REQUIRE_FALSE(parse_status_line("HTTP/1.1 404 Not Found", head));
  CHECK(head.status == 404);
  CHECK(head.reason == "Not Found");
  REQUIRE_FALSE(parse_status_line("HTTP/1.0 200", head));  // no reason, no space: common
  CHECK(head.status == 200);
  CHECK(head.reason.empty());
  CHECK(head.version == HttpVersion{1, 0});
  REQUIRE_FALSE(parse_status_line("HTTP/1.1 200 ", head));
  CHECK(head.reason.empty());
  REQUIRE_FALSE(parse_status_line("HTTP/1.1 999 Request denied", head));  // LinkedIn's 999
  REQUIRE_FALSE(parse_status_line("HTTP/1.1 200 D\xc3\xa9j\xc3\xa0 vu", head));
  CHECK(status_line("HTTP/1.1 20 OK") == errc::bad_start_line);
  CHECK(status_line("HTTP/1.1 2000 OK") == errc::bad_start_line);
  CHECK(status_line("HTTP/1.1 099 OK") == errc::bad_start_line);
  CHECK(status_line("HTTP/1.1 abc OK") == errc::bad_start_line);
  CHECK(status_line("HTTP/1.1  200 OK") == errc::bad_start_line);
  CHECK(status_line("HTTP/1.1 200 O\x01K") == errc::bad_start_line);
  CHECK(status_line("HTTP/1.1") == errc::bad_start_line);
  CHECK(status_line("HTTP/2 200") == errc::bad_version);
  CHECK(status_line("HTTP/2.0 200 OK") == errc::version_not_supported);
  CHECK(status_line("ICY 200 OK") == errc::bad_version);
}
