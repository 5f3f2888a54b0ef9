// OAuth 2.0, sending side: the access token in the Authorization header with a configurable
// prefix ("Bearer" by default), or in the URL as access_token (RFC 6750 §2.3). Getting tokens
// (the grants) is oauth2_grants.cpp's job; this scheme only uses one.
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

class OAuth2 final : public AuthScheme {
 public:
  OAuth2(std::string token, std::string prefix, bool in_query)
      : token_(std::move(token)), prefix_(std::move(prefix)), in_query_(in_query) {}
  std::string_view type() const override { return "oauth2"; }
  base::Status_or_error create_response(HttpRequest& request) override {
    if (in_query_) {
      request.url = append_query(request.url, "access_token=" + percent_encode(token_));
    } else {
      set_header(request.headers, "Authorization",
                 prefix_.empty() ? token_ : prefix_ + " " + token_);
    }
    return base::Ok{};
  }

 private:
  std::string token_;
  std::string prefix_;
  bool in_query_;
};

}  // namespace

SchemeResult make_oauth2(const AuthParams& params, const AuthContext&) {
  auto token = params.required("accessToken", "oauth2");
  if (!token) return token.error();
  std::string where = params.text("addTokenTo", "header");
  if (where != "header" && where != "queryParams") {
    return bad_parameter("oauth2", "addTokenTo", "must be \"header\" or \"queryParams\"");
  }
  // A prefix set to "" on purpose means "the bare token"; only an absent one means Bearer.
  std::string prefix = params.all().contains("headerPrefix")
                           ? params.all().find("headerPrefix")->second
                           : std::string("Bearer");
  return std::unique_ptr<AuthScheme>(std::make_unique<OAuth2>(
      std::move(token).value(), std::move(prefix), where == "queryParams"));
}

}  // namespace postern::auth
