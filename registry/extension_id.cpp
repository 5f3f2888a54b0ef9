#include "registry/extension_id.hpp"

#include <openssl/evp.h>

#include <array>

namespace postern::registry {

std::string extension_id_from_public_key(std::string_view der_public_key) {
  // Chromium uses the first 128 bits of the hash: 32 letters.
  constexpr std::size_t kIdBytes = 16;
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(der_public_key.data(), der_public_key.size(), digest.data(), &length, EVP_sha256(),
                 nullptr) != 1 ||
      length < kIdBytes) {
    return {};
  }
  std::string id;
  for (std::size_t i = 0; i < kIdBytes; ++i) {
    id += static_cast<char>('a' + (digest[i] >> 4));
    id += static_cast<char>('a' + (digest[i] & 0x0f));
  }
  return id;
}

}  // namespace postern::registry
