// The checks both registrars share: what is at a manifest path, and which doctor code a real
// broken manifest file produces (each made for real in a temp folder, not by a flag).
#include "registry/registrar.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "base/codes.hpp"
#include "host_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace postern::registry;
namespace fs = std::filesystem;
namespace codes = postern::base::codes;
using postern::base::Os;
using postern::base::Status;

namespace {

constexpr const char* kOrigin = "chrome-extension://lnaeeebhdmbelhghkhlllpkifebmpgln/";

struct Fixture {
  postern::testing::TempDir dir;
  fs::path host = dir / "bin/postern-bridge";
  Location location;
  HostManifest ours;

  Fixture() {
    ours = postern::testing::executable_host(host, kOrigin);
    location.browser = "chromium";
    location.display = "Chromium";
    location.folder = dir / "NativeMessagingHosts";
    location.manifest_file = location.folder / "com.postern.bridge.json";
    fs::create_directories(location.folder);
  }

  std::string bytes(const HostManifest& m) const {
    auto text = render(m, BrowserFamily::chromium, Os::Linux);
    REQUIRE(text);
    return text.value();
  }
  void put(const std::string& text) const { std::ofstream(location.manifest_file) << text; }
  postern::base::Outcome check() const {
    return check_manifest_file(location.manifest_file, ours, location, "manifest-file");
  }
};

}  // namespace

TEST_CASE("inspect_manifest_file tells ours, stale, foreign, invalid and missing apart",
          "[registrar]") {
  Fixture f;
  const std::string expected = f.bytes(f.ours);
  CHECK(inspect_manifest_file(f.location.manifest_file, f.ours, expected).state ==
        ManifestState::missing);
  f.put(expected);
  CHECK(inspect_manifest_file(f.location.manifest_file, f.ours, expected).state ==
        ManifestState::ours);

  HostManifest stale = f.ours;
  stale.description = "an older description";
  f.put(f.bytes(stale));
  CHECK(inspect_manifest_file(f.location.manifest_file, f.ours, expected).state ==
        ManifestState::ours_stale);

  HostManifest other = f.ours;
  other.path = "/usr/lib/other-app/host";
  f.put(f.bytes(other));
  auto foreign = inspect_manifest_file(f.location.manifest_file, f.ours, expected);
  CHECK(foreign.state == ManifestState::foreign);
  REQUIRE(foreign.found);
  CHECK(foreign.found->path == "/usr/lib/other-app/host");

  f.put("not json at all");
  auto invalid = inspect_manifest_file(f.location.manifest_file, f.ours, expected);
  CHECK(invalid.state == ManifestState::invalid);
  CHECK_THAT(invalid.detail, Catch::Contains(f.location.manifest_file.string()));

  fs::remove(f.location.manifest_file);
  fs::create_directories(f.location.manifest_file);  // a folder where the file should be
  CHECK(inspect_manifest_file(f.location.manifest_file, f.ours, expected).state ==
        ManifestState::unreadable);
}

TEST_CASE("check gives one doctor code per real broken state", "[registrar]") {
  Fixture f;
  CHECK(f.check().code == codes::manifest_missing);

  f.put(f.bytes(f.ours));
  auto good = f.check();
  CHECK(good.status == Status::already);
  CHECK(good.step == "check");

  f.put("{\"name\": \"com.postern.bridge\",}");  // trailing comma
  CHECK(f.check().code == codes::manifest_invalid);

  HostManifest wrong_origin = f.ours;
  wrong_origin.allowed_origins = {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"};
  f.put(f.bytes(wrong_origin));
  auto origin = f.check();
  CHECK(origin.code == codes::origin_not_allowed);
  CHECK_THAT(origin.cause, Catch::Contains(kOrigin));

  // Hand-edited to drop the trailing slash: Chromium rejects the whole file.
  f.put(std::string("{\"name\":\"com.postern.bridge\",\"description\":\"d\",\"path\":\"") +
        f.host.string() + "\",\"type\":\"stdio\",\"allowed_origins\":[\"" +
        std::string(kOrigin).substr(0, std::string(kOrigin).size() - 1) + "\"]}");
  CHECK(f.check().code == codes::manifest_invalid);

  HostManifest renamed = f.ours;
  renamed.name = "com.postern.other";
  f.put(f.bytes(renamed));
  CHECK_THAT(f.check().cause, Catch::Contains("differs from the name the browser looks up"));

  HostManifest other = f.ours;
  other.path = "/usr/lib/other-app/host";
  f.put(f.bytes(other));
  auto foreign = f.check();
  CHECK(foreign.code == codes::foreign_manifest);
  CHECK_THAT(foreign.remedy, Catch::Contains("--replace-foreign"));

  f.put(f.bytes(f.ours));
  fs::permissions(f.host, fs::perms::owner_read | fs::perms::owner_write);  // chmod -x
  CHECK(f.check().code == codes::host_not_executable);
  fs::remove(f.host);
  CHECK(f.check().code == codes::host_not_executable);
}

TEST_CASE("a stale but working manifest passes check and says so", "[registrar]") {
  Fixture f;
  HostManifest stale = f.ours;
  stale.description = "older";
  stale.allowed_origins.push_back("chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/");
  f.put(f.bytes(stale));
  auto outcome = f.check();
  CHECK(outcome.status == Status::already);
  CHECK_THAT(outcome.cause, Catch::Contains("differs"));
}

TEST_CASE("is_host_executable wants a regular file with an execute bit", "[registrar]") {
  Fixture f;
  CHECK(is_host_executable(f.host));
  CHECK_FALSE(is_host_executable(f.dir.path()));  // a directory (recipe: "path is a directory")
  CHECK_FALSE(is_host_executable(f.dir / "nothing"));
}

TEST_CASE("foreign_outcome fails an install and skips an uninstall", "[registrar]") {
  ManifestFile file;
  file.state = ManifestState::foreign;
  file.found = HostManifest{};
  file.found->path = "/usr/lib/other/host";
  auto install = foreign_outcome("manifest-file", "install", "/x.json", file, true);
  CHECK(install.status == Status::failed);
  CHECK(install.code == codes::foreign_manifest);
  CHECK_THAT(install.cause, Catch::Contains("/usr/lib/other/host"));
  auto uninstall = foreign_outcome("manifest-file", "uninstall", "/x.json", file, false);
  CHECK(uninstall.status == Status::skipped);
  CHECK(uninstall.code == codes::foreign_manifest);
  CHECK(uninstall.ok());
}

TEST_CASE("on Windows the name must match the registry key, not the file name", "[registrar]") {
  Fixture f;
  f.location.os = Os::Windows;
  f.location.hive = RegistryHive::current_user;
  f.location.registry_subkey = "Software\\Chromium\\NativeMessagingHosts\\com.postern.bridge";
  f.location.manifest_file = f.location.folder / "chromium-manifest.json";
  HostManifest windows = f.ours;
  windows.path = "C:\\Postern\\postern-bridge.exe";  // absolute for Windows
  std::ofstream(f.location.manifest_file)
      << render(windows, BrowserFamily::chromium, Os::Windows).value();
  auto outcome = check_manifest_file(f.location.manifest_file, windows, f.location, "registry");
  // No name complaint; only the host (which does not exist on this machine) is missing.
  CHECK(outcome.code == codes::host_not_executable);

  f.location.registry_subkey = "Software\\Chromium\\NativeMessagingHosts\\com.postern.other";
  CHECK(check_manifest_file(f.location.manifest_file, windows, f.location, "registry").code ==
        codes::manifest_invalid);
}
