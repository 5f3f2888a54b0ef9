#pragma once
// A compiled PCRE2 pattern for the capture filters (url_regex, exclude_regex). The proxy calls
// search() on its I/O threads for every request, so a pattern is compiled once, shared and never
// changed (thread-safe: each search gets its own match data), and every search is bounded by a
// match limit: a hostile or careless pattern such as "(a+)+$" gives up instead of hanging the
// thread. Matching is on bytes (no UTF mode), which is what a URL on the wire is.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::capture {

/// How a search ended.
enum class MatchResult {
  match,     ///< the pattern matches somewhere in the subject
  no_match,  ///< it does not
  gave_up,   ///< the match limit (or another matching error) stopped the search
};

/// An immutable compiled pattern; copies share it.
class Regex {
 public:
  /// Longest pattern accepted, in bytes: a filter is a line a user types, not a program.
  static constexpr std::size_t kMaxPatternBytes = 4096;
  /// Work allowed per search (PCRE2 match limit). Real URL patterns need a few hundred steps;
  /// this bounds a catastrophic one to about a millisecond or two.
  static constexpr std::uint32_t kMatchLimit = 100000;
  /// Backtracking depth allowed per search (the interpreter's counterpart of kMatchLimit).
  static constexpr std::uint32_t kDepthLimit = 5000;

  /// Compiles `pattern`; errc::bad_option naming `field` and PCRE2's reason and offset.
  static base::Result<Regex> compile(std::string_view pattern, std::string_view field);

  /// Looks for a match anywhere in `subject`.
  MatchResult search(std::string_view subject) const;
  /// True only for MatchResult::match: a search that gave up counts as no match.
  bool matches(std::string_view subject) const { return search(subject) == MatchResult::match; }
  /// The pattern as given.
  const std::string& pattern() const;

 private:
  struct Compiled;
  explicit Regex(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace postern::capture
