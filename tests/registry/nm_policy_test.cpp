// Managed policy files that block user-level hosts or our host, merged the way Chromium merges
// the files of one folder (the last file in lexicographic order wins per policy).
#include "registry/nm_policy.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "base/codes.hpp"
#include "support/temp_dir.hpp"

using namespace postern::registry;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHost = "com.postern.bridge";

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

}  // namespace

TEST_CASE("no policy folder or an empty one blocks nothing", "[policy]") {
  postern::testing::TempDir dir;
  auto none = read_native_messaging_policy(dir / "missing", kHost);
  CHECK_FALSE(none.user_level_disabled);
  CHECK_FALSE(none.host_blocked);
  CHECK(policy_problems(none, "Chromium", kHost).empty());
}

TEST_CASE("NativeMessagingUserLevelHosts false is reported with its file", "[policy]") {
  postern::testing::TempDir dir;
  write(dir / "managed/corp.json", R"({"NativeMessagingUserLevelHosts": false})");
  auto policy = read_native_messaging_policy(dir / "managed", kHost);
  REQUIRE(policy.user_level_disabled);
  CHECK(policy.user_level_disabled->file == dir / "managed/corp.json");
  CHECK_FALSE(policy.host_blocked);

  auto problems = policy_problems(policy, "Google Chrome", kHost);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].code == postern::base::codes::nm_policy_blocked);
  CHECK(problems[0].target == (dir / "managed/corp.json").string());
  CHECK_THAT(problems[0].cause, Catch::Contains("NativeMessagingUserLevelHosts"));
  CHECK_THAT(problems[0].remedy, Catch::Contains("--scope system"));

  write(dir / "managed/corp.json", R"({"NativeMessagingUserLevelHosts": true})");
  CHECK_FALSE(read_native_messaging_policy(dir / "managed", kHost).user_level_disabled);
}

TEST_CASE("a blocklist with * or our name blocks unless the allowlist names us", "[policy]") {
  postern::testing::TempDir dir;
  const fs::path file = dir / "managed/nm.json";
  write(file, R"({"NativeMessagingBlocklist": ["*"]})");
  auto star = read_native_messaging_policy(dir / "managed", kHost);
  REQUIRE(star.host_blocked);
  CHECK(star.host_blocked->file == file);
  auto problems = policy_problems(star, "Chromium", kHost);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].remedy, Catch::Contains("NativeMessagingAllowlist"));

  write(file, R"({"NativeMessagingBlocklist": ["com.postern.bridge"]})");
  CHECK(read_native_messaging_policy(dir / "managed", kHost).host_blocked);

  write(file, R"({"NativeMessagingBlocklist": ["com.other.host"]})");
  CHECK_FALSE(read_native_messaging_policy(dir / "managed", kHost).host_blocked);

  write(file, R"({"NativeMessagingBlocklist": ["*"],
                  "NativeMessagingAllowlist": ["com.postern.bridge"]})");
  CHECK_FALSE(read_native_messaging_policy(dir / "managed", kHost).host_blocked);

  // The names before Chrome 86 still count.
  write(file, R"({"NativeMessagingBlacklist": ["*"]})");
  CHECK(read_native_messaging_policy(dir / "managed", kHost).host_blocked);
  write(
      file,
      R"({"NativeMessagingBlacklist": ["*"], "NativeMessagingWhitelist": ["com.postern.bridge"]})");
  CHECK_FALSE(read_native_messaging_policy(dir / "managed", kHost).host_blocked);
}

TEST_CASE("the last file in lexicographic order wins, across files", "[policy]") {
  postern::testing::TempDir dir;
  write(dir / "managed/a.json", R"({"NativeMessagingUserLevelHosts": false})");
  write(dir / "managed/b.json", R"({"NativeMessagingUserLevelHosts": true})");
  CHECK_FALSE(read_native_messaging_policy(dir / "managed", kHost).user_level_disabled);

  write(dir / "managed/c.json", R"({"NativeMessagingUserLevelHosts": false})");
  auto policy = read_native_messaging_policy(dir / "managed", kHost);
  REQUIRE(policy.user_level_disabled);
  CHECK(policy.user_level_disabled->file == dir / "managed/c.json");

  // A blocklist in one file and the allowlist in another still combine.
  write(dir / "managed/d.json", R"({"NativeMessagingBlocklist": ["*"]})");
  write(dir / "managed/e.json", R"({"NativeMessagingAllowlist": ["com.postern.bridge"]})");
  CHECK_FALSE(read_native_messaging_policy(dir / "managed", kHost).host_blocked);
}

TEST_CASE("broken or odd-typed policy files are skipped, as Chromium skips them", "[policy]") {
  postern::testing::TempDir dir;
  write(dir / "managed/a.json", "{not json");
  write(dir / "managed/b.json", "[1, 2, 3]");
  write(dir / "managed/c.json", R"({"NativeMessagingUserLevelHosts": "false",
                                    "NativeMessagingBlocklist": "*"})");
  write(dir / "managed/d.json", R"({"NativeMessagingBlocklist": [1, null, {}]})");
  fs::create_directories(dir / "managed/subdir.json");
  auto policy = read_native_messaging_policy(dir / "managed", kHost);
  CHECK_FALSE(policy.user_level_disabled);
  CHECK_FALSE(policy.host_blocked);
}

TEST_CASE("policy folders are listed for the Chromium family on Linux", "[policy]") {
  bool chrome = false;
  for (const auto& row : policy_folders()) {
    CHECK(row.folder.front() == '/');
    if (row.browser == "chrome") chrome = row.folder == "/etc/opt/chrome/policies/managed";
  }
  CHECK(chrome);
}
