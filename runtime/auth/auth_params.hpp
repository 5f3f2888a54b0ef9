#pragma once
// A scheme's parameters, keyed by the names Postman Collection v2.1 uses in "auth": {"digest":
// [{"key": "username", "value": ...}]} (docs/auth.md lists them per scheme). The CLI's
// `--auth-param k=v` and `postern run` feed the same keys, so one table of names serves both.

#include <map>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::auth {

class AuthParams {
 public:
  AuthParams() = default;
  AuthParams(std::initializer_list<std::pair<const std::string, std::string>> values)
      : values_(values) {}

  void set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  bool has(std::string_view key) const;

  /// The value, or `fallback` when absent or empty (Postman leaves unset fields as "").
  std::string text(std::string_view key, std::string_view fallback = {}) const;
  /// The value, or an errc::missing_parameter error naming `key` and the `scheme`.
  base::Result<std::string> required(std::string_view key, std::string_view scheme) const;
  /// "true"/"1"/"yes" as true, "false"/"0"/"no" as false, `fallback` when absent or empty.
  bool flag(std::string_view key, bool fallback = false) const;

  const std::map<std::string, std::string, std::less<>>& all() const { return values_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

/// An errc::bad_parameter error: "<scheme>: <key> <problem>".
base::Error bad_parameter(std::string_view scheme, std::string_view key, std::string_view problem);

}  // namespace postern::auth
