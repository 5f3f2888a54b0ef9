#pragma once
// Starting postern-runtime as a detached child, and letting go of it (POSIX).
//
// The runtime is the starter's child for as long as it runs, which is usually longer than the
// link that started it. In a long-lived starter (the wizard, which starts and stops the runtime
// many times) each runtime that exits would stay a zombie until the wizard exits.
// reap_when_it_exits hands the child to a thread of its own that waits for exactly that pid,
// so nothing else in the process (subprocesses waited for by pid) is disturbed.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace postern::bridge {

/// Starts `binary` with `--runtime-dir runtime_dir` (and `--config-dir config_dir` when not
/// empty) plus `extra_args`: in its own session (so the browser ending the bridge's process
/// group does not end the runtime too), stdin from /dev/null, stdout and stderr appended to the
/// runtime's log (rotated past kMaxRuntimeLogBytes), default signal handling and an empty
/// signal mask (the browser may have blocked or ignored some, and the runtime must see
/// SIGTERM). errc::runtime_not_running when it cannot be started.
base::Result<pid_t> spawn_runtime(const std::filesystem::path& binary,
                                  const std::filesystem::path& runtime_dir,
                                  const std::filesystem::path& config_dir,
                                  const std::vector<std::string>& extra_args);

/// Waits for `child` to exit on a detached thread and discards its status. When no thread can
/// be made, the child stays unreaped, as before: a zombie costs a process slot, not a failure.
void reap_when_it_exits(pid_t child);

}  // namespace postern::bridge
