#include "cli/human_units.hpp"

#include <catch2/catch.hpp>

using namespace postern::cli;

TEST_CASE("sizes read in binary units", "[cli][units]") {
  CHECK(human_size(0) == "0 B");
  CHECK(human_size(1023) == "1023 B");
  CHECK(human_size(1536) == "1.5 KiB");
  CHECK(human_size(150 * 1024) == "150 KiB");
  CHECK(human_size(37ull * 1024 * 1024) == "37 MiB");
  CHECK(human_size(2254857830ull) == "2.1 GiB");
}

TEST_CASE("durations pick the unit that reads best", "[cli][units]") {
  CHECK(human_duration(-5) == "0 ms");
  CHECK(human_duration(850) == "850 ms");
  CHECK(human_duration(12'340) == "12.3 s");
  CHECK(human_duration(303'000) == "5 min 03 s");
  CHECK(human_duration(7'500'000) == "2 h 05 min");
}

TEST_CASE("API times become dates and clock times", "[cli][units]") {
  CHECK(date_time("2026-11-22T10:00:00.123Z") == "2026-11-22 10:00:00");
  CHECK(date_time("") == "-");
  CHECK(date_time("yesterday") == "yesterday");
  CHECK(clock_time("2026-11-22T10:00:00.123Z") == "10:00:00.123");
  CHECK(clock_time("") == "-");
}

TEST_CASE("byte counts are typed with binary suffixes", "[cli][units]") {
  CHECK(parse_byte_count("1048576") == 1048576u);
  CHECK(parse_byte_count("64k") == 65536u);
  CHECK(parse_byte_count("64KiB") == 65536u);
  CHECK(parse_byte_count("1m") == 1048576u);
  CHECK(parse_byte_count("1MB") == 1048576u);
  CHECK(parse_byte_count("2g") == 2147483648u);
  CHECK(parse_byte_count("10b") == 10u);
  CHECK_FALSE(parse_byte_count(""));
  CHECK_FALSE(parse_byte_count("k"));
  CHECK_FALSE(parse_byte_count("-1"));
  CHECK_FALSE(parse_byte_count("1x"));
  CHECK_FALSE(parse_byte_count("1kx"));
  CHECK_FALSE(parse_byte_count("99999999999999999999g"));
  CHECK_FALSE(parse_byte_count("17179869184g"));
}
