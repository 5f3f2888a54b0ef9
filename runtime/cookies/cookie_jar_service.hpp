#pragma once
// The runtime's one cookie jar together with its cookies.json (docs/cookies.md): opened once,
// shared by the control API's cookie routes, the capture proxy's cookie sync and the requester,
// and saved after each change so that a crash loses no cookie a user added or imported. The jar
// is thread-safe itself; saving is serialised here, and skipped when nothing changed since the
// last save (CookieJar::generation), so reads and access-time updates never write the file.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>

#include "base/result.hpp"
#include "runtime/cookies/cookie_jar.hpp"
#include "runtime/cookies/jar_file.hpp"

namespace postern::cookies {

/// The jar and its file. Thread-safe.
class CookieJarService {
 public:
  /// Opens cookies.json at `file` (missing: an empty jar) and loads it into a new jar that
  /// reads the time from `clock`. A corrupt or newer file is an error naming it; it is never
  /// overwritten.
  static base::Result<std::unique_ptr<CookieJarService>> open(
      const std::filesystem::path& file, CookieJar::Clock clock = CookieJar::system_now,
      const PublicSuffixList& suffixes = PublicSuffixList::system());
  CookieJarService(const CookieJarService&) = delete;
  CookieJarService& operator=(const CookieJarService&) = delete;

  /// The jar; call save_if_changed() after changing it.
  CookieJar& jar() { return jar_; }
  /// The jar's file.
  const std::filesystem::path& file() const { return file_.file(); }
  /// Now, by the jar's clock (for reading cookies.txt expiries against the same time).
  Time now() const { return clock_(); }
  /// Writes cookies.json when the jar changed since it was opened or last saved.
  base::Result<base::Ok> save_if_changed();

 private:
  CookieJarService(CookieJarFile file, CookieJar::Clock clock, const PublicSuffixList& suffixes);

  CookieJar::Clock clock_;
  CookieJar jar_;
  CookieJarFile file_;
  std::mutex save_mutex_;  // one writer of the file at a time
  std::uint64_t saved_generation_ = 0;
};

}  // namespace postern::cookies
