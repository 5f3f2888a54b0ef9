#include "runtime/requester/loopback_callback.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/oauth2_grants.hpp"

#ifdef _WIN32
#include <shellapi.h>
#include <windows.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;
#endif

namespace postern::requester {

namespace {

constexpr std::size_t kMaxRequestBytes = 32 * 1024;  // a redirect URL and a fragment fit easily
constexpr int kClientMillis = 5000;                  // a browser sends its request at once

// The fragment never reaches a server; this script posts it back to the listener (same
// origin), then drops it from the address bar and history so the token does not linger there.
constexpr std::string_view kFragmentScript =
    "(function(){var m=document.getElementById('m');"
    "var f=location.hash.slice(1);history.replaceState(null,'',location.pathname);"
    "fetch(location.pathname,{method:'POST',headers:{'Content-Type':'text/plain'},body:f})"
    ".then(function(r){m.textContent=r.ok?'Postern has the token. You can close this tab.'"
    ":'Postern refused the answer: see the terminal.';},"
    "function(){m.textContent='Postern did not get the token: see the terminal.';});})();";

std::string page(std::string_view message, bool with_script) {
  std::string html =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>Postern</title></head>"
      "<body><p id=\"m\">" +
      std::string(message) + "</p>";
  if (with_script) html += "<script>" + std::string(kFragmentScript) + "</script>";
  return html + "</body></html>";
}

// Only this page's own script may run, and it may only talk back to the listener.
std::string security_headers() {
  const std::string script_hash =
      auth::base64_encode(auth::hash(auth::HashAlgorithm::sha256, kFragmentScript));
  return "Content-Security-Policy: default-src 'none'; script-src 'sha256-" + script_hash +
         "'; connect-src 'self'\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n";
}

std::string reply(int status, std::string_view type, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Error") +
         "\r\nContent-Type: " + std::string(type) + "\r\n" + security_headers() +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

struct Request {
  std::string method;
  std::string target;
  std::string host;
  std::string origin;
  std::string body;
};

std::string header_value(std::string_view head, std::string_view name) {
  std::size_t at = 0;
  while ((at = head.find("\r\n", at)) != std::string_view::npos) {
    at += 2;
    const auto end = head.find("\r\n", at);
    const auto line = head.substr(at, end == std::string_view::npos ? end : end - at);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos &&
        auth::equals_ignoring_case(line.substr(0, colon), name)) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      return std::string(value);
    }
  }
  return {};
}

std::optional<Request> parse_request(const std::string& data) {
  const auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) return std::nullopt;
  const std::string_view head(data.data(), head_end);
  const auto first = head.find(' ');
  const auto second = head.find(' ', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
  Request request{
      std::string(head.substr(0, first)), std::string(head.substr(first + 1, second - first - 1)),
      header_value(head, "Host"), header_value(head, "Origin"), data.substr(head_end + 4)};
  return request;
}

}  // namespace

std::string LoopbackCallback::redirect_uri() const {
  const std::string host = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  return "http://" + host + ":" + std::to_string(port_) + path_;
}

#ifdef _WIN32

base::Result<std::unique_ptr<LoopbackCallback>> LoopbackCallback::listen(const std::string&,
                                                                         std::uint16_t,
                                                                         std::string) {
  return base::Error{make_error_code(auth::oauth2_errc::no_redirect),
                     "the loopback callback listener is not available on Windows yet",
                     "use the non-interactive mode (--no-browser)"};
}
LoopbackCallback::~LoopbackCallback() = default;
base::Result<std::string> LoopbackCallback::wait(std::chrono::milliseconds) {
  return base::Error{make_error_code(auth::oauth2_errc::no_redirect), "not available", {}};
}
std::string LoopbackCallback::serve_one(int) {
  return {};
}

