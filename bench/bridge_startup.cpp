// bridge_startup: what the user waits for when the browser connects, measured on the real
// postern-bridge: spawn it with pipes (as Chromium does), send hello, stop the clock when the
// whole reply frame has been read. Each run gets a fresh process; the key file is shared, as it
// is on a real install. Target (issue 3): median under 20 ms.
//
//   bridge_startup <path/to/postern-bridge> [runs]   (default 200 runs per scenario)
//
// Scenarios: "first" (no key yet: hello_ack offering pairing), "paired" (key file present,
// hello with the right key check), and "floor": /bin/cat echoing the same frame through the same
// pipes, the cost of process creation and a pipe round trip that no host can beat.
// Prints one line per scenario for scripts:
//   BRIDGE_STARTUP scenario=.. runs=.. median_ms=.. p90_ms=.. p99_ms=.. max_ms=..
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/bridge/bridge_process.hpp"  // the tests' process helper, from tests/

namespace {

using postern::testing::BridgeProcess;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kOrigin = "chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/";

std::string frame(const std::string& json) {
  const auto length = static_cast<std::uint32_t>(json.size());
  std::string bytes(4, '\0');
  std::memcpy(bytes.data(), &length, 4);
  return bytes + json;
}

double percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
}

// One start-to-first-reply time in ms; the reply payload goes to `reply`. Negative on failure.
double one_run(const std::string& binary, const std::vector<std::string>& args,
               const std::string& home, const std::string& request, std::string* reply) {
  const auto start = Clock::now();
  BridgeProcess process(binary, args, {{"POSTERN_HOME", home}, {"HOME", home}}, "/dev/null");
  if (!process.started() || !process.write(request)) return -1;
  auto payload = process.read_frame(5s);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  process.close_stdin();
  if (!payload || process.wait(5s) != 0) return -1;
  if (reply) *reply = *payload;
  return ms;
}

bool scenario(const char* name, int runs, const std::string& binary,
              const std::vector<std::string>& args, const std::string& home,
              const std::string& request) {
  std::vector<double> times;
  std::string reply;
  for (int i = 0; i < runs; ++i) {
    const double ms = one_run(binary, args, home, request, &reply);
    if (ms < 0) {
      std::fprintf(stderr, "%s: run %d failed\n", name, i);
      return false;
    }
    times.push_back(ms);
  }
  std::printf(
      "BRIDGE_STARTUP scenario=%s runs=%d median_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
      "max_ms=%.2f\n",
      name, runs, percentile(times, 0.5), percentile(times, 0.9), percentile(times, 0.99),
      *std::max_element(times.begin(), times.end()));
  return true;
}

// Pairs once so the "paired" scenario has a key file, and returns the key check from pair_ack.
std::string pair_once(const std::string& binary, const std::string& home) {
  BridgeProcess process(binary, {kOrigin}, {{"POSTERN_HOME", home}, {"HOME", home}}, "/dev/null");
  process.write(frame(R"({"type":"hello","protocol":1,"key_check":null})") +
                frame(R"({"type":"pair"})"));
  process.read_frame(5s);
  auto ack = process.read_frame(5s).value_or("");
  const auto at = ack.find("\"key_check\":\"");
  return at == std::string::npos ? "" : ack.substr(at + 13, 16);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bridge_startup <path/to/postern-bridge> [runs]\n");
    return 2;
  }
  const std::string binary = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;
  const auto home = std::filesystem::temp_directory_path() /
                    ("postern-bridge-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(home);
  const std::string first = frame(R"({"type":"hello","protocol":1,"key_check":null})");
  bool ok = scenario("floor", runs, "/bin/cat", {}, home.string(), first) &&
            scenario("first", runs, binary, {kOrigin}, home.string(), first);
  const std::string check = ok ? pair_once(binary, home.string()) : "";
  ok = ok && check.size() == 16 &&
       scenario("paired", runs, binary, {kOrigin}, home.string(),
                frame(R"({"type":"hello","protocol":1,"key_check":")" + check + "\"}"));
  std::filesystem::remove_all(home);
  return ok ? 0 : 1;
}
