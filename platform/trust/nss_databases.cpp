#include "platform/trust/nss_databases.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "base/codes.hpp"

namespace postern::platform::trust {

namespace fs = std::filesystem;

namespace {

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::optional<fs::path> base_dir(NssBase base, const base::Environment& env) {
  auto home = env("HOME");
  switch (base) {
    case NssBase::home:
      return home ? std::optional<fs::path>(*home) : std::nullopt;
    case NssBase::xdg_data: {
      // XDG base-directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
      auto xdg = env("XDG_DATA_HOME");
      if (xdg && fs::path(*xdg).is_absolute()) return fs::path(*xdg);
      return home ? std::optional<fs::path>(fs::path(*home) / ".local" / "share") : std::nullopt;
    }
    case NssBase::appdata: {
      auto appdata = env("APPDATA");
      return appdata ? std::optional<fs::path>(*appdata) : std::nullopt;
    }
  }
  return std::nullopt;
}

// Firefox keeps other folders beside its profiles ("Crash Reports", "Pending Pings"); a profile
// is named "<salt>.<name>" or already holds Firefox's own files.
bool looks_like_profile(const fs::path& dir) {
  return dir.filename().string().find('.') != std::string::npos || path_exists(dir / "prefs.js") ||
         path_exists(dir / "times.json");
}

void add_profiles(const NssLocation& row, const fs::path& root, NssDiscovery& found) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory(ec)) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());  // a stable order for the user and for tests
  for (const auto& dir : dirs) {
    if (path_exists(dir / "cert9.db")) {
      found.databases.push_back(NssDatabase{dir, std::string(row.browser), true, false});
    } else if (looks_like_profile(dir)) {
      base::Outcome problem = base::failed(
          "nss", "sql:" + dir.string(), std::string(base::codes::nss_db_not_initialised),
          std::string(row.browser) + " profile " + dir.string() +
              " has no certificate database (cert9.db) yet",
          "start Firefox once with this profile, then run `postern ca install --store nss`");
      problem.step = "probe";
      found.problems.push_back(std::move(problem));
    }
  }
}

void add_group(std::string_view group, base::Os os, const base::Environment& env,
               NssDiscovery& found) {
  const NssLocation* fallback = nullptr;
  std::optional<fs::path> fallback_dir;
  for (const auto& row : kNssLocations) {
    if (row.group != group || row.os != os) continue;
    auto root = base_dir(row.base, env);
    if (!root) continue;
    const fs::path dir = *root / fs::path(row.relative);
    if (row.layout == NssLayout::profiles) {
      if (is_dir(dir)) add_profiles(row, dir, found);
      continue;
    }
    if (is_dir(dir)) {
      // The first existing folder of a group is the one the browser opens, initialised or not.
      found.databases.push_back(
          NssDatabase{dir, std::string(row.browser), path_exists(dir / "cert9.db"), true});
      return;
    }
    if (row.pick == NssPick::fallback && !fallback) {
      fallback = &row;
      fallback_dir = dir;
    }
  }
  if (fallback) {
    found.databases.push_back(
        NssDatabase{*fallback_dir, std::string(fallback->browser), false, true});
  }
}

}  // namespace

NssDiscovery discover_nss_databases(const base::Environment& env, base::Os os) {
  NssDiscovery found;
  std::set<std::string_view> done;
  for (const auto& row : kNssLocations) {
    if (row.os != os || !done.insert(row.group).second) continue;
    add_group(row.group, os, env, found);
  }
  return found;
}

std::optional<fs::path> nss_target_dir(std::string_view target) {
  constexpr std::string_view prefix = "sql:";
  if (target.substr(0, prefix.size()) != prefix || target.size() == prefix.size()) {
    return std::nullopt;
  }
  return fs::path(std::string(target.substr(prefix.size())));
}

}  // namespace postern::platform::trust
