#include "runtime/requester/request_body.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern::requester;

TEST_CASE("urlencoded pairs are RFC 3986 encoded with spaces as %20", "[requester][body]") {
  CHECK(urlencode_pairs({{"a b", "c&d=e"}, {"empty", ""}, {"ü", "~-._"}}) ==
        "a%20b=c%26d%3De&empty=&%C3%BC=~-._");
  CHECK(urlencode_pairs({}).empty());
}

TEST_CASE("multipart bodies: text and file parts, escaped names, missing files named",
          "[requester][body]") {
  postern::testing::TempDir dir;
  std::ofstream(dir.path() / "f.txt") << "file-bytes";
  auto body = multipart_body({{"say \"hi\"", "hello", false, "text/plain"},
                              {"upload", (dir.path() / "f.txt").string(), true, ""}},
                             "BOUNDARY");
  REQUIRE(body);
  CHECK(body.value().content_type == "multipart/form-data; boundary=BOUNDARY");
  CHECK(body.value().bytes ==
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"say %22hi%22\"\r\n"
        "Content-Type: text/plain\r\n\r\nhello\r\n"
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"f.txt\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\nfile-bytes\r\n--BOUNDARY--\r\n");
  auto missing = multipart_body({{"f", (dir.path() / "nope").string(), true, ""}}, "B");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("nope") != std::string::npos);
  std::string boundary = new_boundary();
  CHECK(boundary.size() == 48);
  CHECK(boundary != new_boundary());
}
