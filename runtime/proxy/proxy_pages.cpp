#include "runtime/proxy/proxy_pages.hpp"

#include "runtime/proxy/head_serializer.hpp"

namespace postern::proxy {
namespace {

constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.5}code{background:#eee;padding:0 .2em}h2{margin-top:1.5em}";

// The steps are the ones seed 001 describes, cut to what a user does on the device itself
// after downloading the file from this page.
constexpr std::string_view kInstallSteps = R"(
<h2>iOS and iPadOS</h2><ol>
<li>Open this page in Safari and tap <a href="/ca.pem">ca.pem</a>; allow the profile download.</li>
<li>Settings &gt; Profile Downloaded &gt; Install, and enter your passcode.</li>
<li>Settings &gt; General &gt; About &gt; Certificate Trust Settings: turn on full trust for
the Postern CA.</li></ol>
<h2>Android</h2><ol>
<li>Download <a href="/ca.crt">ca.crt</a>.</li>
<li>Settings &gt; Security &gt; Encryption &amp; credentials &gt; Install a certificate &gt;
CA certificate, then Install anyway, and pick the file.</li>
<li>Apps trust it only if their network security configuration trusts user CAs; browsers do.</li></ol>
<h2>Windows</h2><ol>
<li>Download <a href="/ca.crt">ca.crt</a>, right-click it, Install Certificate.</li>
<li>Current User, Place all certificates in the following store: Trusted Root Certification
Authorities, Finish.</li></ol>
<h2>macOS</h2><ol>
<li>Download <a href="/ca.pem">ca.pem</a> and open it: Keychain Access imports it.</li>
<li>Double-click the certificate, expand Trust, set When using this certificate to Always Trust.</li></ol>
<h2>Linux</h2><ol>
<li>On the machine running Postern, <code>postern setup</code> installs it into the system store
and the browsers' NSS databases.</li>
<li>Elsewhere: Debian/Ubuntu <code>sudo cp ca.crt /usr/local/share/ca-certificates/postern.crt &amp;&amp;
sudo update-ca-certificates</code>; Fedora/RHEL <code>sudo cp ca.crt /etc/pki/ca-trust/source/anchors/
&amp;&amp; sudo update-ca-trust</code>; Firefox: Settings &gt; Privacy &amp; Security &gt; View
Certificates &gt; Import, Trust this CA to identify websites.</li></ol>
<p>Remove the certificate from a device when you no longer capture HTTPS from it.</p>
)";

std::string response(int status, std::string_view content_type, std::string_view body,
                     bool head_only, bool close, std::string_view extra_fields = {}) {
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status)) +
      "\r\nContent-Type: " + std::string(content_type) +
      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nCache-Control: no-store\r\n";
  out += extra_fields;
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  if (!head_only) out += body;
  return out;
}

std::string page(std::string_view title, std::string_view body) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width\"><title>" +
         std::string(title) + "</title><style>" + std::string(kStyle) + "</style></head><body>" +
         std::string(body) + "</body></html>\n";
}

std::string index_page(const CaDownload& ca) {
  return page("Postern proxy CA",
              "<h1>Postern proxy CA</h1><p>To capture HTTPS from this device through Postern, "
              "install and trust this certificate authority:</p><p><a href=\"/ca.pem\">ca.pem</a>"
              " (PEM) · <a href=\"/ca.crt\">ca.crt</a> (PEM) · <a href=\"/ca.der\">ca.der</a> "
              "(DER)</p><p>" +
                  html_escape(ca.subject) + "<br>SHA-256 <code>" + html_escape(ca.sha256) +
                  "</code></p><p>Compare the fingerprint with <code>postern ca show</code> on the "
                  "computer running Postern before trusting it.</p>" +
                  std::string(kInstallSteps));
}

std::string download_fields(std::string_view file_name) {
  return "Content-Disposition: attachment; filename=\"" + std::string(file_name) + "\"\r\n";
}

}  // namespace

std::string proxy_page_response(const RequestHead& request, std::string_view path,
                                const CaDownload& ca, bool close) {
  const bool head_only = request.method == "HEAD";
  if (request.method != "GET" && !head_only)
    return response(405, "text/plain; charset=utf-8", "only GET and HEAD\n", false, close,
                    "Allow: GET, HEAD\r\n");
  const std::string_view bare = path.substr(0, path.find('?'));
  constexpr std::string_view kCertType = "application/x-x509-ca-cert";
  if (bare == "/" || bare.empty())
    return response(200, "text/html; charset=utf-8", index_page(ca), head_only, close);
  if (bare == "/ca.pem")
    return response(200, kCertType, ca.pem, head_only, close, download_fields("postern-ca.pem"));
  if (bare == "/ca.crt")
    return response(200, kCertType, ca.pem, head_only, close, download_fields("postern-ca.crt"));
  if (bare == "/ca.der")
    return response(200, kCertType, ca.der, head_only, close, download_fields("postern-ca.der"));
  return response(404, "text/plain; charset=utf-8", "no such page; try http://postern.proxy/\n",
                  head_only, close);
}

std::string failure_response(const UpstreamFailure& failure, bool close) {
  const std::string title =
      std::to_string(failure.status) + " " + std::string(reason_phrase(failure.status));
  const std::string body = page(
      title, "<h1>" + html_escape(title) + "</h1><p>" + html_escape(failure.message) + ".</p>" +
                 (failure.remedy.empty() ? "" : "<p>" + html_escape(failure.remedy) + ".</p>") +
                 "<p><small>Postern proxy · " + html_escape(failure.code) + "</small></p>");
  return response(failure.status, "text/html; charset=utf-8", body, false, close,
                  "X-Postern-Error: " + failure.code + "\r\n");
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace postern::proxy
