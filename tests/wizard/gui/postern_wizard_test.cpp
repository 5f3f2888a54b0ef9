#include "wizard/gui/postern_wizard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wx/uiaction.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/files.hpp"
#include "wizard/gui/choose_page.hpp"
#include "wizard/gui/diagnose_page.hpp"
#include "wizard/gui/finish_page.hpp"
#include "wizard/gui/install_page.hpp"
#include "wizard/gui/reset_dialog.hpp"
#include "wizard/setup/install_ledger.hpp"
#include "wizard_driver.hpp"

using namespace postern;
using testing::GuiFixture;
using testing::WizardDriver;

namespace {

// A ledger with what differs between two installs taken out: times, the CA's serial and
// fingerprint, and the home folder.
std::multiset<std::string> normalised_ledger(const std::filesystem::path& file,
                                             const std::filesystem::path& home) {
  auto ledger = setup::InstallLedger::load(file);
  REQUIRE(ledger);
  auto strip = [&](std::string text) {
    for (auto at = text.find(home.string()); at != std::string::npos; at = text.find(home.string()))
      text.replace(at, home.string().size(), "<home>");
    return text;
  };
  std::multiset<std::string> entries;
  for (const auto& entry : ledger.value().entries()) {
    nlohmann::json details(entry.details);
    std::string line =
        entry.kind + "|" + entry.store + "|" + strip(entry.target) + "|" + strip(details.dump());
    if (entry.kind != setup::kTrustStoreEntry) line += "|" + entry.label;
    entries.insert(line);
  }
  return entries;
}

// `postern setup` with the same choices, in a home of its own; then `postern reset` there.
std::filesystem::path run_cli_setup(const std::filesystem::path& home,
                                    const std::vector<std::string>& browsers) {
  const char* cli = std::getenv("POSTERN_CLI");
  REQUIRE(cli != nullptr);
  std::string list;
  for (const auto& id : browsers)
    list += (list.empty() ? "" : ",") + id;
  std::filesystem::create_directories(home);
  const std::string env =
      "HOME='" + home.string() + "' POSTERN_HOME='" + (home / "postern").string() + "' ";
  const std::string command = env + cli + " setup --yes --browsers " + list +
                              " --ca-stores nss > '" + (home.parent_path() / "cli.log").string() +
                              "' 2>&1";
  CHECK(std::system(command.c_str()) == 0);
  return home;
}

void reset_cli(const std::filesystem::path& home) {
  const std::string command = "HOME='" + home.string() + "' POSTERN_HOME='" +
                              (home / "postern").string() + "' " + std::getenv("POSTERN_CLI") +
                              " reset > /dev/null 2>&1";
  CHECK(std::system(command.c_str()) == 0);
}

bool port_open(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return open;
}

}  // namespace

TEST_CASE(
    "a full wizard run installs into the temporary home with the same ledger as "
    "`postern setup`; Reset from the GUI leaves the home as it was",
    "[gui][wizard][full]") {
  GuiFixture fx;
  fx.context->presets.proxy_port = 18093;  // not 5555: other tests may run a proxy there
  WizardDriver run(*fx.context);
  // A real pointer click on Next (XTest), as a user does, once: the rest press the buttons.
  REQUIRE(run.reach("welcome"));
  run.wizard->Raise();
  testing::pump(300);
  wxUIActionSimulator mouse;
  const wxRect next = run.wizard->FindWindow(wxID_FORWARD)->GetScreenRect();
  REQUIRE(mouse.MouseMove(next.x + next.width / 2, next.y + next.height / 2));
  testing::pump(50);
  REQUIRE(mouse.MouseClick());
  REQUIRE(run.reach("detect"));
  // The keyboard too: Alt+N is Next's mnemonic (the pointer is over the wizard, which has the
  // focus under Xvfb without a window manager).
  REQUIRE(mouse.Char('n', wxMOD_ALT));
  REQUIRE(run.reach("choose"));
  REQUIRE(run.next());
  REQUIRE(run.reach("install", 180000));
  INFO(run.get<gui::InstallPage>("install")->summary().utf8_string());
  REQUIRE(base::all_ok(run.wizard->state().install_outcomes));
  const auto choices = run.wizard->state().choices;
  REQUIRE(run.next());
  REQUIRE(run.reach("diagnose", 180000));
  auto* doctor = run.get<gui::DiagnosePage>("diagnose")->panel();
  REQUIRE(doctor->report());
  // Installed, but no browser ran the extension: the honest verdict.
  CHECK(doctor->report()->verdict == setup::Verdict::not_connected);
  REQUIRE(run.next());
  REQUIRE(run.reach("finish"));
  const auto summary = run.get<gui::FinishPage>("finish")->summary();
  CHECK(summary.Contains("127.0.0.1:18093"));
  CHECK(summary.Contains("http://postern.proxy/"));
  CHECK(summary.Contains("postern-proxy-ca.crt"));
  CHECK(summary.Contains("runtime is running"));
  // The runtime that setup started listens on the chosen port.
  CHECK(port_open(18093));
  REQUIRE(run.next());  // Finish
  REQUIRE(testing::wait_until([&] { return !run.wizard; }, 5000));

  const auto cli_home = run_cli_setup(fx.dir / "cli-home", choices.browsers);
  CHECK(normalised_ledger(fx.engine->paths().ledger_file(), fx.home) ==
        normalised_ledger(
            cli_home / std::filesystem::relative(fx.engine->paths().ledger_file(), fx.home),
            cli_home));
  reset_cli(cli_home);

  gui::ResetDialog reset(nullptr, *fx.context);
  reset.Show();
  REQUIRE(testing::wait_until([&] { return reset.ready(); }));
  CHECK(reset.items()->GetItemCount() >= 5);
  CHECK(reset.remove_button()->IsEnabled());
  reset.remove();
  REQUIRE(testing::wait_until([&] { return reset.ready() && reset.removed(); }, 60000));
  CHECK(reset.summary().Contains("Everything was removed"));
  CHECK(testing::snapshot(fx.home) == fx.before);
}
