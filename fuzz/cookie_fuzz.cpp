// Fuzz target: the cookie jar's parsers on the same bytes — a Set-Cookie line (stored in a jar
// from http:// and https:// origins and read back), a Cookie header, a cookies.txt file and a
// cookies.json file. Nothing may crash, and what is accepted must survive its own round trip:
// a cookies.txt written from imported cookies reads back to as many cookies, and a cookies.json
// written from the jar parses back to as many cookies.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runtime/cookies/cookie_header.hpp"
#include "runtime/cookies/cookie_jar.hpp"
#include "runtime/cookies/jar_file.hpp"
#include "runtime/cookies/netscape_format.hpp"

namespace {

using namespace postern::cookies;

const Time kNow{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};

const PublicSuffixList& suffixes() {
  static const PublicSuffixList list =
      PublicSuffixList::parse("com\nuk\nco.uk\n*.ck\n!www.ck\ngithub.io\n");
  return list;
}

void check(bool condition) {
  if (!condition) std::abort();
}

void jar_round_trip(CookieJar& jar) {
  const auto persistent = jar.persistent();
  auto parsed = CookieJarFile::parse(CookieJarFile::serialise(persistent), "fuzz.json");
  check(parsed && parsed.value().size() == persistent.size());
  const auto all = jar.all();
  const auto exported = format_netscape(all);
  const auto imported = parse_netscape(exported.text, kNow);
  check(imported.problems.empty() && imported.cookies.size() == exported.written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CookieJar jar([] { return kNow; }, suffixes());

  if (auto parsed = parse_set_cookie(text, kNow)) {
    check(parsed.value().name.size() + parsed.value().value.size() <= kMaxNameValueBytes);
    for (const char* url : {"https://www.example.co.uk/a/b", "http://example.com/"}) {
      auto request = request_context_from_url(url);
      check(request.has_value());
      (void)jar.store(request.value(), parsed.value());
      (void)jar.cookie_header_for(request.value());
    }
  }

  for (const CookiePair& pair : parse_cookie_header(text))
    check(pair.name.find(';') == std::string::npos && pair.value.find(';') == std::string::npos);

  auto file = parse_netscape(text, kNow);
  (void)jar.import_cookies(file.cookies);
  jar_round_trip(jar);

  if (auto loaded = CookieJarFile::parse(text, "fuzz.json"))
    (void)jar.import_cookies(loaded.value());
  return 0;
}
