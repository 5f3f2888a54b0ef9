#include "cli/cookie_views.hpp"

#include <ostream>
#include <string>

#include "cli/human_units.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/json_view.hpp"

namespace postern::cli {

using control_client::flag_at;
using control_client::integer_at;
using control_client::list_at;
using control_client::scalar_at;
using control_client::scalar_text;
using control_client::text_at;

using nlohmann::json;

namespace {

// Values can be long tokens; the table shows their start, --json the whole value.
constexpr std::size_t kMaxValueShown = 40;

std::string flags(const json& cookie) {
  std::string text;
  auto add = [&text](const std::string& flag) { text += (text.empty() ? "" : " ") + flag; };
  if (flag_at(cookie, "secure")) add("secure");
  if (flag_at(cookie, "http_only")) add("httponly");
  if (flag_at(cookie, "host_only")) add("host-only");
  if (const auto same_site = text_at(cookie, "same_site"); !same_site.empty())
    add("samesite=" + same_site);
  return text;
}

std::string expiry(const json& cookie) {
  const std::string expires = text_at(cookie, "expires");
  return expires.empty() ? "session" : date_time(expires);
}

}  // namespace

void print_cookie_jar(std::ostream& out, const json& jar) {
  const json& cookies = list_at(jar, "cookies");
  if (cookies.empty()) {
    out << "the cookie jar is empty\n";
    return;
  }
  TextTable table({"DOMAIN", "PATH", "NAME", "VALUE", "EXPIRES (UTC)", "FLAGS"});
  for (const auto& cookie : cookies)
    table.add_row({text_at(cookie, "domain"), text_at(cookie, "path"), text_at(cookie, "name"),
                   clip(text_at(cookie, "value"), kMaxValueShown), expiry(cookie), flags(cookie)});
  table.print(out);
  out << cookies.size() << (cookies.size() == 1 ? " cookie\n" : " cookies\n");
}

void print_cookie_added(std::ostream& out, const json& cookie) {
  out << "added cookie " << printable(text_at(cookie, "name")) << " for "
      << printable(text_at(cookie, "domain")) << printable(text_at(cookie, "path", "/"))
      << " (expires " << expiry(cookie) << ")\n";
}

void print_cookies_removed(std::ostream& out, const json& result) {
  const auto removed = integer_at(result, "removed");
  out << "removed " << removed << (removed == 1 ? " cookie\n" : " cookies\n");
}

void print_cookie_import(std::ostream& out, const json& result) {
  out << "imported " << integer_at(result, "imported") << " cookies\n";
  for (const auto& refused : list_at(result, "refused")) {
    if (refused.is_object()) {
      out << "  refused " << printable(clip(scalar_at(refused, "line", ""), 60)) << ": "
          << printable(text_at(refused, "reason")) << "\n";
    } else {
      out << "  refused " << printable(clip(scalar_text(refused, "?"), 60)) << "\n";
    }
  }
}

}  // namespace postern::cli
