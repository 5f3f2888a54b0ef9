#pragma once
// AWS Signature Version 4, step by step (STYLE practice 10): each step of AWS's "Create a signed
// AWS API request" is one function here, tested with AWS's published test suite
// (tests/data/auth/awsv4/). awsv4.cpp strings them together behind the AuthScheme interface.
//
// The query is canonicalised by this code, not by libcurl: Debian 12's libcurl 7.88 signs SigV4
// with the query in the order written, which AWS rejects for any URL whose parameters are not
// already sorted.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/auth/http_message.hpp"

namespace postern::auth::awsv4::detail {

/// "20150830T123600Z": ISO 8601 basic format in UTC, the x-amz-date / X-Amz-Date value.
std::string amz_date(std::int64_t unix_time);

/// `text` with every byte that may not appear raw in a request target (space, controls, bytes
/// of UTF-8 sequences, '"', '<', '>', '\', '^', '`', '{', '|', '}') percent-encoded; existing
/// escapes and reserved characters are kept. What libcurl would put on the wire, made explicit
/// so that the bytes signed are the bytes sent.
std::string wire_safe(std::string_view text);

/// The canonical URI of `path` as it goes on the wire. Every service but S3: dot segments and
/// empty segments removed, then every byte except unreserved ones and '/' percent-encoded, so
/// an escape already on the wire is encoded a second time ("%20" -> "%2520"), as AWS requires.
/// S3 (`s3`): the path is kept as it is and only its encoding is normalised (each byte of the
/// decoded path encoded once, '/' kept).
std::string canonical_uri(std::string_view path, bool s3);

/// The canonical query string: each name and value decoded and re-encoded with RFC 3986's
/// unreserved set, a missing '=' read as an empty value, the pairs sorted by name and then by
/// value (byte order), joined with '&'.
std::string canonical_query(std::string_view query);

/// Whether a header of this name is signed. Hop-by-hop and proxy-rewritten headers are not
/// (Authorization, Connection, Expect, User-Agent, X-Amzn-Trace-Id, Presigned-Expires): a proxy
/// or the transport may change them after signing, which would break the signature.
bool is_signed_header(std::string_view name);

struct CanonicalHeaders {
  std::string text;            ///< "name:value\n" for each signed header, sorted by name
  std::string signed_headers;  ///< "host;x-amz-date": the names, sorted, joined by ';'
};

/// The canonical headers of `headers` (those `is_signed_header` accepts): names lower-cased,
/// values trimmed with inner runs of spaces and tabs collapsed, repeated names joined with ','
/// in the order sent.
CanonicalHeaders canonical_headers(const std::vector<Header>& headers);

/// Hex SHA-256 of the payload, the canonical request's last line.
std::string payload_hash(std::string_view body);

/// METHOD \n URI \n QUERY \n HEADERS \n SIGNED-HEADERS \n PAYLOAD-HASH
std::string canonical_request(std::string_view method, std::string_view canonical_uri,
                              std::string_view canonical_query, const CanonicalHeaders& headers,
                              std::string_view payload_hash);

/// "20150830/us-east-1/service/aws4_request"
std::string credential_scope(std::string_view amz_date, std::string_view region,
                             std::string_view service);

/// "AWS4-HMAC-SHA256" \n AMZ-DATE \n SCOPE \n hex(SHA-256(canonical request))
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);

/// The raw signing key: HMAC chain over date, region, service and "aws4_request", keyed first
/// with "AWS4" + secret.
std::string signing_key(std::string_view secret_key, std::string_view amz_date,
                        std::string_view region, std::string_view service);

/// Hex HMAC-SHA256 of the string to sign under the signing key.
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

/// "AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=..., Signature=..."
std::string authorization_header(std::string_view access_key, std::string_view scope,
                                 std::string_view signed_headers, std::string_view signature);

}  // namespace postern::auth::awsv4::detail
