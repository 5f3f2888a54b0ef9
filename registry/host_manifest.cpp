#include "registry/host_manifest.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "registry/errc.hpp"

namespace postern::registry {

namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

constexpr std::string_view kChromePrefix = "chrome-extension://";
constexpr std::size_t kExtensionIdLength = 32;

base::Error invalid(std::string message, std::string remedy) {
  return base::Error{make_error_code(errc::manifest_invalid), std::move(message),
                     std::move(remedy)};
}

bool is_lower_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// Gecko's add-on ID rule for e-mail-like IDs: [a-zA-Z0-9-._]* '@' [a-zA-Z0-9-._]+.
bool is_gecko_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

bool is_uuid_id(std::string_view id) {
  // "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}"
  constexpr std::array<std::size_t, 4> dashes{9, 14, 19, 24};
  if (id.size() != 38 || id.front() != '{' || id.back() != '}') return false;
  for (std::size_t i = 1; i + 1 < id.size(); ++i) {
    const bool dash = std::find(dashes.begin(), dashes.end(), i) != dashes.end();
    if (dash ? id[i] != '-' : !is_hex(id[i])) return false;
  }
  return true;
}

bool is_absolute_for(std::string_view path, base::Os os) {
  if (os != base::Os::Windows) return !path.empty() && path.front() == '/';
  // Drive-letter paths ("C:\..." or "C:/...") and UNC paths ("\\server\share\...").
  const bool drive = path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) &&
                     path[1] == ':' && (path[2] == '\\' || path[2] == '/');
  const bool unc = path.size() >= 3 && path[0] == '\\' && path[1] == '\\';
  return drive || unc;
}

base::Result<base::Ok> validate_common(const HostManifest& manifest, base::Os os) {
  if (!is_valid_host_name(manifest.name)) {
    return invalid("name \"" + manifest.name +
                       "\" is not a valid host name: lower-case words of a-z, 0-9 and _ joined "
                       "by single dots (Chromium: \"Invalid native messaging host name\")",
                   "use a name such as " + std::string(kHostName));
  }
  if (manifest.description.empty()) {
    return invalid("description is missing or empty (Chromium: \"Invalid value for description.\")",
                   "give the manifest a one-line description");
  }
  if (!is_absolute_for(manifest.path, os)) {
    return invalid("path \"" + manifest.path +
                       "\" is not absolute (Chromium: \"Native messaging "
                       "host path must be absolute\")",
                   "point path at the installed bridge with its full path");
  }
  if (manifest.type != "stdio") {
    return invalid("type \"" + manifest.type +
                       "\" is not \"stdio\" (Chromium: \"Invalid value "
                       "for type.\")",
                   "set type to \"stdio\"");
  }
  return base::Ok{};
}

base::Result<base::Ok> validate_origins(const HostManifest& manifest) {
  if (manifest.allowed_origins.empty()) {
    return invalid(
        "allowed_origins is empty, so every extension is refused (\"Access to the "
        "specified native messaging host is forbidden.\")",
        "list the Postern extension's origin, chrome-extension://<id>/");
  }
  for (const auto& origin : manifest.allowed_origins) {
    if (is_valid_chrome_origin(origin)) continue;
    std::string why = "must be chrome-extension://<32 letters a-p>/";
    if (origin.find('*') != std::string::npos) {
      why = "wildcards are not allowed (Chromium: \"Pattern ... is not allowed.\")";
    } else if (origin.size() == kChromePrefix.size() + kExtensionIdLength &&
               is_valid_chrome_origin(origin + "/")) {
      why = "needs the trailing \"/\" (Chromium: \"Empty path.\")";
    }
    return invalid("allowed_origins entry \"" + origin + "\": " + why,
                   "write the origin as chrome-extension://<id>/");
  }
  return base::Ok{};
}

base::Result<base::Ok> validate_extensions(const HostManifest& manifest) {
  if (manifest.allowed_extensions.empty()) {
    return invalid("allowed_extensions is empty, so Firefox lets no add-on connect",
                   "list the Postern add-on's ID, e.g. postern@postern.dev");
  }
  for (const auto& id : manifest.allowed_extensions) {
    if (!is_valid_firefox_extension_id(id)) {
      return invalid(
          "allowed_extensions entry \"" + id + "\" is not an add-on ID (name@domain or {uuid})",
          "use the add-on's ID from its manifest (browser_specific_settings.gecko.id)");
    }
  }
  return base::Ok{};
}

