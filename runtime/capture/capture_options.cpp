#include "runtime/capture/capture_options.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "base/path_utf8.hpp"
#include "runtime/capture/errc.hpp"
#include "runtime/capture/regex.hpp"

namespace postern::capture {

namespace {

using json = nlohmann::json;

// A reader returns the problem with the field it concerns ("methods[2]: ..."), or nothing.
using Problem = std::optional<std::string>;
using Reader = Problem (*)(const json& value, std::string_view field, CaptureOptions& options);

base::Error bad(const std::string& problem) {
  return base::Error{errc::bad_option, problem, "see docs/capture.md for the capture options"};
}

Problem read_string(const json& value, std::string_view field, std::string& out) {
  if (!value.is_string()) return std::string(field) + ": must be a string";
  out = value.get<std::string>();
  return std::nullopt;
}

Problem read_bool(const json& value, std::string_view field, bool& out) {
  if (!value.is_boolean()) return std::string(field) + ": must be true or false";
  out = value.get<bool>();
  return std::nullopt;
}

Problem read_regex(const json& value, std::string_view field, std::string& out) {
  if (auto problem = read_string(value, field, out)) return problem;
  if (out.empty()) return std::nullopt;
  if (auto compiled = Regex::compile(out, field); !compiled) return compiled.error().message;
  return std::nullopt;
}

// A list of non-empty strings without repeats, each passed through `check` (which may rewrite
// it).
Problem read_list(const json& value, std::string_view field, std::vector<std::string>& out,
                  Problem (*check)(std::string&)) {
  if (!value.is_array()) return std::string(field) + ": must be a list of strings";
  out.clear();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto where = std::string(field) + "[" + std::to_string(i) + "]";
    if (!value[i].is_string()) return where + ": must be a string";
    auto item = value[i].get<std::string>();
    if (item.empty()) return where + ": must not be empty";
    if (auto problem = check(item)) return where + ": " + *problem;
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
  }
  return std::nullopt;
}

// RFC 9110 §5.6.2 tchar: a method is a token.
bool is_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

Problem upper_case_method(std::string& method) {
  if (!std::all_of(method.begin(), method.end(), is_tchar))
    return std::string("is not an HTTP method name (letters, digits and !#$%&'*+-.^_`|~ only)");
  std::transform(method.begin(), method.end(), method.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  return std::nullopt;
}

Problem read_body_limit(const json& value, std::string_view field, CaptureOptions& options) {
  const auto range = std::to_string(CaptureOptions::kMinBodyLimit) + " to " +
                     std::to_string(CaptureOptions::kMaxBodyLimit);
  const auto name = std::string(field);
  if (!value.is_number_integer()) return name + ": must be a whole number of bytes, " + range;
  // Compared as signed 64-bit first: a negative number must not wrap into a huge size.
  const auto bytes = value.is_number_unsigned() ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                                                      value.get<std::uint64_t>(), INT64_MAX))
                                                : value.get<std::int64_t>();
  if (bytes < static_cast<std::int64_t>(CaptureOptions::kMinBodyLimit) ||
      bytes > static_cast<std::int64_t>(CaptureOptions::kMaxBodyLimit))
    return name + ": must be " + range + " bytes, not " + value.dump();
  options.body_limit = static_cast<std::size_t>(bytes);
  return std::nullopt;
}

Problem read_group_by(const json& value, const std::string& field, CollectionTarget& target) {
  if (!value.is_array()) return field + ": must be a list";
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto where = field + "[" + std::to_string(i) + "]";
    std::optional<GroupBy> group;
    if (value[i] == "domain") group = GroupBy::domain;
    if (value[i] == "endpoint") group = GroupBy::endpoint;
    if (!group) return where + ": must be \"domain\" or \"endpoint\"";
    if (std::find(target.group_by.begin(), target.group_by.end(), *group) != target.group_by.end())
      return where + ": \"" + std::string(to_string(*group)) + "\" is listed twice";
    target.group_by.push_back(*group);
  }
  return std::nullopt;
}

