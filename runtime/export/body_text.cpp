#include "runtime/export/body_text.hpp"

#include "runtime/bridge/base64.hpp"
#include "runtime/bridge/utf8.hpp"
#include "runtime/cookies/ascii.hpp"
#include "runtime/store/capture_policy.hpp"

namespace postern::exports {

BodyText body_text(std::string_view bytes) {
  if (bridge::is_valid_utf8(bytes)) return BodyText{std::string(bytes), false};
  return BodyText{bridge::base64_encode(bytes), true};
}

std::string body_cut_note(const store::CapturedBody& body) {
  if (!body.omitted_reason.empty()) return "not captured (" + body.omitted_reason + ")";
  if (body.truncated)
    return "truncated: " + std::to_string(body.bytes.size()) + " of " +
           std::to_string(body.original_size) + " bytes kept";
  return {};
}

std::string media_type(std::string_view content_type) {
  return cookies::ascii::to_lower(
      cookies::ascii::trim_wsp(content_type.substr(0, content_type.find(';'))));
}

std::string content_type_of(const store::Headers& headers) {
  return std::string(store::find_header(headers, "content-type").value_or(""));
}

}  // namespace postern::exports
