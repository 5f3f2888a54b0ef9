// Browser detection on fake installs under a temp root: executables and profiles count, a bare
// NativeMessagingHosts folder does not; snap and Flatpak installs and blocking policies are
// reported with their codes; nothing at all is CHROME_NOT_INSTALLED.
#include "registry/browser_detection.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "base/codes.hpp"
#include "registry/browser_table.hpp"
#include "support/temp_dir.hpp"

using namespace postern::registry;
namespace fs = std::filesystem;
namespace codes = postern::base::codes;
using postern::base::Os;

namespace {

struct FakeMachine {
  postern::testing::TempDir dir;
  fs::path root = dir / "root";
  fs::path home = dir / "home";

  FakeMachine() {
    fs::create_directories(root);
    fs::create_directories(home);
  }

  void file(const fs::path& absolute, const std::string& text =
                                          "\x7f"
                                          "ELF") {
    const fs::path path = absolute.is_absolute() ? absolute : root / absolute;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  }

  DetectionContext context(Os os = Os::Linux, std::map<std::string, std::string> env = {}) const {
    env.emplace("HOME", home.string());
    DetectionContext c;
    c.root = root;
    c.env = postern::base::fixed_environment(env);
    c.os = os;
    return c;
  }
};

const DetectedBrowser* find(const Detection& detection, std::string_view browser, Packaging p) {
  for (const auto& found : detection.browsers)
    if (found.browser == browser && found.packaging == p) return &found;
  return nullptr;
}

bool has_code(const DetectedBrowser& found, std::string_view code) {
  for (const auto& problem : found.problems)
    if (problem.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("an executable under the root is a native install", "[detect]") {
  FakeMachine machine;
  machine.file("usr/bin/chromium", "#!/bin/sh\nexec /usr/lib/chromium/chromium \"$@\"\n");
  auto detection = detect_browsers(machine.context());
  REQUIRE(detection.browsers.size() == 1);
  const auto& found = detection.browsers[0];
  CHECK(found.browser == "chromium");
  CHECK(found.display == "Chromium");
  CHECK(found.packaging == Packaging::native);
  CHECK(found.found_at == machine.root / "usr/bin/chromium");
  CHECK(found.problems.empty());
  CHECK(detection.outcome.ok());
  CHECK(detection.outcome.status == postern::base::Status::already);
  CHECK_THAT(detection.outcome.cause, Catch::Contains("Chromium"));
}

TEST_CASE("a profile written by the browser counts; a bare NativeMessagingHosts folder does not",
          "[detect]") {
  FakeMachine machine;
  // Another installer's leftovers: host folders for browsers that are not installed.
  fs::create_directories(machine.home / ".config/google-chrome/NativeMessagingHosts");
  fs::create_directories(machine.home / ".config/chromium/NativeMessagingHosts");
  fs::create_directories(machine.home / ".mozilla/native-messaging-hosts");
  auto none = detect_browsers(machine.context());
  CHECK(none.browsers.empty());
  CHECK(none.outcome.code == codes::chrome_not_installed);

  machine.file(machine.home / ".config/chromium/Local State", "{}");
  auto profile = detect_browsers(machine.context());
  REQUIRE(profile.browsers.size() == 1);
  CHECK(profile.browsers[0].browser == "chromium");
  CHECK(profile.browsers[0].found_at == machine.home / ".config/chromium/Local State");

  // With XDG_CONFIG_HOME set, the profile is looked for there instead.
  auto moved = detect_browsers(machine.context(Os::Linux, {{"XDG_CONFIG_HOME", "/nowhere"}}));
  CHECK(moved.browsers.empty());
}

TEST_CASE("nothing installed is CHROME_NOT_INSTALLED, listing what was looked for", "[detect]") {
  FakeMachine machine;
  auto detection = detect_browsers(machine.context());
  CHECK(detection.browsers.empty());
  CHECK_FALSE(detection.outcome.ok());
  CHECK(detection.outcome.code == codes::chrome_not_installed);
  CHECK_THAT(detection.outcome.cause, Catch::Contains("no supported browser found"));
  const std::string chromium = (machine.root / "usr/bin/chromium").string();
  CHECK_THAT(detection.outcome.cause, Catch::Contains(chromium));
  CHECK(std::find(detection.looked_for.begin(), detection.looked_for.end(), chromium) !=
        detection.looked_for.end());
  CHECK_THAT(detection.outcome.remedy, Catch::Contains("Firefox"));
}

TEST_CASE("a snap browser is BROWSER_SANDBOXED, also behind Ubuntu's wrapper script", "[detect]") {
  FakeMachine machine;
  machine.file("snap/bin/chromium");
  auto snap = detect_browsers(machine.context());
  REQUIRE(snap.browsers.size() == 1);
  const auto* found = find(snap, "chromium", Packaging::snap);
  REQUIRE(found);
  CHECK(found->display == "Chromium (snap)");
  REQUIRE(has_code(*found, codes::browser_sandboxed));
  CHECK_THAT(found->problems[0].remedy, Catch::Contains(".deb"));

  // Ubuntu's chromium-browser deb is a script that starts the snap: still one snap, no native.
  machine.file("usr/bin/chromium-browser", "#!/bin/sh\nexec /snap/bin/chromium \"$@\"\n");
  auto wrapped = detect_browsers(machine.context());
  CHECK(wrapped.browsers.size() == 1);
  CHECK(find(wrapped, "chromium", Packaging::native) == nullptr);
  CHECK(find(wrapped, "chromium", Packaging::snap) != nullptr);
}

TEST_CASE("a Flatpak browser is BROWSER_SANDBOXED with the flatpak-spawn route", "[detect]") {
  FakeMachine machine;
  fs::create_directories(machine.root / "var/lib/flatpak/app/org.mozilla.firefox/current");
  machine.file("usr/bin/google-chrome-stable");
  auto detection = detect_browsers(machine.context());
  REQUIRE(detection.browsers.size() == 2);
  const auto* firefox = find(detection, "firefox", Packaging::flatpak);
  REQUIRE(firefox);
  CHECK(firefox->family == BrowserFamily::firefox);
  REQUIRE(has_code(*firefox, codes::browser_sandboxed));
  CHECK_THAT(firefox->problems[0].remedy, Catch::Contains("flatpak-spawn --host"));
  CHECK_THAT(firefox->problems[0].remedy,
             Catch::Contains("--talk-name=org.freedesktop.Flatpak org.mozilla.firefox"));
  const auto* chrome = find(detection, "chrome", Packaging::native);
  REQUIRE(chrome);
  CHECK(chrome->problems.empty());
}

TEST_CASE("a policy file that blocks user-level hosts is NM_POLICY_BLOCKED naming it", "[detect]") {
  FakeMachine machine;
  machine.file("usr/bin/google-chrome-stable");
  machine.file("usr/bin/microsoft-edge");
  machine.file("etc/opt/chrome/policies/managed/corp.json",
               R"({"NativeMessagingUserLevelHosts": false})");
  auto detection = detect_browsers(machine.context());
  const auto* chrome = find(detection, "chrome", Packaging::native);
  REQUIRE(chrome);
  REQUIRE(has_code(*chrome, codes::nm_policy_blocked));
  CHECK(chrome->user_scope_blocked);
  CHECK(chrome->problems[0].target ==
        (machine.root / "etc/opt/chrome/policies/managed/corp.json").string());
  // Edge reads its own policy folder, which has nothing.
  const auto* edge = find(detection, "edge", Packaging::native);
  REQUIRE(edge);
  CHECK(edge->problems.empty());
  CHECK_FALSE(edge->user_scope_blocked);
}

TEST_CASE("macOS app bundles and Windows App Paths are probes like any other", "[detect]") {
  FakeMachine machine;
  fs::create_directories(machine.root / "Applications/Firefox.app/Contents/MacOS");
  auto mac = detect_browsers(machine.context(Os::MacOS));
  REQUIRE(mac.browsers.size() == 1);
  CHECK(mac.browsers[0].browser == "firefox");
  CHECK(detect_browsers(machine.context(Os::Linux)).browsers.empty());  // rows are per OS

  auto windows = machine.context(Os::Windows);
  std::vector<std::string> asked;
  windows.app_path = [&](std::string_view exe) -> std::optional<fs::path> {
    asked.emplace_back(exe);
    if (exe == "msedge.exe") return fs::path("C:/Program Files (x86)/Microsoft/Edge/msedge.exe");
    return std::nullopt;
  };
  auto found = detect_browsers(windows);
  REQUIRE(found.browsers.size() == 1);
  CHECK(found.browsers[0].browser == "edge");
  CHECK(std::find(asked.begin(), asked.end(), "chrome.exe") != asked.end());
}

TEST_CASE("every probe names a known browser and every browser has a Linux probe", "[detect]") {
  std::set<std::string_view> probed;
  for (const auto& probe : install_probes()) {
    CHECK(find_browser(probe.browser) != nullptr);
    if (probe.os == Os::Linux && probe.packaging == Packaging::native) probed.insert(probe.browser);
    // Never a NativeMessagingHosts folder: that proves nothing about an install.
    CHECK(std::string_view(probe.path).find("NativeMessagingHosts") == std::string_view::npos);
    CHECK(std::string_view(probe.path).find("native-messaging-hosts") == std::string_view::npos);
  }
  for (const auto& browser : browsers())
    CHECK(probed.count(browser.id) == 1);
  CHECK(to_string(Packaging::flatpak) == "flatpak");
}
