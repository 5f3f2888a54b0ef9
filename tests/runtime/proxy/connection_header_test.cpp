#include "runtime/proxy/connection_header.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;

namespace {

HeaderFields fields_of(std::initializer_list<std::pair<const char*, const char*>> list) {
  HeaderFields fields;
  for (const auto& [name, value] : list)
    fields.add(name, value);
  return fields;
}

RequestHead websocket_request() {
  RequestHead request;
  request.method = "GET";
  request.fields = fields_of({{"Host", "h"},
                              {"Upgrade", "websocket"},
                              {"Connection", "Upgrade"},
                              {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
  return request;
}

}  // namespace

TEST_CASE("Connection options are read from every Connection field", "[proxy][connection]") {
  auto options = parse_connection_options(
      fields_of({{"Connection", "Keep-Alive, X-Custom"}, {"connection", "UPGRADE, x-custom"}}));
  CHECK(options.keep_alive);
  CHECK(options.upgrade);
  CHECK_FALSE(options.close);
  CHECK(options.tokens == std::vector<std::string>{"keep-alive", "x-custom", "upgrade"});
  auto legacy = parse_connection_options(fields_of({{"Proxy-Connection", "close"}}));
  CHECK(legacy.close);
  CHECK(parse_connection_options(HeaderFields()).tokens.empty());
}

TEST_CASE("hop-by-hop fields: the standard ones and those Connection names",
          "[proxy][connection]") {
  auto options = parse_connection_options(
      fields_of({{"Connection", "X-Secret, Content-Length, transfer-encoding, HOST"}}));
  for (const char* name : {"Connection", "proxy-connection", "Keep-Alive", "TE", "Upgrade",
                           "Proxy-Authorization", "x-secret"})
    CHECK(is_hop_by_hop(name, options));
  // Naming the framing fields or Host in Connection must not strip them: the upstream would
  // read another body length than the proxy did.
  for (const char* name : {"Content-Length", "Transfer-Encoding", "Host", "Cookie"})
    CHECK_FALSE(is_hop_by_hop(name, options));
}

TEST_CASE("keep-alive defaults differ between HTTP/1.0 and 1.1", "[proxy][connection]") {
  const ConnectionOptions none;
  ConnectionOptions close;
  close.close = true;
  ConnectionOptions keep;
  keep.keep_alive = true;
  CHECK(keeps_alive({1, 1}, none));
  CHECK_FALSE(keeps_alive({1, 1}, close));
  CHECK_FALSE(keeps_alive({1, 0}, none));
  CHECK(keeps_alive({1, 0}, keep));
  keep.close = true;
  CHECK_FALSE(keeps_alive({1, 0}, keep));  // close wins
}

TEST_CASE("upgrades count only when Connection lists upgrade", "[proxy][connection]") {
  CHECK(upgrade_protocols(fields_of({{"Upgrade", "h2c, websocket"}, {"Connection", "upgrade"}})) ==
        std::vector<std::string>{"h2c", "websocket"});
  CHECK(upgrade_protocols(fields_of({{"Upgrade", "websocket"}})).empty());
  CHECK(is_websocket_upgrade(websocket_request()));
  RequestHead odd_case = websocket_request();
  odd_case.fields = fields_of({{"upgrade", "WebSocket"}, {"CONNECTION", "keep-alive, Upgrade"}});
  CHECK(is_websocket_upgrade(odd_case));
  RequestHead post = websocket_request();
  post.method = "POST";
  CHECK_FALSE(is_websocket_upgrade(post));
  RequestHead old = websocket_request();
  old.version = {1, 0};
  CHECK_FALSE(is_websocket_upgrade(old));
  RequestHead h2c = websocket_request();
  h2c.fields = fields_of({{"Upgrade", "h2c"}, {"Connection", "Upgrade, HTTP2-Settings"}});
  CHECK_FALSE(is_websocket_upgrade(h2c));
}
