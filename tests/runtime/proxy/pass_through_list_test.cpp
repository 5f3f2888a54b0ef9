#include "runtime/proxy/pass_through_list.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;

TEST_CASE("an empty pass-through list holds nothing", "[proxy][pass_through]") {
  const PassThroughList list;
  CHECK(list.empty());
  CHECK_FALSE(list.contains("example.com"));
  CHECK_FALSE(list.contains(""));
  CHECK(PassThroughList({"", " ", "\t", "."}).empty());  // blank entries are ignored
}

TEST_CASE("an exact entry matches that name only", "[proxy][pass_through]") {
  const PassThroughList list({"bank.example"});
  CHECK_FALSE(list.empty());
  CHECK(list.contains("bank.example"));
  CHECK_FALSE(list.contains("www.bank.example"));
  CHECK_FALSE(list.contains("mybank.example"));
  CHECK_FALSE(list.contains("bank.example.evil"));
  CHECK_FALSE(list.contains("example"));
}

TEST_CASE("a wildcard entry matches the name and every name under it", "[proxy][pass_through]") {
  const PassThroughList list({"*.pinned.example"});
  CHECK(list.contains("pinned.example"));
  CHECK(list.contains("api.pinned.example"));
  CHECK(list.contains("a.b.pinned.example"));
  CHECK_FALSE(list.contains("unpinned.example"));  // a label boundary, not a string suffix
  CHECK_FALSE(list.contains("pinned.example.com"));
  CHECK_FALSE(list.contains("example"));
}

TEST_CASE("entries and hosts compare case-insensitively, without a trailing dot",
          "[proxy][pass_through]") {
  const PassThroughList list({" Bank.EXAMPLE. ", "\t*.Pinned.Example"});
  CHECK(list.contains("bank.example"));
  CHECK(list.contains("BANK.example."));
  CHECK(list.contains("Api.PINNED.example"));
  CHECK(list.contains("pinned.example."));
}

TEST_CASE("a bare star is not a catch-all", "[proxy][pass_through]") {
  const PassThroughList list({"*", "*."});
  CHECK_FALSE(list.contains("example.com"));
  CHECK_FALSE(list.contains("localhost"));
}

TEST_CASE("several entries, IP addresses as names", "[proxy][pass_through]") {
  const PassThroughList list({"10.0.0.1", "*.a.test", "b.test", "2001:db8::1"});
  CHECK(list.contains("10.0.0.1"));
  CHECK_FALSE(list.contains("10.0.0.10"));
  CHECK(list.contains("x.a.test"));
  CHECK(list.contains("b.test"));
  CHECK(list.contains("2001:DB8::1"));
  CHECK_FALSE(list.contains("c.test"));
}
