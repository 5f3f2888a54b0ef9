#include "runtime/runner/collection_runner.hpp"

#include <chrono>

#include "runtime/auth/scheme_registry.hpp"
#include "runtime/runner/request_builder.hpp"
#include "runtime/runner/runner_errc.hpp"

namespace postern::runner {
namespace {

// The folders above an item: their names, auth and unsupported features, nearest last.
struct Lineage {
  std::vector<std::string> names;
  std::vector<const AuthSpec*> auth;  // outermost first
  std::vector<std::string> unsupported;
};

class Run {
 public:
  Run(const Collection& collection, Variables& variables, const RunOptions& options)
      : collection_(collection), variables_(variables), options_(options) {}

  void items(const std::vector<Item>& items, Lineage& lineage) {
    for (const auto& item : items) {
      if (item.request) {
        request(item, lineage);
        continue;
      }
      lineage.names.push_back(item.name);
      lineage.auth.push_back(&item.auth);
      std::size_t inherited = lineage.unsupported.size();
      lineage.unsupported.insert(lineage.unsupported.end(), item.unsupported.begin(),
                                 item.unsupported.end());
      this->items(item.items, lineage);
      lineage.unsupported.resize(inherited);
      lineage.auth.pop_back();
      lineage.names.pop_back();
    }
  }

  RunSummary& summary() { return summary_; }

 private:
  void request(const Item& item, const Lineage& lineage) {
    Execution execution;
    execution.path = lineage.names;
    execution.path.push_back(item.name);
    execution.unsupported = lineage.unsupported;
    execution.unsupported.insert(execution.unsupported.end(), item.unsupported.begin(),
                                 item.unsupported.end());
    send(*item.request, lineage, execution);
    if (options_.on_execution) options_.on_execution(execution);
    summary_.executions.push_back(std::move(execution));
  }

  void send(const RequestSpec& spec, const Lineage& lineage, Execution& execution) {
    auto built = build_request(spec, variables_, options_.base_dir);
    execution.method = spec.method;
    execution.url = variables_.substitute(spec.url);
    if (!built) {
      execution.error = built.error().message;
      return;
    }
    execution.unresolved = built.value().unresolved;
    auto scheme = scheme_for(spec, lineage, execution);
    if (!scheme) {
      execution.error = scheme.error().message;
      return;
    }
    auto sent = requester::send_request(built.value().request, *scheme.value(), options_.send);
    if (!sent) {
      execution.error = sent.error().message;
      return;
    }
    record(std::move(sent).value(), execution);
  }

  base::Result<std::unique_ptr<auth::AuthScheme>> scheme_for(const RequestSpec& spec,
                                                             const Lineage& lineage,
                                                             Execution& execution) {
    std::vector<const AuthSpec*> chain{&spec.auth};
    chain.insert(chain.end(), lineage.auth.rbegin(), lineage.auth.rend());
    chain.push_back(&collection_.auth);
    AuthSpec spec_auth = effective_auth(chain);
    if (spec_auth.mode == AuthSpec::Mode::none) {
      execution.auth_type = "noauth";
      return auth::make_auth_scheme("noauth", {}, options_.auth_context);
    }
    execution.auth_type = spec_auth.type;
    auth::AuthParams params =
        substitute_params(spec_auth.params, variables_, &execution.unresolved);
    if (spec_auth.type == "oauth2" && !params.has("accessToken")) {
      auto token = oauth2_token(params);
      if (!token) return token.error();
      params.set("accessToken", std::move(token).value());
    }
    return auth::make_auth_scheme(spec_auth.type, params, options_.auth_context);
  }

  base::Result<std::string> oauth2_token(const auth::AuthParams& params) {
    if (!options_.oauth2_tokens) {
      return base::Error{runner_errc::bad_request,
                         "oauth2: the request has no access token and no grant can be run here",
                         "set accessToken, or get one with `postern oauth2 token get`"};
    }
    return options_.oauth2_tokens(params);
  }

  void record(requester::SendResult sent, Execution& execution) {
    execution.url = sent.legs.empty() ? execution.url : sent.legs.front().request.url;
    execution.status = sent.response.status;
    execution.reason = sent.legs.empty() ? "" : sent.legs.back().reason;
    execution.elapsed_ms = sent.elapsed_ms;
    execution.response_bytes = sent.body_bytes;
    execution.legs = std::move(sent.legs);
  }

  const Collection& collection_;
  Variables& variables_;
  const RunOptions& options_;
  RunSummary summary_;
};

// The folder called `name`, searched depth first; nullptr when there is none.
const Item* find_folder(const std::vector<Item>& items, const std::string& name, Lineage& lineage) {
  for (const auto& item : items) {
    if (item.request) continue;
    lineage.names.push_back(item.name);
    lineage.auth.push_back(&item.auth);
    if (item.name == name) return &item;
    if (const Item* found = find_folder(item.items, name, lineage)) return found;
    lineage.auth.pop_back();
    lineage.names.pop_back();
  }
  return nullptr;
}

}  // namespace

std::size_t RunSummary::failed() const {
  std::size_t count = 0;
  for (const auto& execution : executions)
    count += execution.failed() ? 1 : 0;
  return count;
}

base::Result<RunSummary> run_collection(const Collection& collection, Variables& variables,
                                        const RunOptions& options) {
  for (const auto& variable : collection.variables) {
    if (!variable.disabled) variables.collection[variable.key] = variable.value;
  }
  auto started = std::chrono::steady_clock::now();
  Run run(collection, variables, options);
  Lineage lineage;
  if (options.folder) {
    const Item* folder = find_folder(collection.items, *options.folder, lineage);
    if (!folder) {
      return base::Error{runner_errc::no_such_folder,
                         "the collection has no folder named \"" + *options.folder + "\"",
                         "check the name (it is case-sensitive)"};
    }
    // The folder's own name and auth are in the lineage already; run its children.
    run.items(folder->items, lineage);
  } else {
    run.items(collection.items, lineage);
  }
  RunSummary summary = std::move(run.summary());
  summary.collection = collection.name;
  summary.unsupported = collection.unsupported;
  summary.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  return summary;
}

}  // namespace postern::runner
