#include "runtime/cookies/public_suffix_list.hpp"

#include "base/files.hpp"
#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/domain_match.hpp"
#include "runtime/cookies/punycode.hpp"

namespace postern::cookies {

namespace {

// The list is about 250 KB; anything far larger is not the list.
constexpr std::size_t kMaxListBytes = 8 * 1024 * 1024;

// The tail of `domain` after its first label, or nothing for a single label.
std::string_view parent_of(std::string_view domain) {
  const auto dot = domain.find('.');
  return dot == std::string_view::npos ? std::string_view{} : domain.substr(dot + 1);
}

// Every tail of `domain` that starts at a label, longest first, until `visit` returns true.
template <class Visit>
bool for_each_suffix(std::string_view domain, Visit visit) {
  for (std::string_view tail = domain; !tail.empty(); tail = parent_of(tail))
    if (visit(tail)) return true;
  return false;
}

}  // namespace

void PublicSuffixList::add_rule(std::string_view rule) {
  // The list is lower case already; lowering again costs nothing and guards hand-made lists.
  std::string text = ascii::to_lower(rule);
  auto* target = &rules_;
  if (text.starts_with('!')) {
    target = &exceptions_;
    text.erase(0, 1);
  } else if (text.starts_with("*.")) {
    target = &wildcards_;
    text.erase(0, 2);
  }
  // A '*' anywhere else is not in the list's format; "*" alone is the implicit default rule.
  if (text.empty() || text.find('*') != std::string::npos) return;
  if (ascii::has_non_ascii(text))
    if (auto encoded = domain_to_ascii(text)) target->insert(*encoded);
  target->insert(std::move(text));
}

PublicSuffixList PublicSuffixList::parse(std::string_view text) {
  PublicSuffixList list;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    // "Each line is only read up to the first whitespace"; "//" starts a comment line.
    line = line.substr(0, line.find_first_of(" \t\r"));
    if (line.empty() || line.starts_with("//")) continue;
    list.add_rule(line);
  }
  return list;
}

base::Result<PublicSuffixList> PublicSuffixList::load(const std::filesystem::path& file) {
  auto text = base::read_file(file, kMaxListBytes);
  if (!text) return text.error();
  return parse(text.value());
}

const PublicSuffixList& PublicSuffixList::system() {
  static const PublicSuffixList list = [] {
    auto loaded = load(kDebianListPath);
    return loaded && loaded.value().rule_count() > 0 ? std::move(loaded).value()
                                                     : single_label_fallback();
  }();
  return list;
}

PublicSuffixList PublicSuffixList::single_label_fallback() {
  PublicSuffixList list;
  list.fallback_ = true;
  return list;
}

std::string_view PublicSuffixList::public_suffix(std::string_view domain) const {
  // A fully qualified "example.com." has the suffix of "example.com".
  if (domain.ends_with('.')) domain.remove_suffix(1);
  std::string_view found;
  // An exception rule wins outright; its suffix is the rule minus its first label.
  if (for_each_suffix(domain, [&](std::string_view tail) {
        if (!exceptions_.contains(tail)) return false;
        found = parent_of(tail);
        return true;
      }))
    return found;
  // Otherwise the longest normal or wildcard match; tails are visited longest first.
  if (for_each_suffix(domain, [&](std::string_view tail) {
        if (!rules_.contains(tail) && !wildcards_.contains(parent_of(tail))) return false;
        found = tail;
        return true;
      }))
    return found;
  // The default rule "*": the last label.
  const auto dot = domain.rfind('.');
  return dot == std::string_view::npos ? domain : domain.substr(dot + 1);
}

bool PublicSuffixList::is_public_suffix(std::string_view domain) const {
  if (is_ip_address(domain)) return false;
  if (domain.ends_with('.')) domain.remove_suffix(1);
  return public_suffix(domain) == domain;
}

std::string PublicSuffixList::registrable_domain(std::string_view host) const {
  if (is_ip_address(host)) return std::string(host);
  // public_suffix() returns a tail of `host` (less any final dot), so its offset is the split.
  const std::string_view suffix = public_suffix(host);
  std::string_view rest = host.substr(0, static_cast<std::size_t>(suffix.data() - host.data()));
  if (rest.size() < 2) return std::string(host);  // the host is the suffix itself
  rest.remove_suffix(1);                          // the '.' before the suffix
  const auto dot = rest.rfind('.');
  return std::string(dot == std::string_view::npos ? host : host.substr(dot + 1));
}

}  // namespace postern::cookies
