#include "registry/errc.hpp"

#include <string>

namespace postern::registry {

namespace {

class RegistryCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.registry"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::manifest_invalid:
        return "the native-messaging host manifest is not valid";
      case errc::location_unresolved:
        return "the manifest location cannot be resolved from the environment";
    }
    return "unknown registry error";
  }
};

}  // namespace

const std::error_category& registry_category() {
  static const RegistryCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), registry_category()};
}

}  // namespace postern::registry
