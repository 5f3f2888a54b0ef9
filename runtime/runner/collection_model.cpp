#include "runtime/runner/collection_model.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "runtime/runner/runner_errc.hpp"

namespace postern::runner {
namespace {

using nlohmann::json;

// Parsing errors carry the JSON path ("item[2].request.url") where the problem is.
struct ParseError {
  std::string where;
  std::string what;
};

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump();
}

std::string field(const json& object, const char* name) {
  return object.is_object() && object.contains(name) ? text_of(object[name]) : std::string();
}

bool flag(const json& object, const char* name) {
  return object.is_object() && object.contains(name) && object[name].is_boolean() &&
         object[name].get<bool>();
}

std::vector<KeyValue> key_values(const json& list, const std::string& where) {
  std::vector<KeyValue> rows;
  if (list.is_null()) return rows;
  if (!list.is_array()) throw ParseError{where, "is not a list"};
  for (const auto& row : list) {
    if (!row.is_object()) throw ParseError{where, "has an entry that is not an object"};
    KeyValue kv{field(row, "key"), field(row, "value"), flag(row, "disabled"),
                field(row, "type") == "file", field(row, "contentType")};
    if (kv.is_file) kv.value = row.contains("src") ? text_of(row["src"]) : kv.value;
    rows.push_back(std::move(kv));
  }
  return rows;
}

// v2.1 lists parameters as [{"key","value"}]; v2.0 as an object {"username": ...}.
AuthSpec read_auth(const json& auth, const std::string& where) {
  AuthSpec spec;
  if (auth.is_null()) return spec;
  if (!auth.is_object()) throw ParseError{where, "is not an object"};
  std::string type = field(auth, "type");
  if (type.empty() || type == "inherit") return spec;
  if (type == "noauth") {
    spec.mode = AuthSpec::Mode::none;
    return spec;
  }
  spec.mode = AuthSpec::Mode::scheme;
  spec.type = type;
  if (!auth.contains(type)) return spec;
  const json& params = auth[type];
  if (params.is_array()) {
    for (const auto& row : params) {
      if (row.is_object()) spec.params.set(field(row, "key"), text_of(row.value("value", json())));
    }
  } else if (params.is_object()) {
    for (const auto& [key, value] : params.items())
      spec.params.set(key, text_of(value));
  } else {
    throw ParseError{where + "." + type, "is neither a list nor an object"};
  }
  return spec;
}

std::string fill_path_variables(std::string url, const json& variables) {
  if (!variables.is_array()) return url;
  for (const auto& variable : variables) {
    std::string key = ":" + field(variable, "key");
    if (key.size() == 1) continue;
    for (auto at = url.find(key); at != std::string::npos; at = url.find(key, at)) {
      auto end = at + key.size();
      bool whole_segment =
          end == url.size() || url[end] == '/' || url[end] == '?' || url[end] == '#';
      if (whole_segment && at > 0 && url[at - 1] == '/') {
        url.replace(at, key.size(), field(variable, "value"));
      } else {
        at = end;
      }
    }
  }
  return url;
}

// A URL object without "raw" is put together from its parts.
std::string url_from_parts(const json& url) {
  auto joined = [](const json& parts, const char* separator) {
    if (parts.is_string()) return parts.get<std::string>();
    std::string out;
    if (!parts.is_array()) return out;
    for (const auto& part : parts)
      out += (out.empty() ? "" : separator) + text_of(part);
    return out;
  };
  std::string text = url.contains("protocol") ? field(url, "protocol") + "://" : "";
  text += url.contains("host") ? joined(url["host"], ".") : "";
  if (url.contains("port")) text += ":" + field(url, "port");
  if (url.contains("path")) text += "/" + joined(url["path"], "/");
  std::string query;
  for (const auto& row : key_values(url.value("query", json()), "url.query")) {
    if (!row.disabled) query += (query.empty() ? "?" : "&") + row.key + "=" + row.value;
  }
  return text + query;
}

std::string read_url(const json& url, const std::string& where) {
  if (url.is_string()) return url.get<std::string>();
  if (!url.is_object()) throw ParseError{where, "is neither a string nor an object"};
  std::string raw = url.contains("raw") ? field(url, "raw") : url_from_parts(url);
  return fill_path_variables(raw, url.value("variable", json()));
}

RequestBody read_body(const json& body, const std::string& where) {
  RequestBody spec;
  if (body.is_null() || !body.is_object() || flag(body, "disabled")) return spec;
  spec.mode = field(body, "mode");
  spec.raw = field(body, "raw");
  if (body.contains("options") && body["options"].is_object() && body["options"].contains("raw")) {
    spec.raw_language = field(body["options"]["raw"], "language");
  }
  spec.urlencoded = key_values(body.value("urlencoded", json()), where + ".urlencoded");
  spec.formdata = key_values(body.value("formdata", json()), where + ".formdata");
  if (body.contains("file")) spec.file = field(body["file"], "src");
  if (body.contains("graphql") && body["graphql"].is_object()) {
    spec.graphql_query = field(body["graphql"], "query");
    spec.graphql_variables = field(body["graphql"], "variables");
  }
  return spec;
}

RequestSpec read_request(const json& request, const std::string& where) {
  RequestSpec spec;
  if (request.is_string()) {  // v2 allows a request that is only its URL
    spec.url = request.get<std::string>();
    return spec;
  }
  if (!request.is_object()) throw ParseError{where, "is neither a string nor an object"};
  if (request.contains("method")) spec.method = field(request, "method");
  if (!request.contains("url")) throw ParseError{where, "has no url"};
  spec.url = read_url(request["url"], where + ".url");
  spec.headers = key_values(request.value("header", json()), where + ".header");
  spec.body = read_body(request.value("body", json()), where + ".body");
  spec.auth = read_auth(request.value("auth", json()), where + ".auth");
  return spec;
}

// Scripts are reported, not run: Postern has no JavaScript sandbox.
std::vector<std::string> unsupported_events(const json& events) {
  std::vector<std::string> found;
  if (!events.is_array()) return found;
  for (const auto& event : events) {
    std::string listen = field(event, "listen");
    const json& script = event.value("script", json());
    const json& exec = script.is_object() ? script.value("exec", json()) : json();
    bool empty = exec.is_null() ||
                 (exec.is_array() && std::all_of(exec.begin(), exec.end(),
                                                 [](const json& line) {
                                                   return text_of(line).find_first_not_of(" \t") ==
                                                          std::string::npos;
                                                 })) ||
                 (exec.is_string() && exec.get<std::string>().empty());
    if (!empty) found.push_back(listen == "prerequest" ? "pre-request script" : listen + " script");
  }
  return found;
}

std::vector<Item> read_items(const json& items, const std::string& where) {
  std::vector<Item> list;
  if (items.is_null()) return list;
  if (!items.is_array()) throw ParseError{where, "is not a list"};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& entry = items[i];
    std::string here = where + "[" + std::to_string(i) + "]";
    if (!entry.is_object()) throw ParseError{here, "is not an object"};
    Item item;
    item.name = field(entry, "name");
    item.unsupported = unsupported_events(entry.value("event", json()));
    if (entry.contains("request")) {
      item.request = read_request(entry["request"], here + ".request");
    } else {
      item.items = read_items(entry.value("item", json::array()), here + ".item");
      item.auth = read_auth(entry.value("auth", json()), here + ".auth");
    }
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace

base::Result<Collection> parse_collection(std::string_view json_text) {
  auto document = json::parse(json_text, nullptr, false);
  if (document.is_discarded()) {
    return base::Error{runner_errc::bad_collection, "the collection is not valid JSON",
                       "export it again from Postman (Collection v2.1)"};
  }
  try {
    if (!document.is_object() || !document.contains("item")) {
      throw ParseError{"(top)", "has no \"item\" list: not a Postman collection"};
    }
    Collection collection;
    collection.name = document.contains("info") ? field(document["info"], "name") : "";
    collection.items = read_items(document["item"], "item");
    collection.auth = read_auth(document.value("auth", json()), "auth");
    collection.variables = key_values(document.value("variable", json()), "variable");
    collection.unsupported = unsupported_events(document.value("event", json()));
    return collection;
  } catch (const ParseError& error) {
    return base::Error{runner_errc::bad_collection,
                       "the collection's " + error.where + " " + error.what,
                       "export it again from Postman (Collection v2.1)"};
  } catch (const json::exception& error) {
    return base::Error{runner_errc::bad_collection,
                       std::string("the collection has a value of the wrong type: ") + error.what(),
                       "export it again from Postman (Collection v2.1)"};
  }
}

}  // namespace postern::runner
