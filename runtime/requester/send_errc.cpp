#include "runtime/requester/send_errc.hpp"

#include <string>

namespace postern::requester {
namespace {

class SendCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.send"; }
  std::string message(int value) const override {
    switch (static_cast<send_errc>(value)) {
      case send_errc::transport:
        return "the request could not be sent";
      case send_errc::too_many_redirects:
        return "too many redirects";
      case send_errc::auth:
        return "the authorization could not be applied";
      case send_errc::no_handle:
        return "libcurl could not start a transfer";
    }
    return "unknown send error";
  }
};

}  // namespace

const std::error_category& send_category() {
  static const SendCategory category;
  return category;
}

std::error_code make_error_code(send_errc e) {
  return {static_cast<int>(e), send_category()};
}

}  // namespace postern::requester
