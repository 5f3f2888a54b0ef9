// Every (browser, OS, scope) row resolves to the expected folder or registry key from a fixed
// Environment; XDG_CONFIG_HOME and CHROME_CONFIG_HOME move exactly the rows they should.
#include "registry/browser_table.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "registry/errc.hpp"

using namespace postern::registry;
using postern::base::Environment;
using postern::base::fixed_environment;
using postern::base::Os;

namespace {

Environment user_env(std::map<std::string, std::string> extra = {}) {
  std::map<std::string, std::string> values{{"HOME", "/home/u"},
                                            {"LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"},
                                            {"ProgramData", "C:\\ProgramData"}};
  for (auto& [key, value] : extra)
    values[key] = value;
  return fixed_environment(values);
}

// What each row must resolve to: manifest files, and "key=<HKCU|HKLM\...>" for Windows rows.
std::vector<std::string> targets(std::string_view browser, Os os, Scope scope,
                                 const Environment& env) {
  auto locations = locations_for(browser, os, scope, env);
  REQUIRE(locations);
  std::vector<std::string> out;
  for (const auto& l : locations.value()) {
    out.push_back(l.manifest_file.string());
    if (!l.registry_key().empty()) out.push_back("key=" + l.registry_key());
  }
  return out;
}

struct Expected {
  const char* browser;
  Os os;
  Scope scope;
  std::vector<std::string> targets;
};

const std::string kFile = "/com.postern.bridge.json";
const std::string kWinUser = "C:\\Users\\u\\AppData\\Local\\Postern\\NativeMessagingHosts\\";
const std::string kWinSystem = "C:\\ProgramData\\Postern\\NativeMessagingHosts\\";
const std::string kWinFile = "\\com.postern.bridge.json";
const std::string kChromeKey = "Software\\Google\\Chrome\\NativeMessagingHosts\\com.postern.bridge";

std::vector<std::string> win(const std::string& folder, const std::string& key, Scope scope) {
  return {(scope == Scope::user ? kWinUser : kWinSystem) + folder + kWinFile,
          std::string("key=") + (scope == Scope::user ? "HKCU\\" : "HKLM\\") + key};
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::string kCfg = "/home/u/.config/";
const std::string kMac = "/home/u/Library/Application Support/";

std::vector<Expected> linux_rows() {
  const std::string chrome_system = "/etc/opt/chrome/native-messaging-hosts" + kFile;
  return {
      {"chrome", Os::Linux, Scope::user, {kCfg + "google-chrome/NativeMessagingHosts" + kFile}},
      {"chrome", Os::Linux, Scope::system, {chrome_system}},
      {"chrome-beta",
       Os::Linux,
       Scope::user,
       {kCfg + "google-chrome-beta/NativeMessagingHosts" + kFile}},
      {"chrome-beta", Os::Linux, Scope::system, {chrome_system}},
      {"chrome-dev",
       Os::Linux,
       Scope::user,
       {kCfg + "google-chrome-unstable/NativeMessagingHosts" + kFile}},
      {"chrome-dev", Os::Linux, Scope::system, {chrome_system}},
      {"chromium", Os::Linux, Scope::user, {kCfg + "chromium/NativeMessagingHosts" + kFile}},
      {"chromium", Os::Linux, Scope::system, {"/etc/chromium/native-messaging-hosts" + kFile}},
      {"edge", Os::Linux, Scope::user, {kCfg + "microsoft-edge/NativeMessagingHosts" + kFile}},
      {"edge", Os::Linux, Scope::system, {"/etc/opt/edge/native-messaging-hosts" + kFile}},
      {"brave",
       Os::Linux,
       Scope::user,
       {kCfg + "BraveSoftware/Brave-Browser/NativeMessagingHosts" + kFile}},
      {"brave",
       Os::Linux,
       Scope::system,
       {chrome_system, "/etc/chromium/native-messaging-hosts" + kFile}},
      {"vivaldi", Os::Linux, Scope::user, {kCfg + "vivaldi/NativeMessagingHosts" + kFile}},
      {"vivaldi", Os::Linux, Scope::system, {"/etc/chromium/native-messaging-hosts" + kFile}},
      {"opera", Os::Linux, Scope::user, {kCfg + "opera/NativeMessagingHosts" + kFile}},
      {"opera", Os::Linux, Scope::system, {}},
      {"firefox", Os::Linux, Scope::user, {"/home/u/.mozilla/native-messaging-hosts" + kFile}},
      {"firefox",
       Os::Linux,
       Scope::system,
       {"/usr/lib/mozilla/native-messaging-hosts" + kFile,
        "/usr/lib64/mozilla/native-messaging-hosts" + kFile}},
  };
}

std::vector<Expected> mac_rows() {
  const std::string chrome_system = "/Library/Google/Chrome/NativeMessagingHosts" + kFile;
  return {
      {"chrome", Os::MacOS, Scope::user, {kMac + "Google/Chrome/NativeMessagingHosts" + kFile}},
      {"chrome", Os::MacOS, Scope::system, {chrome_system}},
      {"chrome-beta",
       Os::MacOS,
       Scope::user,
       {kMac + "Google/Chrome Beta/NativeMessagingHosts" + kFile}},
      {"chrome-beta", Os::MacOS, Scope::system, {chrome_system}},
      {"chrome-dev",
       Os::MacOS,
       Scope::user,
       {kMac + "Google/Chrome Dev/NativeMessagingHosts" + kFile}},
      {"chrome-dev", Os::MacOS, Scope::system, {chrome_system}},
      {"chromium", Os::MacOS, Scope::user, {kMac + "Chromium/NativeMessagingHosts" + kFile}},
      {"chromium",
       Os::MacOS,
       Scope::system,
       {"/Library/Application Support/Chromium/NativeMessagingHosts" + kFile}},
      {"edge", Os::MacOS, Scope::user, {kMac + "Microsoft Edge/NativeMessagingHosts" + kFile}},
      {"edge", Os::MacOS, Scope::system, {"/Library/Microsoft/Edge/NativeMessagingHosts" + kFile}},
      {"brave",
       Os::MacOS,
       Scope::user,
       {kMac + "BraveSoftware/Brave-Browser/NativeMessagingHosts" + kFile}},
      {"brave", Os::MacOS, Scope::system, {}},
      {"vivaldi", Os::MacOS, Scope::user, {kMac + "Vivaldi/NativeMessagingHosts" + kFile}},
      {"vivaldi", Os::MacOS, Scope::system, {}},
      {"opera", Os::MacOS, Scope::user, {}},
      {"opera", Os::MacOS, Scope::system, {chrome_system}},
      {"firefox", Os::MacOS, Scope::user, {kMac + "Mozilla/NativeMessagingHosts" + kFile}},
      {"firefox",
       Os::MacOS,
       Scope::system,
       {"/Library/Application Support/Mozilla/NativeMessagingHosts" + kFile}},
  };
}

std::vector<Expected> windows_rows() {
  const std::string chromium_key = "Software\\Chromium\\NativeMessagingHosts\\com.postern.bridge";
  const std::string edge_key =
      "Software\\Microsoft\\Edge\\NativeMessagingHosts\\com.postern.bridge";
  const std::string brave_key =
      "Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\com.postern.bridge";
  const std::string vivaldi_key = "Software\\Vivaldi\\NativeMessagingHosts\\com.postern.bridge";
  const std::string mozilla_key = "Software\\Mozilla\\NativeMessagingHosts\\com.postern.bridge";
  std::vector<Expected> rows;
  for (Scope scope : {Scope::user, Scope::system}) {
    for (const char* chrome : {"chrome", "chrome-beta", "chrome-dev", "opera"})
      rows.push_back({chrome, Os::Windows, scope, win("google-chrome", kChromeKey, scope)});
    rows.push_back({"chromium", Os::Windows, scope, win("chromium", chromium_key, scope)});
    rows.push_back({"edge", Os::Windows, scope, win("edge", edge_key, scope)});
    rows.push_back(
        {"brave", Os::Windows, scope,
         concat(win("brave", brave_key, scope), win("google-chrome", kChromeKey, scope))});
    rows.push_back(
        {"vivaldi", Os::Windows, scope,
         concat(win("vivaldi", vivaldi_key, scope), win("google-chrome", kChromeKey, scope))});
    rows.push_back({"firefox", Os::Windows, scope, win("firefox", mozilla_key, scope)});
  }
  return rows;
}

std::vector<Expected> expected_rows() {
  std::vector<Expected> rows;
  for (auto part : {linux_rows(), mac_rows(), windows_rows()})
    rows.insert(rows.end(), part.begin(), part.end());
  return rows;
}

}  // namespace

TEST_CASE("every browser x OS x scope resolves to the expected folder or key", "[table]") {
  const auto env = user_env();
  const auto rows = expected_rows();
  std::size_t resolved = 0;
  for (const auto& row : rows) {
    INFO(row.browser << " " << static_cast<int>(row.os) << " " << to_string(row.scope));
    CHECK(targets(row.browser, row.os, row.scope, env) == row.targets);
    resolved += rows_for(row.browser, row.os, row.scope).size();
  }
  // The expected list covers every browser on every OS and scope, and every row of the table.
  CHECK(rows.size() == browsers().size() * 3 * 2);
  CHECK(resolved == manifest_locations().size());
}

TEST_CASE("XDG_CONFIG_HOME and CHROME_CONFIG_HOME move the Chromium-family user folders",
          "[table]") {
  const auto xdg = user_env({{"XDG_CONFIG_HOME", "/xdg"}});
  CHECK(targets("chromium", Os::Linux, Scope::user, xdg) ==
        std::vector<std::string>{"/xdg/chromium/NativeMessagingHosts" + kFile});  // recipe §3
  CHECK(targets("chrome", Os::Linux, Scope::user, xdg)[0] ==
        "/xdg/google-chrome/NativeMessagingHosts" + kFile);
  CHECK(targets("edge", Os::Linux, Scope::user, xdg)[0] ==
        "/xdg/microsoft-edge/NativeMessagingHosts" + kFile);
  CHECK(targets("brave", Os::Linux, Scope::user, xdg)[0] ==
        "/xdg/BraveSoftware/Brave-Browser/NativeMessagingHosts" + kFile);
  CHECK(targets("vivaldi", Os::Linux, Scope::user, xdg)[0] ==
        "/xdg/vivaldi/NativeMessagingHosts" + kFile);
  CHECK(targets("opera", Os::Linux, Scope::user, xdg)[0] ==
        "/xdg/opera/NativeMessagingHosts" + kFile);
  // Firefox keeps ~/.mozilla; system folders never move.
  CHECK(targets("firefox", Os::Linux, Scope::user, xdg)[0] ==
        "/home/u/.mozilla/native-messaging-hosts" + kFile);
  CHECK(targets("chromium", Os::Linux, Scope::system, xdg)[0] ==
        "/etc/chromium/native-messaging-hosts" + kFile);

  // Chromium reads CHROME_CONFIG_HOME before XDG_CONFIG_HOME; Brave's override does not.
  const auto cch = user_env({{"XDG_CONFIG_HOME", "/xdg"}, {"CHROME_CONFIG_HOME", "/cch"}});
  CHECK(targets("chromium", Os::Linux, Scope::user, cch)[0] ==
        "/cch/chromium/NativeMessagingHosts" + kFile);
  CHECK(targets("chrome", Os::Linux, Scope::user, cch)[0] ==
        "/cch/google-chrome/NativeMessagingHosts" + kFile);
  CHECK(targets("brave", Os::Linux, Scope::user, cch)[0] ==
        "/xdg/BraveSoftware/Brave-Browser/NativeMessagingHosts" + kFile);

  // Trailing slashes in the environment do not leak into the paths users see.
  const auto slashes = user_env({{"HOME", "/home/u/"}, {"XDG_CONFIG_HOME", "/xdg/"}});
  CHECK(targets("chromium", Os::Linux, Scope::user, slashes)[0] ==
        "/xdg/chromium/NativeMessagingHosts" + kFile);
  CHECK(targets("firefox", Os::Linux, Scope::user, slashes)[0] ==
        "/home/u/.mozilla/native-messaging-hosts" + kFile);

  // A relative XDG_CONFIG_HOME is invalid (XDG base-directory spec) and ignored.
  const auto relative = user_env({{"XDG_CONFIG_HOME", "relative/cfg"}});
  CHECK(targets("chromium", Os::Linux, Scope::user, relative)[0] ==
        "/home/u/.config/chromium/NativeMessagingHosts" + kFile);
}

TEST_CASE("unknown browsers and combinations have no rows", "[table]") {
  const auto env = user_env();
  CHECK(rows_for("netscape", Os::Linux, Scope::user).empty());
  CHECK(find_browser("netscape") == nullptr);
  auto none = locations_for("netscape", Os::Windows, Scope::system, env);
  REQUIRE(none);
  CHECK(none.value().empty());
  REQUIRE(find_browser("edge") != nullptr);
  CHECK(find_browser("edge")->display == "Microsoft Edge");
  CHECK(find_browser("firefox")->family == BrowserFamily::firefox);
}

TEST_CASE("the table is self-consistent", "[table]") {
  std::set<std::string_view> ids;
  for (const auto& browser : browsers())
    CHECK(ids.insert(browser.id).second);  // ids are unique
  const auto env = user_env();
  for (const auto& row : manifest_locations()) {
    INFO(row.browser << " " << row.folder);
    CHECK(ids.count(row.browser) == 1);
    CHECK((row.os == Os::Windows) == !row.registry_key.empty());  // keys exactly on Windows
    auto location = resolve(row, env);
    REQUIRE(location);
    CHECK(location.value().display == find_browser(row.browser)->display);
    if (row.os == Os::Windows) {
      CHECK(location.value().hive ==
            (row.scope == Scope::user ? RegistryHive::current_user : RegistryHive::local_machine));
      CHECK(location.value().target() == location.value().registry_key());
    } else {
      CHECK(location.value().folder.is_absolute());
      CHECK(location.value().target() == location.value().manifest_file.string());
    }
    CHECK_FALSE(to_string(row.confidence).empty());
  }
}

TEST_CASE("an unset variable or an unknown placeholder is an error, not a guess", "[table]") {
  const auto no_home = fixed_environment({});
  auto chrome = locations_for("chrome", Os::Linux, Scope::user, no_home);
  REQUIRE_FALSE(chrome);
  CHECK(chrome.error().code == errc::location_unresolved);
  CHECK_THAT(chrome.error().message, Catch::Contains("HOME"));
  // System folders need no variable at all.
  CHECK(locations_for("chrome", Os::Linux, Scope::system, no_home));
  auto windows = locations_for("edge", Os::Windows, Scope::user, no_home);
  REQUIRE_FALSE(windows);
  CHECK_THAT(windows.error().message, Catch::Contains("LOCALAPPDATA"));

  auto unknown = expand_placeholders("{nope}/x", user_env());
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.error().message, Catch::Contains("{nope}"));
  CHECK_FALSE(expand_placeholders("{home", user_env()));
  auto name = expand_placeholders("Software\\X\\{name}", user_env(), "org.example.host");
  REQUIRE(name);
  CHECK(name.value() == "Software\\X\\org.example.host");
}
