// The Windows facts behind PrivilegeContext::detect and make_private_dir (compiled only on
// Windows). Under Wine every process is an elevated administrator (recipe windows-wine §2d).
#include <windows.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "platform/privileged.hpp"

using namespace postern;

namespace {

// What the process token says: an elevated (UAC) token, the Windows meaning of "is root".
bool token_elevated() {
  HANDLE token = nullptr;
  REQUIRE(::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token));
  TOKEN_ELEVATION elevation{};
  DWORD size = 0;
  const BOOL ok =
      ::GetTokenInformation(token, TokenElevation, &elevation, sizeof(elevation), &size);
  ::CloseHandle(token);
  REQUIRE(ok);
  return elevation.TokenIsElevated != 0;
}

}  // namespace

TEST_CASE("Windows never offers pkexec, and private folders are made", "[privileged]") {
  auto context = platform::PrivilegeContext::detect(base::fixed_environment({{"DISPLAY", ":0"}}));
  CHECK_FALSE(context.has_display);
  const auto dir = platform::make_private_dir(std::filesystem::temp_directory_path());
  REQUIRE_FALSE(dir.empty());
  CHECK(std::filesystem::is_directory(dir));
  std::filesystem::remove_all(dir);
}

TEST_CASE("is_root follows the process token's elevation", "[privileged]") {
  auto context = platform::PrivilegeContext::detect(base::fixed_environment({}));
  CHECK(context.is_root == token_elevated());
}

TEST_CASE("private folders get fresh names, and none where the parent is missing", "[privileged]") {
  const auto temp = std::filesystem::temp_directory_path();
  const auto first = platform::make_private_dir(temp);
  const auto second = platform::make_private_dir(temp);
  REQUIRE_FALSE(first.empty());
  REQUIRE_FALSE(second.empty());
  CHECK(first != second);
  CHECK(first.parent_path() == second.parent_path());
  std::filesystem::remove_all(first);
  std::filesystem::remove_all(second);
  CHECK(platform::make_private_dir(temp / "postern-no-such-parent" / "deeper").empty());
}
