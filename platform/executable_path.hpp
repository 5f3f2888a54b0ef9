#pragma once
// Where the running program is, so `postern setup` can find the postern-bridge shipped beside it.

#include <filesystem>
#include <optional>

namespace postern::platform {

/// The absolute path of the running executable; nullopt when the OS will not say.
std::optional<std::filesystem::path> current_executable();

}  // namespace postern::platform
