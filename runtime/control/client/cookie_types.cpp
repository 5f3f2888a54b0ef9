#include "runtime/control/client/cookie_types.hpp"

namespace postern::control_client {

namespace {

Refusal read_refusal(const JsonFields& fields) {
  // {"line","reason"} for a line that could not be read, {"domain","name","reason"} for a cookie
  // the jar would not take.
  return Refusal{fields.text_or("line", ""), fields.text_or("domain", ""),
                 fields.text_or("name", ""), fields.text("reason")};
}

}  // namespace

Cookie read_cookie(const JsonFields& fields) {
  Cookie out;
  out.name = fields.text("name");
  out.value = fields.text("value");
  out.domain = fields.text("domain");
  out.path = fields.text("path");
  out.host_only = fields.flag("host_only");
  out.secure = fields.flag("secure");
  out.http_only = fields.flag("http_only");
  out.same_site = fields.text_or("same_site", "");
  out.expires = fields.nullable_text("expires");
  out.created_at = fields.text("created_at");
  return out;
}

std::vector<Cookie> read_cookie_list(const JsonFields& fields) {
  return fields.list<Cookie>("cookies", read_cookie);
}

CookieAdded read_cookie_added(const JsonFields& fields) {
  // An expired line deletes instead of storing: the answer is {"removed": N}, not a Cookie.
  if (fields.has("removed") && !fields.has("name"))
    return CookieAdded{std::nullopt, read_removed(fields)};
  return CookieAdded{read_cookie(fields), 0};
}

std::int64_t read_removed(const JsonFields& fields) {
  return fields.integer("removed");
}

ToJarResult read_to_jar(const JsonFields& fields) {
  return ToJarResult{fields.integer("added"), fields.integer_or("removed", 0),
                     fields.list<Refusal>("refused", read_refusal)};
}

CookieImport read_cookie_import(const JsonFields& fields) {
  return CookieImport{fields.integer("imported"), fields.integer_or("expired", 0),
                      fields.list<Refusal>("refused", read_refusal)};
}

}  // namespace postern::control_client
