#include "runtime/runner/variables.hpp"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "runtime/auth/crypto.hpp"

namespace postern::runner {
namespace {

// Postman stops expanding nested references after this many levels.
constexpr int kMaxDepth = 19;

std::string uuid_v4(const std::string& random) {
  std::string bytes = random;
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
  std::string hex = auth::to_hex(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string iso_timestamp(long long millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char with_millis[40];
  std::snprintf(with_millis, sizeof with_millis, "%s.%03lldZ", text, millis % 1000);
  return with_millis;
}

}  // namespace

Variables::Variables()
    : Variables(Sources{[] {
                          return static_cast<long long>(
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
                        },
                        [](std::size_t count) { return auth::random_bytes(count); }}) {}

Variables::Variables(Sources sources) : sources_(std::move(sources)) {}

std::optional<std::string> Variables::lookup(std::string_view name) const {
  for (const VariableScope* scope : {&environment, &collection, &globals}) {
    if (auto found = scope->find(name); found != scope->end()) return found->second;
  }
  return dynamic(name);
}

std::optional<std::string> Variables::dynamic(std::string_view name) const {
  if (name == "$guid" || name == "$randomUUID") return uuid_v4(sources_.random_bytes(16));
  if (name == "$timestamp") return std::to_string(sources_.unix_millis() / 1000);
  if (name == "$isoTimestamp") return iso_timestamp(sources_.unix_millis());
  if (name == "$randomInt") {
    auto byte = static_cast<unsigned char>(sources_.random_bytes(1)[0]);
    return std::to_string(byte % 1001);  // 0..1000, Postman's range
  }
  return std::nullopt;
}

std::string Variables::substitute(std::string_view text, std::set<std::string>* unresolved) const {
  return substitute_at_depth(text, 0, unresolved);
}

std::string Variables::substitute_at_depth(std::string_view text, int depth,
                                           std::set<std::string>* unresolved) const {
  std::string out;
  std::size_t at = 0;
  while (true) {
    auto open = text.find("{{", at);
    auto close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out += text.substr(at);
      return out;
    }
    out += text.substr(at, open - at);
    std::string_view name = text.substr(open + 2, close - open - 2);
    auto value = lookup(name);
    if (value && depth < kMaxDepth) {
      out += substitute_at_depth(*value, depth + 1, unresolved);
    } else {
      if (unresolved) unresolved->insert(std::string(name));
      out += text.substr(open, close + 2 - open);
    }
    at = close + 2;
  }
}

std::optional<std::string> read_variable_file(std::string_view json_text, VariableScope& into) {
  auto document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded()) return "not valid JSON";
  if (!document.is_object() || !document.contains("values") || !document["values"].is_array()) {
    return "no \"values\" array (is it a Postman environment or globals export?)";
  }
  for (const auto& entry : document["values"]) {
    if (!entry.is_object() || !entry.contains("key") || !entry["key"].is_string()) {
      return "an entry of \"values\" has no \"key\"";
    }
    if (entry.contains("enabled") && entry["enabled"].is_boolean() && !entry["enabled"]) continue;
    const auto& value = entry.contains("value") ? entry["value"] : nlohmann::json("");
    into[entry["key"].get<std::string>()] =
        value.is_string() ? value.get<std::string>() : value.dump();
  }
  return std::nullopt;
}

}  // namespace postern::runner
