#include "certs/exporter.hpp"

#include <openssl/pkcs12.h>
#include <catch2/catch.hpp>

#include "cert_fixtures.hpp"
#include "certs/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using certs::CertificateAuthority;
using certs::ExportFormat;

namespace {

struct Fixture {
  testing::TempDir dir;
  std::shared_ptr<const CertificateAuthority> ca =
      CertificateAuthority::create(certs::CaFiles::in(dir / "proxy"), {"t", "h"}).value();
};

std::string exported(const CertificateAuthority& ca, ExportFormat format) {
  auto bytes = certs::export_certificate(ca, format);
  REQUIRE(bytes.has_value());
  return bytes.value();
}

}  // namespace

TEST_CASE("export format names", "[export]") {
  CHECK(certs::parse_export_format("pem") == ExportFormat::pem);
  CHECK(certs::parse_export_format("der") == ExportFormat::der);
  CHECK(certs::parse_export_format("p12") == ExportFormat::p12);
  CHECK_FALSE(certs::parse_export_format("pfx").has_value());
  CHECK_FALSE(certs::parse_export_format("").has_value());
}

TEST_CASE("PEM and DER exports round-trip to the same certificate", "[export]") {
  Fixture fixture;
  CHECK(exported(*fixture.ca, ExportFormat::pem) == fixture.ca->pem());
  const std::string der = exported(*fixture.ca, ExportFormat::der);
  CHECK(der == fixture.ca->der());
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  certs::X509Ptr parsed(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  REQUIRE(parsed);
  CHECK(X509_cmp(parsed.get(), fixture.ca->certificate()) == 0);
}

TEST_CASE("the PKCS#12 export holds the certificate, its label, and never the key", "[export]") {
  Fixture fixture;
  const std::string bytes = exported(*fixture.ca, ExportFormat::p12);
  const auto* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
  certs::Pkcs12Ptr p12(d2i_PKCS12(nullptr, &cursor, static_cast<long>(bytes.size())));
  REQUIRE(p12);
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* extra = nullptr;
  REQUIRE(PKCS12_parse(p12.get(), nullptr, &key, &cert, &extra) == 1);  // no password
  CHECK(key == nullptr);
  CHECK(cert == nullptr);  // PKCS12_parse returns a certificate without a key among the extras
  EVP_PKEY_free(key);
  X509_free(cert);
  REQUIRE(extra != nullptr);
  REQUIRE(sk_X509_num(extra) == 1);
  certs::X509Ptr owned_cert(sk_X509_shift(extra));
  sk_X509_pop_free(extra, X509_free);
  CHECK(X509_cmp(owned_cert.get(), fixture.ca->certificate()) == 0);
  int size = 0;
  const unsigned char* alias = X509_alias_get0(owned_cert.get(), &size);
  REQUIRE(alias != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(alias), static_cast<std::size_t>(size)) ==
        fixture.ca->store_label());
  CHECK(bytes.find("PRIVATE KEY") == std::string::npos);
}

TEST_CASE("export_certificate_to writes the file 0644", "[export]") {
  Fixture fixture;
  const auto out = fixture.dir / "out" / "ca.cer";
  REQUIRE(certs::export_certificate_to(*fixture.ca, ExportFormat::der, out).has_value());
  CHECK(base::read_file(out).value() == fixture.ca->der());
#ifndef _WIN32
  CHECK((static_cast<unsigned>(std::filesystem::status(out).permissions()) & 07777) == 0644);
#endif
  // Replacing an existing export is fine: it is public data.
  REQUIRE(certs::export_certificate_to(*fixture.ca, ExportFormat::pem, out).has_value());
  CHECK(base::read_file(out).value() == fixture.ca->pem());
}

TEST_CASE("an export that cannot be written says where", "[export]") {
  Fixture fixture;
  const auto blocker = fixture.dir / "file";
  base::write_file_atomically(blocker, "x", base::FileMode::world_read);
  auto wrote = certs::export_certificate_to(*fixture.ca, ExportFormat::pem, blocker / "ca.pem");
  REQUIRE_FALSE(wrote.has_value());
  CHECK(wrote.error().code == certs::errc::write_failed);
  CHECK(wrote.error().message.find(blocker.string()) != std::string::npos);
}
