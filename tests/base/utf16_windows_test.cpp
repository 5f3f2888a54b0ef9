// UTF-8 <-> UTF-16 for the Win32 W APIs, checked against code points written out by hand and as
// round trips in both directions.
#include "base/utf16_windows.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

using postern::base::narrow;
using postern::base::widen;

TEST_CASE("widen gives the UTF-16 code units of each UTF-8 sequence", "[utf16]") {
  CHECK(widen("").empty());
  CHECK(widen("HKCU\\Software\\Postern") == L"HKCU\\Software\\Postern");
  CHECK(widen("Gr\xC3\xBC\xC3\x9F"
              "e") == std::wstring{L'G', L'r', 0x00FC, 0x00DF, L'e'});
  CHECK(widen("\xE6\x97\xA5\xE6\x9C\xAC") == std::wstring{0x65E5, 0x672C});
  // Outside the BMP: one code point, a surrogate pair in UTF-16.
  CHECK(widen("\xF0\x9F\x98\x80") == std::wstring{0xD83D, 0xDE00});
  // The length is explicit, so an embedded NUL is kept rather than ending the string.
  CHECK(widen(std::string_view("a\0b", 3)) == std::wstring(L"a\0b", 3));
}

TEST_CASE("widen replaces bytes that are not UTF-8 with U+FFFD", "[utf16]") {
  CHECK(widen("a\xFF"
              "b") == std::wstring{L'a', 0xFFFD, L'b'});
  CHECK(widen("\xC3") == std::wstring{0xFFFD});  // a sequence cut short
}

TEST_CASE("narrow gives UTF-8, and an unpaired surrogate becomes U+FFFD", "[utf16]") {
  CHECK(narrow(L"").empty());
  CHECK(narrow(std::wstring{0x00E9}) == "\xC3\xA9");
  CHECK(narrow(std::wstring{0xD83D, 0xDE00}) == "\xF0\x9F\x98\x80");
  CHECK(narrow(std::wstring{L'a', 0xD83D, L'b'}) ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("UTF-8 and UTF-16 round-trip", "[utf16]") {
  for (const std::string& text : std::initializer_list<std::string>{
           "C:\\Users\\Jos\xC3\xA9\\AppData\\Local", "\xE3\x83\xA6\xE3\x83\xBC\xE3\x82\xB6",
           "\xF0\x9F\x94\x92 key", "com.postern.bridge", std::string(5000, 'x')}) {
    CHECK(narrow(widen(text)) == text);
    CHECK(widen(narrow(widen(text))) == widen(text));
  }
}
