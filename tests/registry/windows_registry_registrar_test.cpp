// The Windows registrar against a real registry (Wine's, in the private prefix that
// scripts/wine-test.sh makes): the host key of every browser row in HKCU and HKLM, what is read
// back, foreign and odd values, and ERROR_ACCESS_DENIED injected with a read-only DACL (Wine has
// no UAC, recipe windows-wine §3.1). Manifest files go to a temp folder.
#include <windows.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "base/codes.hpp"
#include "base/utf16_windows.hpp"
#include "platform/fake_runner.hpp"
#include "registry/registrar.hpp"
#include "support/temp_dir.hpp"
#include "support/windows_registry.hpp"
#include "support/wine.hpp"

using namespace postern::registry;
namespace fs = std::filesystem;
namespace codes = postern::base::codes;
using postern::base::Os;
using postern::base::Status;
using postern::base::widen;
using postern::testing::default_value;
using postern::testing::delete_tree;
using postern::testing::key_exists;

namespace {

constexpr const char* kOrigin = "chrome-extension://lnaeeebhdmbelhghkhlllpkifebmpgln/";
// Everyone may read the key and do nothing else; the owner keeps WRITE_DAC to undo it.
constexpr const wchar_t* kReadOnly = L"D:P(A;;KR;;;WD)";

HKEY hive_of(const Location& location) {
  return location.hive == RegistryHive::local_machine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

std::wstring subkey_of(const Location& location) {
  return widen(location.registry_subkey);
}

// "Software\...\NativeMessagingHosts": the browser's folder of host keys, which must survive.
std::wstring parent_of(const Location& location) {
  const std::wstring subkey = subkey_of(location);
  return subkey.substr(0, subkey.find_last_of(L'\\'));
}

// UTF-8, as Postern's strings are (path::string() is the ANSI code page with MSVC).
std::string utf8(const fs::path& path) {
  const std::u8string text = path.u8string();
  return std::string(text.begin(), text.end());
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Fixture {
  postern::testing::TempDir dir;
  fs::path host = dir / "bin" / "postern-bridge.exe";
  HostManifest ours;
  postern::testing::FakeRunner runner;
  postern::platform::PrivilegedRunner privileged{runner, postern::platform::PrivilegeContext{}};
  std::unique_ptr<Registrar> registrar = make_os_registrar(privileged);

  Fixture() {
    fs::create_directories(host.parent_path());
    std::ofstream(host, std::ios::binary) << "MZ";
    ours.name = std::string(kHostName);
    ours.description = "Postern bridge";
    ours.path = utf8(host);
    ours.allowed_origins = {kOrigin};
    ours.allowed_extensions = {"bridge@postern.dev"};
  }

  /// %LOCALAPPDATA% and %ProgramData% point into the temp folder, so manifest files land there.
  postern::base::Environment env(const fs::path& base) const {
    return postern::base::fixed_environment(
        {{"LOCALAPPDATA", utf8(base / "Local")}, {"ProgramData", utf8(base / "ProgramData")}});
  }

  std::vector<Location> locations(std::string_view browser, Scope scope) const {
    auto resolved = locations_for(browser, Os::Windows, scope, env(dir.path()));
    REQUIRE(resolved);
    REQUIRE_FALSE(resolved.value().empty());
    return resolved.value();
  }

  Location location(std::string_view browser, Scope scope) const {
    return locations(browser, scope).front();
  }

  std::string bytes(const Location& location) const {
    auto text = render(ours, location.family, Os::Windows);
    REQUIRE(text);
    return text.value();
  }

  /// Removes whatever an earlier run left at this location: the prefix outlives a test run.
  void clean(const Location& location) const {
    delete_tree(hive_of(location), subkey_of(location));
    std::error_code ec;
    fs::remove(location.manifest_file, ec);
  }
};

}  // namespace

TEST_CASE("every browser's host key is set, read back and removed in HKCU and HKLM",
          "[registrar][windows]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  CHECK(f.registrar->name() == "windows-registry");
  int rows = 0;
  for (const auto& browser : browsers()) {
    for (Scope scope : {Scope::user, Scope::system}) {
      for (const auto& location : f.locations(browser.id, scope)) {
        INFO(location.display << " " << to_string(scope) << ": " << location.registry_key());
        ++rows;
        f.clean(location);
        const HKEY hive = hive_of(location);
        const std::wstring subkey = subkey_of(location);

        auto missing = f.registrar->check(f.ours, location);
        CHECK(missing.status == Status::failed);
        CHECK(missing.code == codes::manifest_missing);
        CHECK(missing.target == location.registry_key());

        auto installed = f.registrar->install(f.ours, location);
        CHECK(installed.status == Status::done);
        CHECK(installed.step == "install");
        CHECK(installed.store == "windows-registry");
        // What the browser reads: the key's default value names the manifest file.
        CHECK(default_value(hive, subkey) == location.manifest_file.wstring());
        CHECK(read_text(location.manifest_file) == f.bytes(location));

        auto present = f.registrar->check(f.ours, location);
        CHECK(present.status == Status::already);
        CHECK(f.registrar->install(f.ours, location).status == Status::already);

        auto removed = f.registrar->uninstall(f.ours, location);
        CHECK(removed.status == Status::done);
        CHECK_FALSE(key_exists(hive, subkey));
        CHECK(key_exists(hive, parent_of(location)));  // other hosts live there
        CHECK_FALSE(fs::exists(location.manifest_file));

        // "Already gone" (ERROR_FILE_NOT_FOUND) is success, not an error.
        CHECK(f.registrar->uninstall(f.ours, location).status == Status::already);
        CHECK(f.registrar->check(f.ours, location).code == codes::manifest_missing);
      }
    }
  }
  CHECK(rows >= 20);  // every Chromium-family browser and Firefox, both scopes, the extra rows
}

TEST_CASE("machine-wide keys land in the 64-bit registry view", "[registrar][windows]") {
  // Chromium reads HKLM's 32-bit view first and then the 64-bit one; Firefox does the same. A
  // 64-bit Postern writes the 64-bit view (HKCU\Software is shared by both views).
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto location = f.location("chrome", Scope::system);
  f.clean(location);
  REQUIRE(f.registrar->install(f.ours, location).status == Status::done);
  CHECK(key_exists(HKEY_LOCAL_MACHINE, subkey_of(location), KEY_WOW64_64KEY));
  CHECK_FALSE(key_exists(HKEY_LOCAL_MACHINE, subkey_of(location), KEY_WOW64_32KEY));
  f.registrar->uninstall(f.ours, location);
}

TEST_CASE("a key that names another program's manifest is neither overwritten nor removed",
          "[registrar][windows][foreign]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  for (Scope scope : {Scope::user, Scope::system}) {
    const auto location = f.location("edge", scope);
    INFO(location.registry_key());
    f.clean(location);
    const fs::path other_file = f.dir / "other" / "com.postern.bridge.json";
    fs::create_directories(other_file.parent_path());
    std::ofstream(other_file) << R"({"name": "com.postern.bridge", "description": "other", )"
                              << R"("path": "C:\\Other\\host.exe", "type": "stdio", )"
                              << R"("allowed_origins": []})";
    REQUIRE(postern::testing::set_default_value(hive_of(location), subkey_of(location),
                                                other_file.wstring()) == ERROR_SUCCESS);

    auto refused = f.registrar->install(f.ours, location);
    CHECK(refused.status == Status::failed);
    CHECK(refused.code == codes::foreign_manifest);
    CHECK_THAT(refused.cause, Catch::Contains("C:\\Other\\host.exe"));
    CHECK_FALSE(refused.remedy.empty());
    CHECK(default_value(hive_of(location), subkey_of(location)) == other_file.wstring());
    CHECK_FALSE(fs::exists(location.manifest_file));

    auto checked = f.registrar->check(f.ours, location);
    CHECK(checked.code == codes::foreign_manifest);

    auto kept = f.registrar->uninstall(f.ours, location);
    CHECK(kept.status == Status::skipped);
    CHECK(kept.code == codes::foreign_manifest);
    CHECK(default_value(hive_of(location), subkey_of(location)) == other_file.wstring());
    CHECK(fs::exists(other_file));

    // Only when the user says so.
    auto replaced = f.registrar->install(f.ours, location, InstallOptions{true});
    CHECK(replaced.status == Status::done);
    CHECK(default_value(hive_of(location), subkey_of(location)) ==
          location.manifest_file.wstring());
    CHECK(fs::exists(other_file));  // the other program's file is left alone
    CHECK(f.registrar->uninstall(f.ours, location).status == Status::done);
  }
}

TEST_CASE("a foreign manifest file at our path is not overwritten",
          "[registrar][windows][foreign]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto location = f.location("chromium", Scope::user);
  f.clean(location);
  fs::create_directories(location.folder);
  const std::string foreign =
      "{\"name\": \"com.postern.bridge\", \"path\": \"C:\\\\Other\\\\x.exe\"}";
  std::ofstream(location.manifest_file, std::ios::binary) << foreign;

  auto refused = f.registrar->install(f.ours, location);
  CHECK(refused.code == codes::foreign_manifest);
  CHECK(read_text(location.manifest_file) == foreign);
  CHECK_FALSE(key_exists(HKEY_CURRENT_USER, subkey_of(location)));
  fs::remove(location.manifest_file);
}

TEST_CASE("our key in another case and a stale manifest of ours are taken over",
          "[registrar][windows]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto location = f.location("brave", Scope::user);
  f.clean(location);
  fs::create_directories(location.folder);
  HostManifest older = f.ours;
  older.description = "an older Postern";
  std::ofstream(location.manifest_file, std::ios::binary)
      << render(older, location.family, Os::Windows).value();
  // Windows paths ignore case, so this key still names our file.
  std::wstring shouted = location.manifest_file.wstring();
  ::CharUpperBuffW(shouted.data(), static_cast<DWORD>(shouted.size()));
  REQUIRE(postern::testing::set_default_value(HKEY_CURRENT_USER, subkey_of(location), shouted) ==
          ERROR_SUCCESS);

  auto updated = f.registrar->install(f.ours, location);
  CHECK(updated.status == Status::done);
  CHECK(read_text(location.manifest_file) == f.bytes(location));
  CHECK(default_value(HKEY_CURRENT_USER, subkey_of(location)) == location.manifest_file.wstring());
  CHECK(f.registrar->install(f.ours, location).status == Status::already);
  CHECK(f.registrar->uninstall(f.ours, location).status == Status::done);
}

TEST_CASE("a default value that is not a string is reported and left in place",
          "[registrar][windows]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto location = f.location("vivaldi", Scope::user);
  f.clean(location);
  REQUIRE(postern::testing::set_default_dword(HKEY_CURRENT_USER, subkey_of(location), 1) ==
          ERROR_SUCCESS);
  auto checked = f.registrar->check(f.ours, location);
  CHECK(checked.status == Status::failed);
  CHECK(checked.code == codes::command_failed);
  CHECK_THAT(checked.cause, Catch::Contains("cannot read " + location.registry_key()));
  CHECK(f.registrar->install(f.ours, location).status == Status::failed);
  CHECK(f.registrar->uninstall(f.ours, location).status == Status::failed);
  CHECK(key_exists(HKEY_CURRENT_USER, subkey_of(location)));
  CHECK_FALSE(default_value(HKEY_CURRENT_USER, subkey_of(location)));
  f.clean(location);
}

TEST_CASE("check names the manifest file or the host that is missing", "[registrar][windows]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto location = f.location("opera", Scope::user);
  f.clean(location);
  REQUIRE(f.registrar->install(f.ours, location).status == Status::done);

  fs::remove(f.host);
  auto no_host = f.registrar->check(f.ours, location);
  CHECK(no_host.code == codes::host_not_executable);
  CHECK_THAT(no_host.cause, Catch::Contains(f.host.string()));

  fs::remove(location.manifest_file);
  auto no_file = f.registrar->check(f.ours, location);
  CHECK(no_file.code == codes::manifest_missing);
  CHECK(no_file.target == location.manifest_file.string());

  // Uninstall still removes the key that names the deleted file.
  CHECK(f.registrar->uninstall(f.ours, location).status == Status::done);
  CHECK_FALSE(key_exists(HKEY_CURRENT_USER, subkey_of(location)));
}

TEST_CASE("a key Postern may not write gives REGISTRY_ACCESS_NEEDED with the scope's remedy",
          "[registrar][windows][denied]") {
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  for (Scope scope : {Scope::user, Scope::system}) {
    const auto location = f.location("chrome", scope);
    INFO(location.registry_key());
    f.clean(location);
    HKEY created = nullptr;
    REQUIRE(::RegCreateKeyExW(hive_of(location), subkey_of(location).c_str(), 0, nullptr, 0,
                              KEY_READ, nullptr, &created, nullptr) == ERROR_SUCCESS);
    ::RegCloseKey(created);
    {
      postern::testing::KeyDaclLock lock(hive_of(location), subkey_of(location), kReadOnly);
      REQUIRE(lock.applied());
      auto denied = f.registrar->install(f.ours, location);
      CHECK(denied.status == Status::failed);
      CHECK(denied.code == codes::registry_access_needed);
      CHECK(denied.target == location.registry_key());
      if (scope == Scope::system) {
        CHECK_THAT(denied.remedy, Catch::Contains("Run as administrator"));
        CHECK_THAT(denied.remedy, Catch::Contains("--scope user"));
      } else {
        CHECK_THAT(denied.remedy, Catch::Contains("permissions of " + location.registry_key()));
      }
      CHECK_FALSE(default_value(hive_of(location), subkey_of(location)));
    }
    f.clean(location);
  }
}

TEST_CASE("a key Postern may not read is reported, not taken for missing",
          "[registrar][windows][denied]") {
  // (A key Postern may not delete cannot be made under Wine: it grants DELETE whatever the DACL
  // says, so uninstall's ERROR_ACCESS_DENIED path is left to a Windows run.)
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const auto location = f.location("chromium", Scope::system);
  f.clean(location);
  REQUIRE(f.registrar->install(f.ours, location).status == Status::done);
  {
    postern::testing::KeyDaclLock lock(HKEY_LOCAL_MACHINE, subkey_of(location), L"D:P");
    REQUIRE(lock.applied());
    auto unreadable = f.registrar->check(f.ours, location);
    CHECK(unreadable.status == Status::failed);
    CHECK(unreadable.code == codes::registry_access_needed);
    CHECK_THAT(unreadable.cause, Catch::Contains("cannot read " + location.registry_key()));
    auto refused = f.registrar->install(f.ours, location);
    CHECK(refused.code == codes::registry_access_needed);
    auto kept = f.registrar->uninstall(f.ours, location);
    CHECK(kept.code == codes::registry_access_needed);
    CHECK(fs::exists(location.manifest_file));  // nothing removed when the key cannot be read
  }
  CHECK(f.registrar->uninstall(f.ours, location).status == Status::done);
  CHECK_FALSE(key_exists(HKEY_LOCAL_MACHINE, subkey_of(location)));
}

TEST_CASE("a profile folder outside ASCII reaches the registry intact", "[registrar][windows]") {
  // Postern's strings are UTF-8 and the registry holds UTF-16: a user "José" must get the key
  // naming C:\Users\José\..., not its UTF-8 bytes read as another code page.
  POSTERN_ONLY_UNDER_WINE();
  Fixture f;
  const fs::path base = f.dir.path() / L"Jos\u00E9 \u30E6\u30FC\u30B6";
  const fs::path host = base / "bin" / "postern-bridge.exe";
  fs::create_directories(host.parent_path());
  std::ofstream(host, std::ios::binary) << "MZ";
  HostManifest ours = f.ours;
  ours.path = utf8(host);
  auto resolved = locations_for("chrome", Os::Windows, Scope::user, f.env(base));
  REQUIRE(resolved);
  const auto& location = resolved.value().front();
  f.clean(location);

  REQUIRE(f.registrar->install(ours, location).status == Status::done);
  const auto value = default_value(HKEY_CURRENT_USER, subkey_of(location));
  REQUIRE(value);
  CHECK(*value == (base / "Local" / "Postern" / "NativeMessagingHosts" / "google-chrome" /
                   "com.postern.bridge.json")
                      .wstring());
  CHECK(fs::is_regular_file(fs::path(*value)));
  // check() follows the key to the file and the file's "path" to the host.
  CHECK(f.registrar->check(ours, location).status == Status::already);
  CHECK(f.registrar->uninstall(ours, location).status == Status::done);
  CHECK_FALSE(fs::exists(fs::path(*value)));
}

TEST_CASE("a row without a registry key is not for this registrar", "[registrar][windows]") {
  Fixture f;
  auto linux_rows = locations_for("chromium", Os::Linux, Scope::user,
                                  postern::base::fixed_environment({{"HOME", "/home/u"}}));
  REQUIRE(linux_rows);
  const auto& location = linux_rows.value().front();
  for (const auto& outcome :
       {f.registrar->check(f.ours, location), f.registrar->install(f.ours, location),
        f.registrar->uninstall(f.ours, location)}) {
    CHECK(outcome.status == Status::failed);
    CHECK(outcome.code == codes::unsupported);
  }
}
