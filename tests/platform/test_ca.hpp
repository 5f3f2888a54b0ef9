#pragma once
// A fresh Postern CA per test, made by the real certs library in a temp folder, with the CaRef
// the trust stores take.

#include <memory>

#include "certs/cert_store.hpp"
#include "certs/certificate_authority.hpp"
#include "platform/trust/trust_store.hpp"
#include "support/temp_dir.hpp"

namespace postern::testing {

struct TestCa {
  /// A CA for tester@testhost; CAs of one owner share a subject, as regenerated CAs do.
  explicit TestCa(std::string user = "tester") {
    auto created = certs::CertificateAuthority::create(certs::CaFiles::in(dir.path() / "proxy"),
                                                       certs::CaOwner{user, "testhost"});
    ca = created.value();
    ref = platform::trust::make_ca_ref(ca->store_label(), ca->pem(), "test CA").value();
  }

  /// The CA certificate file (PEM).
  std::filesystem::path cert_file() const { return ca->files().cert; }

  TempDir dir;
  std::shared_ptr<const certs::CertificateAuthority> ca;
  platform::trust::CaRef ref;
};

}  // namespace postern::testing
