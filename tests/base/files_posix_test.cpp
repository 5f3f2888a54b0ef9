#include <sys/stat.h>
#include <sys/types.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "base/files.hpp"
#include "support/temp_dir.hpp"

using namespace postern::base;
using postern::testing::TempDir;

namespace {
unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("owner-only files are 0600 even under a permissive umask", "[base][files]") {
  TempDir dir;
  mode_t old = ::umask(0);
  auto written = write_file_atomically(dir / "secret/key.pem", "KEY", FileMode::owner_only);
  ::umask(old);
  REQUIRE(written);
  CHECK(mode_of(dir / "secret/key.pem") == 0600);
  CHECK(mode_of(dir / "secret") == 0700);  // a new folder for a secret is private too
  CHECK(read_file(dir / "secret/key.pem").value() == "KEY");
}

TEST_CASE("world-readable files are 0644 even under a strict umask", "[base][files]") {
  TempDir dir;
  mode_t old = ::umask(077);
  auto written = write_file_atomically(dir / "ca.crt", "CERT", FileMode::world_read);
  ::umask(old);
  REQUIRE(written);
  CHECK(mode_of(dir / "ca.crt") == 0644);
}

TEST_CASE("executables are 0755", "[base][files]") {
  TempDir dir;
  REQUIRE(write_file_atomically(dir / "tool", "#!/bin/sh\n", FileMode::executable));
  CHECK(mode_of(dir / "tool") == 0755);
}

TEST_CASE("atomic replace leaves no temporary files and replaces content", "[base][files]") {
  TempDir dir;
  REQUIRE(write_file_atomically(dir / "f", "one", FileMode::world_read));
  REQUIRE(write_file_atomically(dir / "f", "two", FileMode::world_read));
  CHECK(read_file(dir / "f").value() == "two");
  int entries = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path()))
    ++entries;
  CHECK(entries == 1);
}

TEST_CASE("a write into a read-only folder fails with the path and keeps the old file",
          "[base][files]") {
  if (::geteuid() == 0) {
    // root ignores permission bits; use a path under a regular file instead, which fails for all.
    TempDir dir;
    std::ofstream(dir / "plain") << "x";
    auto result = write_file_atomically(dir / "plain/child", "y", FileMode::world_read);
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find((dir / "plain").string()) != std::string::npos);
    return;
  }
  TempDir dir;
  REQUIRE(write_file_atomically(dir / "ro/f", "old", FileMode::world_read));
  ::chmod((dir / "ro").c_str(), 0500);
  auto result = write_file_atomically(dir / "ro/f", "new", FileMode::world_read);
  ::chmod((dir / "ro").c_str(), 0700);
  REQUIRE_FALSE(result);
  CHECK(read_file(dir / "ro/f").value() == "old");
}

TEST_CASE("read_file refuses files over the cap and names missing files", "[base][files]") {
  TempDir dir;
  REQUIRE(write_file_atomically(dir / "big", std::string(100, 'x'), FileMode::world_read));
  auto capped = read_file(dir / "big", 10);
  REQUIRE_FALSE(capped);
  CHECK(capped.error().message.find("big") != std::string::npos);
  auto missing = read_file(dir / "nope");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("nope") != std::string::npos);
}
