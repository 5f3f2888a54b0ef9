#include "runtime/requester/oauth2_token_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <system_error>

#include "base/files.hpp"
#include "runtime/auth/oauth2_grants.hpp"

namespace postern::requester {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kFormat = "postern-oauth2-tokens";
constexpr int kVersion = 1;
constexpr std::size_t kMaxFileBytes = 8 * 1024 * 1024;

base::Error corrupt(const std::string& source, const std::string& why) {
  return base::Error{
      make_error_code(auth::oauth2_errc::store_corrupt),
      source + " is not a valid OAuth 2.0 token store (" + why + "); it was left as it is",
      "move it aside (mv " + source + " " + source +
          ".broken): its tokens are then forgotten, and new ones can be stored"};
}

json to_json(const StoredToken& t) {
  return json{{"name", t.name},
              {"access_token", t.access_token},
              {"refresh_token", t.refresh_token},
              {"token_type", t.token_type},
              {"scope", t.scope},
              {"id_token", t.id_token},
              {"grant_type", t.grant_type},
              {"token_url", t.token_url},
              {"refresh_url", t.refresh_url},
              {"client_id", t.client_id},
              {"created_at", t.created_at},
              {"expires_at", t.expires_at},
              {"last_used_at", t.last_used_at}};
}

// Missing optional fields keep their defaults; a field of the wrong type makes the file corrupt
// (a silent default could turn an expired token into one that never expires).
bool read_field(const json& object, const char* key, std::string& out) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool read_field(const json& object, const char* key, std::int64_t& out) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_number_integer()) return false;
  out = it->get<std::int64_t>();
  return true;
}

std::optional<StoredToken> from_json(const json& object) {
  if (!object.is_object()) return std::nullopt;
  StoredToken t;
  const bool ok =
      read_field(object, "name", t.name) && read_field(object, "access_token", t.access_token) &&
      read_field(object, "refresh_token", t.refresh_token) &&
      read_field(object, "token_type", t.token_type) && read_field(object, "scope", t.scope) &&
      read_field(object, "id_token", t.id_token) &&
      read_field(object, "grant_type", t.grant_type) &&
      read_field(object, "token_url", t.token_url) &&
      read_field(object, "refresh_url", t.refresh_url) &&
      read_field(object, "client_id", t.client_id) &&
      read_field(object, "created_at", t.created_at) &&
      read_field(object, "expires_at", t.expires_at) &&
      read_field(object, "last_used_at", t.last_used_at);
  if (!ok || t.name.empty() || t.access_token.empty()) return std::nullopt;
  return t;
}

}  // namespace

fs::path TokenStore::default_file(const base::AppPaths& paths) {
  return paths.data / "oauth2-tokens.json";
}

std::string TokenStore::serialise(const std::vector<StoredToken>& tokens) {
  json list = json::array();
  for (const StoredToken& token : tokens) {
    list.push_back(to_json(token));
  }
  return json{{"format", kFormat}, {"version", kVersion}, {"tokens", list}}.dump(2) + "\n";
}

base::Result<std::vector<StoredToken>> TokenStore::parse(std::string_view text,
                                                         const std::string& source) {
  const json document = json::parse(text, nullptr, false);
  if (!document.is_object()) return corrupt(source, "not a JSON object");
  // find(), not value(): value() throws when the member is there with another type.
  auto format = document.find("format");
  if (format == document.end() || !format->is_string() || *format != kFormat) {
    return corrupt(source, "its \"format\" is not \"postern-oauth2-tokens\"");
  }
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer() || *version != kVersion) {
    return corrupt(source, "its \"version\" is not 1");
  }
  auto list = document.find("tokens");
  if (list == document.end() || !list->is_array()) return corrupt(source, "no \"tokens\" list");
  std::vector<StoredToken> tokens;
  for (const json& item : *list) {
    auto token = from_json(item);
    if (!token) {
      return corrupt(source, "token " + std::to_string(tokens.size() + 1) +
                                 " lacks a name or access_token, or has a field of the wrong type");
    }
    tokens.push_back(std::move(*token));
  }
  return tokens;
}

base::Result<std::vector<StoredToken>> TokenStore::list() const {
  std::error_code ec;
  if (!fs::exists(file_, ec)) return std::vector<StoredToken>{};
  auto text = base::read_file(file_, kMaxFileBytes);
  if (!text) return text.error();
  return parse(text.value(), file_.string());
}

base::Result<std::optional<StoredToken>> TokenStore::find(std::string_view name) const {
  auto tokens = list();
  if (!tokens) return tokens.error();
  for (StoredToken& token : tokens.value()) {
    if (token.name == name) return std::optional<StoredToken>(std::move(token));
  }
  return std::optional<StoredToken>();
}

base::Status_or_error TokenStore::write(const std::vector<StoredToken>& tokens) {
  return base::write_file_atomically(file_, serialise(tokens), base::FileMode::owner_only);
}

base::Status_or_error TokenStore::save(const StoredToken& token) {
  auto tokens = list();  // a corrupt file stops here: it is never overwritten
  if (!tokens) return tokens.error();
  auto& all = tokens.value();
  auto same = std::find_if(all.begin(), all.end(),
                           [&](const StoredToken& t) { return t.name == token.name; });
  if (same != all.end()) {
    *same = token;
  } else {
    all.push_back(token);
  }
  return write(all);
}

base::Result<bool> TokenStore::remove(std::string_view name) {
  auto tokens = list();
  if (!tokens) return tokens.error();
  auto& all = tokens.value();
  const auto before = all.size();
  std::erase_if(all, [&](const StoredToken& t) { return t.name == name; });
  if (all.size() == before) return false;
  if (auto written = write(all); !written) return written.error();
  return true;
}

base::Status_or_error TokenStore::mark_used(std::string_view name, std::int64_t now) {
  auto tokens = list();
  if (!tokens) return tokens.error();
  for (StoredToken& token : tokens.value()) {
    if (token.name == name) {
      token.last_used_at = now;
      return write(tokens.value());
    }
  }
  return base::Error{make_error_code(auth::oauth2_errc::no_such_token),
                     "no OAuth 2.0 token is named \"" + std::string(name) + "\"",
                     "see the stored tokens with `postern oauth2 token list`"};
}

}  // namespace postern::requester
