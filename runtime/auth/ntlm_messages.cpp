#include "runtime/auth/ntlm_messages.hpp"

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/md4.hpp"

namespace postern::auth::ntlm::detail {
namespace {

constexpr std::string_view kSignature{"NTLMSSP\0", 8};
constexpr std::uint16_t kAvEol = 0;
constexpr std::uint16_t kAvTimestamp = 7;
constexpr std::size_t kAuthenticateHeader = 64;

void put16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>(value >> 8);
}

void put32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i)
    out += static_cast<char>((value >> (8 * i)) & 0xff);
}

void put64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i)
    out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::uint16_t get16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                    static_cast<unsigned char>(bytes[at + 1]) << 8);
}

std::uint32_t get32(std::string_view bytes, std::size_t at) {
  return std::uint32_t(get16(bytes, at)) | std::uint32_t(get16(bytes, at + 2)) << 16;
}

std::uint64_t get64(std::string_view bytes, std::size_t at) {
  return std::uint64_t(get32(bytes, at)) | std::uint64_t(get32(bytes, at + 4)) << 32;
}

base::Error bad_challenge(std::string_view why) {
  return base::Error{errc::bad_challenge,
                     "ntlm: the server's CHALLENGE message " + std::string(why),
                     "the server's NTLM answer is malformed; check that nothing between Postern "
                     "and the server rewrites WWW-Authenticate"};
}

/// A security buffer (length, max length, offset) at `field`, checked against the message.
base::Result<std::string_view> security_buffer(std::string_view message, std::size_t field) {
  const std::uint16_t length = get16(message, field);
  const std::uint32_t offset = get32(message, field + 4);
  if (length == 0) return std::string_view{};
  if (offset > message.size() || length > message.size() - offset) {
    return bad_challenge("points outside itself");
  }
  return message.substr(offset, length);
}

/// Walks the AV_PAIR list (§2.2.2.1): every pair inside the buffer, ending with MsvAvEOL.
base::Status_or_error read_target_info(std::string_view info, Challenge& out) {
  std::size_t at = 0;
  while (true) {
    if (info.size() - at < 4) return bad_challenge("has an AV_PAIR list without its end");
    const std::uint16_t id = get16(info, at);
    const std::uint16_t length = get16(info, at + 2);
    at += 4;
    if (length > info.size() - at) return bad_challenge("has an AV_PAIR longer than its list");
    if (id == kAvEol) return base::Ok{};
    if (id == kAvTimestamp && length == 8) out.timestamp = get64(info, at);
    at += length;
  }
}

/// The security buffer fields of an AUTHENTICATE message, filled in as the payload grows.
void add_payload(std::string& message, std::size_t field, std::string_view value) {
  const auto offset = static_cast<std::uint32_t>(message.size());
  std::string buffer;
  put16(buffer, static_cast<std::uint16_t>(value.size()));
  put16(buffer, static_cast<std::uint16_t>(value.size()));
  put32(buffer, offset);
  message.replace(field, 8, buffer);
  message.append(value);
}

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

/// One code point from UTF-8 at `at` (advanced past it); U+FFFD for an invalid sequence.
std::uint32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at++]);
  int extra = lead < 0x80           ? 0
              : (lead >> 5) == 0x6  ? 1
              : (lead >> 4) == 0xe  ? 2
              : (lead >> 3) == 0x1e ? 3
                                    : -1;
  if (extra < 0) return 0xfffd;
  std::uint32_t code = extra == 0 ? lead : lead & (0x3f >> extra);
  for (int i = 0; i < extra; ++i) {
    if (at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xc0) != 0x80) return 0xfffd;
    code = code << 6 | (static_cast<unsigned char>(text[at++]) & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  static constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[extra] || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
    return 0xfffd;
  }
  return code;
}

}  // namespace

std::string utf16le(std::string_view utf8) {
  std::string out;
  std::size_t at = 0;
  while (at < utf8.size()) {
    std::uint32_t code = next_code_point(utf8, at);
    if (code >= 0x10000) {
      code -= 0x10000;
      put16(out, static_cast<std::uint16_t>(0xd800 | (code >> 10)));
      put16(out, static_cast<std::uint16_t>(0xdc00 | (code & 0x3ff)));
    } else {
      put16(out, static_cast<std::uint16_t>(code));
    }
  }
  return out;
}

