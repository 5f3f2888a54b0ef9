// PrivilegedRunner: which elevation path it takes, and the exact remedy when there is none.
#include <catch2/catch.hpp>

#include <filesystem>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "platform/fake_runner.hpp"
#include "platform/privileged.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using platform::Command;
using platform::Elevation;
using platform::PrivilegeContext;
using platform::PrivilegedRunner;
using testing::FakeRunner;

namespace {

Command refresh() {
  Command c;
  c.argv = {"update-ca-certificates"};
  return c;
}

PrivilegeContext user(bool prompt = false, bool display = false) {
  return PrivilegeContext{false, prompt, display};
}

}  // namespace

TEST_CASE("as root a privileged command runs as-is", "[privileged]") {
  FakeRunner fake;
  fake.has_tool("sudo").on({"update-ca-certificates"}, testing::ok());
  PrivilegedRunner runner(fake, PrivilegeContext{true, false, false});
  auto ran = runner.run(refresh());
  CHECK(ran.ok());
  CHECK(fake.lines() == std::vector<std::string>{"update-ca-certificates"});
  CHECK(runner.manual_line({"update-ca-certificates"}) == "update-ca-certificates");
}

TEST_CASE("a user with sudo elevates with sudo -n, or plain sudo at a terminal", "[privileged]") {
  FakeRunner fake;
  fake.has_tool("sudo").on({"sudo"}, testing::ok());
  SECTION("no terminal: never wait for a password") {
    PrivilegedRunner runner(fake, user());
    CHECK(runner.run(refresh()).ok());
    CHECK(fake.lines() == std::vector<std::string>{"sudo -n -- update-ca-certificates"});
  }
  SECTION("a terminal: sudo may ask") {
    PrivilegedRunner runner(fake, user(true));
    CHECK(runner.run(refresh()).ok());
    CHECK(fake.lines() == std::vector<std::string>{"sudo -- update-ca-certificates"});
  }
}

TEST_CASE("without sudo, pkexec is used when a display exists", "[privileged]") {
  FakeRunner fake;
  fake.has_tool("pkexec").has_tool("update-ca-certificates").on({"pkexec"}, testing::ok());
  PrivilegedRunner runner(fake, user(false, true));
  CHECK(runner.run(refresh()).ok());
  CHECK(fake.lines() == std::vector<std::string>{"pkexec update-ca-certificates"});
}

TEST_CASE("with no elevation path the outcome carries the exact sudo line and warns once",
          "[privileged]") {
  FakeRunner fake;  // no sudo, no pkexec
  PrivilegedRunner runner(fake, user(false, true));
  auto first = runner.run(refresh());
  CHECK_FALSE(first.ok());
  CHECK(fake.calls.empty());
  CHECK(first.failure.code == base::codes::privileges_required);
  CHECK(first.failure.remedy == "sudo update-ca-certificates");
  CHECK(first.failure.cause.find("no way to gain root") != std::string::npos);
  Command with_args;
  with_args.argv = {"install", "-D", "-m", "0644", "/tmp/a b.crt", "/usr/local/x.crt"};
  auto second = runner.run(with_args);
  CHECK(second.failure.remedy == "sudo install -D -m 0644 '/tmp/a b.crt' /usr/local/x.crt");
  CHECK(second.failure.cause.find("no way to gain root") == std::string::npos);
}

TEST_CASE("sudo asking for a password counts as no elevation path", "[privileged]") {
  FakeRunner fake;
  fake.has_tool("sudo").on({"sudo"}, testing::exited(1, "sudo: a password is required\n"));
  PrivilegedRunner runner(fake, user());
  auto ran = runner.run(refresh());
  CHECK(ran.failure.code == base::codes::privileges_required);
  CHECK(ran.failure.remedy == "sudo update-ca-certificates");
  REQUIRE(ran.failure.commands.size() == 1);
  CHECK(ran.failure.commands[0].argv.front() == "sudo");
}

TEST_CASE("a command that fails under sudo is a command failure with its output", "[privileged]") {
  FakeRunner fake;
  fake.has_tool("sudo").on({"sudo"}, testing::exited(2, "E: broken bundle\n"));
  PrivilegedRunner runner(fake, user());
  auto ran = runner.run(refresh());
  CHECK(ran.failure.code == base::codes::command_failed);
  REQUIRE(ran.failure.commands.size() == 1);
  CHECK(ran.failure.commands[0].output == "E: broken bundle");
  CHECK(ran.failure.commands[0].exit_code == 2);
}

