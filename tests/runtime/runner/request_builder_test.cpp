#include "runtime/runner/request_builder.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::runner;

namespace {

RequestSpec spec_with_body(RequestBody body) {
  RequestSpec spec;
  spec.method = "POST";
  spec.url = "{{host}}/p";
  spec.body = std::move(body);
  return spec;
}

}  // namespace

TEST_CASE("variables go everywhere; disabled rows stay out; no scheme means http",
          "[runner][build]") {
  Variables vars;
  vars.environment = {{"host", "api.test"}, {"k", "K"}, {"v", "V"}};
  RequestSpec spec;
  spec.url = "{{host}}/items?{{k}}={{v}}";
  spec.headers = {{"X-{{k}}", "{{v}}"}, {"Off", "x", true}, {"U", "{{nope}}"}};
  auto built = build_request(spec, vars, ".");
  REQUIRE(built);
  CHECK(built.value().request.url == "http://api.test/items?K=V");
  REQUIRE(built.value().request.headers.size() == 2);
  CHECK(built.value().request.headers[0].name == "X-K");
  CHECK(built.value().request.headers[0].value == "V");
  CHECK(built.value().unresolved == std::set<std::string>{"nope"});
}

TEST_CASE("bodies by mode, with Postman's Content-Type defaults", "[runner][build]") {
  Variables vars;
  vars.environment = {{"host", "h.test"}, {"name", "a b"}};
  RequestBody raw;
  raw.mode = "raw";
  raw.raw = R"({"n":"{{name}}"})";
  raw.raw_language = "json";
  auto json_body = build_request(spec_with_body(raw), vars, ".");
  REQUIRE(json_body);
  CHECK(json_body.value().request.body == R"({"n":"a b"})");
  CHECK(auth::find_header(json_body.value().request.headers, "Content-Type") == "application/json");

  RequestBody form;
  form.mode = "urlencoded";
  form.urlencoded = {{"n", "{{name}}"}, {"skip", "1", true}, {"&", "="}};
  auto urlencoded = build_request(spec_with_body(form), vars, ".");
  REQUIRE(urlencoded);
  CHECK(urlencoded.value().request.body == "n=a%20b&%26=%3D");

  RequestBody graphql;
  graphql.mode = "graphql";
  graphql.graphql_query = "{ me }";
  graphql.graphql_variables = R"({"x":1})";
  auto gql = build_request(spec_with_body(graphql), vars, ".");
  REQUIRE(gql);
  CHECK(gql.value().request.body == R"({"query":"{ me }","variables":{"x":1}})");
}

TEST_CASE("form-data and file bodies read files relative to the collection", "[runner][build]") {
  postern::testing::TempDir dir;
  std::ofstream(dir.path() / "up.bin", std::ios::binary) << std::string("\x01\x02", 2);
  Variables vars;
  RequestBody form;
  form.mode = "formdata";
  form.formdata = {{"text", "hello"}, {"file", "up.bin", false, true, "image/png"}};
  RequestSpec spec = spec_with_body(form);
  spec.headers = {{"Content-Type", "multipart/form-data"}};
  auto built = build_request(spec, vars, dir.path());
  REQUIRE(built);
  auto type = auth::find_header(built.value().request.headers, "Content-Type");
  REQUIRE(type);
  REQUIRE(type->starts_with("multipart/form-data; boundary="));
  std::string boundary = type->substr(type->find('=') + 1);
  const std::string& body = built.value().request.body;
  CHECK(body.find("--" + boundary +
                  "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhello\r\n") == 0);
  CHECK(body.find(
            "name=\"file\"; filename=\"up.bin\"\r\nContent-Type: image/png\r\n\r\n\x01\x02\r\n") !=
        std::string::npos);
  CHECK(body.ends_with("--" + boundary + "--\r\n"));

  RequestBody file;
  file.mode = "file";
  file.file = "up.bin";
  auto raw_file = build_request(spec_with_body(file), vars, dir.path());
  REQUIRE(raw_file);
  CHECK(raw_file.value().request.body == std::string("\x01\x02", 2));
  file.file = "missing.bin";
  auto missing = build_request(spec_with_body(file), vars, dir.path());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("missing.bin") != std::string::npos);
}

TEST_CASE("auth inheritance: the nearest that does not inherit; noauth stops it",
          "[runner][build]") {
  AuthSpec inherit;
  AuthSpec none;
  none.mode = AuthSpec::Mode::none;
  AuthSpec basic;
  basic.mode = AuthSpec::Mode::scheme;
  basic.type = "basic";
  CHECK(effective_auth({&inherit, &basic}).type == "basic");
  CHECK(effective_auth({&inherit, &none, &basic}).mode == AuthSpec::Mode::none);
  CHECK(effective_auth({&inherit, &inherit}).mode == AuthSpec::Mode::none);
  Variables vars;
  vars.environment = {{"u", "alice"}};
  std::set<std::string> unresolved;
  auto params =
      substitute_params({{"username", "{{u}}"}, {"password", "{{pw}}"}}, vars, &unresolved);
  CHECK(params.text("username") == "alice");
  CHECK(unresolved.contains("pw"));
}
