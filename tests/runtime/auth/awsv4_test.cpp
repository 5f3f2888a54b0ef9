// The awsv4 scheme as a whole: AWS's published vectors through make_awsv4 (the clock pinned to
// the vectors' time), and the choices Postman makes about what goes where.
#include <catch2/catch.hpp>

#include "auth_vectors.hpp"
#include "aws_suite.hpp"
#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;
using postern::testing::auth_vector;
using postern::testing::aws_suite_request;
using postern::testing::kAwsSuiteWireCases;

namespace {

constexpr std::int64_t kSuiteTime = 1440938160;  // 20150830T123600Z
constexpr std::int64_t kS3Time = 1369353600;     // 20130524T000000Z

AuthContext pinned(std::int64_t now) {
  return AuthContext{[now] { return now; }, [](std::size_t n) { return std::string(n, 'x'); }};
}

AuthParams suite_params() {
  return {{"accessKey", "AKIDEXAMPLE"},
          {"secretKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
          {"region", "us-east-1"},
          {"service", "service"}};
}

AuthParams s3_params() {
  return {{"accessKey", "AKIAIOSFODNN7EXAMPLE"},
          {"secretKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
          {"service", "s3"}};
}

HttpRequest sign(const AuthParams& params, HttpRequest request, std::int64_t now = kSuiteTime) {
  auto scheme = make_auth_scheme("awsv4", params, pinned(now));
  REQUIRE(scheme);
  REQUIRE(scheme.value()->create_response(request));
  return request;
}

/// A suite .req turned into the request Postern would send to example.amazonaws.com.
HttpRequest suite_request(const std::string& name) {
  auto read = aws_suite_request(name);
  REQUIRE_FALSE(read.method.empty());
  return HttpRequest{read.method, "https://example.amazonaws.com" + read.target,
                     std::move(read.headers), std::move(read.body)};
}

}  // namespace

TEST_CASE("awsv4 signs AWS's test suite requests as published", "[auth][awsv4]") {
  // Every suite case whose target can go on the wire as written (get-utf8 and get-space carry raw
  // bytes, which the scheme escapes first; aws_sigv4_detail_test.cpp covers them step by step).
  for (const char* name : kAwsSuiteWireCases) {
    INFO(name);
    auto request = sign(suite_params(), suite_request(name));
    CHECK(find_header(request.headers, "Authorization") ==
          auth_vector("awsv4", std::string(name) + "/" + name + ".authz"));
    CHECK(find_header(request.headers, "X-Amz-Date") == "20150830T123600Z");
    CHECK_FALSE(find_header(request.headers, "X-Amz-Content-Sha256"));
  }
}

TEST_CASE("awsv4 signs the session token it adds (post-sts-header-before)", "[auth][awsv4]") {
  auto suite = suite_request("post-sts-header-before");
  auto published_token = find_header(suite.headers, "X-Amz-Security-Token");
  REQUIRE(published_token);
  remove_header(suite.headers, "X-Amz-Security-Token");
  auto params = suite_params();
  params.set("sessionToken", *published_token);
  auto request = sign(params, suite);
  CHECK(find_header(request.headers, "X-Amz-Security-Token") == published_token);
  CHECK(find_header(request.headers, "Authorization") ==
        auth_vector("awsv4", "post-sts-header-before/post-sts-header-before.authz"));
}

TEST_CASE("awsv4 signs S3's GET and PUT examples with the payload hash header", "[auth][awsv4]") {
  auto get =
      sign(s3_params(),
           {"GET", "https://examplebucket.s3.amazonaws.com/test.txt", {{"Range", "bytes=0-9"}}, ""},
           kS3Time);
  CHECK(find_header(get.headers, "X-Amz-Content-Sha256") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(find_header(get.headers, "Host") == "examplebucket.s3.amazonaws.com");
  CHECK(find_header(get.headers, "Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

  auto put = sign(
      s3_params(),
      {"PUT",
       "https://examplebucket.s3.amazonaws.com/test$file.text",
       {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
       "Welcome to Amazon S3."},
      kS3Time);
  CHECK(find_header(put.headers, "Authorization")
            ->ends_with(
                "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
  CHECK(put.url == "https://examplebucket.s3.amazonaws.com/test%24file.text");

  auto list =
      sign(s3_params(),
           {"GET", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", {}, ""}, kS3Time);
  CHECK(find_header(list.headers, "Authorization")
            ->ends_with(
                "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
}

TEST_CASE("awsv4 presigns S3's example URL when addAuthDataToQuery is set", "[auth][awsv4]") {
  auto params = s3_params();
  params.set("addAuthDataToQuery", "true");
  auto request =
      sign(params, {"GET", "https://examplebucket.s3.amazonaws.com/test.txt", {}, ""}, kS3Time);
  CHECK(request.url == auth_vector("awsv4", "s3-presigned-get-object/s3-presigned-get-object.url"));
  CHECK_FALSE(find_header(request.headers, "Authorization"));
  CHECK_FALSE(find_header(request.headers, "X-Amz-Date"));

  // Signing again replaces the old parameters instead of piling new ones on; the X-Amz-Expires
  // now in the URL is kept where it is (Postman leaves it to the user), so only the order moves.
  const std::string first = request.url;
  auto scheme = make_auth_scheme("awsv4", params, pinned(kS3Time));
  REQUIRE(scheme);
  REQUIRE(scheme.value()->create_response(request));
  auto count = [&](std::string_view what) {
    std::size_t n = 0;
    for (auto at = request.url.find(what); at != std::string::npos;
         at = request.url.find(what, at + 1))
      ++n;
    return n;
  };
  CHECK(count("X-Amz-Algorithm=") == 1);
  CHECK(count("X-Amz-Expires=") == 1);
  CHECK(count("X-Amz-Signature=") == 1);
  CHECK(request.url.substr(request.url.rfind('=')) == first.substr(first.rfind('=')));
}

TEST_CASE("awsv4 presigned URLs keep the user's X-Amz-Expires and carry the token",
          "[auth][awsv4]") {
  auto params = suite_params();
  params.set("addAuthDataToQuery", "true");
  params.set("sessionToken", "tok/en+");
  auto request =
      sign(params, {"GET", "https://example.amazonaws.com/?b=2&X-Amz-Expires=60", {}, ""});
  CHECK(
      request.url.starts_with("https://example.amazonaws.com/?b=2&X-Amz-Expires=60&"
                              "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F"
                              "20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date="
                              "20150830T123600Z&X-Amz-Security-Token=tok%2Fen%2B&"
                              "X-Amz-SignedHeaders=host&X-Amz-Signature="));
  CHECK(request.url.find("X-Amz-Expires=86400") == std::string::npos);
}

TEST_CASE("awsv4 uses Postman's defaults and hashes any body", "[auth][awsv4]") {
  auto request = sign({{"accessKey", "AK"}, {"secretKey", "SK"}},
                      {"POST",
                       "https://abc.execute-api.eu-west-1.amazonaws.com/prod/items",
                       {{"Content-Type", "application/json"}},
                       "{\"a\":1}"});
  auto authorization = find_header(request.headers, "Authorization");
  REQUIRE(authorization);
  CHECK(authorization->starts_with(
      "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/execute-api/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature="));
  CHECK(find_header(request.headers, "X-Amz-Content-Sha256") ==
        "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
}

TEST_CASE("awsv4 honours a caller's UNSIGNED-PAYLOAD and replaces stale headers", "[auth][awsv4]") {
  HttpRequest request{"PUT",
                      "https://examplebucket.s3.amazonaws.com/big",
                      {{"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"},
                       {"Authorization", "old"},
                       {"X-Amz-Date", "19990101T000000Z"}},
                      "payload"};
  request = sign(s3_params(), request, kS3Time);
  CHECK(all_headers(request.headers, "Authorization").size() == 1);
  CHECK(all_headers(request.headers, "X-Amz-Date") == std::vector<std::string>{"20130524T000000Z"});
  CHECK(find_header(request.headers, "X-Amz-Content-Sha256") == "UNSIGNED-PAYLOAD");
  // Any other value is Postman's to recompute.
  request.headers = {{"X-Amz-Content-Sha256", "deadbeef"}};
  request = sign(s3_params(), request, kS3Time);
  CHECK(find_header(request.headers, "X-Amz-Content-Sha256") ==
        "239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5");
}

TEST_CASE("awsv4 escapes raw bytes in the URL so the bytes signed are the bytes sent",
          "[auth][awsv4]") {
  auto request =
      sign(suite_params(), {"GET", "https://example.amazonaws.com/example space/", {}, ""});
  CHECK(request.url == "https://example.amazonaws.com/example%20space/");
  // On the wire the path is /example%20space/, which AWS encodes once more.
  CHECK(find_header(request.headers, "Authorization")->find("Signature=") != std::string::npos);
}

TEST_CASE("awsv4 refuses missing keys and bad scope parts without echoing secrets",
          "[auth][awsv4]") {
  auto missing = make_auth_scheme("awsv4", {{"secretKey", "s3cr3t"}}, system_context());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("accessKey") != std::string::npos);
  CHECK(missing.error().message.find("s3cr3t") == std::string::npos);
  auto no_secret = make_auth_scheme("awsv4", {{"accessKey", "AK"}}, system_context());
  REQUIRE_FALSE(no_secret);
  CHECK(no_secret.error().message.find("secretKey") != std::string::npos);
  auto bad_region = make_auth_scheme(
      "awsv4", {{"accessKey", "AK"}, {"secretKey", "s3cr3t"}, {"region", "us/east"}},
      system_context());
  REQUIRE_FALSE(bad_region);
  CHECK(bad_region.error().message.find("region") != std::string::npos);
  CHECK(bad_region.error().message.find("s3cr3t") == std::string::npos);

  auto scheme = make_auth_scheme("awsv4", suite_params(), system_context());
  REQUIRE(scheme);
  CHECK(scheme.value()->complete_without_server());
  HttpRequest relative{"GET", "/no/host", {}, ""};
  auto refused = scheme.value()->create_response(relative);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("wJalrXUtnFEMI") == std::string::npos);
}
