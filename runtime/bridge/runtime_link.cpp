#include "runtime/bridge/runtime_link.hpp"

#include "base/codes.hpp"
#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace {

constexpr const char* kNotRunning = "postern-runtime is not running";
// The runtime (and `postern runtime start`) arrive in a later issue; the remedy names the
// command users will run, and the bridge will start the runtime itself once it exists.
constexpr const char* kRemedy = "start it with `postern runtime start`";

}  // namespace

RuntimeStatus NullRuntimeLink::status() {
  return RuntimeStatus{false, std::string(base::codes::runtime_not_running), kNotRunning};
}

base::Status_or_error NullRuntimeLink::send(const nlohmann::json&) {
  return base::Error{make_error_code(errc::runtime_not_running), kNotRunning, kRemedy};
}

}  // namespace postern::bridge
