#include "runtime/control/control_file.hpp"

#include <openssl/rand.h>

#include <array>
#include <nlohmann/json.hpp>

#include "base/files.hpp"

namespace postern::control {

namespace {

namespace fs = std::filesystem;

// A control file is a few hundred bytes; anything much larger is not ours.
constexpr std::size_t kMaxControlFile = 4096;

base::Error problem(const fs::path& file, const std::string& what) {
  return base::Error{std::make_error_code(std::errc::invalid_argument), file.string() + ": " + what,
                     "start the runtime again (`postern runtime start`); it rewrites the file"};
}

bool is_token(const std::string& token) {
  return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

fs::path control_file(const fs::path& runtime_dir) {
  return runtime_dir / "control.json";
}

base::Result<std::string> new_control_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return base::Error{std::make_error_code(std::errc::io_error),
                       "no random bytes for the control token", "check the system's entropy"};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token += kHex[byte >> 4];
    token += kHex[byte & 0x0f];
  }
  return token;
}

base::Status_or_error write_control_file(const fs::path& file, const ControlEndpoint& endpoint) {
  const nlohmann::json document{{"version", 1},
                                {"host", endpoint.host},
                                {"port", endpoint.port},
                                {"token", endpoint.token},
                                {"pid", endpoint.pid}};
  return base::write_file_atomically(file, document.dump(2) + "\n", base::FileMode::owner_only);
}

base::Result<ControlEndpoint> read_control_file(const fs::path& file) {
  auto text = base::read_file(file, kMaxControlFile);
  if (!text) {
    std::error_code ec;
    if (!fs::exists(file, ec))
      return base::Error{std::make_error_code(std::errc::no_such_file_or_directory),
                         file.string() + " does not exist: the runtime's control API is not up",
                         "start it with `postern runtime start`"};
    return problem(file, text.error().message);
  }
  auto document = nlohmann::json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return problem(file, "is not a JSON object");
  ControlEndpoint endpoint;
  const auto host = document.find("host"), port = document.find("port");
  const auto token = document.find("token"), pid = document.find("pid");
  if (host == document.end() || !host->is_string()) return problem(file, "has no host");
  if (port == document.end() || !port->is_number_unsigned() || *port == 0 || *port > 65535)
    return problem(file, "has no valid port");
  if (token == document.end() || !token->is_string() || !is_token(token->get<std::string>()))
    return problem(file, "has no valid token");
  endpoint.host = host->get<std::string>();
  endpoint.port = port->get<std::uint16_t>();
  endpoint.token = token->get<std::string>();
  if (pid != document.end() && pid->is_number_integer()) endpoint.pid = pid->get<long>();
  return endpoint;
}

}  // namespace postern::control
