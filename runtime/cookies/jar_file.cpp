#include "runtime/cookies/jar_file.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/files.hpp"
#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/cookie_jar.hpp"
#include "runtime/cookies/errc.hpp"

namespace postern::cookies {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kFormat = "postern-cookie-jar";
// kMaxCookies cookies of at most 4 KiB plus attributes come to about 15 MiB.
constexpr std::size_t kMaxFileBytes = 32 * 1024 * 1024;

base::Error corrupt(const fs::path& source, const std::string& why) {
  return base::Error{make_error_code(errc::jar_file_corrupt),
                     source.string() + " is not a valid cookie jar (" + why +
                         "); it was left as it is and no cookies were loaded from it",
                     "move it aside (mv " + source.string() + " " + source.string() +
                         ".broken) and restart the runtime; its cookies are then lost"};
}

// JSON strings must be UTF-8, but cookie values are bytes. Values that are not UTF-8 are kept
// exactly as {"hex": "..."} rather than mangled.
json text_to_json(const std::string& text) {
  if (ascii::valid_utf8(text)) return text;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (char c : text) {
    hex += kHex[static_cast<unsigned char>(c) >> 4];
    hex += kHex[static_cast<unsigned char>(c) & 0x0F];
  }
  return json{{"hex", hex}};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  throw std::invalid_argument("a \"hex\" string has a character that is not a hex digit");
}

std::string text_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) throw std::invalid_argument(std::string("no \"") + key + "\"");
  if (it->is_string()) return it->get<std::string>();
  auto hex = it->is_object() ? it->find("hex") : it->end();
  if (!it->is_object() || hex == it->end() || !hex->is_string() ||
      hex->get_ref<const std::string&>().size() % 2 != 0)
    throw std::invalid_argument(std::string("\"") + key + "\" is not a string");
  const auto& digits = hex->get_ref<const std::string&>();
  std::string bytes;
  for (std::size_t i = 0; i < digits.size(); i += 2)
    bytes += static_cast<char>(hex_digit(digits[i]) * 16 + hex_digit(digits[i + 1]));
  return bytes;
}

bool flag_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_boolean())
    throw std::invalid_argument(std::string("\"") + key + "\" is not true or false");
  return it->get<bool>();
}

Time time_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer())
    throw std::invalid_argument(std::string("\"") + key + "\" is not a whole number of seconds");
  return Time{std::chrono::seconds{it->get<std::int64_t>()}};
}

Cookie cookie_from(const json& object) {
  if (!object.is_object()) throw std::invalid_argument("a cookie is not an object");
  Cookie cookie;
  cookie.name = text_field(object, "name");
  cookie.value = text_field(object, "value");
  cookie.domain = text_field(object, "domain");
  cookie.path = text_field(object, "path");
  cookie.host_only = flag_field(object, "host_only");
  cookie.secure = flag_field(object, "secure");
  cookie.http_only = flag_field(object, "http_only");
  auto same_site = same_site_from_string(text_field(object, "same_site"));
  if (!same_site) throw std::invalid_argument("\"same_site\" is not a known value");
  cookie.same_site = *same_site;
  cookie.expires = time_field(object, "expires");
  cookie.created = time_field(object, "created");
  cookie.last_access = time_field(object, "last_access");
  if (cookie.domain.empty() || !cookie.path.starts_with('/'))
    throw std::invalid_argument("a cookie has no domain or a path without '/'");
  return cookie;
}

json to_json(const Cookie& cookie) {
  const auto seconds = [](Time t) { return t.time_since_epoch().count(); };
  return {{"name", text_to_json(cookie.name)},
          {"value", text_to_json(cookie.value)},
          {"domain", text_to_json(cookie.domain)},
          {"path", text_to_json(cookie.path)},
          {"host_only", cookie.host_only},
          {"secure", cookie.secure},
          {"http_only", cookie.http_only},
          {"same_site", to_string(cookie.same_site)},
          {"expires", seconds(cookie.expires.value_or(Time{}))},
          {"created", seconds(cookie.created)},
          {"last_access", seconds(cookie.last_access)}};
}

}  // namespace

fs::path cookie_jar_file(const fs::path& data_dir) {
  return data_dir / "cookies.json";
}

base::Result<CookieJarFile> CookieJarFile::open(const fs::path& file) {
  CookieJarFile opened;
  opened.file_ = file;
  std::error_code ec;
  if (!fs::exists(file, ec)) return opened;
  auto text = base::read_file(file, kMaxFileBytes);
  if (!text) return text.error();
  auto cookies = parse(text.value(), file);
  if (!cookies) return cookies.error();
  opened.cookies_ = std::move(cookies).value();
  return opened;
}

base::Result<std::vector<Cookie>> CookieJarFile::parse(std::string_view text,
                                                       const fs::path& source) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return corrupt(source, "not JSON");
  // Check types before reading: json::value() throws when a key holds another type.
  auto format = document.is_object() ? document.find("format") : document.end();
  if (!document.is_object() || format == document.end() || !format->is_string() ||
      format->get<std::string>() != kFormat)
    return corrupt(source, "not a Postern cookie jar");
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer())
    return corrupt(source, "no version");
  if (version->get<std::int64_t>() > kVersion) {
    return base::Error{make_error_code(errc::jar_file_newer_version),
                       source.string() + " was written by a newer Postern (format " +
                           std::to_string(version->get<std::int64_t>()) +
                           "); it was left as it is and no cookies were loaded from it",
                       "run the newer Postern, or update this one"};
  }
  auto list = document.find("cookies");
  if (list == document.end() || !list->is_array()) return corrupt(source, "no cookies list");
  std::vector<Cookie> cookies;
  try {
    for (const auto& item : *list)
      cookies.push_back(cookie_from(item));
  } catch (const std::exception& e) {
    return corrupt(source, e.what());
  }
  return cookies;
}

std::string CookieJarFile::serialise(const std::vector<Cookie>& cookies) {
  json list = json::array();
  for (const Cookie& cookie : cookies)
    if (cookie.persistent()) list.push_back(to_json(cookie));
  json document = {{"format", kFormat}, {"version", kVersion}, {"cookies", list}};
  return document.dump(2) + "\n";
}

base::Result<base::Ok> CookieJarFile::save(const CookieJar& jar) const {
  // 0600: cookies are credentials for the sites that set them.
  auto written =
      base::write_file_atomically(file_, serialise(jar.persistent()), base::FileMode::owner_only);
  if (!written) {
    auto error = written.error();
    error.message = "cannot save the cookie jar: " + error.message;
    return error;
  }
  return base::Ok{};
}

}  // namespace postern::cookies
