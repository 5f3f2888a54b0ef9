#include "runtime/capture/capture_recorder.hpp"

#include <algorithm>
#include <chrono>

#include "runtime/store/body_spool.hpp"
#include "runtime/store/capture_policy.hpp"

namespace postern::capture {

namespace {

store::Timestamp to_timestamp(std::chrono::system_clock::time_point at) {
  return std::chrono::floor<std::chrono::milliseconds>(at);
}

store::Headers to_store(const proxy::HeaderFields& fields) {
  store::Headers headers;
  headers.reserve(fields.size());
  for (const auto& field : fields)
    headers.push_back(store::Header{field.name, field.value});
  return headers;
}

store::Timings to_store(const proxy::ExchangeTimings& timings) {
  store::Timings out;  // the proxy resolves and connects in one step: no separate dns_ms
  out.connect_ms = timings.connect_ms;
  out.tls_ms = timings.tls_ms;
  out.send_ms = timings.send_ms;
  out.wait_ms = timings.wait_ms;
  out.receive_ms = timings.receive_ms;
  return out;
}

}  // namespace

std::string_view host_of_address(std::string_view address) {
  if (address.starts_with("[")) {
    const auto close = address.find(']');
    if (close != std::string_view::npos) return address.substr(1, close - 1);
    return address;
  }
  const auto colon = address.rfind(':');
  // More than one colon without brackets is a bare IPv6 address, which has no port to remove.
  if (colon == std::string_view::npos || address.find(':') != colon) return address;
  return address.substr(0, colon);
}

CaptureRecorder::CaptureRecorder(const proxy::ExchangeStart& start,
                                 std::shared_ptr<const CaptureSettings> settings, Sink sink)
    : settings_(std::move(settings)), sink_(std::move(sink)) {
  auto& e = exchange_;
  e.session_id = settings_->session_id;
  e.started_at = to_timestamp(start.started_at);
  e.method = std::string(start.method);
  e.url = std::string(start.url);
  auto columns = store::split_url(start.url);
  e.scheme = start.scheme.empty() ? std::move(columns.scheme) : std::string(start.scheme);
  e.host = start.host.empty() ? std::move(columns.host) : std::string(start.host);
  e.port = start.port != 0 ? start.port : columns.port;
  e.path = std::move(columns.path);
  e.query = std::move(columns.query);
  e.http_version = std::string(start.http_version);
  e.request_headers = to_store(start.headers);
  e.client_address = std::string(start.client_address);
  e.tls = start.tls;
  e.keep_cookie_lines = settings_->options.capture_cookies;
}

void CaptureRecorder::keep(store::CapturedBody& body, std::string_view bytes) const {
  // Never hold more than body_limit: the body may be gigabytes, streamed through in pieces.
  // What is kept stays in memory up to 64 KiB and waits on disk beyond (store/body_spool.hpp).
  const std::uint64_t limit = settings_->options.body_limit;
  body.original_size += bytes.size();
  if (!body.omitted_reason.empty() || body.truncated) return;
  const std::uint64_t room = limit - std::min(limit, store::kept_size(body));
  if (bytes.size() > room) body.truncated = true;
  const auto piece =
      bytes.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(room, bytes.size())));
  if (!piece.empty()) store::append_body(body, piece, settings_->spool_folder);
}

void CaptureRecorder::request_body(std::string_view bytes) {
  keep(exchange_.request_body, bytes);
}

bool CaptureRecorder::response_head(const proxy::ResponseStart& response) {
  const auto content_type = response.headers.get("content-type").value_or("");
  if (!settings_->filter.accepts_response(content_type)) {
    excluded_ = true;  // exclude_static: the whole exchange goes, not just its body
    return false;
  }
  exchange_.status = response.status;
  exchange_.reason = std::string(response.reason);
  exchange_.response_headers = to_store(response.headers);
  auto& body = exchange_.response_body;
  // Seed 001: media content "is intercepted but not captured"; headers, timing and status are.
  if (store::is_media_type(content_type))
    body.omitted_reason = "media";
  else if (!settings_->options.save_responses)
    body.omitted_reason = "not_saved";
  return body.omitted_reason.empty();
}

void CaptureRecorder::response_body(std::string_view bytes) {
  keep(exchange_.response_body, bytes);
}

void CaptureRecorder::finished(const proxy::ExchangeEnd& end) {
  if (finished_ || excluded_) return;
  finished_ = true;
  auto& e = exchange_;
  e.ended_at = std::max(e.started_at, to_timestamp(end.ended_at));
  e.error = end.error;
  // The proxy counts what it relayed, also the pieces it did not hand over (omitted bodies).
  e.request_body.original_size =
      std::max<std::uint64_t>(e.request_body.original_size, end.request_body_bytes);
  e.response_body.original_size =
      std::max<std::uint64_t>(e.response_body.original_size, end.response_body_bytes);
  e.server_ip = std::string(host_of_address(end.server_address));
  e.timings = to_store(end.timings);
  // Fills the derived columns (data mode, sizes) now, so the sink can report a complete summary;
  // the store's own pass over it later changes nothing.
  store::prepare_for_storage(e, store::CaptureLimits{settings_->options.body_limit, true});
  sink_(std::move(e));
}

}  // namespace postern::capture
