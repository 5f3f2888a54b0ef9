#include "runtime/cookies/public_suffix_list.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern::cookies;
using postern::testing::TempDir;

namespace {

// Rules from the real list, in its format: comments, blank lines, wildcards, exceptions, a
// Unicode rule, and the private section.
constexpr std::string_view kRules = R"(// ===BEGIN ICANN DOMAINS===
com
uk
co.uk
jp
// kobe.jp: wildcard with an exception
*.kobe.jp
!city.kobe.jp
*.ck
!www.ck
cn
公司.cn
// ===END ICANN DOMAINS===
// ===BEGIN PRIVATE DOMAINS===
github.io   trailing words after whitespace are ignored
// ===END PRIVATE DOMAINS===
)";

const PublicSuffixList& rules() {
  static const PublicSuffixList list = PublicSuffixList::parse(kRules);
  return list;
}

}  // namespace

TEST_CASE("the list's rules are read with wildcards and exceptions") {
  CHECK(rules().rule_count() == 11 + 1);  // 公司.cn is also kept as xn--55qx5d.cn
  CHECK_FALSE(rules().is_fallback());
}

TEST_CASE("public suffixes per the list's algorithm (publicsuffix.org test vectors)") {
  const auto& list = rules();
  CHECK(list.public_suffix("com") == "com");
  CHECK(list.public_suffix("example.com") == "com");
  CHECK(list.public_suffix("www.bbc.co.uk") == "co.uk");
  CHECK(list.public_suffix("example.unknowntld") == "unknowntld");  // default rule "*"
  // Wildcards: every label under kobe.jp is a suffix, except the exception city.kobe.jp.
  CHECK(list.public_suffix("c.kobe.jp") == "c.kobe.jp");
  CHECK(list.public_suffix("b.c.kobe.jp") == "c.kobe.jp");
  CHECK(list.public_suffix("city.kobe.jp") == "kobe.jp");
  CHECK(list.public_suffix("www.city.kobe.jp") == "kobe.jp");
  // *.ck with !www.ck.
  CHECK(list.is_public_suffix("ck"));
  CHECK(list.is_public_suffix("test.ck"));
  CHECK_FALSE(list.is_public_suffix("b.test.ck"));
  CHECK_FALSE(list.is_public_suffix("www.ck"));
  CHECK(list.public_suffix("www.www.ck") == "ck");
}

TEST_CASE("registrable domains: suffix plus one label") {
  const auto& list = rules();
  CHECK(list.registrable_domain("www.bbc.co.uk") == "bbc.co.uk");
  CHECK(list.registrable_domain("bbc.co.uk") == "bbc.co.uk");
  CHECK(list.registrable_domain("co.uk") == "co.uk");  // a suffix is its own site
  CHECK(list.registrable_domain("a.b.example.com") == "example.com");
  CHECK(list.registrable_domain("user.github.io") == "user.github.io");
  CHECK(list.registrable_domain("x.user.github.io") == "user.github.io");
  CHECK(list.registrable_domain("b.test.ck") == "b.test.ck");
  CHECK(list.registrable_domain("www.ck") == "www.ck");
  CHECK(list.registrable_domain("www.www.ck") == "www.ck");
  CHECK(list.registrable_domain("www.example.com.") == "example.com.");
  CHECK(list.registrable_domain("192.168.0.1") == "192.168.0.1");
}

TEST_CASE("Unicode rules also match their A-label form") {
  const auto& list = rules();
  CHECK(list.is_public_suffix("xn--55qx5d.cn"));
  CHECK(list.is_public_suffix("\xE5\x85\xAC\xE5\x8F\xB8.cn"));
  CHECK(list.registrable_domain("shop.xn--55qx5d.cn") == "shop.xn--55qx5d.cn");
}

TEST_CASE("IP addresses and odd names are never public suffixes by accident") {
  const auto& list = rules();
  CHECK_FALSE(list.is_public_suffix("127.0.0.1"));
  CHECK_FALSE(list.is_public_suffix("::1"));
  CHECK(list.is_public_suffix("com."));
  CHECK(list.is_public_suffix(""));
  CHECK(list.public_suffix("a..com") == "com");
}

TEST_CASE("the fallback treats every single label as a suffix and nothing more") {
  const auto list = PublicSuffixList::single_label_fallback();
  CHECK(list.is_fallback());
  CHECK(list.is_public_suffix("com"));
  CHECK(list.is_public_suffix("localhost"));
  CHECK_FALSE(list.is_public_suffix("example.com"));
  CHECK_FALSE(list.is_public_suffix("co.uk"));  // the price of having no list
}

TEST_CASE("load() reads a list file and names a missing one") {
  TempDir dir;
  std::ofstream(dir / "list.dat") << kRules;
  auto loaded = PublicSuffixList::load(dir / "list.dat");
  REQUIRE(loaded);
  CHECK(loaded.value().is_public_suffix("co.uk"));
  auto missing = PublicSuffixList::load(dir / "absent.dat");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("absent.dat") != std::string::npos);
}

TEST_CASE("the system list from Debian's publicsuffix package") {
  const auto& list = PublicSuffixList::system();
  if (list.is_fallback()) {
    WARN("no " << PublicSuffixList::kDebianListPath << ": only the fallback is checked");
    CHECK(list.is_public_suffix("com"));
    return;
  }
  CHECK(list.rule_count() > 5000);
  CHECK(list.is_public_suffix("co.uk"));
  CHECK(list.is_public_suffix("github.io"));
  CHECK(list.is_public_suffix("test.ck"));
  CHECK_FALSE(list.is_public_suffix("www.ck"));
  CHECK(list.is_public_suffix("xn--55qx5d.cn"));
  CHECK(list.registrable_domain("www.bbc.co.uk") == "bbc.co.uk");
  CHECK(list.registrable_domain("octocat.github.io") == "octocat.github.io");
  CHECK(&list == &PublicSuffixList::system());  // parsed once
}
