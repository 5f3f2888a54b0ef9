#include "runtime/bridge/allowed_origins.hpp"

#include <algorithm>
#include <system_error>

#include <nlohmann/json.hpp>

#include "base/files.hpp"
#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr std::string_view kChromiumScheme = "chrome-extension://";
constexpr std::size_t kChromiumIdLength = 32;    // 16 bytes of SHA-256, one letter per nibble
constexpr std::size_t kMaxFirefoxIdLength = 80;  // addons.mozilla.org's limit for add-on IDs
constexpr std::size_t kMaxAllowListSize = 256 * 1024;

base::Error invalid(const fs::path& path, const std::string& why) {
  return base::Error{make_error_code(errc::allow_list_invalid),
                     path.string() + " is damaged: " + why,
                     "run `postern setup` again to rewrite it, or fix the entry by hand"};
}

// Appends the string entries of doc[field] to `out`, checking each with `valid`.
base::Status_or_error collect(const json& doc, const char* field, bool (*valid)(std::string_view),
                              const fs::path& path, std::vector<std::string>& out) {
  auto it = doc.find(field);
  if (it == doc.end()) return base::Ok{};
  if (!it->is_array()) return invalid(path, std::string("\"") + field + "\" must be a list");
  for (const auto& entry : *it) {
    if (!entry.is_string() || !valid(entry.get_ref<const std::string&>()))
      return invalid(path, std::string("\"") + field + "\" has an invalid entry " + entry.dump());
    out.push_back(entry.get<std::string>());
  }
  return base::Ok{};
}

}  // namespace

bool is_chromium_origin(std::string_view origin) {
  if (origin.size() != kChromiumScheme.size() + kChromiumIdLength + 1) return false;
  if (origin.substr(0, kChromiumScheme.size()) != kChromiumScheme || origin.back() != '/')
    return false;
  const auto id = origin.substr(kChromiumScheme.size(), kChromiumIdLength);
  return std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

bool is_firefox_extension_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxFirefoxIdLength) return false;
  const bool printable = std::all_of(id.begin(), id.end(), [](char c) {
    return c > ' ' && c < 0x7F && c != '/' && c != '\\' && c != '"';
  });
  const bool uuid_form = id.front() == '{' && id.back() == '}';
  const auto at = id.find('@');
  const bool email_form = at != std::string_view::npos && at > 0 && at + 1 < id.size();
  return printable && (uuid_form || email_form);
}

AllowList::AllowList() : entries_{std::string(kBuiltInExtensionOrigin)} {}

bool AllowList::allows(std::string_view origin) const {
  return !origin.empty() && std::find(entries_.begin(), entries_.end(), origin) != entries_.end();
}

base::Result<std::vector<std::string>> parse_allow_list(std::string_view text,
                                                        const fs::path& path) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return invalid(path, "it is not a JSON object");
  std::vector<std::string> entries;
  if (auto ok = collect(doc, "allowed_origins", is_chromium_origin, path, entries); !ok)
    return ok.error();
  if (auto ok = collect(doc, "allowed_extensions", is_firefox_extension_id, path, entries); !ok)
    return ok.error();
  return entries;
}

fs::path allow_list_file(const base::AppPaths& paths) {
  return paths.config / "bridge" / "allowed-origins.json";
}

AllowList load_allow_list(const fs::path& file, std::string* problem) {
  AllowList built_in;
  std::error_code ec;
  if (!fs::exists(file, ec)) return built_in;
  auto text = base::read_file(file, kMaxAllowListSize);
  auto entries = text ? parse_allow_list(text.value(), file)
                      : base::Result<std::vector<std::string>>(text.error());
  if (!entries) {
    if (problem) *problem = entries.error().message;
    return built_in;
  }
  std::vector<std::string> all = built_in.entries();
  for (auto& entry : entries.value())
    if (std::find(all.begin(), all.end(), entry) == all.end()) all.push_back(std::move(entry));
  return AllowList(std::move(all));
}

std::string caller_origin(const std::vector<std::string>& args) {
  if (!args.empty() && args[0].rfind(kChromiumScheme, 0) == 0) return args[0];
  // Firefox: argv[1] is the path to the host manifest, argv[2] the add-on ID (MDN, "Native
  // messaging", "App side").
  if (args.size() >= 2 && args[0].size() > 5 && args[0].rfind(".json") == args[0].size() - 5)
    return args[1];
  return "";
}

}  // namespace postern::bridge
