// Large captured bodies wait on disk: the first 64 KiB stay in memory, the rest goes to an
// unnamed spool file, and the store streams both into the row byte for byte.
#include "runtime/store/body_spool.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "runtime/store/capture_policy.hpp"
#include "runtime/store/capture_store.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using namespace postern::store::testing;
namespace fs = std::filesystem;

namespace {

// `size` bytes that differ from position to position (a misplaced piece shows).
std::string patterned(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    bytes[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return bytes;
}

// `bytes` appended to `body` in pieces of `piece` bytes, as a proxy streams them.
void stream_into(CapturedBody& body, const std::string& bytes, const fs::path& folder,
                 std::size_t piece = 16 * 1024) {
  for (std::size_t at = 0; at < bytes.size(); at += piece)
    append_body(body, std::string_view(bytes).substr(at, piece), folder);
}

std::string spooled_text(const SpoolFile& file) {
  std::string out(static_cast<std::size_t>(file.size()), '\0');
  auto got = file.read_at(0, out.data(), out.size());
  REQUIRE(got);
  out.resize(got.value());
  return out;
}

std::size_t entries_in(const fs::path& folder) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), {}));
}

}  // namespace

TEST_CASE("a body up to 64 KiB stays in memory, no file made") {
  postern::testing::TempDir dir;
  CapturedBody body;
  stream_into(body, patterned(kBodyBytesInMemory), dir.path());
  CHECK(body.bytes == patterned(kBodyBytesInMemory));
  CHECK_FALSE(body.spooled);
  CHECK_FALSE(body.truncated);
}

TEST_CASE("the rest of a larger body goes to an unnamed spool file, byte for byte") {
  postern::testing::TempDir dir;
  const std::string sent = patterned(1024 * 1024 + 17);
  CapturedBody body;
  stream_into(body, sent, dir.path(), 10000);
  CHECK(body.bytes.size() == kBodyBytesInMemory);
  REQUIRE(body.spooled);
  CHECK(kept_size(body) == sent.size());
  CHECK(spooled_text(*body.spooled) == sent);
  CHECK(body.bytes == sent.substr(0, kBodyBytesInMemory));  // the head, for sniffing
  CHECK(entries_in(dir.path()) == 0);                       // no name left in the folder
  CHECK_FALSE(body.truncated);
}

TEST_CASE("release_head frees a spooled body's head and leaves a small body alone") {
  postern::testing::TempDir dir;
  CapturedBody large, small;
  stream_into(large, patterned(100 * 1024), dir.path());
  stream_into(small, "tiny", dir.path());
  release_head(large);
  release_head(small);
  CHECK(large.bytes.empty());
  CHECK(large.bytes.capacity() < 64);  // the memory is given back, not just cleared
  CHECK(kept_size(large) == 100 * 1024);
  CHECK(small.bytes == "tiny");
}

TEST_CASE("read_at reads from an offset and stops at the end") {
  postern::testing::TempDir dir;
  auto file = SpoolFile::create(dir.path());
  REQUIRE(file);
  REQUIRE(file.value()->append("0123456789"));
  char out[8];
  auto got = file.value()->read_at(6, out, sizeof out);
  REQUIRE(got);
  CHECK(std::string(out, got.value()) == "6789");
  CHECK(file.value()->read_at(10, out, sizeof out).value() == 0);
}

TEST_CASE("a spool folder that cannot take files keeps 64 KiB and marks the body truncated") {
  postern::testing::TempDir dir;
  CapturedBody body;
  stream_into(body, patterned(200 * 1024), dir / "missing");
  CHECK(body.bytes.size() == kBodyBytesInMemory);
  CHECK_FALSE(body.spooled);
  CHECK(body.truncated);
  CHECK_FALSE(SpoolFile::create(dir / "missing"));
}

TEST_CASE("no spool folder: memory only, truncated after 64 KiB") {
  CapturedBody body;
  stream_into(body, patterned(70 * 1024), fs::path());
  CHECK(body.bytes.size() == kBodyBytesInMemory);
  CHECK(body.truncated);
}

TEST_CASE("the store's cap shortens a spooled body and marks it truncated") {
  postern::testing::TempDir dir;
  CapturedBody body;
  stream_into(body, patterned(300 * 1024), dir.path());
  Exchange exchange = make_exchange(1, 1);
  exchange.request_body = body;  // shares the spool file: both see it shortened
  prepare_for_storage(exchange, CaptureLimits{100 * 1024, true});
  CHECK(kept_size(exchange.request_body) == 100 * 1024);
  CHECK(exchange.request_body.original_size == 300 * 1024);
  CHECK(exchange.request_body.truncated);
  CHECK(spooled_text(*exchange.request_body.spooled) == patterned(100 * 1024));
}

TEST_CASE("the store streams spooled bodies into the row and gives them back whole") {
  postern::testing::TempDir dir;
  StoreOptions options;
  options.writer.limits.max_body_bytes = 8 * 1024 * 1024;
  auto store = CaptureStore::open(dir / "capture.db", options);
  REQUIRE(store);
  auto& capture = *store.value();
  REQUIRE(fs::exists(capture.spool_folder()));
  struct stat info {};
  REQUIRE(::stat(capture.spool_folder().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
  auto session = capture.create_session(NewSession{"big", SessionSource::proxy, "{}"});
  REQUIRE(session);
  Exchange exchange = make_exchange(session.value().id, 1);
  exchange.request_body = CapturedBody{};
  exchange.response_body = CapturedBody{};
  const std::string request = patterned(3 * 1024 * 1024 + 5);
  const std::string response = patterned(70 * 1024);
  stream_into(exchange.request_body, request, capture.spool_folder());
  stream_into(exchange.response_body, response, capture.spool_folder());
  REQUIRE(capture.enqueue(std::move(exchange)));
  REQUIRE(capture.flush());
  ExchangeQuery query;
  query.session_id = session.value().id;
  auto page = capture.exchanges(query);
  REQUIRE(page);
  REQUIRE(page.value().items.size() == 1);
  auto stored = capture.exchange(page.value().items[0].id);
  REQUIRE(stored);
  CHECK(stored.value().request_body.bytes == request);
  CHECK(stored.value().response_body.bytes == response);
  CHECK(stored.value().request_body.original_size == request.size());
  CHECK_FALSE(stored.value().request_body.truncated);
  CHECK(entries_in(capture.spool_folder()) == 0);
}
