#pragma once
// cookies.json: the jar's persistent cookies between runs of the runtime, in the data folder.
// Only cookies with an expiry are saved: session cookies live while the runtime does, which is
// what a browser does when it is closed. The file is replaced atomically with mode 0600 (cookies
// are credentials). Like the install ledger, a file this build cannot read (corrupt, or from a
// newer Postern) is refused with an error naming it, and is never overwritten: only a file that
// opened cleanly can be saved over.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/cookies/cookie.hpp"

namespace postern::cookies {

class CookieJar;

/// `<data_dir>/cookies.json`.
std::filesystem::path cookie_jar_file(const std::filesystem::path& data_dir);

/// The jar's file, opened. open() → jar.import_cookies(cookies()) → … → save(jar).
class CookieJarFile {
 public:
  /// Format version written by this build; a newer file is refused, never overwritten.
  static constexpr int kVersion = 1;

  /// Reads `file`; a missing file holds no cookies. A corrupt or newer file is an error (a
  /// cookies::errc) naming it and how to recover.
  static base::Result<CookieJarFile> open(const std::filesystem::path& file);
  /// The cookies of a cookies.json text; `source` names it in errors. The fuzz target's entry.
  static base::Result<std::vector<Cookie>> parse(std::string_view json,
                                                 const std::filesystem::path& source);
  /// The cookies.json text for the persistent cookies among `cookies`.
  static std::string serialise(const std::vector<Cookie>& cookies);

  /// The cookies the file held when opened.
  const std::vector<Cookie>& cookies() const { return cookies_; }
  /// The file's path.
  const std::filesystem::path& file() const { return file_; }
  /// Writes the jar's persistent cookies to the file, atomically, mode 0600.
  base::Result<base::Ok> save(const CookieJar& jar) const;

 private:
  std::filesystem::path file_;
  std::vector<Cookie> cookies_;
};

}  // namespace postern::cookies
