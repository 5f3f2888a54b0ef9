// API key: a name/value pair in a header (Postman's default) or in the query string.
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

class ApiKey final : public AuthScheme {
 public:
  ApiKey(std::string key, std::string value, bool in_query)
      : key_(std::move(key)), value_(std::move(value)), in_query_(in_query) {}
  std::string_view type() const override { return "apikey"; }
  base::Status_or_error create_response(HttpRequest& request) override {
    if (in_query_) {
      request.url = append_query(request.url, percent_encode(key_) + "=" + percent_encode(value_));
    } else {
      set_header(request.headers, key_, value_);
    }
    return base::Ok{};
  }

 private:
  std::string key_;
  std::string value_;
  bool in_query_;
};

}  // namespace

SchemeResult make_apikey(const AuthParams& params, const AuthContext&) {
  auto key = params.required("key", "apikey");
  if (!key) return key.error();
  std::string where = params.text("in", "header");
  if (where != "header" && where != "query") {
    return bad_parameter("apikey", "in", "must be \"header\" or \"query\"");
  }
  return std::unique_ptr<AuthScheme>(
      std::make_unique<ApiKey>(std::move(key).value(), params.text("value"), where == "query"));
}

}  // namespace postern::auth
