#include "runtime/proxy/field_section_parser.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/errc.hpp"

using namespace postern::proxy;

namespace {

constexpr SectionLimits kLimits{256, 8, false};

}  // namespace

TEST_CASE("a section ends at its empty line and keeps its raw bytes", "[proxy][section]") {
  const std::string section = "A: 1\r\nb: 2\r\n\r\n";
  FieldSectionParser parser(kLimits);
  SectionStep step = parser.feed(section + "body");
  REQUIRE(step.status == ParseStatus::complete);
  CHECK(step.consumed == section.size());
  CHECK(parser.raw() == section);
  REQUIRE(parser.fields().size() == 2);
  CHECK(parser.fields()[1] == HeaderField{"b", "2"});
  SectionStep again = parser.feed("more");
  CHECK(again.status == ParseStatus::complete);
  CHECK(again.consumed == 0);
  HeaderFields taken = parser.take_fields();
  CHECK(taken.size() == 2);
}

TEST_CASE("an empty section is just CRLF", "[proxy][section]") {
  FieldSectionParser parser(kLimits);
  SectionStep step = parser.feed("\r\nrest");
  CHECK(step.status == ParseStatus::complete);
  CHECK(step.consumed == 2);
  CHECK(parser.fields().empty());
}

TEST_CASE("any split gives the same section", "[proxy][section]") {
  const std::string section = "Host: a\r\nX-Y: z  \r\nCookie: k=v\r\n\r\n";
  for (std::size_t split = 0; split <= section.size(); ++split) {
    FieldSectionParser parser(kLimits);
    SectionStep first = parser.feed(section.substr(0, split));
    SectionStep second = parser.feed(section.substr(split));
    CHECK(first.consumed + second.consumed == section.size());
    CHECK(second.status == ParseStatus::complete);
    CHECK(parser.fields().size() == 3);
    CHECK(parser.fields()[1].value == "z");
  }
}

TEST_CASE("byte and field limits", "[proxy][section][limits]") {
  // Exactly max_bytes is allowed; one more is refused at that byte.
  const std::string exact = "X: " + std::string(15, 'v') + "\r\n\r\n";  // 22 bytes
  FieldSectionParser fits(SectionLimits{22, 8, false});
  CHECK(fits.feed(exact).status == ParseStatus::complete);
  FieldSectionParser over(SectionLimits{21, 8, false});
  SectionStep step = over.feed(exact);
  CHECK(step.status == ParseStatus::error);
  CHECK(step.error == errc::head_too_large);
  CHECK(step.consumed == 21);

  FieldSectionParser counted(SectionLimits{256, 2, false});
  CHECK(counted.feed("A: 1\r\nB: 2\r\nC: 3\r\n\r\n").error == errc::too_many_fields);
  FieldSectionParser two(SectionLimits{256, 2, false});
  CHECK(two.feed("A: 1\r\nB: 2\r\n\r\n").status == ParseStatus::complete);
}

TEST_CASE("line ends: CRLF, or LF when allowed; never a bare CR", "[proxy][section]") {
  FieldSectionParser strict(kLimits);
  CHECK(strict.feed("A: 1\nB: 2\n\n").error == errc::bad_line_ending);
  FieldSectionParser lenient(SectionLimits{256, 8, true});
  CHECK(lenient.feed("A: 1\nB: 2\r\n\n").status == ParseStatus::complete);
  CHECK(lenient.fields()[0].value == "1");
  FieldSectionParser bare_cr(SectionLimits{256, 8, true});
  CHECK(bare_cr.feed("A: 1\rB: 2\r\n\r\n").error == errc::bad_line_ending);
  FieldSectionParser sticky(kLimits);
  sticky.feed("bad line\r\n");
  SectionStep step = sticky.feed("A: 1\r\n\r\n");
  CHECK(step.status == ParseStatus::error);
  CHECK(step.error == errc::bad_field_name);
  CHECK(step.consumed == 0);
}
