// Bearer (RFC 6750 §2.1): "Authorization: Bearer <token>".
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

class Bearer final : public AuthScheme {
 public:
  explicit Bearer(std::string token) : token_(std::move(token)) {}
  std::string_view type() const override { return "bearer"; }
  base::Status_or_error create_response(HttpRequest& request) override {
    set_header(request.headers, "Authorization", "Bearer " + token_);
    return base::Ok{};
  }

 private:
  std::string token_;
};

}  // namespace

SchemeResult make_bearer(const AuthParams& params, const AuthContext&) {
  auto token = params.required("token", "bearer");
  if (!token) return token.error();
  return std::unique_ptr<AuthScheme>(std::make_unique<Bearer>(std::move(token).value()));
}

}  // namespace postern::auth
