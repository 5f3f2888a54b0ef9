#include "runtime/capture/capture_filter.hpp"

#include <algorithm>
#include <array>

#include "runtime/proxy/http_grammar.hpp"
#include "runtime/store/capture_policy.hpp"

namespace postern::capture {

namespace {

// `needle` is already lower case; URLs are matched without regard to ASCII case, as people type
// host names and paths in whatever case they remember.
bool contains_folded(std::string_view haystack, std::string_view needle) {
  const auto found =
      std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                  [](char h, char n) { return (h >= 'A' && h <= 'Z' ? h - 'A' + 'a' : h) == n; });
  return found != haystack.end() || needle.empty();
}

// The JavaScript types of RFC 9239 §6 (text/javascript, and the obsolete ones still served).
constexpr std::array<std::string_view, 6> kScriptTypes{
    "text/javascript",        "application/javascript", "application/x-javascript",
    "application/ecmascript", "text/ecmascript",        "application/x-ecmascript"};

}  // namespace

bool is_static_type(std::string_view content_type) {
  const auto type = store::media_type_of(content_type);
  return type.starts_with("image/") || type == "text/css" ||
         std::find(kScriptTypes.begin(), kScriptTypes.end(), type) != kScriptTypes.end();
}

base::Result<CaptureFilter> CaptureFilter::create(const CaptureOptions& options) {
  CaptureFilter filter;
  filter.url_contains_ = proxy::to_lower(options.url_contains);
  if (!options.url_regex.empty()) {
    auto regex = Regex::compile(options.url_regex, "url_regex");
    if (!regex) return regex.error();
    filter.url_regex_ = std::move(regex).value();
  }
  for (const auto& text : options.exclude)
    if (!text.empty()) filter.exclude_.push_back(proxy::to_lower(text));
  if (!options.exclude_regex.empty()) {
    auto regex = Regex::compile(options.exclude_regex, "exclude_regex");
    if (!regex) return regex.error();
    filter.exclude_regex_ = std::move(regex).value();
  }
  filter.methods_ = options.methods;
  filter.exclude_static_ = options.exclude_static;
  return filter;
}

bool CaptureFilter::accepts_request(std::string_view method, std::string_view url) const {
  // Cheapest tests first: the regexes run last, and only on URLs still in the running.
  if (!methods_.empty() && std::none_of(methods_.begin(), methods_.end(),
                                        [&](const auto& m) { return proxy::iequals(m, method); }))
    return false;
  if (!contains_folded(url, url_contains_)) return false;
  for (const auto& text : exclude_)
    if (contains_folded(url, text)) return false;
  if (url_regex_ && !url_regex_->matches(url)) return false;
  if (exclude_regex_ && exclude_regex_->matches(url)) return false;
  return true;
}

bool CaptureFilter::accepts_response(std::string_view content_type) const {
  return !exclude_static_ || !is_static_type(content_type);
}

}  // namespace postern::capture
