// Every way a CA folder can be broken, through CertificateAuthority::load(): each gives its own
// errc, a message naming the file, and a remedy.
#include "certs/ca_checks.hpp"

#include <openssl/pem.h>
#ifndef _WIN32
#include <unistd.h>
#endif
#include <catch2/catch.hpp>

#include "cert_fixtures.hpp"
#include "certs/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using certs::CaFiles;
using certs::CertificateAuthority;
using certs::errc;
using certs::KeyUse;
namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& path, const std::string& text, bool secret = false) {
  auto wrote = base::write_file_atomically(
      path, text, secret ? base::FileMode::owner_only : base::FileMode::world_read);
  REQUIRE(wrote.has_value());
}

void expect_load_error(const CaFiles& files, errc expected, const fs::path& named,
                       KeyUse key_use = KeyUse::required) {
  auto loaded = CertificateAuthority::load(files, key_use);
  REQUIRE_FALSE(loaded.has_value());
  INFO(loaded.error().message);
  CHECK(loaded.error().code == expected);
  CHECK(loaded.error().message.find(named.string()) != std::string::npos);
  CHECK_FALSE(loaded.error().remedy.empty());
}

std::string encrypted_key_pem(const std::string& key_pem) {
  auto in = certs::memory_bio(key_pem);
  certs::PkeyPtr key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  certs::BioPtr out(BIO_new(BIO_s_mem()));
  PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                const_cast<char*>("secret"));
  return certs::bio_contents(out.get());
}

// The certificate file contents for each kind of damage.
std::string damaged_certificate(const std::string& kind, const testing::FakeCert& fake) {
  if (kind == "garbage") return "this is not a certificate\n";
  if (kind == "truncated") return fake.cert_pem.substr(0, fake.cert_pem.size() / 2);
  if (kind == "a key instead") return fake.key_pem;
  if (kind == "over the 1 MiB cap") {
    return fake.cert_pem + std::string(certs::kMaxCaFileBytes, '\n');
  }
  return "";
}

struct ForeignCase {
  const char* label;
  const char* basic_constraints;
  const char* key_usage;
};

struct ValidityCase {
  const char* label;
  std::chrono::seconds not_before;
  std::chrono::seconds not_after;
  errc expected;
};

}  // namespace

TEST_CASE("missing and half-present CA files", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir / "proxy");
  SECTION("neither file") {
    expect_load_error(files, errc::ca_missing, files.cert);
  }
  SECTION("neither file, keyless") {
    expect_load_error(files, errc::ca_missing, files.cert, KeyUse::not_needed);
  }
  const auto fake = testing::make_fake_cert();
  SECTION("certificate without key") {
    write_text(files.cert, fake.cert_pem);
    expect_load_error(files, errc::ca_half_present, files.key);
    expect_load_error(files, errc::ca_half_present, files.cert);
  }
  SECTION("key without certificate, even keyless") {
    write_text(files.key, fake.key_pem, true);
    expect_load_error(files, errc::ca_half_present, files.cert);
    expect_load_error(files, errc::ca_half_present, files.cert, KeyUse::not_needed);
  }
}

TEST_CASE("unreadable CA files", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  const auto fake = testing::make_fake_cert();
  testing::write_fake_ca(files, fake);
  SECTION("certificate is a folder") {
    fs::remove(files.cert);
    fs::create_directory(files.cert);
    expect_load_error(files, errc::ca_unreadable, files.cert);
  }
  SECTION("key is a folder") {
    fs::remove(files.key);
    fs::create_directory(files.key);
    fs::permissions(files.key, fs::perms::owner_all);
    expect_load_error(files, errc::ca_unreadable, files.key);
  }
#ifndef _WIN32
  SECTION("key without read permission") {
    if (::geteuid() == 0) {
      SUCCEED("root reads anything; the folder cases cover this path");
      return;
    }
    fs::permissions(files.key, fs::perms::none);
    expect_load_error(files, errc::ca_unreadable, files.key);
  }
#endif
}

TEST_CASE("a certificate file that is not a PEM certificate is corrupt", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  const auto fake = testing::make_fake_cert();
  testing::write_fake_ca(files, fake);
  const std::string kind = GENERATE(as<std::string>{}, "garbage", "empty", "truncated",
                                    "a key instead", "over the 1 MiB cap");
  INFO(kind);
  write_text(files.cert, damaged_certificate(kind, fake));
  expect_load_error(files, errc::ca_corrupt, files.cert);
  expect_load_error(files, errc::ca_corrupt, files.cert, KeyUse::not_needed);
}

