#include "runtime/runner/request_builder.hpp"

#include <nlohmann/json.hpp>

#include "runtime/requester/request_body.hpp"
#include "runtime/runner/runner_errc.hpp"

namespace postern::runner {
namespace {

std::string content_type_for_language(const std::string& language) {
  if (language == "json") return "application/json";
  if (language == "xml") return "application/xml";
  if (language == "html") return "text/html";
  if (language == "javascript") return "application/javascript";
  return "text/plain";
}

std::filesystem::path resolve_file(const std::string& path, const std::filesystem::path& base) {
  std::filesystem::path file(path);
  return file.is_absolute() ? file : base / file;
}

void default_content_type(auth::HttpRequest& request, const std::string& type) {
  if (!auth::find_header(request.headers, "Content-Type")) {
    request.headers.push_back({"Content-Type", type});
  }
}

// GraphQL goes as JSON: {"query": ..., "variables": {...}}; variables that are not JSON are
// sent as an empty object rather than as broken JSON.
std::string graphql_body(const std::string& query, const std::string& variables) {
  auto parsed = nlohmann::json::parse(variables.empty() ? "{}" : variables, nullptr, false);
  if (parsed.is_discarded()) parsed = nlohmann::json::object();
  return nlohmann::json{{"query", query}, {"variables", parsed}}.dump();
}

class Builder {
 public:
  Builder(const Variables& variables, const std::filesystem::path& base_dir, BuiltRequest& built)
      : variables_(variables), base_dir_(base_dir), built_(built) {}

  std::string sub(const std::string& text) {
    return variables_.substitute(text, &built_.unresolved);
  }

  base::Status_or_error body(const RequestBody& body) {
    auth::HttpRequest& request = built_.request;
    if (body.mode == "raw") {
      request.body = sub(body.raw);
      if (!request.body.empty())
        default_content_type(request, content_type_for_language(body.raw_language));
    } else if (body.mode == "urlencoded") {
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto& row : body.urlencoded) {
        if (!row.disabled) pairs.emplace_back(sub(row.key), sub(row.value));
      }
      request.body = requester::urlencode_pairs(pairs);
      default_content_type(request, "application/x-www-form-urlencoded");
    } else if (body.mode == "formdata") {
      return form_data(body.formdata);
    } else if (body.mode == "file" && !body.file.empty()) {
      auto bytes = requester::read_body_file(resolve_file(sub(body.file), base_dir_));
      if (!bytes)
        return base::Error{runner_errc::bad_request, bytes.error().message, bytes.error().remedy};
      request.body = std::move(bytes).value();
    } else if (body.mode == "graphql") {
      request.body = graphql_body(sub(body.graphql_query), sub(body.graphql_variables));
      default_content_type(request, "application/json");
    }
    return base::Ok{};
  }

 private:
  base::Status_or_error form_data(const std::vector<KeyValue>& rows) {
    std::vector<requester::FormField> fields;
    for (const auto& row : rows) {
      if (row.disabled) continue;
      std::string value = sub(row.value);
      if (row.is_file) value = resolve_file(value, base_dir_).string();
      fields.push_back({sub(row.key), std::move(value), row.is_file, row.content_type});
    }
    auto encoded = requester::multipart_body(fields, requester::new_boundary());
    if (!encoded) {
      return base::Error{runner_errc::bad_request, encoded.error().message, encoded.error().remedy};
    }
    // The boundary is ours, so the Content-Type must be too, whatever the request said.
    auth::set_header(built_.request.headers, "Content-Type", encoded.value().content_type);
    built_.request.body = std::move(encoded.value().bytes);
    return base::Ok{};
  }

  const Variables& variables_;
  const std::filesystem::path& base_dir_;
  BuiltRequest& built_;
};

}  // namespace

base::Result<BuiltRequest> build_request(const RequestSpec& spec, const Variables& variables,
                                         const std::filesystem::path& base_dir) {
  BuiltRequest built;
  Builder builder(variables, base_dir, built);
  built.request.method = builder.sub(spec.method);
  built.request.url = builder.sub(spec.url);
  // Postman sends "example.com/x" as http://example.com/x.
  if (built.request.url.find("://") == std::string::npos)
    built.request.url = "http://" + built.request.url;
  for (const auto& header : spec.headers) {
    if (!header.disabled)
      built.request.headers.push_back({builder.sub(header.key), builder.sub(header.value)});
  }
  auto body = builder.body(spec.body);
  if (!body) return body.error();
  return built;
}

AuthSpec effective_auth(const std::vector<const AuthSpec*>& chain) {
  for (const AuthSpec* spec : chain) {
    if (spec && spec->mode != AuthSpec::Mode::inherit) return *spec;
  }
  AuthSpec none;
  none.mode = AuthSpec::Mode::none;
  return none;
}

auth::AuthParams substitute_params(const auth::AuthParams& params, const Variables& variables,
                                   std::set<std::string>* unresolved) {
  auth::AuthParams out;
  for (const auto& [key, value] : params.all())
    out.set(key, variables.substitute(value, unresolved));
  return out;
}

}  // namespace postern::runner
