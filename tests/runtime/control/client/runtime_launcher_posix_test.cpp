#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/runtime_launcher.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::control_client;
namespace fs = std::filesystem;

namespace {

fs::path script(const testing::TempDir& dir, const std::string& name, const std::string& body) {
  const fs::path file = dir / name;
  std::ofstream(file) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(file, fs::perms::owner_all);
  return file;
}

}  // namespace

TEST_CASE("--foreground replaces the process with the runtime and its arguments",
          "[client][launcher]") {
  testing::TempDir dir;
  const fs::path args_file = dir / "args";
  const fs::path binary =
      script(dir, "postern-runtime", "echo \"$@\" > '" + args_file.string() + "'");
  const RuntimeLaunch launch{binary, dir / "run", dir / "config", 5555, true};
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    exec_runtime(launch);
    ::_exit(99);  // only when exec failed
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(testing::file_text(args_file) == "--runtime-dir " + (dir / "run").string() +
                                             " --config-dir " + (dir / "config").string() +
                                             " --port 5555 --lan\n");
}

TEST_CASE("a runtime that cannot be run is an error naming it", "[client][launcher]") {
  testing::TempDir dir;
  const auto failure = exec_runtime({dir / "missing", dir / "run", dir / "config", {}, false});
  CHECK(failure.message.find((dir / "missing").string()) != std::string::npos);
  CHECK(failure.remedy.find("POSTERN_RUNTIME_BINARY") != std::string::npos);
}

TEST_CASE("a background start passes --port and --lan to the runtime", "[client][launcher]") {
  testing::TempDir dir;
  const fs::path args_file = dir.path() / "args";
  // The fake runtime records its arguments and exits: the start fails, the arguments stay.
  const fs::path binary =
      script(dir, "postern-runtime", "echo \"$@\" > '" + args_file.string() + "'; exit 3");
  const auto started = start_runtime_detached({binary, dir / "run", dir / "config", 8080, true});
  REQUIRE_FALSE(started);
  CHECK(testing::file_text(args_file) == "--runtime-dir " + (dir / "run").string() +
                                             " --config-dir " + (dir / "config").string() +
                                             " --port 8080 --lan\n");
}

TEST_CASE("a runtime that exits at once is reported with its log", "[client][launcher]") {
  testing::TempDir dir;
  const fs::path binary = script(dir, "postern-runtime", "echo broken >&2; exit 3");
  const auto started = start_runtime_detached({binary, dir / "run", dir / "config", {}, false});
  REQUIRE_FALSE(started);
  CHECK(started.error().code == control_errc::not_running);
  CHECK(started.error().message.find("status 3") != std::string::npos);
  CHECK(started.error().remedy.find((dir / "run").string()) != std::string::npos);
  CHECK(testing::file_text(dir / "run" / "postern-runtime.log").find("broken") !=
        std::string::npos);
}
