#include <catch2/catch.hpp>

#include "wizard/gui/capture/capture_strings.hpp"

using namespace postern::gui;

TEST_CASE("every button of the cookies tab and the history has a mnemonic", "[gui][capture]") {
  for (const auto& label :
       {text::cookies_add(), text::cookies_delete(), text::history_rename(), text::history_delete(),
        text::history_export_har(), text::history_export_collection(), text::history_refresh(),
        text::capture_open()})
    CHECK(label.Contains("&"));
}

TEST_CASE("the list strings count and keep their UTF-8", "[gui][capture]") {
  CHECK(text::cookies_added(1, 0) == "Added 1 cookie to the jar.");
  CHECK(text::dash() == wxString::FromUTF8("\u2014"));  // not emptied under LANG=C
  CHECK(text::duration_ms(12) == "12 ms");
}
