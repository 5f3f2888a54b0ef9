#include "certs/cert_store.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "cert_fixtures.hpp"
#include "certs/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using certs::CaFiles;
using certs::CertificateAuthority;
using certs::CertStore;
using certs::errc;

namespace {

struct Fixture {
  testing::TempDir dir;
  std::shared_ptr<const CertificateAuthority> ca =
      CertificateAuthority::create(CaFiles::in(dir.path()), {"t", "h"}).value();
};

std::shared_ptr<const certs::LeafCertificate> get(CertStore& store, std::string_view host) {
  auto leaf = store.get(host);
  INFO(host);
  REQUIRE(leaf.has_value());
  return leaf.value();
}

}  // namespace

TEST_CASE("minted chains verify for DNS names and IPs", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca);
  for (const char* host : {"example.com", "www.example.com", "localhost", "a.b.c.example.org"}) {
    INFO(host);
    CHECK(testing::verify_leaf(fixture.ca->certificate(), get(store, host)->certificate(), host,
                               false)
              .empty());
  }
  for (const char* ip : {"127.0.0.1", "::1"}) {
    INFO(ip);
    CHECK(testing::verify_leaf(fixture.ca->certificate(), get(store, ip)->certificate(), ip, true)
              .empty());
  }
}

TEST_CASE("a repeated name is answered from the cache", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca);
  auto first = get(store, "www.example.com");
  auto again = get(store, "WWW.Example.COM.");  // normalised to the same key
  CHECK(first == again);
  const auto stats = store.stats();
  CHECK(stats.minted == 1);
  CHECK(stats.hits == 1);
}

TEST_CASE("a sibling name reuses the wildcard leaf", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca);
  auto first = get(store, "a.b.example.com");
  auto sibling = get(store, "c.b.example.com");
  CHECK(first == sibling);
  CHECK(testing::verify_leaf(fixture.ca->certificate(), sibling->certificate(), "c.b.example.com",
                             false)
            .empty());
  CHECK(store.stats().minted == 1);
  CHECK(store.stats().hits == 1);
  CHECK(store.stats().size == 2);  // the exact key and the wildcard key

  // The parent itself is not covered by "*.b.example.com" and gets its own leaf.
  auto parent = get(store, "b.example.com");
  CHECK(parent != first);
  CHECK(store.stats().minted == 2);
}

TEST_CASE("country-code registries are not shared through a wildcard", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca);
  auto first = get(store, "bbc.co.uk");
  auto other = get(store, "shop.co.uk");
  CHECK(first != other);
  CHECK(store.stats().minted == 2);
}

TEST_CASE("the cache evicts the least recently used beyond its capacity", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca, 3);
  auto a = get(store, "a.test");
  get(store, "b.test");
  get(store, "c.test");
  CHECK(store.stats().evictions == 0);
  CHECK(get(store, "a.test") == a);  // a is now the most recent; b the least
  get(store, "d.test");
  auto stats = store.stats();
  CHECK(stats.evictions == 1);
  CHECK(stats.size == 3);
  CHECK(stats.minted == 4);
  CHECK(get(store, "a.test") == a);
  get(store, "b.test");  // evicted, so minted again
  stats = store.stats();
  CHECK(stats.minted == 5);
  CHECK(stats.evictions == 2);
  CHECK(stats.size == 3);
}

TEST_CASE("invalid hosts are rejected before minting", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca);
  for (const char* bad : {"", "bad host", "*.example.com", "a..b", "-/-"}) {
    auto result = store.get(bad);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == errc::invalid_host);
  }
  CHECK(store.stats().minted == 0);
}

TEST_CASE("a keyless CA loads for trust work but cannot mint", "[store]") {
  Fixture fixture;
  auto keyless = CertificateAuthority::load(fixture.ca->files(), certs::KeyUse::not_needed).value();
  CertStore store(keyless);
  auto result = store.get("example.com");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == errc::no_key);
  CertStore no_ca(nullptr);
  CHECK(no_ca.get("example.com").error().code == errc::no_key);
}

TEST_CASE("concurrent gets from several threads stay consistent", "[store]") {
  Fixture fixture;
  CertStore store(fixture.ca, 16);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, &failures, &fixture, t] {
      for (int i = 0; i < 40; ++i) {
        const std::string host = "h" + std::to_string((i + t) % 20) + ".test";
        auto leaf = store.get(host);
        if (!leaf.has_value() || !testing::verify_leaf(fixture.ca->certificate(),
                                                       leaf.value()->certificate(), host, false)
                                      .empty()) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  CHECK(failures == 0);
  const auto stats = store.stats();
  CHECK(stats.hits + stats.minted == 160);
  CHECK(stats.size <= 16);
}
