#pragma once
// The list of trust stores the engine walks, in a fixed order per OS (practice 1), and the names
// `--store` accepts.

#include <array>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/outcome.hpp"
#include "platform/command_runner.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/trust_store.hpp"

namespace postern::platform::trust {

/// A store name and where it exists.
struct StoreInfo {
  std::string_view name;         ///< what `--store` takes and the ledger records
  std::array<bool, 3> on_os;     ///< available on Linux, macOS, Windows (base::Os order)
  std::string_view description;  ///< one line for help and errors
};

/// Every store Postern knows, on any OS, in the order the engine walks them.
inline constexpr std::array<StoreInfo, 4> kKnownStores{{
    {"system", {true, false, false}, "the Linux system bundle (update-ca-certificates and kin)"},
    {"macos-keychain", {false, true, false}, "the macOS System keychain"},
    {"windows-root", {false, false, true}, "the Windows ROOT certificate store"},
    {"nss", {true, true, true}, "NSS databases of Chromium (Linux) and Firefox"},
}};

/// Every known store name, in kKnownStores order.
std::vector<std::string_view> known_store_names();

/// The names available on `os`, in the order the engine walks them.
std::vector<std::string_view> store_names_for(base::Os os);

/// nullopt when `name` is a store on `os`; otherwise a failed outcome (UNSUPPORTED) that says
/// which names exist, for a clear `--store` error.
std::optional<base::Outcome> validate_store_name(std::string_view name,
                                                 base::Os os = base::current_os());

/// This OS's stores in walking order: Linux system, nss; macOS macos-keychain, nss; Windows
/// windows-root, nss. The runners must outlive the stores.
std::vector<std::unique_ptr<TrustStore>> default_stores(const base::Environment& env,
                                                        CommandRunner& runner,
                                                        PrivilegedRunner& privileged);

/// The store called `name` in `stores`, or nullptr.
TrustStore* find_store(const std::vector<std::unique_ptr<TrustStore>>& stores,
                       std::string_view name);

/// This OS's own system store. Defined by the one store file the build compiles for this OS
/// (linux_system_store.cpp, macos_keychain_store.cpp or windows_root_store.cpp).
std::unique_ptr<TrustStore> make_os_system_store(const base::Environment& env,
                                                 CommandRunner& runner,
                                                 PrivilegedRunner& privileged);

}  // namespace postern::platform::trust
