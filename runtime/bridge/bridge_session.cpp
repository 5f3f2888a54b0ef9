#include "runtime/bridge/bridge_session.hpp"

#include "base/codes.hpp"
#include "runtime/bridge/envelope.hpp"
#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace {

using nlohmann::json;
namespace codes = base::codes;

// Messages that are never sealed: the handshake (the key is not agreed yet, or is being
// handed over), errors (they must be readable whatever went wrong with the key) and the chunk and
// envelope containers themselves.
bool is_plain_type(std::string_view type) {
  return type == msg::hello_ack || type == msg::key_mismatch || type == msg::pair_ack ||
         type == msg::error || type == kChunkType || type == kSealedType;
}

// The request's "id" when it is a string or number, for in_reply_to.
json request_id(const json& message) {
  if (!message.is_object()) return nullptr;
  auto id = message.find("id");
  if (id == message.end() || !(id->is_string() || id->is_number())) return nullptr;
  return *id;
}

// The runtime's state as the handshake record keeps it, so `postern doctor` can tell
// "extension <-> bridge" from "extension <-> bridge <-> runtime" without asking again.
json runtime_record(const RuntimeStatus& runtime) {
  return json{{"connected", runtime.connected},
              {"code", runtime.code.empty() ? json(nullptr) : json(runtime.code)},
              {"message", runtime.message}};
}

