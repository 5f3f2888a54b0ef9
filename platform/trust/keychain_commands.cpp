#include "platform/trust/keychain_commands.hpp"

#include <algorithm>
#include <cctype>

namespace postern::platform::trust {

namespace {

std::string text(std::string_view view) {
  return std::string(view);
}

std::string lower(std::string_view view) {
  std::string out(view);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<std::string> add_trusted_cert_argv(std::string_view keychain,
                                               std::string_view cert_file) {
  // -r trustRoot: trusted as a root for every policy; -d: admin domain, which every user sees.
  return {"security", "add-trusted-cert", "-d",           "-r", "trustRoot",
          "-k",       text(keychain),     text(cert_file)};
}

std::vector<std::string> verify_cert_argv(std::string_view cert_file) {
  return {"security", "verify-cert", "-c", text(cert_file), "-p", "ssl"};
}

std::vector<std::string> find_certificates_argv(std::string_view keychain) {
  return {"security", "find-certificate", "-a", "-Z", text(keychain)};
}

std::vector<std::string> delete_certificate_argv(std::string_view sha1_hex,
                                                 std::string_view keychain) {
  return {"security", "delete-certificate", "-Z", text(sha1_hex), text(keychain)};
}

std::vector<std::string> remove_trusted_cert_argv(std::string_view cert_file) {
  return {"security", "remove-trusted-cert", "-d", text(cert_file)};
}

std::vector<std::string> parse_sha1_hashes(std::string_view output) {
  // Lines look like "SHA-1 hash: 0A1B..."; newer macOS also prints "SHA-256 hash:" first.
  constexpr std::string_view key = "SHA-1 hash:";
  std::vector<std::string> hashes;
  std::size_t at = 0;
  while ((at = output.find(key, at)) != std::string_view::npos) {
    at += key.size();
    while (at < output.size() && output[at] == ' ')
      ++at;
    std::string hash;
    while (at < output.size() && std::isxdigit(static_cast<unsigned char>(output[at]))) {
      hash += static_cast<char>(std::toupper(static_cast<unsigned char>(output[at++])));
    }
    if (hash.size() == 40) hashes.push_back(std::move(hash));
  }
  return hashes;
}

bool verify_cert_succeeded(const CommandResult& result) {
  return result.succeeded() &&
         lower(result.output).find("verification successful") != std::string::npos;
}

bool keychain_needs_admin(std::string_view output) {
  const std::string text = lower(output);
  return text.find("authorization was denied") != std::string::npos ||
         text.find("no user interaction was possible") != std::string::npos ||
         text.find("write permissions error") != std::string::npos ||
         text.find("permission denied") != std::string::npos;
}

}  // namespace postern::platform::trust
