#pragma once
// One captured exchange as a Postman Collection v2.1 item
// (https://schema.getpostman.com/json/collection/v2.1.0/collection.json): the request in the
// form Postman and Newman send again (URL as an object, headers without the hop-by-hop ones,
// the body in the mode its data mode calls for) and, when the response body was kept, the
// response as a saved example. What cannot be carried (binary or cut bodies, a failure) is said
// in the item's description.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runtime/store/records.hpp"

namespace postern::exports {

/// The request {"method","header","url",("body")} of `exchange`.
nlohmann::json collection_request(const store::Exchange& exchange);

/// The item {"name","request","response":[...],("description")} of `exchange`, called `name`.
nlohmann::json collection_item(const store::Exchange& exchange, std::string name);

/// Whether a request header is left out of a collection: hop-by-hop ones (RFC 9110 §7.6.1,
/// including those `connection` names), Content-Length and Host, which the sender computes
/// from the body and URL, and HTTP/2 pseudo-headers.
bool is_recomputed_header(std::string_view name, std::string_view connection);

}  // namespace postern::exports
