#include "runtime/proxy/errc.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;

TEST_CASE("every proxy error has a message and a status", "[proxy][errc]") {
  CHECK(std::string(proxy_category().name()) == "postern.proxy");
  for (int value = static_cast<int>(errc::bad_start_line);
       value <= static_cast<int>(errc::truncated_message); ++value) {
    const auto e = static_cast<errc>(value);
    std::error_code code = e;
    CHECK(code.category() == proxy_category());
    CHECK(code.message() != "unknown HTTP message error");
    const int status = status_for(e, Side::request);
    CHECK(status >= 400);
    CHECK(status < 600);
    CHECK(status_for(e, Side::response) == 502);
  }
  CHECK(std::error_code(static_cast<errc>(999)).message() == "unknown HTTP message error");
}

TEST_CASE("request errors map to the statuses RFC 9112 names", "[proxy][errc]") {
  CHECK(status_for(errc::bad_start_line, Side::request) == 400);
  CHECK(status_for(errc::start_line_too_long, Side::request) == 414);
  CHECK(status_for(errc::head_too_large, Side::request) == 431);
  CHECK(status_for(errc::too_many_fields, Side::request) == 431);
  CHECK(status_for(errc::trailers_too_large, Side::request) == 431);
  CHECK(status_for(errc::unsupported_transfer_coding, Side::request) == 501);
  CHECK(status_for(errc::version_not_supported, Side::request) == 505);
  CHECK(status_for(errc::conflicting_framing, Side::request) == 400);
  CHECK(status_for(errc::chunked_not_final, Side::request) == 400);
}

TEST_CASE("make_http_error fills code, status and detail", "[proxy][errc]") {
  HttpError error = make_http_error(errc::head_too_large, Side::request, "65537 bytes");
  CHECK(error.code == errc::head_too_large);
  CHECK(error.status == 431);
  CHECK(error.detail == "65537 bytes");
  CHECK(make_http_error(errc::head_too_large, Side::response, "").status == 502);
}
