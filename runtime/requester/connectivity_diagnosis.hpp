#pragma once
// Turning what libcurl saw into a ConnectivityReport's failure, sentence and remedy. Pure: the
// transfer's facts go in, so every branch is a unit test without a network.

#include <string>

#include <curl/curl.h>

#include "runtime/requester/connectivity.hpp"

namespace postern::requester {

/// What one transfer left behind.
struct TransferFacts {
  CURLcode code = CURLE_OK;       ///< libcurl's result
  long http_status = 0;           ///< CURLINFO_RESPONSE_CODE (0: none)
  long connect_status = 0;        ///< CURLINFO_HTTP_CONNECTCODE: the proxy's CONNECT answer
  std::string curl_detail;        ///< libcurl's error buffer
  bool via_proxy = false;         ///< a proxy was used
  bool credentials_sent = false;  ///< proxy credentials were given
  std::string proxy;              ///< the proxy's URL, password redacted
  std::string host;               ///< the server's host:port
  std::string route;              ///< why this route, for remedies
  long long timeout_ms = 0;       ///< the bound that applied
};

/// Fills ok, http_status, failure, message and remedy of `report` from `facts`.
void diagnose(const TransferFacts& facts, ConnectivityReport& report);

}  // namespace postern::requester
