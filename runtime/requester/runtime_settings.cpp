#include "runtime/requester/runtime_settings.hpp"

#include <fstream>
#include <sstream>

#include "base/app_paths.hpp"
#include "runtime/requester/json_fields.hpp"

namespace postern::requester {

namespace {

namespace fs = std::filesystem;

// Big enough for any hand-written settings file; a larger one is a mistake, not settings.
constexpr std::uintmax_t kMaxSettingsBytes = 1024 * 1024;

base::Error problem(const std::string& origin, const std::string& what) {
  return base::Error{std::make_error_code(std::errc::invalid_argument), origin + ": " + what,
                     "fix or delete " + origin +
                         " (docs/settings.md describes each field); "
                         "Postern never rewrites it"};
}

}  // namespace

fs::path settings_file(const fs::path& config_dir) {
  return base::AppPaths{config_dir, {}, {}}.settings_file();
}

base::Result<RuntimeSettings> parse_runtime_settings(std::string_view text,
                                                     const std::string& origin) {
  auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return problem(origin, "is not valid JSON");
  RuntimeSettings settings;
  JsonFields fields(document, "");
  auto connectivity = fields.object("connectivity");
  connectivity.read("url", settings.connectivity.url);
  long long timeout_ms = settings.connectivity.timeout.count();
  connectivity.read("timeout_ms", timeout_ms);
  if (!fields.error().empty()) return problem(origin, fields.error());
  if (auto url = base::parse_url(settings.connectivity.url); !url)
    return problem(origin, connectivity.path_of("url") + ": " + url.error().message);
  if (timeout_ms < 100 || timeout_ms > 120000)
    return problem(origin, connectivity.path_of("timeout_ms") + " must be from 100 to 120000");
  settings.connectivity.timeout = std::chrono::milliseconds(timeout_ms);
  if (document.contains("proxy")) {
    auto proxy = proxy_settings_from_json(document["proxy"]);
    if (!proxy) return problem(origin, proxy.error().message);
    settings.proxy = std::move(proxy).value();
  }
  return settings;
}

base::Result<RuntimeSettings> load_runtime_settings(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec) && !ec) return RuntimeSettings{};
  const auto size = fs::file_size(file, ec);
  if (ec) return problem(file.string(), "cannot be read (" + ec.message() + ")");
  if (size > kMaxSettingsBytes) return problem(file.string(), "is larger than 1 MiB");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return problem(file.string(), "cannot be read");
  return parse_runtime_settings(text.str(), file.string());
}

}  // namespace postern::requester
