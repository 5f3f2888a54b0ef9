#include "runtime/store/header_codec.hpp"

#include <catch2/catch.hpp>

using namespace postern::store;
using namespace std::string_literals;

TEST_CASE("headers round-trip in order, duplicates and any bytes kept", "[header_codec]") {
  const Headers headers{{"Host", "example.com"},         {"Set-Cookie", "a=1"},
                        {"Set-Cookie", "b=2"},           {"X-Nul"s, "before\0after"s},
                        {"X-Bad-Utf8", "\xff\xfe:\r\n"}, {"", ""}};
  const auto blob = encode_headers(headers);
  const auto back = decode_headers(blob);
  REQUIRE(back);
  REQUIRE(back->size() == headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    CHECK(back->at(i).name == headers[i].name);
    CHECK(back->at(i).value == headers[i].value);
  }
}

TEST_CASE("no headers is an empty blob", "[header_codec]") {
  CHECK(encode_headers({}).empty());
  REQUIRE(decode_headers(""));
  CHECK(decode_headers("")->empty());
}

TEST_CASE("a blob cut short or with a bad length is refused", "[header_codec]") {
  const auto blob = encode_headers({{"Accept", "*/*"}});
  for (std::size_t cut = 1; cut < blob.size(); ++cut)
    CHECK_FALSE(decode_headers(blob.substr(0, cut)));
  CHECK_FALSE(decode_headers("\xff\xff\xff\x7f"s + "x"));
}
