#pragma once
// A bounded least-recently-used map. Not thread-safe: CertStore guards it with its mutex.

#include <cstddef>
#include <list>
#include <optional>
#include <unordered_map>
#include <utility>

namespace postern::certs {

/// Keeps at most `capacity` entries; inserting into a full cache drops the least recently used.
template <class Key, class Value, class Hash = std::hash<Key>>
class LruCache {
 public:
  /// A cache of at least one entry (a zero capacity would make every insert a wasted mint).
  explicit LruCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// The value for `key`, marked most recently used; nullopt when absent.
  std::optional<Value> get(const Key& key) {
    auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, found->second);
    return found->second->second;
  }

  /// Inserts or replaces `key`, marks it most recently used; returns how many entries it evicted.
  std::size_t put(const Key& key, Value value) {
    if (auto found = index_.find(key); found != index_.end()) {
      found->second->second = std::move(value);
      order_.splice(order_.begin(), order_, found->second);
      return 0;
    }
    std::size_t evicted = 0;
    while (order_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
      ++evicted;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    return evicted;
  }

  /// Whether `key` is cached, without changing its recency.
  bool contains(const Key& key) const { return index_.count(key) != 0; }
  /// Entries cached now.
  std::size_t size() const { return order_.size(); }
  /// The bound given at construction (at least 1).
  std::size_t capacity() const { return capacity_; }

 private:
  using Entry = std::pair<Key, Value>;
  std::size_t capacity_;
  std::list<Entry> order_;  ///< most recently used first
  std::unordered_map<Key, typename std::list<Entry>::iterator, Hash> index_;
};

}  // namespace postern::certs
