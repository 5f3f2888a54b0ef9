// The loopback redirect listener with real sockets: the redirect's query, the implicit
// fragment posted back by the page, what it refuses (other paths, other origins, other Host
// names), the timeout, a taken port; and opening the browser with a stand-in xdg-open.
#include "runtime/requester/loopback_callback.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <future>
#include <thread>

#include "base/files.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/oauth2_grants.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::requester;

namespace {

struct Answer {
  int status = 0;
  std::string body;
  std::string csp;
};

Answer send(std::string method, std::string url, std::vector<auth::Header> headers = {},
            std::string body = {}) {
  auto none = auth::make_auth_scheme("noauth", {}, auth::system_context());
  SendOptions options;
  options.follow_redirects = false;
  auto sent = send_request({std::move(method), std::move(url), std::move(headers), std::move(body)},
                           *none.value(), options);
  if (!sent) return {};
  return {sent.value().response.status, sent.value().body,
          auth::find_header(sent.value().response.headers, "Content-Security-Policy").value_or("")};
}

std::unique_ptr<LoopbackCallback> listening(std::string path = "/cb") {
  auto listener = LoopbackCallback::listen("127.0.0.1", 0, std::move(path));
  REQUIRE(listener);
  return std::move(listener).value();
}

}  // namespace

TEST_CASE("the redirect's query is caught and the browser told to close the tab",
          "[requester][oauth2][loopback]") {
  auto listener = listening();
  const std::string uri = listener->redirect_uri();
  CHECK(uri == "http://127.0.0.1:" + std::to_string(listener->port()) + "/cb");
  auto browser = std::async(std::launch::async, [&] {
    Answer other =
        send("GET", "http://127.0.0.1:" + std::to_string(listener->port()) + "/favicon.ico");
    Answer done = send("GET", uri + "?code=abc&state=xyz");
    return std::make_pair(other, done);
  });
  auto caught = listener->wait(std::chrono::seconds(10));
  auto [other, done] = browser.get();
  REQUIRE(caught);
  CHECK(caught.value() == uri + "?code=abc&state=xyz");
  CHECK(other.status == 404);
  CHECK(done.status == 200);
  CHECK(done.body.find("You can close this tab") != std::string::npos);
  CHECK(done.csp.starts_with("default-src 'none'; script-src 'sha256-"));
}

TEST_CASE("the implicit fragment is posted back by the page, from our own origin only",
          "[requester][oauth2][loopback]") {
  auto listener = listening("/");
  const std::string uri = listener->redirect_uri();
  const std::string origin = uri.substr(0, uri.size() - 1);
  auto browser = std::async(std::launch::async, [&] {
    Answer page = send("GET", uri);
    Answer foreign = send("POST", uri, {{"Origin", "https://evil.test"}}, "access_token=evil");
    Answer rebound =
        send("GET", uri + "?code=x", {{"Host", "evil.test:" + std::to_string(listener->port())}});
    Answer posted = send("POST", uri, {{"Origin", origin}}, "access_token=tok&state=s");
    return std::vector<Answer>{page, foreign, rebound, posted};
  });
  auto caught = listener->wait(std::chrono::seconds(10));
  auto answers = browser.get();
  REQUIRE(caught);
  CHECK(caught.value() == uri + "#access_token=tok&state=s");
  CHECK(answers[0].status == 200);
  CHECK(answers[0].body.find("<script>") != std::string::npos);
  CHECK(answers[0].body.find("history.replaceState") != std::string::npos);
  CHECK(answers[1].status == 403);
  CHECK(answers[2].status == 404);
  CHECK(answers[3].status == 200);
  // The CSP's hash is the inline script's, so the page's own script (only) may run.
  const auto start = answers[0].body.find("<script>") + 8;
  const std::string script =
      answers[0].body.substr(start, answers[0].body.find("</script>") - start);
  CHECK(answers[0].csp.find(auth::base64_encode(auth::hash(auth::HashAlgorithm::sha256, script))) !=
        std::string::npos);
}

TEST_CASE("waiting times out; a taken port is named", "[requester][oauth2][loopback]") {
  auto listener = listening();
  auto waited = listener->wait(std::chrono::milliseconds(100));
  REQUIRE_FALSE(waited);
  CHECK(waited.error().code == auth::oauth2_errc::callback_timeout);

  auto taken = LoopbackCallback::listen("127.0.0.1", listener->port(), "/cb");
  REQUIRE_FALSE(taken);
  CHECK(taken.error().message.find(std::to_string(listener->port())) != std::string::npos);
  CHECK_FALSE(LoopbackCallback::listen("not-an-address", 0, "/cb"));
}

TEST_CASE("the system browser is opened with xdg-open, the URL as one argument",
          "[requester][oauth2][loopback]") {
  testing::TempDir dir;
  const auto record = dir / "opened.txt";
  const auto opener = dir / "xdg-open";
  REQUIRE(base::write_file_atomically(opener,
                                      "#!/bin/sh\nprintf '%s' \"$1\" > '" + record.string() + "'\n",
                                      base::FileMode::executable));
  const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (dir.path().string() + ":" + old_path).c_str(), 1);
  const std::string url = "http://127.0.0.1:1/a?x=1&y='$(touch pwned)'";
  auto opened = open_in_system_browser(url);
  ::setenv("PATH", old_path.c_str(), 1);
  REQUIRE(opened);
  // The opener runs in the background: wait for its record.
  for (int i = 0; i < 100 && !std::filesystem::exists(record); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(base::read_file(record).value() == url);
  CHECK_FALSE(std::filesystem::exists("pwned"));
}
