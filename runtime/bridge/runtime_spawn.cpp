#include "runtime/bridge/runtime_spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/bridge/socket_runtime_link.hpp"

extern char** environ;

namespace postern::bridge {

namespace fs = std::filesystem;

namespace {

void rotate_log(const fs::path& log) {
  std::error_code ec;
  if (fs::file_size(log, ec) > kMaxRuntimeLogBytes && !ec)
    fs::rename(log, fs::path(log.string() + ".1"), ec);
}

}  // namespace

base::Result<pid_t> spawn_runtime(const fs::path& binary, const fs::path& runtime_dir,
                                  const fs::path& config_dir,
                                  const std::vector<std::string>& extra_args) {
  const std::string log = runtime_log_file(runtime_dir).string();
  rotate_log(log);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int signal_number : {SIGPIPE, SIGTERM, SIGINT, SIGHUP})
    sigaddset(&defaults, signal_number);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
#if defined(POSIX_SPAWN_SETSID)
  flags |= POSIX_SPAWN_SETSID;  // glibc 2.26+, macOS 10.15+; elsewhere it shares our session
#endif
  posix_spawnattr_setflags(&attributes, flags);
  // The folders are passed explicitly, so the runtime listens where this link looks (and reads
  // the settings this install uses) even when the browser's environment and the runtime's
  // would resolve them differently.
  std::vector<std::string> arguments{binary.string(), "--runtime-dir", runtime_dir.string()};
  if (!config_dir.empty()) arguments.insert(arguments.end(), {"--config-dir", config_dir.string()});
  arguments.insert(arguments.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& argument : arguments)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  const std::string& program = arguments.front();
  pid_t pid = -1;
  const int err = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (err != 0)
    return base::Error{make_error_code(errc::runtime_not_running),
                       "cannot start " + program + ": " + std::strerror(err),
                       "reinstall Postern with `postern setup`"};
  return pid;
}

void reap_when_it_exits(pid_t child) {
  try {
    std::thread([child] {
      int status = 0;
      while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
    }).detach();
  } catch (const std::system_error&) {
    // No thread (resource limits): the child is left for the process's own exit to clear.
  }
}

}  // namespace postern::bridge
