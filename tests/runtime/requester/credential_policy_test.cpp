#include "runtime/requester/credential_policy.hpp"

#include <catch2/catch.hpp>

using namespace postern::requester;

TEST_CASE("may_send_sensitive: same origin only, unless trusted; never downgraded",
          "[requester][credentials]") {
  const auto same = SensitivePolicy::same_origin;
  const auto any = SensitivePolicy::any_host;
  CHECK(may_send_sensitive("https://a.test/x", "https://a.test/y", same));
  CHECK(may_send_sensitive("https://A.test:443/x", "https://a.test/", same));
  CHECK_FALSE(may_send_sensitive("https://a.test:8443/", "https://a.test/", same));
  CHECK_FALSE(may_send_sensitive("http://a.test/", "https://a.test/", same));
  CHECK_FALSE(may_send_sensitive("https://b.test/", "https://a.test/", same));
  CHECK_FALSE(may_send_sensitive("https://sub.a.test/", "https://a.test/", same));
  CHECK(may_send_sensitive("https://b.test/", "https://a.test/", any));
  CHECK(may_send_sensitive("https://b.test/", "http://a.test/", any));
  CHECK_FALSE(may_send_sensitive("http://b.test/", "https://a.test/", any));
  CHECK_FALSE(may_send_sensitive("http://a.test/", "https://a.test/", any));
  CHECK_FALSE(may_send_sensitive("not a url", "https://a.test/", any));
}
