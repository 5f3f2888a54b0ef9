#include "platform/desktop_proxy.hpp"

#include <algorithm>
#include <cctype>

#include "base/ascii.hpp"

namespace postern::platform {

namespace {

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

// '*' stands for any run of characters; everything else matches itself. Iterative, with one
// backtrack point, so a hostile pattern cannot make it exponential.
bool glob_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

bool is_simple_host(const base::UrlParts& target) {
  return !target.ipv6 && target.host.find('.') == std::string::npos;
}

bool entry_exempts(const std::string& entry, const base::UrlParts& target) {
  if (entry == "<local>") return is_simple_host(target);
  const bool only_leading_star = entry.rfind("*.", 0) == 0 && entry.find('*', 1) == entry.npos;
  if (entry.find('*') != entry.npos && entry != "*" && !only_leading_star)
    return glob_matches(entry, target.host) ||
           glob_matches(entry, target.host + ":" + std::to_string(target.port));
  return !bypass_rule_for(entry, target).empty();
}

std::string target_url_of(const base::UrlParts& target) {
  return target.scheme + "://" + base::authority_of(target) + "/";
}

// The PAC step; true when the PAC file decided the route.
bool apply_pac(const DesktopProxy& desktop, const base::UrlParts& target, const PacEvaluator& pac,
               DesktopRoute& out) {
  if (desktop.pac_url.empty()) return false;
  const std::string intro = desktop.source + " names the PAC file " + desktop.pac_url;
  if (!pac) {
    out.reasons.push_back(intro + ", but no PAC engine was given here");
    return false;
  }
  const PacAnswer answer = pac(desktop.pac_url, target_url_of(target));
  if (!answer.evaluated) {
    out.reasons.push_back(intro + "; it was not used: " + answer.problem);
    return false;
  }
  out.pac_answer = answer.returned;
  out.route.pac_url = desktop.pac_url;
  out.route.pac_answer = answer.returned;
  out.reasons.push_back(intro + "; FindProxyForURL returned \"" + answer.returned + "\"");
  const std::string& first = answer.proxies.front();
  out.route.direct = first == "direct://";
  out.route.proxy_url = out.route.direct ? "" : first;
  out.route.source = desktop.source + ", PAC file";
  if (answer.proxies.size() > 1)
    out.reasons.push_back(
        "the first choice is used; the others are fallbacks Postern does not "
        "try");
  return true;
}

// The manual proxy for the target's scheme, and its label; SOCKS covers both schemes.
std::pair<std::string, std::string> manual_entry(const DesktopProxy& desktop,
                                                 const base::UrlParts& target) {
  const bool https = target.scheme == "https" || target.scheme == "wss";
  const bool http = target.scheme == "http" || target.scheme == "ws";
  if (https && !desktop.https.empty()) return {proxy_url_of(desktop.https, "http"), "https proxy"};
  if (http && !desktop.http.empty()) return {proxy_url_of(desktop.http, "http"), "http proxy"};
  if (!desktop.socks.empty()) return {proxy_url_of(desktop.socks, "socks5h"), "SOCKS proxy"};
  return {"", ""};
}

void apply_manual(const DesktopProxy& desktop, const base::UrlParts& target, DesktopRoute& out) {
  auto [url, label] = manual_entry(desktop, target);
  if (desktop.http.empty() && desktop.https.empty() && desktop.socks.empty()) {
    out.route.source = desktop.source + " sets no proxy";
    out.reasons.push_back(out.route.source);
    return;
  }
  std::string rule = desktop_bypass_rule_for(desktop.bypass, target);
  if (rule.empty() && desktop.bypass_simple_hosts && is_simple_host(target))
    rule = "<simple host names>";
  if (desktop.bypass_reversed && rule.empty()) {
    out.route.source = desktop.source + ": " + target.host + " is not in its list of proxied hosts";
    out.reasons.push_back(out.route.source);
    return;
  }
  if (!desktop.bypass_reversed && !rule.empty()) {
    out.route.bypass_rule = rule;
    out.route.source = desktop.source + ": bypass entry \"" + rule + "\"";
    out.reasons.push_back(desktop.source + "'s bypass list has \"" + rule + "\", which matches " +
                          target.host);
    return;
  }
  if (url.empty()) {
    out.route.source = desktop.source + " sets no proxy for " + target.scheme;
    out.reasons.push_back(out.route.source);
    return;
  }
  out.route.direct = false;
  out.route.proxy_url = url;
  out.route.source = desktop.source + ", " + label;
  out.reasons.push_back(desktop.source + "'s " + label + " is " + base::redact_credentials(url));
}

}  // namespace

bool DesktopProxy::configured() const {
  return auto_detect || use_environment || !pac_url.empty() || !http.empty() || !https.empty() ||
         !socks.empty();
}

std::string proxy_url_of(std::string_view entry, std::string_view default_scheme) {
  const std::string text = trimmed(entry);
  if (text.find("://") != std::string::npos) return text;
  return std::string(default_scheme) + "://" + text;
}

std::string desktop_bypass_rule_for(const std::vector<std::string>& entries,
                                    const base::UrlParts& target) {
  for (const auto& raw : entries) {
    const std::string entry = base::ascii_lower(trimmed(raw));
    if (!entry.empty() && entry_exempts(entry, target)) return entry;
  }
  return "";
}

DesktopRoute desktop_proxy_for(const DesktopProxy& desktop, const base::UrlParts& target,
                               const PacEvaluator& pac) {
  DesktopRoute out;
  if (apply_pac(desktop, target, pac, out)) return out;
  if (desktop.auto_detect)
    out.reasons.push_back(desktop.source +
                          " asks to detect a PAC file on the network (WPAD), which Postern does "
                          "not do; set the PAC file's URL instead");
  if (desktop.use_environment) {
    out.uses_environment = true;
    out.route.source = desktop.source + " defers to the environment variables";
    out.reasons.push_back(out.route.source);
    return out;
  }
  apply_manual(desktop, target, out);
  return out;
}

}  // namespace postern::platform
