#include "runtime/export/collection_item.hpp"

#include <array>

#include "runtime/cookies/ascii.hpp"
#include "runtime/export/body_text.hpp"
#include "runtime/export/form_fields.hpp"
#include "runtime/store/capture_policy.hpp"

namespace postern::exports {

namespace {

using cookies::ascii::iequals;
using nlohmann::json;

// RFC 9110 §7.6.1 hop-by-hop fields, plus Proxy-Connection which old clients still send; and
// the fields a sender decides itself (the body's length and framing, the URL's authority,
// whether to wait for 100-continue).
constexpr std::array<std::string_view, 12> kRecomputed = {"connection",
                                                          "keep-alive",
                                                          "proxy-connection",
                                                          "proxy-authenticate",
                                                          "proxy-authorization",
                                                          "te",
                                                          "trailer",
                                                          "transfer-encoding",
                                                          "upgrade",
                                                          "content-length",
                                                          "host",
                                                          "expect"};

bool names_in_list(std::string_view list, std::string_view name) {
  while (!list.empty()) {
    const auto item = list.substr(0, list.find(','));
    list.remove_prefix(std::min(list.size(), item.size() + 1));
    if (iequals(cookies::ascii::trim_wsp(item), name)) return true;
  }
  return false;
}

json key_values(const store::Headers& headers, bool all) {
  const auto connection = store::find_header(headers, "connection").value_or("");
  json list = json::array();
  for (const auto& header : headers)
    if (all || !is_recomputed_header(header.name, connection))
      list.push_back({{"key", header.name}, {"value", header.value}});
  return list;
}

json split_labels(std::string_view text, char separator) {
  json labels = json::array();
  while (!text.empty()) {
    const auto label = text.substr(0, text.find(separator));
    labels.push_back(std::string(label));
    if (label.size() == text.size()) break;
    text.remove_prefix(label.size() + 1);
    if (text.empty()) labels.push_back("");  // "/a/": a trailing empty segment
  }
  return labels;
}

// Postman's URL object. Query keys and values stay encoded as in the URL: Postman encodes only
// what is not already encoded when it sends, so "q=a%20b" goes out as it came in.
json url_of(const store::Exchange& exchange) {
  json url = {{"raw", exchange.url}, {"protocol", exchange.scheme}};
  url["host"] = exchange.host.find(':') != std::string::npos
                    ? json::array({"[" + exchange.host + "]"})
                    : split_labels(exchange.host, '.');
  const bool default_port = (exchange.scheme == "http" && exchange.port == 80) ||
                            (exchange.scheme == "https" && exchange.port == 443);
  if (exchange.port != 0 && !default_port) url["port"] = std::to_string(exchange.port);
  url["path"] = split_labels(std::string_view(exchange.path).substr(1), '/');
  if (!exchange.query.empty()) {
    json query = json::array();
    for (const auto& field : split_query(exchange.query))
      query.push_back({{"key", field.name}, {"value", field.value ? json(*field.value) : json()}});
    url["query"] = std::move(query);
  }
  return url;
}

std::string raw_language(const store::Exchange& exchange) {
  if (exchange.data_mode == "json") return "json";
  const auto type = media_type(content_type_of(exchange.request_headers));
  for (const char* language : {"xml", "html", "javascript"})
    if (type.find(language) != std::string::npos) return language;
  return "text";
}

json form_body(const store::Exchange& exchange) {
  const auto& bytes = exchange.request_body.bytes;
  if (exchange.data_mode == "urlencoded") {
    json fields = json::array();
    for (const auto& field : parse_urlencoded(bytes))
      fields.push_back(
          {{"key", field.name}, {"value", field.value.value_or("")}, {"type", "text"}});
    return {{"mode", "urlencoded"}, {"urlencoded", std::move(fields)}};
  }
  auto parts = parse_multipart(bytes, content_type_of(exchange.request_headers));
  if (!parts) return nullptr;
  json fields = json::array();
  for (const auto& part : *parts) {
    json field = {{"key", part.name}};
    if (!part.content_type.empty()) field["contentType"] = part.content_type;
    if (!part.file_name && !body_text(part.value).base64) {
      field.update({{"type", "text"}, {"value", part.value}});
    } else {
      // A collection points at files on the sender's disk; the captured bytes have no file.
      field.update({{"type", "file"},
                    {"description", "file part \"" + part.file_name.value_or("") + "\" (" +
                                        std::to_string(part.value.size()) +
                                        " bytes): choose a file to send"}});
    }
    fields.push_back(std::move(field));
  }
  return {{"mode", "formdata"}, {"formdata", std::move(fields)}};
}

json body_of(const store::Exchange& exchange) {
  const auto& body = exchange.request_body;
  if (exchange.data_mode == "none") return nullptr;
  const bool form = exchange.data_mode == "urlencoded" || exchange.data_mode == "formdata";
  // A multipart body with a binary file part is not UTF-8 as a whole; its text fields still are.
  if (form && !body.truncated)
    if (auto parsed = form_body(exchange); !parsed.is_null()) return parsed;
  if (body_text(body.bytes).base64) return {{"mode", "file"}, {"file", json::object()}};
  return {{"mode", "raw"},
          {"raw", body.bytes},
          {"options", {{"raw", {{"language", raw_language(exchange)}}}}}};
}

std::string preview_language(const store::Exchange& exchange) {
  const auto type = media_type(content_type_of(exchange.response_headers));
  if (type.ends_with("json")) return "json";
  for (const char* language : {"html", "xml", "javascript"})
    if (type.find(language) != std::string::npos) return language;
  return "text";
}

json saved_response(const store::Exchange& exchange, const json& request) {
  const auto text = body_text(exchange.response_body.bytes);
  json response = {{"name", std::to_string(*exchange.status) + " " + exchange.reason},
                   {"originalRequest", request},
                   {"status", exchange.reason},
                   {"code", *exchange.status},
                   {"_postman_previewlanguage", preview_language(exchange)},
                   {"header", key_values(exchange.response_headers, true)},
                   {"cookie", json::array()},
                   {"responseTime", (exchange.ended_at - exchange.started_at).count()}};
  if (!text.base64) response["body"] = text.text;
  return response;
}

std::string notes_of(const store::Exchange& exchange, const json& request) {
  std::string notes;
  const auto add = [&notes](const std::string& note) {
    if (!note.empty()) notes += (notes.empty() ? "" : "\n") + note;
  };
  if (!exchange.status)
    add("failed, no response: " + (exchange.error.empty() ? "unknown" : exchange.error));
  else if (!exchange.error.empty())
    add("error: " + exchange.error);
  if (const auto cut = body_cut_note(exchange.request_body); !cut.empty())
    add("request body " + cut);
  if (request.contains("body") && request["body"]["mode"] == "file")
    add("request body: " + std::to_string(exchange.request_body.original_size) +
        " bytes of binary data, not in the collection");
  if (const auto cut = body_cut_note(exchange.response_body); !cut.empty())
    add("response body " + cut);
  if (exchange.status && body_text(exchange.response_body.bytes).base64)
    add("response body: binary data, not in the saved response");
  return notes;
}

}  // namespace

bool is_recomputed_header(std::string_view name, std::string_view connection) {
  if (name.starts_with(":")) return true;
  for (const auto recomputed : kRecomputed)
    if (iequals(name, recomputed)) return true;
  return names_in_list(connection, name);
}

json collection_request(const store::Exchange& exchange) {
  json request = {{"method", exchange.method},
                  {"header", key_values(exchange.request_headers, false)},
                  {"url", url_of(exchange)}};
  if (auto body = body_of(exchange); !body.is_null()) request["body"] = std::move(body);
  return request;
}

json collection_item(const store::Exchange& exchange, std::string name) {
  json item = {{"name", std::move(name)}, {"request", collection_request(exchange)}};
  json responses = json::array();
  if (exchange.status && exchange.response_body.omitted_reason.empty())
    responses.push_back(saved_response(exchange, item["request"]));
  item["response"] = std::move(responses);
  if (auto notes = notes_of(exchange, item["request"]); !notes.empty())
    item["description"] = std::move(notes);
  return item;
}

}  // namespace postern::exports
