#include "runtime/bridge/envelope.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "runtime/bridge/base64.hpp"
#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace {

using nlohmann::json;

constexpr int kIvSize = 12;   // the GCM IV size that needs no extra hashing (SP 800-38D §8.2)
constexpr int kTagSize = 16;  // full-length tag; shorter tags weaken forgery resistance
constexpr std::string_view kKeyCheckLabel = "postern-key-check";

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

base::Error error(errc code, std::string message, std::string remedy = "") {
  return base::Error{make_error_code(code), std::move(message), std::move(remedy)};
}

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// The envelope's string field `name`, base64-decoded; `size` > 0 demands exactly that length.
base::Result<std::string> decoded_field(const json& envelope, const char* name, std::size_t size) {
  auto it = envelope.find(name);
  if (it == envelope.end() || !it->is_string())
    return error(errc::envelope_malformed,
                 std::string("envelope field \"") + name + "\" is missing or not a string");
  auto decoded = base64_decode(it->get_ref<const std::string&>());
  if (!decoded)
    return error(errc::envelope_malformed,
                 std::string("envelope field \"") + name + "\": " + decoded.error().message);
  if (size > 0 && decoded.value().size() != size)
    return error(errc::envelope_malformed, std::string("envelope field \"") + name + "\" is " +
                                               std::to_string(decoded.value().size()) +
                                               " bytes, expected " + std::to_string(size));
  return decoded;
}

base::Status_or_error check_shape(const json& envelope) {
  if (!envelope.is_object()) return error(errc::envelope_malformed, "an envelope is an object");
  auto type = envelope.find("type");
  if (type == envelope.end() || *type != kSealedType)
    return error(errc::envelope_malformed, "envelope type is not \"sealed\"");
  auto version = envelope.find("v");
  if (version == envelope.end() || !version->is_number_integer() || *version != kEnvelopeVersion)
    return error(errc::envelope_malformed, "unsupported envelope version (this bridge reads v1)");
  return base::Ok{};
}

}  // namespace

base::Result<Key> generate_install_key() {
  Key key;
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    return error(errc::crypto_failure, "the system random generator failed");
  return key;
}

base::Result<Key> derive_custom_key(std::string_view text) {
  const std::string rule = "use 10 to 256 letters and digits (A-Z, a-z, 0-9)";
  if (text.size() < kMinCustomKeyLength)
    return error(errc::custom_key_invalid,
                 "the custom key has " + std::to_string(text.size()) +
                     " characters; it needs at least " + std::to_string(kMinCustomKeyLength),
                 rule);
  if (text.size() > kMaxCustomKeyLength)
    return error(errc::custom_key_invalid, "the custom key is longer than 256 characters", rule);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || !std::isalnum(c))
      return error(errc::custom_key_invalid,
                   "the custom key has a character that is not a letter or digit at position " +
                       std::to_string(i + 1),
                   rule);
  }
  Key key;
  if (PKCS5_PBKDF2_HMAC(text.data(), static_cast<int>(text.size()), bytes(kCustomKeySalt),
                        static_cast<int>(kCustomKeySalt.size()), kCustomKeyIterations, EVP_sha256(),
                        static_cast<int>(key.size()), key.data()) != 1)
    return error(errc::crypto_failure, "PBKDF2 failed");
  return key;
}

std::string key_check(const Key& key) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes(kKeyCheckLabel),
       kKeyCheckLabel.size(), mac, &mac_size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 8 && i < mac_size; ++i) {
    hex += kHex[mac[i] >> 4];
    hex += kHex[mac[i] & 0x0F];
  }
  return hex;
}

base::Result<json> seal(const Key& key, std::string_view plaintext, std::string_view aad) {
  unsigned char iv[kIvSize];
  if (RAND_bytes(iv, kIvSize) != 1)
    return error(errc::crypto_failure, "the system random generator failed");
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  std::string ct(plaintext.size(), '\0');
  unsigned char tag[kTagSize];
  int len = 0;
  auto* out = reinterpret_cast<unsigned char*>(ct.data());
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), iv) == 1 &&
      (aad.empty() || EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad),
                                        static_cast<int>(aad.size())) == 1) &&
      (plaintext.empty() || EVP_EncryptUpdate(ctx.get(), out, &len, bytes(plaintext),
                                              static_cast<int>(plaintext.size())) == 1) &&
      EVP_EncryptFinal_ex(ctx.get(), out + (plaintext.empty() ? 0 : len), &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, tag) == 1;
  if (!ok) return error(errc::crypto_failure, "AES-256-GCM encryption failed");
  return json{{"type", kSealedType},
              {"v", kEnvelopeVersion},
              {"iv", base64_encode({reinterpret_cast<char*>(iv), kIvSize})},
              {"ct", base64_encode(ct)},
              {"tag", base64_encode({reinterpret_cast<char*>(tag), kTagSize})}};
}

base::Result<std::string> open(const Key& key, const json& envelope, std::string_view aad) {
  if (auto shape = check_shape(envelope); !shape) return shape.error();
  auto iv = decoded_field(envelope, "iv", kIvSize);
  if (!iv) return iv.error();
  auto ct = decoded_field(envelope, "ct", 0);
  if (!ct) return ct.error();
  auto tag = decoded_field(envelope, "tag", kTagSize);
  if (!tag) return tag.error();
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  std::string plain(ct.value().size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  int len = 0;
  const bool ready =
      ctx &&
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), bytes(iv.value())) ==
          1 &&
      (aad.empty() || EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad),
                                        static_cast<int>(aad.size())) == 1) &&
      (ct.value().empty() || EVP_DecryptUpdate(ctx.get(), out, &len, bytes(ct.value()),
                                               static_cast<int>(ct.value().size())) == 1) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize,
                          const_cast<char*>(tag.value().data())) == 1;
  if (!ready) return error(errc::crypto_failure, "AES-256-GCM decryption could not start");
  // Final is where GCM compares tags: failure means another key or altered bytes.
  if (EVP_DecryptFinal_ex(ctx.get(), out + (ct.value().empty() ? 0 : len), &len) != 1)
    return error(errc::key_mismatch,
                 "the message did not authenticate: the extension and the bridge use different "
                 "keys, or the message was altered",
                 "pair again, or enter the same custom key on both sides (`postern set-key`)");
  return plain;
}

std::string key_to_base64(const Key& key) {
  return base64_encode({reinterpret_cast<const char*>(key.data()), key.size()});
}

base::Result<Key> key_from_base64(std::string_view text) {
  auto decoded = base64_decode(text);
  if (!decoded) return decoded.error();
  if (decoded.value().size() != Key{}.size())
    return error(errc::base64_invalid,
                 "a key is 32 bytes, this is " + std::to_string(decoded.value().size()));
  Key key;
  std::copy(decoded.value().begin(), decoded.value().end(), key.begin());
  return key;
}

}  // namespace postern::bridge
