#pragma once
// Shared by the capture tests: requests and responses as the proxy reports them, settings from
// options, and a capture store in a temporary folder.

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/capture/capture_service.hpp"
#include "runtime/capture/capture_settings.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/proxy/exchange_hooks.hpp"
#include "runtime/store/capture_policy.hpp"
#include "runtime/store/capture_store.hpp"
#include "support/temp_dir.hpp"

namespace postern::capture::testing {

/// A request head as the proxy hands it to exchange_started.
struct Request {
  std::string method = "GET";
  std::string url = "https://api.example.com/items?id=1";
  std::string host = "api.example.com";  ///< url's, as the proxy reports it
  proxy::HeaderFields headers;

  Request() { headers.add("Host", host); }
  Request(std::string m, std::string u) : method(std::move(m)), url(std::move(u)) {
    host = store::split_url(url).host;
    headers.add("Host", host);
  }

  /// Valid while this Request lives.
  proxy::ExchangeStart start() const {
    return proxy::ExchangeStart{.started_at = std::chrono::system_clock::now(),
                                .method = method,
                                .url = url,
                                .scheme = "https",
                                .host = host,
                                .port = 443,
                                .http_version = "HTTP/1.1",
                                .headers = headers,
                                .client_address = "127.0.0.1:50000",
                                .tls = true,
                                .head_bytes = 80};
  }
};

/// A response head with `content_type` (none when empty).
struct Response {
  proxy::HeaderFields headers;
  int status = 200;

  explicit Response(const std::string& content_type = "application/json", int code = 200)
      : status(code) {
    if (!content_type.empty()) headers.add("Content-Type", content_type);
  }
  proxy::ResponseStart head() const {
    return proxy::ResponseStart{
        .status = status, .reason = "OK", .http_version = "HTTP/1.1", .headers = headers};
  }
};

/// The end of a complete exchange.
inline proxy::ExchangeEnd ended(std::uint64_t request_bytes = 0, std::uint64_t response_bytes = 0) {
  proxy::ExchangeEnd end;
  end.ended_at = std::chrono::system_clock::now();
  end.request_body_bytes = request_bytes;
  end.response_body_bytes = response_bytes;
  end.server_address = "192.0.2.7:443";
  end.timings.wait_ms = 12.5;
  return end;
}

/// Settings for session 7 with `options` (which must be valid), spooling large bodies into
/// `spool_folder` (none: memory only).
inline std::shared_ptr<const CaptureSettings> settings_of(
    const CaptureOptions& options, const std::filesystem::path& spool_folder = {}) {
  auto filter = CaptureFilter::create(options);
  REQUIRE(filter);
  return std::make_shared<const CaptureSettings>(
      CaptureSettings{7, options, filter.value(), spool_folder});
}

/// A capture store in its own temporary folder.
struct StoreFixture {
  postern::testing::TempDir dir;
  std::unique_ptr<store::CaptureStore> store = open_store(dir / "capture.db");

  static std::unique_ptr<store::CaptureStore> open_store(const std::filesystem::path& file) {
    auto opened = store::CaptureStore::open(file);
    REQUIRE(opened);
    return std::move(opened).value();
  }
};

/// A store, a service over it and a router holding the routes `Add` registers, driven with
/// plain ApiRequest values (no sockets).
template <auto Add>
struct RoutesFixture : StoreFixture {
  CaptureService service{*store};
  control::ApiRouter router;
  RoutesFixture() { Add(router, service, *store); }

  control::ApiResponse call(std::string method, std::string target, std::string body = "") {
    control::ApiRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    return router.handle(request);
  }
  static nlohmann::json body_of(const control::ApiResponse& response) {
    return nlohmann::json::parse(response.body);
  }
  static std::string code_of(const control::ApiResponse& response) {
    return body_of(response)["error"]["code"];
  }
};

}  // namespace postern::capture::testing
