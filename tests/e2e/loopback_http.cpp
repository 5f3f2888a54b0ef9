// A loopback HTTP server for the e2e scripts (tests/support/loopback_http_server.hpp as a
// process): it answers every request with 204 and appends each request line to LOG, so a script
// can check that a request reached it, and how (absolute form = through a proxy). The port goes
// to PORT_FILE once it listens. Stopped with SIGTERM, by PID. With REPLY_FILE, every request
// gets that file's bytes exactly (a chunked response with trailers, say) instead of the 204.
// Usage: loopback_http PORT_FILE LOG [REPLY_FILE]
#include <signal.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "support/loopback_http_server.hpp"

namespace {

volatile sig_atomic_t stop = 0;

void on_signal(int) {
  stop = 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) return 2;
  ::signal(SIGTERM, on_signal);
  ::signal(SIGINT, on_signal);
  std::string reply = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
  if (argc == 4) {
    std::ifstream file(argv[3], std::ios::binary);
    reply.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  postern::testing::LoopbackHttpServer server(reply);
  {
    std::ofstream port(std::string(argv[1]) + ".tmp");
    port << server.port() << "\n";
  }
  std::rename((std::string(argv[1]) + ".tmp").c_str(), argv[1]);  // appears whole
  std::size_t written = 0;
  while (!stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto requests = server.requests();
    std::ofstream log(argv[2], std::ios::app);
    for (; written < requests.size(); ++written)
      log << requests[written].substr(0, requests[written].find("\r\n")) << "\n";
  }
  return 0;
}
