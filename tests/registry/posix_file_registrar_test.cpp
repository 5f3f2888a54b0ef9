// The manifest-file registrar on real folders under a temp HOME: install creates the folder and
// a 0644 manifest that validates, repeats are "already", a foreign file is never overwritten or
// removed, and uninstall mirrors install.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "base/codes.hpp"
#include "host_fixture.hpp"
#include "platform/fake_runner.hpp"
#include "registry/registrar.hpp"
#include "support/temp_dir.hpp"

using namespace postern::registry;
namespace fs = std::filesystem;
namespace codes = postern::base::codes;
using postern::base::Os;
using postern::base::Status;

namespace {

struct Fixture {
  postern::testing::TempDir dir;
  fs::path home = dir / "home";
  fs::path host = dir / "opt/postern/postern-bridge";
  postern::testing::FakeRunner runner;
  postern::platform::PrivilegedRunner privileged{runner, {false, false, false}};
  std::unique_ptr<Registrar> registrar = make_os_registrar(privileged);
  HostManifest ours;
  Location user;

  Fixture() {
    ours = postern::testing::executable_host(
        host, "chrome-extension://lnaeeebhdmbelhghkhlllpkifebmpgln/");
    auto env = postern::base::fixed_environment({{"HOME", home.string()}});
    auto locations = locations_for("chromium", Os::Linux, Scope::user, env);
    REQUIRE(locations);
    REQUIRE(locations.value().size() == 1);
    user = locations.value()[0];
  }

