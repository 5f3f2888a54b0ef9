#pragma once
// requester::send_errc: why send_request gave no HTTP answer.

#include <system_error>

namespace postern::requester {

enum class send_errc {
  transport = 1,       ///< DNS, refused, TLS, timeout, reset: the message names which
  too_many_redirects,  ///< more redirects than SendOptions::max_redirects
  auth,                ///< the auth scheme could not sign or read the challenge
  no_handle,           ///< libcurl could not make a handle (out of memory)
};

const std::error_category& send_category();
std::error_code make_error_code(send_errc e);

}  // namespace postern::requester

template <>
struct std::is_error_code_enum<postern::requester::send_errc> : std::true_type {};
