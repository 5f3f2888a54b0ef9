#include "cli/text_table.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern::cli;

TEST_CASE("printable defuses terminal escapes and bad UTF-8 but keeps text", "[cli][table]") {
  CHECK(printable("plain text") == "plain text");
  CHECK(printable("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(printable("\x1b[31mred") == "?[31mred");
  CHECK(printable("a\nb\tc\x7f") == "a?b?c?");
  CHECK(printable("\xc2\x9b"
                  "2J") == "?2J");  // C1 CSI
  CHECK(printable("\xff\xfe") == "??");
  CHECK(printable("\xe2\x82") == "??");  // cut short
  CHECK(printable("\xc0\xaf") == "??");  // overlong
}

TEST_CASE("widths count characters and clip marks what it cut", "[cli][table]") {
  CHECK(display_width("caf\xc3\xa9") == 4);
  CHECK(clip("abcdef", 6) == "abcdef");
  CHECK(clip("abcdef", 4) == "abc\u2026");
  CHECK(clip("\xc3\xa9\xc3\xa9\xc3\xa9", 2) == "\xc3\xa9\u2026");
  CHECK(clip("abc", 0).empty());
}

TEST_CASE("a table aligns columns, numbers to the right", "[cli][table]") {
  TextTable table({"ID", "NAME", "URL"});
  table.align_right(0);
  table.add_row({"7", "caf\xc3\xa9", "http://a/"});
  table.add_row({"12", "x\x1b", "http://b/", "dropped"});
  table.add_row({"3"});
  CHECK(table.rows() == 3);
  std::ostringstream out;
  table.print(out);
  CHECK(out.str() ==
        "ID  NAME  URL\n"
        " 7  caf\xc3\xa9  http://a/\n"
        "12  x?    http://b/\n"
        " 3        \n");
}
