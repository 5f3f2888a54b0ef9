// Basic (RFC 7617): "Authorization: Basic base64(user ':' password)", UTF-8 as browsers send it.
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

class Basic final : public AuthScheme {
 public:
  Basic(std::string username, std::string password)
      : username_(std::move(username)), password_(std::move(password)) {}
  std::string_view type() const override { return "basic"; }
  base::Status_or_error create_response(HttpRequest& request) override {
    set_header(request.headers, "Authorization",
               "Basic " + base64_encode(username_ + ":" + password_));
    return base::Ok{};
  }

 private:
  std::string username_;
  std::string password_;
};

}  // namespace

SchemeResult make_basic(const AuthParams& params, const AuthContext&) {
  std::string username = params.text("username");
  // RFC 7617 §2: the user-id cannot contain a colon; the server would split it wrongly.
  if (username.find(':') != std::string::npos) {
    return bad_parameter("basic", "username", "cannot contain ':' (RFC 7617)");
  }
  return std::unique_ptr<AuthScheme>(
      std::make_unique<Basic>(std::move(username), params.text("password")));
}

}  // namespace postern::auth
