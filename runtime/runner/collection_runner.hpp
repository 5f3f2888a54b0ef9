#pragma once
// Runs a collection's requests in order, as newman does: folders depth first (or one folder),
// each request built with the variables, its inherited auth applied, sent with the requester,
// and its outcome recorded. A request that cannot be sent is a failure of the run; any HTTP
// status is not (there are no test scripts to judge it). What is not run (scripts) is reported.

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/auth_scheme.hpp"
#include "runtime/requester/request_sender.hpp"
#include "runtime/runner/collection_model.hpp"
#include "runtime/runner/variables.hpp"

namespace postern::runner {

/// One request of the run and what came of it.
struct Execution {
  std::vector<std::string> path;  ///< folder names, then the request's name
  std::string method;
  std::string url;        ///< as sent (after variables)
  std::string auth_type;  ///< the scheme used ("noauth" when none)
  int status = 0;         ///< 0 when nothing came back
  std::string reason;
  long long elapsed_ms = 0;
  std::size_t response_bytes = 0;
  std::string error;                     ///< why it could not be sent; empty on success
  std::vector<std::string> unsupported;  ///< scripts of this item and its folders not run
  std::set<std::string> unresolved;      ///< {{names}} no scope defined
  std::vector<requester::Leg> legs;      ///< every round trip (for --verbose)
  bool failed() const { return !error.empty(); }
};

struct RunSummary {
  std::string collection;
  std::vector<Execution> executions;
  std::vector<std::string> unsupported;  ///< collection-level scripts not run
  long long elapsed_ms = 0;
  std::size_t failed() const;
};

/// Gets an OAuth 2.0 access token for auth parameters that have none (a grant to run); the
/// runner asks it only then. Empty: such requests fail with a message saying so.
using OAuth2TokenSource =
    std::function<base::Result<std::string>(const auth::AuthParams& oauth2_params)>;

struct RunOptions {
  std::optional<std::string> folder;  ///< run only this folder (by name, at any depth)
  std::filesystem::path base_dir;     ///< where relative body files are found
  requester::SendOptions send;
  auth::AuthContext auth_context = auth::system_context();
  OAuth2TokenSource oauth2_tokens;
  std::function<void(const Execution&)> on_execution;  ///< called after each request
};

/// Runs `collection`; its variables are added to `variables.collection` first. An error only
/// for what stops the whole run (no such folder); request failures are in the summary.
base::Result<RunSummary> run_collection(const Collection& collection, Variables& variables,
                                        const RunOptions& options);

}  // namespace postern::runner
