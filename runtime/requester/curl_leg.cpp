#include "runtime/requester/curl_leg.hpp"

#include <memory>

#include "runtime/requester/curl_easy.hpp"

#ifndef POSTERN_RUNTIME_VERSION
#define POSTERN_RUNTIME_VERSION "0.0.0"  // set by runtime/requester/CMakeLists.txt
#endif

namespace postern::requester {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

// Each status line starts a new header block (a 100 Continue, then the real answer), so only
// the last block's headers are kept.
void read_status_line(std::string_view line, LegOutcome& outcome) {
  outcome.response.headers.clear();
  auto first_space = line.find(' ');
  outcome.http_version = std::string(line.substr(0, first_space));
  if (first_space == std::string_view::npos) return;
  std::string_view rest = line.substr(first_space + 1);
  auto second_space = rest.find(' ');
  outcome.response.status = std::atoi(std::string(rest.substr(0, second_space)).c_str());
  outcome.reason = second_space == std::string_view::npos
                       ? ""
                       : std::string(trim(rest.substr(second_space + 1)));
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& outcome = *static_cast<LegOutcome*>(user);
  std::string_view line(data, size * count);
  std::string_view content = trim(line);
  if (content.starts_with("HTTP/")) {
    read_status_line(content, outcome);
  } else if (auto colon = content.find(':'); colon != std::string_view::npos) {
    outcome.response.headers.push_back({std::string(trim(content.substr(0, colon))),
                                        std::string(trim(content.substr(colon + 1)))});
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<LegOutcome*>(user)->body.append(data, size * count);
  return size * count;
}

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) {
    // A proxy CONNECT is written first and then the request itself: keep the last head.
    std::string_view head(data, size);
    auto& raw = static_cast<LegOutcome*>(user)->raw_request_head;
    if (head.starts_with("CONNECT ")) return 0;
    raw.assign(head);
  }
  return 0;
}

Slist header_list(const auth::HttpRequest& request) {
  Slist list;
  auto append = [&list](const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown) {
      (void)list.release();
      list.reset(grown);
    }
  };
  for (const auto& header : request.headers) {
    // "Name;" is libcurl's spelling of a header sent with an empty value.
    append(header.value.empty() ? header.name + ";" : header.name + ": " + header.value);
  }
  // libcurl would add "Content-Type: application/x-www-form-urlencoded" to any body and an
  // "Expect: 100-continue" to big ones; the request must go out as the user wrote it.
  if (!request.body.empty() && !auth::find_header(request.headers, "Content-Type")) {
    append("Content-Type:");
  }
  if (!auth::find_header(request.headers, "Expect")) append("Expect:");
  return list;
}

void set_method_and_body(CURL* curl, const auth::HttpRequest& request) {
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    return;
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  if (request.method != "GET" || !request.body.empty()) {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
}

void set_transfer_options(CURL* curl, const LegSettings& settings) {
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every coding libcurl can decode
  curl_easy_setopt(curl, CURLOPT_USERAGENT,
                   settings.user_agent.empty() ? "postern/" POSTERN_RUNTIME_VERSION
                                               : settings.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings.verify_tls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings.verify_tls ? 2L : 0L);
  if (!settings.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.ca_dir.empty()) curl_easy_setopt(curl, CURLOPT_CAPATH, settings.ca_dir.c_str());
  use_proxy(curl, settings.proxy);
  curl_easy_setopt(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);  // the origin's head only
}

}  // namespace

LegOutcome perform_leg(CURL* curl, const auth::HttpRequest& request, const LegSettings& settings) {
  LegOutcome outcome;
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_reset(curl);
  set_transfer_options(curl, settings);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  set_method_and_body(curl, request);
  Slist headers = header_list(request);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &outcome);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &outcome);
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &outcome);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // the debug callback needs it; nothing prints
  outcome.code = curl_easy_perform(curl);
  outcome.error_detail = error_buffer;
  curl_off_t total_us = 0;
  curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &total_us);
  outcome.elapsed_ms = static_cast<long long>(total_us / 1000);
  curl_easy_getinfo(curl, CURLINFO_HTTP_CONNECTCODE, &outcome.connect_status);
  return outcome;
}

}  // namespace postern::requester
