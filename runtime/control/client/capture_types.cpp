#include "runtime/control/client/capture_types.hpp"

namespace postern::control_client {

using nlohmann::json;

namespace {

SessionState read_state(const JsonFields& fields) {
  const std::string state = fields.text("state");
  if (state == "running") return SessionState::running;
  if (state == "paused") return SessionState::paused;
  if (state != "stopped" && fields.ok())
    fields.fail_at("state", "\"" + state + "\" is not running, paused or stopped");
  return SessionState::stopped;
}

}  // namespace

std::string_view to_string(SessionState state) {
  switch (state) {
    case SessionState::running:
      return "running";
    case SessionState::paused:
      return "paused";
    case SessionState::stopped:
      return "stopped";
  }
  return "stopped";
}

CaptureOptions read_capture_options(const JsonFields& fields) {
  // Every field is optional (docs/control-api.md): a session stored by an older runtime may
  // carry fewer, and the defaults are what that runtime applied.
  CaptureOptions out;
  out.url_contains = fields.text_or("url_contains", out.url_contains);
  out.url_regex = fields.text_or("url_regex", out.url_regex);
  out.exclude = fields.texts("exclude", /*required=*/false);
  out.exclude_regex = fields.text_or("exclude_regex", out.exclude_regex);
  out.methods = fields.texts("methods", /*required=*/false);
  out.exclude_static = fields.flag_or("exclude_static", out.exclude_static);
  out.save_responses = fields.flag_or("save_responses", out.save_responses);
  out.capture_cookies = fields.flag_or("capture_cookies", out.capture_cookies);
  out.save_to_history = fields.flag_or("save_to_history", out.save_to_history);
  if (fields.has("collection")) {
    const JsonFields collection = fields.at("collection");
    out.collection = CollectionTarget{collection.text("path"), collection.texts("group_by", false)};
  }
  out.body_limit = fields.integer_or("body_limit", out.body_limit);
  return out;
}

Session read_session(const JsonFields& fields) {
  Session out;
  out.id = fields.integer("id");
  out.name = fields.text("name");
  out.source = fields.text("source");
  out.state = read_state(fields);
  out.options =
      fields.has("options") ? read_capture_options(fields.at("options")) : CaptureOptions{};
  out.started_at = fields.text("started_at");
  out.stopped_at = fields.nullable_text("stopped_at");
  out.duration_ms = fields.integer("duration_ms");
  out.exchange_count = fields.integer("exchange_count");
  out.total_bytes = fields.integer("total_bytes");
  out.dropped_count = fields.integer_or("dropped_count", 0);
  return out;
}

StorageHealth read_storage_health(const JsonFields& fields) {
  StorageHealth out;
  out.ok = fields.flag("ok");
  out.not_stored = fields.integer("not_stored");
  if (fields.has("last_error")) {
    const JsonFields error = fields.at("last_error");
    out.last_error =
        StorageProblem{error.text("code"), error.text("message"), error.text("remedy")};
  }
  return out;
}

CaptureStatus read_capture_status(const JsonFields& fields) {
  CaptureStatus out;
  if (fields.has("session")) out.session = read_session(fields.at("session"));
  if (fields.has("options")) out.options = read_capture_options(fields.at("options"));
  if (fields.has("storage")) out.storage = read_storage_health(fields.at("storage"));
  if (!fields.value().is_object()) fields.fail("expected an object");
  return out;
}

std::vector<Session> read_session_list(const JsonFields& fields) {
  return fields.list<Session>("sessions", read_session);
}

base::Result<Session> parse_session(const json& document) {
  return read_json<Session>(document, read_session);
}

json to_json(const CaptureOptions& options) {
  json collection = nullptr;
  if (options.collection)
    collection = {{"path", options.collection->path}, {"group_by", options.collection->group_by}};
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

}  // namespace postern::control_client
