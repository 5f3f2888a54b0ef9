// The App Paths lookup behind Windows browser detection, against a real registry (Wine's, in the
// private prefix of scripts/wine-test.sh), and detect_browsers() using it.
#include <windows.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "base/codes.hpp"
#include "registry/browser_detection.hpp"
#include "support/temp_dir.hpp"
#include "support/windows_registry.hpp"
#include "support/wine.hpp"

using namespace postern::registry;
namespace fs = std::filesystem;
using postern::testing::delete_tree;
using postern::testing::set_default_value;

namespace {

const std::wstring kAppPaths = L"Software\\Microsoft\\Windows\\CurrentVersion\\App Paths\\";
// A name no real program registers, so the test never meets (or removes) a real entry.
constexpr const char* kExe = "postern-wine-test-browser.exe";
const std::wstring kKey = kAppPaths + L"postern-wine-test-browser.exe";

struct Fixture {
  postern::testing::TempDir dir;
  fs::path program = dir / "Browser" / "browser.exe";

  Fixture() {
    fs::create_directories(program.parent_path());
    std::ofstream(program, std::ios::binary) << "MZ";
    delete_tree(HKEY_CURRENT_USER, kKey);
    delete_tree(HKEY_LOCAL_MACHINE, kKey);
  }
  ~Fixture() {
    delete_tree(HKEY_CURRENT_USER, kKey);
    delete_tree(HKEY_LOCAL_MACHINE, kKey);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
};

}  // namespace

TEST_CASE("App Paths entries are found per user and per machine, quoted or not",
          "[detection][windows]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto lookup = registry_app_path_lookup();
  REQUIRE(lookup);
  CHECK_FALSE(lookup(kExe));

  SECTION("per machine") {
    REQUIRE(set_default_value(HKEY_LOCAL_MACHINE, kKey, f.program.wstring()) == ERROR_SUCCESS);
    CHECK(lookup(kExe) == f.program);
  }
  SECTION("per user, in quotes as some installers write it") {
    REQUIRE(set_default_value(HKEY_CURRENT_USER, kKey, L"\"" + f.program.wstring() + L"\"") ==
            ERROR_SUCCESS);
    CHECK(lookup(kExe) == f.program);
  }
  SECTION("the user's entry wins over the machine's") {
    const fs::path machine = f.dir / "machine.exe";
    std::ofstream(machine, std::ios::binary) << "MZ";
    REQUIRE(set_default_value(HKEY_LOCAL_MACHINE, kKey, machine.wstring()) == ERROR_SUCCESS);
    REQUIRE(set_default_value(HKEY_CURRENT_USER, kKey, f.program.wstring()) == ERROR_SUCCESS);
    CHECK(lookup(kExe) == f.program);
  }
  SECTION("REG_EXPAND_SZ values are expanded") {
    REQUIRE(::SetEnvironmentVariableW(L"POSTERN_WINE_TEST_DIR", f.dir.path().c_str()));
    REQUIRE(set_default_value(HKEY_CURRENT_USER, kKey,
                              L"%POSTERN_WINE_TEST_DIR%\\Browser\\browser.exe",
                              REG_EXPAND_SZ) == ERROR_SUCCESS);
    CHECK(lookup(kExe) == f.program);
    ::SetEnvironmentVariableW(L"POSTERN_WINE_TEST_DIR", nullptr);
  }
  SECTION("an entry whose program is gone proves nothing") {
    REQUIRE(set_default_value(HKEY_CURRENT_USER, kKey, (f.dir / "gone.exe").wstring()) ==
            ERROR_SUCCESS);
    CHECK_FALSE(lookup(kExe));
  }
  SECTION("an empty or non-string value proves nothing") {
    REQUIRE(set_default_value(HKEY_CURRENT_USER, kKey, L"") == ERROR_SUCCESS);
    CHECK_FALSE(lookup(kExe));
    REQUIRE(postern::testing::set_default_dword(HKEY_CURRENT_USER, kKey, 7) == ERROR_SUCCESS);
    CHECK_FALSE(lookup(kExe));
  }
}

TEST_CASE("detect_browsers finds a browser through its App Paths entry", "[detection][windows]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const std::wstring edge = kAppPaths + L"msedge.exe";
  delete_tree(HKEY_CURRENT_USER, edge);
  // Only the registry can find it: the folders the probes look in are empty temp folders.
  DetectionContext context;
  context.os = postern::base::Os::Windows;
  context.env = postern::base::fixed_environment({{"ProgramFiles", (f.dir / "PF").string()},
                                                  {"ProgramFiles(x86)", (f.dir / "PF86").string()},
                                                  {"LOCALAPPDATA", (f.dir / "Local").string()}});
  context.app_path = registry_app_path_lookup();
  // Wine's own prefix has no browsers: without the entry nothing is found.
  const bool wine_has_edge = postern::testing::key_exists(HKEY_LOCAL_MACHINE, edge);
  if (!wine_has_edge) {
    auto none = detect_browsers(context);
    CHECK(none.browsers.empty());
    CHECK(none.outcome.code == postern::base::codes::chrome_not_installed);
    CHECK(std::find(none.looked_for.begin(), none.looked_for.end(), "App Paths\\msedge.exe") !=
          none.looked_for.end());
  }

  REQUIRE(set_default_value(HKEY_CURRENT_USER, edge, f.program.wstring()) == ERROR_SUCCESS);
  auto found = detect_browsers(context);
  delete_tree(HKEY_CURRENT_USER, edge);
  REQUIRE_FALSE(found.browsers.empty());
  const auto& browser = found.browsers.front();
  CHECK(browser.browser == "edge");
  CHECK(browser.display == "Microsoft Edge");
  CHECK(browser.packaging == Packaging::native);
  CHECK(browser.found_at == f.program);
  CHECK(found.outcome.status == postern::base::Status::already);
}
