#pragma once
// Netscape cookies.txt, the format curl (-b/-c), wget (--load-cookies) and browser extensions
// read and write: one cookie per line, seven tab-separated fields
//   domain  include-subdomains  path  secure  expiry  name  value
// with TRUE/FALSE flags, the expiry in Unix seconds (0 for a session cookie), '#' comments, and
// curl's "#HttpOnly_" prefix on the domain of an HttpOnly cookie. Reading never fails on a bad
// line: it is skipped and reported with its number.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/result.hpp"
#include "runtime/cookies/cookie.hpp"

namespace postern::cookies {

/// A line of a cookies.txt that was skipped, and why.
struct LineProblem {
  std::size_t line = 0;    ///< 1-based
  std::error_code reason;  ///< a cookies::errc
  std::string detail;      ///< which field, in words
};

/// What a cookies.txt held.
struct NetscapeImport {
  std::vector<Cookie> cookies;        ///< the cookies read, created and accessed at `now`
  std::vector<LineProblem> problems;  ///< lines skipped as malformed
  std::size_t expired = 0;            ///< well-formed lines skipped because they had expired
};

/// What format_netscape() wrote.
struct NetscapeExport {
  std::string text;         ///< the cookies.txt text
  std::size_t written = 0;  ///< cookies written
  std::size_t skipped = 0;  ///< cookies with a tab in a field, which the format cannot hold
};

/// Reads cookies.txt `text` at `now`. Accepts CRLF line ends, a UTF-8 BOM, and six fields for a
/// cookie with an empty value (as curl does).
NetscapeImport parse_netscape(std::string_view text, Time now);
/// Writes `cookies` as curl does: domain cookies with a leading '.', HttpOnly ones with the
/// "#HttpOnly_" prefix, session cookies with expiry 0.
NetscapeExport format_netscape(const std::vector<Cookie>& cookies);

/// Reads the cookies.txt at `file`; an error only when the file cannot be read.
base::Result<NetscapeImport> read_netscape_file(const std::filesystem::path& file, Time now);
/// Writes `cookies` to `file` atomically, mode 0600 (they are credentials).
base::Result<NetscapeExport> write_netscape_file(const std::filesystem::path& file,
                                                 const std::vector<Cookie>& cookies);

}  // namespace postern::cookies
