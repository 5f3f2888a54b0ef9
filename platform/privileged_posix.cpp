// The POSIX facts behind PrivilegeContext::detect and make_private_dir.
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "platform/privileged.hpp"

namespace postern::platform {

PrivilegeContext PrivilegeContext::detect(const base::Environment& env) {
  PrivilegeContext context;
  context.is_root = ::geteuid() == 0;
  // sudo reads a password from the terminal, not from our stdin pipe; a terminal on stdin is the
  // sign that a person is there to type it.
  context.allow_prompt = ::isatty(STDIN_FILENO) == 1;
  context.has_display = env("DISPLAY").has_value() || env("WAYLAND_DISPLAY").has_value();
  return context;
}

std::filesystem::path make_private_dir(const std::filesystem::path& parent) {
  // mkdtemp creates the folder with 0700 and an unguessable name in one step, so nobody else can
  // plant or swap a file in it before a root command reads it.
  std::string pattern = (parent / "postern-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

}  // namespace postern::platform
