#include "runtime/bridge/child_reaper.hpp"

#include <sys/wait.h>

#include <cerrno>
#include <system_error>
#include <thread>

namespace postern::bridge {

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
