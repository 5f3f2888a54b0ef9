// UTF-8 strings to paths, on every OS: the native form must name the same characters
// (UTF-16 code units on Windows, the same bytes elsewhere).
#include "base/path_utf8.hpp"

#include <catch2/catch.hpp>

using namespace postern::base;

namespace {

// "C:/Users/José/ユーザ" in UTF-8, written out so that the source file's encoding cannot matter.
constexpr const char* kUtf8 = "C:/Users/Jos\xC3\xA9/\xE3\x83\xA6\xE3\x83\xBC\xE3\x82\xB6";

}  // namespace

TEST_CASE("a UTF-8 string names the same characters as a path", "[paths][utf8]") {
  const auto path = path_from_utf8(kUtf8);
#if defined(_WIN32)
  CHECK(path.native() == std::wstring{L'C', L':', L'/', L'U', L's', L'e', L'r', L's', L'/', L'J',
                                      L'o', L's', 0x00E9, L'/', 0x30E6, 0x30FC, 0x30B6});
#else
  CHECK(path.native() == kUtf8);
#endif
  // And back: u8string() is UTF-8 on every platform.
  const std::u8string back = path.u8string();
  CHECK(std::string(back.begin(), back.end()) == kUtf8);
}

TEST_CASE("ASCII and empty strings pass through unchanged", "[paths][utf8]") {
  CHECK(path_from_utf8("").empty());
  CHECK(path_from_utf8("/home/u/.config") == std::filesystem::path("/home/u/.config"));
}
