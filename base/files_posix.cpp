// POSIX implementation of files.hpp: open(O_EXCL) with the final mode, fsync, rename, fsync dir.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <random>

#include "base/files.hpp"

namespace postern::base {

namespace fs = std::filesystem;

namespace {

Error io_error(int err, const std::string& what, const fs::path& path) {
  std::error_code code(err, std::generic_category());
  std::string remedy;
  if (err == EACCES || err == EPERM)
    remedy = "check the owner and permissions of " + path.parent_path().string();
  if (err == ENOSPC || err == EDQUOT) remedy = "free some disk space and try again";
  if (err == EROFS) remedy = path.parent_path().string() + " is on a read-only file system";
  return Error{code, what + " " + path.string() + ": " + code.message(), remedy};
}

std::string temp_name(const fs::path& path) {
  std::random_device random;
  return "." + path.filename().string() + ".tmp-" + std::to_string(random());
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename already happened
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Result<Ok> create_directories(const fs::path& dir, bool private_dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return io_error(ec.value(), "cannot create folder", dir);
  if (private_dir && ::chmod(dir.c_str(), 0700) != 0)
    return io_error(errno, "cannot restrict", dir);
  return Ok{};
}

Result<Ok> write_file_atomically(const fs::path& path, std::string_view bytes, FileMode mode) {
  const bool secret = mode == FileMode::owner_only;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::exists(dir)) {
    auto made = create_directories(dir, secret);
    if (!made) return made.error();
  }
  const fs::path temp = dir / temp_name(path);
  // The mode is given to open() itself, so the file never exists with wider permissions.
  const mode_t perms = secret ? 0600 : (mode == FileMode::executable ? 0755 : 0644);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, perms);
  if (fd < 0) return io_error(errno, "cannot create", temp);
  // umask may have narrowed a world-readable file; set the exact mode we promise.
  if (::fchmod(fd, perms) != 0 || !write_all(fd, bytes) || ::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return io_error(err, "cannot write", path);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return io_error(err, "cannot write", path);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return io_error(err, "cannot replace", path);
  }
  sync_directory(dir);
  return Ok{};
}

Result<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return io_error(ec.value(), "cannot read", path);
  if (size > max_bytes) {
    return Error{std::make_error_code(std::errc::file_too_large),
                 path.string() + " is " + std::to_string(size) + " bytes, more than the " +
                     std::to_string(max_bytes) + " expected",
                 "check that " + path.string() + " is the right file"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(errno ? errno : EIO, "cannot open", path);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace postern::base