TEST_CASE("on_permission_failure elevates only after a clear permission error", "[privileged]") {
  FakeRunner fake;
  fake.has_tool("sudo").on({"sudo"}, testing::ok());
  Command c;
  c.argv = {"certutil", "-A"};
  SECTION("works as the user: no sudo") {
    fake.on({"certutil"}, testing::ok());
    PrivilegedRunner runner(fake, user());
    CHECK(runner.run(c, Elevation::on_permission_failure).ok());
    CHECK(fake.lines() == std::vector<std::string>{"certutil -A"});
  }
  SECTION("read-only database: retried with sudo") {
    fake.on({"certutil"}, testing::exited(255, "certutil: SEC_ERROR_READ_ONLY"));
    PrivilegedRunner runner(fake, user());
    CHECK(runner.run(c, Elevation::on_permission_failure).ok());
    CHECK(fake.lines() == std::vector<std::string>{"certutil -A", "sudo -n -- certutil -A"});
  }
  SECTION("any other failure: not retried") {
    fake.on({"certutil"}, testing::exited(255, "certutil: bad database"));
    PrivilegedRunner runner(fake, user());
    CHECK_FALSE(runner.run(c, Elevation::on_permission_failure).ok());
    CHECK(fake.calls.size() == 1);
  }
}

TEST_CASE("write_file writes directly where permitted, with mode 0644", "[privileged]") {
  testing::TempDir dir;
  FakeRunner fake;
  PrivilegedRunner runner(fake, user());
  const auto path = dir / "anchors" / "postern.crt";
  auto written = runner.write_file(path, "PEM");
  CHECK(written.status == base::Status::done);
  CHECK(base::read_file(path).value() == "PEM");
  CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read) !=
        std::filesystem::perms::none);
  CHECK(fake.calls.empty());
}

TEST_CASE("write_file stages the file and installs it as root when not permitted", "[privileged]") {
  // sysfs refuses new files to everyone, root included, so this is a real EACCES.
  const std::filesystem::path dest = "/sys/postern-test-anchor.crt";
  FakeRunner fake;
  std::string staged_content;
  fake.has_tool("sudo").on(
      {"sudo", "-n", "--", "install"}, testing::ok(), -1,
      [&](const Command& c) { staged_content = base::read_file(c.argv[7]).value(); });
  PrivilegedRunner runner(fake, user());
  auto written = runner.write_file(dest, "PEM BYTES");
  CHECK(written.status == base::Status::done);
  REQUIRE(fake.calls.size() == 1);
  const auto& argv = fake.calls[0].argv;
  CHECK(std::vector<std::string>(argv.begin(), argv.begin() + 7) ==
        std::vector<std::string>{"sudo", "-n", "--", "install", "-D", "-m", "0644"});
  CHECK(argv[8] == dest.string());
  CHECK(staged_content == "PEM BYTES");
  CHECK_FALSE(std::filesystem::exists(argv[7]));  // the scratch folder is gone again
}

TEST_CASE("write_file without an elevation path keeps the staged file for the remedy",
          "[privileged]") {
  const std::filesystem::path dest = "/sys/postern-test-anchor.crt";
  FakeRunner fake;
  PrivilegedRunner runner(fake, user());
  auto written = runner.write_file(dest, "PEM BYTES");
  CHECK(written.code == base::codes::privileges_required);
  CHECK(written.target == dest.string());
  CHECK(written.remedy.rfind("sudo install -D -m 0644 ", 0) == 0);
  // The remedy names a staged copy that still exists, so the user can run it as printed.
  const auto staged = written.remedy.substr(std::string("sudo install -D -m 0644 ").size());
  const auto staged_path = staged.substr(0, staged.find(' '));
  CHECK(base::read_file(staged_path).value() == "PEM BYTES");
  std::filesystem::remove_all(std::filesystem::path(staged_path).parent_path());
}

TEST_CASE("remove_file: absent is already, present is removed", "[privileged]") {
  testing::TempDir dir;
  FakeRunner fake;
  PrivilegedRunner runner(fake, user());
  CHECK(runner.remove_file(dir / "nothing.crt").status == base::Status::already);
  base::write_file_atomically(dir / "x.crt", "x", base::FileMode::world_read);
  CHECK(runner.remove_file(dir / "x.crt").status == base::Status::done);
  CHECK_FALSE(std::filesystem::exists(dir / "x.crt"));
  CHECK(fake.calls.empty());
}

TEST_CASE("permission failures are recognised by their words", "[privileged]") {
  CHECK(platform::looks_like_permission_failure("rm: cannot remove 'x': Permission denied"));
  CHECK(platform::looks_like_permission_failure("certutil: SEC_ERROR_READ_ONLY: read-only"));
  CHECK(platform::looks_like_permission_failure("Operation not permitted"));
  CHECK_FALSE(platform::looks_like_permission_failure("certutil: bad database"));
}
