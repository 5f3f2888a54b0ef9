// LinuxSystemStore against fake roots: every distribution row is detected from what exists, and
// install/check/uninstall run the right commands. A fake refresh tool rebuilds the bundle the way
// the real ones do (every anchor, concatenated), so the OpenSSL check sees real results.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "platform/fake_runner.hpp"
#include "platform/test_ca.hpp"
#include "platform/trust/linux_system_store.hpp"
#include "platform/trust/trust_probe.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::platform::trust;
namespace fs = std::filesystem;
using platform::PrivilegeContext;
using platform::PrivilegedRunner;
using testing::FakeRunner;

namespace {

fs::path under(const fs::path& root, std::string_view absolute) {
  return root / fs::path(absolute).relative_path();
}

// Lays out one family under `root`: its marker, its anchor folder and a fake refresh tool.
void make_layout(const fs::path& root, const LinuxTrustLayout& layout, bool with_tool = true) {
  const fs::path marker = under(root, layout.marker);
  if (marker.has_extension()) {
    fs::create_directories(marker.parent_path());
    std::ofstream(marker) << "# marker\n";
  } else {
    fs::create_directories(marker);
  }
  fs::create_directories(under(root, layout.anchor_dir));
  if (with_tool) {
    fs::create_directories(root / "usr/sbin");
    std::ofstream(root / "usr/sbin" / std::string(layout.refresh[0])) << "#!/bin/sh\n";
  }
}

const LinuxTrustLayout& row(std::string_view family) {
  for (const auto& layout : kLinuxTrustLayouts) {
    if (layout.family == family) return layout;
  }
  throw std::logic_error("no such family");
}

// What every refresh tool does, in miniature: the bundle is all anchors concatenated.
FakeRunner::Effect rebuild_bundle(const fs::path& root, const LinuxTrustLayout& layout) {
  return [root, &layout](const platform::Command&) {
    std::string bundle;
    for (const auto& entry : fs::directory_iterator(under(root, layout.anchor_dir))) {
      bundle += base::read_file(entry.path()).value();
    }
    base::write_file_atomically(under(root, layout.bundle), bundle, base::FileMode::world_read);
  };
}

}  // namespace

TEST_CASE("the distro table picks each family from what exists under the root", "[system]") {
  for (const auto& layout : kLinuxTrustLayouts) {
    DYNAMIC_SECTION(layout.family) {
      testing::TempDir root;
      make_layout(root.path(), layout);
      FakeRunner fake;
      auto match = find_linux_layout(root.path(), fake);
      REQUIRE(match);
      CHECK(match->layout->family == layout.family);
      CHECK(match->tool_found);
      PrivilegedRunner privileged(fake, PrivilegeContext{});
      LinuxSystemStore store(fake, privileged, root.path());
      auto probe = store.probe();
      CHECK(probe.present);
      CHECK(probe.targets ==
            std::vector<std::string>{under(root.path(), layout.anchor_dir).string()});
    }
  }
}

TEST_CASE("openSUSE is not mistaken for Debian although both have update-ca-certificates",
          "[system]") {
  testing::TempDir root;
  make_layout(root.path(), row("openSUSE"));
  fs::create_directories(root / "usr/local/share");  // exists on every Linux
  FakeRunner fake;
  auto match = find_linux_layout(root.path(), fake);
  REQUIRE(match);
  CHECK(match->layout->family == "openSUSE");
}

TEST_CASE("a family without its refresh tool is found, with the tool reported missing",
          "[system]") {
  testing::TempDir root;
  make_layout(root.path(), row("Fedora/RHEL"), false);
  FakeRunner fake;
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  auto probe = store.probe();
  CHECK(probe.present);
  CHECK_FALSE(probe.tool_found);
  CHECK(probe.tool == "update-ca-trust");
  CHECK(probe.install_hint == "dnf install ca-certificates");
  testing::TestCa ca;
  auto installed = store.install(ca.ref, "");
  CHECK(installed.code == base::codes::tool_missing);
  CHECK(installed.step == "install");
  CHECK(installed.store == "system");
}

TEST_CASE("no known layout means the store is not present", "[system]") {
  testing::TempDir root;
  FakeRunner fake;
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  CHECK_FALSE(find_linux_layout(root.path(), fake));
  CHECK_FALSE(store.probe().present);
  testing::TestCa ca;
  auto checked = store.check(ca.ref, "");
  CHECK(checked.code == base::codes::store_not_present);
  CHECK(checked.step == "check");
}

