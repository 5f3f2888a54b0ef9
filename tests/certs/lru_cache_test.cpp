#include "certs/lru_cache.hpp"

#include <catch2/catch.hpp>

#include <string>

using postern::certs::LruCache;

TEST_CASE("the cache holds at most its capacity and drops the least recently used", "[lru]") {
  LruCache<std::string, int> cache(2);
  CHECK(cache.put("a", 1) == 0);
  CHECK(cache.put("b", 2) == 0);
  CHECK(cache.size() == 2);
  CHECK(cache.put("c", 3) == 1);  // drops "a"
  CHECK_FALSE(cache.contains("a"));
  CHECK(cache.get("b") == 2);
  CHECK(cache.get("c") == 3);
  CHECK(cache.size() == 2);
}

TEST_CASE("get refreshes recency; contains does not", "[lru]") {
  LruCache<std::string, int> cache(2);
  cache.put("a", 1);
  cache.put("b", 2);
  CHECK(cache.get("a") == 1);  // "b" is now the least recent
  CHECK(cache.contains("b"));  // no refresh
  cache.put("c", 3);
  CHECK(cache.contains("a"));
  CHECK_FALSE(cache.contains("b"));
  CHECK_FALSE(cache.get("b").has_value());
}

TEST_CASE("put replaces in place without evicting", "[lru]") {
  LruCache<std::string, int> cache(2);
  cache.put("a", 1);
  cache.put("b", 2);
  CHECK(cache.put("a", 10) == 0);
  CHECK(cache.size() == 2);
  CHECK(cache.get("a") == 10);
  cache.put("c", 3);  // "b" was least recent after the replacement touched "a"
  CHECK_FALSE(cache.contains("b"));
}

TEST_CASE("a zero capacity is raised to one", "[lru]") {
  LruCache<int, int> cache(0);
  CHECK(cache.capacity() == 1);
  cache.put(1, 1);
  CHECK(cache.put(2, 2) == 1);
  CHECK(cache.size() == 1);
  CHECK(cache.get(2) == 2);
}
