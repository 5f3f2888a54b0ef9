#pragma once
// A GET /v1/status answer as the runtime gives it, with `proxy` as its proxy object: shared by
// the client's tests and the CLI's views tests, which read the same document.

#include <nlohmann/json.hpp>

#include <utility>

namespace postern::testing {

inline nlohmann::json status_with(nlohmann::json proxy) {
  return {{"runtime_version", "0.2.0"},
          {"pid", 4242},
          {"started_at", "2026-11-22T10:00:00.123Z"},
          {"uptime_s", 303},
          {"socket_clients", 2},
          {"proxy", std::move(proxy)}};
}

}  // namespace postern::testing
