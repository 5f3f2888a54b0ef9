#include "runtime/bridge/bridge_key_store.hpp"

#include <algorithm>
#include <system_error>

#include <nlohmann/json.hpp>

#include "base/files.hpp"
#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A key file is a few hundred bytes; anything much larger is not ours.
constexpr std::size_t kMaxKeyFileSize = 64 * 1024;
constexpr int kKeyFileVersion = 1;

base::Error corrupt(const fs::path& path, const std::string& why) {
  return base::Error{make_error_code(errc::key_file_corrupt),
                     "the bridge key file " + path.string() + " is damaged: " + why,
                     "move it aside and pair again, or set a custom key with `postern set-key`"};
}

base::Result<KeyKind> parse_kind(const json& doc, const fs::path& path) {
  auto kind = doc.find("kind");
  if (kind != doc.end() && *kind == "install") return KeyKind::install;
  if (kind != doc.end() && *kind == "custom") return KeyKind::custom;
  return corrupt(path, "\"kind\" must be \"install\" or \"custom\"");
}

base::Result<std::vector<std::string>> parse_origins(const json& doc, const fs::path& path) {
  auto origins = doc.find("paired_origins");
  if (origins == doc.end() || !origins->is_array())
    return corrupt(path, "\"paired_origins\" must be a list");
  std::vector<std::string> out;
  for (const auto& origin : *origins) {
    if (!origin.is_string()) return corrupt(path, "\"paired_origins\" must hold strings");
    out.push_back(origin.get<std::string>());
  }
  return out;
}

}  // namespace

std::string_view to_string(KeyKind kind) {
  return kind == KeyKind::custom ? "custom" : "install";
}

bool BridgeKey::paired_with(std::string_view origin) const {
  return std::find(paired_origins.begin(), paired_origins.end(), origin) != paired_origins.end();
}

base::Result<BridgeKey> parse_key_file(std::string_view text, const fs::path& path) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return corrupt(path, "it is not a JSON object");
  auto version = doc.find("version");
  if (version == doc.end() || *version != kKeyFileVersion)
    return corrupt(path, "unknown \"version\" (this bridge reads version 1)");
  auto kind = parse_kind(doc, path);
  if (!kind) return kind.error();
  auto key_b64 = doc.find("key_b64");
  if (key_b64 == doc.end() || !key_b64->is_string()) return corrupt(path, "\"key_b64\" is missing");
  auto key = key_from_base64(key_b64->get_ref<const std::string&>());
  if (!key) return corrupt(path, "\"key_b64\": " + key.error().message);
  auto origins = parse_origins(doc, path);
  if (!origins) return origins.error();
  return BridgeKey{kind.value(), key.value(), std::move(origins).value()};
}

std::string serialise_key_file(const BridgeKey& key) {
  json doc{{"version", kKeyFileVersion},
           {"kind", to_string(key.kind)},
           {"key_b64", key_to_base64(key.key)},
           {"paired_origins", key.paired_origins}};
  return doc.dump(2) + "\n";
}

fs::path BridgeKeyStore::default_file(const base::AppPaths& paths) {
  return paths.config / "bridge" / "key.json";
}

base::Result<std::optional<BridgeKey>> BridgeKeyStore::load() {
  std::error_code ec;
  if (!fs::exists(file_, ec) && !ec) return std::optional<BridgeKey>{};
  auto text = base::read_file(file_, kMaxKeyFileSize);
  if (!text) {
    if (text.error().code == std::errc::file_too_large)
      return corrupt(file_, "it is larger than a key file can be");
    return base::Error{make_error_code(errc::key_file_unreadable), text.error().message,
                       "check the owner and permissions of " + file_.string()};
  }
  auto key = parse_key_file(text.value(), file_);
  if (!key) return key.error();
  return std::optional<BridgeKey>(std::move(key).value());
}

base::Status_or_error BridgeKeyStore::save(const BridgeKey& key) {
  auto current = load();
  if (!current) return current.error();  // damaged or unreadable: left for the user to decide
  auto written =
      base::write_file_atomically(file_, serialise_key_file(key), base::FileMode::owner_only);
  if (!written)
    return base::Error{make_error_code(errc::key_file_write_failed), written.error().message,
                       written.error().remedy};
  return base::Ok{};
}

}  // namespace postern::bridge
