// The Windows facts behind PrivilegeContext::detect (compiled only on Windows).
#include <catch2/catch.hpp>

#include <filesystem>

#include "platform/privileged.hpp"

using namespace postern;

TEST_CASE("Windows never offers pkexec, and private folders are made", "[privileged]") {
  auto context = platform::PrivilegeContext::detect(base::fixed_environment({{"DISPLAY", ":0"}}));
  CHECK_FALSE(context.has_display);
  const auto dir = platform::make_private_dir(std::filesystem::temp_directory_path());
  REQUIRE_FALSE(dir.empty());
  CHECK(std::filesystem::is_directory(dir));
  std::filesystem::remove_all(dir);
}
