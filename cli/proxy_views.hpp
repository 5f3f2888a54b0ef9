#pragma once
// The proxy settings and decisions for people and for --json (`postern proxy show | explain`).
// Passwords never appear: a set password is "***", and proxy URLs have theirs redacted.

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "base/environment.hpp"
#include "platform/desktop_proxy.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::cli {

/// The "proxy" section as settings.json holds it, with each password "***" (or "" when unset).
nlohmann::json redacted_settings_json(const requester::ProxySettings& settings);

/// The proxy variables set in `env` ({"https_proxy": "http://user:***@host:1", ...}).
nlohmann::json proxy_environment_json(const base::Environment& env);

/// What a desktop says: {"source","problem","auto_detect","pac_url","http",...}, redacted.
nlohmann::json desktop_json(const platform::DesktopProxy& desktop);

/// {"url","direct","proxy","setting","bypass_entry","pac_url","pac_answer","credentials":
/// {"username","from"},"reasons":[...]} for one explained URL.
nlohmann::json explanation_json(const std::string& url, const requester::ResolvedProxy& resolved);

/// `postern proxy show`: the settings, then what the environment and the desktop say.
void print_proxy_show(std::ostream& out, const nlohmann::json& show);

/// `postern proxy explain URL`: where it goes, then why, step by step.
void print_proxy_explanation(std::ostream& out, const nlohmann::json& explanation);

}  // namespace postern::cli
