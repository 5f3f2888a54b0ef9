#include "runtime/cookies/path_match.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;

TEST_CASE("default-path (RFC 6265 §5.1.4)") {
  CHECK(default_path("") == "/");
  CHECK(default_path("relative") == "/");
  CHECK(default_path("/") == "/");
  CHECK(default_path("/file") == "/");
  CHECK(default_path("/docs/") == "/docs");
  CHECK(default_path("/docs/page") == "/docs");
  CHECK(default_path("/a/b/c.html") == "/a/b");
  CHECK(default_path("//") == "/");
}

TEST_CASE("path-match (RFC 6265 §5.1.4)") {
  CHECK(path_match("/", "/"));
  CHECK(path_match("/docs", "/docs"));
  CHECK(path_match("/docs/", "/docs"));       // next character is '/'
  CHECK(path_match("/docs/page", "/docs"));   // next character is '/'
  CHECK(path_match("/docs/page", "/docs/"));  // cookie path ends with '/'
  CHECK(path_match("/anything", "/"));
  CHECK_FALSE(path_match("/docsearch", "/docs"));
  CHECK_FALSE(path_match("/doc", "/docs"));
  CHECK_FALSE(path_match("/", "/docs"));
  CHECK_FALSE(path_match("/Docs", "/docs"));  // paths are case-sensitive
  CHECK_FALSE(path_match("/docs", ""));
}
