#include "certs/cert_store.hpp"

#include <mutex>
#include <optional>

#include "certs/errc.hpp"
#include "certs/host_name.hpp"
#include "certs/leaf_minter.hpp"
#include "certs/lru_cache.hpp"

namespace postern::certs {

using LeafPtr = std::shared_ptr<const LeafCertificate>;

struct CertStore::State {
  std::shared_ptr<const CertificateAuthority> ca;
  std::optional<LeafMinter> minter;  ///< empty without a CA
  mutable std::mutex mutex;          ///< guards cache and stats
  // Keyed by the name a leaf was minted for and by its wildcard; the capacity counts keys.
  LruCache<std::string, LeafPtr> cache;
  CertStoreStats stats;

  State(std::shared_ptr<const CertificateAuthority> authority, std::size_t capacity)
      : ca(std::move(authority)), cache(capacity) {
    if (ca) minter.emplace(*ca);
  }

  // The exact name first, then the wildcard that covers it (practice 14).
  std::optional<LeafPtr> lookup(const std::string& name, const std::string& wildcard) {
    std::lock_guard lock(mutex);
    auto hit = cache.get(name);
    if (!hit && !wildcard.empty()) hit = cache.get(wildcard);
    if (hit) ++stats.hits;
    return hit;
  }

  void remember(const std::string& name, const std::string& wildcard, const LeafPtr& leaf) {
    std::lock_guard lock(mutex);
    ++stats.minted;
    stats.evictions += cache.put(name, leaf);
    if (!wildcard.empty()) stats.evictions += cache.put(wildcard, leaf);
  }
};

CertStore::CertStore(std::shared_ptr<const CertificateAuthority> ca, std::size_t capacity)
    : state_(std::make_unique<State>(std::move(ca), capacity)) {}

CertStore::~CertStore() = default;

base::Result<std::shared_ptr<const LeafCertificate>> CertStore::get(std::string_view host) {
  auto normalized = normalize_host(host);
  if (!normalized) return normalized.error();
  const HostName& name = normalized.value();
  if (!state_->ca || !state_->ca->has_key()) {
    return base::Error{make_error_code(errc::no_key),
                       "cannot mint a certificate for " + name.name +
                           ": the proxy CA was loaded without its private key",
                       "load the CA with its key (KeyUse::required)"};
  }
  const std::string wildcard = wildcard_for(name);
  if (auto hit = state_->lookup(name.name, wildcard)) return std::move(*hit);
  // Minting happens outside the lock so that one slow signature does not stall cache hits on
  // other connections. Two threads missing on the same name both mint; the later one wins the
  // cache slot and both answers are valid.
  auto leaf = state_->minter->mint(name);
  if (!leaf) return leaf.error();
  state_->remember(name.name, wildcard, leaf.value());
  return leaf;
}

CertStoreStats CertStore::stats() const {
  std::lock_guard lock(state_->mutex);
  CertStoreStats now = state_->stats;
  now.size = state_->cache.size();
  return now;
}

}  // namespace postern::certs
