#include "runtime/cookies/cookie_jar_service.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "base/files.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::cookies;
using namespace std::chrono;
using postern::testing::TempDir;

namespace {

const PublicSuffixList& suffixes() {
  static const PublicSuffixList list = PublicSuffixList::parse("com\norg\n");
  return list;
}

Time june() {
  return Time{sys_days{year{2030} / 6 / 1}};
}

std::unique_ptr<CookieJarService> open_at(const std::filesystem::path& file) {
  auto opened = CookieJarService::open(file, june, suffixes());
  REQUIRE(opened);
  return std::move(opened).value();
}

RequestContext example() {
  auto context = request_context_from_url("https://example.com/");
  REQUIRE(context);
  return context.value();
}

}  // namespace

TEST_CASE("a missing file opens an empty jar; saved changes come back", "[cookies][service]") {
  TempDir dir;
  const auto file = dir / "cookies.json";
  {
    auto service = open_at(file);
    CHECK(service->jar().size() == 0);
    CHECK(service->now() == june());
    REQUIRE(service->jar().store(example(), "sid=1; Max-Age=3600"));
    REQUIRE(service->jar().store(example(), "session=only-while-running"));
    REQUIRE(service->save_if_changed());
  }
  auto again = open_at(file);
  const auto cookies = again->jar().list();
  REQUIRE(cookies.size() == 1);  // session cookies are not saved (docs/cookies.md)
  CHECK(cookies[0].name == "sid");
  CHECK(again->file() == file);
}

TEST_CASE("nothing is written while nothing changed", "[cookies][service]") {
  TempDir dir;
  const auto file = dir / "cookies.json";
  auto service = open_at(file);
  REQUIRE(service->save_if_changed());
  CHECK_FALSE(std::filesystem::exists(file));
  service->jar().cookies_for(example());  // a read updates access times: not worth a save
  REQUIRE(service->save_if_changed());
  CHECK_FALSE(std::filesystem::exists(file));
  REQUIRE(service->jar().store(example(), "a=1; Max-Age=60"));
  REQUIRE(service->save_if_changed());
  CHECK(std::filesystem::exists(file));
}

TEST_CASE("a corrupt file is refused and left alone", "[cookies][service]") {
  TempDir dir;
  const auto file = dir / "cookies.json";
  REQUIRE(base::write_file_atomically(file, "{not json", base::FileMode::owner_only));
  auto opened = CookieJarService::open(file, june, suffixes());
  REQUIRE_FALSE(opened);
  CHECK(opened.error().code == errc::jar_file_corrupt);
  CHECK(base::read_file(file).value() == "{not json");
}

TEST_CASE("changes and saves from several threads all reach the file", "[cookies][service]") {
  TempDir dir;
  const auto file = dir / "cookies.json";
  auto service = open_at(file);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&service, t] {
      for (int i = 0; i < 25; ++i) {
        const auto name = "c" + std::to_string(t) + "_" + std::to_string(i);
        CHECK(service->jar().store(example(), name + "=v; Max-Age=600"));
        CHECK(service->save_if_changed());
      }
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(open_at(file)->jar().size() == 100);
}
