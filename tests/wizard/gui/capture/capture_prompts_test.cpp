#include "wizard/gui/capture/capture_prompts.hpp"

#include <catch2/catch.hpp>

using namespace postern;

TEST_CASE("the default prompts are dialogs for every question", "[gui][capture]") {
  const auto prompts = gui::dialog_prompts();
  CHECK(prompts.confirm);
  CHECK(prompts.ask_text);
  CHECK(prompts.save_path);
}
