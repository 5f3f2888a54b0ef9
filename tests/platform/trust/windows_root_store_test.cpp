// The Windows ROOT store through CryptoAPI. The probe runs anywhere; install, check and uninstall
// run only under Wine, in the private prefix of scripts/wine-test.sh (on Windows, importing into
// CurrentUser\ROOT stops at a confirmation dialog, and it would change the real store). Trust is
// judged the way a Windows TLS client judges it: a chain built for a leaf the CA signed.
// windows.h first, in its own block: wincrypt.h needs its types.
#include <windows.h>

#include <wincrypt.h>

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "base/codes.hpp"
#include "platform/fake_runner.hpp"
#include "platform/trust/stores.hpp"
#include "platform/trust/windows_test_certs.hpp"
#include "support/windows_registry.hpp"
#include "support/wine.hpp"

using namespace postern;
using namespace postern::platform::trust;
using base::Status;
namespace codes = base::codes;

namespace {

constexpr DWORD kEncoding = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;
constexpr const char* kLabel = "Postern Wine Test CA (serial 01)";

std::string der_of(const char* pem) {
  DWORD size = 0;
  REQUIRE(
      ::CryptStringToBinaryA(pem, 0, CRYPT_STRING_BASE64HEADER, nullptr, &size, nullptr, nullptr));
  std::string der(size, '\0');
  REQUIRE(::CryptStringToBinaryA(pem, 0, CRYPT_STRING_BASE64HEADER,
                                 reinterpret_cast<BYTE*>(der.data()), &size, nullptr, nullptr));
  der.resize(size);
  return der;
}

// A certificate context for `pem`, freed on scope exit.
class Cert {
 public:
  explicit Cert(const char* pem) : der_(der_of(pem)) {
    context_ = ::CertCreateCertificateContext(kEncoding, reinterpret_cast<const BYTE*>(der_.data()),
                                              static_cast<DWORD>(der_.size()));
    REQUIRE(context_);
  }
  ~Cert() { ::CertFreeCertificateContext(context_); }
  Cert(const Cert&) = delete;
  Cert& operator=(const Cert&) = delete;

  PCCERT_CONTEXT get() const { return context_; }
  const std::string& der() const { return der_; }

  std::string sha1_hex() const {
    BYTE hash[20];
    DWORD size = sizeof(hash);
    REQUIRE(::CertGetCertificateContextProperty(context_, CERT_SHA1_HASH_PROP_ID, hash, &size));
    std::string hex;
    for (DWORD i = 0; i < size; ++i) {
      constexpr const char* digits = "0123456789ABCDEF";
      hex += digits[hash[i] >> 4];
      hex += digits[hash[i] & 0x0f];
    }
    return hex;
  }

 private:
  std::string der_;
  PCCERT_CONTEXT context_ = nullptr;
};

CaRef test_ca() {
  Cert ca(testing::kWineTestCaPem);
  CaRef ref;
  ref.label = kLabel;
  ref.pem = testing::kWineTestCaPem;
  ref.der = ca.der();
  ref.sha1_hex = ca.sha1_hex();
  return ref;
}

// The chain's dwErrorStatus for `leaf` (0 = trusted), from a new chain engine each time: an
// engine caches the roots it has seen, so an old one misses a root added since (recipe §3.4).
DWORD chain_error(const Cert& leaf, bool machine) {
  CERT_CHAIN_ENGINE_CONFIG config{};
  // The MinGW headers give the Windows 8 size (88), which Wine 8 rejects with E_INVALIDARG; the
  // size up to hExclusiveRoot is the Windows 7 one, which every version takes (recipe §3.5).
  config.cbSize = offsetof(CERT_CHAIN_ENGINE_CONFIG, hExclusiveRoot);
  config.dwFlags = machine ? CERT_CHAIN_USE_LOCAL_MACHINE_STORE : 0;
  HCERTCHAINENGINE engine = nullptr;
  REQUIRE(::CertCreateCertificateChainEngine(&config, &engine));
  CERT_CHAIN_PARA para{};
  para.cbSize = sizeof(para);
  PCCERT_CHAIN_CONTEXT chain = nullptr;
  const BOOL built =
      ::CertGetCertificateChain(engine, leaf.get(), nullptr, nullptr, &para, 0, nullptr, &chain);
  const DWORD status = built ? chain->TrustStatus.dwErrorStatus : ~DWORD{0};
  if (chain) ::CertFreeCertificateChain(chain);
  ::CertFreeCertificateChainEngine(engine);
  REQUIRE(built);
  return status;
}

// The certificate with this SHA-1 in one registry-backed ROOT store alone (not the CurrentUser
// collection, which also shows the machine's roots), and its friendly name.
struct Found {
  bool present = false;
  std::wstring friendly_name;
};

Found in_registry_store(DWORD location, const std::string& sha1_hex) {
  Found found;
  HCERTSTORE store = ::CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0,
                                     location | CERT_STORE_READONLY_FLAG, L"ROOT");
  REQUIRE(store);
  BYTE hash[20];
  for (std::size_t i = 0; i < sizeof(hash); ++i)
    hash[i] = static_cast<BYTE>(std::stoul(sha1_hex.substr(i * 2, 2), nullptr, 16));
  CRYPT_HASH_BLOB blob{sizeof(hash), hash};
  if (PCCERT_CONTEXT cert =
          ::CertFindCertificateInStore(store, kEncoding, 0, CERT_FIND_SHA1_HASH, &blob, nullptr)) {
    found.present = true;
    wchar_t name[256] = {};
    DWORD size = sizeof(name);
    if (::CertGetCertificateContextProperty(cert, CERT_FRIENDLY_NAME_PROP_ID, name, &size))
      found.friendly_name = name;
    ::CertFreeCertificateContext(cert);
  }
  ::CertCloseStore(store, 0);
  return found;
}

