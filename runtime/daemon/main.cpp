// postern-runtime: the daemon (DESIGN.md "Binaries"). For now it serves the local socket the
// bridge and the CLI talk to (docs/runtime-socket.md); the proxy, capture, store and control API
// join in later issues. It always runs in the foreground: the bridge starts it detached (own
// session, stdio into <runtime>/postern-runtime.log), and service managers prefer a foreground
// process anyway. `--foreground` is accepted for the CLI's sake and changes nothing.
//
// This file only wires things: the instance lock, the server, and the signals that stop it.
// Tested through the real binary in tests/runtime/daemon/main_test.cpp.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "base/app_paths.hpp"
#include "runtime/control/api_server.hpp"
#include "runtime/daemon/blocking_work.hpp"
#include "runtime/daemon/capture_proxy.hpp"
#include "runtime/daemon/control_routes.hpp"
#include "runtime/daemon/folder_watch.hpp"
#include "runtime/daemon/instance_lock.hpp"
#include "runtime/daemon/request_handler.hpp"
#include "runtime/daemon/runtime_services.hpp"
#include "runtime/daemon/server.hpp"
#include "runtime/requester/connectivity.hpp"
#include "runtime/requester/runtime_settings.hpp"
#include "runtime/requester/upstream_route.hpp"

namespace {

namespace fs = std::filesystem;
using namespace postern;

constexpr const char* kUsage =
    "usage: postern-runtime [--port N] [--lan] [--foreground] [--runtime-dir DIR]\n"
    "                       [--config-dir DIR] [--data-dir DIR] [--no-intercept]\n"
    "                       [--insecure-upstream] [--pass-through HOST]... [--version]\n"
    "  --port N             the capture proxy's port (default 5555; 0 picks a free one)\n"
    "  --lan                listen on every interface, for phones and other machines\n"
    "                       (default: 127.0.0.1 only)\n"
    "  --foreground         run in the foreground (always the case; kept for scripts)\n"
    "  --runtime-dir DIR    the folder for postern.sock and the pid file (default: Postern's\n"
    "                       runtime folder, relocated by POSTERN_HOME)\n"
    "  --config-dir DIR     the folder holding settings.json and proxy/ (the CA)\n"
    "  --data-dir DIR       the folder holding capture.db and cookies.json\n"
    "  --no-intercept       pass HTTPS through untouched instead of intercepting it\n"
    "  --insecure-upstream  do not verify servers' certificates (lab servers only)\n"
    "  --pass-through HOST  never intercept HOST (\"*.example.com\" for a whole domain)\n";

// Outbound checks run on their own threads: two is plenty for a doctor or two at once, and a
// queue of eight bounds what a misbehaving client can pile up.
constexpr std::size_t kBlockingThreads = 2;
constexpr std::size_t kMaxBlockingJobs = 8;

// stderr only, with a UTC time: a runtime started by the bridge writes into its log file.
void log_line(const std::string& text) {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &parts);
  std::fprintf(stderr, "postern-runtime: %s %s\n", stamp, text.c_str());
  std::fflush(stderr);
}

struct Options {
  std::optional<fs::path> runtime_dir;
  std::optional<fs::path> config_dir;
  std::optional<fs::path> data_dir;
  proxy::ProxyOptions proxy;
  bool version = false;
  bool help = false;
};

std::optional<std::uint16_t> parse_port(const std::string& text) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const unsigned long value = std::stoul(text);
  if (value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::optional<Options> parse(const std::vector<std::string>& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--foreground") continue;
    if (args[i] == "--version") {
      options.version = true;
    } else if (args[i] == "--help" || args[i] == "-h") {
      options.help = true;
    } else if (args[i] == "--runtime-dir" && i + 1 < args.size()) {
      options.runtime_dir = fs::path(args[++i]);
    } else if (args[i] == "--config-dir" && i + 1 < args.size()) {
      options.config_dir = fs::path(args[++i]);
    } else if (args[i] == "--data-dir" && i + 1 < args.size()) {
      options.data_dir = fs::path(args[++i]);
    } else if (args[i] == "--port" && i + 1 < args.size()) {
      const auto port = parse_port(args[++i]);
      if (!port) return std::nullopt;
      options.proxy.listen.port = *port;
    } else if (args[i] == "--lan") {
      options.proxy.listen.address = "0.0.0.0";
    } else if (args[i] == "--no-intercept") {
      options.proxy.intercept_tls = false;
    } else if (args[i] == "--insecure-upstream") {
      options.proxy.verify_upstream = false;
    } else if (args[i] == "--pass-through" && i + 1 < args.size()) {
      options.proxy.pass_through.push_back(args[++i]);
    } else {
      return std::nullopt;
    }
  }
  return options;
}

