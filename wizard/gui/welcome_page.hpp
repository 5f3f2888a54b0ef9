#pragma once
// Page 1: what will be installed, where, and what needs administrator rights.

#include "wizard/gui/page.hpp"

namespace postern::gui {

/// The first page; read-only.
class WelcomePage final : public Page {
 public:
  WelcomePage(wxWizard* parent, WizardContext& context, WizardState& state);
};

}  // namespace postern::gui
