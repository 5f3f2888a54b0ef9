#include "wizard/gui/capture/capture_strings.hpp"

#include <catch2/catch.hpp>

using namespace postern::gui;

TEST_CASE("every button and box of the capture window has a mnemonic", "[gui][capture]") {
  for (const auto& label :
       {text::capture_start(), text::capture_browse(), text::capture_by_domain(),
        text::capture_by_endpoint(), text::capture_to_collection(), text::capture_cookies(),
        text::capture_save_history(), text::capture_save_responses(),
        text::capture_exclude_static(), text::capture_source_proxy(""),
        text::capture_source_extension(), text::session_pause(), text::session_resume(),
        text::session_stop(), text::session_new(), text::requests_delete(),
        text::requests_previous(), text::requests_next()})
    CHECK(label.Contains("&"));
}

TEST_CASE("counted strings agree in number", "[gui][capture]") {
  CHECK(text::requests_pager(1, 1, 1).Contains("1 request"));
  CHECK_FALSE(text::requests_pager(1, 1, 1).Contains("requests"));
  CHECK(text::requests_pager(2, 3, 250).Contains("Page 2 of 3"));
  CHECK(text::session_summary("00:00:01", 2, "1 KB").Contains("2 requests"));
  CHECK(text::storage_failing("m", "", 1)
            .EndsWith("1 request could not be saved since the "
                      "runtime started."));
  CHECK(text::storage_recovered(2, "m").Contains("2 captured requests could not be saved"));
}
