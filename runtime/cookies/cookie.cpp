#include "runtime/cookies/cookie.hpp"

#include <array>
#include <utility>

namespace postern::cookies {

namespace {

constexpr std::array<std::pair<SameSite, std::string_view>, 4> kSameSiteNames{{
    {SameSite::unspecified, "unspecified"},
    {SameSite::none, "none"},
    {SameSite::lax, "lax"},
    {SameSite::strict, "strict"},
}};

}  // namespace

std::string_view to_string(SameSite same_site) {
  for (const auto& [value, name] : kSameSiteNames)
    if (value == same_site) return name;
  return "unspecified";
}

std::optional<SameSite> same_site_from_string(std::string_view text) {
  for (const auto& [value, name] : kSameSiteNames)
    if (name == text) return value;
  return std::nullopt;
}

bool Cookie::same_identity(const Cookie& other) const {
  return name == other.name && domain == other.domain && host_only == other.host_only &&
         path == other.path;
}

}  // namespace postern::cookies
