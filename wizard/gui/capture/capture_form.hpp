#pragma once
// What the setup panel's fields say, as plain values, and the CaptureOptions they make. Only
// what the fields alone can tell is checked here (a collection file needs an absolute path);
// regexes and methods are the runtime's to judge, and its BAD_FIELD message names the field.

#include <optional>
#include <string>
#include <vector>

#include "runtime/control/client/capture_types.hpp"

namespace postern::gui {

/// The setup panel's fields.
struct CaptureForm {
  std::string name;                  ///< empty: the runtime's default name
  std::string url;                   ///< the URL filter's text
  bool url_is_regex = false;         ///< `url` is a regular expression, not a substring
  std::string exclude;               ///< comma-separated substrings
  std::string exclude_regex;         ///< one regular expression
  std::vector<std::string> methods;  ///< ticked methods; none = all
  bool exclude_static = false;
  bool save_responses = true;
  bool capture_cookies = false;
  bool save_to_history = true;
  bool to_collection = false;
  std::string collection_path;
  bool group_by_domain = false;
  bool group_by_endpoint = false;
};

/// Why a form cannot start a capture.
enum class FormProblem { collection_path_missing, collection_path_relative };

/// The options `form` asks for (trimmed, empty parts dropped), or the problem with it.
struct FormResult {
  control_client::CaptureOptions options;
  std::optional<FormProblem> problem;
};
FormResult capture_options_from(const CaptureForm& form);

/// The form that shows `options` (the reverse of capture_options_from; a running session's
/// options, or the last ones used).
CaptureForm capture_form_from(const control_client::CaptureOptions& options);

}  // namespace postern::gui
