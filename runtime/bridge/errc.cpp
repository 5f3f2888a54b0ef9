#include "runtime/bridge/errc.hpp"

#include <string>

#include "base/codes.hpp"

namespace postern::bridge {

namespace {

class BridgeCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.bridge"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::frame_too_large:
        return "the message is larger than a frame may be";
      case errc::chunk_invalid:
        return "a chunk of a split message is malformed, duplicated or missing";
      case errc::base64_invalid:
        return "the text is not valid base64";
      case errc::envelope_malformed:
        return "the sealed envelope is malformed";
      case errc::key_mismatch:
        return "the envelope did not authenticate: the keys differ or it was altered";
      case errc::custom_key_invalid:
        return "a custom key needs 10 or more letters and digits (A-Z, a-z, 0-9)";
      case errc::key_file_corrupt:
        return "the bridge key file is damaged";
      case errc::key_file_unreadable:
        return "the bridge key file cannot be read";
      case errc::key_file_write_failed:
        return "the bridge key file cannot be written";
      case errc::allow_list_invalid:
        return "the bridge's list of allowed extensions is damaged";
      case errc::runtime_not_running:
        return "postern-runtime is not running";
      case errc::message_invalid:
        return "the message is not valid";
      case errc::protocol_unsupported:
        return "the extension's protocol version is not supported";
      case errc::crypto_failure:
        return "an OpenSSL call failed";
    }
    return "unknown bridge error";
  }
};

}  // namespace

const std::error_category& bridge_category() {
  static const BridgeCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), bridge_category()};
}

std::string_view stable_code(errc e) {
  namespace codes = base::codes;
  switch (e) {
    case errc::frame_too_large:
      return codes::frame_too_large;
    case errc::chunk_invalid:
      return codes::chunk_invalid;
    case errc::base64_invalid:
    case errc::envelope_malformed:
      return codes::envelope_invalid;
    case errc::key_mismatch:
      return codes::key_mismatch;
    case errc::custom_key_invalid:
      return codes::custom_key_invalid;
    case errc::key_file_corrupt:
      return codes::key_store_corrupt;
    case errc::key_file_unreadable:
      return codes::file_permissions_required;
    case errc::key_file_write_failed:
      return codes::key_store_write_failed;
    case errc::allow_list_invalid:
      return codes::allow_list_invalid;
    case errc::runtime_not_running:
      return codes::runtime_not_running;
    case errc::message_invalid:
      return codes::message_invalid;
    case errc::protocol_unsupported:
      return codes::protocol_unsupported;
    case errc::crypto_failure:
      return codes::bridge_internal_error;
  }
  return codes::bridge_internal_error;
}

std::string_view stable_code(const std::error_code& code) {
  if (code.category() != bridge_category()) return base::codes::bridge_internal_error;
  return stable_code(static_cast<errc>(code.value()));
}

}  // namespace postern::bridge
