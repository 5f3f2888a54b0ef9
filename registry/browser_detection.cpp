#include "registry/browser_detection.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>

#include "base/codes.hpp"
#include "base/path_utf8.hpp"
#include "registry/browser_table.hpp"
#include "registry/nm_policy.hpp"

namespace postern::registry {

namespace fs = std::filesystem;

namespace {

using base::Os;
using K = ProbeKind;
using P = Packaging;

// Executables first (a program proves an install), then the file each browser writes into its
// profile on first run ("Local State" for the Chromium family, profiles.ini for Firefox). A bare
// NativeMessagingHosts folder proves nothing: other installers create it for every browser.
constexpr auto kProbeTable = std::to_array<InstallProbe>({
    // --- Linux, native packages (Debian/Ubuntu/Fedora names and the vendors' /opt trees)
    {"chrome", Os::Linux, P::native, K::executable, "/usr/bin/google-chrome-stable"},
    {"chrome", Os::Linux, P::native, K::executable, "/usr/bin/google-chrome"},
    {"chrome", Os::Linux, P::native, K::executable, "/opt/google/chrome/chrome"},
    {"chrome", Os::Linux, P::native, K::profile, "{chrome_config}/google-chrome/Local State"},
    {"chrome-beta", Os::Linux, P::native, K::executable, "/usr/bin/google-chrome-beta"},
    {"chrome-beta", Os::Linux, P::native, K::executable, "/opt/google/chrome-beta/chrome"},
    {"chrome-beta", Os::Linux, P::native, K::profile,
     "{chrome_config}/google-chrome-beta/Local State"},
    {"chrome-dev", Os::Linux, P::native, K::executable, "/usr/bin/google-chrome-unstable"},
    {"chrome-dev", Os::Linux, P::native, K::executable, "/opt/google/chrome-unstable/chrome"},
    {"chrome-dev", Os::Linux, P::native, K::profile,
     "{chrome_config}/google-chrome-unstable/Local State"},
    {"chromium", Os::Linux, P::native, K::executable, "/usr/bin/chromium"},
    {"chromium", Os::Linux, P::native, K::executable, "/usr/lib/chromium/chromium"},
    {"chromium", Os::Linux, P::native, K::executable, "/usr/bin/chromium-browser"},
    {"chromium", Os::Linux, P::native, K::executable,
     "/usr/lib64/chromium-browser/chromium-browser"},
    {"chromium", Os::Linux, P::native, K::profile, "{chrome_config}/chromium/Local State"},
    {"edge", Os::Linux, P::native, K::executable, "/usr/bin/microsoft-edge"},
    {"edge", Os::Linux, P::native, K::executable, "/usr/bin/microsoft-edge-stable"},
    {"edge", Os::Linux, P::native, K::executable, "/opt/microsoft/msedge/msedge"},
    {"edge", Os::Linux, P::native, K::profile, "{xdg_config}/microsoft-edge/Local State"},
    {"brave", Os::Linux, P::native, K::executable, "/usr/bin/brave-browser"},
    {"brave", Os::Linux, P::native, K::executable, "/opt/brave.com/brave/brave"},
    {"brave", Os::Linux, P::native, K::profile,
     "{xdg_config}/BraveSoftware/Brave-Browser/Local State"},
    {"vivaldi", Os::Linux, P::native, K::executable, "/usr/bin/vivaldi"},
    {"vivaldi", Os::Linux, P::native, K::executable, "/opt/vivaldi/vivaldi"},
    {"vivaldi", Os::Linux, P::native, K::profile, "{xdg_config}/vivaldi/Local State"},
    {"opera", Os::Linux, P::native, K::executable, "/usr/bin/opera"},
    {"opera", Os::Linux, P::native, K::profile, "{xdg_config}/opera/Local State"},
    {"firefox", Os::Linux, P::native, K::executable, "/usr/bin/firefox"},
    {"firefox", Os::Linux, P::native, K::executable, "/usr/lib/firefox/firefox"},
    {"firefox", Os::Linux, P::native, K::executable, "/usr/lib64/firefox/firefox"},
    {"firefox", Os::Linux, P::native, K::profile, "{home}/.mozilla/firefox/profiles.ini"},
    // --- Linux, snap (the ~/snap/<name> folder appears once the snap has run)
    {"chromium", Os::Linux, P::snap, K::executable, "/snap/bin/chromium"},
    {"chromium", Os::Linux, P::snap, K::profile, "{home}/snap/chromium"},
    {"brave", Os::Linux, P::snap, K::executable, "/snap/bin/brave"},
    {"opera", Os::Linux, P::snap, K::executable, "/snap/bin/opera"},
    {"vivaldi", Os::Linux, P::snap, K::executable, "/snap/bin/vivaldi"},
    {"firefox", Os::Linux, P::snap, K::executable, "/snap/bin/firefox"},
    {"firefox", Os::Linux, P::snap, K::profile, "{home}/snap/firefox"},
    // --- Linux, Flatpak: system and per-user installations, then the app's private home
    {"chrome", Os::Linux, P::flatpak, K::executable, "/var/lib/flatpak/app/com.google.Chrome"},
    {"chrome", Os::Linux, P::flatpak, K::executable, "{xdg_data}/flatpak/app/com.google.Chrome"},
    {"chrome", Os::Linux, P::flatpak, K::profile, "{home}/.var/app/com.google.Chrome"},
    {"chromium", Os::Linux, P::flatpak, K::executable,
     "/var/lib/flatpak/app/org.chromium.Chromium"},
    {"chromium", Os::Linux, P::flatpak, K::executable,
     "{xdg_data}/flatpak/app/org.chromium.Chromium"},
    {"chromium", Os::Linux, P::flatpak, K::profile, "{home}/.var/app/org.chromium.Chromium"},
    {"edge", Os::Linux, P::flatpak, K::executable, "/var/lib/flatpak/app/com.microsoft.Edge"},
    {"edge", Os::Linux, P::flatpak, K::profile, "{home}/.var/app/com.microsoft.Edge"},
    {"brave", Os::Linux, P::flatpak, K::executable, "/var/lib/flatpak/app/com.brave.Browser"},
    {"brave", Os::Linux, P::flatpak, K::profile, "{home}/.var/app/com.brave.Browser"},
    {"vivaldi", Os::Linux, P::flatpak, K::executable, "/var/lib/flatpak/app/com.vivaldi.Vivaldi"},
    {"opera", Os::Linux, P::flatpak, K::executable, "/var/lib/flatpak/app/com.opera.Opera"},
    {"firefox", Os::Linux, P::flatpak, K::executable, "/var/lib/flatpak/app/org.mozilla.firefox"},
    {"firefox", Os::Linux, P::flatpak, K::executable, "{xdg_data}/flatpak/app/org.mozilla.firefox"},
    {"firefox", Os::Linux, P::flatpak, K::profile, "{home}/.var/app/org.mozilla.firefox"},
    // --- macOS: the app bundles, system-wide or in ~/Applications
    {"chrome", Os::MacOS, P::native, K::executable, "/Applications/Google Chrome.app"},
    {"chrome", Os::MacOS, P::native, K::executable, "{home}/Applications/Google Chrome.app"},
    {"chrome-beta", Os::MacOS, P::native, K::executable, "/Applications/Google Chrome Beta.app"},
    {"chrome-dev", Os::MacOS, P::native, K::executable, "/Applications/Google Chrome Dev.app"},
    {"chromium", Os::MacOS, P::native, K::executable, "/Applications/Chromium.app"},
    {"edge", Os::MacOS, P::native, K::executable, "/Applications/Microsoft Edge.app"},
    {"brave", Os::MacOS, P::native, K::executable, "/Applications/Brave Browser.app"},
    {"vivaldi", Os::MacOS, P::native, K::executable, "/Applications/Vivaldi.app"},
    {"opera", Os::MacOS, P::native, K::executable, "/Applications/Opera.app"},
    {"firefox", Os::MacOS, P::native, K::executable, "/Applications/Firefox.app"},
    // --- Windows: App Paths first (every installer registers one), then the default folders
    {"chrome", Os::Windows, P::native, K::app_path, "chrome.exe"},
    {"chrome", Os::Windows, P::native, K::executable,
     "{programfiles}\\Google\\Chrome\\Application\\chrome.exe"},
    {"chrome", Os::Windows, P::native, K::executable,
     "{programfiles_x86}\\Google\\Chrome\\Application\\chrome.exe"},
    {"chrome", Os::Windows, P::native, K::executable,
     "{localappdata}\\Google\\Chrome\\Application\\chrome.exe"},
    {"chrome-beta", Os::Windows, P::native, K::executable,
     "{programfiles}\\Google\\Chrome Beta\\Application\\chrome.exe"},
    {"chrome-dev", Os::Windows, P::native, K::executable,
     "{programfiles}\\Google\\Chrome Dev\\Application\\chrome.exe"},
    {"chromium", Os::Windows, P::native, K::executable,
     "{localappdata}\\Chromium\\Application\\chrome.exe"},
    {"edge", Os::Windows, P::native, K::app_path, "msedge.exe"},
    {"edge", Os::Windows, P::native, K::executable,
     "{programfiles_x86}\\Microsoft\\Edge\\Application\\msedge.exe"},
    {"brave", Os::Windows, P::native, K::app_path, "brave.exe"},
    {"brave", Os::Windows, P::native, K::executable,
     "{programfiles}\\BraveSoftware\\Brave-Browser\\Application\\brave.exe"},
    {"vivaldi", Os::Windows, P::native, K::executable,
     "{localappdata}\\Vivaldi\\Application\\vivaldi.exe"},
    {"opera", Os::Windows, P::native, K::executable, "{localappdata}\\Programs\\Opera\\opera.exe"},
    {"firefox", Os::Windows, P::native, K::app_path, "firefox.exe"},
    {"firefox", Os::Windows, P::native, K::executable,
     "{programfiles}\\Mozilla Firefox\\firefox.exe"},
});

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// Ubuntu's chromium-browser and firefox debs install a small shell script that starts the snap;
// finding that script means a snap browser, not a native one.
bool is_snap_wrapper(const fs::path& executable) {
  std::ifstream in(executable, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.rfind("#!", 0) == 0 && head.find("/snap/") != std::string::npos;
}

std::optional<std::string> probe_var(std::string_view key, const DetectionContext& context) {
  auto from = [&](const char* name) { return context.env(name); };
  if (key == "programfiles") return from("ProgramFiles");
  if (key == "programfiles_x86") return from("ProgramFiles(x86)");
  if (key == "xdg_data") {
    auto xdg = from("XDG_DATA_HOME");
    if (xdg && xdg->front() == '/') return xdg;
    auto home = from("HOME");
    return home ? std::optional<std::string>(*home + "/.local/share") : std::nullopt;
  }
  return std::nullopt;
}

// The probe's path, or nullopt when a variable it needs is unset (that probe is skipped).
std::optional<fs::path> probe_path(const InstallProbe& probe, const DetectionContext& context) {
  std::string_view text = probe.path;
  if (!text.empty() && text.front() == '/') {
    return (context.root / fs::path(text).relative_path()).lexically_normal();
  }
  // Detection-only placeholders first, then the browser table's.
  std::string expanded(text);
  for (std::string_view key : {"programfiles_x86", "programfiles", "xdg_data"}) {
    const std::string token = "{" + std::string(key) + "}";
    const auto at = expanded.find(token);
    if (at == std::string::npos) continue;
    auto value = probe_var(key, context);
    if (!value) return std::nullopt;
    expanded.replace(at, token.size(), *value);
  }
  auto resolved = expand_placeholders(expanded, context.env, context.host_name);
  if (!resolved) return std::nullopt;
  return base::path_from_utf8(resolved.value());
}

std::optional<fs::path> run_probe(const InstallProbe& probe, const DetectionContext& context,
                                  std::vector<std::string>& looked_for) {
  if (probe.kind == K::app_path) {
    if (!context.app_path) return std::nullopt;
    looked_for.push_back("App Paths\\" + std::string(probe.path));
    return context.app_path(probe.path);
  }
  auto path = probe_path(probe, context);
  if (!path) return std::nullopt;
  looked_for.push_back(path->string());
  if (!path_exists(*path)) return std::nullopt;
  return path;
}

// The remedy for a sandboxed browser. Unsure: the Firefox snap's WebExtensions portal route
// (widget.use-xdg-desktop-portal.native-messaging) was not tried here.
base::Outcome sandboxed(const DetectedBrowser& found, std::string_view browser) {
  std::string cause;
  std::string remedy;
  if (found.packaging == P::snap) {
    cause = found.display +
            " is a snap: its confinement stops it from starting programs "
            "outside the snap, so it cannot run the Postern bridge";
    remedy = "install " + std::string(browser) + " from a .deb/.rpm package instead";
    if (found.family == BrowserFamily::firefox) {
      remedy +=
          ", or let Firefox reach the bridge through the desktop portal (about:config: "
          "widget.use-xdg-desktop-portal.native-messaging = 1) and allow it when asked";
    }
  } else {
    // Every Flatpak probe ends in the app ID (".../app/<id>" or "~/.var/app/<id>").
    const std::string app = found.found_at.filename().string();
    cause = found.display +
            " is a Flatpak: its sandbox cannot start programs on the host, so "
            "it cannot run the Postern bridge";
    remedy = "install " + std::string(browser) +
             " from a native package instead, or run `flatpak override --user "
             "--talk-name=org.freedesktop.Flatpak " +
             app +
             "` and register a wrapper that starts the bridge with `flatpak-spawn --host` "
             "in ~/.var/app/" +
             app + "'s profile";
  }
  auto outcome =
      base::failed("browsers", found.found_at.string(), std::string(base::codes::browser_sandboxed),
                   std::move(cause), std::move(remedy));
  outcome.step = "detect";
  return outcome;
}

void add_policy_problems(DetectedBrowser& found, const DetectionContext& context) {
  for (const auto& row : policy_folders()) {
    if (row.browser != found.browser || row.os != context.os) continue;
    const fs::path folder =
        (context.root / fs::path(row.folder).relative_path()).lexically_normal();
    auto policy = read_native_messaging_policy(folder, context.host_name);
    if (policy.user_level_disabled) found.user_scope_blocked = true;
    for (auto& problem : policy_problems(policy, found.display, context.host_name))
      found.problems.push_back(std::move(problem));
  }
}

std::string packaged_name(const BrowserInfo& info, Packaging packaging) {
  std::string name(info.display);
  if (packaging == P::snap) name += " (snap)";
  if (packaging == P::flatpak) name += " (Flatpak)";
  return name;
}

// Tries every probe of one (browser, packaging); the first that exists wins.
std::optional<DetectedBrowser> detect_one(const BrowserInfo& info, Packaging packaging,
                                          const DetectionContext& context,
                                          std::vector<std::string>& looked_for) {
  for (const auto& probe : kProbeTable) {
    if (probe.browser != info.id || probe.os != context.os || probe.packaging != packaging) {
      continue;
    }
    auto path = run_probe(probe, context, looked_for);
    if (!path) continue;
    DetectedBrowser found;
    found.packaging = packaging;
    if (packaging == P::native && probe.kind == K::executable && is_snap_wrapper(*path)) {
      found.packaging = P::snap;
    }
    found.browser = std::string(info.id);
    found.display = packaged_name(info, found.packaging);
    found.family = info.family;
    found.found_at = *path;
    if (found.packaging != P::native) found.problems.push_back(sandboxed(found, info.display));
    add_policy_problems(found, context);
    return found;
  }
  return std::nullopt;
}

std::string found_list(const std::vector<DetectedBrowser>& browsers) {
  std::string list;
  for (const auto& found : browsers) {
    if (!list.empty()) list += ", ";
    list += found.display + " (" + found.found_at.string() + ")";
  }
  return list;
}

}  // namespace

std::string_view to_string(Packaging packaging) {
  switch (packaging) {
    case P::native:
      return "native";
    case P::snap:
      return "snap";
    case P::flatpak:
      return "flatpak";
  }
  return "unknown";
}

std::span<const InstallProbe> install_probes() {
  return kProbeTable;
}

Detection detect_browsers(const DetectionContext& context) {
  Detection detection;
  for (const auto& info : browsers()) {
    for (auto packaging : {P::native, P::snap, P::flatpak}) {
      auto found = detect_one(info, packaging, context, detection.looked_for);
      // A wrapper script can turn a "native" probe into a snap already reported by /snap/bin.
      const bool duplicate =
          found && std::any_of(detection.browsers.begin(), detection.browsers.end(),
                               [&](const DetectedBrowser& seen) {
                                 return seen.browser == found->browser &&
                                        seen.packaging == found->packaging;
                               });
      if (found && !duplicate) detection.browsers.push_back(std::move(*found));
    }
  }
  if (detection.browsers.empty()) {
    std::string looked;
    for (const auto& path : detection.looked_for)
      looked += (looked.empty() ? "" : ", ") + path;
    detection.outcome = base::failed(
        "browsers", "", std::string(base::codes::chrome_not_installed),
        "no supported browser found; looked for: " + looked,
        "install Google Chrome, Chromium, Microsoft Edge, Brave, Vivaldi, Opera or Firefox, start "
        "it once, then run `postern setup` again");
  } else {
    detection.outcome = base::already("browsers", "", "found " + found_list(detection.browsers));
  }
  detection.outcome.step = "detect";
  return detection;
}

}  // namespace postern::registry
