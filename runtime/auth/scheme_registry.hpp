#pragma once
// Which scheme answers which auth type: one table (STYLE practice 8), not an if/else chain.

#include <memory>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/auth_scheme.hpp"

namespace postern::auth {

/// Makes a scheme from its parameters; an error names a missing or bad parameter.
using SchemeFactory = base::Result<std::unique_ptr<AuthScheme>> (*)(const AuthParams& params,
                                                                    const AuthContext& context);

struct SchemeEntry {
  std::string_view type;         ///< Postman's name: "digest"
  std::string_view description;  ///< for `postern send --auth help`
  SchemeFactory make;
};

/// Every auth type Postern knows, in the order Postman lists them.
const std::vector<SchemeEntry>& auth_schemes();

/// The scheme for `type` ("noauth" included); errc::unknown_scheme naming the known ones.
base::Result<std::unique_ptr<AuthScheme>> make_auth_scheme(std::string_view type,
                                                           const AuthParams& params,
                                                           const AuthContext& context);

}  // namespace postern::auth
