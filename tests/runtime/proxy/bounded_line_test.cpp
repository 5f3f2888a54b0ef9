#include "runtime/proxy/bounded_line.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;

TEST_CASE("a line is taken up to and including its LF", "[proxy][line]") {
  std::string buffer;
  auto read = read_bounded_line("GET / HTTP/1.1\r\nHost: x\r\n", buffer, 100);
  CHECK(read.complete);
  CHECK_FALSE(read.over_limit);
  CHECK(read.consumed == 16);
  CHECK(buffer == "GET / HTTP/1.1\r\n");
}

TEST_CASE("a partial line waits; the limit trips at the same byte whatever the split",
          "[proxy][line]") {
  std::string whole;
  auto at_once = read_bounded_line("abcdefgh\n", whole, 5);
  CHECK(at_once.over_limit);
  CHECK(at_once.consumed == 5);

  std::string split;
  auto first = read_bounded_line("abc", split, 5);
  CHECK_FALSE(first.complete);
  CHECK_FALSE(first.over_limit);  // no more input waiting yet
  auto second = read_bounded_line("defgh\n", split, 5);
  CHECK(second.over_limit);
  CHECK(split == "abcde");

  std::string exact;
  CHECK(read_bounded_line("abcd\n", exact, 5).complete);  // the LF fits: not over
}
