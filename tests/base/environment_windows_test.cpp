// process_environment() on Windows reads the UTF-16 environment and gives UTF-8, whatever the
// ANSI code page is (the C runtime's getenv would give that code page instead).
#include <windows.h>

#include <catch2/catch.hpp>

#include <string>

#include "base/environment.hpp"

using postern::base::process_environment;

namespace {

constexpr const wchar_t* kName = L"POSTERN_ENV_TEST";

}  // namespace

TEST_CASE("process_environment gives each variable as UTF-8", "[env][windows]") {
  const auto env = process_environment();
  REQUIRE(::SetEnvironmentVariableW(kName, L"C:\\Users\\Jos\u00E9\\\u30E6\u30FC\u30B6"));
  CHECK(env("POSTERN_ENV_TEST") ==
        std::string("C:\\Users\\Jos\xC3\xA9\\\xE3\x83\xA6\xE3\x83\xBC\xE3\x82\xB6"));

  // Longer than the first buffer the lookup tries.
  const std::wstring long_value(5000, L'x');
  REQUIRE(::SetEnvironmentVariableW(kName, long_value.c_str()));
  CHECK(env("POSTERN_ENV_TEST") == std::string(5000, 'x'));

  REQUIRE(::SetEnvironmentVariableW(kName, L""));
  CHECK_FALSE(env("POSTERN_ENV_TEST"));  // empty counts as unset, as on POSIX
  REQUIRE(::SetEnvironmentVariableW(kName, nullptr));
  CHECK_FALSE(env("POSTERN_ENV_TEST"));
}

TEST_CASE("process_environment finds names outside ASCII and Windows' own variables",
          "[env][windows]") {
  const auto env = process_environment();
  REQUIRE(::SetEnvironmentVariableW(L"POSTERN_\u00C9T\u00C9", L"1"));
  CHECK(env("POSTERN_\xC3\x89T\xC3\x89") == std::string("1"));
  ::SetEnvironmentVariableW(L"POSTERN_\u00C9T\u00C9", nullptr);
  // Names are not case-sensitive on Windows.
  CHECK(env("SystemRoot"));
  CHECK(env("SYSTEMROOT") == env("SystemRoot"));
}
