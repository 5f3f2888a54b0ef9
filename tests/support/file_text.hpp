#pragma once
// A whole file's bytes, for tests that check what a command or the runtime wrote.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace postern::testing {

/// The bytes of `file`, exactly; "" when it cannot be opened.
inline std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace postern::testing
