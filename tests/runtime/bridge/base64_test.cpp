#include "runtime/bridge/base64.hpp"

#include <catch2/catch.hpp>

#include "runtime/bridge/errc.hpp"

using namespace postern::bridge;

TEST_CASE("RFC 4648 §10 test vectors", "[bridge][base64]") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    auto decoded = base64_decode(encoded);
    REQUIRE(decoded.has_value());
    CHECK(decoded.value() == plain);
  }
}

TEST_CASE("every byte value round-trips", "[bridge][base64]") {
  std::string all;
  for (int i = 0; i < 256; ++i)
    all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    auto back = base64_decode(base64_encode(all.substr(0, n)));
    REQUIRE(back.has_value());
    CHECK(back.value() == all.substr(0, n));
  }
}

TEST_CASE("decoding is strict", "[bridge][base64]") {
  const char* bad[] = {
      "Zg",        // missing padding
      "Zg=",       // length not a multiple of 4
      "Z===",      // too much padding
      "====",      // padding only
      "Zm9v\n",    // whitespace
      "Zm9=Yg==",  // padding in the middle
      "Zh==",      // non-zero unused bits (not the canonical spelling of "f")
      "Zm9vYh==",  // same in a later group
      "Zm8-",      // URL-safe alphabet is not this alphabet
      "Zm9*",
  };
  for (const char* text : bad) {
    INFO(text);
    auto decoded = base64_decode(text);
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().code == errc::base64_invalid);
  }
}
