#pragma once
// Strict reading of the control API's JSON into plain structs (the typed calls of CaptureApi and
// CookieApi, the events of EventStream). Unlike json_view.hpp, which shows whatever arrived, a
// field that is missing or of the wrong type here is an error naming its path
// ("sessions[2].state: expected a string"), so a front end says "the runtime's answer cannot be
// read" instead of showing zeros. Fields the API adds later are ignored. Nothing throws.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace postern::control_client {

/// The kinds of JSON value a field is read as.
enum class JsonKind { text, integer, number, flag, array, object };

/// The error for a problem found by JsonFields: control_errc::bad_response with `problem`.
base::Error json_problem(const std::string& problem);

/// Reads one JSON value. Readers made from it (at(), list()) share its first problem; after a
/// problem, every read answers a default, so parse code runs straight through and checks once.
class JsonFields {
 public:
  /// Reads `value`, called `path` in messages ("" for the whole answer); the first problem is
  /// stored in `problem`, which must outlive this reader and those made from it.
  JsonFields(const nlohmann::json& value, std::string path, std::string& problem);

  /// The object at `key` (required).
  JsonFields at(std::string_view key) const;
  /// Whether `key` is present and not null.
  bool has(std::string_view key) const;

  /// Required fields of each type.
  std::string text(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  double number(std::string_view key) const;
  bool flag(std::string_view key) const;
  /// Fields that may be null (or missing): nullopt then.
  std::optional<std::string> nullable_text(std::string_view key) const;
  std::optional<std::int64_t> nullable_integer(std::string_view key) const;
  std::optional<double> nullable_number(std::string_view key) const;
  /// Fields with a default when missing or null; present ones must have the type.
  std::string text_or(std::string_view key, const std::string& fallback) const;
  std::int64_t integer_or(std::string_view key, std::int64_t fallback) const;
  bool flag_or(std::string_view key, bool fallback) const;
  /// An array of strings; empty when missing and `required` is false.
  std::vector<std::string> texts(std::string_view key, bool required = true) const;

  /// Each element of the array at `key`, read by `item` (required).
  template <class T>
  std::vector<T> list(std::string_view key, const std::function<T(const JsonFields&)>& item) const {
    std::vector<T> out;
    const nlohmann::json* array = field(key, JsonKind::array, true);
    if (!array) return out;
    for (std::size_t i = 0; i < array->size() && problem_.empty(); ++i)
      out.push_back(
          item(JsonFields((*array)[i], child(key) + "[" + std::to_string(i) + "]", problem_)));
    return out;
  }

  /// The value itself.
  const nlohmann::json& value() const { return value_; }
  /// Records `message` about this value, unless a problem came first.
  void fail(const std::string& message) const;
  /// Records `message` about the field `key`, unless a problem came first.
  void fail_at(std::string_view key, const std::string& message) const;
  /// Whether no problem was found so far.
  bool ok() const { return problem_.empty(); }

 private:
  std::string child(std::string_view key) const;
  const nlohmann::json* field(std::string_view key, JsonKind kind, bool required) const;

  const nlohmann::json& value_;
  std::string path_;
  std::string& problem_;
};

/// Reads `document` with `read`; the problem, if any, as control_errc::bad_response.
template <class T>
base::Result<T> read_json(const nlohmann::json& document,
                          const std::function<T(const JsonFields&)>& read) {
  std::string problem;
  T value = read(JsonFields(document, "", problem));
  if (!problem.empty()) return json_problem(problem);
  return value;
}

}  // namespace postern::control_client
