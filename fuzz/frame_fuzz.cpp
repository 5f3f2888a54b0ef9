// Fuzz target for everything the bridge reads from the browser: arbitrary bytes go through
// FrameDecoder (all at once and byte by byte, which must agree) and through BridgeSession, both
// before pairing and on a channel already paired with a fixed key, so the envelope, chunk and
// dispatch paths are reached. Nothing may crash, and every frame the session writes must be a
// valid frame within the outbound limit.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/bridge/bridge_session.hpp"
#include "runtime/bridge/envelope.hpp"

namespace {

using namespace postern::bridge;

class FuzzKeyStore final : public KeyStore {
 public:
  std::optional<BridgeKey> key;
  postern::base::Result<std::optional<BridgeKey>> load() override { return key; }
  postern::base::Status_or_error save(const BridgeKey& value) override {
    key = value;
    return postern::base::Ok{};
  }
};

std::vector<FrameEvent> events_of(std::string_view bytes, std::size_t step) {
  FrameDecoder decoder(4096);
  std::vector<FrameEvent> events;
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    decoder.feed(bytes.substr(at, step));
    for (FrameEvent event = decoder.next(); event.kind != FrameEvent::Kind::need_more;
         event = decoder.next()) {
      events.push_back(event);
      if (event.fatal()) return events;
    }
  }
  events.push_back(decoder.finish());
  return events;
}

void check_decoder(std::string_view bytes) {
  auto whole = events_of(bytes, bytes.size() + 1);
  auto single = events_of(bytes, 1);
  if (whole.size() != single.size()) std::abort();
  for (std::size_t i = 0; i < whole.size(); ++i)
    if (whole[i].kind != single[i].kind || whole[i].error != single[i].error ||
        whole[i].payload != single[i].payload)
      std::abort();
}

// Every send action must be one well-formed frame no larger than the outbound limit.
void check_output(const Actions& actions, std::size_t max_outbound) {
  for (const auto& action : actions) {
    if (action.kind != Action::Kind::send) continue;
    FrameDecoder decoder(max_outbound);
    decoder.feed(action.bytes);
    if (decoder.next().kind != FrameEvent::Kind::frame || decoder.pending() != 0) std::abort();
  }
}

void run_session(std::string_view bytes, bool paired) {
  static const Key kKey = derive_custom_key("fuzzingkey0123").value();
  FuzzKeyStore keys;
  if (paired) keys.key = BridgeKey{KeyKind::custom, kKey, {}};
  NullRuntimeLink runtime;
  SessionLimits limits{4096, 1024, 8192};  // small, so oversize and chunking paths are reached
  BridgeSession session(std::string(kBuiltInExtensionOrigin), AllowList(), keys, runtime, limits);
  check_output(session.start(), limits.max_outbound_frame);
  if (paired) {
    nlohmann::json hello{{"type", "hello"}, {"protocol", 1}, {"key_check", key_check(kKey)}};
    check_output(session.on_bytes(encode_frame(hello.dump()).value()), limits.max_outbound_frame);
  }
  // Feed in uneven pieces, as pipe reads would split the stream.
  for (std::size_t at = 0, step = 1; at < bytes.size() && !session.finished(); at += step++)
    check_output(session.on_bytes(bytes.substr(at, step)), limits.max_outbound_frame);
  check_output(session.on_eof(), limits.max_outbound_frame);
  check_output(session.on_runtime_message({{"type", "runtime.relay"}, {"payload", bytes.size()}}),
               limits.max_outbound_frame);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_decoder(bytes);
  run_session(bytes, /*paired=*/false);
  run_session(bytes, /*paired=*/true);
  return 0;
}
