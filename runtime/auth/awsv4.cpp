// AWS Signature Version 4 (awsv4), as Postman sends it: the Authorization header with
// X-Amz-Date (and X-Amz-Security-Token, X-Amz-Content-Sha256), or a presigned URL with the
// X-Amz-* query parameters when addAuthDataToQuery is set. The signing steps are the free
// functions of aws_sigv4_detail.hpp; this file only decides what goes where.
#include <algorithm>

#include "runtime/auth/aws_sigv4_detail.hpp"
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {
namespace {

namespace sig = awsv4::detail;

constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// aws4 (Postman's signer) presigns S3 URLs for a day; other services get the same default.
constexpr std::string_view kDefaultExpires = "86400";

struct AwsCredentials {
  std::string access_key;
  std::string secret_key;
  std::string session_token;
  std::string region;
  std::string service;
  bool in_query = false;
};

/// `query` without the parameters a previous signing added (X-Amz-Expires is the user's choice
/// and stays, as in Postman).
std::string without_signing_params(std::string_view query) {
  static constexpr std::string_view kOurs[] = {"X-Amz-Algorithm", "X-Amz-Credential",
                                               "X-Amz-Date",      "X-Amz-SignedHeaders",
                                               "X-Amz-Signature", "X-Amz-Security-Token"};
  std::string out;
  while (!query.empty()) {
    std::string_view piece = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), piece.size() + 1));
    std::string_view name = piece.substr(0, piece.find('='));
    if (piece.empty() || std::find(std::begin(kOurs), std::end(kOurs), name) != std::end(kOurs)) {
      continue;
    }
    if (!out.empty()) out += '&';
    out += piece;
  }
  return out;
}

bool has_query_param(std::string_view query, std::string_view wanted) {
  auto pairs = split_query(query);
  return std::any_of(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == wanted; });
}

class AwsV4 final : public AuthScheme {
 public:
  AwsV4(AwsCredentials credentials, AuthContext context)
      : credentials_(std::move(credentials)), context_(std::move(context)) {}
  std::string_view type() const override { return "awsv4"; }

  base::Status_or_error create_response(HttpRequest& request) override {
    auto target = split_request_target(request.url);
    if (!target) return target.error();
    const bool s3 = credentials_.service == "s3";
    // S3 keys go on the wire in their canonical encoding ("$" as %24): S3 decodes the key either
    // way, and then the path signed and the path sent are the same bytes for every verifier.
    std::string path =
        s3 ? sig::canonical_uri(target.value().path, true) : sig::wire_safe(target.value().path);
    std::string query = sig::wire_safe(target.value().query);
    if (credentials_.in_query) query = without_signing_params(query);

    for (const char* stale : {"Authorization", "X-Amz-Date", "X-Amz-Security-Token"})
      remove_header(request.headers, stale);
    // A caller that sets X-Amz-Content-Sha256: UNSIGNED-PAYLOAD opts out of hashing the body
    // (S3 accepts that); any other value is recomputed, as Postman does.
    const bool unsigned_payload =
        find_header(request.headers, "X-Amz-Content-Sha256") == kUnsignedPayload;
    if (!unsigned_payload) remove_header(request.headers, "X-Amz-Content-Sha256");
    if (!find_header(request.headers, "Host")) {
      request.headers.insert(request.headers.begin(), {"Host", host_header_value(target.value())});
    }

    const std::string date = sig::amz_date(context_.unix_time());
    const std::string scope =
        sig::credential_scope(date, credentials_.region, credentials_.service);
    std::string payload;
    if (credentials_.in_query) {
      payload =
          s3 || unsigned_payload ? std::string(kUnsignedPayload) : sig::payload_hash(request.body);
      query = with_presign_params(query, date, scope, request.headers);
    } else {
      payload = unsigned_payload ? std::string(kUnsignedPayload) : sig::payload_hash(request.body);
      add_signing_headers(request, date, payload, s3);
    }

    const auto headers = sig::canonical_headers(request.headers);
    const std::string canonical =
        sig::canonical_request(request.method, sig::canonical_uri(path, s3),
                               sig::canonical_query(query), headers, payload);
    const std::string signature = sig::signature(
        sig::signing_key(credentials_.secret_key, date, credentials_.region, credentials_.service),
        sig::string_to_sign(date, scope, canonical));

    if (credentials_.in_query) {
      query += "&X-Amz-Signature=" + signature;
    } else {
      set_header(request.headers, "Authorization",
                 sig::authorization_header(credentials_.access_key, scope, headers.signed_headers,
                                           signature));
    }
    request.url = with_target(request.url, path, query);
    return base::Ok{};
  }

 private:
  void add_signing_headers(HttpRequest& request, const std::string& date,
                           const std::string& payload, bool s3) const {
    request.headers.push_back({"X-Amz-Date", date});
    if (!credentials_.session_token.empty()) {
      request.headers.push_back({"X-Amz-Security-Token", credentials_.session_token});
    }
    // S3 wants the payload hash header on every request; Postman sends it for any body too.
    if (!find_header(request.headers, "X-Amz-Content-Sha256") && (s3 || !request.body.empty())) {
      request.headers.push_back({"X-Amz-Content-Sha256", payload});
    }
  }

  /// The query with the presigning parameters appended (in canonical order, so the URL reads
  /// like AWS's own examples).
  std::string with_presign_params(std::string query, const std::string& date,
                                  const std::string& scope,
                                  const std::vector<Header>& headers) const {
    auto add = [&query](std::string_view name, std::string_view value) {
      if (!query.empty()) query += '&';
      query.append(name).append("=").append(percent_encode(value));
    };
    add("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    add("X-Amz-Credential", credentials_.access_key + "/" + scope);
    add("X-Amz-Date", date);
    if (!has_query_param(query, "X-Amz-Expires")) add("X-Amz-Expires", kDefaultExpires);
    if (!credentials_.session_token.empty()) {
      add("X-Amz-Security-Token", credentials_.session_token);
    }
    add("X-Amz-SignedHeaders", sig::canonical_headers(headers).signed_headers);
    return query;
  }

  AwsCredentials credentials_;
  AuthContext context_;
};

}  // namespace

SchemeResult make_awsv4(const AuthParams& params, const AuthContext& context) {
  auto access_key = params.required("accessKey", "awsv4");
  if (!access_key) return access_key.error();
  auto secret_key = params.required("secretKey", "awsv4");
  if (!secret_key) return secret_key.error();
  AwsCredentials credentials{
      std::move(access_key).value(),
      std::move(secret_key).value(),
      params.text("sessionToken"),
      params.text("region", "us-east-1"),
      // Postman's default: API Gateway.
      params.text("service", "execute-api"),
      params.flag("addAuthDataToQuery"),
  };
  for (const std::string* part : {&credentials.region, &credentials.service}) {
    if (part->find_first_of("/ ") != std::string::npos) {
      return bad_parameter("awsv4", part == &credentials.region ? "region" : "service",
                           "cannot contain '/' or spaces (it is part of the credential scope)");
    }
  }
  return std::unique_ptr<AuthScheme>(std::make_unique<AwsV4>(std::move(credentials), context));
}

}  // namespace postern::auth
