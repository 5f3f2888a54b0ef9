// The POSIX facts behind PrivilegeContext::detect and the private scratch folders.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "platform/privileged.hpp"

using namespace postern;
using platform::PrivilegeContext;

TEST_CASE("the detected context reflects this process", "[privileged]") {
  auto context = PrivilegeContext::detect(base::fixed_environment({{"DISPLAY", ":0"}}));
  CHECK(context.is_root == (::geteuid() == 0));
  CHECK(context.has_display);
  CHECK_FALSE(PrivilegeContext::detect(base::fixed_environment({})).has_display);
}

TEST_CASE("a private scratch folder is 0700 and removed unless kept", "[privileged]") {
  std::filesystem::path kept;
  {
    platform::ScratchDir scratch;
    REQUIRE_FALSE(scratch.path().empty());
    auto perms = std::filesystem::status(scratch.path()).permissions();
    CHECK((perms & std::filesystem::perms::all) == std::filesystem::perms::owner_all);
    kept = scratch.path();
  }
  CHECK_FALSE(std::filesystem::exists(kept));
  {
    platform::ScratchDir scratch;
    scratch.keep();
    kept = scratch.path();
  }
  CHECK(std::filesystem::exists(kept));
  std::filesystem::remove_all(kept);
}

TEST_CASE("private folders get unguessable names under their parent", "[privileged]") {
  const auto parent = std::filesystem::temp_directory_path();
  const auto a = platform::make_private_dir(parent);
  const auto b = platform::make_private_dir(parent);
  REQUIRE_FALSE(a.empty());
  REQUIRE_FALSE(b.empty());
  CHECK(a != b);
  CHECK(a.parent_path() == parent);
  CHECK(platform::make_private_dir(parent / "no" / "such" / "folder").empty());
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}
