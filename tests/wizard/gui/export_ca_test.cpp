#include "wizard/gui/export_ca.hpp"

#include <wx/frame.h>

#include "gui_fixture.hpp"

using namespace postern;
using testing::GuiFixture;

TEST_CASE("export writes the CA certificate in the chosen format off the UI thread",
          "[gui][export]") {
  GuiFixture fx;
  wxFrame frame(nullptr, wxID_ANY, "export");
  const auto out = fx.dir / "postern-ca.cer";
  std::optional<base::Outcome> result;
  gui::export_ca_to(&frame, *fx.context, gui::export_format_for(1), out.string(),
                    [&](base::Outcome outcome) { result = std::move(outcome); });
  REQUIRE(testing::wait_until([&] { return result.has_value(); }));
  CHECK(result->status == base::Status::done);
  auto bytes = base::read_file(out, 1 << 20);
  REQUIRE(bytes);
  CHECK(static_cast<unsigned char>(bytes.value()[0]) == 0x30);  // DER: a SEQUENCE
  CHECK(gui::export_format_for(0) == certs::ExportFormat::pem);
  CHECK(gui::export_format_for(2) == certs::ExportFormat::p12);
  CHECK(gui::export_wildcard().Contains("*.p12"));
}
