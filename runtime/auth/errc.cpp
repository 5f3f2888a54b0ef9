#include "runtime/auth/errc.hpp"

#include <string>

namespace postern::auth {
namespace {

class AuthCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.auth"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::unknown_scheme:
        return "the auth type is not one Postern knows";
      case errc::missing_parameter:
        return "the auth type needs a parameter that is missing";
      case errc::bad_parameter:
        return "an auth parameter has a value that cannot be used";
      case errc::bad_challenge:
        return "the server's authentication challenge is malformed";
      case errc::unsupported_challenge:
        return "the server asks for an authentication variant that is not supported";
      case errc::crypto_failure:
        return "the cryptographic operation failed";
      case errc::bad_url:
        return "the request URL cannot be signed";
    }
    return "unknown auth error";
  }
};

}  // namespace

const std::error_category& auth_category() {
  static const AuthCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), auth_category()};
}

}  // namespace postern::auth
