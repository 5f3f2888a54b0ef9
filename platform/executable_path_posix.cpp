// Linux reads /proc/self/exe; macOS asks dyld. (Windows: GetModuleFileNameW, with its port.)
#include "platform/executable_path.hpp"

#if defined(__APPLE__)
#include <mach-o/dyld.h>

#include <vector>
#endif

namespace postern::platform {

std::optional<std::filesystem::path> current_executable() {
#if defined(__APPLE__)
  uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);
  std::vector<char> buffer(size + 1, '\0');
  if (_NSGetExecutablePath(buffer.data(), &size) != 0) return std::nullopt;
  std::error_code ec;
  auto path = std::filesystem::canonical(buffer.data(), ec);
  return ec ? std::nullopt : std::optional<std::filesystem::path>(path);
#else
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::nullopt : std::optional<std::filesystem::path>(path);
#endif
}

}  // namespace postern::platform
