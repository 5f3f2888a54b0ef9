#include "runtime/proxy/upstream_failure.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace postern::proxy;
using boost::system::error_code;

namespace {

constexpr std::string_view kTarget = "api.example.test:8443";
constexpr std::string_view kDetail = "HTTP/1.1 407 Proxy Authentication Required";

enum class Cause { refused, timeout, asio_timeout, reset, other };

error_code error_for(Cause cause) {
  switch (cause) {
    case Cause::refused:
      return boost::asio::error::connection_refused;
    case Cause::timeout:
      return boost::beast::error::timeout;
    case Cause::asio_timeout:
      return boost::asio::error::timed_out;
    case Cause::reset:
      return boost::asio::error::connection_reset;
    case Cause::other:
      return boost::asio::error::network_unreachable;
  }
  return {};
}

const char* name_of(UpstreamStep step) {
  switch (step) {
    case UpstreamStep::resolve:
      return "resolve";
    case UpstreamStep::connect:
      return "connect";
    case UpstreamStep::proxy_connect:
      return "proxy_connect";
    case UpstreamStep::tls:
      return "tls";
    case UpstreamStep::send:
      return "send";
    case UpstreamStep::response:
      return "response";
  }
  return "?";
}

// What the message must carry besides the target: the error's own text, the caller's detail,
// or neither (the code says it all).
enum class Says { error_text, detail, nothing };

struct Row {
  UpstreamStep step;
  Cause cause;
  int status;
  const char* code;
  Says says;
};

using S = UpstreamStep;
using C = Cause;

// Every step against every kind of error.
const Row kRows[] = {
    {S::resolve, C::refused, 502, "dns", Says::error_text},
    {S::resolve, C::timeout, 504, "timeout", Says::nothing},
    {S::resolve, C::asio_timeout, 504, "timeout", Says::nothing},
    {S::resolve, C::reset, 502, "dns", Says::error_text},
    {S::resolve, C::other, 502, "dns", Says::error_text},
    {S::connect, C::refused, 502, "refused", Says::nothing},
    {S::connect, C::timeout, 504, "timeout", Says::nothing},
    {S::connect, C::asio_timeout, 504, "timeout", Says::nothing},
    {S::connect, C::reset, 502, "connect", Says::error_text},
    {S::connect, C::other, 502, "connect", Says::error_text},
    {S::proxy_connect, C::refused, 502, "proxy", Says::detail},
    {S::proxy_connect, C::timeout, 504, "timeout", Says::nothing},
    {S::proxy_connect, C::asio_timeout, 504, "timeout", Says::nothing},
    {S::proxy_connect, C::reset, 502, "proxy", Says::detail},
    {S::proxy_connect, C::other, 502, "proxy", Says::detail},
    {S::tls, C::refused, 502, "tls", Says::detail},
    {S::tls, C::timeout, 504, "timeout", Says::nothing},
    {S::tls, C::asio_timeout, 504, "timeout", Says::nothing},
    {S::tls, C::reset, 502, "tls", Says::detail},
    {S::tls, C::other, 502, "tls", Says::detail},
    {S::send, C::refused, 502, "bad_response", Says::detail},
    {S::send, C::timeout, 504, "timeout", Says::nothing},
    {S::send, C::asio_timeout, 504, "timeout", Says::nothing},
    {S::send, C::reset, 502, "reset", Says::nothing},
    {S::send, C::other, 502, "bad_response", Says::detail},
    {S::response, C::refused, 502, "bad_response", Says::detail},
    {S::response, C::timeout, 504, "timeout", Says::nothing},
    {S::response, C::asio_timeout, 504, "timeout", Says::nothing},
    {S::response, C::reset, 502, "reset", Says::nothing},
    {S::response, C::other, 502, "bad_response", Says::detail},
};

}  // namespace

TEST_CASE("each step and error becomes a status, a code and a sentence", "[proxy][failure]") {
  for (const Row& row : kRows) {
    const error_code error = error_for(row.cause);
    INFO(name_of(row.step) << " / " << error.message());
    const UpstreamFailure failure = classify_upstream_failure(row.step, error, kTarget, kDetail);
    CHECK(failure.status == row.status);
    CHECK(failure.code == row.code);
    CHECK(failure.target == kTarget);
    CHECK_THAT(failure.message, Catch::Contains(std::string(kTarget)));
    CHECK_FALSE(failure.remedy.empty());
    if (row.says == Says::detail)
      CHECK_THAT(failure.message, Catch::Contains(std::string(kDetail)));
    if (row.says == Says::error_text) CHECK_THAT(failure.message, Catch::Contains(error.message()));
  }
}

TEST_CASE("without a detail, the error's own text explains", "[proxy][failure]") {
  const error_code reset = boost::asio::error::connection_reset;
  auto failure = classify_upstream_failure(UpstreamStep::tls, reset, kTarget);
  CHECK(failure.code == "tls");
  CHECK_THAT(failure.message, Catch::Contains(reset.message()));
  CHECK_THAT(failure.remedy, Catch::Contains("--insecure-upstream"));

  const error_code other = boost::asio::error::invalid_argument;
  failure = classify_upstream_failure(UpstreamStep::response, other, kTarget);
  CHECK(failure.code == "bad_response");
  CHECK_THAT(failure.message, Catch::Contains(other.message()));

  failure = classify_upstream_failure(UpstreamStep::proxy_connect, other, kTarget);
  CHECK(failure.code == "proxy");
  CHECK(failure.message == "the upstream proxy did not open a tunnel to " + std::string(kTarget));
}

TEST_CASE("timeouts name the step that timed out", "[proxy][failure]") {
  const error_code timeout = boost::beast::error::timeout;
  auto message = [&](UpstreamStep step) {
    return classify_upstream_failure(step, timeout, kTarget).message;
  };
  CHECK(message(S::resolve) == "looking up api.example.test:8443 timed out");
  CHECK(message(S::connect) == "connecting to api.example.test:8443 timed out");
  CHECK(message(S::tls) == "the TLS handshake with api.example.test:8443 timed out");
  CHECK(message(S::response) == "api.example.test:8443 did not answer in time");
}

TEST_CASE("every way a peer hangs up is a reset", "[proxy][failure]") {
  for (const error_code& error :
       {error_code(boost::asio::error::connection_reset), error_code(boost::asio::error::eof),
        error_code(boost::asio::error::broken_pipe),
        error_code(boost::asio::ssl::error::stream_truncated)}) {
    INFO(error.message());
    const auto failure = classify_upstream_failure(S::response, error, kTarget);
    CHECK(failure.code == "reset");
    CHECK(failure.status == 502);
    CHECK(failure.message == "api.example.test:8443 closed the connection without answering");
  }
}

TEST_CASE("a refused connection and an unknown host read as such", "[proxy][failure]") {
  auto failure =
      classify_upstream_failure(S::connect, boost::asio::error::connection_refused, kTarget);
  CHECK(failure.message == "api.example.test:8443 refused the connection");
  CHECK_THAT(failure.remedy, Catch::Contains("port"));

  const error_code not_found = boost::asio::error::host_not_found;
  failure = classify_upstream_failure(S::resolve, not_found, "nowhere.invalid:80");
  CHECK(failure.code == "dns");
  CHECK(failure.message ==
        "cannot resolve the host name of nowhere.invalid:80 (" + not_found.message() + ")");
}
