#include "runtime/control/client/json_fields.hpp"

#include <limits>

#include "runtime/control/client/control_errc.hpp"

namespace postern::control_client {

using nlohmann::json;

namespace {

bool is_kind(const json& value, JsonKind kind) {
  switch (kind) {
    case JsonKind::text:
      return value.is_string();
    case JsonKind::integer:
      // A whole number that fits in int64: ids, counts and sizes.
      return value.is_number_integer() &&
             (!value.is_number_unsigned() ||
              value.get<std::uint64_t>() <=
                  static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    case JsonKind::number:
      return value.is_number();
    case JsonKind::flag:
      return value.is_boolean();
    case JsonKind::array:
      return value.is_array();
    case JsonKind::object:
      return value.is_object();
  }
  return false;
}

const char* kind_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::text:
      return "a string";
    case JsonKind::integer:
      return "a whole number";
    case JsonKind::number:
      return "a number";
    case JsonKind::flag:
      return "true or false";
    case JsonKind::array:
      return "an array";
    case JsonKind::object:
      return "an object";
  }
  return "?";
}

}  // namespace

base::Error json_problem(const std::string& problem) {
  return base::Error{make_error_code(control_errc::bad_response), problem, ""};
}

JsonFields::JsonFields(const json& value, std::string path, std::string& problem)
    : value_(value), path_(std::move(path)), problem_(problem) {}

void JsonFields::fail(const std::string& message) const {
  if (problem_.empty()) problem_ = (path_.empty() ? "the answer" : path_) + ": " + message;
}

void JsonFields::fail_at(std::string_view key, const std::string& message) const {
  if (problem_.empty()) problem_ = child(key) + ": " + message;
}

std::string JsonFields::child(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const json* JsonFields::field(std::string_view key, JsonKind kind, bool required) const {
  if (!problem_.empty()) return nullptr;
  if (!value_.is_object()) {
    fail("expected an object");
    return nullptr;
  }
  const auto found = value_.find(key);
  if (found == value_.end() || found->is_null()) {
    if (required) problem_ = child(key) + ": missing";
    return nullptr;
  }
  if (!is_kind(*found, kind)) {
    problem_ = child(key) + ": expected " + kind_name(kind);
    return nullptr;
  }
  return &*found;
}

JsonFields JsonFields::at(std::string_view key) const {
  static const json kEmpty = json::object();
  const json* found = field(key, JsonKind::object, true);
  return JsonFields(found ? *found : kEmpty, child(key), problem_);
}

bool JsonFields::has(std::string_view key) const {
  if (!value_.is_object()) return false;
  const auto found = value_.find(key);
  return found != value_.end() && !found->is_null();
}

std::string JsonFields::text(std::string_view key) const {
  const json* found = field(key, JsonKind::text, true);
  return found ? found->get<std::string>() : std::string();
}

std::int64_t JsonFields::integer(std::string_view key) const {
  const json* found = field(key, JsonKind::integer, true);
  return found ? found->get<std::int64_t>() : 0;
}

double JsonFields::number(std::string_view key) const {
  const json* found = field(key, JsonKind::number, true);
  return found ? found->get<double>() : 0.0;
}

bool JsonFields::flag(std::string_view key) const {
  const json* found = field(key, JsonKind::flag, true);
  return found && found->get<bool>();
}

std::optional<std::string> JsonFields::nullable_text(std::string_view key) const {
  const json* found = field(key, JsonKind::text, false);
  if (!found) return std::nullopt;
  return found->get<std::string>();
}

std::optional<std::int64_t> JsonFields::nullable_integer(std::string_view key) const {
  const json* found = field(key, JsonKind::integer, false);
  if (!found) return std::nullopt;
  return found->get<std::int64_t>();
}

std::optional<double> JsonFields::nullable_number(std::string_view key) const {
  const json* found = field(key, JsonKind::number, false);
  if (!found) return std::nullopt;
  return found->get<double>();
}

std::string JsonFields::text_or(std::string_view key, const std::string& fallback) const {
  return nullable_text(key).value_or(fallback);
}

std::int64_t JsonFields::integer_or(std::string_view key, std::int64_t fallback) const {
  return nullable_integer(key).value_or(fallback);
}

bool JsonFields::flag_or(std::string_view key, bool fallback) const {
  const json* found = field(key, JsonKind::flag, false);
  return found ? found->get<bool>() : fallback;
}

std::vector<std::string> JsonFields::texts(std::string_view key, bool required) const {
  std::vector<std::string> out;
  const json* array = field(key, JsonKind::array, required);
  if (!array) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) {
      problem_ = child(key) + "[" + std::to_string(i) + "]: expected a string";
      return {};
    }
    out.push_back((*array)[i].get<std::string>());
  }
  return out;
}

}  // namespace postern::control_client
