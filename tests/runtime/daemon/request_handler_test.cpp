// The runtime socket's answers as transcripts, without sockets (practice 13: the handler does
// no I/O). Every message of docs/runtime-socket.md, and the damaged ones.
#include "runtime/daemon/request_handler.hpp"

#include <catch2/catch.hpp>

using namespace postern::daemon;
using nlohmann::json;

namespace {

RuntimeFacts fixed_facts() {
  RuntimeFacts facts;
  facts.pid = 4242;
  facts.started_at = "2024-05-01T12:00:00Z";
  facts.uptime_s = 17;
  facts.clients = 3;
  return facts;
}

struct Transcript {
  RequestHandler handler{fixed_facts};
  SessionState state;
  Reply say(const json& message) { return handler.handle(message, state); }
  json only(const json& message) {
    Reply reply = say(message);
    REQUIRE(reply.messages.size() == 1);
    return reply.messages[0];
  }
};

json hello(const std::string& client, json protocol = 1) {
  return {{"type", "hello"}, {"client", client}, {"protocol", protocol}};
}

}  // namespace

TEST_CASE("hello is answered with the runtime's identity", "[daemon][handler]") {
  Transcript t;
  Reply reply = t.say(hello("bridge"));
  REQUIRE(reply.messages.size() == 1);
  const json& ack = reply.messages[0];
  CHECK(ack["type"] == "hello_ack");
  CHECK(ack["protocol"] == 1);
  CHECK(ack["runtime_version"] == std::string(runtime_version()));
  CHECK(ack["runtime_version"] == "0.1.0");
  CHECK(ack["pid"] == 4242);
  CHECK(ack["started_at"] == "2024-05-01T12:00:00Z");
  CHECK_FALSE(ack.contains("id"));
  CHECK(t.state.client == ClientKind::bridge);
  CHECK(reply.log == "hello from a bridge client");
  CHECK_FALSE(reply.close);
  CHECK_FALSE(reply.shutdown);
}

TEST_CASE("a newer client is answered in protocol 1; an id is echoed", "[daemon][handler]") {
  Transcript t;
  json request = hello("cli", 7);
  request["id"] = "h1";
  json ack = t.only(request);
  CHECK(ack["protocol"] == 1);
  CHECK(ack["id"] == "h1");
  CHECK(t.state.client == ClientKind::cli);
}

TEST_CASE("a bad hello names the field and leaves the client anonymous", "[daemon][handler]") {
  Transcript t;
  CHECK(t.only(hello("browser"))["code"] == "MESSAGE_INVALID");
  CHECK(t.only({{"type", "hello"}, {"client", "cli"}})["code"] == "MESSAGE_INVALID");
  CHECK(t.only(hello("cli", "1"))["code"] == "MESSAGE_INVALID");
  CHECK(t.only(hello("cli", 0))["code"] == "PROTOCOL_UNSUPPORTED");
  CHECK(t.only(hello("cli", -3))["code"] == "PROTOCOL_UNSUPPORTED");
  CHECK(t.state.client == ClientKind::none);
}

TEST_CASE("requests before hello get HELLO_REQUIRED with the request id", "[daemon][handler]") {
  Transcript t;
  for (const char* type : {"status.get", "runtime.relay", "shutdown", "nonsense"}) {
    json error = t.only({{"type", type}, {"id", 5}});
    CHECK(error["type"] == "error");
    CHECK(error["code"] == "HELLO_REQUIRED");
    CHECK(error["in_reply_to"] == 5);
  }
}

TEST_CASE("status.get reports uptime, clients and identity", "[daemon][handler]") {
  Transcript t;
  t.say(hello("cli"));
  json status = t.only({{"type", "status.get"}, {"id", 9}});
  CHECK(status["type"] == "status");
  CHECK(status["id"] == 9);
  CHECK(status["uptime_s"] == 17);
  CHECK(status["clients"] == 3);
  CHECK(status["pid"] == 4242);
  CHECK(status["runtime_version"] == "0.1.0");
}

TEST_CASE("every relayed type is acknowledged with its id and type", "[daemon][handler]") {
  Transcript t;
  t.say(hello("bridge"));
  for (const char* type :
       {"runtime.relay", "capture.request", "capture.response", "cookies.sync"}) {
    json ack = t.only({{"type", type}, {"id", std::string("r-") + type}, {"payload", {{"a", 1}}}});
    CHECK(ack["type"] == "relay_ack");
    CHECK(ack["id"] == std::string("r-") + type);
    CHECK(ack["of"] == type);
  }
  json without_id = t.only({{"type", "runtime.relay"}, {"payload", nullptr}});
  CHECK_FALSE(without_id.contains("id"));
}

