#include "runtime/proxy/proxy_pages.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace postern::proxy;

namespace {

// A response split into its status line, field lines and body, for exact checks.
struct Split {
  std::string status_line;
  std::vector<std::string> fields;
  std::string body;
};

Split split(const std::string& response) {
  const auto head_end = response.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  Split out;
  out.body = response.substr(head_end + 4);
  std::string_view head(response.data(), head_end + 2);
  while (!head.empty()) {
    const auto eol = head.find("\r\n");
    REQUIRE(eol != std::string_view::npos);
    if (out.status_line.empty()) {
      out.status_line = head.substr(0, eol);
    } else {
      out.fields.emplace_back(head.substr(0, eol));
    }
    head.remove_prefix(eol + 2);
  }
  return out;
}

RequestHead request(std::string method) {
  RequestHead head;
  head.method = std::move(method);
  return head;
}

const CaDownload& ca() {
  static const CaDownload download{
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
      std::string("\x30\x82\x00\x01\x00\xff", 6),  // DER has NULs; the body must keep them
      "AB:CD:<EF>",
      "Postern CA \"test\" & <co>",
  };
  return download;
}

std::string get(std::string_view path, bool close = false) {
  return proxy_page_response(request("GET"), path, ca(), close);
}

}  // namespace

TEST_CASE("the index page links the CA and shows its fingerprint, escaped", "[proxy][pages]") {
  const Split page = split(get("/"));
  CHECK(page.status_line == "HTTP/1.1 200 OK");
  CHECK(page.fields ==
        std::vector<std::string>{"Content-Type: text/html; charset=utf-8",
                                 "Content-Length: " + std::to_string(page.body.size()),
                                 "Cache-Control: no-store"});
  for (const char* link : {"href=\"/ca.pem\"", "href=\"/ca.crt\"", "href=\"/ca.der\""})
    CHECK_THAT(page.body, Catch::Contains(link));
  CHECK_THAT(page.body, Catch::Contains("AB:CD:&lt;EF&gt;"));
  CHECK_THAT(page.body, Catch::Contains("Postern CA &quot;test&quot; &amp; &lt;co&gt;"));
  CHECK(page.body.find("<co>") == std::string::npos);
  CHECK(page.body.find("<EF>") == std::string::npos);
  CHECK(split(get("")).body == page.body);
  CHECK(split(get("/?from=phone")).body == page.body);
}

TEST_CASE("the CA downloads, PEM and DER, with exact fields", "[proxy][pages]") {
  struct Download {
    const char* path;
    const char* file_name;
    const std::string& body;
  };
  for (const Download& download : {Download{"/ca.pem", "postern-ca.pem", ca().pem},
                                   Download{"/ca.crt", "postern-ca.crt", ca().pem},
                                   Download{"/ca.der?x=1", "postern-ca.der", ca().der}}) {
    INFO(download.path);
    const Split response = split(get(download.path));
    CHECK(response.status_line == "HTTP/1.1 200 OK");
    CHECK(response.fields ==
          std::vector<std::string>{"Content-Type: application/x-x509-ca-cert",
                                   "Content-Length: " + std::to_string(download.body.size()),
                                   "Cache-Control: no-store",
                                   "Content-Disposition: attachment; filename=\"" +
                                       std::string(download.file_name) + "\""});
    CHECK(response.body == download.body);
  }
}

TEST_CASE("HEAD gets the same head without the body", "[proxy][pages]") {
  for (const char* path : {"/", "/ca.pem", "/ca.der", "/nope"}) {
    INFO(path);
    const Split full = split(get(path));
    const Split head = split(proxy_page_response(request("HEAD"), path, ca(), false));
    CHECK(head.body.empty());
    CHECK(head.status_line == full.status_line);
    CHECK(head.fields == full.fields);  // Content-Length included: the GET's body size
  }
}

TEST_CASE("other methods get 405 with Allow", "[proxy][pages]") {
  for (const char* method : {"POST", "PUT", "DELETE", "get"}) {
    INFO(method);
    const Split response = split(proxy_page_response(request(method), "/ca.pem", ca(), false));
    CHECK(response.status_line == "HTTP/1.1 405 Method Not Allowed");
    CHECK(response.body == "only GET and HEAD\n");
    CHECK(response.fields ==
          std::vector<std::string>{"Content-Type: text/plain; charset=utf-8", "Content-Length: 18",
                                   "Cache-Control: no-store", "Allow: GET, HEAD"});
  }
}

TEST_CASE("unknown pages are 404", "[proxy][pages]") {
  for (const char* path : {"/ca", "/ca.pem/", "/CA.PEM", "/favicon.ico", "ca.pem"}) {
    INFO(path);
    const Split response = split(get(path));
    CHECK(response.status_line == "HTTP/1.1 404 Not Found");
    CHECK_THAT(response.body, Catch::Contains("http://postern.proxy/"));
  }
}

TEST_CASE("close adds Connection: close, last", "[proxy][pages]") {
  CHECK(split(get("/ca.pem", true)).fields.back() == "Connection: close");
  CHECK(split(get("/nope", true)).fields.back() == "Connection: close");
  for (const std::string& field : split(get("/ca.pem", false)).fields)
    CHECK_THAT(field, !Catch::StartsWith("Connection"));
}

TEST_CASE("failure pages name the cause, escaped, with X-Postern-Error", "[proxy][pages]") {
  UpstreamFailure failure{502, "refused", "a.test:81", "a.test:81 refused <the> connection",
                          "start the server & retry"};
  const Split response = split(failure_response(failure, true));
  CHECK(response.status_line == "HTTP/1.1 502 Bad Gateway");
  CHECK(response.fields ==
        std::vector<std::string>{"Content-Type: text/html; charset=utf-8",
                                 "Content-Length: " + std::to_string(response.body.size()),
                                 "Cache-Control: no-store", "X-Postern-Error: refused",
                                 "Connection: close"});
  CHECK_THAT(response.body, Catch::Contains("a.test:81 refused &lt;the&gt; connection."));
  CHECK_THAT(response.body, Catch::Contains("start the server &amp; retry."));
  CHECK(response.body.find("<the>") == std::string::npos);

  failure = UpstreamFailure{504, "timeout", "b.test:443", "timed out", ""};
  const Split timeout = split(failure_response(failure, false));
  CHECK(timeout.status_line == "HTTP/1.1 504 Gateway Timeout");
  CHECK(timeout.fields.back() == "X-Postern-Error: timeout");
  CHECK(timeout.body.find("<p>.</p>") == std::string::npos);  // no empty remedy paragraph
}

TEST_CASE("html_escape escapes the five", "[proxy][pages]") {
  CHECK(html_escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  CHECK(html_escape("") == "");
  CHECK(html_escape("plain ü") == "plain ü");
}
