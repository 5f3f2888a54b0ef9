// The real CommandRunner on POSIX: posix_spawn with stdin/stdout/stderr on pipes, a poll loop
// that feeds stdin and collects output, and a timeout that kills the child.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "platform/command_runner.hpp"

extern char** environ;

namespace postern::platform {

namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    read_end = fds[0];
    write_end = fds[1];
    return true;
  }
  static void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  ~Pipe() {
    close_fd(read_end);
    close_fd(write_end);
  }
};

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string item(*entry);
    auto name = item.substr(0, item.find('='));
    if (!extra.count(name)) env.push_back(std::move(item));
  }
  for (const auto& [name, value] : extra)
    env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& words) {
  std::vector<char*> pointers;
  for (auto& word : words)
    pointers.push_back(word.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Feeds stdin and drains output until the child closes its end or the deadline passes.
void pump(Pipe& in, Pipe& out, std::string_view input, CommandResult& result,
          std::chrono::steady_clock::time_point deadline) {
  if (input.empty()) Pipe::close_fd(in.write_end);
  // POLLOUT only promises room for PIPE_BUF bytes; a blocking write of more would wait for the
  // child to read while the child waits for us to drain its output: a deadlock (e.g. `cat` with
  // more than 64 KiB of input). Non-blocking writes take what fits and come back.
  if (in.write_end >= 0)
    ::fcntl(in.write_end, F_SETFL, ::fcntl(in.write_end, F_GETFL) | O_NONBLOCK);
  char buffer[8192];
  while (out.read_end >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      return;
    }
    pollfd fds[2] = {{out.read_end, POLLIN, 0}, {in.write_end, POLLOUT, 0}};
    int count = in.write_end >= 0 ? 2 : 1;
    if (::poll(fds, count, static_cast<int>(left.count())) < 0 && errno != EINTR) return;
    if (count == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = ::write(in.write_end, input.data(), input.size());
      if (n > 0) input.remove_prefix(static_cast<std::size_t>(n));
      const bool retry = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
      if ((n < 0 && !retry) || input.empty()) Pipe::close_fd(in.write_end);
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::read(out.read_end, buffer, sizeof buffer);
      if (n > 0) result.output.append(buffer, static_cast<std::size_t>(n));
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) Pipe::close_fd(out.read_end);
    }
  }
}

class PosixRunner final : public CommandRunner {
 public:
  CommandResult run(const Command& command) override {
    CommandResult result;
    auto tool = find_tool(command.argv.at(0));
    if (!tool) {
      result.output = command.argv[0] + ": command not found";
      return result;
    }
    Pipe in, out;
    if (!in.open() || !out.open()) {
      result.output = std::string("cannot create pipes: ") + std::strerror(errno);
      return result;
    }
    ::signal(SIGPIPE, SIG_IGN);  // a child that exits early must not kill us through stdin
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read_end, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 2);
    std::vector<std::string> argv = command.argv;
    std::vector<std::string> env = merged_environment(command.extra_env);
    auto c_argv = c_strings(argv);
    auto c_env = c_strings(env);
    pid_t pid = -1;
    int err = ::posix_spawn(&pid, tool->c_str(), &actions, nullptr, c_argv.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) {
      result.output = command.argv[0] + ": " + std::strerror(err);
      return result;
    }
    result.started = true;
    Pipe::close_fd(in.read_end);
    Pipe::close_fd(out.write_end);
    pump(in, out, command.stdin_data.value_or(""), result,
         std::chrono::steady_clock::now() + command.timeout);
    if (result.timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
  }

  std::optional<std::filesystem::path> find_tool(const std::string& tool) const override {
    // Store refresh tools live in sbin, which a normal user's PATH often lacks.
    const char* path = std::getenv("PATH");
    std::string search = path ? path : "/usr/local/bin:/usr/bin:/bin";
    return find_on_path(tool, search + ":/usr/local/sbin:/usr/sbin:/sbin");
  }
};

}  // namespace

CommandRunner& system_runner() {
  static PosixRunner runner;
  return runner;
}

}  // namespace postern::platform
