#pragma once
// A collection request turned into the bytes it will send: variables substituted everywhere
// (URL, headers, bodies, auth parameters), bodies encoded by mode, Content-Type set the way
// Postman sets it when the request does not, and the auth that applies found by inheritance.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/http_message.hpp"
#include "runtime/runner/collection_model.hpp"
#include "runtime/runner/variables.hpp"

namespace postern::runner {

struct BuiltRequest {
  auth::HttpRequest request;
  std::set<std::string> unresolved;  ///< {{names}} no scope defines
};

/// The request of `spec`; relative file paths (bodies, form-data files) start at `base_dir`.
/// An error names a body file that cannot be read.
base::Result<BuiltRequest> build_request(const RequestSpec& spec, const Variables& variables,
                                         const std::filesystem::path& base_dir);

/// The auth for a request: the first spec in `chain` (the request's own, then its folders from
/// the nearest out, then the collection's) that does not say "inherit". None when all inherit.
AuthSpec effective_auth(const std::vector<const AuthSpec*>& chain);

/// `params` with {{variables}} substituted in every value.
auth::AuthParams substitute_params(const auth::AuthParams& params, const Variables& variables,
                                   std::set<std::string>* unresolved);

}  // namespace postern::runner
