#pragma once
// Captured bodies as the text that HAR and Postman collections carry: they hold strings, so a
// body that is UTF-8 goes in as it is and any other as base64 (HAR's content.encoding). Also
// the words both formats use for a body the store cut or left out, and Content-Type helpers.

#include <string>
#include <string_view>

#include "runtime/store/records.hpp"

namespace postern::exports {

/// A body as a JSON string.
struct BodyText {
  std::string text;     ///< the bytes themselves, or their base64
  bool base64 = false;  ///< `text` is base64 because the bytes are not UTF-8
};

/// `bytes` as text: as they are when valid UTF-8, else standard padded base64.
BodyText body_text(std::string_view bytes);

/// What the store did not keep of `body`, in words ("truncated: 1048576 of 5000000 bytes
/// kept", "not captured (media)"); empty when the whole body is there.
std::string body_cut_note(const store::CapturedBody& body);

/// "text/html" for "Text/HTML; charset=utf-8": the media type, lower case, no parameters.
std::string media_type(std::string_view content_type);

/// The value of the first Content-Type header, or empty.
std::string content_type_of(const store::Headers& headers);

}  // namespace postern::exports
