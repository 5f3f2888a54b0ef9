// mint_bench: what a new host name costs the certificate store (a leaf minted through
// CertStore::get on a cache miss: fresh P-256 key, build, ECDSA signature, cache insert), and
// what a repeat costs (a cache hit). Creates its CA in a temporary folder and removes it.
//
//   mint_bench [names]   (default 2000 distinct names, www.site<i>.bench.test)
//
// Prints one line for scripts:
//   MINT_BENCH median_ms=.. p90_ms=.. p99_ms=.. hit_median_us=.. names=.. peak_rss_kib=..
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "certs/cert_store.hpp"
#include "certs/certificate_authority.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
  return values[index];
}

// Peak resident set size of this process (Linux); 0 where /proc is not available.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      long kib = 0;
      status >> kib;
      return kib;
    }
    status.ignore(4096, '\n');
  }
  return 0;
}

std::string name_for(int i) {
  return "www.site" + std::to_string(i) + ".bench.test";
}

// Times `get` for each name; returns microseconds per call, or an empty vector on failure.
std::vector<double> time_gets(postern::certs::CertStore& store, int names) {
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(names));
  for (int i = 0; i < names; ++i) {
    const std::string host = name_for(i);
    const auto start = Clock::now();
    auto leaf = store.get(host);
    const auto stop = Clock::now();
    if (!leaf) {
      std::fprintf(stderr, "mint_bench: %s: %s\n", host.c_str(), leaf.error().message.c_str());
      return {};
    }
    micros.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
  }
  return micros;
}

}  // namespace

int main(int argc, char** argv) {
  const int names = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
  std::random_device random;
  const auto dir =
      std::filesystem::temp_directory_path() / ("postern-mint-bench-" + std::to_string(random()));
  auto ca = postern::certs::CertificateAuthority::create(postern::certs::CaFiles::in(dir),
                                                         {"bench", "localhost"});
  if (!ca) {
    std::fprintf(stderr, "mint_bench: %s\n", ca.error().message.c_str());
    return 1;
  }
  // Room for every name and its wildcard key, so that no miss is an eviction.
  postern::certs::CertStore store(ca.value(), static_cast<std::size_t>(names) * 2 + 16);
  (void)store.get("warm-up.bench.test");  // first-use costs: provider fetches, lazy tables

  const std::vector<double> misses = time_gets(store, names);
  const std::vector<double> hits = time_gets(store, names);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (misses.empty() || hits.empty()) return 1;
  const auto stats = store.stats();
  if (stats.minted != static_cast<std::size_t>(names) + 1) {
    std::fprintf(stderr, "mint_bench: expected %d mints, saw %zu\n", names + 1, stats.minted);
    return 1;
  }
  std::printf(
      "MINT_BENCH median_ms=%.3f p90_ms=%.3f p99_ms=%.3f hit_median_us=%.2f names=%d "
      "peak_rss_kib=%ld\n",
      percentile(misses, 0.5) / 1000, percentile(misses, 0.9) / 1000,
      percentile(misses, 0.99) / 1000, percentile(hits, 0.5), names, peak_rss_kib());
  return 0;
}
