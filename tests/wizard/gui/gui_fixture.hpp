#pragma once
// What every GUI test needs: a private HOME and POSTERN_HOME (the process environment, because
// the runtime and trust-store tools inherit it), the real engine over them with the NSS store
// only (a test can never reach the system store, whatever it ticks), and event pumping.

#include <wx/app.h>
#include <wx/stopwatch.h>
#include <wx/utils.h>

#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "base/files.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/stores.hpp"
#include "support/temp_dir.hpp"
#include "wizard/gui/wizard_context.hpp"

namespace postern::testing {

/// Runs the event loop for `ms` milliseconds.
inline void pump(int ms) {
  wxStopWatch watch;
  do {
    wxTheApp->ProcessPendingEvents();
    wxYield();
    wxMilliSleep(5);
  } while (watch.Time() < ms);
}

/// Pumps until `done()` or `timeout_ms`; returns done().
inline bool wait_until(const std::function<bool()>& done, int timeout_ms = 60000) {
  wxStopWatch watch;
  while (!done() && watch.Time() < timeout_ms)
    pump(20);
  return done();
}

/// Sets environment variables for its lifetime and restores them after.
class ScopedEnv {
 public:
  void set(const std::string& name, const std::optional<std::string>& value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_)
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

/// Every path under `root`, to compare a home before setup and after reset.
inline std::set<std::string> snapshot(const std::filesystem::path& root) {
  std::set<std::string> paths;
  for (const auto& item : std::filesystem::recursive_directory_iterator(root))
    paths.insert(std::filesystem::relative(item.path(), root).string());
  return paths;
}

/// A private home, the engine over it, and the wizard's shared context.
struct GuiFixture {
  TempDir dir;
  std::filesystem::path home = dir / "home";
  ScopedEnv env;
  platform::PrivilegedRunner privileged{platform::system_runner(), platform::PrivilegeContext{}};
  gui::ProgressRelay relay;
  std::unique_ptr<setup::Engine> engine;
  std::unique_ptr<gui::Worker> worker = std::make_unique<gui::Worker>();
  std::unique_ptr<gui::WizardContext> context;
  std::set<std::string> before;  ///< the home before anything ran

  GuiFixture() {
    // POSTERN_HOME is the user's folder: it exists before setup and stays after reset.
    std::filesystem::create_directories(home / "postern");
    env.set("HOME", home.string());
    env.set("POSTERN_HOME", (home / "postern").string());
    for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"})
      env.set(name, std::nullopt);
    before = snapshot(home);
    engine = make_engine();
    context = std::make_unique<gui::WizardContext>(gui::WizardContext{*engine, relay, *worker});
    context->presets.ca_stores = std::vector<std::string>{"nss"};
    // Not 5555: a developer's own runtime may be there. A busy port would not fail setup (the
    // runtime reports it), but the tests should not depend on that.
    context->presets.proxy_port = static_cast<std::uint16_t>(20000 + ::getpid() % 20000);
    context->confirm = [](const wxString&) { return true; };
    quick_connectivity_check();
  }
  ~GuiFixture() {
    worker->join();
    pump(50);  // deliver what the last job queued while its windows may still exist
  }

  std::unique_ptr<setup::Engine> make_engine() {
    auto environment = base::process_environment();
    auto stores =
        platform::trust::default_stores(environment, platform::system_runner(), privileged);
    setup::StoreList nss_only;
    for (auto& store : stores)
      if (store->name() == "nss") nss_only.push_back(std::move(store));
    const char* bridge = std::getenv("POSTERN_BRIDGE_BINARY");
    const char* runtime = std::getenv("POSTERN_RUNTIME_BINARY");
    REQUIRE(bridge != nullptr);
    setup::EngineParts parts{base::current_app_paths().value(),
                             environment,
                             std::move(nss_only),
                             registry::make_os_registrar(privileged),
                             {bridge, runtime ? runtime : ""}};
    return std::make_unique<setup::Engine>(std::move(parts), relay);
  }

  // The doctor's connectivity row asks the runtime to fetch a URL; a closed local port answers
  // at once instead of waiting on the network.
  void quick_connectivity_check() {
    const auto settings = engine->paths().settings_file();
    REQUIRE(base::write_file_atomically(
        settings, R"({"connectivity": {"url": "http://127.0.0.1:9/", "timeout_ms": 500}})",
        base::FileMode::owner_only));
  }
};

}  // namespace postern::testing
