#include "wizard/setup/doctor.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "base/files.hpp"
#include "browser_fixture.hpp"

using namespace postern;

namespace {

struct Fixture : testing::BrowserFixture {
  bool runtime_up = false;
  int connectivity_asked = 0;
  base::Outcome connectivity = base::already("internet", "https://example.com/", "reached");

  void setup() {
    auto built = setup::build_setup_plan(context(), {}, detection);
    base::CancellationToken cancel;
    REQUIRE(base::all_ok(built.plan.run({}, base::null_progress(), cancel)));
  }
  void handshake(const std::string& json) {
    REQUIRE(base::write_file_atomically(paths.runtime / "bridge/last-handshake.json", json,
                                        base::FileMode::owner_only));
  }
  setup::DoctorReport doctor() {
    return setup::run_doctor({paths, env, *trust, *registrar, detection,
                              [this] {
                                return runtime_up
                                           ? base::already("runtime", "sock", "up")
                                           : base::failed("runtime", "sock", "RUNTIME_NOT_RUNNING",
                                                          "down", "start it");
                              },
                              [this] {
                                ++connectivity_asked;
                                return connectivity;
                              }});
  }
  static const base::Outcome* row(const setup::DoctorReport& report, const std::string& step) {
    for (const auto& check : report.checks)
      if (check.step == step) return &check;
    return nullptr;
  }
  static bool has(const setup::DoctorReport& report, const std::string& code) {
    for (const auto& check : report.checks)
      if (check.code == code && !check.ok()) return true;
    return false;
  }
};

std::string paired_now(bool runtime_reached = true) {
  return R"({"state":"paired","origin":"chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/","runtime":{"connected":)" +
         std::string(runtime_reached ? "true" : "false") + R"(},"time":)" +
         std::to_string(std::time(nullptr) + 5) + "}";
}

}  // namespace

TEST_CASE("nothing installed: Dependencies not installed, with setup as the fix",
          "[setup][doctor]") {
  Fixture fx;
  auto report = fx.doctor();
  CHECK(report.verdict == setup::Verdict::dependencies_missing);
  CHECK(Fixture::has(report, "HOST_NOT_EXECUTABLE"));
  CHECK(Fixture::has(report, "MANIFEST_MISSING"));
}

TEST_CASE("Connected needs a live paired handshake and a running runtime", "[setup][doctor]") {
  Fixture fx;
  fx.setup();
  CHECK(fx.doctor().verdict == setup::Verdict::not_connected);  // files alone are not a connection
  fx.handshake(paired_now());
  CHECK(fx.doctor().verdict == setup::Verdict::not_connected);  // no runtime yet
  fx.runtime_up = true;
  CHECK(fx.doctor().verdict == setup::Verdict::connected);
  fx.handshake(paired_now(false));  // the bridge paired but could not reach the runtime
  auto half = fx.doctor();
  CHECK(half.verdict == setup::Verdict::not_connected);
  CHECK(Fixture::has(half, "RUNTIME_NOT_RUNNING"));
}

TEST_CASE("each broken state gives its code", "[setup][doctor]") {
  Fixture fx;
  fx.setup();
  fx.runtime_up = true;
  fx.handshake(
      R"({"state":"key_mismatch","reason":"keys_differ","origin":"chrome-extension://x/","time":1})");
  CHECK(Fixture::has(fx.doctor(), "KEY_MISMATCH"));

  fx.handshake(paired_now());
  const auto manifest = fx.home / ".config/chromium/NativeMessagingHosts/com.postern.bridge.json";
  auto text = base::read_file(manifest).value();
  std::ofstream(manifest) << std::string(text).replace(
      text.find("ocnfmjcdllbpfolgffoeocfckfbaakgm"), 32, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  CHECK(Fixture::has(fx.doctor(), "ORIGIN_NOT_ALLOWED"));

  std::filesystem::remove(manifest);
  auto missing = fx.doctor();
  CHECK(Fixture::has(missing, "MANIFEST_MISSING"));
  CHECK(missing.verdict == setup::Verdict::dependencies_missing);

  fx.setup();
  std::filesystem::permissions(setup::installed_bridge_path(fx.paths),
                               std::filesystem::perms::owner_read);
  CHECK(Fixture::has(fx.doctor(), "HOST_NOT_EXECUTABLE"));
}

TEST_CASE("the internet row: asked of the runtime only when it runs; never the verdict",
          "[setup][doctor]") {
  Fixture fx;
  fx.setup();
  fx.handshake(paired_now());
  auto down = fx.doctor();
  const auto* skipped = Fixture::row(down, "internet");
  REQUIRE(skipped);
  CHECK(skipped->status == base::Status::skipped);
  CHECK(skipped->cause.find("needs the runtime") == 0);
  CHECK(fx.connectivity_asked == 0);

  fx.runtime_up = true;
  fx.connectivity =
      base::failed("internet", "https://example.com/", "INTERNET_CONNECTIVITY",
                   "the proxy http://127.0.0.1:9 does not accept connections", "start the proxy");
  auto up = fx.doctor();
  CHECK(fx.connectivity_asked == 1);
  CHECK(Fixture::has(up, "INTERNET_CONNECTIVITY"));
  CHECK(Fixture::row(up, "internet")->target == "https://example.com/");
  // Capture works without the internet: the verdict is about extension, bridge and runtime.
  CHECK(up.verdict == setup::Verdict::connected);
}
