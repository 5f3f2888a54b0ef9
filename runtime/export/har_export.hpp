#pragma once
// A debug session as an HTTP Archive (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/),
// the format browsers' developer tools, proxies and analysers import. The session is the one
// page; each exchange is an entry with its request, response, cookies (read with
// runtime/cookies' parsers), timings and server address. Bodies that are not UTF-8 go in as
// base64 (content.encoding); a body the store cut or left out says so in its comment. An
// exchange that failed before any response is still a valid entry: status 0, and the error
// in response.comment.

#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/store/records.hpp"

namespace postern::exports {

/// The HAR document {"log": {...}} of `session` with `exchanges` (its entries, in this order).
nlohmann::json har_document(const store::Session& session,
                            const std::vector<store::Exchange>& exchanges);

}  // namespace postern::exports
