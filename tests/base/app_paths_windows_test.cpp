// Where Postern's files go on Windows, checked against the shell's known folders: Postern reads
// %APPDATA%, %LOCALAPPDATA% and %ProgramData% (app_paths.cpp, browser_table.cpp), and those must
// name the folders SHGetKnownFolderPath gives. Wine makes them for its own user (recipe §2c).
#include <windows.h>

#include <shlobj.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "base/app_paths.hpp"
#include "registry/browser_table.hpp"

using namespace postern;
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> known_folder(REFKNOWNFOLDERID id) {
  PWSTR path = nullptr;
  const HRESULT result = ::SHGetKnownFolderPath(id, 0, nullptr, &path);
  std::optional<fs::path> folder;
  if (SUCCEEDED(result)) folder = fs::path(path);
  ::CoTaskMemFree(path);
  return folder;
}

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

// Runs with POSTERN_HOME unset, whatever the caller's environment holds (_putenv updates both
// the C runtime's copy, which getenv reads, and the process's).
struct NoPosternHome {
  NoPosternHome() { ::_putenv("POSTERN_HOME="); }
};

}  // namespace

TEST_CASE("the known folders exist and match the variables Postern reads", "[paths][windows]") {
  const struct {
    const KNOWNFOLDERID* id;
    const char* variable;
  } folders[] = {
      {&FOLDERID_RoamingAppData, "APPDATA"},    {&FOLDERID_LocalAppData, "LOCALAPPDATA"},
      {&FOLDERID_ProgramData, "ProgramData"},   {&FOLDERID_Profile, "USERPROFILE"},
      {&FOLDERID_ProgramFiles, "ProgramFiles"},
  };
  for (const auto& folder : folders) {
    INFO(folder.variable);
    const auto path = known_folder(*folder.id);
    REQUIRE(path);
    CHECK(path->is_absolute());
    CHECK(fs::is_directory(*path));
    const char* value = std::getenv(folder.variable);
    REQUIRE(value);
    CHECK(same_folder(*path, value));
  }
}

TEST_CASE("Postern's config and data folders are under the user's known folders",
          "[paths][windows]") {
  NoPosternHome unset;
  auto paths = base::current_app_paths();
  REQUIRE(paths);
  const auto roaming = known_folder(FOLDERID_RoamingAppData);
  const auto local = known_folder(FOLDERID_LocalAppData);
  REQUIRE(roaming);
  REQUIRE(local);
  CHECK(same_folder(paths.value().config.parent_path(), *roaming));
  CHECK(paths.value().config.filename() == "Postern");
  CHECK(same_folder(paths.value().data.parent_path(), *local));
  CHECK(paths.value().data.filename() == "Postern");
  CHECK(paths.value().runtime == paths.value().data / "run");
  CHECK(paths.value().ledger_file() == paths.value().config / "install-ledger.json");

  // The folders can be made and used.
  std::error_code ec;
  fs::create_directories(paths.value().proxy_dir(), ec);
  CHECK_FALSE(ec);
  CHECK(fs::is_directory(paths.value().proxy_dir()));
  fs::remove_all(paths.value().config, ec);
}

TEST_CASE("the browser table's Windows folders resolve under the known folders",
          "[paths][windows]") {
  const auto local = known_folder(FOLDERID_LocalAppData);
  const auto program_data = known_folder(FOLDERID_ProgramData);
  REQUIRE(local);
  REQUIRE(program_data);
  auto user = registry::locations_for("chrome", base::Os::Windows, registry::Scope::user,
                                      base::process_environment());
  auto machine = registry::locations_for("chrome", base::Os::Windows, registry::Scope::system,
                                         base::process_environment());
  REQUIRE(user);
  REQUIRE(machine);
  // {localappdata}\Postern\NativeMessagingHosts\google-chrome, {programdata}\... likewise.
  CHECK(same_folder(user.value().front().folder.parent_path().parent_path().parent_path(), *local));
  CHECK(same_folder(machine.value().front().folder.parent_path().parent_path().parent_path(),
                    *program_data));
}
