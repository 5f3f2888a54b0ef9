#include "runtime/bridge/protocol.hpp"

#include <algorithm>
#include <cstdint>

#include "base/codes.hpp"
#include "runtime/bridge/errc.hpp"

#ifndef POSTERN_BRIDGE_VERSION
#define POSTERN_BRIDGE_VERSION "0.0.0"  // set by runtime/bridge/CMakeLists.txt
#endif

namespace postern::bridge {

namespace {

using nlohmann::json;

base::Error invalid(std::string message, errc code = errc::message_invalid) {
  return base::Error{make_error_code(code), std::move(message), ""};
}

json optional_string(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json key_fields(const KeyState& key) {
  return json{{"key_kind", key.kind ? json(to_string(*key.kind)) : json(nullptr)},
              {"key_check", optional_string(key.key_check)},
              {"can_pair", key.can_pair}};
}

json runtime_fields(const RuntimeStatus& runtime) {
  return json{{"connected", runtime.connected},
              {"code", runtime.code.empty() ? json(nullptr) : json(runtime.code)},
              {"message", runtime.message}};
}

bool is_key_check(const std::string& text) {
  return text.size() == 16 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string_view reason_name(MismatchReason reason) {
  switch (reason) {
    case MismatchReason::keys_differ:
      return "keys_differ";
    case MismatchReason::bridge_has_no_key:
      return "bridge_has_no_key";
    case MismatchReason::extension_has_no_key:
      return "extension_has_no_key";
    case MismatchReason::custom_key_required:
      return "custom_key_required";
  }
  return "keys_differ";
}

// What the user does about each mismatch; the extension shows it under "Key mismatch".
std::string_view remedy_for(MismatchReason reason) {
  switch (reason) {
    case MismatchReason::keys_differ:
      return "enter the same custom key in the extension and with `postern set-key`, or remove "
             "the extension's key and the bridge's key file to pair again";
    case MismatchReason::bridge_has_no_key:
      return "the bridge's key file is gone: send pair to pair again";
    case MismatchReason::extension_has_no_key:
      return "this browser was paired before and has lost its key: set a custom key on both "
             "sides with `postern set-key`, or delete the bridge's key.json to pair again";
    case MismatchReason::custom_key_required:
      return "enter the custom key set with `postern set-key` in the extension (lock icon)";
  }
  return "";
}

}  // namespace

std::string_view bridge_version() {
  return POSTERN_BRIDGE_VERSION;
}

bool is_relayed_type(std::string_view type) {
  return type == msg::capture_request || type == msg::capture_response ||
         type == msg::cookies_sync || type == msg::runtime_relay;
}

base::Result<std::string> message_type(const json& message) {
  if (!message.is_object()) return invalid("a message is a JSON object");
  auto type = message.find("type");
  if (type == message.end() || !type->is_string() || type->get_ref<const std::string&>().empty())
    return invalid("a message needs a \"type\" string");
  return type->get<std::string>();
}

base::Result<Hello> parse_hello(const json& message) {
  Hello hello;
  auto protocol = message.find("protocol");
  if (protocol == message.end() || !protocol->is_number_integer())
    return invalid("hello needs an integer \"protocol\"");
  // Non-negative numbers may be stored signed or unsigned; a huge one is just "newer".
  const long long number = protocol->is_number_unsigned()
                               ? static_cast<long long>(std::min<std::uint64_t>(
                                     protocol->get<std::uint64_t>(), 1u << 30))
                               : protocol->get<long long>();
  if (number < 1)
    return invalid("protocol " + protocol->dump() + " is not supported (this bridge speaks 1)",
                   errc::protocol_unsupported);
  // A newer extension is still answered in version 1; it falls back or names the old bridge.
  hello.protocol = static_cast<int>(std::min<long long>(number, 1 << 30));
  auto check = message.find("key_check");
  if (check != message.end() && !check->is_null()) {
    if (!check->is_string() || !is_key_check(check->get_ref<const std::string&>()))
      return invalid("\"key_check\" must be null or 16 lowercase hex digits");
    hello.key_check = check->get<std::string>();
  }
  auto version = message.find("extension_version");
  if (version != message.end() && !version->is_null()) {
    if (!version->is_string()) return invalid("\"extension_version\" must be a string");
    hello.extension_version = version->get<std::string>();
  }
  return hello;
}

json make_hello_ack(bool paired, const KeyState& key, const RuntimeStatus& runtime) {
  json ack{{"type", msg::hello_ack},
           {"protocol", kProtocolVersion},
           {"bridge_version", bridge_version()},
           {"paired", paired},
           {"runtime", runtime_fields(runtime)}};
  ack.update(key_fields(key));
  return ack;
}

json make_key_mismatch(MismatchReason reason, const KeyState& key,
                       const std::optional<std::string>& extension_key_check) {
  json mismatch{{"type", msg::key_mismatch},
                {"code", base::codes::key_mismatch},
                {"protocol", kProtocolVersion},
                {"bridge_version", bridge_version()},
                {"reason", reason_name(reason)},
                {"extension_key_check", optional_string(extension_key_check)},
                {"message", "the extension and the bridge do not share a key"},
                {"remedy", remedy_for(reason)}};
  mismatch.update(key_fields(key));
  return mismatch;
}

json make_pair_ack(const Key& key) {
  return json{{"type", msg::pair_ack},
              {"key_kind", to_string(KeyKind::install)},
              {"key_b64", key_to_base64(key)},
              {"key_check", key_check(key)}};
}

json make_status(bool paired, const KeyState& key, const RuntimeStatus& runtime) {
  json status{{"type", msg::status},
              {"protocol", kProtocolVersion},
              {"bridge_version", bridge_version()},
              {"paired", paired},
              {"runtime", runtime_fields(runtime)}};
  status.update(key_fields(key));
  return status;
}

json make_error(std::string_view code, std::string_view message, std::string_view remedy,
                const json& in_reply_to) {
  return json{{"type", msg::error},
              {"code", code},
              {"message", message},
              {"remedy", remedy},
              {"in_reply_to", in_reply_to}};
}

json make_error(const base::Error& error, const json& in_reply_to) {
  return make_error(stable_code(error.code), error.message, error.remedy, in_reply_to);
}

}  // namespace postern::bridge
