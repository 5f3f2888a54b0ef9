#pragma once
// What every page and dialog is given through its constructor (practice 15): the engine, the
// progress relay it reports to, the worker that runs it, the user's choices so far, and how to
// ask the user a yes/no question (a message box; tests answer it themselves).

#include <wx/string.h>

#include <functional>
#include <optional>
#include <vector>

#include "base/outcome.hpp"
#include "wizard/gui/progress_relay.hpp"
#include "wizard/gui/worker.hpp"
#include "wizard/setup/engine.hpp"

namespace postern::gui {

/// Choices given on the command line, preselected on the Choose page.
struct Presets {
  std::optional<std::vector<std::string>> browsers;   ///< browser ids to tick
  std::optional<std::vector<std::string>> ca_stores;  ///< store names to tick
  std::optional<std::uint16_t> proxy_port;            ///< the port field
  bool lan = false;                                   ///< the LAN box
};

/// What the wizard learned and decided, page by page.
struct WizardState {
  std::optional<setup::Survey> survey;          ///< set by the Detect page
  setup::SetupChoices choices;                  ///< set by the Choose page
  std::vector<base::Outcome> install_outcomes;  ///< set by the Install page
  bool installed = false;                       ///< the install ran to its end
};

/// Asks a yes/no question; true = yes.
using Confirm = std::function<bool(const wxString& question)>;

/// A message box (the default Confirm).
bool confirm_with_message_box(const wxString& question);

/// Everything pages share; owned by the application, outliving every window.
struct WizardContext {
  setup::Engine& engine;
  ProgressRelay& relay;
  Worker& worker;
  Presets presets = {};
  Confirm confirm = confirm_with_message_box;
};

}  // namespace postern::gui
