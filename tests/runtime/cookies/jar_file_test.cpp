#include "runtime/cookies/jar_file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "runtime/cookies/cookie_jar.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern::cookies;
using namespace std::chrono;
using postern::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const PublicSuffixList& suffixes() {
  static const PublicSuffixList list = PublicSuffixList::parse("com\norg\n");
  return list;
}

struct Fixture {
  TempDir dir;
  fs::path file = cookie_jar_file(dir.path() / "data");
  Time now{sys_days{year{2024} / 1 / 15}};
  CookieJar jar{[this] { return now; }, suffixes()};

  void set(std::string_view url, std::string_view header) {
    auto context = request_context_from_url(url);
    REQUIRE(context);
    REQUIRE(jar.store(context.value(), header));
  }
};

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("cookies.json lives in the data folder") {
  CHECK(cookie_jar_file("/data/postern") == fs::path("/data/postern/cookies.json"));
}

TEST_CASE("a missing file opens empty") {
  Fixture f;
  auto opened = CookieJarFile::open(f.file);
  REQUIRE(opened);
  CHECK(opened.value().cookies().empty());
  CHECK(opened.value().file() == f.file);
}

TEST_CASE("save and open round-trip every field of persistent cookies only") {
  Fixture f;
  f.set("https://www.example.com/app/x", "id=\"quoted value\"; Max-Age=3600; Secure; HttpOnly");
  f.set("https://www.example.com/",
        "pref=dark; Domain=example.com; Path=/; Max-Age=60; "
        "SameSite=Strict");
  f.set("https://www.example.com/", "session=1");
  f.jar.cookies_for(request_context_from_url("https://www.example.com/app/").value());

  auto opened = CookieJarFile::open(f.file);
  REQUIRE(opened);
  REQUIRE(opened.value().save(f.jar));
  struct stat info {};
  REQUIRE(::stat(f.file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);  // cookies are credentials

  auto again = CookieJarFile::open(f.file);
  REQUIRE(again);
  auto cookies = again.value().cookies();
  REQUIRE(cookies.size() == 2);  // the session cookie is not saved
  auto original = f.jar.persistent();
  std::sort(original.begin(), original.end(),
            [](const Cookie& a, const Cookie& b) { return a.name < b.name; });
  std::sort(cookies.begin(), cookies.end(),
            [](const Cookie& a, const Cookie& b) { return a.name < b.name; });
  for (std::size_t i = 0; i < cookies.size(); ++i) {
    const Cookie& a = original[i];
    const Cookie& b = cookies[i];
    CHECK(a.name == b.name);
    CHECK(a.value == b.value);
    CHECK(a.domain == b.domain);
    CHECK(a.path == b.path);
    CHECK(a.expires == b.expires);
    CHECK(a.created == b.created);
    CHECK(a.last_access == b.last_access);
    CHECK(a.host_only == b.host_only);
    CHECK(a.secure == b.secure);
    CHECK(a.http_only == b.http_only);
    CHECK(a.same_site == b.same_site);
  }

  // A new runtime: a fresh jar restored from the file sends the same header.
  CookieJar restored([&] { return f.now; }, suffixes());
  auto report = restored.import_cookies(again.value().cookies());
  CHECK(report.stored == 2);
  auto request = request_context_from_url("https://www.example.com/app/page").value();
  CHECK(restored.cookie_header_for(request) == "id=\"quoted value\"; pref=dark");
}

TEST_CASE("the file carries its format and version") {
  Fixture f;
  f.set("https://example.com/", "a=1; Max-Age=10");
  auto document = nlohmann::json::parse(CookieJarFile::serialise(f.jar.persistent()));
  CHECK(document["format"] == "postern-cookie-jar");
  CHECK(document["version"] == CookieJarFile::kVersion);
  CHECK(document["cookies"].size() == 1);
  CHECK(document["cookies"][0]["same_site"] == "unspecified");
}

TEST_CASE("values that are not UTF-8 survive the file byte for byte") {
  Fixture f;
  f.set("https://example.com/", "bin=\xFF\xFE\x80; Max-Age=100");
  f.set("https://example.com/", "caf\xC3\xA9=cr\xC3\xA8me; Max-Age=100");
  auto text = CookieJarFile::serialise(f.jar.persistent());
  auto parsed = CookieJarFile::parse(text, "cookies.json");
  REQUIRE(parsed);
  REQUIRE(parsed.value().size() == 2);
  CHECK(parsed.value()[0].value == "\xFF\xFE\x80");
  CHECK(parsed.value()[1].name == "caf\xC3\xA9");
  CHECK(text.find("\"hex\": \"fffe80\"") != std::string::npos);
}

TEST_CASE("a corrupt file is refused, named, and never overwritten") {
  Fixture f;
  const char* broken[] = {
      "{ not json",
      "[]",
      R"({"format": "something-else", "version": 1, "cookies": []})",
      R"({"format": "postern-cookie-jar", "cookies": []})",
      R"({"format": "postern-cookie-jar", "version": 1})",
      R"({"format": "postern-cookie-jar", "version": 1, "cookies": [5]})",
      R"({"format": "postern-cookie-jar", "version": 1, "cookies": [{"name": "a"}]})",
      R"({"format": "postern-cookie-jar", "version": 1, "cookies": [{"name": "a", "value": "b",
          "domain": "x.com", "path": "/", "host_only": true, "secure": false, "http_only": false,
          "same_site": "sometimes", "expires": 1, "created": 1, "last_access": 1}]})",
      R"({"format": "postern-cookie-jar", "version": 1, "cookies": [{"name": {"hex": "zz"},
          "value": "b"}]})",
  };
  for (const char* text : broken) {
    INFO(text);
    write(f.file, text);
    auto opened = CookieJarFile::open(f.file);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == errc::jar_file_corrupt);
    CHECK(opened.error().message.find(f.file.string()) != std::string::npos);
    CHECK(opened.error().remedy.find(".broken") != std::string::npos);
    CHECK(postern::testing::file_text(f.file) == text);
  }
}

TEST_CASE("a file from a newer Postern is refused and left alone") {
  Fixture f;
  const std::string text = R"({"format": "postern-cookie-jar", "version": 99, "cookies": []})";
  write(f.file, text);
  auto opened = CookieJarFile::open(f.file);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().code == errc::jar_file_newer_version);
  CHECK(opened.error().message.find("newer Postern") != std::string::npos);
  CHECK(postern::testing::file_text(f.file) == text);
}

TEST_CASE("saving replaces the file it opened, and only that") {
  Fixture f;
  auto opened = CookieJarFile::open(f.file);
  REQUIRE(opened);
  f.set("https://example.com/", "a=1; Max-Age=100");
  REQUIRE(opened.value().save(f.jar));
  f.jar.clear();
  REQUIRE(opened.value().save(f.jar));
  auto again = CookieJarFile::open(f.file);
  REQUIRE(again);
  CHECK(again.value().cookies().empty());
  // Nothing but cookies.json in the folder: the temporary file was renamed over it.
  CHECK(std::distance(fs::directory_iterator(f.file.parent_path()), fs::directory_iterator{}) == 1);
}

TEST_CASE("a save that cannot write says so") {
  Fixture f;
  write(f.dir / "blocker", "a file where the data folder should be");
  auto opened = CookieJarFile::open(f.dir / "blocker" / "cookies.json");
  REQUIRE(opened);
  auto saved = opened.value().save(f.jar);
  REQUIRE_FALSE(saved);
  CHECK(saved.error().message.find("cannot save the cookie jar") != std::string::npos);
}
