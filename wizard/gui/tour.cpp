#include "wizard/gui/tour.hpp"

#include <wx/utils.h>

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "wizard/gui/capture/capture_window.hpp"
#include "wizard/gui/choose_page.hpp"
#include "wizard/gui/key_dialog.hpp"
#include "wizard/gui/main_frame.hpp"
#include "wizard/gui/postern_wizard.hpp"
#include "wizard/gui/reset_dialog.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::gui {

namespace {

constexpr int kTickMs = 100;
constexpr int kSettleTicks = 5;     // half a second of "ready" before a photo
constexpr int kGiveUpTicks = 1200;  // two minutes for one step (a slow trust-store tool)

// Runs `args` (found on PATH) and waits for it; true when it exits 0. posix_spawn and a wait for
// this one child, not wxExecute: wx learns of a child's exit from SIGCHLD, and the runtime and
// trust-store tools the engine starts can leave it waiting. Only the tour blocks on this.
bool run_and_wait(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The capture shots' sample traffic: method, path, curl's extra arguments.
struct SampleRequest {
  const char* method;
  const char* path;
  std::vector<std::string> extra;
};

const std::vector<SampleRequest>& sample_requests() {
  static const std::vector<SampleRequest> requests = {
      {"GET", "/api/users?page=1", {}},
      {"POST",
       "/api/orders",
       {"-H", "Content-Type: application/json", "--data", R"({"item":"book","qty":2})"}},
      {"GET", "/api/orders/7", {}},
      {"GET", "/static/app.css", {}},
      {"GET", "/img/logo.png", {}},
      {"GET", "/api/missing", {}},
      {"DELETE", "/api/orders/7", {}},
  };
  return requests;
}

}  // namespace

Shooter import_shooter(const std::string& dir) {
  return [dir](wxWindow* window, const std::string& name) {
    // Screen coordinates are logical; `import` crops in pixels (twice as many at GDK_SCALE=2).
    const double scale = window->GetContentScaleFactor();
    const wxRect logical = window->GetScreenRect();
    const wxRect rect(
        wxPoint(static_cast<int>(logical.x * scale), static_cast<int>(logical.y * scale)),
        wxSize(static_cast<int>(logical.width * scale), static_cast<int>(logical.height * scale)));
    return run_and_wait(
        {"import", "-window", "root", "-crop",
         wxString::Format("%dx%d+%d+%d", rect.width, rect.height, rect.x, rect.y).utf8_string(),
         "+repage", dir + "/" + name + ".png"});  // the X server already holds the painted pixels
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
  steps_.push_back({[wizard] { return !*wizard; }, [] { return true; }});
  build_capture();
  auto key = std::make_shared<wxWeakRef<KeyDialog>>();
  steps_.push_back({always, [this, key] {
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

void Tour::send_sample_traffic() {
  if (capture_origin_.empty()) return;
  const auto port = context_.presets.proxy_port.value_or(setup::kDefaultProxyPort);
  const std::string proxy = "http://127.0.0.1:" + std::to_string(port);
  auto origin = capture_origin_;
  for (const auto& request : sample_requests()) {
    std::vector<std::string> args = {"curl",       "-s",  "-o",        "/dev/null",
                                     "--max-time", "5",   "--noproxy", "",
                                     "-x",         proxy, "-X",        request.method};
    args.insert(args.end(), request.extra.begin(), request.extra.end());
    args.push_back(origin + request.path);
    run_and_wait(args);
  }
  // One more host, so the Overview's domain graph has two bars.
  if (const auto at = origin.find("127.0.0.1"); at != std::string::npos)
    run_and_wait({"curl", "-s", "-o", "/dev/null", "--max-time", "5", "--noproxy", "", "-x", proxy,
                  origin.replace(at, 9, "localhost") + "/api/health"});
}

// The capture window, between the wizard (which started the runtime) and the reset (which
// stops it): the form, the live table, a detail, the cookies, the history and its overview.
void Tour::build_capture() {
  auto capture = std::make_shared<wxWeakRef<CaptureWindow>>();
  auto settled = [capture] { return *capture && (*capture)->settled(); };
  steps_.push_back({[] { return true; },
                    [this, capture] {
                      *capture = frame_.open_capture();
                      return true;
                    }});
  steps_.push_back({settled, [this, capture] {
                      auto* setup = (*capture)->setup();
                      setup->name_field()->SetValue("Checkout API");
                      setup->exclude_field()->SetValue("analytics, /favicon.ico");
                      setup->cookies_box()->SetValue(true);
                      return true;
                    }});
  steps_.push_back({settled, [this, capture] {  // a step later: the boxes have painted
                      const bool ok = shoot(capture->get(), "10-capture-setup");
                      (*capture)->setup()->start();
                      return ok;
                    }});
  steps_.push_back({[capture, settled] { return settled() && (*capture)->showing_live(); },
                    [this] {
                      send_sample_traffic();
                      return true;
                    }});
  const std::size_t expected = capture_origin_.empty() ? 0 : sample_requests().size();
  steps_.push_back({[capture, settled, expected] {
                      return settled() && (*capture)->live()->requests()->list()->GetItemCount() >=
                                              static_cast<int>(expected);
                    },
                    [this, capture] {
                      const bool ok = shoot(capture->get(), "11-capture-requests");
                      (*capture)->live()->requests()->select(1);  // the POST, with a JSON body
                      return ok;
                    }});
  steps_.push_back({settled, [this, capture] {
                      const bool ok = shoot(capture->get(), "12-capture-detail");
                      (*capture)->live()->tabs()->SetSelection(1);
                      (*capture)->live()->cookies()->reload();
                      return ok;
                    }});
  steps_.push_back({settled, [this, capture] {
                      const bool ok = shoot(capture->get(), "13-capture-cookies");
                      (*capture)->live()->bar()->stop();
                      return ok;
                    }});
  steps_.push_back({settled, [capture] {
                      (*capture)->tabs()->SetSelection(1);
                      if (auto id = (*capture)->live()->session_id())
                        (*capture)->history()->open(*id);
                      return true;
                    }});
  steps_.push_back({[capture, settled] {
                      return settled() && (*capture)->history()->view()->session().has_value();
                    },
                    [capture] {
                      (*capture)->history()->view()->tabs()->SetSelection(1);
                      return true;
                    }});
  steps_.push_back({settled, [this, capture] {
                      const bool ok = shoot(capture->get(), "14-capture-history");
                      (*capture)->history()->view()->tabs()->SetSelection(0);
                      return ok;
                    }});
  steps_.push_back({settled, [this, capture] {
                      const bool ok = shoot(capture->get(), "15-capture-overview");
                      (*capture)->Destroy();
                      return ok;
                    }});
}

void Tour::start() {
  // scripts/screenshots.sh runs a sample origin and names it here (the app has no option for it:
  // it is the screenshots' business, not the user's).
  if (const char* origin = std::getenv("POSTERN_TOUR_ORIGIN"); origin && capture_origin_.empty())
    capture_origin_ = origin;
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