struct Stores {
  testing::FakeRunner fake;
  platform::PrivilegedRunner user{fake, platform::PrivilegeContext{false, false, false}};
  platform::PrivilegedRunner admin{fake, platform::PrivilegeContext{true, false, false}};
  std::unique_ptr<TrustStore> user_store =
      make_os_system_store(base::fixed_environment({}), fake, user);
  std::unique_ptr<TrustStore> machine_store =
      make_os_system_store(base::fixed_environment({}), fake, admin);
};

}  // namespace

TEST_CASE("the Windows root store names the store it works on", "[windows]") {
  Stores s;
  CHECK(s.user_store->name() == "windows-root");
  CHECK(s.user_store->probe().present);
  CHECK(s.user_store->probe().targets == std::vector<std::string>{"CurrentUser\\ROOT"});
  CHECK(s.machine_store->probe().targets == std::vector<std::string>{"LocalMachine\\ROOT"});
}

TEST_CASE("the test fixtures are what the tests assume", "[windows]") {
  Cert ca(testing::kWineTestCaPem);
  CHECK(ca.sha1_hex() == testing::kWineTestCaSha1);  // CryptoAPI agrees with openssl
  CHECK(ca.der().size() > 500);
  CHECK(ca.der().front() == '\x30');  // a DER SEQUENCE
}

TEST_CASE("CurrentUser ROOT: install, find by SHA-1, trusted by a fresh chain engine, uninstall",
          "[windows][trust]") {
  POSTERN_ONLY_UNDER_WINE();
  Stores s;
  const CaRef ca = test_ca();
  const Cert leaf(testing::kWineTestLeafPem);
  const std::string target = "CurrentUser\\ROOT";
  s.user_store->uninstall(ca, target);  // a previous run may have stopped half way
  s.machine_store->uninstall(ca, "LocalMachine\\ROOT");

  auto before = s.user_store->check(ca, target);
  CHECK(before.status == Status::failed);
  CHECK(before.code == codes::ca_not_trusted);
  CHECK(before.step == "check");
  // Not UNTRUSTED_ROOT: with the CA in no store, the chain cannot even reach a root.
  CHECK(chain_error(leaf, false) != 0);

  auto installed = s.user_store->install(ca, target);
  CHECK(installed.status == Status::done);
  CHECK(installed.target == target);
  const auto stored = in_registry_store(CERT_SYSTEM_STORE_CURRENT_USER, ca.sha1_hex);
  CHECK(stored.present);
  CHECK(stored.friendly_name == L"Postern Wine Test CA (serial 01)");
  CHECK_FALSE(in_registry_store(CERT_SYSTEM_STORE_LOCAL_MACHINE, ca.sha1_hex).present);

  CHECK(s.user_store->check(ca, target).status == Status::already);
  CHECK(s.user_store->install(ca, target).status == Status::already);
  CHECK(chain_error(leaf, false) == 0);

  auto removed = s.user_store->uninstall(ca, target);
  CHECK(removed.status == Status::done);
  CHECK_FALSE(in_registry_store(CERT_SYSTEM_STORE_CURRENT_USER, ca.sha1_hex).present);
  CHECK(s.user_store->check(ca, target).code == codes::ca_not_trusted);
  CHECK(chain_error(leaf, false) != 0);
  CHECK(s.user_store->uninstall(ca, target).status == Status::already);
}