base::Status_or_error open_in_system_browser(const std::string& url) {
  auto result = reinterpret_cast<INT_PTR>(
      ShellExecuteA(nullptr, "open", url.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
  if (result > 32) return base::Ok{};
  return base::Error{std::error_code(static_cast<int>(result), std::system_category()),
                     "Windows could not open the browser", "open the URL printed above yourself"};
}

#else

namespace {

bool wait_readable(int fd, int millis) {
  pollfd entry{fd, POLLIN, 0};
  return ::poll(&entry, 1, millis) > 0;
}

// Reads one request: the head and a Content-Length body, at most kMaxRequestBytes.
std::string read_request(int client) {
  std::string data;
  char buffer[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kClientMillis);
  while (data.size() < kMaxRequestBytes) {
    const auto head_end = data.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const std::string length =
          header_value(std::string_view(data).substr(0, head_end), "Content-Length");
      const std::size_t wanted = std::strtoul(length.c_str(), nullptr, 10);
      if (wanted > kMaxRequestBytes || data.size() - head_end - 4 >= wanted) break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !wait_readable(client, static_cast<int>(left.count()))) break;
    const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    data.append(buffer, static_cast<std::size_t>(got));
  }
  return data;
}

void send_all(int client, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(client, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

base::Error listen_error(const std::string& host, std::uint16_t port, int error) {
  return base::Error{std::error_code(error, std::generic_category()),
                     "cannot listen for the OAuth 2.0 redirect on " + host + " port " +
                         std::to_string(port) + ": " + std::strerror(error),
                     port == 0 ? std::string()
                               : "another program uses that port: stop it, or change the port "
                                 "of redirect_uri (and register it with the server)"};
}

}  // namespace

base::Result<std::unique_ptr<LoopbackCallback>> LoopbackCallback::listen(const std::string& host,
                                                                         std::uint16_t port,
                                                                         std::string path) {
  const bool v6 = host.find(':') != std::string::npos;
  const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return listen_error(host, port, errno);
  sockaddr_storage storage{};
  socklen_t size = 0;
  int parsed = 0;
  if (v6) {
    auto* address = reinterpret_cast<sockaddr_in6*>(&storage);
    address->sin6_family = AF_INET6;
    address->sin6_port = htons(port);
    parsed = ::inet_pton(AF_INET6, host.c_str(), &address->sin6_addr);
    size = sizeof(sockaddr_in6);
  } else {
    auto* address = reinterpret_cast<sockaddr_in*>(&storage);
    address->sin_family = AF_INET;
    address->sin_port = htons(port);
    parsed = ::inet_pton(AF_INET, host.c_str(), &address->sin_addr);
    size = sizeof(sockaddr_in);
  }
  if (parsed != 1 || ::bind(fd, reinterpret_cast<sockaddr*>(&storage), size) != 0 ||
      ::listen(fd, 8) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &size) != 0) {
    const int error = parsed != 1 ? EINVAL : errno;
    ::close(fd);
    return listen_error(host, port, error);
  }
  const std::uint16_t bound = v6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port)
                                 : ntohs(reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
  if (path.empty() || path.front() != '/') path.insert(0, "/");
  return std::unique_ptr<LoopbackCallback>(new LoopbackCallback(fd, host, bound, std::move(path)));
}

LoopbackCallback::~LoopbackCallback() {
  ::close(fd_);
}

base::Result<std::string> LoopbackCallback::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !wait_readable(fd_, static_cast<int>(left.count()))) {
      return base::Error{make_error_code(auth::oauth2_errc::callback_timeout),
                         "the browser did not come back to " + redirect_uri() + " within " +
                             std::to_string(timeout.count() / 1000) + " s",
                         "finish the sign-in in the browser sooner, or check that the server "
                         "redirects to this redirect_uri"};
    }
    const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::string redirect = serve_one(client);
    ::close(client);
    if (!redirect.empty()) return redirect;
  }
}

std::string LoopbackCallback::serve_one(int client) {
  const auto request = parse_request(read_request(client));
  if (!request) return {};
  const std::string port = ":" + std::to_string(port_);
  // A page elsewhere could reach this port through DNS rebinding or a cross-site POST; only
  // loopback Host names and our own origin are listened to.
  const bool host_ok = request->host == "127.0.0.1" + port || request->host == "localhost" + port ||
                       request->host == "[::1]" + port;
  const auto question = request->target.find('?');
  const std::string path = request->target.substr(0, question);
  if (!host_ok || path != path_) {
    send_all(client, reply(404, "text/plain", "not found\n"));
    return {};
  }
  if (request->method == "POST") {
    if (!request->origin.empty() && request->origin != "http://" + request->host) {
      send_all(client, reply(403, "text/plain", "forbidden\n"));
      return {};
    }
    send_all(client, reply(200, "text/plain", "ok\n"));
    return redirect_uri() + "#" + request->body;
  }
  if (request->method != "GET") {
    send_all(client, reply(405, "text/plain", "method not allowed\n"));
    return {};
  }
  if (question != std::string::npos) {
    send_all(client, reply(200, "text/html; charset=utf-8",
                           page("Postern has the authorization. You can close this tab.", false)));
    return redirect_uri() + request->target.substr(question);
  }
  // No query: the answer is in the fragment (implicit grant); the page's script posts it.
  send_all(client,
           reply(200, "text/html; charset=utf-8", page("Handing the token to Postern...", true)));
  return {};
}

base::Status_or_error open_in_system_browser(const std::string& url) {
#ifdef __APPLE__
  std::vector<std::string> words{"open", url};
#else
  // xdg-open may wait for the browser to exit; a shell puts it in the background and returns.
  // The URL is a positional argument, never part of the script, so it cannot inject commands.
  std::vector<std::string> words{"sh", "-c", "xdg-open \"$1\" >/dev/null 2>&1 &", "sh", url};
#endif
  std::vector<char*> argv;
  for (auto& word : words)
    argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error = ::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (error != 0) {
    return base::Error{std::error_code(error, std::generic_category()),
                       std::string("cannot start ") + argv[0] + " to open the browser",
                       "open the URL printed above in a browser yourself"};
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return base::Error{std::error_code(ECHILD, std::generic_category()),
                       std::string(argv[0]) + " could not open the browser",
                       "open the URL printed above in a browser yourself"};
  }
  return base::Ok{};
}

#endif

}  // namespace postern::requester
