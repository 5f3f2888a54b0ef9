#include "certs/ca_checks.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "base/files.hpp"
#include "certs/errc.hpp"

namespace postern::certs {

namespace fs = std::filesystem;

namespace {

base::Error error(errc code, std::string message, std::string remedy) {
  ERR_clear_error();  // leave no stale entries for the next OpenSSL caller on this thread
  return base::Error{make_error_code(code), std::move(message), std::move(remedy)};
}

std::string time_text(const ASN1_TIME* time) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || !ASN1_TIME_print(bio.get(), time)) return "an unreadable date";
  return bio_contents(bio.get());
}

// A read failure: an oversized file is not a CA file at all, anything else is an I/O problem.
base::Error read_error(const base::Error& cause, const fs::path& path, errc corrupt) {
  if (cause.code == std::errc::file_too_large) {
    return error(corrupt, cause.message, "check that " + path.string() + " is the right file");
  }
  return error(errc::ca_unreadable, cause.message,
               "make " + path.string() + " readable by you (`ls -l " + path.string() +
                   "` shows its owner and mode)");
}

// A PEM key may be encrypted; Postern never prompts, so any password request fails the read.
int refuse_password(char*, int, int, void*) {
  return -1;
}

}  // namespace

bool file_present(const fs::path& path) {
  std::error_code ec;
  auto status = fs::symlink_status(path, ec);
  if (ec) return ec != std::errc::no_such_file_or_directory;
  return status.type() != fs::file_type::not_found;
}

std::string regenerate_remedy(const CaFiles& files) {
  return "delete the folder " + files.cert.parent_path().string() +
         " and run `postern ca regenerate`";
}

base::Error missing_files_error(const CaFiles& files, bool cert_present, bool key_present) {
  if (!cert_present && !key_present) {
    return error(
        errc::ca_missing,
        "no proxy CA at " + files.cert.string() + " (nor its key " + files.key.string() + ")",
        "run `postern ca init` to create one");
  }
  const fs::path& present = cert_present ? files.cert : files.key;
  const fs::path& absent = cert_present ? files.key : files.cert;
  return error(errc::ca_half_present,
               present.string() + " exists but " + absent.string() +
                   " does not (an interrupted creation, or a file was removed)",
               regenerate_remedy(files));
}

base::Result<X509Ptr> read_ca_certificate(const CaFiles& files) {
  auto bytes = base::read_file(files.cert, kMaxCaFileBytes);
  if (!bytes) return read_error(bytes.error(), files.cert, errc::ca_corrupt);
  auto bio = memory_bio(bytes.value());
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, refuse_password, nullptr) : nullptr);
  if (!cert) {
    return error(errc::ca_corrupt, files.cert.string() + " does not hold a PEM certificate",
                 regenerate_remedy(files));
  }
  return cert;
}

base::Result<base::Ok> check_can_issue(X509* cert, const CaFiles& files) {
  const uint32_t flags = X509_get_extension_flags(cert);
  if (flags & EXFLAG_INVALID) {
    return error(errc::ca_corrupt, files.cert.string() + " has malformed extensions",
                 regenerate_remedy(files));
  }
  if (!(flags & EXFLAG_CA)) {
    return error(errc::ca_foreign,
                 files.cert.string() + " is not a CA certificate (no basicConstraints CA:TRUE)",
                 regenerate_remedy(files));
  }
  // Without a keyUsage extension any usage is allowed (RFC 5280 section 4.2.1.3), but clients
  // differ on that for issuers, so Postern's own CA always carries one and a CA without one is
  // someone else's.
  if (!(flags & EXFLAG_KUSAGE) || !(X509_get_key_usage(cert) & KU_KEY_CERT_SIGN)) {
    return error(errc::ca_foreign,
                 files.cert.string() + " may not sign certificates (keyUsage lacks keyCertSign)",
                 regenerate_remedy(files));
  }
  return base::Ok{};
}

base::Result<base::Ok> check_validity(X509* cert, const CaFiles& files) {
  const ASN1_TIME* not_before = X509_get0_notBefore(cert);
  const ASN1_TIME* not_after = X509_get0_notAfter(cert);
  const int starts = X509_cmp_current_time(not_before);
  const int ends = X509_cmp_current_time(not_after);
  if (starts == 0 || ends == 0) {  // 0 means the time could not be parsed
    return error(errc::ca_corrupt, files.cert.string() + " has an invalid validity period",
                 regenerate_remedy(files));
  }
  if (starts > 0) {
    return error(errc::ca_not_yet_valid,
                 files.cert.string() + " is not valid before " + time_text(not_before),
                 "check the system clock (`date`); if it is right, " + regenerate_remedy(files));
  }
  if (ends < 0) {
    return error(errc::ca_expired, files.cert.string() + " expired on " + time_text(not_after),
                 regenerate_remedy(files));
  }
  return base::Ok{};
}

base::Result<base::Ok> check_key_mode(const CaFiles& files) {
#ifndef _WIN32
  struct stat info {};
  if (::stat(files.key.c_str(), &info) != 0) {
    const std::error_code code(errno, std::generic_category());
    return error(errc::ca_unreadable, "cannot read " + files.key.string() + ": " + code.message(),
                 "make " + files.key.string() + " readable by you");
  }
  if (info.st_mode & (S_IRWXG | S_IRWXO)) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return error(errc::key_exposed,
                 files.key.string() + " can be read by other users (mode " + mode + ")",
                 "run `chmod 600 " + files.key.string() + "`");
  }
#else
  (void)files;  // no mode bits: the key lives in the user's profile, whose ACL is owner-only
#endif
  return base::Ok{};
}

base::Result<PkeyPtr> read_ca_key(X509* cert, const CaFiles& files) {
  auto bytes = base::read_file(files.key, kMaxCaFileBytes);
  if (!bytes) return read_error(bytes.error(), files.key, errc::key_corrupt);
  auto bio = memory_bio(bytes.value());
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_password, nullptr)
                  : nullptr);
  OPENSSL_cleanse(bytes.value().data(), bytes.value().size());
  if (!key) {
    return error(errc::key_corrupt,
                 files.key.string() + " does not hold an unencrypted PEM private key",
                 regenerate_remedy(files));
  }
  if (X509_check_private_key(cert, key.get()) != 1) {
    return error(errc::key_mismatch,
                 files.key.string() + " is not the key of " + files.cert.string(),
                 regenerate_remedy(files));
  }
  return key;
}

}  // namespace postern::certs
