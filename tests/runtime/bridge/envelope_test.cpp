#include "runtime/bridge/envelope.hpp"

#include <catch2/catch.hpp>

#include "runtime/bridge/base64.hpp"
#include "runtime/bridge/errc.hpp"

using namespace postern::bridge;
using nlohmann::json;

namespace {

Key sequential_key() {
  Key key;
  for (std::size_t i = 0; i < key.size(); ++i)
    key[i] = static_cast<std::uint8_t>(i);
  return key;
}

std::string hex(const Key& key) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto byte : key) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

// Flips one bit of the base64 field `name`, keeping it valid base64 of the same length.
json flip_bit(json envelope, const char* name) {
  auto bytes = base64_decode(envelope[name].get<std::string>()).value();
  bytes[0] = static_cast<char>(bytes[0] ^ 0x01);
  envelope[name] = base64_encode(bytes);
  return envelope;
}

}  // namespace

TEST_CASE("seal and open round-trip", "[bridge][envelope]") {
  const Key key = generate_install_key().value();
  for (std::string plain :
       {std::string(), std::string("{\"type\":\"status.get\"}"), std::string(300000, 'x')}) {
    auto envelope = seal(key, plain, "aad");
    REQUIRE(envelope.has_value());
    const json& e = envelope.value();
    CHECK(e["type"] == "sealed");
    CHECK(e["v"] == 1);
    CHECK(base64_decode(e["iv"].get<std::string>()).value().size() == 12);
    CHECK(base64_decode(e["tag"].get<std::string>()).value().size() == 16);
    CHECK(base64_decode(e["ct"].get<std::string>()).value().size() == plain.size());
    auto opened = open(key, e, "aad");
    REQUIRE(opened.has_value());
    CHECK(opened.value() == plain);
  }
}

TEST_CASE("every IV is fresh", "[bridge][envelope]") {
  const Key key = sequential_key();
  CHECK(seal(key, "same", "").value()["iv"] != seal(key, "same", "").value()["iv"]);
}

TEST_CASE("a tampered field never opens", "[bridge][envelope]") {
  const Key key = sequential_key();
  const json envelope = seal(key, "{\"type\":\"cookies.sync\"}", "aad").value();
  SECTION("iv, ct and tag altered: the envelope does not authenticate") {
    for (const char* field : {"iv", "ct", "tag"}) {
      INFO(field);
      auto opened = open(key, flip_bit(envelope, field), "aad");
      REQUIRE_FALSE(opened.has_value());
      CHECK(opened.error().code == errc::key_mismatch);
    }
  }
  SECTION("another aad (the other direction) does not authenticate") {
    CHECK(open(key, envelope, "other").error().code == errc::key_mismatch);
  }
  SECTION("shape errors are malformed, not a key mismatch") {
    auto check_malformed = [&](json changed) {
      INFO(changed.dump());
      auto opened = open(key, changed, "aad");
      REQUIRE_FALSE(opened.has_value());
      CHECK(opened.error().code == errc::envelope_malformed);
    };
    auto e = envelope;
    e["type"] = "plain";
    check_malformed(e);
    e = envelope;
    e["v"] = 2;
    check_malformed(e);
    e = envelope;
    e["iv"] = "not base64!";
    check_malformed(e);
    e = envelope;
    e["tag"] = base64_encode("short");
    check_malformed(e);
    e = envelope;
    e["iv"] = base64_encode(std::string(16, 'x'));
    check_malformed(e);
    e = envelope;
    e.erase("ct");
    check_malformed(e);
    check_malformed(json::array());
  }
}

TEST_CASE("the wrong key is a named key mismatch", "[bridge][envelope]") {
  const json envelope = seal(sequential_key(), "secret", "aad").value();
  auto opened = open(generate_install_key().value(), envelope, "aad");
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().code == errc::key_mismatch);
  CHECK_FALSE(opened.error().remedy.empty());
}

TEST_CASE("custom keys: 10 or more ASCII letters and digits", "[bridge][envelope]") {
  auto short_key = derive_custom_key("abcdefghi");  // 9 characters
  REQUIRE_FALSE(short_key.has_value());
  CHECK(short_key.error().code == errc::custom_key_invalid);
  CHECK(short_key.error().message.find("9 characters") != std::string::npos);
  CHECK_FALSE(short_key.error().remedy.empty());
  for (const char* bad : {"abcdefghij!", "abcde fghij", "abcdefghi\xC3\xA9", "abcdefghi-j"}) {
    INFO(bad);
    auto key = derive_custom_key(bad);
    REQUIRE_FALSE(key.has_value());
    CHECK(key.error().code == errc::custom_key_invalid);
  }
  CHECK_FALSE(derive_custom_key(std::string(257, 'a')).has_value());
}

TEST_CASE("custom key derivation matches PBKDF2-HMAC-SHA256 (openssl kdf)", "[bridge][envelope]") {
  // openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:abcdefghij1234567890
  //   -kdfopt salt:postern-bridge-key-v1 -kdfopt iter:200000 PBKDF2
  auto key = derive_custom_key("abcdefghij1234567890");
  REQUIRE(key.has_value());
  CHECK(hex(key.value()) == "d16a690dcc331eac29d18e66adacb2398af913a5fdc39e84d1a2f37733db349c");
  // ... with pass:Postern2024Key
  CHECK(hex(derive_custom_key("Postern2024Key").value()) ==
        "a1f2adc3b95de1a50d99bbb8ae990d56826620a6d41e21c3a000372c59bcfc38");
}

TEST_CASE("key check is the first 8 bytes of HMAC-SHA256(key, label)", "[bridge][envelope]") {
  // printf postern-key-check | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
  CHECK(key_check(sequential_key()) == "4ce71360654af477");
  CHECK(key_check(derive_custom_key("abcdefghij1234567890").value()) == "f01eea8f7d935696");
  CHECK(key_check(generate_install_key().value()) != key_check(sequential_key()));
}

TEST_CASE("keys in base64", "[bridge][envelope]") {
  const Key key = sequential_key();
  auto back = key_from_base64(key_to_base64(key));
  REQUIRE(back.has_value());
  CHECK(back.value() == key);
  CHECK(key_from_base64(base64_encode("short")).error().code == errc::base64_invalid);
  CHECK_FALSE(key_from_base64("***").has_value());
}
