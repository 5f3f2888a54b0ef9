// The extension-ID computation (recipe chromium-e2e §2): fixed vectors, and a fresh key checked
// against the openssl CLI.
#include "registry/extension_id.hpp"

#include <openssl/evp.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "registry/host_manifest.hpp"
#include "support/temp_dir.hpp"

using namespace postern::registry;

namespace {

std::string decode_base64(const std::string& text) {
  std::string out(text.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  std::size_t size = static_cast<std::size_t>(n);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it)
    --size;  // EVP_DecodeBlock counts the padding as zero bytes
  out.resize(size);
  return out;
}

}  // namespace

TEST_CASE("extension IDs follow Chromium's key hash", "[extension-id]") {
  // Vectors computed with: sha256sum <file> | cut -c1-32 | tr '0-9a-f' 'a-p' (recipe §2).
  CHECK(extension_id_from_public_key("") == "odlameecjipmbmbejkplpemijjgpljce");
  CHECK(extension_id_from_public_key("abc") == "lkhibglpipabmpokebebeanofnkocccd");
  // The DER SubjectPublicKeyInfo of an RSA-2048 key made with
  // `openssl rsa -in key.pem -pubout -outform DER | base64 -w0`.
  const std::string der = decode_base64(
      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5TdCFh9zWwp9w8tNMhqgvSdhslqGZhIPy4ufq+pVkVSGjSxS"
      "/z96ruDqtNLWhfO3PWe8aMr/1Ky9/Tsl7eyY1tUXJbIyUNYIxSBy2s3+pt1lN4MSFrLujsnDvzhIhsqO0v4gofZkXJvA"
      "ZyhsuabBf8K2qYj/wKp/t5uGGheXskQ3yBXN9OhOcTxXg2IpLGVWNdlM2c9M83haf8iWVV1w4RAsjB7CnLlfsBd0Edug"
      "u186OgAxPq3egs4Oo8dsETrDZ3kBmLky+9IAnw+9IBn+l1+ZL7NZHz8VIT91s8qhY8XsY8j1N3P3TNkpmKkKvBN7OqWu"
      "5ooHfdtnH0/yzcYf7wIDAQAB");
  REQUIRE(der.size() == 294);
  const std::string id = extension_id_from_public_key(der);
  CHECK(id == "lnaeeebhdmbelhghkhlllpkifebmpgln");
  CHECK(is_valid_extension_id(id));
  CHECK(is_valid_chrome_origin(chrome_origin(id)));
}

TEST_CASE("extension ID of a fresh key matches the openssl CLI", "[extension-id][real]") {
  if (std::system("openssl version >/dev/null 2>&1") != 0) {
    WARN("openssl CLI not found; skipped");
    return;
  }
  postern::testing::TempDir dir;
  const std::string d = dir.path().string();
  const std::string script =
      "cd '" + d +
      "' && openssl genrsa -out k.pem 2048 2>/dev/null && "
      "openssl rsa -in k.pem -pubout -outform DER -out pub.der 2>/dev/null && "
      "openssl dgst -sha256 -r pub.der | cut -c1-32 | tr '0-9a-f' 'a-p' > id.txt";
  REQUIRE(std::system(script.c_str()) == 0);
  std::ifstream der_in(dir / "pub.der", std::ios::binary);
  const std::string der((std::istreambuf_iterator<char>(der_in)), std::istreambuf_iterator<char>());
  std::ifstream id_in(dir / "id.txt");
  std::string expected;
  id_in >> expected;
  CHECK(extension_id_from_public_key(der) == expected);
}
