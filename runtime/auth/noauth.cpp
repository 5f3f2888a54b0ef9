// "noauth": sends the request as it is. A scheme of its own rather than a null pointer, so the
// requester has one path for every request.
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

class NoAuth final : public AuthScheme {
 public:
  std::string_view type() const override { return "noauth"; }
  base::Status_or_error create_response(HttpRequest&) override { return base::Ok{}; }
};

}  // namespace

SchemeResult make_noauth(const AuthParams&, const AuthContext&) {
  return std::unique_ptr<AuthScheme>(std::make_unique<NoAuth>());
}

}  // namespace postern::auth
