// The control API over a real loopback socket: the control file, the guard in front of every
// route, and stop() leaving nothing behind.
#include "runtime/control/api_server.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "api_client.hpp"

using namespace postern::control;
using namespace postern::testing;

TEST_CASE("start writes a private control file that names the port and token",
          "[control][server]") {
  RunningApi api;
  REQUIRE(api.started());
  auto file = read_control_file(control_file(api.dir()));
  REQUIRE(file);
  CHECK(file.value().port == api.port());
  CHECK(file.value().token == api.endpoint().token);
  struct stat info {};
  REQUIRE(::stat(control_file(api.dir()).c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("requests with the token reach the routes; others are refused", "[control][server]") {
  RunningApi api;
  auto ok = RawHttp(api.port()).exchange(api.request("POST", "/v1/echo", "{\"a\":1}"));
  CHECK(ok.find("HTTP/1.1 200") == 0);
  CHECK(ok.find(R"("body":"{\"a\":1}")") != std::string::npos);
  CHECK(ok.find("Cache-Control: no-store") != std::string::npos);

  std::string no_token =
      "GET /v1/echo HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(api.port()) + "\r\n\r\n";
  CHECK(RawHttp(api.port()).exchange(no_token).find("HTTP/1.1 401") == 0);
  std::string rebound = api.request("GET", "/v1/echo");
  rebound.replace(rebound.find("127.0.0.1:"), 9, "evil.test");
  CHECK(RawHttp(api.port()).exchange(rebound).find("HTTP/1.1 400") == 0);
  CHECK(RawHttp(api.port()).exchange(api.request("GET", "/v1/none")).find("HTTP/1.1 404") == 0);
}

TEST_CASE("stop closes open connections and removes the control file", "[control][server]") {
  RunningApi api;
  RawHttp idle(api.port());
  REQUIRE(idle.connected());
  CHECK(idle.exchange(api.request("GET", "/v1/echo")).find("HTTP/1.1 200") == 0);
  api.server().stop();
  CHECK(idle.exchange("").empty());  // closed by the server, not left hanging
  CHECK_FALSE(std::filesystem::exists(control_file(api.dir())));
  api.server().stop();  // twice is fine
}
