#pragma once
// A Postman Collection v2.1 (and v2.0) file read into plain structs: folders and requests, their
// URLs, headers, bodies and auth, the collection's variables, and what Postern does not run
// (scripts), so the runner can report it instead of skipping it silently. Values keep their
// {{variables}}; the runner substitutes them when it sends.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/auth_params.hpp"

namespace postern::runner {

/// A key/value row of headers, query, urlencoded or form-data bodies.
struct KeyValue {
  std::string key{};
  std::string value{};
  bool disabled = false;
  bool is_file = false;        ///< form-data: "type": "file" (value holds the file's path)
  std::string content_type{};  ///< form-data: a part's contentType
};

/// An item's auth: inherit from the parent (no "auth", null, or type "inherit"), none
/// ("noauth"), or a scheme with its parameters.
struct AuthSpec {
  enum class Mode { inherit, none, scheme };
  Mode mode = Mode::inherit;
  std::string type;  ///< the Postman type ("digest") when mode is scheme
  auth::AuthParams params;
};

struct RequestBody {
  std::string mode;  ///< raw, urlencoded, formdata, file, graphql (empty: no body)
  std::string raw;
  std::string raw_language;  ///< options.raw.language: json, xml, text, html, javascript
  std::vector<KeyValue> urlencoded;
  std::vector<KeyValue> formdata;
  std::string file;  ///< file mode: the path
  std::string graphql_query;
  std::string graphql_variables;
};

struct RequestSpec {
  std::string method = "GET";
  std::string url;  ///< raw URL with path variables (:id) already filled
  std::vector<KeyValue> headers;
  RequestBody body;
  AuthSpec auth;
};

struct Item {
  std::string name;
  std::optional<RequestSpec> request;    ///< set for a request, empty for a folder
  std::vector<Item> items;               ///< a folder's children
  AuthSpec auth;                         ///< a folder's auth (requests keep theirs in request)
  std::vector<std::string> unsupported;  ///< "pre-request script", "test script", ...
};

struct Collection {
  std::string name;
  std::vector<Item> items;
  AuthSpec auth;
  std::vector<KeyValue> variables;
  std::vector<std::string> unsupported;
};

/// Reads a collection document; an error naming the JSON path of the first problem.
base::Result<Collection> parse_collection(std::string_view json_text);

}  // namespace postern::runner
