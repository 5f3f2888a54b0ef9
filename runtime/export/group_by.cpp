#include "runtime/export/group_by.hpp"

#include <system_error>

#include "runtime/cookies/ascii.hpp"

namespace postern::exports {

base::Result<GroupBy> parse_group_by(std::string_view text) {
  GroupBy group_by;
  while (!text.empty()) {
    const auto word_end = text.find(',');
    const auto word = cookies::ascii::trim_wsp(text.substr(0, word_end));
    text.remove_prefix(word_end == std::string_view::npos ? text.size() : word_end + 1);
    if (word == "domain") {
      group_by.domain = true;
    } else if (word == "endpoint") {
      group_by.endpoint = true;
    } else if (word != "none" && !word.empty()) {
      return base::Error{
          std::make_error_code(std::errc::invalid_argument),
          "group_by: unknown grouping \"" + cookies::ascii::printable(word, 40) + "\"",
          "use domain, endpoint, domain,endpoint or none"};
    }
  }
  return group_by;
}

std::string to_string(const GroupBy& group_by) {
  if (group_by.domain && group_by.endpoint) return "domain,endpoint";
  if (group_by.domain) return "domain";
  if (group_by.endpoint) return "endpoint";
  return "none";
}

}  // namespace postern::exports
