#include "runtime/proxy/head_serializer.hpp"

#include <utility>

#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

// RFC 9110 §15's phrases for the statuses a proxy forwards or sends itself most often.
constexpr std::pair<int, std::string_view> kReasonPhrases[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {200, "OK"},
    {201, "Created"},
    {204, "No Content"},
    {206, "Partial Content"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {304, "Not Modified"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {411, "Length Required"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {417, "Expectation Failed"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
};

void append_version(const HttpVersion& version, std::string& out) {
  out += "HTTP/" + std::to_string(version.major) + "." + std::to_string(version.minor);
}

}  // namespace

void append_fields(const HeaderFields& fields, std::string& out) {
  for (const auto& field : fields) {
    out += field.name;
    out += ": ";
    for (char c : field.value)
      out += is_forbidden_in_value(c) ? ' ' : c;
    out += "\r\n";
  }
}

std::string serialize(const RequestHead& request) {
  std::string out;
  out.reserve(request.raw.size() + 64);
  out += request.method;
  out += ' ';
  out += request.target.text;
  out += ' ';
  append_version(request.version, out);
  out += "\r\n";
  append_fields(request.fields, out);
  out += "\r\n";
  return out;
}

std::string serialize(const ResponseHead& response) {
  std::string out;
  out.reserve(response.raw.size() + 64);
  append_version(response.version, out);
  out += ' ';
  out += std::to_string(response.status);
  out += ' ';
  out += response.reason;
  out += "\r\n";
  append_fields(response.fields, out);
  out += "\r\n";
  return out;
}

std::string_view reason_phrase(int status) {
  for (const auto& [code, phrase] : kReasonPhrases)
    if (code == status) return phrase;
  return "Unknown";
}

std::string simple_response(int status, std::string_view text, bool close) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " ";
  out += reason_phrase(status);
  out += "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ";
  out += std::to_string(text.size());
  out += close ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n";
  out += text;
  return out;
}

}  // namespace postern::proxy
