// Safe file writes on Windows (files_windows.cpp): a temp file beside the target, flushed, then
// MoveFileExW over it. Run on a real NTFS-like file system, Wine's, in a temp folder.
#include <windows.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

#include "base/files.hpp"
#include "support/temp_dir.hpp"

using namespace postern::base;
namespace fs = std::filesystem;

namespace {

std::string read_raw(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every entry in `dir`, so a test can see that no temp file was left behind.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("write_file_atomically writes the exact bytes and creates the folders", "[files]") {
  postern::testing::TempDir dir;
  const fs::path file = dir / "a" / "b" / "manifest.json";
  // Binary: "\n" stays one byte (a text-mode stream would write CRLF on Windows).
  const std::string bytes = "{\n  \"name\": \"x\"\n}\n";
  REQUIRE(write_file_atomically(file, bytes, FileMode::world_read));
  CHECK(read_raw(file) == bytes);
  CHECK(fs::file_size(file) == bytes.size());

  auto read = read_file(file);
  REQUIRE(read);
  CHECK(read.value() == bytes);
}

TEST_CASE("write_file_atomically replaces a file and leaves no temp file", "[files]") {
  postern::testing::TempDir dir;
  const fs::path file = dir / "ledger.json";
  REQUIRE(write_file_atomically(file, "old contents, longer than the new", FileMode::owner_only));
  REQUIRE(write_file_atomically(file, "new", FileMode::owner_only));
  CHECK(read_raw(file) == "new");
  CHECK(entries(dir.path()) == std::vector<std::string>{"ledger.json"});
}

TEST_CASE("write_file_atomically reports what it could not do, and cleans up", "[files]") {
  postern::testing::TempDir dir;
  SECTION("the target is a folder") {
    fs::create_directories(dir / "taken" / "inside");
    auto result = write_file_atomically(dir / "taken", "x", FileMode::world_read);
    REQUIRE_FALSE(result);
    CHECK_THAT(result.error().message, Catch::Contains("cannot replace"));
    CHECK(entries(dir.path()) == std::vector<std::string>{"taken"});
  }
  SECTION("a parent is a file") {
    std::ofstream(dir / "plain") << "x";
    auto result = write_file_atomically(dir / "plain" / "child.json", "x", FileMode::world_read);
    REQUIRE_FALSE(result);
    CHECK_THAT(result.error().message, Catch::Contains("cannot create folder"));
  }
}

TEST_CASE("read_file refuses files over the limit and names missing ones", "[files]") {
  postern::testing::TempDir dir;
  const fs::path file = dir / "big.bin";
  REQUIRE(write_file_atomically(file, std::string(100, 'x'), FileMode::world_read));
  auto too_big = read_file(file, 99);
  REQUIRE_FALSE(too_big);
  CHECK(too_big.error().code == std::make_error_code(std::errc::file_too_large));
  CHECK(read_file(file, 100));

  auto missing = read_file(dir / "missing.json");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message, Catch::Contains("missing.json"));
}

TEST_CASE("file names outside ASCII work both ways", "[files]") {
  postern::testing::TempDir dir;
  const fs::path file = dir.path() / L"Jos\u00E9" / L"\u30E6\u30FC\u30B6.json";
  REQUIRE(write_file_atomically(file, "ok", FileMode::world_read));
  CHECK(fs::is_regular_file(file));
  auto read = read_file(file);
  REQUIRE(read);
  CHECK(read.value() == "ok");
}

TEST_CASE("create_directories makes every missing folder", "[files]") {
  postern::testing::TempDir dir;
  REQUIRE(create_directories(dir / "x" / "y" / "z", true));
  CHECK(fs::is_directory(dir / "x" / "y" / "z"));
  REQUIRE(create_directories(dir / "x" / "y" / "z", true));  // already there is fine
}
