#include "runtime/export/json_file.hpp"

#include "base/files.hpp"

namespace postern::exports {

base::Result<base::Ok> write_json_file_atomically(const std::filesystem::path& path,
                                                  const nlohmann::json& document) {
  // Bodies in the store are exact bytes and may not be UTF-8; the exporters put them in as
  // base64 but names and headers go in as they are, so replace rather than throw here.
  const auto text = document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return base::write_file_atomically(path, text, base::FileMode::owner_only);
}

}  // namespace postern::exports
