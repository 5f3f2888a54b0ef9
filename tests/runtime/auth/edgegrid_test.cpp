#include "runtime/auth/edgegrid.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/errc.hpp"
#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;

namespace {

// Akamai's published test data (AkamaiOPEN-edgegrid-python, akamai/edgegrid/test/testdata.json):
// one client, a pinned timestamp and nonce, and the Authorization each request must get.
constexpr const char* kBaseUrl =
    "https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net";
constexpr const char* kPrefix =
    "EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;"
    "access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;timestamp=20140321T19:34:21+0000;"
    "nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;";

AuthParams akamai_params() {
  return {{"clientToken", "akab-client-token-xxx-xxxxxxxxxxxxxxxx"},
          {"clientSecret", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx="},
          {"accessToken", "akab-access-token-xxx-xxxxxxxxxxxxxxxx"},
          {"maxBodySize", "2048"},
          {"headersToSign", "X-Test1,X-Test2,X-Test3"},
          {"nonce", "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"},
          {"timestamp", "20140321T19:34:21+0000"}};
}

struct AkamaiCase {
  const char* name;
  const char* method;
  const char* path;
  std::string body;
  std::vector<Header> headers;
  const char* signature;
};

std::vector<AkamaiCase> akamai_cases() {
  return {
      {"simple GET", "GET", "/", "", {}, "tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU="},
      {"GET with querystring",
       "GET",
       "/testapi/v1/t1?p1=1&p2=2",
       "",
       {},
       "hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA="},
      {"POST inside limit",
       "POST",
       "/testapi/v1/t3",
       "datadatadatadatadatadatadatadata",
       {},
       "hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4="},
      // Longer than max_body: the hash covers the first 2048 bytes, so the two agree.
      {"POST too large",
       "POST",
       "/testapi/v1/t3",
       std::string(2049, 'd'),
       {},
       "6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY="},
      {"POST length equals max_body",
       "POST",
       "/testapi/v1/t3",
       std::string(2048, 'd'),
       {},
       "6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY="},
      {"POST empty body",
       "POST",
       "/testapi/v1/t6",
       "",
       {},
       "1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ="},
      {"Simple header signing with GET",
       "GET",
       "/testapi/v1/t4",
       "",
       {{"X-Test1", "test-simple-header"}},
       "8F9AybcRw+PLxnvT+H0JRkjROrrUgsxJTnRXMzqvcwY="},
      {"Header containing spaces",
       "GET",
       "/testapi/v1/t4",
       "",
       {{"X-Test1", "\"     test-header-with-spaces     \""}},
       "ucq2AbjCNtobHfCTuS38fdkl5UDdWHZhQX46fYR8CqI="},
      {"Header with leading and interior spaces",
       "GET",
       "/testapi/v1/t4",
       "",
       {{"X-Test1", "     first-thing      second-thing"}},
       "WtnneL539UadAAOJwnsXvPqT4Kt6z7HMgBEwAFpt3+c="},
      {"Headers out of order",
       "GET",
       "/testapi/v1/t4",
       "",
       {{"X-Test2", "t2"}, {"X-Test1", "t1"}, {"X-Test3", "t3"}},
       "Wus73Nx8jOYM+kkBFF2q8D1EATRIMr0WLWwpLBgkBqY="},
      {"Extra header",
       "GET",
       "/testapi/v1/t5",
       "",
       {{"X-Test2", "t2"},
        {"X-Test1", "t1"},
        {"X-Test3", "t3"},
        {"X-Extra", "this won't be included"}},
       "Knd/jc0A5Ghhizjayr0AUUvl2MZjBpS3FDSzvtq4Ixc="},
      // Only POST bodies are signed.
      {"PUT test",
       "PUT",
       "/testapi/v1/t6",
       "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
       {},
       "GNBWEYSEWOLtu+7dD52da2C39aX/Jchpon3K/AmBqBU="},
  };
}

AuthContext pinned_context(std::int64_t now = 1395430461) {
  return AuthContext{[now] { return now; }, [](std::size_t n) { return std::string(n, '\xff'); }};
}

std::string sign(const AuthParams& params, HttpRequest request) {
  auto scheme = make_auth_scheme("edgegrid", params, pinned_context());
  REQUIRE(scheme);
  REQUIRE(scheme.value()->create_response(request));
  auto value = find_header(request.headers, "Authorization");
  REQUIRE(value);
  return *value;
}

}  // namespace

TEST_CASE("edgegrid signs every request of Akamai's test data", "[auth][edgegrid]") {
  for (const auto& c : akamai_cases()) {
    INFO(c.name);
    HttpRequest request{c.method, std::string(kBaseUrl) + c.path, c.headers, c.body};
    CHECK(sign(akamai_params(), request) == std::string(kPrefix) + "signature=" + c.signature);
  }
}

TEST_CASE("edgegrid's signing key and content hash match Akamai's test data", "[auth][edgegrid]") {
  CHECK(detail::edgegrid_signing_key("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=",
                                     "20140321T19:34:21+0000") ==
        "znsRMDBRqTXGJ7Ojip3/h2FGPu3LuoMYWgv9PKEnE/o=");
  CHECK(detail::edgegrid_content_hash("POST", "x", 1) ==
        detail::edgegrid_content_hash("POST", "xyz", 1));
  CHECK(detail::edgegrid_content_hash("GET", "xyz", 100).empty());
  CHECK(detail::edgegrid_content_hash("POST", "", 100).empty());
}

TEST_CASE("edgegrid canonicalizes the named headers only, in the given order", "[auth][edgegrid]") {
  std::vector<Header> headers{{"X-B", "  two   words "}, {"x-a", "one"}, {"X-Empty", "  "}};
  CHECK(detail::edgegrid_canonical_headers({" X-A ", "x-b", "x-empty", "x-missing"}, headers) ==
        "x-a:one\tx-b:two words");
  CHECK(detail::edgegrid_canonical_headers({}, headers).empty());
}

TEST_CASE("edgegrid's data to sign has seven tab-separated fields", "[auth][edgegrid]") {
  detail::EdgeGridRequest r{"POST", "https", "h.example:8443", "/p?q=1", "x-a:1", "HASH"};
  CHECK(detail::edgegrid_data_to_sign(r, "EG1-HMAC-SHA256 x;") ==
        "POST\thttps\th.example:8443\t/p?q=1\tx-a:1\tHASH\tEG1-HMAC-SHA256 x;");
}

TEST_CASE("edgegrid makes its own timestamp and nonce per request", "[auth][edgegrid]") {
  CHECK(detail::edgegrid_timestamp(1395430461) == "20140321T19:34:21+0000");
  CHECK(detail::edgegrid_timestamp(0) == "19700101T00:00:00+0000");
  CHECK(detail::uuid_v4(std::string(16, '\xff')) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
  CHECK(detail::uuid_v4(std::string(16, '\0')) == "00000000-0000-4000-8000-000000000000");
  auto params = akamai_params();
  params.set("nonce", "");
  params.set("timestamp", "");
  std::string header = sign(params, {"GET", std::string(kBaseUrl) + "/", {}, ""});
  CHECK(header.starts_with(
      "EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;"
      "access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;timestamp=20140321T19:34:21+0000;"
      "nonce=ffffffff-ffff-4fff-bfff-ffffffffffff;signature="));
}

TEST_CASE("edgegrid signs the baseURL's host instead of the request's", "[auth][edgegrid]") {
  auto params = akamai_params();
  std::string direct = sign(params, {"GET", std::string(kBaseUrl) + "/", {}, ""});
  params.set("baseURL", "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net");
  CHECK(sign(params, {"GET", "https://proxy.example/", {}, ""}) == direct);
  params.set("baseURL", std::string(kBaseUrl) + "/");
  CHECK(sign(params, {"GET", "https://proxy.example/", {}, ""}) == direct);
}

TEST_CASE("edgegrid hashes at most maxBodySize bytes, 128 KiB by default", "[auth][edgegrid]") {
  auto params = akamai_params();
  params.set("maxBodySize", "");
  std::string big(131072, 'b');
  HttpRequest at_limit{"POST", std::string(kBaseUrl) + "/", {}, big};
  HttpRequest over{"POST", std::string(kBaseUrl) + "/", {}, big + "extra"};
  CHECK(sign(params, at_limit) == sign(params, over));
  params.set("maxBodySize", "4");
  CHECK(sign(params, {"POST", std::string(kBaseUrl) + "/", {}, "abcdX"}) ==
        sign(params, {"POST", std::string(kBaseUrl) + "/", {}, "abcdY"}));
}

TEST_CASE("edgegrid validates its parameters and keeps the secret out of errors",
          "[auth][edgegrid]") {
  auto params = akamai_params();
  params.set("clientSecret", "");
  auto missing = make_auth_scheme("edgegrid", params, pinned_context());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == errc::missing_parameter);
  CHECK(missing.error().message.find("clientSecret") != std::string::npos);
  auto bad_size = akamai_params();
  bad_size.set("maxBodySize", "big");
  auto made = make_auth_scheme("edgegrid", bad_size, pinned_context());
  REQUIRE_FALSE(made);
  CHECK(made.error().code == errc::bad_parameter);
  CHECK(made.error().message.find("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") == std::string::npos);
  auto bad_base = akamai_params();
  bad_base.set("baseURL", "ftp://x");
  CHECK_FALSE(make_auth_scheme("edgegrid", bad_base, pinned_context()));
}
