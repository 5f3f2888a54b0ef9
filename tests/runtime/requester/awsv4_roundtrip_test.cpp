// AWS Signature Version 4 sent with send_request to a loopback server where botocore (Debian's
// python3-botocore, the AWS SDK for Python) recomputes every signature
// (tests/support/auth_servers/awsv4_server.py): headers and presigned URLs, S3 and other
// services, session tokens, unsorted queries, escaped paths, and what libcurl really sent.
#include <catch2/catch.hpp>

#include "roundtrip_support.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"
#include "support/auth_server_process.hpp"

using namespace postern;
using postern::testing::auth_server_script;
using postern::testing::AuthServerProcess;

namespace {

constexpr const char* kAccessKey = "AKIDEXAMPLE";
constexpr const char* kSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

AuthServerProcess aws_server(const std::string& service, std::vector<std::string> options = {}) {
  std::vector<std::string> argv{"/usr/bin/python3", auth_server_script("awsv4_server.py"),
                                "--access-key",     kAccessKey,
                                "--secret-key",     kSecretKey,
                                "--region",         "eu-west-1",
                                "--service",        service};
  argv.insert(argv.end(), options.begin(), options.end());
  return AuthServerProcess(std::move(argv));
}

requester::SendResult send(auth::AuthParams params, auth::HttpRequest request) {
  params.set("accessKey", kAccessKey);
  if (!params.has("secretKey")) params.set("secretKey", kSecretKey);
  params.set("region", "eu-west-1");
  auto scheme = postern::testing::roundtrip_scheme("awsv4", params);
  return postern::testing::roundtrip_send(std::move(request), *scheme);
}

}  // namespace

TEST_CASE("awsv4 headers pass botocore for API Gateway, query unsorted", "[roundtrip][awsv4]") {
  auto server = aws_server("execute-api");
  auto result =
      send({}, {"POST",
                server.url("/prod/items/a%20b/../c?z=1&a=2&a=1&empty"),
                {{"Content-Type", "application/json"}, {"X-Trace", "one"}, {"X-Trace", "two"}},
                "{\"name\":\"postern\"}"});
  CHECK(result.response.status == 200);
  CHECK(result.body == "verified execute-api header");
  REQUIRE(result.legs.size() == 1);
  // What went on the wire carries the payload hash and the date it signed.
  const std::string& head = result.legs[0].raw_request_head;
  CHECK(head.find("X-Amz-Content-Sha256: ") != std::string::npos);
  CHECK(head.find("X-Amz-Date: ") != std::string::npos);
}

TEST_CASE("awsv4 escapes a raw space in the path and still passes", "[roundtrip][awsv4]") {
  auto server = aws_server("execute-api");
  auto result = send({}, {"GET", server.url("/example space/"), {}, ""});
  CHECK(result.response.status == 200);
  CHECK(result.legs.at(0).raw_request_head.starts_with("GET /example%20space/ HTTP/1.1"));
}

TEST_CASE("awsv4 signs the session token it sends", "[roundtrip][awsv4]") {
  auto server = aws_server("sts", {"--token", "session/token+=="});
  auto result = send({{"service", "sts"}, {"sessionToken", "session/token+=="}},
                     {"GET", server.url("/?Action=GetCallerIdentity&Version=2011-06-15"), {}, ""});
  CHECK(result.response.status == 200);
  CHECK(result.body == "verified sts header");
}

TEST_CASE("awsv4 follows S3's rules: literal keys, payload hash header", "[roundtrip][awsv4]") {
  auto server = aws_server("s3");
  auto put = send({{"service", "s3"}}, {"PUT",
                                        server.url("/examplebucket/photos/2024/a$b+c.txt"),
                                        {{"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
                                        "Welcome to Amazon S3."});
  CHECK(put.response.status == 200);
  CHECK(put.body == "verified s3 header");
  auto get = send({{"service", "s3"}},
                  {"GET", server.url("/examplebucket/test.txt"), {{"Range", "bytes=0-9"}}, ""});
  CHECK(get.response.status == 200);
  auto unsigned_payload = send({{"service", "s3"}}, {"PUT",
                                                     server.url("/examplebucket/big"),
                                                     {{"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"}},
                                                     "streamed without hashing"});
  CHECK(unsigned_payload.response.status == 200);
}

TEST_CASE("awsv4 presigned URLs pass botocore, S3 and not", "[roundtrip][awsv4]") {
  auto s3 = aws_server("s3", {"--token", "tok"});
  auto presigned =
      send({{"service", "s3"}, {"addAuthDataToQuery", "true"}, {"sessionToken", "tok"}},
           {"GET", s3.url("/examplebucket/test.txt?versionId=3"), {}, ""});
  CHECK(presigned.response.status == 200);
  CHECK(presigned.body == "verified s3 query");
  CHECK_FALSE(auth::find_header(presigned.legs.at(0).request.headers, "Authorization"));

  auto api = aws_server("execute-api");
  auto query = send({{"addAuthDataToQuery", "true"}}, {"GET", api.url("/prod/?b=2&a=1"), {}, ""});
  CHECK(query.response.status == 200);
  CHECK(query.body == "verified execute-api query");
}

TEST_CASE("awsv4 with the wrong secret is refused by botocore", "[roundtrip][awsv4]") {
  auto server = aws_server("execute-api");
  auto result = send({{"secretKey", "not-the-secret"}}, {"GET", server.url("/"), {}, ""});
  CHECK(result.response.status == 403);
  CHECK(result.body.starts_with("refused: signature mismatch"));
}