// The runtime, config and data folders: each from its option, else from Postern's paths.
struct Folders {
  fs::path runtime;
  fs::path config;
  fs::path data;
};

std::optional<Folders> folders(const Options& options) {
  if (options.runtime_dir && options.config_dir && options.data_dir)
    return Folders{fs::absolute(*options.runtime_dir), fs::absolute(*options.config_dir),
                   fs::absolute(*options.data_dir)};
  auto paths = base::current_app_paths();
  if (!paths) {
    log_line(paths.error().message + "; " + paths.error().remedy);
    return std::nullopt;
  }
  const auto pick = [](const std::optional<fs::path>& given, const fs::path& fallback) {
    return given ? fs::absolute(*given) : fallback;
  };
  return Folders{pick(options.runtime_dir, paths.value().runtime),
                 pick(options.config_dir, paths.value().config),
                 pick(options.data_dir, paths.value().data)};
}

// The upstream proxy comes from settings.json, read once at start (restart to change it); a
// broken file is reported and the proxy goes direct rather than refusing to run.
proxy::UpstreamProxyRoute upstream_route(const fs::path& config, std::uint16_t own_port) {
  auto settings = requester::load_runtime_settings(requester::settings_file(config));
  if (!settings) {
    log_line("capture proxy goes direct: " + settings.error().message);
    return {};
  }
  // The desktop's settings and PAC file too, read once now; routes are kept per origin.
  return requester::upstream_route(
      settings.value().proxy, requester::live_proxy_sources(base::process_environment()), own_port);
}

// connectivity.check: the requester's check on a worker thread, settings read from `config`
// each time (an edit applies at once), cancelled when the runtime stops.
daemon::ConnectivityCheck connectivity_check(daemon::BlockingWork& blocking, fs::path config) {
  return [&blocking, config = std::move(config)](std::optional<std::string> url,
                                                 std::function<void(nlohmann::json)> done) {
    auto job = [&blocking, config, url, done] {
      done(requester::to_json(requester::run_connectivity_check(config, base::process_environment(),
                                                                url, &blocking.cancelled())));
    };
    if (!blocking.run(job))
      done({{"ok", false},
            {"url", url.value_or("")},
            {"failure", "busy"},
            {"message", "the runtime is already running as many checks as it allows"},
            {"remedy", "try again in a few seconds"}});
  };
}

// The capture proxy, or why it is not listening. A busy port does not stop the runtime: the
// extension, cookie sync and the requester need it too, and /v1/status says what to change.
struct ProxySlot {
  std::unique_ptr<daemon::CaptureProxy> running;
  nlohmann::json failure;  // CaptureProxy::failed_status when `running` is null
  nlohmann::json status() const { return running ? running->status() : failure; }
};

ProxySlot start_proxy(proxy::ProxyOptions options, const fs::path& config,
                      std::shared_ptr<proxy::ExchangeHooks> hooks) {
  options.upstream_proxy = upstream_route(config, options.listen.port);
  const proxy::ListenOptions listen = options.listen;
  auto started =
      daemon::CaptureProxy::start(std::move(options), config / "proxy", std::move(hooks), log_line);
  if (started) return ProxySlot{std::move(started.value()), nullptr};
  log_line("the capture proxy is off: " + started.error().message + "; " + started.error().remedy);
  return ProxySlot{nullptr, daemon::CaptureProxy::failed_status(listen, started.error())};
}

