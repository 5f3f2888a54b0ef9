#include "runtime/proxy/field_line.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "runtime/proxy/errc.hpp"

using namespace postern::proxy;
using namespace std::string_literals;

namespace {

std::error_code parse(std::string_view line) {
  FieldLineView field;
  return parse_field_line(line, field);
}

}  // namespace

TEST_CASE("a field line is a token, a colon and a trimmed value", "[proxy][field]") {
  FieldLineView field;
  REQUIRE_FALSE(parse_field_line("Content-Type:  text/html \t", field));
  CHECK(field.name == "Content-Type");
  CHECK(field.value == "text/html");
  REQUIRE_FALSE(parse_field_line("x-odd_Case:v", field));
  CHECK(field.name == "x-odd_Case");
  CHECK(field.value == "v");
  REQUIRE_FALSE(parse_field_line("Empty:", field));
  CHECK(field.value.empty());
  REQUIRE_FALSE(parse_field_line("Inner: a \t b", field));
  CHECK(field.value == "a \t b");
  REQUIRE_FALSE(parse_field_line("Latin: caf\xe9", field));  // obs-text is allowed
  REQUIRE_FALSE(parse_field_line("Colon: a:b:c", field));
  CHECK(field.value == "a:b:c");
}

TEST_CASE("field lines that parsers disagree on are refused", "[proxy][field]") {
  CHECK(parse(" Folded: yes") == errc::obsolete_line_folding);
  CHECK(parse("\tFolded") == errc::obsolete_line_folding);
  CHECK(parse("Name : value") == errc::whitespace_before_colon);
  CHECK(parse("Name\t: value") == errc::whitespace_before_colon);
  CHECK(parse("Transfer-Encoding\t:chunked") == errc::whitespace_before_colon);
  CHECK(parse(": value") == errc::bad_field_name);
  CHECK(parse("no colon") == errc::bad_field_name);
  CHECK(parse("Bad Name: v") == errc::bad_field_name);
  CHECK(parse("Bad\"Name: v") == errc::bad_field_name);
  CHECK(parse("X: a\0b"s) == errc::bad_field_value);
  CHECK(parse("X: a\rb") == errc::bad_field_value);
  CHECK(parse("X: a\nb") == errc::bad_field_value);
  CHECK(parse("X: \x7f") == errc::bad_field_value);
}

TEST_CASE("name and value are views into the line, not copies", "[proxy][field]") {
  const std::string line = "Content-Type:  text/html \t";
  FieldLineView view;
  REQUIRE_FALSE(parse_field_line(line, view));
  CHECK(view.name == "Content-Type");
  CHECK(view.value == "text/html");
  CHECK(view.value.data() == line.data() + 15);
  CHECK(parse_field_line(" folded: x", view) == make_error_code(errc::obsolete_line_folding));
}
