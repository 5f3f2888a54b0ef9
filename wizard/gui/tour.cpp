#include "wizard/gui/tour.hpp"

#include <wx/utils.h>

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>

#include "wizard/gui/choose_page.hpp"
#include "wizard/gui/key_dialog.hpp"
#include "wizard/gui/main_frame.hpp"
#include "wizard/gui/postern_wizard.hpp"
#include "wizard/gui/reset_dialog.hpp"

namespace postern::gui {

namespace {

constexpr int kTickMs = 100;
constexpr int kSettleTicks = 5;     // half a second of "ready" before a photo
constexpr int kGiveUpTicks = 1200;  // two minutes for one step (a slow trust-store tool)

}  // namespace

Shooter import_shooter(const std::string& dir) {
  return [dir](wxWindow* window, const std::string& name) {
    // Screen coordinates are logical; `import` crops in pixels (twice as many at GDK_SCALE=2).
    const double scale = window->GetContentScaleFactor();
    const wxRect logical = window->GetScreenRect();
    const wxRect rect(
        wxPoint(static_cast<int>(logical.x * scale), static_cast<int>(logical.y * scale)),
        wxSize(static_cast<int>(logical.width * scale), static_cast<int>(logical.height * scale)));
    std::vector<std::string> args = {
        "import",
        "-window",
        "root",
        "-crop",
        wxString::Format("%dx%d+%d+%d", rect.width, rect.height, rect.x, rect.y).utf8_string(),
        "+repage",
        dir + "/" + name + ".png"};
    std::vector<char*> argv;
    for (auto& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    // posix_spawn and a wait for this one child, not wxExecute: wx learns of a child's exit from
    // SIGCHLD, and the runtime and trust-store tools the engine starts can leave it waiting.
    // The X server already holds the painted pixels, so blocking the loop here is harmless.
    pid_t pid = 0;
    if (::posix_spawnp(&pid, "import", nullptr, nullptr, argv.data(), environ) != 0) return false;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
      if (errno != EINTR) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  };
}

Tour::Tour(MainFrame& frame, WizardContext& context, Shooter shooter, std::function<void(int)> done)
    : frame_(frame),
      context_(context),
      shooter_(std::move(shooter)),
      done_(std::move(done)),
      timer_(this) {
  Bind(wxEVT_TIMER, &Tour::on_tick, this);
}

bool Tour::shoot(wxWindow* window, const std::string& name) {
  window->Raise();
  window->Update();
  shots_.push_back(name);
  return shooter_(window, name);
}

void Tour::build() {
  auto always = [] { return true; };
  auto wizard = std::make_shared<wxWeakRef<PosternWizard>>();
  steps_.push_back(
      {[this] { return frame_.ready(); }, [this] { return shoot(&frame_, "0-main"); }});
  steps_.push_back({always, [this, wizard] {
                      *wizard = frame_.open_wizard();
                      return true;
                    }});
  const char* pages[] = {"welcome", "detect", "choose", "install", "diagnose", "finish"};
  int number = 1;
  for (const char* name : pages) {
    const std::string page = name;
    const std::string shot = std::to_string(number++) + "-" + page;
    steps_.push_back({[wizard, page] {
                        return *wizard && (*wizard)->current_name() == page &&
                               (*wizard)->page(page)->ready();
                      },
                      [this, wizard, shot] {
                        return shoot(wizard->get(), shot) && (*wizard)->press(wxID_FORWARD);
                      }});
  }
  auto key = std::make_shared<wxWeakRef<KeyDialog>>();
  steps_.push_back({[wizard] { return !*wizard; },
                    [this, key] {
                      *key = new KeyDialog(&frame_, context_);
                      (*key)->key()->SetValue("MySecretKey2024");  // sends the text event
                      (*key)->Show();
                      return true;
                    }});
  steps_.push_back({always, [this, key] {
                      const bool ok = shoot(key->get(), "7-set-key");
                      (*key)->Destroy();
                      return ok;
                    }});
  auto reset = std::make_shared<wxWeakRef<ResetDialog>>();
  steps_.push_back({always, [this, reset] {
                      *reset = new ResetDialog(&frame_, context_);
                      (*reset)->Show();
                      return true;
                    }});
  steps_.push_back({[reset] { return (*reset)->ready(); },
                    [this, reset] {
                      const bool ok = shoot(reset->get(), "8-reset-preview");
                      context_.confirm = [](const wxString&) { return true; };
                      (*reset)->remove();
                      return ok;
                    }});
  steps_.push_back({[reset] { return (*reset)->ready() && (*reset)->removed(); },
                    [this, reset] {
                      const bool ok = shoot(reset->get(), "9-reset-done");
                      (*reset)->Destroy();
                      return ok;
                    }});
}

void Tour::start() {
  build();
  timer_.Start(kTickMs);
}

void Tour::on_tick(wxTimerEvent&) {
  if (next_ >= steps_.size()) return;
  if (++waited_ticks_ > kGiveUpTicks) {
    timer_.Stop();
    std::fprintf(stderr, "postern-wizard: tour step %zu did not get ready in time\n", next_);
    done_(3);
    return;
  }
  if (!steps_[next_].ready()) {
    settle_ticks_ = 0;
    return;
  }
  if (++settle_ticks_ < kSettleTicks) return;
  timer_.Stop();  // an action may run a nested loop (wxExecute); no ticks inside it
  std::fprintf(stderr, "postern-wizard: tour step %zu\n", next_);
  const bool ok = steps_[next_].act();
  ++next_;
  settle_ticks_ = waited_ticks_ = 0;
  if (!ok) {
    done_(2);
    return;
  }
  if (next_ == steps_.size()) {
    done_(0);
    return;
  }
  timer_.Start(kTickMs);
}

}  // namespace postern::gui
