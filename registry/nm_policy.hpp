#pragma once
// Enterprise policies that stop a Chromium-family browser from starting our host, read from the
// managed-policy folders on Linux: NativeMessagingUserLevelHosts (false = user-level manifests are
// ignored) and NativeMessagingBlocklist / NativeMessagingAllowlist. The folders are data, like
// every other location (practice 4).

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/outcome.hpp"

namespace postern::registry {

/// Where one browser reads mandatory policy files (every file in the folder is JSON).
struct PolicyFolder {
  std::string_view browser;  ///< a BrowserInfo id
  base::Os os;               ///< the OS the row applies to
  std::string_view folder;   ///< absolute; put under the detection root
};

/// Every known managed-policy folder.
std::span<const PolicyFolder> policy_folders();

/// One policy value and the file it came from.
struct PolicySource {
  std::filesystem::path file;  ///< the file whose value is in effect
};

/// The native-messaging policies in effect for one host, after Chromium's merge rule (of the
/// files in a folder, the last in lexicographic order wins for each policy).
struct NativeMessagingPolicy {
  std::optional<PolicySource> user_level_disabled;  ///< NativeMessagingUserLevelHosts is false
  std::optional<PolicySource> host_blocked;  ///< the blocklist has "*" or the host, not allowed
};

/// Reads every regular file in `folder`; files that are not JSON objects are skipped, as
/// Chromium skips them. A missing folder means no policy.
NativeMessagingPolicy read_native_messaging_policy(const std::filesystem::path& folder,
                                                   std::string_view host_name);

/// NM_POLICY_BLOCKED outcomes for what `policy` forbids, naming the file and the remedy.
std::vector<base::Outcome> policy_problems(const NativeMessagingPolicy& policy,
                                           std::string_view browser_display,
                                           std::string_view host_name);

}  // namespace postern::registry
