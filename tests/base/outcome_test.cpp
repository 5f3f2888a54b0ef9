#include "base/outcome.hpp"

#include <catch2/catch.hpp>

using namespace postern::base;

TEST_CASE("shell_line quotes only what a shell would split or expand", "[base][outcome]") {
  CHECK(shell_line({"certutil", "-d", "sql:/home/a/.pki/nssdb"}) ==
        "certutil -d sql:/home/a/.pki/nssdb");
  CHECK(shell_line({"certutil", "-n", "Postern Proxy CA 0a"}) ==
        "certutil -n 'Postern Proxy CA 0a'");
  CHECK(shell_line({"echo", "it's"}) == "echo 'it'\\''s'");
  CHECK(shell_line({"x", ""}) == "x ''");
  CHECK(shell_line({"a", "$HOME"}) == "a '$HOME'");
}

TEST_CASE("builders set status, code and remedy; all_ok sees failures", "[base][outcome]") {
  auto fine = done("nss", "/db", "added");
  auto same = already("nss", "/db", "was there");
  auto bad = failed("system", "/anchors", "PRIVILEGES_REQUIRED", "needs root", "sudo x");
  CHECK(fine.ok());
  CHECK(same.ok());
  CHECK_FALSE(bad.ok());
  CHECK(bad.code == "PRIVILEGES_REQUIRED");
  CHECK(bad.remedy == "sudo x");
  CHECK(all_ok({fine, same}));
  CHECK_FALSE(all_ok({fine, bad}));
  CHECK(to_string(Status::already) == "already");
  CHECK(to_string(Status::skipped) == "skipped");
}
