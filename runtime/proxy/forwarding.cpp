#include "runtime/proxy/forwarding.hpp"

#include <string>
#include <utility>

#include "runtime/proxy/connection_header.hpp"
#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

// Copies the end-to-end fields of `in` to `out`, with Upgrade kept when `keep_upgrade`.
void copy_end_to_end(const HeaderFields& in, bool keep_upgrade, HeaderFields& out) {
  const ConnectionOptions options = parse_connection_options(in);
  for (const auto& field : in) {
    const bool upgrade = iequals(field.name, "Upgrade");
    if (upgrade ? !keep_upgrade : is_hop_by_hop(field.name, options)) continue;
    out.add(field.name, field.value);
  }
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
  const bool upgrade = options.keep_upgrade && parse_connection_options(client.fields).upgrade &&
                       client.fields.contains("Upgrade");
  copy_end_to_end(client.fields, upgrade, out.fields);
  if (client.target.form == TargetForm::absolute) {
    out.target.form = TargetForm::origin;
    out.target.text = client.target.path_and_query;
    // RFC 9112 §3.2.2: the proxy MUST ignore the received Host and use the target's authority.
    // The field keeps its place and spelling, so the capture still lines up with what was sent.
    bool replaced = false;
    HeaderFields fields;
    for (const auto& field : out.fields) {
      if (!iequals(field.name, "Host")) {
        fields.add(field.name, field.value);
      } else if (!replaced) {
        fields.add(field.name, client.target.authority);
        replaced = true;
      }
    }
    if (!replaced) fields.add_front("Host", client.target.authority);
    out.fields = std::move(fields);
  }
  add_connection(upgrade, options, out.fields);
  return out;
}

ResponseHead downstream_response(const ResponseHead& upstream, const ForwardOptions& options) {
  ResponseHead out;
  out.version = upstream.version;
  out.status = upstream.status;
  out.reason = upstream.reason;
  const bool upgrade = options.keep_upgrade && upstream.status == 101 &&
                       parse_connection_options(upstream.fields).upgrade &&
                       upstream.fields.contains("Upgrade");
  copy_end_to_end(upstream.fields, upgrade, out.fields);
  add_connection(upgrade, options, out.fields);
  return out;
}

}  // namespace postern::proxy
