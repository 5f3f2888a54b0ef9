#include "runtime/proxy/header_fields.hpp"

#include <algorithm>

#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

void HeaderFields::add(std::string_view name, std::string_view value) {
  // Most heads carry a dozen fields or fewer: room for 16 at the first one saves the vector
  // four reallocations (each moving every string) per head.
  if (fields_.capacity() == 0) fields_.reserve(16);
  fields_.push_back(HeaderField{std::string(name), std::string(value)});
}

std::optional<std::string_view> HeaderFields::get(std::string_view name) const {
  for (const auto& field : fields_)
    if (iequals(field.name, name)) return std::string_view(field.value);
  return std::nullopt;
}

std::vector<std::string_view> HeaderFields::get_all(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& field : fields_)
    if (iequals(field.name, name)) values.emplace_back(field.value);
  return values;
}

std::size_t HeaderFields::count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      fields_.begin(), fields_.end(), [&](const HeaderField& f) { return iequals(f.name, name); }));
}

bool HeaderFields::list_contains(std::string_view name, std::string_view token) const {
  for (const auto& field : fields_) {
    if (!iequals(field.name, name)) continue;
    for (std::string_view element : split_list(field.value))
      if (iequals(element, token)) return true;
  }
  return false;
}

std::size_t HeaderFields::remove(std::string_view name) {
  return static_cast<std::size_t>(
      std::erase_if(fields_, [&](const HeaderField& field) { return iequals(field.name, name); }));
}

void HeaderFields::set(std::string_view name, std::string_view value) {
  const auto first = std::find_if(fields_.begin(), fields_.end(),
                                  [&](const HeaderField& f) { return iequals(f.name, name); });
  if (first == fields_.end()) {
    add(name, value);
    return;
  }
  const auto index = static_cast<std::size_t>(first - fields_.begin());
  fields_[index] = HeaderField{std::string(name), std::string(value)};
  // Drop the later duplicates, keeping the replaced one where the first stood.
  std::size_t seen = 0;
  std::erase_if(fields_,
                [&](const HeaderField& field) { return iequals(field.name, name) && seen++ > 0; });
}

void HeaderFields::add_front(std::string_view name, std::string_view value) {
  fields_.insert(fields_.begin(), HeaderField{std::string(name), std::string(value)});
}

}  // namespace postern::proxy
