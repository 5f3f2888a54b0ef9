#include "platform/privileged.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <system_error>

#include "base/codes.hpp"
#include "base/files.hpp"

namespace postern::platform {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_any(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
  });
}

// sudo -n and pkexec say in fixed words (or exit codes) when they refused to elevate; that is "no
// elevation path", not a failure of the command itself.
bool elevation_refused(const std::vector<std::string>& prefix, const CommandResult& result) {
  if (!result.started) return true;
  if (prefix.front() == "pkexec") return result.exit_code == 126 || result.exit_code == 127;
  const std::string text = lower(result.output);
  return result.exit_code == 1 && text.rfind("sudo: ", 0) == 0 &&
         contains_any(text, {"password is required", "terminal is required", "not in the sudoers",
                             "is not allowed to", "no tty present"});
}

bool is_permission_error(const std::error_code& code) {
  return code == std::errc::permission_denied || code == std::errc::operation_not_permitted;
}

base::Outcome command_failed(const Command& command, const CommandResult& result) {
  base::Outcome outcome =
      base::failed("", "", std::string(base::codes::command_failed),
                   "`" + base::shell_line(command.argv) + "` failed" +
                       (result.timed_out ? " (timed out)"
                                         : " with exit code " + std::to_string(result.exit_code)),
                   "read the command's output below; fix what it names and try again");
  outcome.commands.push_back(result.record(command));
  return outcome;
}

}  // namespace

bool looks_like_permission_failure(std::string_view output) {
  const std::string text = lower(output);
  return contains_any(text, {"permission denied", "operation not permitted", "sec_error_read_only",
                             "eacces", "eperm", "must be root", "are you root"});
}

ScratchDir::ScratchDir() : path_(make_private_dir(fs::temp_directory_path())) {}

ScratchDir::~ScratchDir() {
  if (keep_ || path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

PrivilegedRunner::PrivilegedRunner(CommandRunner& runner, PrivilegeContext context)
    : runner_(runner), context_(context) {}

std::string PrivilegedRunner::manual_line(const std::vector<std::string>& argv) const {
  if (context_.is_root) return base::shell_line(argv);
  std::vector<std::string> line{"sudo"};
  line.insert(line.end(), argv.begin(), argv.end());
  return base::shell_line(line);
}

std::optional<std::vector<std::string>> PrivilegedRunner::elevation_prefix() const {
  if (runner_.find_tool("sudo")) {
    // -n never waits for a password nobody can type; a terminal user may be asked instead.
    if (context_.allow_prompt) return std::vector<std::string>{"sudo", "--"};
    return std::vector<std::string>{"sudo", "-n", "--"};
  }
  if (context_.has_display && runner_.find_tool("pkexec"))
    return std::vector<std::string>{"pkexec"};
  return std::nullopt;
}

PrivilegedResult PrivilegedRunner::direct(const Command& command) {
  PrivilegedResult out;
  out.argv = command.argv;
  out.result = runner_.run(command);
  if (!out.ok()) out.failure = command_failed(command, out.result);
  return out;
}

PrivilegedResult PrivilegedRunner::blocked(const Command& command, std::string cause) {
  PrivilegedResult out;
  out.argv = command.argv;
  out.result.output = cause;
  if (!warned_) {
    // Said once per run: every later step would repeat the same sentence otherwise.
    cause +=
        "; Postern found no way to gain root here (no sudo that works without a password,"
        " and no pkexec with a display), so steps that need root are left to you";
    warned_ = true;
  }
  out.failure = base::failed("", "", std::string(base::codes::privileges_required),
                             std::move(cause), manual_line(command.argv));
  return out;
}

PrivilegedResult PrivilegedRunner::elevated(const Command& command) {
  auto prefix = elevation_prefix();
  const std::string what = "`" + base::shell_line(command.argv) + "` needs root";
  if (!prefix) return blocked(command, what);
  Command wrapped = command;
  wrapped.argv = *prefix;
  std::vector<std::string> inner = command.argv;
  // pkexec runs with root's PATH and no login shell, so it gets the absolute path of the tool.
  if (prefix->front() == "pkexec") {
    if (auto tool = runner_.find_tool(inner.front())) inner.front() = tool->string();
  }
  wrapped.argv.insert(wrapped.argv.end(), inner.begin(), inner.end());
  PrivilegedResult out;
  out.argv = wrapped.argv;
  out.result = runner_.run(wrapped);
  if (out.ok()) return out;
  if (elevation_refused(*prefix, out.result)) {
    auto refused = blocked(command, what + " and " + prefix->front() + " refused (" +
                                        out.result.record(wrapped).output + ")");
    refused.failure.commands.push_back(out.result.record(wrapped));
    return refused;
  }
  out.failure = command_failed(wrapped, out.result);
  return out;
}

PrivilegedResult PrivilegedRunner::run(const Command& command, Elevation when) {
  if (context_.is_root) return direct(command);
  if (when == Elevation::on_permission_failure) {
    auto first = direct(command);
    if (first.ok() || !looks_like_permission_failure(first.result.output)) return first;
  }
  return elevated(command);
}

base::Outcome PrivilegedRunner::write_file(const fs::path& path, std::string_view bytes) {
  auto written = base::write_file_atomically(path, bytes, base::FileMode::world_read);
  if (written) return base::done("", path.string(), "wrote " + path.string());
  const auto& error = written.error();
  if (context_.is_root || !is_permission_error(error.code)) {
    const bool permissions = is_permission_error(error.code);
    return base::failed("", path.string(),
                        std::string(permissions ? base::codes::file_permissions_required
                                                : base::codes::file_write_failed),
                        error.message, error.remedy);
  }
  ScratchDir scratch;
  const fs::path staged = scratch.path() / path.filename();
  auto staged_ok = scratch.path().empty()
                       ? base::Result<base::Ok>(base::Error{error.code, "no scratch folder", ""})
                       : base::write_file_atomically(staged, bytes, base::FileMode::world_read);
  if (!staged_ok) {
    return base::failed("", path.string(), std::string(base::codes::file_write_failed),
                        "cannot stage " + path.filename().string() +
                            " for a privileged copy: " + staged_ok.error().message,
                        "free space in the temp folder and try again");
  }
  // install(1) creates the folder (-D) and sets the mode in one root step, like a package would.
  Command copy;
  copy.argv = {"install", "-D", "-m", "0644", staged.string(), path.string()};
  auto ran = run(copy, Elevation::required);
  if (ran.ok()) return base::done("", path.string(), "wrote " + path.string() + " as root");
  // The remedy names the staged file, so it must outlive this call.
  if (ran.failure.code == base::codes::privileges_required) scratch.keep();
  ran.failure.target = path.string();
  return ran.failure;
}

base::Outcome PrivilegedRunner::remove_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) {
    return base::already("", path.string(), path.string() + " is not there");
  }
  if (fs::remove(path, ec)) return base::done("", path.string(), "removed " + path.string());
  if (context_.is_root || !is_permission_error(ec)) {
    return base::failed("", path.string(), std::string(base::codes::file_permissions_required),
                        "cannot remove " + path.string() + ": " + ec.message(),
                        "remove it by hand: " + manual_line({"rm", "-f", path.string()}));
  }
  Command remove;
  remove.argv = {"rm", "-f", path.string()};
  auto ran = run(remove, Elevation::required);
  if (ran.ok()) return base::done("", path.string(), "removed " + path.string() + " as root");
  ran.failure.target = path.string();
  return ran.failure;
}

}  // namespace postern::platform
