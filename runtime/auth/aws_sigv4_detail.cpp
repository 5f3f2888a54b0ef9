#include "runtime/auth/aws_sigv4_detail.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "base/ascii.hpp"
#include "base/url.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/request_target.hpp"

namespace postern::auth::awsv4::detail {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// The byte a "%XX" at `text[at]` stands for, or -1 when there is no valid escape there.
int escape_at(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size() || text[at] != '%') return -1;
  int high = hex_value(text[at + 1]);
  int low = hex_value(text[at + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void append_escape(std::string& out, unsigned char byte) {
  out += '%';
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0f];
}

/// RFC 3986 §5.2.4 dot-segment removal, plus the removal of empty segments AWS asks for
/// ("//a//" is "/a/"); a trailing slash survives when anything is left before it.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> kept;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string out = "/";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (!kept.empty() && path.ends_with('/')) out += '/';
  return out;
}

/// Trimall: no leading or trailing blanks, each inner run of spaces and tabs one space.
std::string trim_all(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string amz_date(std::int64_t unix_time) {
  using namespace std::chrono;
  const sys_seconds at{seconds{unix_time}};
  const sys_days day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{at - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::string wire_safe(std::string_view text) {
  static constexpr std::string_view kUnsafe = " \"<>\\^`{|}";
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x21 || c >= 0x7f || kUnsafe.find(static_cast<char>(c)) != std::string_view::npos) {
      append_escape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string canonical_uri(std::string_view path, bool s3) {
  if (path.empty()) return "/";
  if (!s3) return percent_encode(remove_dot_segments(path), /*keep_slash=*/true);
  // S3 keys are taken literally ("a/../b" is a key), so only the escapes are normalised. An
  // escaped '/' stays escaped: "%2F" inside a key is not a path separator.
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    auto c = static_cast<unsigned char>(path[i]);
    int byte = escape_at(path, i);
    if (byte >= 0) {
      i += 2;
      if (is_unreserved(static_cast<unsigned char>(byte))) {
        out += static_cast<char>(byte);
      } else {
        append_escape(out, static_cast<unsigned char>(byte));
      }
    } else if (is_unreserved(c) || c == '/') {
      out += static_cast<char>(c);
    } else {
      append_escape(out, c);
    }
  }
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto& [name, value] : split_query(query)) {
    pairs.emplace_back(percent_encode(base::percent_decode(name)),
                       percent_encode(base::percent_decode(value)));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

bool is_signed_header(std::string_view name) {
  static constexpr std::string_view kUnsigned[] = {"authorization",   "connection",
                                                   "expect",          "user-agent",
                                                   "x-amzn-trace-id", "presigned-expires"};
  return std::none_of(std::begin(kUnsigned), std::end(kUnsigned),
                      [&](std::string_view skip) { return equals_ignoring_case(skip, name); });
}

CanonicalHeaders canonical_headers(const std::vector<Header>& headers) {
  std::vector<std::pair<std::string, std::string>> merged;  // name -> joined values, sent order
  for (const Header& header : headers) {
    if (!is_signed_header(header.name)) continue;
    std::string name = base::ascii_lower(header.name);
    auto found = std::find_if(merged.begin(), merged.end(),
                              [&](const auto& entry) { return entry.first == name; });
    if (found == merged.end()) {
      merged.emplace_back(std::move(name), trim_all(header.value));
    } else {
      found->second += "," + trim_all(header.value);
    }
  }
  std::stable_sort(merged.begin(), merged.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders out;
  for (const auto& [name, value] : merged) {
    out.text += name + ":" + value + "\n";
    if (!out.signed_headers.empty()) out.signed_headers += ';';
    out.signed_headers += name;
  }
  return out;
}

std::string payload_hash(std::string_view body) {
  return to_hex(hash(HashAlgorithm::sha256, body));
}

std::string canonical_request(std::string_view method, std::string_view canonical_uri,
                              std::string_view canonical_query, const CanonicalHeaders& headers,
                              std::string_view payload_hash) {
  std::string out;
  out.append(method).append("\n");
  out.append(canonical_uri).append("\n");
  out.append(canonical_query).append("\n");
  out.append(headers.text).append("\n");
  out.append(headers.signed_headers).append("\n");
  out.append(payload_hash);
  return out;
}

std::string credential_scope(std::string_view amz_date, std::string_view region,
                             std::string_view service) {
  std::string out(amz_date.substr(0, 8));
  out.append("/").append(region).append("/").append(service).append("/aws4_request");
  return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  std::string out = "AWS4-HMAC-SHA256\n";
  out.append(amz_date).append("\n").append(scope).append("\n");
  out.append(to_hex(hash(HashAlgorithm::sha256, canonical_request)));
  return out;
}

std::string signing_key(std::string_view secret_key, std::string_view amz_date,
                        std::string_view region, std::string_view service) {
  std::string key =
      hmac(HashAlgorithm::sha256, "AWS4" + std::string(secret_key), amz_date.substr(0, 8));
  key = hmac(HashAlgorithm::sha256, key, region);
  key = hmac(HashAlgorithm::sha256, key, service);
  return hmac(HashAlgorithm::sha256, key, "aws4_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return to_hex(hmac(HashAlgorithm::sha256, signing_key, string_to_sign));
}

std::string authorization_header(std::string_view access_key, std::string_view scope,
                                 std::string_view signed_headers, std::string_view signature) {
  std::string out = "AWS4-HMAC-SHA256 Credential=";
  out.append(access_key).append("/").append(scope);
  out.append(", SignedHeaders=").append(signed_headers);
  out.append(", Signature=").append(signature);
  return out;
}

}  // namespace postern::auth::awsv4::detail
