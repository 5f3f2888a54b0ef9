#include "wizard/setup/manifest_step.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "base/files.hpp"
#include "platform/privileged.hpp"
#include "registry/host_manifest.hpp"
#include "support/temp_dir.hpp"
#include "wizard/setup/install_ledger.hpp"

using namespace postern;
using postern::testing::TempDir;

namespace {

struct Fixture {
  TempDir dir;
  base::Environment env = base::fixed_environment({{"HOME", (dir / "home").string()}});
  platform::PrivilegedRunner privileged{platform::system_runner(), platform::PrivilegeContext{}};
  std::unique_ptr<registry::Registrar> registrar = registry::make_os_registrar(privileged);
  std::filesystem::path bridge = dir / "data/bin/postern-bridge";
  std::filesystem::path ledger = dir / "config/install-ledger.json";
  registry::Location location;

  Fixture() {
    REQUIRE(base::write_file_atomically(bridge, "#!/bin/sh\n", base::FileMode::executable));
    std::filesystem::create_directories(dir / "home/.config/chromium");
    auto found = registry::locations_for("chromium", base::Os::Linux, registry::Scope::user, env);
    REQUIRE(found);
    REQUIRE_FALSE(found.value().empty());
    location = found.value().front();
  }
  setup::ManifestStep step() { return setup::ManifestStep(*registrar, location, bridge, ledger); }
};

}  // namespace

TEST_CASE("the manifest step writes a valid manifest for the extension and records it",
          "[setup][manifest]") {
  Fixture fx;
  auto step = fx.step();
  CHECK(step.check().status == base::Status::skipped);
  auto applied = step.apply();
  REQUIRE(applied.ok());
  const auto file = fx.dir / "home/.config/chromium/NativeMessagingHosts/com.postern.bridge.json";
  auto text = base::read_file(file);
  REQUIRE(text);
  auto manifest = registry::parse_manifest(text.value(), file.string());
  REQUIRE(manifest);
  CHECK(manifest.value().path == fx.bridge.string());
  CHECK(manifest.value().allowed_origins ==
        std::vector<std::string>{"chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/"});
  CHECK(step.check().status == base::Status::already);
  CHECK(step.apply().status == base::Status::already);

  auto entries = setup::InstallLedger::load(fx.ledger).value().entries_of(setup::kManifestEntry);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].store == "chromium");
  CHECK(entries[0].target == file.string());
  CHECK(entries[0].details.at("scope") == "user");
  CHECK(entries[0].details.at("bridge") == fx.bridge.string());

  CHECK(step.revert().status == base::Status::done);
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(setup::InstallLedger::load(fx.ledger).value().entries().empty());
}

TEST_CASE("reset's manifest undo rebuilds the location from the ledger", "[setup][manifest]") {
  Fixture fx;
  REQUIRE(fx.step().apply().ok());
  auto entry =
      setup::InstallLedger::load(fx.ledger).value().entries_of(setup::kManifestEntry).at(0);
  auto undo = setup::manifest_undo(*fx.registrar, fx.env);
  CHECK(undo(entry).status == base::Status::done);
  CHECK_FALSE(std::filesystem::exists(entry.target));
  CHECK(undo(entry).status == base::Status::already);
}

TEST_CASE("a foreign manifest is kept, reported, and not recorded as ours", "[setup][manifest]") {
  Fixture fx;
  const auto file = fx.location.manifest_file;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file)
      << R"({"name":"com.postern.bridge","description":"x","path":"/opt/other/host","type":"stdio","allowed_origins":[]})";
  auto applied = fx.step().apply();
  CHECK(applied.status == base::Status::failed);
  CHECK(applied.code == "FOREIGN_MANIFEST");
  CHECK(base::read_file(file).value().find("/opt/other/host") != std::string::npos);
  CHECK(setup::InstallLedger::load(fx.ledger).value().entries().empty());
}
