// The SigV4 steps against AWS's published vectors (tests/data/auth/awsv4/, see its README): each
// case's canonical request, string to sign and Authorization header, byte for byte.
#include "runtime/auth/aws_sigv4_detail.hpp"

#include <catch2/catch.hpp>

#include "auth_vectors.hpp"
#include "aws_suite.hpp"
#include "runtime/auth/crypto.hpp"

using namespace postern::auth;
using namespace postern::auth::awsv4::detail;
using postern::testing::auth_vector;
using postern::testing::aws_suite_request;
using postern::testing::kAwsSuiteWireCases;

namespace {

/// A suite request split as the SigV4 steps take it.
struct SuiteRequest {
  std::string method, path, query, body;
  std::vector<Header> headers;
};

SuiteRequest suite_request(const std::string& name) {
  auto read = aws_suite_request(name);
  const auto question = read.target.find('?');
  SuiteRequest out{read.method, read.target.substr(0, question), "", std::move(read.body),
                   std::move(read.headers)};
  if (question != std::string::npos) out.query = read.target.substr(question + 1);
  return out;
}

struct Signer {
  std::string access_key, secret_key, date, region, service;
  bool s3 = false;
};

const Signer kSuite{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z",
                    "us-east-1", "service"};
const Signer kS3{"AKIAIOSFODNN7EXAMPLE",
                 "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                 "20130524T000000Z",
                 "us-east-1",
                 "s3",
                 true};

struct Steps {
  std::string creq, sts, authz;
};

Steps run_steps(const Signer& signer, const SuiteRequest& request, std::string payload = {}) {
  Steps out;
  auto headers = canonical_headers(request.headers);
  if (payload.empty()) payload = payload_hash(request.body);
  out.creq = canonical_request(request.method, canonical_uri(request.path, signer.s3),
                               canonical_query(request.query), headers, payload);
  auto scope = credential_scope(signer.date, signer.region, signer.service);
  out.sts = string_to_sign(signer.date, scope, out.creq);
  auto key = signing_key(signer.secret_key, signer.date, signer.region, signer.service);
  out.authz = authorization_header(signer.access_key, scope, headers.signed_headers,
                                   signature(key, out.sts));
  return out;
}

}  // namespace

TEST_CASE("sigv4 steps reproduce AWS's test suite byte for byte", "[auth][awsv4]") {
  // The wire-safe cases, then the ones with raw bytes in their targets, and the session token.
  std::vector<std::string> names(std::begin(kAwsSuiteWireCases), std::end(kAwsSuiteWireCases));
  names.insert(names.end(), {"get-utf8", "get-space", "post-sts-header-before"});
  for (const auto& name : names) {
    const std::string base = name + "/" + name;
    INFO(name);
    const auto request = suite_request(name);
    REQUIRE_FALSE(request.method.empty());
    const auto steps = run_steps(kSuite, request);
    CHECK(steps.creq == auth_vector("awsv4", base + ".creq"));
    CHECK(steps.sts == auth_vector("awsv4", base + ".sts"));
    CHECK(steps.authz == auth_vector("awsv4", base + ".authz"));
  }
}