// Serves until a signal or a `shutdown` request stops the server; returns the exit status.
// The bridge socket opens last. A client that finds it gets its hello answered at once (within
// the bridge's 300 ms), while everything slow about a first start (making the store, minting the
// CA) happens before the socket exists, inside the client's longer start timeout.
int serve(daemon::InstanceLock& lock, const Folders& folder, proxy::ProxyOptions proxy_options) {
  const fs::path& config = folder.config;
  boost::asio::io_context io(1);  // one thread runs it: the hint lets Asio skip some locking
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  // Declared after io, so destroyed before it: stop() joins the workers while their answers
  // can still be posted to the (stopped) io_context.
  daemon::BlockingWork blocking(kBlockingThreads, kMaxBlockingJobs);
  daemon::FolderWatch folder_watch(io, daemon::kFolderCheckPeriod);
  std::shared_ptr<control::ApiServer> api;  // made once the services are open
  daemon::Server server(
      io, lock.socket_file(), daemon::ServerLimits{}, log_line,
      [&signals, &blocking, &api, &folder_watch] {
        if (api) api->stop();
        blocking.stop();  // running checks see the flag and end at once
        folder_watch.stop();
        boost::system::error_code ignored;
        signals.cancel(ignored);  // the last pending work: io.run() returns once sessions close
      },
      static_cast<unsigned long>(::geteuid()), connectivity_check(blocking, config));
  auto services = daemon::RuntimeServices::open(folder.data, log_line);
  if (!services) {
    log_line(services.error().message + "; " + services.error().remedy);
    return 1;
  }
  const ProxySlot capture_proxy =
      start_proxy(std::move(proxy_options), config, services.value()->capture());
  control::ApiRouter routes = daemon::control_routes(
      [&server] { return server.facts(); }, [&capture_proxy] { return capture_proxy.status(); },
      [&io, &server] { boost::asio::post(io, [&server] { server.stop(); }); });
  services.value()->add_routes(routes);
  api =
      std::make_shared<control::ApiServer>(io, lock.socket_file().parent_path(), std::move(routes));
  auto listening = api->start();
  auto socket_open = listening ? server.start() : base::Status_or_error(base::Ok{});
  if (!listening || !socket_open) {
    const base::Error& why = !listening ? listening.error() : socket_open.error();
    log_line(why.message + "; " + why.remedy);
    server.stop();
    if (capture_proxy.running) capture_proxy.running->stop();
    return 1;
  }
  lock.socket_created();
  signals.async_wait([&server](const boost::system::error_code& error, int number) {
    if (error) return;
    log_line(std::string("stopping: ") + ::strsignal(number));
    server.stop();
  });
  folder_watch.start([&lock] { return lock.socket_still_ours(); },
                     [&server, socket = lock.socket_file()] {
                       log_line("stopping: " + socket.string() +
                                " was removed or replaced (a reset, or its folder was deleted), so "
                                "nothing can reach this runtime any more");
                       server.stop();
                     });
  log_line("postern-runtime " + std::string(daemon::runtime_version()) + " listening on " +
           lock.socket_file().string() +
           " and http://127.0.0.1:" + std::to_string(api->endpoint().port) +
           "/ (control API; pid " + std::to_string(::getpid()) + "); " +
           (capture_proxy.running ? capture_proxy.running->describe() : "no capture proxy"));
  io.run();
  if (capture_proxy.running) capture_proxy.running->stop();
  return 0;
}

int run(const std::vector<std::string>& args) {
  auto options = parse(args);
  if (!options || options->help) {
    std::fputs(kUsage, options ? stdout : stderr);
    return options ? 0 : 2;
  }
  if (options->version) {
    std::printf("postern-runtime %s\n", std::string(daemon::runtime_version()).c_str());
    return 0;
  }
  auto folder = folders(*options);
  if (!folder) return 1;
  // Everything the runtime creates is private to the user, whatever umask it inherited.
  ::umask(077);
  daemon::InstanceLock lock(folder->runtime);
  const daemon::LockResult locked = lock.acquire();
  if (locked.state == daemon::LockState::already_running) {
    const std::string pid =
        locked.running_pid > 0 ? " (pid " + std::to_string(locked.running_pid) + ")" : "";
    log_line(locked.message + pid + "; nothing to do");
    return 0;
  }
  if (locked.state == daemon::LockState::failed) {
    log_line(locked.message);
    return 1;
  }
  if (!locked.note.empty()) log_line(locked.note);
  // A daemon must not keep the folder it was started from busy (an unmountable disk, a temp
  // folder that cannot be removed); every path it uses is absolute by now.
  if (::chdir("/") != 0) log_line("cannot change to /; staying in the start folder");
  const int status = serve(lock, *folder, options->proxy);
  lock.release();
  log_line("stopped");
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  // A client that disconnects mid-reply must give us EPIPE to handle, not kill the runtime.
  ::signal(SIGPIPE, SIG_IGN);
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    // The front-end boundary of practice 7: a broken invariant becomes a log line.
    log_line(std::string("internal error: ") + e.what());
    return 1;
  }
}
