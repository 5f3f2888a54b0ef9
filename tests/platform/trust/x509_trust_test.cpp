// verify_root: a self-signed root is trusted exactly when the anchors hold it.
#include <catch2/catch.hpp>

#include <openssl/pem.h>

#include <cstdio>

#include "base/files.hpp"
#include "certs/openssl_handles.hpp"
#include "platform/test_ca.hpp"
#include "platform/trust/x509_trust.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::platform::trust;

TEST_CASE("a root in the anchor file is trusted", "[x509]") {
  testing::TestCa ca;
  TrustAnchors anchors{false, ca.cert_file(), std::nullopt};
  auto verdict = verify_root(ca.ref.pem, anchors);
  CHECK(verdict.trusted);
  CHECK(verdict.reason.empty());
}

TEST_CASE("a root missing from the anchors is not trusted, with OpenSSL's reason", "[x509]") {
  testing::TestCa ca, other;
  SECTION("another CA's bundle") {
    auto verdict = verify_root(ca.ref.pem, TrustAnchors{false, other.cert_file(), std::nullopt});
    CHECK_FALSE(verdict.trusted);
    CHECK(verdict.reason == "self-signed certificate");
  }
  SECTION("this machine's default anchors, which never saw this fresh CA") {
    auto verdict = verify_root(ca.ref.pem, TrustAnchors{});
    CHECK_FALSE(verdict.trusted);
    CHECK_FALSE(verdict.reason.empty());
  }
}

TEST_CASE("a hashed anchor folder works like a bundle, and bad input is explained", "[x509]") {
  testing::TestCa ca;
  testing::TempDir dir;
  // OpenSSL looks certificates up in a folder by subject hash: <hash>.0.
  certs::BioPtr bio = certs::memory_bio(ca.ref.pem);
  certs::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  char hash[16];
  std::snprintf(hash, sizeof hash, "%08lx.0", X509_subject_name_hash(cert.get()));
  base::write_file_atomically(dir / hash, ca.ref.pem, base::FileMode::world_read);
  CHECK(verify_root(ca.ref.pem, TrustAnchors{false, std::nullopt, dir.path()}).trusted);
  CHECK(verify_root("not a pem", TrustAnchors{}).reason == "the CA is not a PEM certificate");
  auto missing = verify_root(ca.ref.pem, TrustAnchors{false, dir / "absent.pem", std::nullopt});
  CHECK_FALSE(missing.trusted);
  CHECK(missing.reason.find("cannot load") != std::string::npos);
}
