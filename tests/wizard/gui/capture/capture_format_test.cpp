#include "wizard/gui/capture/capture_format.hpp"

#include <catch2/catch.hpp>

using namespace postern;
namespace cc = postern::control_client;

TEST_CASE("sizes, durations and times read as people write them", "[gui][capture]") {
  CHECK(gui::human_size(0) == "0 B");
  CHECK(gui::human_size(1023) == "1023 B");
  CHECK(gui::human_size(1536) == "1.5 KB");
  CHECK(gui::human_size(5 * 1024 * 1024) == "5.0 MB");
  CHECK(gui::clock_duration(83'000) == "00:01:23");
  CHECK(gui::clock_duration(-5) == "00:00:00");
  CHECK(gui::iso_to_ms("1970-01-01T00:00:01.5Z") == 1500);
  CHECK(gui::iso_to_ms("2026-11-22T10:00:00.123Z") == 1795341600123);
  CHECK_FALSE(gui::iso_to_ms("yesterday"));
  CHECK(gui::local_time("yesterday") == "yesterday");
  CHECK(gui::url_matches("http://a/API/x", "api"));
  CHECK_FALSE(gui::url_matches("http://a/b", "api"));
}

TEST_CASE("an exchange's row and detail text", "[gui][capture]") {
  cc::Exchange exchange;
  exchange.summary.method = "POST";
  exchange.summary.url = "http://h/x";
  exchange.summary.started_at = "2026-11-22T10:00:00.100Z";
  exchange.summary.ended_at = "2026-11-22T10:00:00.142Z";
  exchange.summary.request_size = 100;
  exchange.summary.response_size = 24;
  CHECK(gui::exchange_status(exchange.summary) == wxString::FromUTF8("—"));
  exchange.summary.error = "UPSTREAM_REFUSED";
  CHECK(gui::exchange_status(exchange.summary) == "UPSTREAM_REFUSED");
  CHECK(gui::exchange_duration(exchange.summary) == "42 ms");
  CHECK(gui::exchange_bytes(exchange.summary) == 124);
  exchange.request_headers = {{"Content-Type", "application/json"}};
  exchange.request_body = {"{\"a\":1}", true, 7, false, ""};
  CHECK(gui::exchange_detail(exchange).Contains("No response: UPSTREAM_REFUSED"));
  exchange.summary.status = 201;
  exchange.reason = "Created";
  exchange.response_headers = {{"X-Id", "7"}};
  exchange.response_body = cc::Body{"", false, 2048, false, ""};
  const auto detail = gui::exchange_detail(exchange);
  CHECK(detail.Contains("POST http://h/x"));
  CHECK(detail.Contains("Content-Type: application/json"));
  CHECK(detail.Contains("{\"a\":1}"));
  CHECK(detail.Contains("201 Created"));
  CHECK(detail.Contains("X-Id: 7"));
  CHECK(detail.Contains("binary body, 2.0 KB"));
  exchange.response_body = cc::Body{"", true, 10, false, "media"};
  CHECK(gui::exchange_detail(exchange).Contains("not kept"));
}
