#include "runtime/proxy/header_fields.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;

namespace {

HeaderFields sample() {
  HeaderFields fields;
  fields.add("Host", "example.com");
  fields.add("accept", "*/*");
  fields.add("X-Forwarded-For", "10.0.0.1");
  fields.add("x-forwarded-for", "10.0.0.2");
  fields.add("Connection", "keep-alive, Upgrade");
  return fields;
}

}  // namespace

TEST_CASE("fields keep their order and case; lookups ignore case", "[proxy][fields]") {
  HeaderFields fields = sample();
  REQUIRE(fields.size() == 5);
  CHECK(fields[1].name == "accept");
  CHECK(fields.get("ACCEPT") == "*/*");
  CHECK(fields.get("X-Forwarded-For") == "10.0.0.1");
  CHECK(fields.get_all("x-FORWARDED-for") == std::vector<std::string_view>{"10.0.0.1", "10.0.0.2"});
  CHECK(fields.count("x-forwarded-for") == 2);
  CHECK_FALSE(fields.get("Cookie"));
  CHECK_FALSE(fields.contains("Cookie"));
  CHECK(fields.list_contains("connection", "upgrade"));
  CHECK_FALSE(fields.list_contains("connection", "close"));
}

TEST_CASE("remove, set and add_front", "[proxy][fields]") {
  HeaderFields fields = sample();
  CHECK(fields.remove("X-FORWARDED-FOR") == 2);
  CHECK(fields.size() == 3);
  CHECK(fields.remove("absent") == 0);

  fields = sample();
  fields.set("x-forwarded-for", "1.2.3.4");  // takes the first one's place, the second goes
  REQUIRE(fields.size() == 4);
  CHECK(fields[2] == HeaderField{"x-forwarded-for", "1.2.3.4"});
  CHECK(fields[3].name == "Connection");
  fields.set("Via", "1.1 postern");
  CHECK(fields[4] == HeaderField{"Via", "1.1 postern"});

  fields.add_front("Host", "first");
  CHECK(fields[0].value == "first");
  CHECK(fields.empty() == false);
  CHECK(HeaderFields().empty());
}