std::string nt_hash(std::string_view password) {
  return md4(utf16le(password));
}

std::string ntowfv2(std::string_view password, std::string_view user, std::string_view domain) {
  return hmac(HashAlgorithm::md5, nt_hash(password),
              utf16le(ascii_upper(user) + std::string(domain)));
}

std::uint64_t filetime(std::int64_t unix_time) {
  constexpr std::int64_t kSecondsFrom1601To1970 = 11644473600;
  return static_cast<std::uint64_t>(unix_time + kSecondsFrom1601To1970) * 10000000u;
}

std::string ntlmv2_client_blob(std::uint64_t time, std::string_view client_challenge,
                               std::string_view target_info) {
  std::string blob = {0x01, 0x01};
  blob.append(6, '\0');
  put64(blob, time);
  blob.append(client_challenge);
  blob.append(4, '\0');
  blob.append(target_info);
  blob.append(4, '\0');
  return blob;
}

Ntlmv2Responses ntlmv2_responses(std::string_view ntowfv2_key, std::string_view server_challenge,
                                 std::string_view client_challenge, std::uint64_t time,
                                 std::string_view target_info) {
  const std::string blob = ntlmv2_client_blob(time, client_challenge, target_info);
  const std::string proof =
      hmac(HashAlgorithm::md5, ntowfv2_key, std::string(server_challenge) + blob);
  Ntlmv2Responses out;
  out.nt_response = proof + blob;
  out.lm_response = hmac(HashAlgorithm::md5, ntowfv2_key,
                         std::string(server_challenge) + std::string(client_challenge)) +
                    std::string(client_challenge);
  out.session_base_key = hmac(HashAlgorithm::md5, ntowfv2_key, proof);
  return out;
}

std::string negotiate_message(std::uint32_t flags) {
  std::string message(kSignature);
  put32(message, 1);
  put32(message, flags);
  // Empty DomainNameFields and WorkstationFields, pointing just past the header (32 bytes).
  for (int field = 0; field < 2; ++field) {
    put32(message, 0);
    put32(message, 32);
  }
  return message;
}

base::Result<Challenge> parse_challenge(std::string_view message) {
  if (message.size() < 32) return bad_challenge("is shorter than 32 bytes");
  if (message.substr(0, 8) != kSignature) return bad_challenge("has no NTLMSSP signature");
  if (get32(message, 8) != 2) return bad_challenge("is not of type 2");
  Challenge out;
  auto target_name = security_buffer(message, 12);
  if (!target_name) return target_name.error();
  out.target_name = std::string(target_name.value());
  out.flags = get32(message, 20);
  out.server_challenge = std::string(message.substr(24, 8));
  // TargetInfoFields are at 40..48; a 32-byte message (NTLMv1-era servers) has none.
  if (message.size() >= 48) {
    auto info = security_buffer(message, 40);
    if (!info) return info.error();
    if (!info.value().empty()) {
      out.target_info = std::string(info.value());
      if (auto read = read_target_info(out.target_info, out); !read) return read.error();
    }
  }
  return out;
}

std::string authenticate_message(const AuthenticateFields& fields) {
  const bool unicode = (fields.flags & kNegotiateUnicode) != 0;
  auto text = [unicode](std::string_view value) {
    return unicode ? utf16le(value) : std::string(value);
  };
  std::string message(kSignature);
  put32(message, 3);
  message.resize(kAuthenticateHeader - 4, '\0');  // six security buffers, filled in below
  put32(message, fields.flags);
  // Field offsets: LmChallengeResponse 12, NtChallengeResponse 20, DomainName 28, UserName 36,
  // Workstation 44, EncryptedRandomSessionKey 52 (empty: no key exchange).
  add_payload(message, 28, text(fields.domain));
  add_payload(message, 36, text(fields.user));
  add_payload(message, 44, text(fields.workstation));
  add_payload(message, 12, fields.lm_response);
  add_payload(message, 20, fields.nt_response);
  add_payload(message, 52, "");
  return message;
}

std::uint32_t negotiated_flags(std::uint32_t server_flags) {
  std::uint32_t flags = server_flags & (kClientFlags | kNegotiateTargetInfo);
  // Exactly one character set: Unicode when the server can, OEM otherwise.
  if (flags & kNegotiateUnicode) flags &= ~kNegotiateOem;
  return flags;
}

}  // namespace postern::auth::ntlm::detail