std::string dump(const json& message) {
  // Replace, never throw: a relayed payload with broken UTF-8 must not take the bridge down.
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

BridgeSession::BridgeSession(std::string origin, AllowList allow_list, KeyStore& keys,
                             RuntimeLink& runtime, SessionLimits limits)
    : origin_(std::move(origin)),
      allow_list_(std::move(allow_list)),
      keys_(keys),
      runtime_(runtime),
      limits_(limits),
      decoder_(limits.max_inbound_frame),
      assembler_(limits.max_message) {}

Actions BridgeSession::start() {
  Actions out;
  if (state_ != State::created) return out;
  if (!allow_list_.allows(origin_)) {
    const std::string shown = origin_.empty() ? "(none given)" : origin_;
    send_error(codes::origin_not_allowed,
               "the caller " + shown + " is not allowed to use the Postern bridge",
               "install the Postern extension, or add this extension to the bridge's "
               "allowed-origins.json",
               out);
    log("refused " + shown + ": not in the allow-list", out);
    record("origin_not_allowed", out);
    finish(kExitRefused, out);
    return out;
  }
  log("started for " + origin_, out);
  state_ = State::awaiting_hello;
  return out;
}

Actions BridgeSession::on_bytes(std::string_view bytes) {
  Actions out;
  if (state_ == State::created || state_ == State::finished) return out;
  decoder_.feed(bytes);
  while (!finished()) {
    FrameEvent event = decoder_.next();
    if (event.kind == FrameEvent::Kind::need_more) break;
    if (event.kind == FrameEvent::Kind::frame) {
      handle_document(event.message, /*from_chunk=*/false, out);
    } else {
      handle_frame_error(event, out);
    }
  }
  return out;
}

Actions BridgeSession::on_eof() {
  Actions out;
  if (state_ == State::finished) return out;
  FrameEvent event = decoder_.finish();
  if (event.kind == FrameEvent::Kind::error) {
    handle_frame_error(event, out);
    return out;
  }
  if (assembler_.in_progress()) log("stdin closed in the middle of a chunked message", out);
  log("stdin closed", out);
  finish(kExitClean, out);
  return out;
}

Actions BridgeSession::on_runtime_message(const json& message) {
  Actions out;
  if (state_ == State::ready) {
    send(message, out);
  } else if (state_ != State::finished) {
    log("dropped a message from the runtime: the extension is not paired yet", out);
  }
  return out;
}

void BridgeSession::handle_frame_error(const FrameEvent& event, Actions& out) {
  if (!event.fatal()) {
    send_error(codes::frame_invalid, event.detail, "", out);
    return;
  }
  const bool oversize = event.error == FrameError::oversize;
  send_error(oversize ? codes::frame_too_large : codes::frame_truncated, event.detail,
             oversize ? "split large messages into chunks (docs/bridge-protocol.md)" : "", out);
  log("stopping: " + event.detail, out);
  finish(kExitBadStream, out);
}

void BridgeSession::handle_document(const json& message, bool from_chunk, Actions& out) {
  auto type = message_type(message);
  if (!type) {
    send_error(codes::message_invalid, type.error().message, "", out);
    return;
  }
  const std::string& name = type.value();
  if (name == kChunkType && !from_chunk) return handle_chunk(message, out);
  if (name == kSealedType) return handle_sealed(message, out);
  if (name == msg::hello) return handle_hello(message, out);
  if (name == msg::pair) return handle_pair(out);
  if (name == msg::status_get || is_relayed_type(name)) {
    const bool ready = state_ == State::ready;
    send_error(
        ready ? codes::envelope_required : codes::not_paired,
        name + (ready ? " must be sealed once the channel is paired" : " needs a paired channel"),
        ready ? "" : "send hello (and pair on first connect) first", out, request_id(message));
    return;
  }
  send_error(name == kChunkType ? codes::message_invalid : codes::message_unknown,
             name == kChunkType ? "a chunked message cannot hold chunks"
                                : "unknown message type \"" + name + "\"",
             "", out, request_id(message));
}

void BridgeSession::handle_chunk(const json& chunk, Actions& out) {
  auto outcome = assembler_.add(chunk);
  if (outcome.error != ChunkError::none) {
    send_error(codes::chunk_invalid, outcome.detail, "resend the whole message", out);
    return;
  }
  if (!outcome.message) return;  // more chunks to come
  PayloadCheck check = parse_payload(*outcome.message);
  if (check.error != FrameError::none) {
    send_error(codes::frame_invalid, "chunked message: " + check.detail, "", out);
    return;
  }
  handle_document(check.document, /*from_chunk=*/true, out);
}

KeyState BridgeSession::key_state(const std::optional<BridgeKey>& stored) const {
  KeyState state;
  if (stored) {
    state.kind = stored->kind;
    state.key_check = key_check(stored->key);
  }
  // The install key goes once to each allowed origin; a custom key is never handed over (the
  // user types it on both sides: that is its point).
  state.can_pair = !stored || (stored->kind == KeyKind::install && !stored->paired_with(origin_));
  return state;
}

void BridgeSession::handle_hello(const json& message, Actions& out) {
  auto hello = parse_hello(message);
  if (!hello) {
    send_error(stable_code(hello.error().code), hello.error().message, "", out);
    return;
  }
  auto stored = keys_.load();
  if (!stored) {
    send_error(stable_code(stored.error().code), stored.error().message, stored.error().remedy,
               out);
    log(stored.error().message, out);
    record("key_store_error", out, {{"code", stable_code(stored.error().code)}});
    state_ = State::awaiting_pair;
    return;
  }
  answer_hello(hello.value(), stored.value(), out);
}

void BridgeSession::answer_hello(const Hello& hello, const std::optional<BridgeKey>& stored,
                                 Actions& out) {
  const KeyState state = key_state(stored);
  if (stored && hello.key_check == state.key_check) {
    key_ = stored;
    state_ = State::ready;
    const RuntimeStatus runtime = runtime_.status();
    send(make_hello_ack(true, state, runtime), out);
    log("paired with " + origin_ + " (" + std::string(to_string(stored->kind)) + " key)", out);
    record("paired", out,
           {{"key_kind", to_string(stored->kind)}, {"runtime", runtime_record(runtime)}});
    return;
  }
  if (!hello.key_check && state.can_pair) {
    state_ = State::awaiting_pair;
    const RuntimeStatus runtime = runtime_.status();
    send(make_hello_ack(false, state, runtime), out);
    log(origin_ + " has no key yet; pairing is offered", out);
    record("unpaired", out, {{"runtime", runtime_record(runtime)}});
    return;
  }
  MismatchReason reason = MismatchReason::keys_differ;
  if (!stored)
    reason = MismatchReason::bridge_has_no_key;
  else if (!hello.key_check && stored->kind == KeyKind::custom)
    reason = MismatchReason::custom_key_required;
  else if (!hello.key_check)
    reason = MismatchReason::extension_has_no_key;
  json mismatch = make_key_mismatch(reason, state, hello.key_check);
  log("KEY_MISMATCH with " + origin_ + ": " + mismatch["reason"].get<std::string>(), out);
  record("key_mismatch", out, {{"reason", mismatch["reason"]}, {"key_kind", mismatch["key_kind"]}});
  state_ = State::awaiting_pair;  // pair may follow; the store decides whether it succeeds
  key_.reset();
  send(mismatch, out);
}

void BridgeSession::handle_pair(Actions& out) {
  if (state_ == State::ready)
    return send_error(codes::already_paired, "this connection is already paired", "", out);
  if (state_ != State::awaiting_pair)
    return send_error(codes::message_invalid, "pair must follow a hello",
                      "send hello first, and pair only when the answer says can_pair", out);
  auto stored = keys_.load();
  if (!stored)
    return send_error(stable_code(stored.error().code), stored.error().message,
                      stored.error().remedy, out);
  std::optional<BridgeKey> key = stored.value();
  if (key && key->kind == KeyKind::custom)
    return send_error(codes::custom_key_required, "the bridge uses a custom key",
                      "enter the key set with `postern set-key` in the extension (lock icon)", out);
  if (key && key->paired_with(origin_))
    return send_error(codes::already_paired,
                      "the install key was already handed to " + origin_ + " once",
                      "set a custom key on both sides, or delete the bridge's key.json", out);
  if (!key) {
    auto fresh = generate_install_key();
    if (!fresh) return send_error(stable_code(fresh.error().code), fresh.error().message, "", out);
    key = BridgeKey{KeyKind::install, fresh.value(), {}};
  }
  key->paired_origins.push_back(origin_);
  // Saved before it is sent: a key the bridge could not keep must never reach the extension.
  if (auto saved = keys_.save(*key); !saved)
    return send_error(stable_code(saved.error().code), saved.error().message, saved.error().remedy,
                      out);
  key_ = key;
  state_ = State::ready;
  send(make_pair_ack(key->key), out);
  log("paired with " + origin_ + ": the install key was handed over", out);
  record("paired", out,
         {{"key_kind", "install"},
          {"first_pairing", true},
          {"runtime", runtime_record(runtime_.status())}});
}

void BridgeSession::handle_sealed(const json& envelope, Actions& out) {
  if (state_ != State::ready || !key_)
    return send_error(codes::not_paired, "a sealed message arrived before pairing",
                      "send hello (and pair on first connect) first", out);
  auto plain = open(key_->key, envelope, kAadToBridge);
  if (!plain) {
    if (plain.error().code == errc::key_mismatch)
      log("KEY_MISMATCH: " + plain.error().message, out);
    return send_error(stable_code(plain.error().code), plain.error().message, plain.error().remedy,
                      out);
  }
  PayloadCheck check = parse_payload(plain.value());
  if (check.error != FrameError::none)
    return send_error(codes::frame_invalid, "sealed message: " + check.detail, "", out);
  handle_inner(check.document, out);
}

void BridgeSession::handle_inner(const json& message, Actions& out) {
  auto type = message_type(message);
  if (!type) return send_error(codes::message_invalid, type.error().message, "", out);
  const std::string& name = type.value();
  if (name == msg::status_get)
    return send(make_status(true, key_state(key_), runtime_.status()), out);
  if (is_relayed_type(name)) {
    auto sent = runtime_.send(message);
    if (!sent)
      send_error(stable_code(sent.error().code), sent.error().message, sent.error().remedy, out,
                 request_id(message));
    return;
  }
  const bool misplaced =
      name == msg::hello || name == msg::pair || name == kChunkType || name == kSealedType;
  send_error(misplaced ? codes::message_invalid : codes::message_unknown,
             misplaced ? name + " cannot be sent inside a sealed envelope"
                       : "unknown message type \"" + name + "\"",
             "", out, request_id(message));
}

void BridgeSession::send(const json& message, Actions& out) {
  const std::string type = message.is_object() ? message.value("type", "") : "";
  std::string text = dump(message);
  if (state_ == State::ready && key_ && !is_plain_type(type)) {
    auto sealed = seal(key_->key, text, kAadToExtension);
    if (!sealed) {
      log("cannot seal a " + type + " message: " + sealed.error().message, out);
      return send_error(codes::bridge_internal_error, sealed.error().message, "", out);
    }
    text = dump(sealed.value());
  }
  std::vector<std::string> texts;
  if (text.size() <= limits_.max_outbound_frame) {
    texts.push_back(std::move(text));
  } else {
    auto chunks = split_message(text, limits_.max_outbound_frame, next_chunk_id_++);
    if (!chunks) return log("cannot split a " + type + " message: " + chunks.error().message, out);
    texts = std::move(chunks).value();
  }
  for (const auto& part : texts) {
    auto frame = encode_frame(part, limits_.max_outbound_frame);
    if (!frame) return log("cannot frame a " + type + " message: " + frame.error().message, out);
    out.push_back(Action{Action::Kind::send, std::move(frame).value(), {}, {}, 0});
  }
}

void BridgeSession::send_error(std::string_view code, const std::string& message,
                               std::string_view remedy, Actions& out, const json& in_reply_to) {
  send(make_error(code, message, remedy, in_reply_to), out);
}

void BridgeSession::log(std::string text, Actions& out) const {
  out.push_back(Action{Action::Kind::log, {}, std::move(text), {}, 0});
}

void BridgeSession::record(std::string_view state, Actions& out, json extra) const {
  json outcome{{"state", state},
               {"origin", origin_},
               {"bridge_version", bridge_version()},
               {"protocol", kProtocolVersion}};
  if (extra.is_object()) outcome.update(extra);
  out.push_back(Action{Action::Kind::record, {}, {}, std::move(outcome), 0});
}

void BridgeSession::finish(int exit_code, Actions& out) {
  state_ = State::finished;
  out.push_back(Action{Action::Kind::exit, {}, {}, {}, exit_code});
}

}  // namespace postern::bridge