TEST_CASE("a key file that is not a usable key", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  const auto fake = testing::make_fake_cert();
  testing::write_fake_ca(files, fake);
  SECTION("garbage") {
    write_text(files.key, "not a key", true);
    expect_load_error(files, errc::key_corrupt, files.key);
  }
  SECTION("the certificate instead of the key") {
    write_text(files.key, fake.cert_pem, true);
    expect_load_error(files, errc::key_corrupt, files.key);
  }
  SECTION("encrypted: refused, never a password prompt") {
    write_text(files.key, encrypted_key_pem(fake.key_pem), true);
    expect_load_error(files, errc::key_corrupt, files.key);
  }
  SECTION("another CA's key") {
    write_text(files.key, testing::make_fake_cert().key_pem, true);
    expect_load_error(files, errc::key_mismatch, files.key);
  }
}

#ifndef _WIN32  // POSIX modes only; check_key_mode() is a no-op on Windows
TEST_CASE("a key readable by others is refused until chmod 600", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  testing::write_fake_ca(files, testing::make_fake_cert());
  const int mode = GENERATE(0644, 0640, 0604, 0660);
  INFO("mode " << std::oct << mode);
  fs::permissions(files.key, static_cast<fs::perms>(mode));
  auto loaded = CertificateAuthority::load(files, KeyUse::required);
  REQUIRE_FALSE(loaded.has_value());
  CHECK(loaded.error().code == errc::key_exposed);
  CHECK(loaded.error().message.find(files.key.string()) != std::string::npos);
  CHECK(loaded.error().remedy == "run `chmod 600 " + files.key.string() + "`");
  CHECK(CertificateAuthority::load(files, KeyUse::not_needed).has_value());
  fs::permissions(files.key, static_cast<fs::perms>(0600));
  CHECK(CertificateAuthority::load(files, KeyUse::required).has_value());
}
#endif

TEST_CASE("a CA outside its validity period", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  using std::chrono::hours;
  const ValidityCase c = GENERATE(values<ValidityCase>({
      {"expired", hours(-24 * 800), hours(-24), errc::ca_expired},
      {"not valid yet", hours(24), hours(24 * 365), errc::ca_not_yet_valid},
  }));
  INFO(c.label);
  testing::FakeCertOptions options;
  options.not_before = c.not_before;
  options.not_after = c.not_after;
  testing::write_fake_ca(files, testing::make_fake_cert(options));
  expect_load_error(files, c.expected, files.cert);
  expect_load_error(files, c.expected, files.cert, KeyUse::not_needed);
}

TEST_CASE("a certificate that cannot issue is foreign", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  const char* ca = "critical,CA:TRUE,pathlen:0";
  const char* sign = "critical,keyCertSign,cRLSign";
  const ForeignCase c = GENERATE_COPY(values<ForeignCase>({
      {"CA:FALSE (a leaf)", "critical,CA:FALSE", sign},
      {"no basicConstraints", nullptr, sign},
      {"keyUsage without keyCertSign", ca, "critical,digitalSignature"},
      {"no keyUsage", ca, nullptr},
  }));
  INFO(c.label);
  testing::FakeCertOptions options;
  options.basic_constraints = c.basic_constraints;
  options.key_usage = c.key_usage;
  testing::write_fake_ca(files, testing::make_fake_cert(options));
  expect_load_error(files, errc::ca_foreign, files.cert);
}

TEST_CASE("a well-formed foreign CA with matching key loads", "[ca][checks]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  testing::write_fake_ca(files, testing::make_fake_cert());
  auto loaded = CertificateAuthority::load(files, KeyUse::required);
  REQUIRE(loaded.has_value());
  CHECK(loaded.value()->subject_cn() == "Fake Test CA");
}

TEST_CASE("file_present counts dangling symlinks as present", "[ca][checks]") {
  testing::TempDir dir;
  CHECK_FALSE(certs::file_present(dir / "nothing"));
  fs::create_symlink(dir / "nothing", dir / "link");
  CHECK(certs::file_present(dir / "link"));
  CHECK(certs::regenerate_remedy(CaFiles::in(dir.path())).find(dir.path().string()) !=
        std::string::npos);
}
