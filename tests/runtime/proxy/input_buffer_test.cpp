#include "runtime/proxy/input_buffer.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

using namespace postern::proxy;

namespace {

// What a socket read does: fill the prepared space, then commit what arrived.
void read_into(InputBuffer& buffer, std::string_view bytes) {
  const auto space = buffer.prepare();
  REQUIRE(space.size() >= bytes.size());
  std::memcpy(space.data(), bytes.data(), bytes.size());
  buffer.commit(bytes.size());
}

}  // namespace

TEST_CASE("a new input buffer is empty", "[proxy][input_buffer]") {
  InputBuffer buffer;
  CHECK(buffer.empty());
  CHECK(buffer.view().empty());
  CHECK(buffer.take().empty());
  buffer.consume(10);  // consuming nothing is harmless
  CHECK(buffer.empty());
}

TEST_CASE("prepare offers a whole read; commit keeps what arrived", "[proxy][input_buffer]") {
  InputBuffer buffer;
  CHECK(buffer.prepare().size() == InputBuffer::kReadSize);
  read_into(buffer, "GET / HTTP/1.1\r\n");
  CHECK_FALSE(buffer.empty());
  CHECK(buffer.view() == "GET / HTTP/1.1\r\n");
  read_into(buffer, "Host: a\r\n");
  CHECK(buffer.view() == "GET / HTTP/1.1\r\nHost: a\r\n");
  CHECK(buffer.prepare().size() == InputBuffer::kReadSize);  // always a whole read free
}

TEST_CASE("consume drops bytes from the front, at most all of them", "[proxy][input_buffer]") {
  InputBuffer buffer;
  read_into(buffer, "abcdef");
  buffer.consume(2);
  CHECK(buffer.view() == "cdef");
  buffer.consume(0);
  CHECK(buffer.view() == "cdef");
  buffer.consume(100);
  CHECK(buffer.empty());
  read_into(buffer, "xyz");  // reusable after running empty
  CHECK(buffer.view() == "xyz");
}

TEST_CASE("append and take hand bytes over", "[proxy][input_buffer]") {
  InputBuffer buffer;
  buffer.append("");
  CHECK(buffer.empty());
  buffer.append("\x16\x03\x01");
  read_into(buffer, std::string("\x00\x05", 2));
  buffer.append("hello");
  CHECK(buffer.view() == std::string("\x16\x03\x01\x00\x05hello", 10));
  buffer.consume(5);
  CHECK(buffer.take() == "hello");
  CHECK(buffer.empty());
  CHECK(buffer.view().empty());
}

TEST_CASE("consumed bytes are reclaimed instead of growing the buffer", "[proxy][input_buffer]") {
  InputBuffer buffer;
  read_into(buffer, std::string(1000, 'a') + std::string(400, 'b'));
  buffer.consume(1000);  // more consumed than left: the next prepare moves the rest down
  const auto space = buffer.prepare();
  CHECK(buffer.view() == std::string(400, 'b'));
  CHECK(space.data() == buffer.view().data() + 400);
  const char* const front = buffer.view().data();

  // A long keep-alive connection: many reads, each consumed, all in the one allocation.
  for (int i = 0; i < 1000; ++i) {
    read_into(buffer, std::string(3000, static_cast<char>('0' + i % 10)));
    buffer.consume(3000);
  }
  buffer.prepare();
  CHECK(buffer.view() == std::string(400, '9'));
  CHECK(buffer.view().data() == front);
}

TEST_CASE("a partly consumed buffer keeps its unconsumed bytes intact across growth",
          "[proxy][input_buffer]") {
  InputBuffer buffer;
  std::string expected;
  for (int i = 0; i < 10; ++i) {  // more than one read's worth stays unconsumed
    const std::string chunk(InputBuffer::kReadSize, static_cast<char>('0' + i));
    read_into(buffer, chunk);
    expected += chunk;
  }
  buffer.consume(100);
  expected.erase(0, 100);
  buffer.append("tail");
  expected += "tail";
  CHECK(buffer.view() == expected);
  CHECK(buffer.take() == expected);
}