// Reads an optional string field; a present field of another type is an error.
base::Result<base::Ok> read_string(const json& document, const char* field, std::string& out,
                                   const std::filesystem::path& source) {
  auto it = document.find(field);
  if (it == document.end()) return base::Ok{};
  if (!it->is_string()) {
    return invalid(
        source.string() + ": field \"" + field + "\" must be a string, not " + it->type_name(),
        "fix or remove " + source.string());
  }
  out = it->get<std::string>();
  return base::Ok{};
}

base::Result<base::Ok> read_list(const json& document, const char* field,
                                 std::vector<std::string>& out,
                                 const std::filesystem::path& source) {
  auto it = document.find(field);
  if (it == document.end()) return base::Ok{};
  const bool strings = it->is_array() && std::all_of(it->begin(), it->end(),
                                                     [](const json& v) { return v.is_string(); });
  if (!strings) {
    return invalid(source.string() + ": field \"" + field + "\" must be a list of strings",
                   "fix or remove " + source.string());
  }
  for (const auto& item : *it)
    out.push_back(item.get<std::string>());
  return base::Ok{};
}

}  // namespace

std::string_view to_string(BrowserFamily family) {
  return family == BrowserFamily::firefox ? "firefox" : "chromium";
}

bool is_valid_host_name(std::string_view name) {
  // Chromium's NativeMessagingHostManifest::IsValidName: no empty word, so no leading, trailing
  // or doubled dot; upper case is refused before any lookup (recipe §3 error catalogue).
  if (name.empty()) return false;
  bool word_has_chars = false;
  for (char c : name) {
    if (c == '.') {
      if (!word_has_chars) return false;
      word_has_chars = false;
    } else if (is_lower_word_char(c)) {
      word_has_chars = true;
    } else {
      return false;
    }
  }
  return word_has_chars;
}

bool is_valid_extension_id(std::string_view id) {
  return id.size() == kExtensionIdLength &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

bool is_valid_chrome_origin(std::string_view origin) {
  if (origin.size() != kChromePrefix.size() + kExtensionIdLength + 1) return false;
  if (origin.substr(0, kChromePrefix.size()) != kChromePrefix || origin.back() != '/') return false;
  return is_valid_extension_id(origin.substr(kChromePrefix.size(), kExtensionIdLength));
}

bool is_valid_firefox_extension_id(std::string_view id) {
  if (is_uuid_id(id)) return true;
  const auto at = id.find('@');
  if (at == std::string_view::npos || at + 1 == id.size()) return false;
  const auto local = id.substr(0, at);
  const auto domain = id.substr(at + 1);
  return std::all_of(local.begin(), local.end(), is_gecko_id_char) &&
         std::all_of(domain.begin(), domain.end(), is_gecko_id_char);
}

std::string chrome_origin(std::string_view extension_id) {
  return std::string(kChromePrefix) + std::string(extension_id) + "/";
}

std::string manifest_file_name(std::string_view host_name) {
  return std::string(host_name) + ".json";
}

base::Result<base::Ok> validate(const HostManifest& manifest, BrowserFamily family, base::Os os) {
  auto common = validate_common(manifest, os);
  if (!common) return common;
  return family == BrowserFamily::firefox ? validate_extensions(manifest)
                                          : validate_origins(manifest);
}

base::Result<std::string> render(const HostManifest& manifest, BrowserFamily family, base::Os os) {
  auto valid = validate(manifest, family, os);
  if (!valid) return valid.error();
  ordered_json document;
  document["name"] = manifest.name;
  document["description"] = manifest.description;
  document["path"] = manifest.path;
  document["type"] = manifest.type;
  if (family == BrowserFamily::firefox) {
    document["allowed_extensions"] = manifest.allowed_extensions;
  } else {
    document["allowed_origins"] = manifest.allowed_origins;
  }
  // `replace` never throws: a description with invalid UTF-8 is written with U+FFFD instead.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

base::Result<HostManifest> parse_manifest(std::string_view text,
                                          const std::filesystem::path& source) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return invalid(source.string() + " is not valid JSON",
                   "fix or remove " + source.string() + "; the browser ignores it as it is");
  }
  if (!document.is_object()) {
    return invalid(source.string() + " holds a JSON " + std::string(document.type_name()) +
                       ", not an object with the manifest fields",
                   "fix or remove " + source.string());
  }
  HostManifest manifest;
  manifest.type.clear();  // a missing type must stay missing, so validate() reports it
  for (auto step :
       {read_string(document, "name", manifest.name, source),
        read_string(document, "description", manifest.description, source),
        read_string(document, "path", manifest.path, source),
        read_string(document, "type", manifest.type, source),
        read_list(document, "allowed_origins", manifest.allowed_origins, source),
        read_list(document, "allowed_extensions", manifest.allowed_extensions, source)}) {
    if (!step) return step.error();
  }
  return manifest;
}

}  // namespace postern::registry
