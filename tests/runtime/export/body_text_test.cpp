#include "runtime/export/body_text.hpp"

#include <catch2/catch.hpp>

using namespace postern;
using namespace postern::exports;

TEST_CASE("UTF-8 bodies stay text, others become base64", "[export][body]") {
  auto text = body_text("{\"name\":\"caf\xC3\xA9\"}");
  CHECK_FALSE(text.base64);
  CHECK(text.text == "{\"name\":\"caf\xC3\xA9\"}");
  auto binary = body_text(std::string("\x89PNG\0\xff", 6));
  CHECK(binary.base64);
  CHECK(binary.text == "iVBORwD/");
  CHECK_FALSE(body_text("").base64);
}

TEST_CASE("what the store left out of a body is said in words", "[export][body]") {
  store::CapturedBody whole{"abc", 3, false, ""};
  CHECK(body_cut_note(whole).empty());
  store::CapturedBody cut{"abc", 10, true, ""};
  CHECK(body_cut_note(cut) == "truncated: 3 of 10 bytes kept");
  store::CapturedBody media{"", 5000, false, "media"};
  CHECK(body_cut_note(media) == "not captured (media)");
}

TEST_CASE("media types without parameters, and the Content-Type header", "[export][body]") {
  CHECK(media_type(" Text/HTML ; charset=utf-8") == "text/html");
  CHECK(media_type("").empty());
  CHECK(content_type_of({{"Accept", "x"}, {"content-type", "application/json"}}) ==
        "application/json");
  CHECK(content_type_of({}).empty());
}
