#include "runtime/proxy/framing.hpp"

#include <array>
#include <limits>
#include <string>
#include <utility>

#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

// The transfer codings registered with IANA besides chunked (RFC 9112 §7). A proxy that
// forwards the body as it came need not decode them, only know they exist.
constexpr std::array<std::string_view, 5> kKnownCodings = {"gzip", "x-gzip", "deflate", "compress",
                                                           "x-compress"};

// 1*DIGIT, at most 2^64-1. No sign, no spaces inside, no hex: "+5", "5 5", "0x5" are what
// let one parser see a length where another sees none.
bool parse_decimal(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  value = 0;
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (kMax - digit) / 10) return false;
    value = value * 10 + digit;
  }
  return true;
}

// What the Transfer-Encoding fields say, after checking their shape.
struct Codings {
  std::size_t chunked = 0;    // how many times "chunked" is listed
  bool chunked_last = false;  // the final coding is "chunked"
  bool unknown = false;       // a coding we do not know, or one with parameters
};

Codings read_codings(const HeaderFields& fields) {
  Codings result;
  for (std::string_view value : fields.get_all("Transfer-Encoding")) {
    for (std::string_view coding : split_list(value)) {
      result.chunked_last = iequals(coding, "chunked");
      if (result.chunked_last) {
        ++result.chunked;
        continue;
      }
      bool known = false;
      for (std::string_view name : kKnownCodings)
        known = known || iequals(coding, name);
      // Parameters (";q=1"), quotes or anything not a plain name make the coding unknown to us.
      if (!known) result.unknown = true;
    }
  }
  return result;
}

FramingDecision refuse(errc e, Side side, std::string detail) {
  FramingDecision decision;
  decision.error = make_http_error(e, side, std::move(detail));
  return decision;
}

FramingDecision framed(BodyKind kind, std::uint64_t length = 0) {
  FramingDecision decision;
  decision.framing = BodyFraming{kind, length};
  return decision;
}

}  // namespace

std::optional<std::uint64_t> content_length_of(const HeaderFields& fields, std::error_code& error) {
  error.clear();
  std::optional<std::uint64_t> length;
  for (std::string_view value : fields.get_all("Content-Length")) {
    // A bare "" or "," lists nothing, which is as bad as a non-number.
    const auto elements = split_list(value);
    if (elements.empty()) {
      error = errc::bad_content_length;
      return std::nullopt;
    }
    for (std::string_view element : elements) {
      std::uint64_t parsed = 0;
      if (!parse_decimal(element, parsed)) {
        error = errc::bad_content_length;
        return std::nullopt;
      }
      if (length && *length != parsed) {
        error = errc::differing_content_lengths;
        return std::nullopt;
      }
      length = parsed;
    }
  }
  return length;
}

FramingDecision request_framing(const RequestHead& request) {
  const HeaderFields& fields = request.fields;
  const bool has_te = fields.contains("Transfer-Encoding");
  const bool has_cl = fields.contains("Content-Length");
  if (has_te) {
    // RFC 9112 §6.1: an HTTP/1.0 recipient cannot know chunked, so the framing is faulty.
    if (!request.version.at_least_1_1())
      return refuse(errc::transfer_encoding_in_http10, Side::request,
                    "Transfer-Encoding in an HTTP/1.0 request");
    // §6.3 rule 3 allows dropping Content-Length, but both together is the classic smuggling
    // pair (CL.TE / TE.CL): refusing is the only answer every upstream agrees with.
    if (has_cl)
      return refuse(errc::conflicting_framing, Side::request,
                    "both Content-Length and Transfer-Encoding");
    const Codings codings = read_codings(fields);
    // §6.3 rule 4: without chunked last the length cannot be known: 400, then close. §7:
    // chunked is applied once only.
    if (!codings.chunked_last || codings.chunked != 1)
      return refuse(errc::chunked_not_final, Side::request,
                    "Transfer-Encoding does not end with a single chunked");
    if (codings.unknown)
      return refuse(errc::unsupported_transfer_coding, Side::request,
                    "Transfer-Encoding names a coding this proxy does not know");
    return framed(BodyKind::chunked);
  }
  std::error_code error;
  const auto length = content_length_of(fields, error);
  if (error) return refuse(static_cast<errc>(error.value()), Side::request, error.message());
  if (length) return framed(BodyKind::content_length, *length);
  return framed(BodyKind::none);  // §6.3 rule 7: a request without framing has no body
}

FramingDecision response_framing(std::string_view request_method, const ResponseHead& response) {
  const int status = response.status;
  // §6.3 rules 1 and 2: these never have a body, whatever their fields say.
  if (request_method == "HEAD" || (status >= 100 && status < 200) || status == 204 || status == 304)
    return framed(BodyKind::none);
  if (request_method == "CONNECT" && status >= 200 && status < 300)
    return framed(BodyKind::none);  // the tunnel starts right after the head
  const HeaderFields& fields = response.fields;
  const bool has_te = fields.contains("Transfer-Encoding");
  if (has_te) {
    if (fields.contains("Content-Length"))
      return refuse(errc::conflicting_framing, Side::response,
                    "both Content-Length and Transfer-Encoding");
    const Codings codings = read_codings(fields);
    if (codings.chunked > 1)
      return refuse(errc::chunked_not_final, Side::response, "chunked applied more than once");
    // §6.1: HTTP/1.0 framing with Transfer-Encoding is faulty; §6.3 rule 4: without chunked
    // last, the body runs until the server closes.
    if (!response.version.at_least_1_1() || !codings.chunked_last)
      return framed(BodyKind::until_close);
    return framed(BodyKind::chunked);
  }
  std::error_code error;
  const auto length = content_length_of(fields, error);
  if (error) return refuse(static_cast<errc>(error.value()), Side::response, error.message());
  if (length) return framed(BodyKind::content_length, *length);
  return framed(BodyKind::until_close);  // §6.3 rule 8
}

}  // namespace postern::proxy
