#include "cli/run_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern;
using namespace postern::cli;

namespace {

runner::RunSummary sample() {
  runner::RunSummary summary;
  summary.collection = "Shop";
  runner::Execution ok;
  ok.path = {"Orders", "List"};
  ok.method = "GET";
  ok.url = "http://h/orders";
  ok.auth_type = "basic";
  ok.status = 200;
  ok.reason = "OK";
  ok.elapsed_ms = 12;
  ok.response_bytes = 2048;
  ok.unsupported = {"test script", "test script"};
  ok.unresolved = {"missing"};
  runner::Execution failed;
  failed.path = {"Down"};
  failed.method = "POST";
  failed.url = "http://127.0.0.1:9/";
  failed.error = "127.0.0.1:9 refused the connection";
  summary.executions = {ok, failed};
  summary.unsupported = {"pre-request script"};
  summary.elapsed_ms = 1500;
  return summary;
}

}  // namespace

TEST_CASE("each request prints a line, its failure, and what was not run", "[cli][run]") {
  std::ostringstream out;
  auto summary = sample();
  print_execution(out, summary.executions[0]);
  print_execution(out, summary.executions[1]);
  CHECK(out.str() ==
        "→ Orders / List\n  GET http://h/orders [200 OK, 2.0 KiB, 12 ms]\n"
        "  ! not run: test script (Postern does not run scripts)\n"
        "  ! unresolved variables: missing\n"
        "→ Down\n  POST http://127.0.0.1:9/\n  ✗ 127.0.0.1:9 refused the connection\n");
}

TEST_CASE("the summary counts requests, failures and what was not run", "[cli][run]") {
  std::ostringstream out;
  print_run_summary(out, sample());
  const std::string text = out.str();
  CHECK(text.find("requests                                   2       1\n") != std::string::npos);
  CHECK(text.find("collection scripts not run: pre-request script") != std::string::npos);
  CHECK(text.find("average response time: 6 ms") != std::string::npos);
}

TEST_CASE("the JSON reporter has stats and one entry per request", "[cli][run]") {
  auto json = run_json(sample());
  CHECK(json["collection"]["name"] == "Shop");
  CHECK(json["run"]["stats"]["requests"]["total"] == 2);
  CHECK(json["run"]["stats"]["requests"]["failed"] == 1);
  CHECK(json["run"]["executions"][0]["response"]["code"] == 200);
  CHECK(json["run"]["executions"][0]["request"]["auth"] == "basic");
  CHECK(json["run"]["executions"][1]["error"] == "127.0.0.1:9 refused the connection");
  CHECK_FALSE(json["run"]["executions"][1].contains("response"));
}
