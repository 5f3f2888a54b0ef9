#include "runtime/control/client/json_view.hpp"

namespace postern::control_client {

using nlohmann::json;

namespace {

const json* field(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace

std::string text_at(const json& object, std::string_view key, const std::string& fallback) {
  const json* value = field(object, key);
  return value && value->is_string() ? value->get<std::string>() : fallback;
}

std::int64_t integer_at(const json& object, std::string_view key, std::int64_t fallback) {
  const json* value = field(object, key);
  if (!value) return fallback;
  if (value->is_number_unsigned()) return static_cast<std::int64_t>(value->get<std::uint64_t>());
  if (value->is_number_integer()) return value->get<std::int64_t>();
  return fallback;
}

bool flag_at(const json& object, std::string_view key, bool fallback) {
  const json* value = field(object, key);
  return value && value->is_boolean() ? value->get<bool>() : fallback;
}

const json& list_at(const json& object, std::string_view key) {
  static const json empty = json::array();
  const json* value = field(object, key);
  return value && value->is_array() ? *value : empty;
}

const json& object_at(const json& object, std::string_view key) {
  static const json empty = json::object();
  const json* value = field(object, key);
  return value && value->is_object() ? *value : empty;
}

std::string scalar_text(const json& value, const std::string& missing) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return missing;
}

std::string scalar_at(const json& object, std::string_view key, const std::string& missing) {
  const json* value = field(object, key);
  return value ? scalar_text(*value, missing) : missing;
}

}  // namespace postern::control_client
