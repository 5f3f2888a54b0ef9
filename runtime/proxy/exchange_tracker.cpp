#include "runtime/proxy/exchange_tracker.hpp"

namespace postern::proxy {
namespace {

std::string version_text(const HttpVersion& version) {
  return "HTTP/" + std::to_string(version.major) + "." + std::to_string(version.minor);
}

}  // namespace

ExchangeTracker::ExchangeTracker(ExchangeHooks* hooks, const RequestHead& request,
                                 const ExchangeTarget& target, std::string_view client_address,
                                 bool client_tls,
                                 std::chrono::system_clock::time_point started_at) {
  end_.request_wire_bytes = request.raw.size();
  if (!hooks) return;
  const std::string version = version_text(request.version);
  const ExchangeStart start{started_at,     request.method, target.url,        target.scheme,
                            target.host,    target.port,    version,           request.fields,
                            client_address, client_tls,     request.raw.size()};
  recorder_ = hooks->exchange_started(start);
}

ExchangeTracker::~ExchangeTracker() {
  finish("the connection closed before the exchange ended");
}

double ExchangeTracker::ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

void ExchangeTracker::connected(std::string_view server_address, std::optional<double> connect_ms,
                                std::optional<double> tls_ms) {
  end_.server_address = server_address;
  end_.timings.connect_ms = connect_ms;
  end_.timings.tls_ms = tls_ms;
  head_done_ = Clock::now();  // send time starts after the connection is up
}

void ExchangeTracker::reused(std::string_view server_address) {
  end_.server_address = server_address;
}

void ExchangeTracker::request_body(std::string_view decoded, std::size_t wire) {
  end_.request_body_bytes += decoded.size();
  end_.request_wire_bytes += wire;
  if (recorder_ && !decoded.empty()) recorder_->request_body(decoded);
}

void ExchangeTracker::request_sent() {
  sent_ = Clock::now();
  end_.timings.send_ms = ms_between(head_done_, sent_);
}

void ExchangeTracker::response_head(const ResponseHead& response) {
  response_started_ = Clock::now();
  if (sent_ != Clock::time_point{}) end_.timings.wait_ms = ms_between(sent_, response_started_);
  end_.response_wire_bytes += response.raw.size();
  if (!recorder_) return;
  const std::string version = version_text(response.version);
  const ResponseStart start{response.status, response.reason, version, response.fields,
                            response.raw.size()};
  want_response_body_ = recorder_->response_head(start);
}

void ExchangeTracker::response_body(std::string_view decoded, std::size_t wire) {
  end_.response_body_bytes += decoded.size();
  end_.response_wire_bytes += wire;
  if (recorder_ && want_response_body_ && !decoded.empty()) recorder_->response_body(decoded);
}

void ExchangeTracker::finish(std::string error) {
  if (finished_) return;
  finished_ = true;
  if (response_started_ != Clock::time_point{})
    end_.timings.receive_ms = ms_between(response_started_, Clock::now());
  end_.ended_at = std::chrono::system_clock::now();
  end_.error = std::move(error);
  if (recorder_) recorder_->finished(end_);
}

}  // namespace postern::proxy