TEST_CASE("anchor file names come from the label", "[system]") {
  CHECK(anchor_file_name("Postern Proxy CA 0a1b2c3d4e5f6789") ==
        "postern-proxy-ca-0a1b2c3d4e5f6789.crt");
  CHECK(anchor_file_name("A/B:c") == "a-b-c.crt");
}

TEST_CASE("install writes the anchor, refreshes, and check then passes", "[system]") {
  testing::TempDir root;
  const auto& debian = row("Debian/Ubuntu");
  make_layout(root.path(), debian);
  testing::TestCa ca;
  FakeRunner fake;
  fake.on({"update-ca-certificates"}, testing::ok(), -1, rebuild_bundle(root.path(), debian));
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  const auto target = store.probe().targets.at(0);
  CHECK(target == under(root.path(), debian.anchor_dir).string());
  const fs::path file = fs::path(target) / anchor_file_name(ca.ref.label);

  auto before = store.check(ca.ref, target);
  CHECK(before.code == base::codes::ca_not_trusted);
  CHECK(before.cause.find("does not exist") != std::string::npos);

  auto installed = store.install(ca.ref, target);
  CHECK(installed.status == base::Status::done);
  CHECK(installed.target == file.string());
  CHECK(base::read_file(file).value() == ca.ref.pem);
  CHECK(fake.lines() == std::vector<std::string>{"update-ca-certificates"});
  CHECK(store.check(ca.ref, target).status == base::Status::already);

  fake.calls.clear();
  CHECK(store.install(ca.ref, target).status == base::Status::already);
  CHECK(fake.calls.empty());
}

TEST_CASE("a present anchor with a stale bundle only needs a refresh", "[system]") {
  testing::TempDir root;
  const auto& arch = row("Arch");
  make_layout(root.path(), arch);
  testing::TestCa ca;
  const fs::path file = under(root.path(), arch.anchor_dir) / anchor_file_name(ca.ref.label);
  base::write_file_atomically(file, ca.ref.pem, base::FileMode::world_read);
  const auto written_at = fs::last_write_time(file);
  FakeRunner fake;
  fake.on({"trust", "extract-compat"}, testing::ok(), -1, rebuild_bundle(root.path(), arch));
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());

  auto checked = store.check(ca.ref, "");
  CHECK(checked.code == base::codes::ca_not_trusted);
  CHECK(checked.cause.find("not rebuilt") != std::string::npos);
  CHECK(checked.remedy == "run `trust extract-compat`");

  auto installed = store.install(ca.ref, "");
  CHECK(installed.status == base::Status::done);
  CHECK(installed.cause.find("was in place") != std::string::npos);
  CHECK(fs::last_write_time(file) == written_at);
  CHECK(fake.lines() == std::vector<std::string>{"trust extract-compat"});
}

