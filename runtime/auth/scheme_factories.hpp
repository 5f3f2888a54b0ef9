#pragma once
// The factory of every scheme, one per file (basic.cpp, digest.cpp, ...); scheme_registry.cpp
// puts them in its table. Each validates its parameters up front, so a bad parameter is
// reported before anything is sent.

#include <memory>

#include "base/result.hpp"
#include "runtime/auth/auth_scheme.hpp"

namespace postern::auth {

using SchemeResult = base::Result<std::unique_ptr<AuthScheme>>;

SchemeResult make_noauth(const AuthParams& params, const AuthContext& context);
SchemeResult make_apikey(const AuthParams& params, const AuthContext& context);
SchemeResult make_bearer(const AuthParams& params, const AuthContext& context);
SchemeResult make_basic(const AuthParams& params, const AuthContext& context);
SchemeResult make_digest(const AuthParams& params, const AuthContext& context);
SchemeResult make_oauth1(const AuthParams& params, const AuthContext& context);
SchemeResult make_oauth2(const AuthParams& params, const AuthContext& context);
SchemeResult make_hawk(const AuthParams& params, const AuthContext& context);
SchemeResult make_awsv4(const AuthParams& params, const AuthContext& context);
SchemeResult make_ntlm(const AuthParams& params, const AuthContext& context);
SchemeResult make_edgegrid(const AuthParams& params, const AuthContext& context);

}  // namespace postern::auth
