#include "runtime/auth/digest_challenge.hpp"

#include <array>

#include "base/ascii.hpp"
#include "runtime/auth/errc.hpp"

namespace postern::auth {
namespace {

struct AlgorithmRow {
  std::string_view name;
  HashAlgorithm hash;
};

// RFC 7616 §6.1's registry; SHA-512-256 is cheap to offer since crypto.hpp has it.
constexpr std::array<AlgorithmRow, 3> kAlgorithms = {{
    {"MD5", HashAlgorithm::md5},
    {"SHA-256", HashAlgorithm::sha256},
    {"SHA-512-256", HashAlgorithm::sha512_256},
}};

constexpr std::string_view kSessionSuffix = "-sess";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<DigestAlgorithm> digest_algorithm(std::string_view name) {
  bool session =
      name.size() > kSessionSuffix.size() &&
      equals_ignoring_case(name.substr(name.size() - kSessionSuffix.size()), kSessionSuffix);
  std::string_view base = session ? name.substr(0, name.size() - kSessionSuffix.size()) : name;
  for (const auto& row : kAlgorithms) {
    if (equals_ignoring_case(base, row.name)) {
      return DigestAlgorithm{row.hash, session,
                             std::string(row.name) + (session ? std::string(kSessionSuffix) : "")};
    }
  }
  return std::nullopt;
}

std::vector<std::string> split_qop_options(std::string_view list) {
  std::vector<std::string> options;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    if (!item.empty()) options.push_back(base::ascii_lower(item));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return options;
}

base::Result<DigestChallenge> read_digest_challenge(const Challenge& challenge) {
  DigestChallenge digest;
  auto nonce = challenge.param("nonce");
  if (!nonce || nonce->empty()) {
    return base::Error{errc::bad_challenge, "digest: the server's challenge has no nonce", {}};
  }
  digest.nonce = *nonce;
  digest.realm = challenge.param("realm").value_or("");
  digest.opaque = challenge.param("opaque");
  if (auto name = challenge.param("algorithm")) {
    auto algorithm = digest_algorithm(*name);
    if (!algorithm) {
      return base::Error{errc::unsupported_challenge,
                         "digest: the server asks for algorithm \"" + *name + "\"",
                         "Postern does MD5, SHA-256 and SHA-512-256, each also as -sess"};
    }
    digest.algorithm = std::move(*algorithm);
  } else {
    digest.algorithm = *digest_algorithm("MD5");
  }
  digest.qop = split_qop_options(challenge.param("qop").value_or(""));
  // RFC 7616 §3.3: both flags are case-insensitive "true"; anything else means false.
  digest.stale = equals_ignoring_case(challenge.param("stale").value_or(""), "true");
  digest.userhash = equals_ignoring_case(challenge.param("userhash").value_or(""), "true");
  return digest;
}

}  // namespace postern::auth
