#include "runtime/control/client/control_client.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>

#include "runtime/control/client/control_errc.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace std::chrono_literals;
using control_client::control_errc;
using control_client::ControlClient;
using control_client::ControlRequest;
using testing::LoopbackHttpServer;
using testing::LoopbackReply;

namespace {

const std::string kToken(64, 'a');

control::ControlEndpoint endpoint_for(unsigned short port) {
  return control::ControlEndpoint{"127.0.0.1", port, kToken, 4242};
}

std::string json_reply(int status, const std::string& reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("a request carries Host, the bearer token and its JSON body", "[client][client]") {
  const ControlRequest request{"POST", "/v1/capture/start", R"({"name":"a"})"};
  const std::string text =
      control_client::format_request(request, endpoint_for(40123), "postern-cli");
  CHECK(text ==
        "POST /v1/capture/start HTTP/1.1\r\n"
        "Host: 127.0.0.1:40123\r\n"
        "Authorization: Bearer " +
            kToken +
            "\r\n"
            "User-Agent: postern-cli\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 12\r\n"
            "Connection: close\r\n\r\n"
            R"({"name":"a"})");
  // A GET has no body and no framing fields; a bodiless POST says Content-Length: 0.
  const std::string get =
      control_client::format_request({"GET", "/v1/status", ""}, endpoint_for(1));
  CHECK(get.find("Content-Length") == std::string::npos);
  CHECK(get.size() > 4);
  CHECK(get.substr(get.size() - 4) == "\r\n\r\n");
  CHECK(control_client::format_request({"POST", "/v1/capture/stop", ""}, endpoint_for(1))
            .find("Content-Length: 0\r\n") != std::string::npos);
}

TEST_CASE("the client sends to the loopback server and reads its JSON answer", "[client][client]") {
  LoopbackHttpServer server(json_reply(201, "Created", R"({"id":3})"));
  ControlClient client(endpoint_for(server.port()), {});
  auto response = client.send({"POST", "/v1/capture/start", R"({"name":"x"})"});
  REQUIRE(response);
  CHECK(response.value().status == 201);
  CHECK(response.value().content_type == "application/json");
  CHECK(response.value().body == R"({"id":3})");
  REQUIRE(server.requests().size() == 1);
  const std::string head = server.requests()[0];
  CHECK(head.rfind("POST /v1/capture/start HTTP/1.1\r\n", 0) == 0);
  CHECK(head.find("\r\nHost: 127.0.0.1:" + std::to_string(server.port()) + "\r\n") !=
        std::string::npos);
  CHECK(head.find("\r\nAuthorization: Bearer " + kToken + "\r\n") != std::string::npos);
  CHECK(head.find("\r\nContent-Type: application/json\r\nContent-Length: 12\r\n") !=
        std::string::npos);
}

TEST_CASE("chunked answers, interim 100s and bodies delimited by the close are read whole",
          "[client][client]") {
  SECTION("chunked") {
    LoopbackHttpServer server(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: "
        "chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
    auto response = ControlClient(endpoint_for(server.port()), {}).send({"GET", "/v1/x", ""});
    REQUIRE(response);
    CHECK(response.value().body == R"({"a":1})");
  }
  SECTION("100 Continue first") {
    LoopbackHttpServer server("HTTP/1.1 100 Continue\r\n\r\n" + json_reply(200, "OK", "{}"));
    auto response = ControlClient(endpoint_for(server.port()), {}).send({"GET", "/v1/x", ""});
    REQUIRE(response);
    CHECK(response.value().status == 200);
    CHECK(response.value().body == "{}");
  }
  SECTION("until close") {
    LoopbackHttpServer server("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it");
    auto response = ControlClient(endpoint_for(server.port()), {}).send({"GET", "/v1/x", ""});
    REQUIRE(response);
    CHECK(response.value().body == "all of it");
  }
  SECTION("204") {
    LoopbackHttpServer server("HTTP/1.1 204 No Content\r\n\r\n");
    auto response =
        ControlClient(endpoint_for(server.port()), {}).send({"DELETE", "/v1/sessions/1", ""});
    REQUIRE(response);
    CHECK(response.value().status == 204);
    CHECK(response.value().body.empty());
  }
}

TEST_CASE("error statuses are answers; 401 is the bad-token error", "[client][client]") {
  LoopbackHttpServer not_found(json_reply(404, "Not Found", R"({"error":{"code":"NOT_FOUND"}})"));
  auto response = ControlClient(endpoint_for(not_found.port()), {}).send({"GET", "/v1/y", ""});
  REQUIRE(response);
  CHECK(response.value().status == 404);

  LoopbackHttpServer refused(
      json_reply(401, "Unauthorized", R"({"error":{"code":"TOKEN_REQUIRED"}})"));
  auto denied = ControlClient(endpoint_for(refused.port()), {}, "/run/control.json")
                    .send({"GET", "/v1/status", ""});
  REQUIRE_FALSE(denied);
  CHECK(denied.error().code == control_errc::bad_token);
  CHECK(denied.error().message.find("/run/control.json") != std::string::npos);
  CHECK(denied.error().message.find(kToken) == std::string::npos);  // never shown
  CHECK_FALSE(denied.error().remedy.empty());
}

TEST_CASE("a refused port says the runtime is not running and how to start it",
          "[client][client]") {
  ControlClient client(endpoint_for(LoopbackHttpServer::closed_port()), {}, "/run/control.json");
  auto response = client.send({"GET", "/v1/status", ""});
  REQUIRE_FALSE(response);
  CHECK(response.error().code == control_errc::not_running);
  CHECK(response.error().message.find("the runtime is not running") == 0);
  CHECK(response.error().message.find("/run/control.json") != std::string::npos);
  CHECK(response.error().remedy == "start it with `postern runtime start`");
}

TEST_CASE("a server that never answers gives the timeout error", "[client][client]") {
  LoopbackHttpServer server("", LoopbackReply::silent);
  control_client::ControlClientOptions options;
  options.reply_timeout = 200ms;
  const auto start = std::chrono::steady_clock::now();
  auto response = ControlClient(endpoint_for(server.port()), options).send({"GET", "/v1/s", ""});
  REQUIRE_FALSE(response);
  CHECK(response.error().code == control_errc::timed_out);
  CHECK(response.error().message.find("did not answer within 200 ms") != std::string::npos);
  CHECK(response.error().remedy.find("pid 4242") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < 3s);
}

TEST_CASE("broken, cut short and oversized answers are errors, not crashes", "[client][client]") {
  SECTION("not HTTP") {
    LoopbackHttpServer server("hello there\r\n\r\n");
    auto response = ControlClient(endpoint_for(server.port()), {}).send({"GET", "/v1/s", ""});
    REQUIRE_FALSE(response);
    CHECK(response.error().code == control_errc::bad_response);
  }
  SECTION("closed without a byte") {
    LoopbackHttpServer server("", LoopbackReply::hang_up);
    auto response = ControlClient(endpoint_for(server.port()), {}).send({"GET", "/v1/s", ""});
    REQUIRE_FALSE(response);
    CHECK(response.error().code == control_errc::connection_failed);
  }
  SECTION("body cut short") {
    LoopbackHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}");
    auto response = ControlClient(endpoint_for(server.port()), {}).send({"GET", "/v1/s", ""});
    REQUIRE_FALSE(response);
    CHECK(response.error().message.find("before the answer was complete") != std::string::npos);
  }
  SECTION("larger than allowed") {
    LoopbackHttpServer server(json_reply(200, "OK", std::string(2000, 'x')));
    control_client::ControlClientOptions options;
    options.max_body = 1000;
    auto response = ControlClient(endpoint_for(server.port()), options).send({"GET", "/v", ""});
    REQUIRE_FALSE(response);
    CHECK(response.error().code == control_errc::bad_response);
  }
  SECTION("a target that would split the request line is refused before sending") {
    auto response = ControlClient(endpoint_for(1), {}).send({"GET", "/v1/x HTTP/1.1\r\nX: y", ""});
    REQUIRE_FALSE(response);
    CHECK(response.error().code == std::errc::invalid_argument);
  }
}

TEST_CASE("open() reads control.json from the runtime folder", "[client][client]") {
  testing::TempDir dir;
  SECTION("missing: not running") {
    auto client = ControlClient::open(dir.path());
    REQUIRE_FALSE(client);
    CHECK(client.error().code == control_errc::not_running);
    CHECK(client.error().message.find("the runtime is not running") == 0);
    CHECK(client.error().remedy == "start it with `postern runtime start`");
  }
  SECTION("present") {
    REQUIRE(control::write_control_file(control::control_file(dir.path()), endpoint_for(5555)));
    auto client = ControlClient::open(dir.path());
    REQUIRE(client);
    CHECK(client.value().endpoint().port == 5555);
    CHECK(client.value().endpoint().token == kToken);
  }
  SECTION("malformed") {
    std::ofstream(control::control_file(dir.path())) << "{\"port\": \"x\"}";
    auto client = ControlClient::open(dir.path());
    REQUIRE_FALSE(client);
    CHECK(client.error().code == control_errc::endpoint_invalid);
  }
}

TEST_CASE("open_current() follows POSTERN_HOME to its run folder", "[client][client]") {
  testing::TempDir home;
  const char* old_home = std::getenv("POSTERN_HOME");
  const std::string saved = old_home ? old_home : "";
  ::setenv("POSTERN_HOME", home.path().c_str(), 1);
  auto client = ControlClient::open_current();
  if (old_home) {
    ::setenv("POSTERN_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("POSTERN_HOME");
  }
  REQUIRE_FALSE(client);
  CHECK(client.error().code == control_errc::not_running);
  CHECK(client.error().message.find(home.path().string()) != std::string::npos);
}
