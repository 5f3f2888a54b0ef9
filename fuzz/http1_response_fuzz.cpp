// Fuzz target for what an upstream server sends the capture proxy: arbitrary bytes read as the
// HTTP/1.1 responses to up to three requests whose methods the input picks (HEAD and CONNECT
// change the framing). The checks are in http1_fuzz_driver.hpp.
#include <cstddef>
#include <cstdint>

#include "fuzz/http1_fuzz_driver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  postern::proxy::fuzz::run(data, size, postern::proxy::Side::response);
  return 0;
}
