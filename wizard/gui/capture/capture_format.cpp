#include "wizard/gui/capture/capture_format.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

// What the detail pane shows of a body at most: a pane of megabytes helps no one and costs
// the UI thread its layout time.
constexpr std::size_t kShownBodyBytes = 64 * 1024;

wxString body_text(const cc::Body& body) {
  if (!body.omitted_reason.empty()) return text::capture_body_omitted(body.omitted_reason);
  if (body.size == 0) return text::capture_body_empty();
  if (!body.text) return text::capture_body_binary(human_size(body.size));
  wxString out = wxString::FromUTF8(body.bytes.substr(0, kShownBodyBytes));
  if (body.truncated || body.bytes.size() > kShownBodyBytes)
    out << "\n" << text::capture_body_cut(human_size(body.size));
  return out;
}

void append_headers(wxString& out, const std::vector<cc::Header>& headers) {
  for (const auto& header : headers)
    out << wxString::FromUTF8(header.name) << ": " << wxString::FromUTF8(header.value) << "\n";
}

}  // namespace

wxString human_size(std::int64_t bytes) {
  if (bytes < 1024)
    return wxString::Format("%lld %s", static_cast<long long>(bytes), text::unit_bytes());
  const wxString units[] = {text::unit_kb(), text::unit_mb(), text::unit_gb()};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  return wxString::Format("%.1f %s", value, units[unit]);
}

wxString clock_duration(std::int64_t ms) {
  const long long seconds = std::max<std::int64_t>(ms, 0) / 1000;
  return wxString::Format("%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::optional<std::int64_t> iso_to_ms(const std::string& iso) {
  std::tm parts{};
  int millis = 0;
  int used = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &parts.tm_year, &parts.tm_mon,
                  &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &used) != 6)
    return std::nullopt;
  std::size_t at = static_cast<std::size_t>(used);
  if (at < iso.size() && iso[at] == '.') {
    int digits = 0;
    for (++at; at < iso.size() && std::isdigit(static_cast<unsigned char>(iso[at])); ++at)
      if (digits++ < 3) millis = millis * 10 + (iso[at] - '0');
    for (; digits < 3; ++digits)
      millis *= 10;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  const std::time_t seconds = ::timegm(&parts);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<std::int64_t>(seconds) * 1000 + millis;
}

wxString local_time(const std::string& iso) {
  const auto ms = iso_to_ms(iso);
  if (!ms) return wxString::FromUTF8(iso);
  const std::time_t seconds = static_cast<std::time_t>(*ms / 1000);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &local);
  return buffer;
}

wxString exchange_status(const cc::ExchangeSummary& exchange) {
  if (exchange.status) return wxString::Format("%lld", static_cast<long long>(*exchange.status));
  if (!exchange.error.empty()) return wxString::FromUTF8(exchange.error);
  return text::dash();
}

wxString exchange_duration(const cc::ExchangeSummary& exchange) {
  const auto start = iso_to_ms(exchange.started_at);
  const auto end = iso_to_ms(exchange.ended_at);
  if (!start || !end) return text::dash();
  return text::duration_ms(std::max<std::int64_t>(*end - *start, 0));
}

std::int64_t exchange_bytes(const cc::ExchangeSummary& exchange) {
  return exchange.request_size + exchange.response_size;
}

wxString exchange_detail(const cc::Exchange& exchange) {
  const auto& summary = exchange.summary;
  wxString out;
  out << text::detail_request() << "\n"
      << wxString::FromUTF8(summary.method) << " " << wxString::FromUTF8(summary.url) << " "
      << wxString::FromUTF8(exchange.http_version) << "\n";
  append_headers(out, exchange.request_headers);
  out << "\n" << body_text(exchange.request_body) << "\n\n" << text::detail_response() << "\n";
  if (!summary.status) {
    out << text::detail_no_response(wxString::FromUTF8(summary.error)) << "\n";
    return out;
  }
  out << exchange_status(summary) << " " << wxString::FromUTF8(exchange.reason) << "\n";
  append_headers(out, exchange.response_headers);
  if (exchange.response_body) out << "\n" << body_text(*exchange.response_body) << "\n";
  return out;
}

wxString session_state_name(cc::SessionState state) {
  switch (state) {
    case cc::SessionState::running:
      return text::state_running();
    case cc::SessionState::paused:
      return text::state_paused();
    case cc::SessionState::stopped:
      break;
  }
  return text::state_stopped();
}

wxString session_facts(const cc::Session& session) {
  return text::session_facts(local_time(session.started_at), clock_duration(session.duration_ms),
                             session.exchange_count, human_size(session.total_bytes),
                             wxString::FromUTF8(session.source));
}

bool url_matches(const std::string& url, const std::string& search) {
  if (search.empty()) return true;
  const auto found =
      std::search(url.begin(), url.end(), search.begin(), search.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      });
  return found != url.end();
}

}  // namespace postern::gui
