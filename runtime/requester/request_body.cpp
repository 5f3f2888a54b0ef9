#include "runtime/requester/request_body.hpp"

#include <fstream>
#include <sstream>

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/request_target.hpp"
#include "runtime/requester/send_errc.hpp"

namespace postern::requester {
namespace {

// Quotes and line breaks cannot appear raw in a Content-Disposition parameter (RFC 7578 §4.2
// and the HTML standard escape them the same way).
std::string disposition_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"') {
      out += "%22";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string urlencode_pairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += auth::percent_encode(name) + "=" + auth::percent_encode(value);
  }
  return out;
}

base::Result<std::string> read_body_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return base::Error{send_errc::transport, "cannot read the body file " + file.string(),
                       "check the path (relative paths start at the current folder)"};
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

base::Result<EncodedBody> multipart_body(const std::vector<FormField>& fields,
                                         const std::string& boundary) {
  EncodedBody body;
  body.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& field : fields) {
    body.bytes += "--" + boundary + "\r\n";
    body.bytes += "Content-Disposition: form-data; name=\"" + disposition_escape(field.name) + "\"";
    if (field.is_file) {
      auto content = read_body_file(field.value);
      if (!content) return content.error();
      std::string filename = std::filesystem::path(field.value).filename().string();
      body.bytes += "; filename=\"" + disposition_escape(filename) + "\"\r\n";
      body.bytes += "Content-Type: " +
                    (field.content_type.empty() ? "application/octet-stream" : field.content_type) +
                    "\r\n\r\n";
      body.bytes += content.value();
    } else {
      body.bytes += "\r\n";
      if (!field.content_type.empty()) body.bytes += "Content-Type: " + field.content_type + "\r\n";
      body.bytes += "\r\n" + field.value;
    }
    body.bytes += "\r\n";
  }
  body.bytes += "--" + boundary + "--\r\n";
  return body;
}

std::string new_boundary() {
  std::string digits;
  for (unsigned char byte : auth::random_bytes(24))
    digits += static_cast<char>('0' + byte % 10);
  return std::string(24, '-') + digits;
}

}  // namespace postern::requester
