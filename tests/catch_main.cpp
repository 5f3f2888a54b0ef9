// Catch2's main, compiled once and shared by every test executable.
//
// ctest gives every test executable a home of its own (tests/CMakeLists.txt sets HOME and
// POSTERN_TEST_ISOLATED=1). A test binary run by hand would otherwise use the real home, and a
// runtime or bridge a test starts without explicit folders would keep its CA and store there.
// So without that variable the run gets a fresh temporary home, removed afterwards.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace {

// The temporary home, when this run made one; empty under ctest. (POSIX: the Windows tests,
// run under Wine by ctest, keep Wine's own profile folders.)
std::string private_home_outside_ctest() {
#ifdef _WIN32
  return "";
#else
  if (std::getenv("POSTERN_TEST_ISOLATED")) return "";
  std::string pattern = (std::filesystem::temp_directory_path() / "postern-test-home.XXXXXX");
  if (!::mkdtemp(pattern.data())) {
    std::perror("cannot make a temporary HOME for this test run");
    std::exit(2);
  }
  ::setenv("HOME", pattern.c_str(), 1);
  for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"})
    ::unsetenv(variable);
  std::fprintf(stderr, "(not under ctest: HOME=%s for this run)\n", pattern.c_str());
  return pattern;
#endif
}

}  // namespace

int main(int argc, char* argv[]) {
  const std::string home = private_home_outside_ctest();
  const int result = Catch::Session().run(argc, argv);
  std::error_code ignored;
  if (!home.empty()) std::filesystem::remove_all(home, ignored);
  return result;
}
