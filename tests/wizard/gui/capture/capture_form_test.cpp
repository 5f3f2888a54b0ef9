#include "wizard/gui/capture/capture_form.hpp"

#include <catch2/catch.hpp>

using namespace postern;

TEST_CASE("the form makes the options it shows, and back", "[gui][capture]") {
  gui::CaptureForm form;
  form.url = "  /api/ ";
  form.exclude = "a, ,b ,";
  form.exclude_regex = "\\.map$";
  form.methods = {"GET"};
  form.capture_cookies = true;
  form.to_collection = true;
  form.collection_path = "/tmp/c.json";
  form.group_by_endpoint = true;
  auto result = gui::capture_options_from(form);
  CHECK_FALSE(result.problem);
  CHECK(result.options.url_contains == "/api/");
  CHECK(result.options.url_regex.empty());
  CHECK(result.options.exclude == std::vector<std::string>{"a", "b"});
  CHECK(result.options.collection->group_by == std::vector<std::string>{"endpoint"});
  auto back = gui::capture_form_from(result.options);
  CHECK(back.url == "/api/");
  CHECK(back.exclude == "a, b");
  CHECK(back.group_by_endpoint);
  CHECK(gui::capture_options_from(back).options == result.options);

  form.url_is_regex = true;
  CHECK(gui::capture_options_from(form).options.url_regex == "/api/");
  form.collection_path = "relative.json";
  CHECK(gui::capture_options_from(form).problem == gui::FormProblem::collection_path_relative);
  form.collection_path = " ";
  CHECK(gui::capture_options_from(form).problem == gui::FormProblem::collection_path_missing);
  form.to_collection = false;
  CHECK_FALSE(gui::capture_options_from(form).options.collection);
}
