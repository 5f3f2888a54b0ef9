#pragma once
// Typed reads of optional fields from a settings object, each failure naming the field's full
// path ("proxy.custom.server must be a string"), so one broken value never hides behind a
// generic "invalid settings".

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace postern::requester {

/// Reads fields of one JSON object found at `path` ("proxy.custom"). A missing field keeps the
/// caller's default; the first field of the wrong type is remembered in error().
class JsonFields {
 public:
  /// Fields of `object` (anything that is not an object is an error at `path`). Holds a
  /// reference: `object` must outlive this reader, so temporaries are refused at compile time.
  JsonFields(const nlohmann::json& object, std::string path);
  JsonFields(nlohmann::json&& object, std::string path) = delete;

  void read(const char* key, bool& out);
  void read(const char* key, std::string& out);
  void read(const char* key, long long& out);
  /// The sub-object `key` (an empty object when missing).
  JsonFields object(const char* key);

  /// The first problem, or empty.
  const std::string& error() const { return *error_; }
  /// `path.key`, for messages about a field that has the right type but a bad value.
  std::string path_of(const char* key) const;

 private:
  JsonFields(const nlohmann::json& object, std::string path, std::shared_ptr<std::string> error);
  const nlohmann::json* find(const char* key, bool (nlohmann::json::*is_type)() const noexcept,
                             const char* type_name);

  const nlohmann::json& object_;
  std::string path_;
  std::shared_ptr<std::string> error_;  // shared with sub-objects: the first problem wins
};

}  // namespace postern::requester
