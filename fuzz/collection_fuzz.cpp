// Fuzz target: collections and environment files come from other people's exports, so
// parse_collection and read_variable_file must answer a collection or an error for any bytes,
// never crash or throw; what parses is then built into requests with those variables (every
// {{substitution}}, body mode and auth chain), which must not crash either.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runtime/runner/collection_model.hpp"
#include "runtime/runner/request_builder.hpp"

namespace {

using namespace postern::runner;

void build_all(const std::vector<Item>& items, const Variables& variables,
               std::vector<const AuthSpec*>& chain) {
  for (const auto& item : items) {
    if (item.request) {
      // Bodies that name files are read relative to a folder that has none of them.
      (void)build_request(*item.request, variables, "/nonexistent-postern-fuzz");
      std::vector<const AuthSpec*> full{&item.request->auth};
      full.insert(full.end(), chain.rbegin(), chain.rend());
      AuthSpec auth = effective_auth(full);
      (void)substitute_params(auth.params, variables, nullptr);
      continue;
    }
    chain.push_back(&item.auth);
    build_all(item.items, variables, chain);
    chain.pop_back();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Variables variables({[] { return 0LL; }, [](std::size_t n) { return std::string(n, '\x01'); }});
  if (auto problem = read_variable_file(text, variables.environment); problem && problem->empty()) {
    std::abort();  // an error must say what is wrong
  }
  auto collection = parse_collection(text);
  if (!collection) {
    if (collection.error().message.empty()) std::abort();
    return 0;
  }
  for (const auto& variable : collection.value().variables) {
    variables.collection[variable.key] = variable.value;
  }
  std::vector<const AuthSpec*> chain{&collection.value().auth};
  build_all(collection.value().items, variables, chain);
  return 0;
}
