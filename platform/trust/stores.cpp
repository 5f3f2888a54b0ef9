#include "platform/trust/stores.hpp"

#include <algorithm>

#include "base/codes.hpp"
#include "platform/trust/nss_store.hpp"

namespace postern::platform::trust {

namespace {

bool available(const StoreInfo& info, base::Os os) {
  return info.on_os[static_cast<std::size_t>(os)];
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string text;
  for (auto name : names)
    text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

}  // namespace

std::vector<std::string_view> known_store_names() {
  std::vector<std::string_view> names;
  for (const auto& info : kKnownStores)
    names.push_back(info.name);
  return names;
}

std::vector<std::string_view> store_names_for(base::Os os) {
  std::vector<std::string_view> names;
  for (const auto& info : kKnownStores) {
    if (available(info, os)) names.push_back(info.name);
  }
  return names;
}

std::optional<base::Outcome> validate_store_name(std::string_view name, base::Os os) {
  auto info = std::find_if(kKnownStores.begin(), kKnownStores.end(),
                           [&](const StoreInfo& s) { return s.name == name; });
  if (info != kKnownStores.end() && available(*info, os)) return std::nullopt;
  const std::string here = joined(store_names_for(os));
  std::string cause = info == kKnownStores.end()
                          ? "there is no trust store called \"" + std::string(name) + "\""
                          : "the " + std::string(name) + " store (" +
                                std::string(info->description) + ") does not exist on this OS";
  auto outcome = base::failed(std::string(name), "", std::string(base::codes::unsupported),
                              std::move(cause), "use one of: " + here);
  outcome.step = "select";
  return outcome;
}

std::vector<std::unique_ptr<TrustStore>> default_stores(const base::Environment& env,
                                                        CommandRunner& runner,
                                                        PrivilegedRunner& privileged) {
  std::vector<std::unique_ptr<TrustStore>> stores;
  stores.push_back(make_os_system_store(env, runner, privileged));
  stores.push_back(std::make_unique<NssStore>(env, runner));
  return stores;
}

TrustStore* find_store(const std::vector<std::unique_ptr<TrustStore>>& stores,
                       std::string_view name) {
  auto it = std::find_if(stores.begin(), stores.end(),
                         [&](const std::unique_ptr<TrustStore>& s) { return s->name() == name; });
  return it == stores.end() ? nullptr : it->get();
}

}  // namespace postern::platform::trust
