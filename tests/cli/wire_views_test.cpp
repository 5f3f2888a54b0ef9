#include "cli/wire_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern;
using namespace postern::cli;

TEST_CASE("the redactor masks credentials, cookie values and secret parameters", "[cli][wire]") {
  SecretRedactor redactor(
      secret_values("apikey",
                    {{"key", "X-Key"}, {"value", "k3y/v@l"}, {"password", "pw"}, {"realm", "r"}}),
      false);
  CHECK(redactor.header_value("authorization", "Digest username=\"a\", response=\"x\"") ==
        "Digest ***");
  CHECK(redactor.header_value("Proxy-Authorization", "Basic Zm9v") == "Basic ***");
  CHECK(redactor.header_value("Cookie", "a=1; sid=secret") == "a=***; sid=***");
  CHECK(redactor.header_value("Set-Cookie", "sid=abc; Path=/; HttpOnly") ==
        "sid=***; Path=/; HttpOnly");
  CHECK(redactor.header_value("X-Key", "k3y/v@l") == "***");
  CHECK(redactor.text("/p?api=k3y%2Fv%40l&x=1") == "/p?api=***&x=1");  // encoded form too
  CHECK(redactor.text("pw is short") == "pw is short");                // too short to mask safely
  CHECK(redactor.header_line("X-Key:k3y/v@l") == "X-Key: ***");
  SecretRedactor shown({"k3y/v@l"}, true);
  CHECK(shown.header_value("Authorization", "Basic Zm9v") == "Basic Zm9v");
  CHECK(shown.text("k3y/v@l") == "k3y/v@l");
}

TEST_CASE("secret_values picks the secrets of each scheme", "[cli][wire]") {
  auto secrets = secret_values("oauth1", {{"consumerKey", "ck"},
                                          {"consumerSecret", "cs-1"},
                                          {"tokenSecret", "ts-1"},
                                          {"value", "not-a-key"}});
  CHECK(secrets == std::vector<std::string>{"cs-1", "ts-1"});
}

TEST_CASE("a dry run prints the request as libcurl will send it", "[cli][wire]") {
  std::ostringstream out;
  auth::HttpRequest request{"POST",
                            "https://api.example.com:8443/v1/x?q=1",
                            {{"Authorization", "Bearer tok-123"}, {"Content-Type", "text/plain"}},
                            "body tok-123\n"};
  print_dry_run(out, request, "postern/test", SecretRedactor({"tok-123"}, false));
  CHECK(out.str() ==
        "POST /v1/x?q=1 HTTP/1.1\nHost: api.example.com:8443\nUser-Agent: postern/test\n"
        "Accept: */*\nAuthorization: Bearer ***\nContent-Type: text/plain\n"
        "Content-Length: 13\n\nbody ***\n");
  std::ostringstream binary;
  print_dry_run(binary, {"PUT", "http://h/", {}, std::string("\0\1", 2)}, "ua",
                SecretRedactor({}, false));
  CHECK(binary.str().ends_with("\n<2 bytes of binary data>\n"));
}

TEST_CASE("legs print as the wire had them; JSON carries status, body and legs", "[cli][wire]") {
  requester::SendResult result;
  requester::Leg first;
  first.request = {"GET", "http://h/p", {}, ""};
  first.raw_request_head = "GET /p HTTP/1.1\r\nHost: h\r\nAuthorization: NTLM TlRMTVNTUAAB\r\n\r\n";
  first.response = {401, {{"WWW-Authenticate", "NTLM"}}};
  first.http_version = "HTTP/1.1";
  first.reason = "Unauthorized";
  requester::Leg second = first;
  second.response = {200, {{"Content-Type", "text/plain"}}};
  second.reason = "OK";
  second.body_bytes = 2;
  result.legs = {first, second};
  result.response = second.response;
  result.body = "ok";
  result.final_url = "http://h/p";
  std::ostringstream out;
  print_legs(out, result.legs, SecretRedactor({}, false));
  CHECK(out.str().find("> GET /p HTTP/1.1\n> Host: h\n> Authorization: NTLM ***\n"
                       "< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: NTLM\n") == 0);
  CHECK(out.str().find("< [2 bytes of body, 0 ms]") != std::string::npos);
  auto json = send_result_json(result, SecretRedactor({}, false));
  CHECK(json["status"] == 200);
  CHECK(json["body"] == "ok");
  CHECK(json["legs"].size() == 2);
  result.body = std::string("\xff\xfe", 2);
  CHECK(send_result_json(result, SecretRedactor({}, false))["body_base64"] == "//4=");
  CHECK(is_printable_body("héllo\n"));
  CHECK_FALSE(is_printable_body(std::string("a\0b", 3)));
  CHECK_FALSE(is_printable_body("\xc3"));
}
