#pragma once
// What the capture window's tests share: a real postern-runtime in a temporary home (its proxy on
// a free loopback port, no HTTPS interception), a loopback origin that answers JSON with a
// Set-Cookie, curl through the proxy, a client for checking what the runtime stored, and prompts
// that answer without dialogs. The runtime is stopped by its PID when the test ends.

#include <wx/button.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "../gui_fixture.hpp"
#include "runtime/control/client/capture_api.hpp"
#include "runtime/control/client/control_client.hpp"
#include "runtime/control/client/cookie_api.hpp"
#include "runtime/daemon/runtime_process.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"
#include "wizard/gui/capture/capture_prompts.hpp"

namespace postern::testing {

inline const std::string kCookieReply =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    "Set-Cookie: session=abc123; Path=/\r\nContent-Length: 11\r\nConnection: close\r\n\r\n"
    "{\"ok\":true}";

/// The runtime's data folder on a tmpfs of `bytes` that only the runtime sees: it runs in a
/// private mount namespace (root only, as in tests/e2e/disk_full_e2e.sh), so a capture can fill
/// the disk for real and the machine's own disks are never touched.
inline std::vector<std::string> small_data_disk(const std::filesystem::path& data,
                                                std::size_t bytes) {
  std::filesystem::create_directories(data);
  return {"/usr/bin/unshare",
          "--mount",
          "--propagation",
          "private",
          "--",
          "/bin/sh",
          "-c",
          "mount -t tmpfs -o size=" + std::to_string(bytes) + ",mode=0700 tmpfs '" + data.string() +
              "' && exec \"$0\" \"$@\""};
}

/// A runtime, an origin, and answers for the window's questions.
struct CaptureFixture {
  TempDir home;
  ScopedEnv env;
  std::filesystem::path run_dir = home / "run";
  std::filesystem::path data_dir = home / "data";
  LoopbackHttpServer origin{kCookieReply};
  std::vector<std::string> runtime_wrapper;  ///< see RuntimeProcess; empty: run it directly
  RuntimeProcess runtime{
      {"--runtime-dir", run_dir.string(), "--config-dir", (home / "config").string(), "--data-dir",
       data_dir.string(), "--port", "0", "--no-intercept"},
      (home / "runtime.log").string(),
      {{"POSTERN_HOME", home.path().string()}, {"HOME", home.path().string()}},
      runtime_wrapper};
  std::optional<control_client::ControlClient> client;
  std::string proxy;  ///< "127.0.0.1:<port>"
  // What the prompts answer, and what they were asked.
  std::optional<wxString> text_answer;
  std::optional<wxString> path_answer;
  bool confirm_answer = true;
  int asked = 0;

  /// The runtime with its data folder on a tmpfs of `data_disk_bytes` (small_data_disk).
  explicit CaptureFixture(std::size_t data_disk_bytes)
      : runtime_wrapper(small_data_disk(home / "data", data_disk_bytes)) {
    connect();
  }
  CaptureFixture() { connect(); }
  void connect() {
    env.set("POSTERN_HOME", home.path().string());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!client && std::chrono::steady_clock::now() < deadline) {
      if (auto opened = control_client::ControlClient::open(run_dir); opened)
        if (opened.value().send({"GET", "/v1/status", ""}))
          client.emplace(std::move(opened).value());
      if (!client) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(client);
    auto status = capture().runtime_status();
    REQUIRE(status);
    REQUIRE(status.value().proxy);
    REQUIRE_FALSE(status.value().proxy->addresses.empty());
    proxy = status.value().proxy->addresses.front();
  }
  ~CaptureFixture() {
    runtime.signal(SIGTERM);
    runtime.wait();
  }

  control_client::CaptureApi capture() { return control_client::CaptureApi(*client); }
  control_client::CookieApi cookies() { return control_client::CookieApi(*client); }

  /// Waits until session `id` has `count` exchanges stored: the store commits them within
  /// 100 ms of curl's answer (docs/control-api.md), longer on a loaded machine.
  bool stored(std::int64_t id, std::int64_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      auto page = capture().exchanges(id);
      if (page && page.value().total >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  /// The origin's URL for `path`.
  std::string url(const std::string& path) const { return "http://" + origin.authority() + path; }
  /// curl through the runtime's proxy; its exit status. --noproxy '' so that NO_PROXY in the
  /// environment cannot route around the proxy.
  int curl(const std::string& path, const std::string& extra = "") const {
    const std::string command = "curl -s -o /dev/null --max-time 10 --noproxy '' -x http://" +
                                proxy + " -H 'X-Test: gui' " + extra + " '" + url(path) + "'";
    return std::system(command.c_str());
  }

  gui::CapturePrompts prompts() {
    gui::CapturePrompts answers;
    answers.confirm = [this](wxWindow*, const wxString&) {
      ++asked;
      return confirm_answer;
    };
    answers.ask_text = [this](wxWindow*, const wxString&, const wxString&) {
      ++asked;
      return text_answer;
    };
    answers.save_path = [this](wxWindow*, const wxString&, const wxString&, const wxString&) {
      ++asked;
      return path_answer;
    };
    return answers;
  }
};

/// Presses `button` as a click does (a button event whose object is the real button).
inline bool press(wxButton* button) {
  if (!button->IsEnabled() || !button->IsShown()) return false;
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
  return true;
}

}  // namespace postern::testing