TEST_CASE("as a user without sudo, install gives the exact commands to run", "[system]") {
  testing::TempDir root;
  const auto& fedora = row("Fedora/RHEL");
  make_layout(root.path(), fedora);
  testing::TestCa ca;
  FakeRunner fake;  // no sudo, no pkexec
  PrivilegedRunner privileged(fake, PrivilegeContext{false, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  auto installed = store.install(ca.ref, "");
  // The temp root is writable, so only the refresh needs root.
  CHECK(installed.status == base::Status::failed);
  CHECK(installed.code == base::codes::privileges_required);
  CHECK(installed.remedy == "sudo update-ca-trust extract");
  CHECK(installed.store == "system");
  CHECK(installed.step == "install");
  CHECK(fake.calls.empty());
}

TEST_CASE("as a user with sudo, the refresh runs through sudo -n", "[system]") {
  testing::TempDir root;
  const auto& suse = row("openSUSE");
  make_layout(root.path(), suse);
  testing::TestCa ca;
  FakeRunner fake;
  fake.has_tool("sudo").on({"sudo", "-n", "--", "update-ca-certificates"}, testing::ok(), -1,
                           rebuild_bundle(root.path(), suse));
  PrivilegedRunner privileged(fake, PrivilegeContext{false, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  CHECK(store.install(ca.ref, "").status == base::Status::done);
  CHECK(fake.lines() == std::vector<std::string>{"sudo -n -- update-ca-certificates"});
}

TEST_CASE("uninstall removes our file and legacy copies, and is idempotent", "[system]") {
  testing::TempDir root;
  const auto& debian = row("Debian/Ubuntu");
  make_layout(root.path(), debian);
  testing::TestCa ca, other;
  const fs::path dir = under(root.path(), debian.anchor_dir);
  FakeRunner fake;
  fake.on({"update-ca-certificates"}, testing::ok(), -1, rebuild_bundle(root.path(), debian));
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  REQUIRE(store.install(ca.ref, "").status == base::Status::done);
  base::write_file_atomically(dir / "postern-rootCA.crt", ca.ref.pem, base::FileMode::world_read);
  base::write_file_atomically(dir / "postern-other.crt", other.ref.pem, base::FileMode::world_read);

  fake.calls.clear();
  auto removed = store.uninstall(ca.ref, "");
  CHECK(removed.status == base::Status::done);
  CHECK(removed.step == "uninstall");
  CHECK_FALSE(fs::exists(dir / anchor_file_name(ca.ref.label)));
  CHECK_FALSE(fs::exists(dir / "postern-rootCA.crt"));
  CHECK(fs::exists(dir / "postern-other.crt"));  // another CA's file is not ours to remove
  CHECK(fake.lines() == std::vector<std::string>{"update-ca-certificates"});
  CHECK(store.check(ca.ref, "").code == base::codes::ca_not_trusted);

  fake.calls.clear();
  CHECK(store.uninstall(ca.ref, "").status == base::Status::already);
  CHECK(fake.calls.empty());
}

TEST_CASE("uninstall reports a copy it did not write that keeps the CA trusted", "[system]") {
  testing::TempDir root;
  const auto& debian = row("Debian/Ubuntu");
  make_layout(root.path(), debian);
  testing::TestCa ca;
  const fs::path dir = under(root.path(), debian.anchor_dir);
  FakeRunner fake;
  fake.on({"update-ca-certificates"}, testing::ok(), -1, rebuild_bundle(root.path(), debian));
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  REQUIRE(store.install(ca.ref, "").status == base::Status::done);
  base::write_file_atomically(dir / "my-company.crt", ca.ref.pem, base::FileMode::world_read);
  auto removed = store.uninstall(ca.ref, "");
  CHECK(removed.code == base::codes::ca_still_trusted);
  CHECK(fs::exists(dir / "my-company.crt"));
}

TEST_CASE("a target that is not this system's anchor folder is refused", "[system]") {
  testing::TempDir root;
  make_layout(root.path(), row("Debian/Ubuntu"));
  testing::TestCa ca;
  FakeRunner fake;
  PrivilegedRunner privileged(fake, PrivilegeContext{true, false, false});
  LinuxSystemStore store(fake, privileged, root.path());
  auto outcome = store.uninstall(ca.ref, "/etc/pki/ca-trust/source/anchors");
  CHECK(outcome.code == base::codes::store_not_present);
  CHECK(outcome.step == "uninstall");
}

// Runs against the machine's real anchor folder and update-ca-certificates. Hidden: only run
// inside a private mount namespace (see the unshare recipe in the report), with
// POSTERN_TEST_REAL_SYSTEM_STORE=1 as a second guard.
TEST_CASE("real update-ca-certificates in a private mount namespace", "[.system-real]") {
  const char* allowed = std::getenv("POSTERN_TEST_REAL_SYSTEM_STORE");
  REQUIRE(allowed != nullptr);
  REQUIRE(std::string(allowed) == "1");
  testing::TestCa ca;
  auto& runner = platform::system_runner();
  PrivilegedRunner privileged(runner, PrivilegeContext::detect(base::process_environment()));
  LinuxSystemStore store(runner, privileged);
  auto probe = store.probe();
  REQUIRE(probe.present);
  REQUIRE(probe.tool_found);
  CHECK(store.check(ca.ref, "").code == base::codes::ca_not_trusted);
  auto installed = store.install(ca.ref, "");
  INFO(installed.cause << " / " << installed.remedy);
  REQUIRE(installed.status == base::Status::done);
  CHECK(store.check(ca.ref, "").status == base::Status::already);
  CHECK(store.install(ca.ref, "").status == base::Status::already);
  // What a TLS client with the default anchors sees: a real handshake on 127.0.0.1.
  certs::CertStore leaves(ca.ca);
  CHECK(probe_tls_trust(leaves, TlsProbeOptions{}).status == base::Status::already);
  auto removed = store.uninstall(ca.ref, "");
  INFO(removed.cause);
  CHECK(removed.status == base::Status::done);
  CHECK(store.check(ca.ref, "").code == base::codes::ca_not_trusted);
  CHECK(probe_tls_trust(leaves, TlsProbeOptions{}).code == base::codes::ca_not_trusted);
  CHECK(store.uninstall(ca.ref, "").status == base::Status::already);
}
