#include "runtime/export/collection_item.hpp"

#include <catch2/catch.hpp>

#include "export_fixtures.hpp"

using namespace postern;
using namespace postern::exports;
using namespace postern::exports::testing;
using nlohmann::json;

namespace {

std::vector<std::string> header_names(const json& headers) {
  std::vector<std::string> names;
  for (const auto& header : headers)
    names.push_back(header["key"]);
  return names;
}

}  // namespace

TEST_CASE("the URL as Postman's object, query kept encoded", "[export][collection]") {
  const auto url = collection_request(get_with_query(kOrigin))["url"];
  CHECK(url["raw"] == kOrigin + "/items?q=a%20b&page=2");
  CHECK(url["protocol"] == "http");
  CHECK(url["host"] == json::array({"127", "0", "0", "1"}));
  CHECK(url["port"] == "8080");
  CHECK(url["path"] == json::array({"items"}));
  CHECK(url["query"] == json::parse(R"([{"key":"q","value":"a%20b"},{"key":"page","value":"2"}])"));

  const auto https = prepared(exchange_at(0, "GET", "https://api.example.com", "/v1/users/"));
  const auto plain = collection_request(https)["url"];
  CHECK(plain["host"] == json::array({"api", "example", "com"}));
  CHECK_FALSE(plain.contains("port"));  // the scheme's default
  CHECK(plain["path"] == json::array({"v1", "users", ""}));
  CHECK_FALSE(plain.contains("query"));
  const auto root = prepared(exchange_at(0, "GET", "http://[::1]:9000", "/"));
  CHECK(collection_request(root)["url"]["host"] == json::array({"[::1]"}));
  CHECK(collection_request(root)["url"]["path"] == json::array());
}

TEST_CASE("headers the sender recomputes are left out", "[export][collection]") {
  const auto request = collection_request(post_json(kOrigin));
  CHECK(request["method"] == "POST");
  // Host, Content-Length, Connection and X-Hop (named by Connection) are gone.
  CHECK(header_names(request["header"]) == std::vector<std::string>{"User-Agent", "Content-Type"});
  CHECK(is_recomputed_header("Transfer-Encoding", ""));
  CHECK(is_recomputed_header(":authority", ""));
  CHECK(is_recomputed_header("x-trace", "close, X-Trace"));
  CHECK_FALSE(is_recomputed_header("Authorization", "close"));
  CHECK_FALSE(is_recomputed_header("Cookie", ""));
}

TEST_CASE("bodies in the mode of their data", "[export][collection]") {
  CHECK_FALSE(collection_request(get_with_query(kOrigin)).contains("body"));
  const auto raw = collection_request(post_json(kOrigin))["body"];
  CHECK(raw["mode"] == "raw");
  CHECK(raw["raw"] == R"({"name":"cup"})");
  CHECK(raw["options"]["raw"]["language"] == "json");
  const auto form = collection_request(post_form(kOrigin))["body"];
  CHECK(form["mode"] == "urlencoded");
  CHECK(form["urlencoded"] == json::parse(R"([{"key":"user","value":"ada","type":"text"},
                                             {"key":"lang","value":"en","type":"text"}])"));
  const auto upload = collection_request(post_multipart(kOrigin))["body"];
  CHECK(upload["mode"] == "formdata");
  REQUIRE(upload["formdata"].size() == 2);
  CHECK(upload["formdata"][0] == json({{"key", "title"}, {"value", "holiday"}, {"type", "text"}}));
  CHECK(upload["formdata"][1]["type"] == "file");
  CHECK(upload["formdata"][1]["contentType"] == "image/png");
  CHECK(upload["formdata"][1]["description"].get<std::string>().find("a;b.png") !=
        std::string::npos);

  auto xml = post_json(kOrigin);
  xml.request_headers = {{"Content-Type", "application/soap+xml"}};
  xml.data_mode = "raw";
  CHECK(collection_request(xml)["body"]["options"]["raw"]["language"] == "xml");
  auto binary = post_json(kOrigin);
  binary.request_body = {std::string("\0\xff", 2), 2, false, ""};
  binary.data_mode = "binary";
  const auto binary_item = collection_item(binary, "bin");
  CHECK(binary_item["request"]["body"]["mode"] == "file");
  CHECK(binary_item["description"] ==
        "request body: 2 bytes of binary data, not in the collection");
  CHECK_FALSE(collection_item(post_multipart(kOrigin), "up").contains("description"));
}

TEST_CASE("a cut form goes out as raw text, not as fields it may have lost",
          "[export][collection]") {
  auto cut = post_form(kOrigin);
  cut.request_body.truncated = true;
  cut.request_body.original_size = 100;
  const auto item = collection_item(cut, "cut");
  CHECK(item["request"]["body"]["mode"] == "raw");
  CHECK(item["description"] == "request body truncated: 16 of 100 bytes kept");
}

TEST_CASE("responses with a kept body are saved as examples", "[export][collection]") {
  const auto item = collection_item(get_with_query(kOrigin), "GET /items");
  CHECK(item["name"] == "GET /items");
  REQUIRE(item["response"].size() == 1);
  const auto& response = item["response"][0];
  CHECK(response["name"] == "200 OK");
  CHECK(response["code"] == 200);
  CHECK(response["status"] == "OK");
  CHECK(response["_postman_previewlanguage"] == "json");
  CHECK(response["body"] == R"({"items":[{"id":1,"name":"pen"}]})");
  CHECK(response["originalRequest"] == item["request"]);
  CHECK(response["header"].size() == 2);  // a response's headers are all kept
  CHECK(response["responseTime"] == 20);
  CHECK_FALSE(item.contains("description"));

  const auto binary = collection_item(get_binary(kOrigin), "bin");
  REQUIRE(binary["response"].size() == 1);
  CHECK_FALSE(binary["response"][0].contains("body"));
  CHECK(binary["description"] == "response body: binary data, not in the saved response");
  auto media = get_binary(kOrigin);
  media.response_body = {"", 9000, false, "media"};
  CHECK(collection_item(media, "m")["response"].empty());
}

TEST_CASE("a failed exchange is a request without a response, with the error",
          "[export][collection]") {
  const auto item = collection_item(failed_get(kOrigin), "GET /items/9");
  CHECK(item["response"].empty());
  CHECK(item["description"] == "failed, no response: upstream refused the connection");
  CHECK(item["request"]["url"]["path"] == json::array({"items", "9"}));
}
