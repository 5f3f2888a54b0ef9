#include "runtime/proxy/forwarding.hpp"

#include <optional>
#include <string>
#include <utility>

#include "runtime/proxy/connection_header.hpp"
#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

// Copies the end-to-end fields of `in` to `out`, with Upgrade kept when `keep_upgrade`, and the
// value of the first Host field replaced by `host` when one is given (later Host fields go).
// One pass and one allocation for the list: this runs twice for every exchange.
void copy_end_to_end(const HeaderFields& in, const ConnectionOptions& options, bool keep_upgrade,
                     HeaderFields& out, std::optional<std::string_view> host = std::nullopt) {
  out.reserve(in.size() + 2);
  bool host_written = false;
  for (const auto& field : in) {
    const bool upgrade = iequals(field.name, "Upgrade");
    if (upgrade ? !keep_upgrade : is_hop_by_hop(field.name, options)) continue;
    if (host && iequals(field.name, "Host")) {
      if (!host_written) out.add(field.name, *host);
      host_written = true;
      continue;
    }
    out.add(field.name, field.value);
  }
  if (host && !host_written) out.add_front("Host", *host);
}

void add_connection(bool upgrade, const ForwardOptions& options, HeaderFields& out) {
  std::string value;
  if (upgrade) value = "upgrade";
  if (options.close || options.announce_keep_alive) {
    if (!value.empty()) value += ", ";
    value += options.close ? "close" : "keep-alive";
  }
  if (!value.empty()) out.add("Connection", value);
}

}  // namespace

RequestHead upstream_request(const RequestHead& client, const ForwardOptions& options) {
  RequestHead out;
  out.method = client.method;
  out.version = client.version;
  out.target = client.target;
  const ConnectionOptions connection = parse_connection_options(client.fields);
  const bool upgrade =
      options.keep_upgrade && connection.upgrade && client.fields.contains("Upgrade");
  std::optional<std::string_view> host;
  if (client.target.form == TargetForm::absolute) {
    out.target.form = TargetForm::origin;
    out.target.text = client.target.path_and_query;
    // RFC 9112 §3.2.2: the proxy MUST ignore the received Host and use the target's authority.
    // The field keeps its place and spelling, so the capture still lines up with what was sent.
    host = client.target.authority;
  }
  copy_end_to_end(client.fields, connection, upgrade, out.fields, host);
  add_connection(upgrade, options, out.fields);
  return out;
}

ResponseHead downstream_response(const ResponseHead& upstream, const ForwardOptions& options) {
  ResponseHead out;
  out.version = upstream.version;
  out.status = upstream.status;
  out.reason = upstream.reason;
  const ConnectionOptions connection = parse_connection_options(upstream.fields);
  const bool upgrade = options.keep_upgrade && upstream.status == 101 && connection.upgrade &&
                       upstream.fields.contains("Upgrade");
  copy_end_to_end(upstream.fields, connection, upgrade, out.fields);
  add_connection(upgrade, options, out.fields);
  return out;
}

}  // namespace postern::proxy
