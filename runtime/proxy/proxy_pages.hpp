#pragma once
// The pages the proxy answers itself: http://postern.proxy/ (the CA to download, in PEM and
// DER, with short install steps per OS, so a phone pointed at the proxy can fetch it without
// AirDrop or a cable), and the 502/504 pages that name why an origin could not be reached.
// Complete responses as bytes; no I/O.

#include <string>
#include <string_view>

#include "runtime/proxy/message_head.hpp"
#include "runtime/proxy/upstream_failure.hpp"

namespace postern::proxy {

/// What the CA page offers.
struct CaDownload {
  std::string pem;      ///< the CA certificate, PEM
  std::string der;      ///< the same, DER
  std::string sha256;   ///< its SHA-256 fingerprint, "AB:CD:..."
  std::string subject;  ///< its subject's common name
};

/// The answer to `request` for http://postern.proxy`path`: "/" (the page), "/ca.pem" and
/// "/ca.crt" (PEM), "/ca.der" (DER); 404 for anything else; 405 for methods other than GET
/// and HEAD. A HEAD gets the same head without the body. Connection: close when `close`.
std::string proxy_page_response(const RequestHead& request, std::string_view path,
                                const CaDownload& ca, bool close);

/// A 502/504 HTML page for `failure`, with X-Postern-Error: <code>, Connection: close when `close`.
std::string failure_response(const UpstreamFailure& failure, bool close);

/// `text` with &, <, >, " and ' escaped for HTML.
std::string html_escape(std::string_view text);

}  // namespace postern::proxy
