#include "runtime/daemon/request_handler.hpp"

#include "base/codes.hpp"
#include "base/url.hpp"
#include "runtime/bridge/protocol.hpp"
#include "runtime/bridge/runtime_probe.hpp"

#ifndef POSTERN_RUNTIME_VERSION
#define POSTERN_RUNTIME_VERSION "0.0.0"  // set by runtime/daemon/CMakeLists.txt
#endif

namespace postern::daemon {

namespace {

using nlohmann::json;
namespace codes = base::codes;

// The request's "id" when it is a string or a number, echoed in replies; null otherwise.
json request_id(const json& message) {
  if (!message.is_object()) return nullptr;
  auto id = message.find("id");
  if (id == message.end() || !(id->is_string() || id->is_number())) return nullptr;
  return *id;
}

Reply error(std::string_view code, const std::string& text, std::string_view remedy,
            const json& in_reply_to = nullptr) {
  Reply reply;
  reply.messages.push_back(bridge::make_error(code, text, remedy, in_reply_to));
  return reply;
}

// A reply of `type` carrying the request's id when it had one.
json answer(std::string_view type, const json& message) {
  json reply{{"type", type}};
  if (json id = request_id(message); !id.is_null()) reply["id"] = std::move(id);
  return reply;
}

std::string_view client_name(ClientKind kind) {
  switch (kind) {
    case ClientKind::bridge:
      return "bridge";
    case ClientKind::cli:
      return "cli";
    case ClientKind::none:
      break;
  }
  return "none";
}

}  // namespace

std::string_view runtime_version() {
  return POSTERN_RUNTIME_VERSION;
}

RequestHandler::RequestHandler(FactsSource facts, ConnectivityCheck connectivity)
    : facts_(std::move(facts)), connectivity_(std::move(connectivity)) {}

Reply RequestHandler::handle(const json& message, SessionState& state) const {
  auto type = bridge::message_type(message);
  if (!type) return error(codes::message_invalid, type.error().message, "", request_id(message));
  const std::string& name = type.value();
  if (name == "hello") return handle_hello(message, state);
  if (state.client == ClientKind::none)
    return error(codes::hello_required, name + " before hello",
                 "send {\"type\":\"hello\",\"client\":\"bridge\"|\"cli\",\"protocol\":1} first",
                 request_id(message));
  if (name == "status.get") {
    const RuntimeFacts facts = facts_();
    json status = answer("status", message);
    status.update({{"uptime_s", facts.uptime_s},
                   {"clients", facts.clients},
                   {"pid", facts.pid},
                   {"runtime_version", runtime_version()},
                   {"started_at", facts.started_at}});
    return Reply{{std::move(status)}, false, false, "", {}};
  }
  if (bridge::is_relayed_type(name)) {
    // Acknowledged only, for now: capture and cookie sync handle them in later issues.
    json ack = answer("relay_ack", message);
    ack["of"] = name;
    return Reply{{std::move(ack)}, false, false, "", {}};
  }
  if (name == "connectivity.check") return handle_connectivity(message, state);
  if (name == "shutdown") {
    // Only the CLI may stop the runtime: the bridge speaks for a browser extension, and an
    // extension must not be able to stop capture for every other client.
    if (state.client != ClientKind::cli)
      return error(codes::request_not_allowed, "only a cli client may stop the runtime",
                   "run `postern runtime stop`", request_id(message));
    return Reply{
        {answer("shutdown_ack", message)}, false, true, "stopping: a cli client asked", {}};
  }
  return error(codes::message_unknown, "unknown message type \"" + name + "\"", "",
               request_id(message));
}

Reply RequestHandler::handle_hello(const json& message, SessionState& state) const {
  auto client = message.find("client");
  if (client == message.end() || !client->is_string() || (*client != "bridge" && *client != "cli"))
    return error(codes::message_invalid, "hello needs \"client\": \"bridge\" or \"cli\"", "",
                 request_id(message));
  auto protocol = message.find("protocol");
  if (protocol == message.end() || !protocol->is_number_integer())
    return error(codes::message_invalid, "hello needs an integer \"protocol\"", "",
                 request_id(message));
  // Unsigned storage means non-negative; a signed value below 1 is a version that never was.
  if (!protocol->is_number_unsigned() && protocol->get<long long>() < 1)
    return error(codes::protocol_unsupported,
                 "protocol " + protocol->dump() + " is not supported (this runtime speaks 1)", "",
                 request_id(message));
  const ClientKind before = state.client;
  state.client = *client == "cli" ? ClientKind::cli : ClientKind::bridge;
  const RuntimeFacts facts = facts_();
  json ack = answer("hello_ack", message);
  // A newer client is answered in version 1, as the bridge does with the extension.
  ack.update({{"protocol", bridge::kRuntimeProtocol},
              {"runtime_version", runtime_version()},
              {"pid", facts.pid},
              {"started_at", facts.started_at}});
  Reply reply{{std::move(ack)}, false, false, "", {}};
  if (before == ClientKind::none)
    reply.log = "hello from a " + std::string(client_name(state.client)) + " client";
  return reply;
}

Reply RequestHandler::handle_connectivity(const json& message, const SessionState& state) const {
  if (!connectivity_)
    return error(codes::unsupported, "this runtime has no connectivity check", "",
                 request_id(message));
  std::optional<std::string> url;
  if (auto given = message.find("url"); given != message.end()) {
    if (!given->is_string())
      return error(codes::message_invalid, "connectivity.check's \"url\" must be a string", "",
                   request_id(message));
    // Only the CLI may name the URL: the bridge speaks for a web extension, which must not be
    // able to make the runtime fetch addresses of its choosing.
    if (state.client != ClientKind::cli)
      return error(codes::request_not_allowed, "only a cli client may choose the URL to check",
                   "send connectivity.check without \"url\" to check the configured one",
                   request_id(message));
    url = given->get<std::string>();
  }
  Reply reply;
  reply.log = "connectivity check of " +
              (url ? base::redact_credentials(*url) : std::string("the configured URL"));
  reply.later = [check = connectivity_, url,
                 head = answer("connectivity", message)](std::function<void(json)> send) {
    check(url, [head, send = std::move(send)](json report) mutable {
      json ready = head;
      ready["report"] = std::move(report);
      send(std::move(ready));
    });
  };
  return reply;
}

Reply RequestHandler::handle_frame_error(const bridge::FrameEvent& event) const {
  if (!event.fatal()) return error(codes::frame_invalid, event.detail, "");
  const bool oversize = event.error == bridge::FrameError::oversize;
  Reply reply = error(oversize ? codes::frame_too_large : codes::frame_truncated, event.detail,
                      oversize ? "frames on the runtime socket are at most 64 MiB" : "");
  reply.close = true;
  reply.log = "closing a connection: " + event.detail;
  return reply;
}

}  // namespace postern::daemon
