#include "runtime/proxy/connection_header.hpp"

#include <algorithm>

#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view entry) { return iequals(entry, name); });
}

void read_options(const HeaderFields& fields, std::string_view name, ConnectionOptions& out) {
  for (const auto& field : fields) {
    if (!iequals(field.name, name)) continue;
    for_each_list_element(field.value, [&](std::string_view element) {
      if (iequals(element, "close")) out.close = true;
      if (iequals(element, "keep-alive")) out.keep_alive = true;
      if (iequals(element, "upgrade")) out.upgrade = true;
      const bool seen =
          std::any_of(out.tokens.begin(), out.tokens.end(),
                      [&](const std::string& token) { return iequals(token, element); });
      if (!seen) out.tokens.push_back(to_lower(element));
    });
  }
}

}  // namespace

ConnectionOptions parse_connection_options(const HeaderFields& fields) {
  ConnectionOptions options;
  read_options(fields, "Connection", options);
  read_options(fields, "Proxy-Connection", options);
  return options;
}

bool is_hop_by_hop(std::string_view name, const ConnectionOptions& options) {
  if (listed(kHopByHopFields, name)) return true;
  if (listed(kFramingFields, name)) return false;
  return std::any_of(options.tokens.begin(), options.tokens.end(),
                     [&](const std::string& token) { return iequals(token, name); });
}

bool keeps_alive(const HttpVersion& version, const ConnectionOptions& options) {
  if (options.close) return false;
  return version.at_least_1_1() || options.keep_alive;
}

std::vector<std::string> upgrade_protocols(const HeaderFields& fields) {
  std::vector<std::string> protocols;
  if (!parse_connection_options(fields).upgrade) return protocols;
  for (std::string_view value : fields.get_all("Upgrade"))
    for (std::string_view element : split_list(value))
      protocols.emplace_back(element);
  return protocols;
}

bool is_websocket_upgrade(const RequestHead& request) {
  if (request.method != "GET" || !request.version.at_least_1_1()) return false;
  const auto protocols = upgrade_protocols(request.fields);
  return std::any_of(protocols.begin(), protocols.end(), [](const std::string& protocol) {
    // "websocket" may carry a version ("websocket/13" is not used, but the rule allows it).
    const std::string_view name = std::string_view(protocol).substr(0, protocol.find('/'));
    return iequals(name, "websocket");
  });
}

}  // namespace postern::proxy
