#include "platform/trust/certutil_commands.hpp"

#include <algorithm>
#include <cctype>

namespace postern::platform::trust {

std::vector<std::string> Certutil::list_keys(const std::string& db) const {
  return {tool, "-K", "-d", db};
}

std::vector<std::string> Certutil::list(const std::string& db) const {
  return {tool, "-L", "-d", db};
}

std::vector<std::string> Certutil::export_pem(const std::string& db,
                                              const std::string& nickname) const {
  return {tool, "-L", "-d", db, "-n", nickname, "-a"};
}

std::vector<std::string> Certutil::add(const std::string& db, const std::string& nickname) const {
  // Without -i certutil reads the certificate from stdin, so no temp file is needed.
  return {tool, "-A", "-d", db, "-t", std::string(kTlsCaTrust), "-n", nickname};
}

std::vector<std::string> Certutil::set_trust(const std::string& db,
                                             const std::string& nickname) const {
  return {tool, "-M", "-d", db, "-t", std::string(kTlsCaTrust), "-n", nickname};
}

std::vector<std::string> Certutil::verify(const std::string& db, const std::string& nickname,
                                          char usage) const {
  return {tool, "-V", "-d", db, "-n", nickname, "-u", std::string(1, usage)};
}

std::vector<std::string> Certutil::remove(const std::string& db,
                                          const std::string& nickname) const {
  return {tool, "-D", "-d", db, "-n", nickname};
}

std::vector<std::string> Certutil::create_db(const std::string& db) const {
  return {tool, "-N", "--empty-password", "-d", db};
}

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Trust flags are three comma-separated fields of letters: "C,,", "CT,C,C", "u,u,u".
bool is_trust_flags(std::string_view word) {
  if (std::count(word.begin(), word.end(), ',') != 2) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return c == ',' || std::isalpha(static_cast<unsigned char>(c));
  });
}

}  // namespace

std::vector<NssEntry> parse_certutil_list(std::string_view output) {
  std::vector<NssEntry> entries;
  while (!output.empty()) {
    auto end = output.find('\n');
    std::string_view line = trim(output.substr(0, end));
    output = end == std::string_view::npos ? std::string_view() : output.substr(end + 1);
    // Rows are "<nickname, maybe with spaces>   <flags>"; the header's last word is not flags.
    auto split = line.find_last_of(" \t");
    if (split == std::string_view::npos) continue;
    std::string_view flags = line.substr(split + 1);
    if (!is_trust_flags(flags)) continue;
    entries.push_back(NssEntry{std::string(trim(line.substr(0, split))), std::string(flags)});
  }
  return entries;
}

bool trusted_for_tls(std::string_view trust) {
  std::string_view ssl = trust.substr(0, trust.find(','));
  return ssl.find('C') != std::string_view::npos;
}

bool certutil_not_found(std::string_view output) {
  std::string text(output);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find("could not find cert") != std::string::npos;
}

std::vector<std::string> split_pem_certificates(std::string_view text) {
  constexpr std::string_view begin = "-----BEGIN CERTIFICATE-----";
  constexpr std::string_view end = "-----END CERTIFICATE-----";
  std::vector<std::string> blocks;
  std::size_t at = 0;
  while ((at = text.find(begin, at)) != std::string_view::npos) {
    auto stop = text.find(end, at);
    if (stop == std::string_view::npos) break;
    blocks.emplace_back(text.substr(at, stop + end.size() - at));
    blocks.back() += '\n';
    at = stop + end.size();
  }
  return blocks;
}

}  // namespace postern::platform::trust
