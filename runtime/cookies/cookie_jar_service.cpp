#include "runtime/cookies/cookie_jar_service.hpp"

namespace postern::cookies {

base::Result<std::unique_ptr<CookieJarService>> CookieJarService::open(
    const std::filesystem::path& file, CookieJar::Clock clock, const PublicSuffixList& suffixes) {
  auto opened = CookieJarFile::open(file);
  if (!opened) return opened.error();
  return std::unique_ptr<CookieJarService>(
      new CookieJarService(std::move(opened).value(), std::move(clock), suffixes));
}

CookieJarService::CookieJarService(CookieJarFile file, CookieJar::Clock clock,
                                   const PublicSuffixList& suffixes)
    : clock_(std::move(clock)), jar_(clock_, suffixes), file_(std::move(file)) {
  jar_.import_cookies(file_.cookies());
  // What was just read is what the file holds (less expired cookies, which no one misses).
  saved_generation_ = jar_.generation();
}

base::Result<base::Ok> CookieJarService::save_if_changed() {
  std::lock_guard lock(save_mutex_);
  // Read before saving: a change made while the file is written bumps the generation again and
  // is saved by its own caller's call.
  const auto generation = jar_.generation();
  if (generation == saved_generation_) return base::Ok{};
  auto saved = file_.save(jar_);
  if (saved) saved_generation_ = generation;
  return saved;
}

}  // namespace postern::cookies