  std::string read(const fs::path& file) const {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  void put(const std::string& text) const {
    fs::create_directories(user.folder);
    std::ofstream(user.manifest_file) << text;
  }
};

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

const char* kForeign =
    R"({"name":"com.postern.bridge","description":"someone else","path":"/usr/lib/other/host",)"
    R"("type":"stdio","allowed_origins":["chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"]})";

}  // namespace

TEST_CASE("install creates the folder and a 0644 manifest that validates; again is already",
          "[posix-registrar]") {
  Fixture f;
  CHECK(f.registrar->name() == "manifest-file");
  CHECK(f.registrar->check(f.ours, f.user).code == codes::manifest_missing);
  REQUIRE_FALSE(fs::exists(f.home / ".config"));

  auto first = f.registrar->install(f.ours, f.user);
  INFO(first.cause);
  CHECK(first.status == Status::done);
  CHECK(first.step == "install");
  CHECK(first.store == "manifest-file");
  CHECK(first.target == f.user.manifest_file.string());
  CHECK(mode_of(f.user.manifest_file) == 0644);
  // Folders Postern creates in a profile are private, as Chromium makes its user-data-dir.
  CHECK(mode_of(f.user.folder) == 0700);
  CHECK(mode_of(f.home / ".config/chromium") == 0700);

  auto parsed = parse_manifest(f.read(f.user.manifest_file), f.user.manifest_file);
  REQUIRE(parsed);
  CHECK(validate(parsed.value(), BrowserFamily::chromium, Os::Linux));
  CHECK(parsed.value().path == f.host.string());

  CHECK(f.registrar->install(f.ours, f.user).status == Status::already);
  CHECK(f.registrar->check(f.ours, f.user).status == Status::already);
  CHECK(f.runner.calls.empty());  // user scope never runs a command, let alone sudo
}

TEST_CASE("a stale manifest of ours is updated in place", "[posix-registrar]") {
  Fixture f;
  REQUIRE(f.registrar->install(f.ours, f.user).status == Status::done);
  HostManifest newer = f.ours;
  newer.allowed_origins.push_back("chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/");
  auto updated = f.registrar->install(newer, f.user);
  CHECK(updated.status == Status::done);
  CHECK_THAT(updated.cause, Catch::Contains("updated"));
  CHECK_THAT(f.read(f.user.manifest_file), Catch::Contains("bbbbbbbb"));
}

TEST_CASE("a foreign manifest is preserved and reported unless replace_foreign is set",
          "[posix-registrar]") {
  Fixture f;
  f.put(kForeign);
  auto refused = f.registrar->install(f.ours, f.user);
  CHECK(refused.status == Status::failed);
  CHECK(refused.code == codes::foreign_manifest);
  CHECK_THAT(refused.cause, Catch::Contains("/usr/lib/other/host"));
  CHECK_THAT(refused.remedy, Catch::Contains("--replace-foreign"));
  CHECK(f.read(f.user.manifest_file) == kForeign);
  CHECK(f.registrar->check(f.ours, f.user).code == codes::foreign_manifest);

  // Not JSON at all is just as foreign: it may be another tool's file we do not understand.
  f.put("garbage");
  CHECK(f.registrar->install(f.ours, f.user).code == codes::foreign_manifest);
  CHECK(f.read(f.user.manifest_file) == "garbage");

  InstallOptions replace;
  replace.replace_foreign = true;
  auto replaced = f.registrar->install(f.ours, f.user, replace);
  CHECK(replaced.status == Status::done);
  CHECK_THAT(replaced.cause, Catch::Contains("replaced"));
  CHECK(f.registrar->check(f.ours, f.user).status == Status::already);
}

TEST_CASE("uninstall removes ours, leaves foreign files, and repeats as already",
          "[posix-registrar]") {
  Fixture f;
  REQUIRE(f.registrar->install(f.ours, f.user).status == Status::done);
  auto removed = f.registrar->uninstall(f.ours, f.user);
  CHECK(removed.status == Status::done);
  CHECK(removed.step == "uninstall");
  CHECK_FALSE(fs::exists(f.user.manifest_file));
  // The empty NativeMessagingHosts folder goes too; the browser recreates it when it starts.
  CHECK_FALSE(fs::exists(f.user.folder));
  CHECK(fs::exists(f.home / ".config/chromium"));

  auto again = f.registrar->uninstall(f.ours, f.user);
  CHECK(again.status == Status::already);

  f.put(kForeign);
  auto left = f.registrar->uninstall(f.ours, f.user);
  CHECK(left.status == Status::skipped);
  CHECK(left.code == codes::foreign_manifest);
  CHECK(left.ok());
  CHECK(f.read(f.user.manifest_file) == kForeign);
}

TEST_CASE("uninstall keeps a folder that holds other hosts' manifests", "[posix-registrar]") {
  Fixture f;
  REQUIRE(f.registrar->install(f.ours, f.user).status == Status::done);
  std::ofstream(f.user.folder / "org.other.host.json") << "{}";
  CHECK(f.registrar->uninstall(f.ours, f.user).status == Status::done);
  CHECK(fs::exists(f.user.folder / "org.other.host.json"));
}

TEST_CASE("system scope goes through the privileged runner", "[posix-registrar]") {
  Fixture f;
  Location system = f.user;
  system.scope = Scope::system;
  system.folder = f.dir / "etc/chromium/native-messaging-hosts";
  system.manifest_file = system.folder / "com.postern.bridge.json";
  // The folder is writable here, so PrivilegedRunner writes it directly and runs nothing.
  auto installed = f.registrar->install(f.ours, system);
  CHECK(installed.status == Status::done);
  CHECK(installed.store == "manifest-file");
  CHECK(mode_of(system.manifest_file) == 0644);
  CHECK(f.registrar->install(f.ours, system).status == Status::already);
  CHECK(f.registrar->uninstall(f.ours, system).status == Status::done);
  CHECK_FALSE(fs::exists(system.manifest_file));
  CHECK(f.registrar->uninstall(f.ours, system).status == Status::already);
  CHECK(f.runner.calls.empty());
}

TEST_CASE("write failures are outcomes with a code, never exceptions", "[posix-registrar]") {
  Fixture f;
  // A regular file where a parent folder should be: ENOTDIR, even for root.
  fs::create_directories(f.home);
  std::ofstream(f.home / ".config") << "not a folder";
  auto outcome = f.registrar->install(f.ours, f.user);
  CHECK(outcome.status == Status::failed);
  CHECK((outcome.code == codes::file_write_failed ||
         outcome.code == codes::file_permissions_required));
  CHECK_FALSE(outcome.remedy.empty());

  HostManifest invalid = f.ours;
  invalid.path = "relative/bridge";
  auto refused = f.registrar->install(invalid, f.user);
  CHECK(refused.code == codes::manifest_invalid);
}

TEST_CASE("a Windows registry row is refused, not turned into a stray file", "[posix-registrar]") {
  Fixture f;
  auto env = postern::base::fixed_environment({{"LOCALAPPDATA", (f.dir / "local").string()}});
  auto rows = locations_for("edge", Os::Windows, Scope::user, env);
  REQUIRE(rows);
  REQUIRE(rows.value().size() == 1);
  const Location& windows = rows.value()[0];
  for (const auto& outcome :
       {f.registrar->install(f.ours, windows), f.registrar->check(f.ours, windows),
        f.registrar->uninstall(f.ours, windows)}) {
    CHECK(outcome.code == codes::unsupported);
    CHECK_THAT(outcome.target, Catch::Contains("HKCU\\Software\\Microsoft\\Edge"));
  }
  CHECK_FALSE(fs::exists(f.dir / "local"));
}
