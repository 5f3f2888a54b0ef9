#include "runtime/auth/http_message.hpp"

#include <algorithm>

namespace postern::auth {
namespace {

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

std::optional<std::string> find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& header : headers) {
    if (equals_ignoring_case(header.name, name)) return header.value;
  }
  return std::nullopt;
}

std::vector<std::string> all_headers(const std::vector<Header>& headers, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& header : headers) {
    if (equals_ignoring_case(header.name, name)) values.push_back(header.value);
  }
  return values;
}

void set_header(std::vector<Header>& headers, std::string_view name, std::string value) {
  auto first = std::find_if(headers.begin(), headers.end(),
                            [&](const Header& h) { return equals_ignoring_case(h.name, name); });
  if (first == headers.end()) {
    headers.push_back({std::string(name), std::move(value)});
    return;
  }
  first->value = std::move(value);
  headers.erase(std::remove_if(std::next(first), headers.end(),
                               [&](const Header& h) { return equals_ignoring_case(h.name, name); }),
                headers.end());
}

void remove_header(std::vector<Header>& headers, std::string_view name) {
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const Header& h) { return equals_ignoring_case(h.name, name); }),
                headers.end());
}

}  // namespace postern::auth