Problem read_collection(const json& value, std::string_view field, CaptureOptions& options) {
  const auto name = std::string(field);
  if (value.is_null()) {
    options.collection.reset();
    return std::nullopt;
  }
  if (!value.is_object()) return name + ": must be an object or null";
  CollectionTarget target;
  for (const auto& [key, item] : value.items()) {
    if (key == "path") {
      if (auto problem = read_string(item, name + ".path", target.path)) return problem;
    } else if (key == "group_by") {
      if (auto problem = read_group_by(item, name + ".group_by", target)) return problem;
    } else {
      return name + "." + key + ": unknown field (known: path, group_by)";
    }
  }
  if (target.path.empty()) return name + ".path: is required";
  // Relative paths would depend on the runtime's working directory, which the user never sees.
  if (!base::path_from_utf8(target.path).is_absolute())
    return name + ".path: must be an absolute path, not \"" + target.path + "\"";
  options.collection = std::move(target);
  return std::nullopt;
}

// Readers for the table below, one per kind of field, each told the member it fills.
template <std::string CaptureOptions::*member>
Problem string_field(const json& value, std::string_view field, CaptureOptions& options) {
  return read_string(value, field, options.*member);
}

template <std::string CaptureOptions::*member>
Problem regex_field(const json& value, std::string_view field, CaptureOptions& options) {
  return read_regex(value, field, options.*member);
}

template <bool CaptureOptions::*member>
Problem bool_field(const json& value, std::string_view field, CaptureOptions& options) {
  return read_bool(value, field, options.*member);
}

template <std::vector<std::string> CaptureOptions::*member, Problem (*check)(std::string&)>
Problem list_field(const json& value, std::string_view field, CaptureOptions& options) {
  return read_list(value, field, options.*member, check);
}

Problem any_text(std::string&) {
  return std::nullopt;
}

// One row per field: the API's field list is data, and an unknown key is refused by name.
struct Field {
  std::string_view name;
  Reader read;
};

constexpr std::array kFields{
    Field{"url_contains", string_field<&CaptureOptions::url_contains>},
    Field{"url_regex", regex_field<&CaptureOptions::url_regex>},
    Field{"exclude", list_field<&CaptureOptions::exclude, any_text>},
    Field{"exclude_regex", regex_field<&CaptureOptions::exclude_regex>},
    Field{"methods", list_field<&CaptureOptions::methods, upper_case_method>},
    Field{"exclude_static", bool_field<&CaptureOptions::exclude_static>},
    Field{"save_responses", bool_field<&CaptureOptions::save_responses>},
    Field{"capture_cookies", bool_field<&CaptureOptions::capture_cookies>},
    Field{"save_to_history", bool_field<&CaptureOptions::save_to_history>},
    Field{"collection", read_collection},
    Field{"body_limit", read_body_limit},
};

std::string known_fields() {
  std::string names;
  for (const auto& field : kFields)
    names += (names.empty() ? "" : ", ") + std::string(field.name);
  return names;
}

}  // namespace

std::string_view to_string(GroupBy group) {
  return group == GroupBy::domain ? "domain" : "endpoint";
}

base::Result<CaptureOptions> options_from_json(const json& value) {
  if (!value.is_object()) return bad("options: must be a JSON object");
  CaptureOptions options;
  for (const auto& [key, item] : value.items()) {
    const auto field = std::find_if(kFields.begin(), kFields.end(),
                                    [&key = key](const Field& f) { return f.name == key; });
    if (field == kFields.end()) return bad(key + ": unknown field (known: " + known_fields() + ")");
    if (auto problem = field->read(item, field->name, options)) return bad(*problem);
  }
  if (!options.url_contains.empty() && !options.url_regex.empty())
    return bad("url_regex: cannot be used together with url_contains; set one of them");
  return options;
}

json to_json(const CaptureOptions& options) {
  json collection = nullptr;
  if (options.collection) {
    json groups = json::array();
    for (const auto group : options.collection->group_by)
      groups.push_back(to_string(group));
    collection = {{"path", options.collection->path}, {"group_by", groups}};
  }
  return {{"url_contains", options.url_contains},
          {"url_regex", options.url_regex},
          {"exclude", options.exclude},
          {"exclude_regex", options.exclude_regex},
          {"methods", options.methods},
          {"exclude_static", options.exclude_static},
          {"save_responses", options.save_responses},
          {"capture_cookies", options.capture_cookies},
          {"save_to_history", options.save_to_history},
          {"collection", collection},
          {"body_limit", options.body_limit}};
}

}  // namespace postern::capture
