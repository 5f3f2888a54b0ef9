#include "cli/runtime_views.hpp"

#include <ostream>

#include "cli/human_units.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/json_view.hpp"
#include "runtime/control/client/runtime_status.hpp"

namespace postern::cli {

using control_client::flag_at;
using control_client::integer_at;
using control_client::object_at;
using control_client::proxy_addresses;
using control_client::proxy_listening;
using control_client::text_at;

using nlohmann::json;

namespace {

// "not listening: <message>; <remedy> [CODE]" when the runtime says why.
std::string not_listening(const json& proxy) {
  const json& error = object_at(proxy, "error");
  std::string line = "not listening";
  if (const auto message = text_at(error, "message"); !message.empty())
    line += ": " + printable(message);
  if (const auto remedy = text_at(error, "remedy"); !remedy.empty())
    line += "; " + printable(remedy);
  if (const auto code = text_at(error, "code"); !code.empty()) line += " [" + printable(code) + "]";
  return line;
}

void print_proxy(std::ostream& out, const json& status) {
  const json& proxy = object_at(status, "proxy");
  const auto addresses = proxy_addresses(status);
  if (!proxy_listening(status)) {
    out << "proxy      " << not_listening(proxy) << "\n";
    return;
  }
  for (std::size_t i = 0; i < addresses.size(); ++i)
    out << (i == 0 ? "proxy      " : "           ") << printable(addresses[i]) << "\n";
  out << "lan        "
      << (flag_at(proxy, "lan") ? "yes: other devices on the network may use the proxy"
                                : "no: this machine only")
      << "\n";
  const std::string ca = text_at(proxy, "ca_file");
  if (flag_at(proxy, "intercept")) {
    out << "https      intercepted; clients must trust "
        << (ca.empty() ? "the proxy CA" : printable(ca)) << "\n";
  } else {
    out << "https      tunnelled, not intercepted";
    if (const auto why = text_at(proxy, "intercept_off_reason"); !why.empty())
      out << ": " << printable(why);
    out << "\n";
  }
}

}  // namespace

void print_runtime_status(std::ostream& out, const json& status) {
  out << "postern-runtime " << printable(text_at(status, "runtime_version", "?")) << ", pid "
      << integer_at(status, "pid") << ", up "
      << human_duration(integer_at(status, "uptime_s") * 1000) << " (since "
      << date_time(text_at(status, "started_at")) << " UTC)\n";
  print_proxy(out, status);
  out << "clients    " << integer_at(status, "socket_clients") << " on the local socket\n";
}

void print_runtime_started(std::ostream& out, const json& status, bool was_running) {
  out << (was_running ? "postern-runtime is already running (pid "
                      : "started postern-runtime (pid ")
      << integer_at(status, "pid") << ")\n";
  const auto addresses = proxy_addresses(status);
  if (!proxy_listening(status)) {
    out << "the capture proxy is " << not_listening(object_at(status, "proxy")) << "\n";
    return;
  }
  out << "capture proxy: ";
  for (std::size_t i = 0; i < addresses.size(); ++i)
    out << (i == 0 ? "" : ", ") << "http://" << printable(addresses[i]);
  out << "\npoint HTTP clients at it, e.g. HTTPS_PROXY=http://" << printable(addresses.front())
      << "\n";
}

}  // namespace postern::cli
