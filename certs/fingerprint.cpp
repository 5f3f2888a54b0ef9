#include "certs/fingerprint.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/pem.h>

#include <cstdio>

#include "certs/openssl_handles.hpp"

namespace postern::certs {

std::string der_of(X509* cert) {
  unsigned char* buffer = nullptr;
  int size = i2d_X509(cert, &buffer);
  if (size <= 0) return "";
  std::string der(reinterpret_cast<char*>(buffer), static_cast<std::size_t>(size));
  OPENSSL_free(buffer);
  return der;
}

std::string pem_of(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return bio_contents(bio.get());
}

std::string digest_hex(X509* cert, const EVP_MD* md, bool colons) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!X509_digest(cert, md, digest, &size)) return "";
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < size; ++i) {
    if (colons && i > 0) hex += ':';
    std::snprintf(pair, sizeof pair, "%02X", digest[i]);
    hex += pair;
  }
  return hex;
}

namespace {

std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* time) {
  struct tm parts {};
  if (!ASN1_TIME_to_tm(time, &parts)) return {};
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

std::string serial_hex_of(X509* cert) {
  BIGNUM* number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (number == nullptr) return "";
  char* hex = BN_bn2hex(number);
  std::string text = hex ? hex : "";
  OPENSSL_free(hex);
  BN_free(number);
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string common_name_of(X509* cert) {
  char name[256] = {};
  int size =
      X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, name, sizeof name);
  return size > 0 ? std::string(name, static_cast<std::size_t>(size)) : std::string();
}

}  // namespace

CertificateInfo describe(X509* cert) {
  CertificateInfo info;
  info.der = der_of(cert);
  info.sha256_hex = digest_hex(cert, EVP_sha256(), true);
  info.sha1_hex = digest_hex(cert, EVP_sha1(), false);
  info.serial_hex = serial_hex_of(cert);
  info.subject_cn = common_name_of(cert);
  info.not_before = to_time_point(X509_get0_notBefore(cert));
  info.not_after = to_time_point(X509_get0_notAfter(cert));
  info.is_ca = X509_check_ca(cert) > 0;
  return info;
}

}  // namespace postern::certs
