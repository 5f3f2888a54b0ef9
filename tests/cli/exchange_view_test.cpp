#include "cli/exchange_view.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern::cli;
using nlohmann::json;

namespace {

std::string render(const json& exchange) {
  std::ostringstream out;
  print_exchange(out, exchange);
  return out.str();
}

}  // namespace

TEST_CASE("an exchange shows its line, status, headers and text bodies", "[cli][views]") {
  const json exchange = {
      {"id", 101},
      {"method", "POST"},
      {"url", "https://api.example.com/v1/items"},
      {"status", 201},
      {"reason", "Created"},
      {"started_at", "2026-11-22T10:00:01.250Z"},
      {"ended_at", "2026-11-22T10:00:01.300Z"},
      {"request_size", 120},
      {"response_size", 2048},
      {"error", ""},
      {"request_headers", {{{"name", "Content-Type"}, {"value", "application/json"}}}},
      {"request_body",
       {{"text", "{\"a\":1}\n\tnext\x1b"},
        {"size", 16},
        {"truncated", false},
        {"omitted_reason", nullptr}}},
      {"response_headers", {{{"name", "Location"}, {"value", "/v1/items/9"}}}},
      {"response_body", {{"base64", "AAECAw=="}, {"size", 4}, {"truncated", false}}}};
  CHECK(render(exchange) ==
        "exchange 101: POST https://api.example.com/v1/items\n"
        "  status    201 Created\n"
        "  time      2026-11-22 10:00:01 UTC to 10:00:01.300\n"
        "  size      request 120 B, response 2.0 KiB\n"
        "\nrequest\n"
        "  Content-Type: application/json\n"
        "\n"
        "  {\"a\":1}\n"
        "      next?\n"
        "\nresponse\n"
        "  Location: /v1/items/9\n"
        "\n  (binary, 6 B; `--json` has it as base64)\n");
}

TEST_CASE("nested sides, failures, omitted and cut bodies are shown for what they are",
          "[cli][views]") {
  const json failed = {
      {"id", 5},
      {"method", "GET"},
      {"url", "http://down/"},
      {"status", nullptr},
      {"error", "connection refused"},
      {"request",
       {{"headers", json::array({json::array({"Host", "down"})})}, {"body", {{"text", ""}}}}}};
  const auto text = render(failed);
  CHECK(text.find("  status    no response\n") != std::string::npos);
  CHECK(text.find("  error     connection refused\n") != std::string::npos);
  CHECK(text.find("  Host: down\n") != std::string::npos);
  CHECK(text.find("\nresponse\n") == std::string::npos);

  const json omitted = {
      {"id", 6}, {"status", 200}, {"response_body", {{"text", ""}, {"omitted_reason", "media"}}}};
  CHECK(render(omitted).find("  (not kept: media)\n") != std::string::npos);

  const json cut = {
      {"id", 7},
      {"status", 200},
      {"response_body",
       {{"text", std::string(kMaxBodyShown + 10, 'x')}, {"size", 5000000}, {"truncated", true}}}};
  const auto long_text = render(cut);
  CHECK(long_text.find("(10 more characters; `--json` shows the whole body)") != std::string::npos);
  CHECK(long_text.find("(kept only the first part of 4.8 MiB)") != std::string::npos);
}
