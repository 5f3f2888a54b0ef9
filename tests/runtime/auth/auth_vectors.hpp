#pragma once
// Where the auth schemes' published vectors live (tests/data/auth/<scheme>/) and how to read them.
// Found from this file's own path, so a test binary run from any directory reads the same files.

#include <filesystem>
#include <string>

#include "support/file_text.hpp"

namespace postern::testing {

inline std::filesystem::path auth_vectors(std::string_view scheme) {
  return std::filesystem::path(__FILE__).parent_path() / "../../data/auth" / scheme;
}

/// The bytes of tests/data/auth/<scheme>/<name>; empty when missing.
inline std::string auth_vector(std::string_view scheme, const std::string& name) {
  return file_text(auth_vectors(scheme) / name);
}

}  // namespace postern::testing
