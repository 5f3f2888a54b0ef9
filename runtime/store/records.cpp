#include "runtime/store/records.hpp"

namespace postern::store {

std::string_view to_string(SessionSource source) {
  return source == SessionSource::extension ? "extension" : "proxy";
}

std::string_view to_string(SessionState state) {
  switch (state) {
    case SessionState::running:
      return "running";
    case SessionState::paused:
      return "paused";
    case SessionState::stopped:
      return "stopped";
  }
  return "stopped";
}

std::string_view to_string(CookieDirection direction) {
  return direction == CookieDirection::response ? "response" : "request";
}

std::optional<SessionSource> session_source_from(std::string_view text) {
  if (text == "proxy") return SessionSource::proxy;
  if (text == "extension") return SessionSource::extension;
  return std::nullopt;
}

std::optional<SessionState> session_state_from(std::string_view text) {
  for (auto state : {SessionState::running, SessionState::paused, SessionState::stopped})
    if (to_string(state) == text) return state;
  return std::nullopt;
}

}  // namespace postern::store