TEST_CASE("sigv4 steps sign the suite's form-encoded POSTs", "[auth][awsv4]") {
  for (const char* name : {"post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters"}) {
    const std::string base = std::string(name) + "/" + name;
    INFO(name);
    const auto request = suite_request(name);
    CHECK(request.body == "Param1=value1");
    const auto steps = run_steps(kSuite, request);
    CHECK(
        steps.creq.ends_with("\ncontent-type;host;x-amz-date\n"
                             "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
    CHECK(steps.authz == auth_vector("awsv4", base + ".authz"));
  }
}

TEST_CASE("sigv4 steps reproduce Amazon S3's worked examples", "[auth][awsv4]") {
  for (const char* name :
       {"s3-get-object", "s3-put-object", "s3-get-bucket-lifecycle", "s3-list-objects"}) {
    const std::string base = std::string(name) + "/" + name;
    INFO(name);
    const auto request = suite_request(name);
    const auto steps = run_steps(kS3, request);
    CHECK(steps.creq == auth_vector("awsv4", base + ".creq"));
    CHECK(steps.sts == auth_vector("awsv4", base + ".sts"));
    // S3's pages print the header without spaces after the commas; the values are the same.
    std::string published = auth_vector("awsv4", base + ".authz");
    for (auto at = published.find(','); at != std::string::npos; at = published.find(',', at + 2))
      published.insert(at + 1, " ");
    CHECK(steps.authz == published);
  }
}

TEST_CASE("sigv4 steps reproduce S3's presigned URL example", "[auth][awsv4]") {
  const std::string base = "s3-presigned-get-object/s3-presigned-get-object";
  auto request = suite_request("s3-presigned-get-object");
  const std::string url = auth_vector("awsv4", base + ".url");
  request.query = url.substr(url.find('?') + 1, url.find("&X-Amz-Signature") - url.find('?') - 1);
  const auto steps = run_steps(kS3, request, "UNSIGNED-PAYLOAD");
  CHECK(steps.creq == auth_vector("awsv4", base + ".creq"));
  CHECK(steps.sts == auth_vector("awsv4", base + ".sts"));
  CHECK(url.ends_with("X-Amz-Signature=" + steps.authz.substr(steps.authz.rfind('=') + 1)));
}

TEST_CASE("sigv4 amz_date formats UTC in ISO 8601 basic form", "[auth][awsv4]") {
  CHECK(amz_date(1440938160) == "20150830T123600Z");
  CHECK(amz_date(1369353600) == "20130524T000000Z");
  CHECK(amz_date(0) == "19700101T000000Z");
  CHECK(amz_date(951868799) == "20000229T235959Z");  // a leap day's last second
}

TEST_CASE("sigv4 signing key matches AWS's derivation example", "[auth][awsv4]") {
  // "Examples of how to derive a signing key for Signature Version 4" (IAM, 20120215).
  CHECK(to_hex(signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215T000000Z",
                           "us-east-1", "iam")) ==
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST_CASE("sigv4 canonical URI encodes twice except for S3", "[auth][awsv4]") {
  // AWS: "each path segment must be URI-encoded twice (except for Amazon S3)". What is on the
  // wire is already encoded once, so other services see its '%' encoded again.
  CHECK(canonical_uri("/documents%20and%20settings/", false) == "/documents%2520and%2520settings/");
  CHECK(canonical_uri("/documents%20and%20settings/", true) == "/documents%20and%20settings/");
  CHECK(canonical_uri("", false) == "/");
  CHECK(canonical_uri("", true) == "/");
  // S3 takes the key literally: no dot-segment removal, no slash collapsing.
  CHECK(canonical_uri("/a/../b//c", true) == "/a/../b//c");
  CHECK(canonical_uri("/a/../b//c", false) == "/b/c");
  // S3 normalises escapes without turning an escaped '/' into a separator.
  CHECK(canonical_uri("/a%2Fb%7e$", true) == "/a%2Fb~%24");
  CHECK(canonical_uri("/100%", true) == "/100%25");
}

TEST_CASE("sigv4 canonical query sorts, re-encodes and fills missing values", "[auth][awsv4]") {
  CHECK(canonical_query("") == "");
  CHECK(canonical_query("b=2&a=1&A=0") == "A=0&a=1&b=2");
  CHECK(canonical_query("lifecycle") == "lifecycle=");
  CHECK(canonical_query("acl&&x=") == "acl=&x=");
  CHECK(canonical_query("k=a+b&k=%7e&s=%2f") == "k=a%2Bb&k=~&s=%2F");
  CHECK(canonical_query("x=%zz") == "x=%25zz");  // a '%' that starts no escape is a '%'
}

TEST_CASE("sigv4 leaves transport headers out of the signature", "[auth][awsv4]") {
  const std::vector<Header> headers = {{"Host", "h"},
                                       {"User-Agent", "postern"},
                                       {"Connection", "close"},
                                       {"Expect", "100-continue"},
                                       {"X-Amzn-Trace-Id", "t"},
                                       {"Authorization", "old"},
                                       {"Range", "bytes=0-9"}};
  const auto canonical = canonical_headers(headers);
  CHECK(canonical.signed_headers == "host;range");
  CHECK(canonical.text == "host:h\nrange:bytes=0-9\n");
}

TEST_CASE("sigv4 wire_safe escapes only what cannot go on the wire", "[auth][awsv4]") {
  CHECK(wire_safe("/example space/\xe1\x88\xb4") == "/example%20space/%E1%88%B4");
  CHECK(wire_safe("/a%20b/$&'()*+,;=:@!") == "/a%20b/$&'()*+,;=:@!");
  CHECK(wire_safe("a\"b<c>d{e}f|g\\h^i`j") == "a%22b%3Cc%3Ed%7Be%7Df%7Cg%5Ch%5Ei%60j");
}
