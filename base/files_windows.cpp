// Windows implementation of files.hpp: a temporary file beside the target, flushed, then
// MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH). Files under %APPDATA% inherit
// the user-only ACL of the profile, so owner_only needs no extra ACL work here.
#include <windows.h>

#include <fstream>
#include <random>

#include "base/files.hpp"

namespace postern::base {

namespace fs = std::filesystem;

namespace {

Error win_error(DWORD err, const std::string& what, const fs::path& path) {
  std::error_code code(static_cast<int>(err), std::system_category());
  return Error{code, what + " " + path.string() + ": " + code.message(), ""};
}

}  // namespace

Result<Ok> create_directories(const fs::path& dir, bool) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{ec, "cannot create folder " + dir.string() + ": " + ec.message(), ""};
  return Ok{};
}

Result<Ok> write_file_atomically(const fs::path& path, std::string_view bytes, FileMode) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  auto made = create_directories(dir, true);
  if (!made) return made.error();
  std::random_device random;
  const fs::path temp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(random()));
  HANDLE file = ::CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                              FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) return win_error(::GetLastError(), "cannot create", temp);
  DWORD written = 0;
  BOOL ok = ::WriteFile(file, bytes.data(), static_cast<DWORD>(bytes.size()), &written, nullptr) &&
            written == bytes.size() && ::FlushFileBuffers(file);
  DWORD err = ::GetLastError();
  ::CloseHandle(file);
  if (!ok) {
    ::DeleteFileW(temp.c_str());
    return win_error(err, "cannot write", path);
  }
  if (!::MoveFileExW(temp.c_str(), path.c_str(),
                     MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    err = ::GetLastError();
    ::DeleteFileW(temp.c_str());
    return win_error(err, "cannot replace", path);
  }
  return Ok{};
}

Result<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Error{ec, "cannot read " + path.string() + ": " + ec.message(), ""};
  if (size > max_bytes) {
    return Error{std::make_error_code(std::errc::file_too_large),
                 path.string() + " is larger than expected", ""};
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace postern::base
