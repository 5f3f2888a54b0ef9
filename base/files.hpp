#pragma once
// Reading and writing our own files safely: atomic replace, permissions set at creation (a key
// is never world-readable, not even for a moment), and bounded reads of outside input.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::base {

/// Who may read a file we write.
enum class FileMode {
  owner_only,  ///< 0600: keys, tokens, the ledger
  world_read,  ///< 0644: certificates and manifests other programs read
  executable,  ///< 0755: programs a browser starts (the bridge)
};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, created with the
/// final mode, flushed to disk, then renamed over `path`. Creates missing parent folders (0700
/// for owner_only files). A reader sees the old file or the new one, never a partial one.
Result<Ok> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                 FileMode mode);

/// Reads a whole file of at most `max_bytes`; a larger file is an error, not a truncation.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::size_t max_bytes = 16 * 1024 * 1024);

/// Creates `dir` and its parents; `dir` itself gets 0700 when `private_dir` is set.
Result<Ok> create_directories(const std::filesystem::path& dir, bool private_dir);

}  // namespace postern::base
