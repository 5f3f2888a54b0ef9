#pragma once
// Request bodies the way Postman encodes them: application/x-www-form-urlencoded pairs and
// multipart/form-data fields (text and files). The bytes are built here, before sending, because
// signing schemes hash the exact body and --dry-run shows it.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace postern::requester {

/// A body and the Content-Type that goes with it.
struct EncodedBody {
  std::string bytes;
  std::string content_type;
};

/// "a=1&b=x%20y": names and values percent-encoded (RFC 3986 unreserved kept, space as %20).
std::string urlencode_pairs(const std::vector<std::pair<std::string, std::string>>& pairs);

/// One multipart/form-data field.
struct FormField {
  std::string name;
  std::string value;  ///< the text, or for a file field the file's path
  bool is_file = false;
  std::string content_type;  ///< a part's type; files default to application/octet-stream
};

/// The multipart body with `boundary`; files are read whole. An error names a missing file.
base::Result<EncodedBody> multipart_body(const std::vector<FormField>& fields,
                                         const std::string& boundary);

/// A fresh boundary: 24 dashes and 24 random digits, as browsers and Postman make them.
std::string new_boundary();

/// The file's bytes; an error naming it when it cannot be read.
base::Result<std::string> read_body_file(const std::filesystem::path& file);

}  // namespace postern::requester