TEST_CASE("LocalMachine ROOT is the elevated process's default target", "[windows][trust]") {
  POSTERN_ONLY_UNDER_WINE();
  Stores s;
  const CaRef ca = test_ca();
  const Cert leaf(testing::kWineTestLeafPem);
  s.user_store->uninstall(ca, "CurrentUser\\ROOT");
  s.machine_store->uninstall(ca, "");

  auto installed = s.machine_store->install(ca, "");  // "" = the store probe() names
  CHECK(installed.status == Status::done);
  CHECK(installed.target == "LocalMachine\\ROOT");
  CHECK(in_registry_store(CERT_SYSTEM_STORE_LOCAL_MACHINE, ca.sha1_hex).present);
  CHECK_FALSE(in_registry_store(CERT_SYSTEM_STORE_CURRENT_USER, ca.sha1_hex).present);
  CHECK(s.machine_store->check(ca, "").status == Status::already);
  CHECK(chain_error(leaf, true) == 0);

  CHECK(s.machine_store->uninstall(ca, "").status == Status::done);
  CHECK_FALSE(in_registry_store(CERT_SYSTEM_STORE_LOCAL_MACHINE, ca.sha1_hex).present);
  CHECK(chain_error(leaf, true) != 0);
  CHECK(s.machine_store->uninstall(ca, "").status == Status::already);
}

TEST_CASE("a ROOT store the user may not write", "[windows][trust][denied]") {
  POSTERN_ONLY_UNDER_WINE();
  Stores s;
  const CaRef ca = test_ca();
  s.user_store->uninstall(ca, "CurrentUser\\ROOT");
  const std::wstring root_key = L"Software\\Microsoft\\SystemCertificates\\Root";
  HKEY created = nullptr;
  REQUIRE(::RegCreateKeyExW(HKEY_CURRENT_USER, root_key.c_str(), 0, nullptr, 0, KEY_READ, nullptr,
                            &created, nullptr) == ERROR_SUCCESS);
  ::RegCloseKey(created);
  {
    testing::KeyDaclLock lock(HKEY_CURRENT_USER, root_key, L"D:P(A;;KR;;;WD)");
    REQUIRE(lock.applied());
    auto denied = s.user_store->install(ca, "CurrentUser\\ROOT");
    CHECK(denied.status == Status::failed);
    CHECK(denied.code == codes::privileges_required);
    CHECK_THAT(denied.cause, Catch::Contains("CurrentUser\\ROOT"));
    CHECK_FALSE(denied.remedy.empty());
    // Reading needs no write access: check still answers.
    auto checked = s.user_store->check(ca, "CurrentUser\\ROOT");
    CHECK(checked.code == codes::ca_not_trusted);
  }
  CHECK_FALSE(in_registry_store(CERT_SYSTEM_STORE_CURRENT_USER, ca.sha1_hex).present);
}

TEST_CASE("removing the user's copy leaves the machine's, and says the CA is still trusted",
          "[windows][trust]") {
  // CurrentUser\ROOT shows LocalMachine's roots too, so a CA trusted machine-wide counts as
  // trusted for the user; but a per-user uninstall must not reach into the machine's store.
  POSTERN_ONLY_UNDER_WINE();
  Stores s;
  const CaRef ca = test_ca();
  s.user_store->uninstall(ca, "CurrentUser\\ROOT");
  s.machine_store->uninstall(ca, "LocalMachine\\ROOT");
  REQUIRE(s.machine_store->install(ca, "LocalMachine\\ROOT").status == Status::done);

  CHECK(s.user_store->check(ca, "CurrentUser\\ROOT").status == Status::already);
  CHECK(s.user_store->install(ca, "CurrentUser\\ROOT").status == Status::already);
  auto kept = s.user_store->uninstall(ca, "CurrentUser\\ROOT");
  CHECK(kept.status == Status::failed);
  CHECK(kept.code == codes::ca_still_trusted);
  CHECK_THAT(kept.cause, Catch::Contains("LocalMachine\\ROOT"));
  CHECK_THAT(kept.remedy, Catch::Contains("Run as administrator"));
  CHECK(in_registry_store(CERT_SYSTEM_STORE_LOCAL_MACHINE, ca.sha1_hex).present);

  CHECK(s.machine_store->uninstall(ca, "LocalMachine\\ROOT").status == Status::done);
  CHECK(s.user_store->uninstall(ca, "CurrentUser\\ROOT").status == Status::already);
}
