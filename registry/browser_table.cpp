#include "registry/browser_table.hpp"

#include <array>

#include "base/path_utf8.hpp"
#include "registry/errc.hpp"

namespace postern::registry {

namespace fs = std::filesystem;

namespace {

using base::Os;
using C = Confidence;
using F = BrowserFamily;

constexpr auto kBrowserTable = std::to_array<BrowserInfo>({
    {"chrome", "Google Chrome", F::chromium},
    {"chrome-beta", "Google Chrome Beta", F::chromium},
    {"chrome-dev", "Google Chrome Dev", F::chromium},
    {"chromium", "Chromium", F::chromium},
    {"edge", "Microsoft Edge", F::chromium},
    {"brave", "Brave", F::chromium},
    {"vivaldi", "Vivaldi", F::chromium},
    {"opera", "Opera", F::chromium},
    {"firefox", "Firefox", F::firefox},
});

// Windows keeps the manifest file itself anywhere; the key's default value names it. Postern
// keeps one file per registry key (not per browser), so browsers that share a key also share the
// file and removing one never leaves another's key pointing at a deleted file.

constexpr std::string_view kChromeKey = "Software\\Google\\Chrome\\NativeMessagingHosts\\{name}";
constexpr std::string_view kChromiumKey = "Software\\Chromium\\NativeMessagingHosts\\{name}";
constexpr std::string_view kEdgeKey = "Software\\Microsoft\\Edge\\NativeMessagingHosts\\{name}";
constexpr std::string_view kBraveKey =
    "Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\{name}";
constexpr std::string_view kVivaldiKey = "Software\\Vivaldi\\NativeMessagingHosts\\{name}";
constexpr std::string_view kMozillaKey = "Software\\Mozilla\\NativeMessagingHosts\\{name}";

// Sources: "documented" rows follow developer.chrome.com (native messaging, user data dir),
// learn.microsoft.com (Edge native messaging), MDN (native manifests) and dev.opera.com;
// "verified" rows were observed with Debian's Chromium 156 (recipe chromium-e2e §3).
constexpr auto kLocationTable = std::to_array<ManifestLocation>({
    // --- Linux. All channels of branded Chrome share /etc/opt/chrome (GOOGLE_CHROME_BRANDING in
    // chrome_paths.cc); unbranded builds use /etc/chromium.
    {"chrome", Os::Linux, Scope::user, "{chrome_config}/google-chrome/NativeMessagingHosts", "",
     C::documented},
    {"chrome", Os::Linux, Scope::system, "/etc/opt/chrome/native-messaging-hosts", "",
     C::documented},
    {"chrome-beta", Os::Linux, Scope::user,
     "{chrome_config}/google-chrome-beta/NativeMessagingHosts", "", C::documented},
    {"chrome-beta", Os::Linux, Scope::system, "/etc/opt/chrome/native-messaging-hosts", "",
     C::documented},
    {"chrome-dev", Os::Linux, Scope::user,
     "{chrome_config}/google-chrome-unstable/NativeMessagingHosts", "", C::documented},
    {"chrome-dev", Os::Linux, Scope::system, "/etc/opt/chrome/native-messaging-hosts", "",
     C::documented},
    {"chromium", Os::Linux, Scope::user, "{chrome_config}/chromium/NativeMessagingHosts", "",
     C::verified},
    // Probed by Chromium 156 (strace) but never exercised with a live host (recipe §3).
    {"chromium", Os::Linux, Scope::system, "/etc/chromium/native-messaging-hosts", "",
     C::documented},
    {"edge", Os::Linux, Scope::user, "{xdg_config}/microsoft-edge/NativeMessagingHosts", "",
     C::documented},
    {"edge", Os::Linux, Scope::system, "/etc/opt/edge/native-messaging-hosts", "", C::documented},
    // Brave ignores CHROME_CONFIG_HOME (brave-core chromium_src/chrome/common/
    // chrome_paths_linux.cc), hence {xdg_config}.
    {"brave", Os::Linux, Scope::user,
     "{xdg_config}/BraveSoftware/Brave-Browser/NativeMessagingHosts", "", C::reported},
    // Unsure: installers disagree (/etc/opt/chrome, /etc/opt/brave). brave-core leaves Chromium's
    // DIR_NATIVE_MESSAGING alone, which for an unbranded build is /etc/chromium. Both are written.
    {"brave", Os::Linux, Scope::system, "/etc/opt/chrome/native-messaging-hosts", "", C::reported},
    {"brave", Os::Linux, Scope::system, "/etc/chromium/native-messaging-hosts", "", C::inferred},
    {"vivaldi", Os::Linux, Scope::user, "{xdg_config}/vivaldi/NativeMessagingHosts", "",
     C::reported},
    // Unsure: an unbranded Chromium build reads /etc/chromium; not confirmed for Vivaldi.
    {"vivaldi", Os::Linux, Scope::system, "/etc/chromium/native-messaging-hosts", "", C::inferred},
    {"opera", Os::Linux, Scope::user, "{xdg_config}/opera/NativeMessagingHosts", "", C::reported},
    // Firefox keeps ~/.mozilla regardless of XDG_CONFIG_HOME; MDN lists both lib folders.
    {"firefox", Os::Linux, Scope::user, "{home}/.mozilla/native-messaging-hosts", "",
     C::documented},
    {"firefox", Os::Linux, Scope::system, "/usr/lib/mozilla/native-messaging-hosts", "",
     C::documented},
    {"firefox", Os::Linux, Scope::system, "/usr/lib64/mozilla/native-messaging-hosts", "",
     C::documented},

    // --- macOS
    {"chrome", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Google/Chrome/NativeMessagingHosts", "", C::documented},
    {"chrome", Os::MacOS, Scope::system, "/Library/Google/Chrome/NativeMessagingHosts", "",
     C::documented},
    {"chrome-beta", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Google/Chrome Beta/NativeMessagingHosts", "",
     C::documented},
    {"chrome-beta", Os::MacOS, Scope::system, "/Library/Google/Chrome/NativeMessagingHosts", "",
     C::documented},
    {"chrome-dev", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Google/Chrome Dev/NativeMessagingHosts", "",
     C::documented},
    {"chrome-dev", Os::MacOS, Scope::system, "/Library/Google/Chrome/NativeMessagingHosts", "",
     C::documented},
    {"chromium", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Chromium/NativeMessagingHosts", "", C::documented},
    {"chromium", Os::MacOS, Scope::system,
     "/Library/Application Support/Chromium/NativeMessagingHosts", "", C::documented},
    {"edge", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Microsoft Edge/NativeMessagingHosts", "", C::documented},
    {"edge", Os::MacOS, Scope::system, "/Library/Microsoft/Edge/NativeMessagingHosts", "",
     C::documented},
    {"brave", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts", "",
     C::reported},
    {"vivaldi", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Vivaldi/NativeMessagingHosts", "", C::reported},
    // dev.opera.com documents only the system folder, and it is Chrome's.
    {"opera", Os::MacOS, Scope::system, "/Library/Google/Chrome/NativeMessagingHosts", "",
     C::documented},
    {"firefox", Os::MacOS, Scope::user,
     "{home}/Library/Application Support/Mozilla/NativeMessagingHosts", "", C::documented},
    {"firefox", Os::MacOS, Scope::system,
     "/Library/Application Support/Mozilla/NativeMessagingHosts", "", C::documented},

    // --- Windows: every Chrome channel reads the one Google key.
    {"chrome", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"chrome", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"chrome-beta", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"chrome-beta", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"chrome-dev", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"chrome-dev", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"chromium", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\chromium", kChromiumKey, C::documented},
    {"chromium", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\chromium", kChromiumKey, C::documented},
    {"edge", Os::Windows, Scope::user, "{localappdata}\\Postern\\NativeMessagingHosts\\edge",
     kEdgeKey, C::documented},
    {"edge", Os::Windows, Scope::system, "{programdata}\\Postern\\NativeMessagingHosts\\edge",
     kEdgeKey, C::documented},
    // Unsure which key Brave and Vivaldi read: installers use either their own or Google's
    // (KeePassXC uses Google's for both). Both are written.
    {"brave", Os::Windows, Scope::user, "{localappdata}\\Postern\\NativeMessagingHosts\\brave",
     kBraveKey, C::reported},
    {"brave", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::reported},
    {"brave", Os::Windows, Scope::system, "{programdata}\\Postern\\NativeMessagingHosts\\brave",
     kBraveKey, C::reported},
    {"brave", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::reported},
    {"vivaldi", Os::Windows, Scope::user, "{localappdata}\\Postern\\NativeMessagingHosts\\vivaldi",
     kVivaldiKey, C::reported},
    {"vivaldi", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::reported},
    {"vivaldi", Os::Windows, Scope::system, "{programdata}\\Postern\\NativeMessagingHosts\\vivaldi",
     kVivaldiKey, C::reported},
    {"vivaldi", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::reported},
    // dev.opera.com: Opera reads Google Chrome's key.
    {"opera", Os::Windows, Scope::user,
     "{localappdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"opera", Os::Windows, Scope::system,
     "{programdata}\\Postern\\NativeMessagingHosts\\google-chrome", kChromeKey, C::documented},
    {"firefox", Os::Windows, Scope::user, "{localappdata}\\Postern\\NativeMessagingHosts\\firefox",
     kMozillaKey, C::documented},
    {"firefox", Os::Windows, Scope::system, "{programdata}\\Postern\\NativeMessagingHosts\\firefox",
     kMozillaKey, C::documented},
});

base::Error unresolved(std::string message) {
  return base::Error{make_error_code(errc::location_unresolved), std::move(message),
                     "set the variable, or run Postern from a normal login session"};
}

std::optional<std::string> absolute_env(const base::Environment& env, const char* name) {
  auto value = env(name);
  // XDG base-directory spec: a relative value is invalid and must be ignored. Chromium's
  // CHROME_CONFIG_HOME is used as given, but a relative one would not name a stable folder.
  if (value && !value->empty() && value->front() == '/') return value;
  return std::nullopt;
}

base::Result<std::string> placeholder(std::string_view key, const base::Environment& env,
                                      std::string_view host_name) {
  auto required = [&](const char* name) -> base::Result<std::string> {
    if (auto value = env(name)) return *value;
    return unresolved(std::string(name) + " is not set, so {" + std::string(key) +
                      "} cannot be resolved");
  };
  if (key == "name") return std::string(host_name);
  if (key == "home") return required("HOME");
  if (key == "localappdata") return required("LOCALAPPDATA");
  if (key == "programdata") return required("ProgramData");
  if (key == "xdg_config" || key == "chrome_config") {
    if (key == "chrome_config") {
      if (auto chrome = absolute_env(env, "CHROME_CONFIG_HOME")) return *chrome;
    }
    if (auto xdg = absolute_env(env, "XDG_CONFIG_HOME")) return *xdg;
    auto home = required("HOME");
    if (!home) return home;
    return home.value() + "/.config";
  }
  return unresolved("unknown placeholder {" + std::string(key) + "} in the browser table");
}

std::string_view hive_prefix(RegistryHive hive) {
  switch (hive) {
    case RegistryHive::current_user:
      return "HKCU\\";
    case RegistryHive::local_machine:
      return "HKLM\\";
    case RegistryHive::none:
      break;
  }
  return "";
}

}  // namespace

std::string_view to_string(Scope scope) {
  return scope == Scope::system ? "system" : "user";
}

std::string_view to_string(Confidence confidence) {
  switch (confidence) {
    case Confidence::verified:
      return "verified";
    case Confidence::documented:
      return "documented";
    case Confidence::reported:
      return "reported";
    case Confidence::inferred:
      return "inferred";
  }
  return "unknown";
}

std::span<const BrowserInfo> browsers() {
  return kBrowserTable;
}

std::span<const ManifestLocation> manifest_locations() {
  return kLocationTable;
}

std::string Location::registry_key() const {
  if (hive == RegistryHive::none) return {};
  return std::string(hive_prefix(hive)) + registry_subkey;
}

std::string Location::target() const {
  return hive == RegistryHive::none ? manifest_file.string() : registry_key();
}

const BrowserInfo* find_browser(std::string_view id) {
  for (const auto& browser : kBrowserTable) {
    if (browser.id == id) return &browser;
  }
  return nullptr;
}

std::vector<const ManifestLocation*> rows_for(std::string_view browser, base::Os os, Scope scope) {
  std::vector<const ManifestLocation*> rows;
  for (const auto& row : kLocationTable) {
    if (row.browser == browser && row.os == os && row.scope == scope) rows.push_back(&row);
  }
  return rows;
}

base::Result<std::string> expand_placeholders(std::string_view text, const base::Environment& env,
                                              std::string_view host_name) {
  std::string out;
  while (!text.empty()) {
    const auto open = text.find('{');
    out += text.substr(0, open);
    if (open == std::string_view::npos) break;
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) return unresolved("unclosed { in \"" + out + "\"");
    auto value = placeholder(text.substr(open + 1, close - open - 1), env, host_name);
    if (!value) return value.error();
    out += value.value();
    text.remove_prefix(close + 1);
  }
  return out;
}

base::Result<Location> resolve(const ManifestLocation& row, const base::Environment& env,
                               std::string_view host_name) {
  const BrowserInfo* browser = find_browser(row.browser);
  auto folder = expand_placeholders(row.folder, env, host_name);
  if (!folder) return folder.error();
  Location location;
  location.browser = std::string(row.browser);
  location.display = browser ? std::string(browser->display) : location.browser;
  location.family = browser ? browser->family : BrowserFamily::chromium;
  location.os = row.os;
  location.scope = row.scope;
  location.confidence = row.confidence;
  if (row.os == Os::Windows) {
    // Joined as text with Windows' separator, so Windows rows resolve the same on any host; the
    // text is UTF-8, which path(std::string) would misread on Windows (base/path_utf8.hpp).
    location.folder = base::path_from_utf8(folder.value());
    location.manifest_file =
        base::path_from_utf8(folder.value() + '\\' + manifest_file_name(host_name));
  } else {
    // A HOME or XDG_CONFIG_HOME with a trailing slash must not give "//" in what users see.
    location.folder = fs::path(folder.value()).lexically_normal();
    location.manifest_file = location.folder / manifest_file_name(host_name);
  }
  if (!row.registry_key.empty()) {
    auto subkey = expand_placeholders(row.registry_key, env, host_name);
    if (!subkey) return subkey.error();
    location.hive =
        row.scope == Scope::system ? RegistryHive::local_machine : RegistryHive::current_user;
    location.registry_subkey = subkey.value();
  }
  return location;
}

base::Result<std::vector<Location>> locations_for(std::string_view browser, base::Os os,
                                                  Scope scope, const base::Environment& env,
                                                  std::string_view host_name) {
  std::vector<Location> locations;
  for (const auto* row : rows_for(browser, os, scope)) {
    auto location = resolve(*row, env, host_name);
    if (!location) return location.error();
    locations.push_back(std::move(location.value()));
  }
  return locations;
}

}  // namespace postern::registry
