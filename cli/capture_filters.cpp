#include "cli/capture_filters.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "cli/human_units.hpp"

namespace postern::cli {

using nlohmann::json;

namespace {

// RFC 9110 §5.6.2 tchar: what a method may be made of.
bool token(const std::string& text) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || kExtra.find(static_cast<char>(c)) != std::string_view::npos;
  });
}

json methods_json(const std::vector<std::string>& methods) {
  json list = json::array();
  for (std::string method : methods) {
    if (!token(method))
      throw CLI::ValidationError("--methods", "\"" + method + "\" is not an HTTP method");
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (std::find(list.begin(), list.end(), method) == list.end()) list.push_back(method);
  }
  return list;
}

json collection_json(const std::string& path, const std::vector<std::string>& group_by) {
  if (path.empty()) throw CLI::ValidationError("--collection", "needs a file path");
  json collection = {{"path", std::filesystem::absolute(path).lexically_normal().string()}};
  if (!group_by.empty()) {
    for (const auto& group : group_by)
      if (group != "domain" && group != "endpoint")
        throw CLI::ValidationError("--group-by",
                                   "\"" + group + "\" is not a grouping; use domain, endpoint");
    collection["group_by"] = group_by;
  }
  return collection;
}

void set_if(json& options, const char* name, const std::optional<bool>& value) {
  if (value) options[name] = *value;
}

// A pair of flags that set one field to true and false; the parser refuses both at once.
void add_switch(CLI::App& command, std::optional<bool>& target, const std::string& on,
                const std::string& off, bool on_value, const std::string& help_on,
                const std::string& help_off) {
  auto* first = command.add_flag_callback(
      on, [&target, on_value] { target = on_value; }, help_on);
  auto* second = command.add_flag_callback(
      off, [&target, on_value] { target = !on_value; }, help_off);
  first->excludes(second);
}

}  // namespace

void add_capture_filter_options(CLI::App& command, CaptureFilterArgs& args) {
  auto* contains =
      command.add_option("--url-contains", args.url_contains, "Capture URLs containing this text");
  auto* regex = command.add_option("--url-regex", args.url_regex,
                                   "Capture URLs matching this regular expression");
  contains->excludes(regex);
  command.add_option("--exclude", args.exclude, "Skip URLs containing this text (repeatable)");
  command.add_option("--exclude-regex", args.exclude_regex,
                     "Skip URLs matching this regular expression");
  command.add_option("--methods", args.methods, "Capture only these methods: GET,POST")
      ->delimiter(',');
  add_switch(command, args.exclude_static, "--exclude-static", "--include-static", true,
             "Skip images, scripts and style sheets", "Capture static files again");
  add_switch(command, args.save_responses, "--responses", "--no-responses", true,
             "Save response bodies again", "Save requests only, not responses");
  add_switch(command, args.capture_cookies, "--cookies", "--no-cookies", true,
             "Record Cookie and Set-Cookie headers (for `capture show --cookies`)",
             "Stop recording cookies");
  add_switch(command, args.save_to_history, "--history", "--no-history", true,
             "Keep the session in the history again", "Do not keep the session after it stops");
  auto* collection =
      command.add_option("--collection", args.collection,
                         "When the session stops, write it to this Postman collection file");
  command
      .add_option("--group-by", args.group_by, "Collection folders: domain,endpoint (or either)")
      ->delimiter(',')
      ->needs(collection);
  command.add_option("--body-limit", args.body_limit,
                     "Largest body kept per message, in bytes (64k, 1m...)");
}

void add_id_argument(CLI::App& command, std::int64_t& id, const std::string& name,
                     const std::string& help) {
  const CLI::Validator whole_number(
      [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 18 &&
                            std::all_of(text.begin(), text.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
        if (digits && std::stoll(text) > 0) return "";
        return "\"" + text + "\" is not an id (a whole number from 1 up)";
      },
      "ID");
  command.add_option(name, id, help)->required()->check(whole_number);
}

json capture_options_json(const CaptureFilterArgs& args) {
  json options = json::object();
  if (args.url_contains) options["url_contains"] = *args.url_contains;
  if (args.url_regex) options["url_regex"] = *args.url_regex;
  if (!args.exclude.empty()) options["exclude"] = args.exclude;
  if (args.exclude_regex) options["exclude_regex"] = *args.exclude_regex;
  if (!args.methods.empty()) options["methods"] = methods_json(args.methods);
  set_if(options, "exclude_static", args.exclude_static);
  set_if(options, "save_responses", args.save_responses);
  set_if(options, "capture_cookies", args.capture_cookies);
  set_if(options, "save_to_history", args.save_to_history);
  if (args.collection) options["collection"] = collection_json(*args.collection, args.group_by);
  if (args.body_limit) {
    auto bytes = parse_byte_count(*args.body_limit);
    if (!bytes)
      throw CLI::ValidationError(
          "--body-limit", "\"" + *args.body_limit + "\" is not a byte count (1048576, 64k, 1m)");
    options["body_limit"] = *bytes;
  }
  return options;
}

json merge_capture_options(const json& current, const json& changes) {
  json merged = current.is_object() ? current : json::object();
  for (const auto& [name, value] : changes.items())
    merged[name] = value;
  if (changes.contains("url_contains")) merged["url_regex"] = "";
  if (changes.contains("url_regex")) merged["url_contains"] = "";
  return merged;
}

}  // namespace postern::cli
