#pragma once
// The filter options `capture start` and `capture options` share, turned into the control API's
// CaptureOptions (docs/control-api.md): only the fields the user gave, checked first so a typo
// is a usage error (exit 2) and not a 400 from the runtime.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}

namespace postern::cli {

/// The filter options as typed; unset ones leave the runtime's value alone.
struct CaptureFilterArgs {
  std::optional<std::string> url_contains;   ///< --url-contains
  std::optional<std::string> url_regex;      ///< --url-regex
  std::vector<std::string> exclude;          ///< --exclude, repeatable
  std::optional<std::string> exclude_regex;  ///< --exclude-regex
  std::vector<std::string> methods;          ///< --methods GET,POST
  std::optional<bool> exclude_static;        ///< --exclude-static / --include-static
  std::optional<bool> save_responses;        ///< --no-responses / --responses
  std::optional<bool> capture_cookies;       ///< --cookies / --no-cookies
  std::optional<bool> save_to_history;       ///< --no-history / --history
  std::optional<std::string> collection;     ///< --collection PATH
  std::vector<std::string> group_by;         ///< --group-by domain,endpoint (needs --collection)
  std::optional<std::string> body_limit;     ///< --body-limit BYTES ("1048576", "64k", "1m")
};

/// Adds the filter options to `command`, storing into `args` (which must outlive it). Options
/// that contradict each other are refused by the parser.
void add_capture_filter_options(CLI::App& command, CaptureFilterArgs& args);

/// Adds the positional id argument `name` (a session or exchange id: a whole number from 1 up)
/// to `command`, required, storing into `id`.
void add_id_argument(CLI::App& command, std::int64_t& id, const std::string& name,
                     const std::string& help);

/// The CaptureOptions fields `args` sets: methods upper-cased, the collection path made
/// absolute (the runtime runs in "/"). Throws CLI::ValidationError (exit 2) for a bad method,
/// group, or byte count.
nlohmann::json capture_options_json(const CaptureFilterArgs& args);

/// `current` with the fields of `changes` put in; setting url_contains clears url_regex and the
/// other way round, since the API refuses both at once.
nlohmann::json merge_capture_options(const nlohmann::json& current, const nlohmann::json& changes);

}  // namespace postern::cli
