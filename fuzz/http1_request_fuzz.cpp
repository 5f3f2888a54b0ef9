// Fuzz target for what a client sends the capture proxy: arbitrary bytes read as a stream of
// HTTP/1.1 requests (heads, framing, bodies, pipelining). The checks are in http1_fuzz_driver.hpp.
#include <cstddef>
#include <cstdint>

#include "fuzz/http1_fuzz_driver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  postern::proxy::fuzz::run(data, size, postern::proxy::Side::request);
  return 0;
}
