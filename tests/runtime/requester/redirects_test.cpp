#include "runtime/requester/redirects.hpp"

#include <catch2/catch.hpp>

using namespace postern;
using namespace postern::requester;

TEST_CASE("Location is resolved as an RFC 3986 reference", "[requester][redirect]") {
  const std::string base = "http://a.test/b/c/d?q";
  CHECK(resolve_location(base, "g") == "http://a.test/b/c/g");
  CHECK(resolve_location(base, "../g?x=%2F") == "http://a.test/b/g?x=%2F");
  CHECK(resolve_location(base, "/g") == "http://a.test/g");
  CHECK(resolve_location(base, "//other.test/p") == "http://other.test/p");
  CHECK(resolve_location(base, "https://s.test:8443/") == "https://s.test:8443/");
  CHECK_FALSE(resolve_location(base, "ftp://f.test/file"));
  CHECK_FALSE(resolve_location(base, ""));
  CHECK(is_followed_redirect(308));
  CHECK_FALSE(is_followed_redirect(304));
}

TEST_CASE("methods and bodies after each redirect status", "[requester][redirect]") {
  auth::HttpRequest post{
      "POST", "http://a.test/", {{"Content-Type", "text/plain"}, {"X", "1"}}, "body"};
  auto after_302 = redirected_request(post, 302, "http://a.test/n", false);
  CHECK(after_302.method == "GET");
  CHECK(after_302.body.empty());
  CHECK_FALSE(auth::find_header(after_302.headers, "Content-Type"));
  CHECK(auth::find_header(after_302.headers, "X") == "1");
  CHECK(redirected_request(post, 302, "http://a.test/n", true).method == "POST");
  auto after_307 = redirected_request(post, 307, "http://a.test/n", false);
  CHECK(after_307.method == "POST");
  CHECK(after_307.body == "body");
  auth::HttpRequest put{"PUT", "http://a.test/", {}, "b"};
  CHECK(redirected_request(put, 301, "http://a.test/n", false).method == "PUT");
  CHECK(redirected_request(put, 303, "http://a.test/n", false).method == "GET");
  auth::HttpRequest head{"HEAD", "http://a.test/", {}, ""};
  CHECK(redirected_request(head, 303, "http://a.test/n", false).method == "HEAD");
}
