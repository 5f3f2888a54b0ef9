// The Windows facts behind PrivilegeContext::detect and make_private_dir. Windows has no sudo:
// elevation is per process (UAC), so an unelevated run reports the command to run elevated.
#include <io.h>
#include <shlobj.h>
#include <windows.h>

#include <random>
#include <string>

#include "platform/privileged.hpp"

namespace postern::platform {

PrivilegeContext PrivilegeContext::detect(const base::Environment&) {
  PrivilegeContext context;
  context.is_root = ::IsUserAnAdmin() != FALSE;
  context.allow_prompt = ::_isatty(_fileno(stdin)) != 0;
  context.has_display = false;  // no pkexec equivalent that a library may start silently
  return context;
}

std::filesystem::path make_private_dir(const std::filesystem::path& parent) {
  // %TEMP% is per user on Windows, so an exclusive create with a random name is private enough.
  std::random_device random;
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto dir = parent / ("postern-" + std::to_string(random()) + std::to_string(random()));
    std::error_code ec;
    if (std::filesystem::create_directory(dir, ec)) return dir;
  }
  return {};
}

}  // namespace postern::platform
