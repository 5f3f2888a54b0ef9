#include "runtime/bridge/protocol.hpp"

#include <catch2/catch.hpp>

#include "runtime/bridge/errc.hpp"

using namespace postern::bridge;
using nlohmann::json;

TEST_CASE("hello is checked field by field", "[bridge][protocol]") {
  auto plain = parse_hello({{"type", "hello"}, {"protocol", 1}});
  REQUIRE(plain.has_value());
  CHECK(plain.value().protocol == 1);
  CHECK_FALSE(plain.value().key_check.has_value());

  auto keyed = parse_hello({{"type", "hello"},
                            {"protocol", 2},
                            {"key_check", "0123456789abcdef"},
                            {"extension_version", "1.2.3"}});
  REQUIRE(keyed.has_value());
  CHECK(keyed.value().key_check == "0123456789abcdef");
  CHECK(keyed.value().extension_version == "1.2.3");

  CHECK(parse_hello({{"type", "hello"}}).error().code == errc::message_invalid);
  CHECK(parse_hello({{"protocol", "1"}}).error().code == errc::message_invalid);
  CHECK(parse_hello({{"protocol", 0}}).error().code == errc::protocol_unsupported);
  CHECK(parse_hello({{"protocol", -3}}).error().code == errc::protocol_unsupported);
  CHECK(parse_hello(json::parse(R"({"protocol":18446744073709551615})")).value().protocol > 1);
  CHECK(parse_hello(json::parse(R"({"protocol":1})")).value().protocol == 1);
  CHECK(parse_hello({{"protocol", 1}, {"key_check", "XYZ"}}).error().code == errc::message_invalid);
  CHECK(parse_hello({{"protocol", 1}, {"key_check", "0123456789ABCDEF"}}).error().code ==
        errc::message_invalid);
  CHECK(parse_hello({{"protocol", 1}, {"extension_version", 5}}).error().code ==
        errc::message_invalid);
}

TEST_CASE("a message needs a type", "[bridge][protocol]") {
  CHECK(message_type({{"type", "pair"}}).value() == "pair");
  CHECK_FALSE(message_type(json::array()).has_value());
  CHECK_FALSE(message_type({{"type", 3}}).has_value());
  CHECK_FALSE(message_type({{"type", ""}}).has_value());
  CHECK_FALSE(message_type({{"kind", "pair"}}).has_value());
}

TEST_CASE("relayed types", "[bridge][protocol]") {
  for (auto type :
       {msg::capture_request, msg::capture_response, msg::cookies_sync, msg::runtime_relay})
    CHECK(is_relayed_type(type));
  CHECK_FALSE(is_relayed_type(msg::hello));
  CHECK_FALSE(is_relayed_type(msg::status_get));
}

TEST_CASE("the bridge's messages carry what docs/bridge-protocol.md promises",
          "[bridge][protocol]") {
  const RuntimeStatus down{false, "RUNTIME_NOT_RUNNING", "postern-runtime is not running"};
  const KeyState key{KeyKind::install, "0011223344556677", false};

  json ack = make_hello_ack(true, key, down);
  CHECK(ack["type"] == "hello_ack");
  CHECK(ack["protocol"] == kProtocolVersion);
  CHECK(ack["bridge_version"] == std::string(bridge_version()));
  CHECK(ack["paired"] == true);
  CHECK(ack["key_kind"] == "install");
  CHECK(ack["key_check"] == "0011223344556677");
  CHECK(ack["can_pair"] == false);
  CHECK(ack["runtime"]["connected"] == false);
  CHECK(ack["runtime"]["code"] == "RUNTIME_NOT_RUNNING");

  json mismatch = make_key_mismatch(MismatchReason::keys_differ, key, "8899aabbccddeeff");
  CHECK(mismatch["type"] == "key_mismatch");
  CHECK(mismatch["code"] == "KEY_MISMATCH");
  CHECK(mismatch["reason"] == "keys_differ");
  CHECK(mismatch["key_check"] == "0011223344556677");
  CHECK(mismatch["extension_key_check"] == "8899aabbccddeeff");
  CHECK_FALSE(mismatch["remedy"].get<std::string>().empty());
  CHECK(make_key_mismatch(MismatchReason::bridge_has_no_key, KeyState{},
                          std::nullopt)["key_kind"] == nullptr);

  Key raw{};
  json pair = make_pair_ack(raw);
  CHECK(pair["type"] == "pair_ack");
  CHECK(pair["key_b64"] == key_to_base64(raw));
  CHECK(pair["key_check"] == key_check(raw));

  json status = make_status(true, key, RuntimeStatus{true, "", ""});
  CHECK(status["type"] == "status");
  CHECK(status["runtime"]["connected"] == true);
  CHECK(status["runtime"]["code"] == nullptr);

  json error = make_error("FRAME_INVALID", "bad", "fix it", "req-1");
  CHECK(error == json{{"type", "error"},
                      {"code", "FRAME_INVALID"},
                      {"message", "bad"},
                      {"remedy", "fix it"},
                      {"in_reply_to", "req-1"}});
  postern::base::Error failure{make_error_code(errc::key_mismatch), "no", "yes"};
  CHECK(make_error(failure)["code"] == "KEY_MISMATCH");
}
