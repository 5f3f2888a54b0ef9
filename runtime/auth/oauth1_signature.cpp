#include "runtime/auth/oauth1_signature.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <array>
#include <memory>

#include "base/url.hpp"
#include "runtime/auth/errc.hpp"

namespace postern::auth::oauth1::detail {
namespace {

struct MethodInfo {
  Method method;
  std::string_view name;
  std::optional<HashAlgorithm> digest;
  bool rsa;
};

constexpr std::array<MethodInfo, 7> kMethods = {{
    {Method::hmac_sha1, "HMAC-SHA1", HashAlgorithm::sha1, false},
    {Method::hmac_sha256, "HMAC-SHA256", HashAlgorithm::sha256, false},
    {Method::hmac_sha512, "HMAC-SHA512", HashAlgorithm::sha512, false},
    {Method::rsa_sha1, "RSA-SHA1", HashAlgorithm::sha1, true},
    {Method::rsa_sha256, "RSA-SHA256", HashAlgorithm::sha256, true},
    {Method::rsa_sha512, "RSA-SHA512", HashAlgorithm::sha512, true},
    {Method::plaintext, "PLAINTEXT", std::nullopt, false},
}};

const MethodInfo& info(Method method) {
  return *std::find_if(kMethods.begin(), kMethods.end(),
                       [&](const MethodInfo& entry) { return entry.method == method; });
}

const EVP_MD* evp_digest(HashAlgorithm digest) {
  switch (digest) {
    case HashAlgorithm::sha1:
      return EVP_sha1();
    case HashAlgorithm::sha512:
      return EVP_sha512();
    default:
      return EVP_sha256();
  }
}

base::Error bad_key(std::string_view why) {
  return base::Error{errc::crypto_failure, "oauth1: privateKey " + std::string(why),
                     "give an RSA private key in PEM form (-----BEGIN PRIVATE KEY-----)"};
}

/// RSASSA-PKCS1-v1_5 over `data` with the PEM key (PKCS#8 or PKCS#1; no passphrase).
base::Result<std::string> rsa_sign(HashAlgorithm digest, std::string_view data,
                                   std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!bio) return bad_key("could not be read");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>("")), EVP_PKEY_free);
  if (!key) return bad_key("is not a PEM private key");
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) return bad_key("is not an RSA key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  std::size_t size = 0;
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, evp_digest(digest), nullptr, key.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return bad_key("cannot sign");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return bad_key("cannot sign");
  }
  signature.resize(size);
  return signature;
}

}  // namespace

std::optional<Method> parse_method(std::string_view name) {
  for (const MethodInfo& entry : kMethods) {
    if (equals_ignoring_case(entry.name, name)) return entry.method;
  }
  return std::nullopt;
}

std::string_view method_name(Method method) {
  return info(method).name;
}

std::optional<HashAlgorithm> method_digest(Method method) {
  return info(method).digest;
}

Parameters decode_form(std::string_view text) {
  Parameters out;
  for (const auto& [name, value] : split_query(text))
    out.emplace_back(base::form_decode(name), base::form_decode(value));
  return out;
}

std::string base_string_uri(const RequestTarget& target) {
  return target.scheme + "://" + host_header_value(target) + target.path;
}

std::string normalize_parameters(Parameters parameters) {
  for (auto& [name, value] : parameters) {
    name = percent_encode(name);
    value = percent_encode(value);
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [name, value] : parameters) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

std::string signature_base_string(std::string_view method, std::string_view base_uri,
                                  std::string_view normalized_parameters) {
  std::string upper(method);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return percent_encode(upper) + "&" + percent_encode(base_uri) + "&" +
         percent_encode(normalized_parameters);
}

std::string signing_key(std::string_view consumer_secret, std::string_view token_secret) {
  return percent_encode(consumer_secret) + "&" + percent_encode(token_secret);
}

base::Result<std::string> sign(Method method, std::string_view base_string, std::string_view key,
                               std::string_view private_key_pem) {
  const MethodInfo& entry = info(method);
  if (!entry.digest) return std::string(key);  // PLAINTEXT: the key is the signature
  if (!entry.rsa) return base64_encode(hmac(*entry.digest, key, base_string));
  auto signature = rsa_sign(*entry.digest, base_string, private_key_pem);
  if (!signature) return signature.error();
  return base64_encode(signature.value());
}

std::string body_hash(HashAlgorithm digest, std::string_view body) {
  return base64_encode(hash(digest, body));
}

std::string authorization_header(std::string_view realm, const Parameters& oauth_parameters,
                                 bool encode) {
  std::string out = "OAuth ";
  if (!realm.empty()) out += "realm=" + quote_string(realm);
  for (const auto& [name, value] : oauth_parameters) {
    if (out.size() > 6) out += ',';
    out += (encode ? percent_encode(name) : name) + "=\"" +
           (encode ? percent_encode(value) : value) + "\"";
  }
  return out;
}

std::string encode_pairs(const Parameters& parameters) {
  std::string out;
  for (const auto& [name, value] : parameters) {
    if (!out.empty()) out += '&';
    out += percent_encode(name) + "=" + percent_encode(value);
  }
  return out;
}

bool has_form_body(const HttpRequest& request) {
  auto type = find_header(request.headers, "Content-Type");
  if (!type) return false;
  std::string_view media = std::string_view(*type).substr(0, type->find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t'))
    media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t'))
    media.remove_prefix(1);
  return equals_ignoring_case(media, "application/x-www-form-urlencoded");
}

}  // namespace postern::auth::oauth1::detail
