// A capture store with one session of captured-looking traffic aimed at ORIGIN, exported the
// way the control API exports it, for tests/e2e/export_tools_e2e.sh to check with real tools
// (har-validator, newman). The exchanges are tests/runtime/export/export_fixtures.hpp's: a GET
// with a query and cookies, a JSON POST, a urlencoded POST, a binary response and a failed GET.
// Writes OUT_DIR/capture.db, OUT_DIR/session.har and OUT_DIR/collection.json (grouped by
// domain and endpoint). Exit 0 on success, 1 with a message on stderr otherwise.
// Usage: export_fixture ORIGIN OUT_DIR      (ORIGIN like http://127.0.0.1:40123)
#include <cstdio>
#include <filesystem>
#include <string>

#include "runtime/export/export_fixtures.hpp"
#include "runtime/export/export_routes.hpp"
#include "runtime/export/json_file.hpp"

namespace {

using namespace postern;

int fail(const std::string& message) {
  std::fprintf(stderr, "export_fixture: %s\n", message.c_str());
  return 1;
}

// The session's document from GET /v1/sessions/{id}/export?<query>, written to `file`.
bool export_to(const control::ApiRouter& router, std::int64_t session, const std::string& query,
               const std::filesystem::path& file) {
  const auto response = router.handle(control::ApiRequest{
      "GET", "/v1/sessions/" + std::to_string(session) + "/export?" + query, "", "", "", ""});
  if (response.status != 200) {
    std::fprintf(stderr, "export_fixture: %s: %s", query.c_str(), response.body.c_str());
    return false;
  }
  return exports::write_json_file_atomically(file, nlohmann::json::parse(response.body))
      .has_value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return fail("usage: export_fixture ORIGIN OUT_DIR");
  const std::string origin = argv[1];
  const std::filesystem::path out = argv[2];
  auto opened = store::CaptureStore::open(out / "capture.db");
  if (!opened) return fail(opened.error().message);
  auto& capture = *opened.value();
  auto session = capture.create_session({"e2e shop", store::SessionSource::proxy, "{}"});
  if (!session) return fail(session.error().message);
  for (auto exchange : exports::testing::sample_exchanges(origin)) {
    exchange.session_id = session.value().id;
    if (!capture.enqueue(std::move(exchange))) return fail("the capture queue refused an exchange");
  }
  if (auto flushed = capture.flush(); !flushed) return fail(flushed.error().message);
  control::ApiRouter router;
  exports::add_export_routes(router, capture);
  const auto id = session.value().id;
  if (!export_to(router, id, "format=har", out / "session.har") ||
      !export_to(router, id, "format=collection&group_by=domain,endpoint", out / "collection.json"))
    return fail("the export failed");
  return 0;
}
