#pragma once
// NTLM (MS-NLMP), the parts HTTP needs, step by step (STYLE practice 10): the NEGOTIATE (type 1)
// and AUTHENTICATE (type 3) messages Postern sends, the CHALLENGE (type 2) it parses from the
// server, and the NTLMv2 computations of MS-NLMP §3.3.2, each tested with §4.2.4's published
// bytes. ntlm.cpp runs the handshake behind the AuthScheme interface.
//
// Only NTLMv2 is offered: NTLMv1 and LM responses are crackable and servers disable them. Message
// signing and sealing, the MIC and channel bindings are not for HTTP's use of NTLM (MS-NTHT) and
// are not implemented.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::auth::ntlm::detail {

// NegotiateFlags (MS-NLMP §2.2.2.5) Postern uses.
constexpr std::uint32_t kNegotiateUnicode = 0x00000001;
constexpr std::uint32_t kNegotiateOem = 0x00000002;
constexpr std::uint32_t kRequestTarget = 0x00000004;
constexpr std::uint32_t kNegotiateNtlm = 0x00000200;
constexpr std::uint32_t kNegotiateAlwaysSign = 0x00008000;
constexpr std::uint32_t kNegotiateExtendedSessionSecurity = 0x00080000;
constexpr std::uint32_t kNegotiateTargetInfo = 0x00800000;
constexpr std::uint32_t kNegotiate128 = 0x20000000;
constexpr std::uint32_t kNegotiate56 = 0x80000000;

/// What Postern asks for in its NEGOTIATE message.
constexpr std::uint32_t kClientFlags =
    kNegotiateUnicode | kNegotiateOem | kRequestTarget | kNegotiateNtlm | kNegotiateAlwaysSign |
    kNegotiateExtendedSessionSecurity | kNegotiate128 | kNegotiate56;

/// UTF-8 to UTF-16LE (invalid UTF-8 bytes become U+FFFD).
std::string utf16le(std::string_view utf8);

/// NTOWFv1 (§3.3.1): MD4 of the UTF-16LE password, the NT hash.
std::string nt_hash(std::string_view password);

/// NTOWFv2 (§3.3.2): HMAC-MD5 keyed with the NT hash over UTF-16LE(Uppercase(user) + domain).
/// The user is upper-cased in ASCII only; the domain is used as given.
std::string ntowfv2(std::string_view password, std::string_view user, std::string_view domain);

/// Windows FILETIME (100 ns since 1601-01-01) of a Unix time.
std::uint64_t filetime(std::int64_t unix_time);

/// The NTLMv2_CLIENT_CHALLENGE ("temp" of §3.3.2): 0x01 0x01, Z(6), time (little endian),
/// client challenge, Z(4), the server's target info, Z(4).
std::string ntlmv2_client_blob(std::uint64_t time, std::string_view client_challenge,
                               std::string_view target_info);

struct Ntlmv2Responses {
  std::string nt_response;       ///< NTProofStr (16 bytes) followed by the client blob
  std::string lm_response;       ///< LMv2: HMAC-MD5 over both challenges, then the client's
  std::string session_base_key;  ///< HMAC-MD5(NTOWFv2, NTProofStr)
};

/// §3.3.2's ComputeResponse for NTLMv2.
Ntlmv2Responses ntlmv2_responses(std::string_view ntowfv2_key, std::string_view server_challenge,
                                 std::string_view client_challenge, std::uint64_t time,
                                 std::string_view target_info);

/// The NEGOTIATE message (§2.2.1.1) with `flags` and no domain or workstation: 32 bytes.
std::string negotiate_message(std::uint32_t flags = kClientFlags);

/// What a CHALLENGE message (§2.2.1.2) says.
struct Challenge {
  std::uint32_t flags = 0;
  std::string server_challenge;            ///< 8 bytes
  std::string target_name;                 ///< as sent (UTF-16LE when the Unicode flag is set)
  std::string target_info;                 ///< the AV_PAIR list, as sent, ending with MsvAvEOL
  std::optional<std::uint64_t> timestamp;  ///< MsvAvTimestamp, when the server sent one
};

/// Parses a CHALLENGE message. Every length and offset is checked against the message; anything
/// out of bounds, a wrong signature or type, or an AV_PAIR list without its end is
/// errc::bad_challenge.
base::Result<Challenge> parse_challenge(std::string_view message);

struct AuthenticateFields {
  std::uint32_t flags = 0;  ///< the negotiated flags (Unicode decides how names are encoded)
  std::string lm_response;
  std::string nt_response;
  std::string domain;       ///< UTF-8
  std::string user;         ///< UTF-8
  std::string workstation;  ///< UTF-8
};

/// The AUTHENTICATE message (§2.2.1.3) without Version or MIC: a 64-byte header, then domain,
/// user, workstation, LM and NT responses. Names are UTF-16LE when the Unicode flag is set, else
/// their bytes as given (OEM).
std::string authenticate_message(const AuthenticateFields& fields);

/// The flags Postern sends back: what the server offered of what Postern asked for.
std::uint32_t negotiated_flags(std::uint32_t server_flags);

}  // namespace postern::auth::ntlm::detail
