#include "wizard/gui/capture/capture_form.hpp"

#include <filesystem>

namespace postern::gui {

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    if (auto item = trimmed(text.substr(start, end - start)); !item.empty()) items.push_back(item);
    start = end + 1;
  }
  return items;
}

}  // namespace

FormResult capture_options_from(const CaptureForm& form) {
  FormResult result;
  auto& options = result.options;
  const auto url = trimmed(form.url);
  (form.url_is_regex ? options.url_regex : options.url_contains) = url;
  options.exclude = comma_list(form.exclude);
  options.exclude_regex = trimmed(form.exclude_regex);
  options.methods = form.methods;
  options.exclude_static = form.exclude_static;
  options.save_responses = form.save_responses;
  options.capture_cookies = form.capture_cookies;
  options.save_to_history = form.save_to_history;
  if (form.to_collection) {
    const auto path = trimmed(form.collection_path);
    if (path.empty())
      result.problem = FormProblem::collection_path_missing;
    else if (!std::filesystem::path(path).is_absolute())
      result.problem = FormProblem::collection_path_relative;
    control_client::CollectionTarget target{path, {}};
    if (form.group_by_domain) target.group_by.push_back("domain");
    if (form.group_by_endpoint) target.group_by.push_back("endpoint");
    options.collection = target;
  }
  return result;
}

CaptureForm capture_form_from(const control_client::CaptureOptions& options) {
  CaptureForm form;
  form.url_is_regex = !options.url_regex.empty();
  form.url = form.url_is_regex ? options.url_regex : options.url_contains;
  for (const auto& item : options.exclude)
    form.exclude += (form.exclude.empty() ? "" : ", ") + item;
  form.exclude_regex = options.exclude_regex;
  form.methods = options.methods;
  form.exclude_static = options.exclude_static;
  form.save_responses = options.save_responses;
  form.capture_cookies = options.capture_cookies;
  form.save_to_history = options.save_to_history;
  if (options.collection) {
    form.to_collection = true;
    form.collection_path = options.collection->path;
    for (const auto& group : options.collection->group_by) {
      form.group_by_domain |= group == "domain";
      form.group_by_endpoint |= group == "endpoint";
    }
  }
  return form;
}

}  // namespace postern::gui
