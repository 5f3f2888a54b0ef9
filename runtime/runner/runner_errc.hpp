#pragma once
// runner::runner_errc: why a collection could not be run.

#include <system_error>

namespace postern::runner {

enum class runner_errc {
  bad_collection = 1,  ///< the file is not a collection this runner can read
  bad_variables,       ///< an environment or globals file is not valid
  no_such_folder,      ///< --folder names no folder of the collection
  bad_request,         ///< a request cannot be built (a missing body file, a bad URL)
};

const std::error_category& runner_category();
std::error_code make_error_code(runner_errc e);

}  // namespace postern::runner

template <>
struct std::is_error_code_enum<postern::runner::runner_errc> : std::true_type {};
