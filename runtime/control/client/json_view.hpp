#pragma once
// Reading fields of the control API's JSON for display without ever throwing: a field that is
// missing, null or of another type gives the fallback. Views show what the runtime sent; a newer
// or older runtime with a field more or less must not end a command with an exception. (Typed
// calls read strictly instead, with json_fields.hpp: a wrong field there is BAD_RESPONSE.)

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace postern::control_client {

/// The string at `key` of `object`, or `fallback`.
std::string text_at(const nlohmann::json& object, std::string_view key,
                    const std::string& fallback = "");
/// The integer at `key` of `object` (a whole number, signed or not), or `fallback`.
std::int64_t integer_at(const nlohmann::json& object, std::string_view key,
                        std::int64_t fallback = 0);
/// The boolean at `key` of `object`, or `fallback`.
bool flag_at(const nlohmann::json& object, std::string_view key, bool fallback = false);
/// The array at `key` of `object`, or an empty array.
const nlohmann::json& list_at(const nlohmann::json& object, std::string_view key);
/// The object at `key` of `object`, or an empty object.
const nlohmann::json& object_at(const nlohmann::json& object, std::string_view key);
/// `value` as text: a string as it is, a number or boolean printed, anything else `missing`.
std::string scalar_text(const nlohmann::json& value, const std::string& missing = "-");
/// scalar_text() of the field at `key`, or `missing` when there is none.
std::string scalar_at(const nlohmann::json& object, std::string_view key,
                      const std::string& missing = "-");

}  // namespace postern::control_client
