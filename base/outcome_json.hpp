#pragma once
// JSON form of outcomes, for every command's --json output and for the wizard's summary.

#include <nlohmann/json_fwd.hpp>

#include "base/outcome.hpp"

namespace postern::base {

/// {"status","step","store","target","code","cause","remedy","commands":[{argv,exit_code,output}]}
nlohmann::json to_json(const Outcome& outcome);

}  // namespace postern::base
