#include "runtime/runner/runner_errc.hpp"

#include <string>

namespace postern::runner {
namespace {

class RunnerCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.runner"; }
  std::string message(int value) const override {
    switch (static_cast<runner_errc>(value)) {
      case runner_errc::bad_collection:
        return "the collection cannot be read";
      case runner_errc::bad_variables:
        return "a variables file cannot be read";
      case runner_errc::no_such_folder:
        return "the collection has no such folder";
      case runner_errc::bad_request:
        return "the request cannot be built";
    }
    return "unknown runner error";
  }
};

}  // namespace

const std::error_category& runner_category() {
  static const RunnerCategory category;
  return category;
}

std::error_code make_error_code(runner_errc e) {
  return {static_cast<int>(e), runner_category()};
}

}  // namespace postern::runner
