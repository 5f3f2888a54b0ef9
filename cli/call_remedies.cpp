#include "cli/call_remedies.hpp"

#include <array>
#include <string_view>

namespace postern::cli {

namespace {

// The next step for each error code the API answers with (docs/control-api.md). Codes not
// listed get no remedy: their message already says what was wrong with the input.
struct CodeRemedy {
  std::string_view code;
  std::string_view remedy;
};
constexpr std::array kRemedies{
    CodeRemedy{"SESSION_ACTIVE",
               "stop it first with `postern capture stop`, or change its "
               "filters with `postern capture options`"},
    CodeRemedy{"NO_ACTIVE_SESSION", "start one with `postern capture start`"},
    CodeRemedy{"BAD_STATE", "see where it is with `postern capture status`"},
    CodeRemedy{"NOT_FOUND",
               "check the id: `postern capture list` lists the sessions, and "
               "`postern capture show ID` the exchanges of one"},
    CodeRemedy{"HOST_NOT_ALLOWED",
               "this postern and the runtime disagree about the API's "
               "address: update both to the same version"},
    CodeRemedy{"ORIGIN_NOT_ALLOWED", "the control API takes no browser requests"},
    CodeRemedy{"PAYLOAD_TOO_LARGE", "the control API takes at most 1 MiB per request"},
    CodeRemedy{"INTERNAL_ERROR", "this is a bug in postern-runtime; its log says more"},
};

}  // namespace

control_client::CallFailure with_cli_remedy(control_client::CallFailure failure) {
  if (!failure.remedy.empty()) return failure;
  // The router's own 404 (docs/control-api.md, "Errors"): a runtime older than this postern.
  if (failure.code == "NOT_FOUND" && failure.message.rfind("no such endpoint", 0) == 0) {
    failure.remedy =
        "postern-runtime is older than this postern: restart it with `postern runtime stop` "
        "and `postern runtime start` after updating";
    return failure;
  }
  for (const auto& entry : kRemedies)
    if (entry.code == failure.code) failure.remedy = std::string(entry.remedy);
  return failure;
}

}  // namespace postern::cli
