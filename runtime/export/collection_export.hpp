#pragma once
// A debug session as a Postman Collection v2.1 document, the format Postman imports and Newman
// runs (seed 001: "save them to a collection ... group them by domain name, endpoints, or
// both"). Items keep the order of the exchanges given (the store's: oldest first); folders
// appear in the order of their first exchange.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/export/group_by.hpp"
#include "runtime/store/records.hpp"

namespace postern::exports {

/// The v2.1 schema URL that info.schema names.
inline constexpr std::string_view kCollectionSchema =
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// The collection of `session` with `exchanges`, in folders as `group_by` says; info._postman_id
/// is a new random UUID (version 4) each time.
nlohmann::json collection_document(const store::Session& session,
                                   const std::vector<store::Exchange>& exchanges,
                                   const GroupBy& group_by);

/// A random UUID, version 4 (RFC 9562 §5.4), lower case: "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string random_uuid_v4();

}  // namespace postern::exports
