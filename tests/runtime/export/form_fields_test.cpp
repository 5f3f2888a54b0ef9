#include "runtime/export/form_fields.hpp"

#include <catch2/catch.hpp>

using namespace postern::exports;

TEST_CASE("query pairs stay as written", "[export][form]") {
  auto fields = split_query("q=a%20b&flag&&page=2&e=");
  REQUIRE(fields.size() == 4);
  CHECK(fields[0].name == "q");
  CHECK(fields[0].value == "a%20b");
  CHECK(fields[1].name == "flag");
  CHECK_FALSE(fields[1].value.has_value());
  CHECK(fields[2].value == "2");
  CHECK(fields[3].value == "");
}

TEST_CASE("urlencoded pairs are decoded, '+' as space", "[export][form]") {
  auto fields = parse_urlencoded("user=ada+l&note=1%2B1%3D2&k%C3%A9=v");
  REQUIRE(fields.size() == 3);
  CHECK(fields[0].value == "ada l");
  CHECK(fields[1].value == "1+1=2");
  CHECK(fields[2].name == "k\xC3\xA9");
}

TEST_CASE("header parameters: quoted, escaped, any case", "[export][form]") {
  const std::string disposition = R"(form-data; NAME="a b"; filename="x;\"y\".png")";
  CHECK(header_parameter(disposition, "name") == "a b");
  CHECK(header_parameter(disposition, "filename") == "x;\"y\".png");
  CHECK(header_parameter("multipart/form-data; boundary=XyZ", "boundary") == "XyZ");
  CHECK_FALSE(header_parameter("text/plain", "charset").has_value());
}

TEST_CASE("multipart bodies split into their parts", "[export][form]") {
  const std::string body =
      "preamble\r\n--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\nthere\r\n"
      "--B\r\ncontent-disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\nfile text\r\n--B--\r\nepilogue";
  auto parts = parse_multipart(body, "multipart/form-data; boundary=\"B\"");
  REQUIRE(parts);
  REQUIRE(parts->size() == 2);
  CHECK((*parts)[0].name == "title");
  CHECK((*parts)[0].value == "hi\r\nthere");
  CHECK_FALSE((*parts)[0].file_name.has_value());
  CHECK((*parts)[1].file_name == "a.txt");
  CHECK((*parts)[1].content_type == "text/plain");
  CHECK((*parts)[1].value == "file text");
}

TEST_CASE("a multipart body without boundary or end is not parsed", "[export][form]") {
  const std::string body = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--";
  CHECK(parse_multipart(body, "multipart/form-data; boundary=B"));
  CHECK_FALSE(parse_multipart(body, "multipart/form-data"));
  CHECK_FALSE(parse_multipart(body.substr(0, 40), "multipart/form-data; boundary=B"));
  CHECK_FALSE(parse_multipart("no delimiter at all", "multipart/form-data; boundary=B"));
}
