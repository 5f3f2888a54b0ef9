#include "registry/nm_policy.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include <nlohmann/json.hpp>

#include "base/codes.hpp"
#include "base/files.hpp"

namespace postern::registry {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Chrome (every channel) reads /etc/opt/chrome, Debian's and upstream unbranded Chromium
// /etc/chromium, Edge /etc/opt/edge (Chromium's DIR_POLICY_FILES and Edge's Linux policy docs).
// Unsure: Brave's folder is reported by Brave's admin docs as /etc/brave; not checked here.
constexpr auto kPolicyTable = std::to_array<PolicyFolder>({
    {"chrome", base::Os::Linux, "/etc/opt/chrome/policies/managed"},
    {"chrome-beta", base::Os::Linux, "/etc/opt/chrome/policies/managed"},
    {"chrome-dev", base::Os::Linux, "/etc/opt/chrome/policies/managed"},
    {"chromium", base::Os::Linux, "/etc/chromium/policies/managed"},
    {"edge", base::Os::Linux, "/etc/opt/edge/policies/managed"},
    {"brave", base::Os::Linux, "/etc/brave/policies/managed"},
});

// Policy files are small; anything larger is not a policy file worth trusting.
constexpr std::size_t kMaxPolicyFile = 1024 * 1024;

struct ListValue {
  std::vector<std::string> items;
  fs::path file;
};

// The effective value of each policy we care about; later files overwrite earlier ones.
struct Merged {
  std::optional<std::pair<bool, fs::path>> user_level;
  std::optional<ListValue> blocklist;
  std::optional<ListValue> allowlist;
};

std::optional<ListValue> string_list(const json& document, std::initializer_list<const char*> keys,
                                     const fs::path& file) {
  // The first name is current; the others are the names before Chrome 86 (…Blacklist/Whitelist),
  // which Chromium still maps onto the new ones.
  for (const char* key : keys) {
    auto it = document.find(key);
    if (it == document.end() || !it->is_array()) continue;
    ListValue list{{}, file};
    for (const auto& item : *it)
      if (item.is_string()) list.items.push_back(item.get<std::string>());
    return list;
  }
  return std::nullopt;
}

void merge_file(const fs::path& file, Merged& merged) {
  auto text = base::read_file(file, kMaxPolicyFile);
  if (!text) return;
  json document = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) return;
  auto user_level = document.find("NativeMessagingUserLevelHosts");
  if (user_level != document.end() && user_level->is_boolean()) {
    merged.user_level = std::make_pair(user_level->get<bool>(), file);
  }
  if (auto list =
          string_list(document, {"NativeMessagingBlocklist", "NativeMessagingBlacklist"}, file)) {
    merged.blocklist = std::move(list);
  }
  if (auto list =
          string_list(document, {"NativeMessagingAllowlist", "NativeMessagingWhitelist"}, file)) {
    merged.allowlist = std::move(list);
  }
}

bool contains(const std::vector<std::string>& items, std::string_view value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

}  // namespace

std::span<const PolicyFolder> policy_folders() {
  return kPolicyTable;
}

NativeMessagingPolicy read_native_messaging_policy(const fs::path& folder,
                                                   std::string_view host_name) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  // Chromium's ConfigDirPolicyLoader: on conflict the file last in lexicographic order wins.
  std::sort(files.begin(), files.end());
  Merged merged;
  for (const auto& file : files)
    merge_file(file, merged);

  NativeMessagingPolicy policy;
  if (merged.user_level && !merged.user_level->first) {
    policy.user_level_disabled = PolicySource{merged.user_level->second};
  }
  const bool listed = merged.blocklist && (contains(merged.blocklist->items, "*") ||
                                           contains(merged.blocklist->items, host_name));
  const bool allowed = merged.allowlist && contains(merged.allowlist->items, host_name);
  if (listed && !allowed) policy.host_blocked = PolicySource{merged.blocklist->file};
  return policy;
}

std::vector<base::Outcome> policy_problems(const NativeMessagingPolicy& policy,
                                           std::string_view browser_display,
                                           std::string_view host_name) {
  std::vector<base::Outcome> problems;
  const std::string browser(browser_display);
  if (policy.user_level_disabled) {
    const std::string file = policy.user_level_disabled->file.string();
    auto outcome = base::failed(
        "policy", file, std::string(base::codes::nm_policy_blocked),
        "a policy in " + file + " sets NativeMessagingUserLevelHosts to false, so " + browser +
            " ignores host manifests in the user's profile",
        "install for all users with `postern setup --scope system`, or ask your administrator "
        "to allow user-level native messaging hosts");
    outcome.step = "detect";
    problems.push_back(std::move(outcome));
  }
  if (policy.host_blocked) {
    const std::string file = policy.host_blocked->file.string();
    auto outcome = base::failed(
        "policy", file, std::string(base::codes::nm_policy_blocked),
        "NativeMessagingBlocklist in " + file + " blocks " + std::string(host_name) + " in " +
            browser + ", and NativeMessagingAllowlist does not exempt it",
        "ask your administrator to add " + std::string(host_name) + " to NativeMessagingAllowlist");
    outcome.step = "detect";
    problems.push_back(std::move(outcome));
  }
  return problems;
}

}  // namespace postern::registry
