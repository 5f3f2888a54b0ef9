#pragma once
// Punycode (RFC 3492) encoding of one domain label. The Public Suffix List writes
// internationalised suffixes in Unicode ("公司.cn"), while hosts reach the jar as A-labels
// ("xn--55qx5d.cn"); encoding the list's labels lets the two meet. This is not IDNA: no
// mapping or normalisation is done, which the list does not need (its labels are already
// normalised).

#include <optional>
#include <string>
#include <string_view>

namespace postern::cookies {

/// The A-label of a UTF-8 `label`: the label itself when it is all ASCII, otherwise "xn--" and
/// its Punycode. Nothing for bytes that are not valid UTF-8 or a label too long to encode.
std::optional<std::string> label_to_ascii(std::string_view label);

/// label_to_ascii() applied to every dot-separated label of `domain`.
std::optional<std::string> domain_to_ascii(std::string_view domain);

}  // namespace postern::cookies
