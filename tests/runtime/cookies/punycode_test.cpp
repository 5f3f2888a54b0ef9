#include "runtime/cookies/punycode.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;

TEST_CASE("Punycode labels (RFC 3492 and well-known IDN names)") {
  CHECK(label_to_ascii("b\xC3\xBC"
                       "cher") == "xn--bcher-kva");  // bücher
  CHECK(label_to_ascii("m\xC3\xBC"
                       "nchen") == "xn--mnchen-3ya");                 // münchen
  CHECK(label_to_ascii("\xE5\x85\xAC\xE5\x8F\xB8") == "xn--55qx5d");  // 公司
  CHECK(label_to_ascii("\xE4\xB8\xAD\xE5\x9B\xBD") == "xn--fiqs8s");  // 中国
  CHECK(label_to_ascii("\xD1\x80\xD1\x84") == "xn--p1ai");            // рф
  // RFC 3492 §7.1 (L): 3<nen>B<gumi><kinpachi><sensei>
  CHECK(label_to_ascii("3\xE5\xB9\xB4"
                       "B\xE7\xB5\x84\xE9\x87\x91\xE5\x85\xAB\xE5\x85\x88"
                       "\xE7\x94\x9F") == "xn--3B-ww4c5e180e575a65lsy2b");
}

TEST_CASE("ASCII labels pass through; invalid UTF-8 is refused") {
  CHECK(label_to_ascii("example") == "example");
  CHECK(label_to_ascii("") == "");
  CHECK_FALSE(label_to_ascii("\xFF"));
  CHECK_FALSE(label_to_ascii("\xE5\x85"));
  CHECK_FALSE(label_to_ascii(std::string(300, 'a') + "\xC3\xBC"));
}

TEST_CASE("whole domains convert label by label") {
  CHECK(domain_to_ascii("\xE5\x85\xAC\xE5\x8F\xB8.cn") == "xn--55qx5d.cn");
  CHECK(domain_to_ascii("www.b\xC3\xBC"
                        "cher.de") == "www.xn--bcher-kva.de");
  CHECK(domain_to_ascii("a..b") == "a..b");
  CHECK_FALSE(domain_to_ascii("ok.\xC0\xAF"));
}
