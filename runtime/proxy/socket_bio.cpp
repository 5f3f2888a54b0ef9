#include "runtime/proxy/socket_bio.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace postern::proxy {
namespace {

struct SocketBioState {
  int fd = -1;
  std::string prefix;
  std::size_t prefix_used = 0;
  int last_errno = 0;
  bool failure_pending = false;  // socket_bio_input_failed: report last_errno on the next read
  // The last read of the socket (ours or the caller's) took less than it asked for, so the
  // socket is most likely empty: the next read asks to retry without trying recv(), and the
  // caller's read through the event loop (which tries once itself) finds out. That saves a
  // recv() that would fail with EAGAIN on nearly every message.
  bool drained = false;
};

SocketBioState* state_of(BIO* bio) {
  return static_cast<SocketBioState*>(BIO_get_data(bio));
}

// Keeps the room of a small prefix for the next read through the event loop; a large one (a
// ClientHello can be 16 KiB) is given back.
void forget_prefix(SocketBioState& state) {
  constexpr std::size_t kKeptCapacity = 8192;
  state.prefix_used = 0;
  if (state.prefix.capacity() > kKeptCapacity)
    std::string().swap(state.prefix);
  else
    state.prefix.clear();
}

bool would_block(int error) {
  return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

int read_ex(BIO* bio, char* into, std::size_t size, std::size_t* got) {
  SocketBioState* state = state_of(bio);
  BIO_clear_retry_flags(bio);
  if (state->prefix_used < state->prefix.size()) {
    const std::size_t n = std::min(size, state->prefix.size() - state->prefix_used);
    std::memcpy(into, state->prefix.data() + state->prefix_used, n);
    state->prefix_used += n;
    if (state->prefix_used == state->prefix.size()) forget_prefix(*state);
    *got = n;
    return 1;
  }
  if (state->failure_pending) {
    state->failure_pending = false;
    *got = 0;
    return 0;  // last_errno says why; 0 is the peer's clean close
  }
  if (state->drained) {
    state->last_errno = EAGAIN;
    BIO_set_retry_read(bio);
    *got = 0;
    return 0;
  }
  const ssize_t n = ::recv(state->fd, into, size, 0);
  if (n > 0) {
    *got = static_cast<std::size_t>(n);
    state->drained = *got < size;
    return 1;
  }
  *got = 0;
  if (n == 0) {
    state->last_errno = 0;  // the peer closed its side
    return 0;
  }
  state->last_errno = errno;
  if (would_block(errno)) BIO_set_retry_read(bio);
  return 0;
}

int write_ex(BIO* bio, const char* bytes, std::size_t size, std::size_t* put) {
  SocketBioState* state = state_of(bio);
  BIO_clear_retry_flags(bio);
  // MSG_NOSIGNAL: a peer gone away is an EPIPE for this connection, not a SIGPIPE for the
  // whole runtime.
  const ssize_t n = ::send(state->fd, bytes, size, MSG_NOSIGNAL);
  if (n >= 0) {
    *put = static_cast<std::size_t>(n);
    return 1;
  }
  *put = 0;
  state->last_errno = errno;
  if (would_block(errno)) BIO_set_retry_write(bio);
  return 0;
}

long control(BIO*, int command, long, void*) {
  // OpenSSL flushes after each flight of handshake records; the socket sends at once anyway.
  return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

int destroy(BIO* bio) {
  delete state_of(bio);
  BIO_set_data(bio, nullptr);
  return 1;
}

// One method table for the process, made on first use (thread-safe static initialisation).
BIO_METHOD* socket_method() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* made =
        BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "postern socket with prefix");
    if (made == nullptr) return made;
    BIO_meth_set_read_ex(made, read_ex);
    BIO_meth_set_write_ex(made, write_ex);
    BIO_meth_set_ctrl(made, control);
    BIO_meth_set_create(made, create);
    BIO_meth_set_destroy(made, destroy);
    return made;
  }();
  return method;
}

}  // namespace

BIO* make_socket_bio(int fd, std::string prefix) {
  BIO_METHOD* method = socket_method();
  if (method == nullptr) return nullptr;
  BIO* bio = BIO_new(method);
  if (bio == nullptr) return nullptr;
  BIO_set_data(bio, new SocketBioState{fd, std::move(prefix), 0, 0});
  return bio;
}

std::span<char> socket_bio_input_room(BIO* bio, std::size_t size) {
  SocketBioState* state = state_of(bio);
  forget_prefix(*state);
  state->prefix.resize(size);
  return {state->prefix.data(), size};
}

void socket_bio_input_filled(BIO* bio, std::size_t size) {
  SocketBioState* state = state_of(bio);
  state->drained = size < state->prefix.size();
  state->prefix.resize(std::min(size, state->prefix.size()));
  if (state->prefix.empty()) forget_prefix(*state);
}

void socket_bio_input_failed(BIO* bio, int errno_value) {
  SocketBioState* state = state_of(bio);
  forget_prefix(*state);
  state->last_errno = errno_value;
  state->failure_pending = true;
  state->drained = false;
}

int socket_bio_last_errno(BIO* bio) {
  const SocketBioState* state = bio != nullptr ? state_of(bio) : nullptr;
  return state != nullptr ? state->last_errno : 0;
}

}  // namespace postern::proxy