TEST_CASE("only a cli client may stop the runtime", "[daemon][handler]") {
  Transcript bridge;
  bridge.say(hello("bridge"));
  Reply refused = bridge.say({{"type", "shutdown"}, {"id", 1}});
  REQUIRE(refused.messages.size() == 1);
  CHECK(refused.messages[0]["code"] == "REQUEST_NOT_ALLOWED");
  CHECK_FALSE(refused.shutdown);

  Transcript cli;
  cli.say(hello("cli"));
  Reply stop = cli.say({{"type", "shutdown"}, {"id", 2}});
  REQUIRE(stop.messages.size() == 1);
  CHECK(stop.messages[0]["type"] == "shutdown_ack");
  CHECK(stop.messages[0]["id"] == 2);
  CHECK(stop.shutdown);
  CHECK_FALSE(stop.log.empty());
}

TEST_CASE("unknown types and non-messages are named, not fatal", "[daemon][handler]") {
  Transcript t;
  t.say(hello("cli"));
  json unknown = t.only({{"type", "teleport"}, {"id", "x"}});
  CHECK(unknown["code"] == "MESSAGE_UNKNOWN");
  CHECK(unknown["in_reply_to"] == "x");
  CHECK(t.only(json::array({1, 2}))["code"] == "MESSAGE_INVALID");
  CHECK(t.only({{"type", 3}})["code"] == "MESSAGE_INVALID");
  CHECK(t.only({{"id", 1}})["code"] == "MESSAGE_INVALID");
  CHECK_FALSE(t.say({{"type", "teleport"}}).close);
}

TEST_CASE("frame errors: invalid goes on, oversize and truncated close", "[daemon][handler]") {
  RequestHandler handler(fixed_facts);
  postern::bridge::FrameEvent invalid;
  invalid.kind = postern::bridge::FrameEvent::Kind::error;
  invalid.error = postern::bridge::FrameError::invalid_json;
  invalid.detail = "not JSON";
  Reply soft = handler.handle_frame_error(invalid);
  REQUIRE(soft.messages.size() == 1);
  CHECK(soft.messages[0]["code"] == "FRAME_INVALID");
  CHECK_FALSE(soft.close);

  postern::bridge::FrameEvent oversize = invalid;
  oversize.error = postern::bridge::FrameError::oversize;
  Reply hard = handler.handle_frame_error(oversize);
  CHECK(hard.messages[0]["code"] == "FRAME_TOO_LARGE");
  CHECK(hard.close);

  postern::bridge::FrameEvent truncated = invalid;
  truncated.error = postern::bridge::FrameError::truncated;
  CHECK(handler.handle_frame_error(truncated).messages[0]["code"] == "FRAME_TRUNCATED");
}

TEST_CASE("connectivity.check answers later with the check's report", "[daemon][handler]") {
  std::optional<std::string> asked = "unset";
  ConnectivityCheck check = [&](std::optional<std::string> url, std::function<void(json)> done) {
    asked = url;
    done({{"ok", true}, {"failure", "none"}});
  };
  RequestHandler handler(fixed_facts, check);
  SessionState state;
  handler.handle(hello("cli"), state);
  Reply reply = handler.handle({{"type", "connectivity.check"}, {"id", 9}}, state);
  CHECK(reply.messages.empty());  // nothing now: the answer comes from the check
  REQUIRE(reply.later);
  std::vector<json> sent;
  reply.later([&](json message) { sent.push_back(std::move(message)); });
  CHECK_FALSE(asked.has_value());  // no url: the configured one
  REQUIRE(sent.size() == 1);
  CHECK(sent[0]["type"] == "connectivity");
  CHECK(sent[0]["id"] == 9);
  CHECK(sent[0]["report"]["ok"] == true);

  Reply with_url =
      handler.handle({{"type", "connectivity.check"}, {"url", "http://u:pw@127.0.0.1:1/"}}, state);
  with_url.later([](json) {});
  CHECK(asked == std::optional<std::string>("http://u:pw@127.0.0.1:1/"));
  CHECK(with_url.log == "connectivity check of http://u:***@127.0.0.1:1/");  // never the password
}

TEST_CASE("connectivity.check: only the cli picks the URL; bad fields; no check wired",
          "[daemon][handler]") {
  ConnectivityCheck never = [](std::optional<std::string>, std::function<void(json)>) {
    FAIL("the check must not run");
  };
  RequestHandler handler(fixed_facts, never);
  SessionState bridge;
  handler.handle(hello("bridge"), bridge);
  Reply refused = handler.handle(
      {{"type", "connectivity.check"}, {"url", "http://10.0.0.1/"}, {"id", "c"}}, bridge);
  REQUIRE(refused.messages.size() == 1);
  CHECK(refused.messages[0]["code"] == "REQUEST_NOT_ALLOWED");
  CHECK(refused.messages[0]["in_reply_to"] == "c");
  CHECK_FALSE(refused.later);

  SessionState cli;
  handler.handle(hello("cli"), cli);
  CHECK(handler.handle({{"type", "connectivity.check"}, {"url", 5}}, cli).messages[0]["code"] ==
        "MESSAGE_INVALID");

  Transcript unwired;  // a handler built without a check
  unwired.say(hello("cli"));
  CHECK(unwired.only({{"type", "connectivity.check"}})["code"] == "UNSUPPORTED");
}
