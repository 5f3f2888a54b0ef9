#pragma once
// Shared by the registrar tests: a bridge executable on disk and the manifest that names it.

#include <filesystem>
#include <fstream>
#include <string>

#include "registry/host_manifest.hpp"

namespace postern::testing {

/// Writes a small executable script at `host` (creating its folder) and returns our manifest
/// for it, allowing `origin`.
inline registry::HostManifest executable_host(const std::filesystem::path& host,
                                              const std::string& origin) {
  std::filesystem::create_directories(host.parent_path());
  std::ofstream(host) << "#!/bin/sh\n";
  std::filesystem::permissions(host, std::filesystem::perms::owner_all);
  registry::HostManifest manifest;
  manifest.name = std::string(registry::kHostName);
  manifest.description = "Postern bridge";
  manifest.path = host.string();
  manifest.allowed_origins = {origin};
  return manifest;
}

}  // namespace postern::testing
