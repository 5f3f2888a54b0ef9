#pragma once
// Writing an export (HAR, Postman collection) to a file the way Postern writes its own files
// (base/files.hpp): atomically, so an importer never reads half a document, and owner-only,
// because captured traffic holds cookies, tokens and passwords. Used by the CLI and by a
// session that saves itself to a collection when it stops; neither prints or exits.

#include <filesystem>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace postern::exports {

/// Writes `document` to `path` (pretty-printed, 2 spaces, a final newline) atomically, mode 0600,
/// creating missing folders. Text that is not UTF-8 is written as U+FFFD rather than failing.
base::Result<base::Ok> write_json_file_atomically(const std::filesystem::path& path,
                                                  const nlohmann::json& document);

}  // namespace postern::exports
