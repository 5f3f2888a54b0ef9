#pragma once
// The Public Suffix List (https://publicsuffix.org/list/): the names under which anyone can
// register a domain (com, co.uk, github.io). A cookie may not be set for one of them, or a site
// could set cookies for every site under it (RFC 6265 §5.3 step 5).
//
// The list comes from Debian's `publicsuffix` package. Where that file is missing (Windows,
// macOS, a minimal container) the jar falls back to the list's own default rule alone, "*": every
// single-label name (com, uk, localhost) is a public suffix and nothing else is. That still stops
// the worst case, a cookie for a whole top-level domain, but lets a cookie be set for co.uk;
// system() reports the fallback through is_fallback() so the runtime can say so.

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::cookies {

/// Parsed rules of the Public Suffix List, with the list's own algorithm: exception rules
/// ("!www.ck") beat everything, then the longest matching rule, normal ("co.uk") or wildcard
/// ("*.ck"); with no match the default rule "*" makes the last label the suffix.
class PublicSuffixList {
 public:
  /// Where Debian's publicsuffix package installs the list.
  static constexpr const char* kDebianListPath = "/usr/share/publicsuffix/public_suffix_list.dat";

  /// Rules from the text of a public_suffix_list.dat; lines it cannot use are skipped.
  static PublicSuffixList parse(std::string_view text);
  /// The list in `file`; an error naming it when it cannot be read.
  static base::Result<PublicSuffixList> load(const std::filesystem::path& file);
  /// The list at kDebianListPath, parsed once for the whole process; the fallback (see the file
  /// comment) when it cannot be read.
  static const PublicSuffixList& system();
  /// The default rule alone: every single-label name is a public suffix.
  static PublicSuffixList single_label_fallback();

  /// The public suffix of a canonical `domain` (a tail of it): "co.uk" for "www.bbc.co.uk".
  std::string_view public_suffix(std::string_view domain) const;
  /// Whether `domain` is itself a public suffix. IP addresses never are.
  bool is_public_suffix(std::string_view domain) const;
  /// The suffix plus one label ("bbc.co.uk"): the site a host belongs to, which the jar's
  /// per-domain limit counts by. The host itself for IP addresses and public suffixes.
  std::string registrable_domain(std::string_view host) const;

  /// Whether this is the single-label fallback rather than a real list.
  bool is_fallback() const { return fallback_; }
  /// How many rules were read (normal, wildcard and exception together).
  std::size_t rule_count() const { return rules_.size() + wildcards_.size() + exceptions_.size(); }

 private:
  void add_rule(std::string_view rule);

  std::set<std::string, std::less<>> rules_;       ///< "co.uk"
  std::set<std::string, std::less<>> wildcards_;   ///< "ck" for the rule "*.ck"
  std::set<std::string, std::less<>> exceptions_;  ///< "www.ck" for the rule "!www.ck"
  bool fallback_ = false;
};

}  // namespace postern::cookies
