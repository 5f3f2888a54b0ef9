#include "runtime/store/body_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace postern::store {
namespace {

namespace fs = std::filesystem;

base::Error spool_error(const std::string& what, int error_number) {
  return base::Error{std::error_code(error_number, std::generic_category()),
                     what + ": " + std::strerror(error_number),
                     "free disk space in the folder of the capture database"};
}

// O_TMPFILE gives a file with no name at all; where the file system lacks it, a named file
// that is unlinked at once comes closest (it has a name for a few microseconds).
int open_unnamed(const fs::path& folder) {
#ifdef O_TMPFILE
  const int unnamed = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (unnamed >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return unnamed;
#endif
  std::string name = (folder / "body-XXXXXX").string();
  const int descriptor = ::mkostemp(name.data(), O_CLOEXEC);
  if (descriptor >= 0) ::unlink(name.c_str());
  return descriptor;
}

}  // namespace

base::Result<std::shared_ptr<SpoolFile>> SpoolFile::create(const fs::path& folder) {
  const int descriptor = open_unnamed(folder);
  if (descriptor < 0) return spool_error("cannot create a spool file in " + folder.string(), errno);
  return std::shared_ptr<SpoolFile>(new SpoolFile(descriptor));
}

SpoolFile::~SpoolFile() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

bool SpoolFile::append(std::string_view bytes) {
  while (!failed_ && !bytes.empty()) {
    const ssize_t written = ::write(descriptor_, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      failed_ = true;
      break;
    }
    size_ += static_cast<std::uint64_t>(written);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return !failed_;
}

bool SpoolFile::truncate_to(std::uint64_t size) {
  if (size >= size_) return true;
  if (::ftruncate(descriptor_, static_cast<off_t>(size)) != 0) return false;
  size_ = size;
  failed_ = true;  // a shortened body is complete: nothing more may be appended after the cut
  return true;
}

base::Result<std::size_t> SpoolFile::read_at(std::uint64_t offset, char* out,
                                             std::size_t size) const {
  if (offset >= size_) return std::size_t{0};
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, size_ - offset));
  for (;;) {
    const ssize_t got = ::pread(descriptor_, out, size, static_cast<off_t>(offset));
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) return spool_error("cannot read a spool file back", errno);
  }
}

void append_body(CapturedBody& body, std::string_view bytes, const fs::path& spool_folder) {
  if (body.spooled) {
    if (!body.spooled->append(bytes)) body.truncated = true;
    return;
  }
  if (body.bytes.size() + bytes.size() <= kBodyBytesInMemory) {
    body.bytes.append(bytes);
    return;
  }
  // Over the memory part: the whole body so far moves to a file, and `bytes` keeps its head.
  std::shared_ptr<SpoolFile> file;
  if (!spool_folder.empty()) {
    if (auto created = SpoolFile::create(spool_folder)) file = std::move(created.value());
  }
  if (!file || !file->append(body.bytes)) {
    body.bytes.append(bytes.substr(0, kBodyBytesInMemory - body.bytes.size()));
    body.truncated = true;
    return;
  }
  body.spooled = std::move(file);
  if (!body.spooled->append(bytes)) body.truncated = true;
  body.bytes.append(bytes.substr(0, kBodyBytesInMemory - body.bytes.size()));
}

void release_head(CapturedBody& body) {
  if (body.spooled) std::string().swap(body.bytes);
}

std::uint64_t kept_size(const CapturedBody& body) {
  return body.spooled ? body.spooled->size() : body.bytes.size();
}

}  // namespace postern::store
