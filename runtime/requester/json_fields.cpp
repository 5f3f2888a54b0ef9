#include "runtime/requester/json_fields.hpp"

#include <memory>

namespace postern::requester {

namespace {

const nlohmann::json& empty_object() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

}  // namespace

JsonFields::JsonFields(const nlohmann::json& object, std::string path)
    : JsonFields(object, std::move(path), std::make_shared<std::string>()) {}

JsonFields::JsonFields(const nlohmann::json& object, std::string path,
                       std::shared_ptr<std::string> error)
    : object_(object.is_object() ? object : empty_object()),
      path_(std::move(path)),
      error_(std::move(error)) {
  if (!object.is_object() && error_->empty())
    *error_ = (path_.empty() ? std::string("the document") : path_) + " must be an object";
}

std::string JsonFields::path_of(const char* key) const {
  return path_.empty() ? key : path_ + "." + key;
}

const nlohmann::json* JsonFields::find(const char* key,
                                       bool (nlohmann::json::*is_type)() const noexcept,
                                       const char* type_name) {
  auto found = object_.find(key);
  if (found == object_.end()) return nullptr;
  if (!((*found).*is_type)()) {
    if (error_->empty()) *error_ = path_of(key) + " must be " + type_name;
    return nullptr;
  }
  return &*found;
}

void JsonFields::read(const char* key, bool& out) {
  if (auto* value = find(key, &nlohmann::json::is_boolean, "true or false"))
    out = value->get<bool>();
}

void JsonFields::read(const char* key, std::string& out) {
  if (auto* value = find(key, &nlohmann::json::is_string, "a string"))
    out = value->get<std::string>();
}

void JsonFields::read(const char* key, long long& out) {
  if (auto* value = find(key, &nlohmann::json::is_number_integer, "a whole number"))
    out = value->get<long long>();
}

JsonFields JsonFields::object(const char* key) {
  auto found = object_.find(key);
  if (found == object_.end()) return JsonFields(empty_object(), path_of(key), error_);
  return JsonFields(*found, path_of(key), error_);
}

}  // namespace postern::requester
