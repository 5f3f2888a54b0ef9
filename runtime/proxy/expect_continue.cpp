#include "runtime/proxy/expect_continue.hpp"

#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

Expectation expectation_of(const RequestHead& request) {
  // RFC 9110 §10.1.1: "A server that receives a 100-continue expectation in an HTTP/1.0
  // request MUST ignore that expectation."
  if (!request.version.at_least_1_1()) return Expectation::none;
  bool saw_continue = false;
  for (std::string_view value : request.fields.get_all("Expect")) {
    for (std::string_view element : split_list(value)) {
      if (!iequals(element, "100-continue")) return Expectation::unsupported;
      saw_continue = true;
    }
  }
  return saw_continue ? Expectation::continue_100 : Expectation::none;
}

}  // namespace postern::proxy
