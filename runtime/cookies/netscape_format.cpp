#include "runtime/cookies/netscape_format.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <variant>

#include "base/files.hpp"
#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/domain_match.hpp"
#include "runtime/cookies/errc.hpp"
#include "runtime/cookies/set_cookie.hpp"

namespace postern::cookies {

namespace {

constexpr std::string_view kHttpOnlyPrefix = "#HttpOnly_";
constexpr std::string_view kHeader =
    "# Netscape HTTP Cookie File\n"
    "# https://curl.se/docs/http-cookies.html\n"
    "# Written by Postern. Fields: domain, include subdomains, path, secure, expiry, name, value.\n"
    "\n";
// 9999-12-31T23:59:59Z: later expiries are read as this, so no arithmetic on them overflows.
constexpr std::int64_t kLatestExpiry = 253402300799;
// A cookies.txt of kMaxCookies full-size cookies is under 16 MiB; more is not a cookie file.
constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;

// A malformed line, described.
struct Malformed {
  std::string detail;
};

std::optional<bool> flag(std::string_view text) {
  if (ascii::iequals(text, "TRUE")) return true;
  if (ascii::iequals(text, "FALSE")) return false;
  return std::nullopt;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

// One cookie line (the "#HttpOnly_" prefix already removed); a Malformed saying which field.
std::variant<Cookie, Malformed> read_line(std::string_view line, bool http_only) {
  const auto fields = split_tabs(line);
  if (fields.size() != 6 && fields.size() != 7)
    return Malformed{"expected 7 tab-separated fields, found " + std::to_string(fields.size())};
  Cookie cookie;
  cookie.http_only = http_only;
  std::string_view domain = fields[0];
  if (domain.starts_with('.')) domain.remove_prefix(1);
  if (domain.empty() || !is_host_text(domain))
    return Malformed{"the domain is empty or has characters a domain cannot"};
  cookie.domain = ascii::to_lower(domain);
  const auto subdomains = flag(fields[1]);
  if (!subdomains) return Malformed{"the include-subdomains field is not TRUE or FALSE"};
  cookie.host_only = !*subdomains;  // curl: the flag decides, not the leading dot
  cookie.path = std::string(fields[2]);
  if (!cookie.path.starts_with('/')) return Malformed{"the path does not start with '/'"};
  const auto secure = flag(fields[3]);
  if (!secure) return Malformed{"the secure field is not TRUE or FALSE"};
  cookie.secure = *secure;
  std::int64_t expiry = 0;
  const auto [end, error] =
      std::from_chars(fields[4].data(), fields[4].data() + fields[4].size(), expiry);
  if ((error != std::errc{} && error != std::errc::result_out_of_range) ||
      end != fields[4].data() + fields[4].size() || fields[4].empty() || expiry < 0)
    return Malformed{"the expiry is not a number of seconds"};
  if (error == std::errc::result_out_of_range || expiry > kLatestExpiry) expiry = kLatestExpiry;
  if (expiry > 0) cookie.expires = Time{std::chrono::seconds{expiry}};
  cookie.name = std::string(fields[5]);
  if (fields.size() == 7) cookie.value = std::string(fields[6]);
  if (auto problem = check_name_value(cookie.name, cookie.value))
    return Malformed{"the name or value is not valid: " + problem.message()};
  return cookie;
}

bool has_tab(const Cookie& cookie) {
  for (const std::string* field : {&cookie.domain, &cookie.path, &cookie.name, &cookie.value})
    if (field->find_first_of("\t\r\n") != std::string::npos) return true;
  return false;
}

}  // namespace

NetscapeImport parse_netscape(std::string_view text, Time now) {
  NetscapeImport result;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM from Windows editors
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    const bool http_only = line.starts_with(kHttpOnlyPrefix);
    if (http_only) line.remove_prefix(kHttpOnlyPrefix.size());
    if (!http_only && (line.starts_with('#') || ascii::trim_wsp(line).empty())) continue;
    auto read = read_line(line, http_only);
    if (auto* bad = std::get_if<Malformed>(&read)) {
      result.problems.push_back(
          {number, make_error_code(errc::netscape_line_malformed), std::move(bad->detail)});
      continue;
    }
    Cookie& cookie = std::get<Cookie>(read);
    if (cookie.expired(now)) {
      ++result.expired;
      continue;
    }
    cookie.created = cookie.last_access = now;
    result.cookies.push_back(std::move(cookie));
  }
  return result;
}

NetscapeExport format_netscape(const std::vector<Cookie>& cookies) {
  NetscapeExport result;
  result.text = kHeader;
  for (const Cookie& cookie : cookies) {
    if (has_tab(cookie)) {
      ++result.skipped;
      continue;
    }
    if (cookie.http_only) result.text += kHttpOnlyPrefix;
    if (!cookie.host_only) result.text += '.';
    const auto expiry = cookie.expires ? cookie.expires->time_since_epoch().count() : 0;
    result.text += cookie.domain + '\t' + (cookie.host_only ? "FALSE" : "TRUE") + '\t' +
                   cookie.path + '\t' + (cookie.secure ? "TRUE" : "FALSE") + '\t' +
                   std::to_string(expiry) + '\t' + cookie.name + '\t' + cookie.value + '\n';
    ++result.written;
  }
  return result;
}

base::Result<NetscapeImport> read_netscape_file(const std::filesystem::path& file, Time now) {
  auto text = base::read_file(file, kMaxFileBytes);
  if (!text) return text.error();
  return parse_netscape(text.value(), now);
}

base::Result<NetscapeExport> write_netscape_file(const std::filesystem::path& file,
                                                 const std::vector<Cookie>& cookies) {
  NetscapeExport exported = format_netscape(cookies);
  auto written = base::write_file_atomically(file, exported.text, base::FileMode::owner_only);
  if (!written) return written.error();
  return exported;
}

}  // namespace postern::cookies
