#include "runtime/proxy/pass_through_list.hpp"

#include <algorithm>

namespace postern::proxy {
namespace {

std::string normalise(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '.'))
    text.remove_suffix(1);
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

PassThroughList::PassThroughList(const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    std::string name = normalise(entry);
    if (name.rfind("*.", 0) == 0 && name.size() > 2) {
      exact_.push_back(name.substr(2));  // "*.example.com" covers example.com itself too
      suffixes_.push_back(name.substr(1));
    } else if (!name.empty()) {
      exact_.push_back(std::move(name));
    }
  }
}

bool PassThroughList::contains(std::string_view host) const {
  const std::string name = normalise(host);
  if (std::find(exact_.begin(), exact_.end(), name) != exact_.end()) return true;
  return std::any_of(suffixes_.begin(), suffixes_.end(),
                     [&](const std::string& suffix) { return ends_with(name, suffix); });
}

}  // namespace postern::proxy
