#pragma once
// Large captured bodies wait for the writer on disk, not in memory. A recorder keeps the first
// kBodyBytesInMemory of a body in CapturedBody::bytes (enough to sniff its data mode and show a
// summary) and appends the rest to a SpoolFile: an unnamed temporary file in the store's spool
// folder that the kernel deletes when its last handle closes, so a crash leaves nothing behind.
// The writer streams it into the row's BLOB when it inserts the row. With 128 clients each
// streaming a 1 MiB body the capture then holds 128 x 64 KiB in memory, not 128 MiB, while keeping
// every byte up to the body cap.
//
// A spool that cannot be created or written (disk full) does not fail the exchange: the body is
// kept as far as it got and marked truncated.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "runtime/store/records.hpp"

namespace postern::store {

/// The part of a body kept in memory before the rest goes to a spool file.
inline constexpr std::size_t kBodyBytesInMemory = 64 * 1024;

/// An unnamed 0600 temporary file that only grows. Not thread-safe: one recorder appends, then
/// (after it is handed over) one writer reads.
class SpoolFile {
 public:
  /// A new empty file in `folder` (which must exist).
  static base::Result<std::shared_ptr<SpoolFile>> create(const std::filesystem::path& folder);
  ~SpoolFile();
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  /// Appends `bytes`; false when the file could not take them all (then nothing is appended any
  /// more, and size() counts what was written).
  bool append(std::string_view bytes);
  /// The bytes written.
  std::uint64_t size() const { return size_; }
  /// Keeps only the first `size` bytes (no-op when it holds fewer); false when the file cannot
  /// be shortened.
  bool truncate_to(std::uint64_t size);
  /// Reads up to `size` bytes at `offset` into `out`; the count read (0 at the end).
  base::Result<std::size_t> read_at(std::uint64_t offset, char* out, std::size_t size) const;

 private:
  explicit SpoolFile(int descriptor) : descriptor_(descriptor) {}

  int descriptor_ = -1;
  std::uint64_t size_ = 0;
  bool failed_ = false;
};

/// Appends `bytes` to `body`: in memory up to kBodyBytesInMemory, then (all of it) in a spool
/// file in `spool_folder`. Without a folder, or when the file fails, the body keeps its first
/// kBodyBytesInMemory bytes and is marked truncated. The caller applies the body cap first.
void append_body(CapturedBody& body, std::string_view bytes,
                 const std::filesystem::path& spool_folder);

/// Frees the in-memory head of a spooled body (the file holds it too); no-op otherwise.
void release_head(CapturedBody& body);

/// The bytes kept of `body`: the spool file's when it has one, else those in memory.
std::uint64_t kept_size(const CapturedBody& body);

}  // namespace postern::store
