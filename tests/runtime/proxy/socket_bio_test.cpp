#include "runtime/proxy/socket_bio.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

using namespace postern::proxy;

namespace {

// Two connected non-blocking stream sockets; both closed at the end.
struct SocketPair {
  int ours = -1;
  int theirs = -1;
  SocketPair() {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
    ours = fds[0];
    theirs = fds[1];
  }
  ~SocketPair() {
    if (ours >= 0) ::close(ours);
    if (theirs >= 0) ::close(theirs);
  }
};

// A BIO made by make_socket_bio over `pair.ours`; freed at the end.
struct BioOverSocket {
  SocketPair pair;
  BIO* bio = nullptr;
  explicit BioOverSocket(std::string prefix = "") {
    bio = make_socket_bio(pair.ours, std::move(prefix));
    REQUIRE(bio != nullptr);
  }
  ~BioOverSocket() { BIO_free(bio); }
  BioOverSocket(const BioOverSocket&) = delete;
  BioOverSocket& operator=(const BioOverSocket&) = delete;
};

// Reads what the BIO has now: the bytes, or "" with the retry flag telling why.
std::string read_now(BIO* bio, std::size_t size = 64) {
  std::string buffer(size, '\0');
  std::size_t got = 0;
  if (BIO_read_ex(bio, buffer.data(), buffer.size(), &got) != 1) return {};
  buffer.resize(got);
  return buffer;
}

}  // namespace

TEST_CASE("the bytes read before come first, then the socket's", "[proxy][socket_bio]") {
  BioOverSocket socket("hello");
  BIO* bio = socket.bio;
  SocketPair& pair = socket.pair;
  REQUIRE(::write(pair.theirs, " world", 6) == 6);
  CHECK(read_now(bio, 3) == "hel");  // the prefix may be taken in pieces
  CHECK(read_now(bio) == "lo");      // and is never mixed with socket bytes in one read
  CHECK(read_now(bio) == " world");
}

TEST_CASE("an empty socket asks to retry the read; a closed one is the end",
          "[proxy][socket_bio]") {
  BioOverSocket socket;
  BIO* bio = socket.bio;
  SocketPair& pair = socket.pair;
  CHECK(read_now(bio).empty());
  CHECK(BIO_should_retry(bio));
  CHECK(BIO_should_read(bio));
  CHECK(socket_bio_last_errno(bio) == EAGAIN);

  ::close(pair.theirs);
  pair.theirs = -1;
  CHECK(read_now(bio).empty());
  CHECK_FALSE(BIO_should_retry(bio));
  CHECK(socket_bio_last_errno(bio) == 0);  // a clean end, not an error
}

TEST_CASE("writes go straight to the socket; a full one asks to retry, a gone peer is EPIPE",
          "[proxy][socket_bio]") {
  BioOverSocket socket("ignored for writes");
  BIO* bio = socket.bio;
  SocketPair& pair = socket.pair;
  std::size_t put = 0;
  REQUIRE(BIO_write_ex(bio, "abc", 3, &put) == 1);
  CHECK(put == 3);
  char got[8] = {};
  CHECK(::read(pair.theirs, got, sizeof got) == 3);
  CHECK(std::string(got, 3) == "abc");

  const std::string chunk(64 * 1024, 'x');
  bool asked_to_retry = false;
  for (int i = 0; i < 1000 && !asked_to_retry; ++i)
    if (BIO_write_ex(bio, chunk.data(), chunk.size(), &put) != 1)
      asked_to_retry = BIO_should_retry(bio) && BIO_should_write(bio);
  CHECK(asked_to_retry);

  ::close(pair.theirs);
  pair.theirs = -1;
  CHECK(BIO_write_ex(bio, "abc", 3, &put) != 1);  // no SIGPIPE: the test is still running
  CHECK_FALSE(BIO_should_retry(bio));
  CHECK(socket_bio_last_errno(bio) == EPIPE);
}

TEST_CASE("bytes the stream read itself come before the socket's, in pieces if asked",
          "[proxy][socket_bio]") {
  BioOverSocket socket;
  BIO* bio = socket.bio;
  SocketPair& pair = socket.pair;
  REQUIRE(::write(pair.theirs, "later", 5) == 5);
  std::span<char> room = socket_bio_input_room(bio, 5);
  REQUIRE(room.size() == 5);
  std::memcpy(room.data(), "first", 5);
  socket_bio_input_filled(bio, 5);  // filled to the brim: the socket may have more
  CHECK(read_now(bio, 2) == "fi");
  CHECK(read_now(bio) == "rst");
  CHECK(read_now(bio) == "later");
}

TEST_CASE("after a read that took less than it asked, the next asks the stream to read",
          "[proxy][socket_bio]") {
  BioOverSocket socket;
  BIO* bio = socket.bio;
  SocketPair& pair = socket.pair;
  REQUIRE(::write(pair.theirs, "abc", 3) == 3);
  CHECK(read_now(bio) == "abc");  // 3 of 64: the socket is most likely empty now
  REQUIRE(::write(pair.theirs, "def", 3) == 3);
  CHECK(read_now(bio).empty());  // no recv() tried: the stream's own read will find "def"
  CHECK(BIO_should_retry(bio));
  CHECK(BIO_should_read(bio));

  std::span<char> room = socket_bio_input_room(bio, 16);
  std::memcpy(room.data(), "def", 3);
  socket_bio_input_filled(bio, 3);
  CHECK(read_now(bio) == "def");
  CHECK(read_now(bio).empty());  // 3 of 16 again
  CHECK(BIO_should_retry(bio));

  room = socket_bio_input_room(bio, 16);
  socket_bio_input_filled(bio, 0);  // a read that got nothing hands out nothing
  CHECK(read_now(bio).empty());
  CHECK(BIO_should_retry(bio));
}

TEST_CASE("a failure of the stream's own read is reported once, as the socket's would be",
          "[proxy][socket_bio]") {
  BioOverSocket socket;
  BIO* bio = socket.bio;
  socket_bio_input_failed(bio, ECONNRESET);
  CHECK(read_now(bio).empty());
  CHECK_FALSE(BIO_should_retry(bio));
  CHECK(socket_bio_last_errno(bio) == ECONNRESET);
  CHECK(read_now(bio).empty());  // then the socket itself again: nothing there yet
  CHECK(BIO_should_retry(bio));

  socket_bio_input_failed(bio, 0);  // the peer closed its side
  CHECK(read_now(bio).empty());
  CHECK_FALSE(BIO_should_retry(bio));
  CHECK(socket_bio_last_errno(bio) == 0);
}
