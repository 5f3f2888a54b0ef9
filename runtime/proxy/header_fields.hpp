#pragma once
// The fields of a head or a trailer section, in the order and letter case they arrived. A proxy
// forwards them faithfully and the capture shows them as sent, so nothing here normalises names
// or merges repeated fields; lookups compare names case-insensitively (RFC 9110 §5.1).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postern::proxy {

/// One field line: name and value as received (value without surrounding whitespace).
struct HeaderField {
  std::string name;   ///< as sent, case preserved
  std::string value;  ///< as sent, leading and trailing SP/HTAB removed
  friend bool operator==(const HeaderField&, const HeaderField&) = default;
};

/// An ordered list of fields with case-insensitive lookups.
class HeaderFields {
 public:
  using const_iterator = std::vector<HeaderField>::const_iterator;

  /// Appends a field at the end.
  void add(std::string_view name, std::string_view value);
  /// Makes room for `count` fields, so adding them allocates the list once.
  void reserve(std::size_t count) { fields_.reserve(count); }
  /// Number of field lines.
  std::size_t size() const { return fields_.size(); }
  /// True when there are no fields.
  bool empty() const { return fields_.empty(); }
  /// The field at `index` (0-based, in arrival order).
  const HeaderField& operator[](std::size_t index) const { return fields_[index]; }
  /// Iteration in arrival order.
  const_iterator begin() const { return fields_.begin(); }
  /// Iteration in arrival order.
  const_iterator end() const { return fields_.end(); }

  /// The value of the first field called `name`, if any.
  std::optional<std::string_view> get(std::string_view name) const;
  /// The values of every field called `name`, in order.
  std::vector<std::string_view> get_all(std::string_view name) const;
  /// How many fields are called `name`.
  std::size_t count(std::string_view name) const;
  /// True when a field called `name` is present.
  bool contains(std::string_view name) const { return count(name) > 0; }
  /// True when any field called `name` lists `token` (comma list, case-insensitive).
  bool list_contains(std::string_view name, std::string_view token) const;

  /// Removes every field called `name`; returns how many went.
  std::size_t remove(std::string_view name);
  /// Makes `name: value` the only field of that name: it takes the place of the first one (so
  /// the order stays as sent) or, when there was none, goes at the end.
  void set(std::string_view name, std::string_view value);
  /// Inserts `name: value` before every other field (used for Host, which leads by custom).
  void add_front(std::string_view name, std::string_view value);

  friend bool operator==(const HeaderFields&, const HeaderFields&) = default;

 private:
  std::vector<HeaderField> fields_;
};

}  // namespace postern::proxy
