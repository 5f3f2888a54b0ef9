#pragma once
// MD4 (RFC 1320), for NTLM's NT hash only. OpenSSL 3 moved MD4 to its "legacy" provider, which a
// distribution may not ship (or a FIPS configuration may forbid), and loading it needs a library
// context and a module path at run time; MD4 is a few dozen lines, so NTLM carries its own and
// tests it with RFC 1320's appendix A.5 suite. Never use it for anything that needs a secure hash.

#include <string>
#include <string_view>

namespace postern::auth {

/// The raw 16-byte MD4 digest of `data`.
std::string md4(std::string_view data);

}  // namespace postern::auth
