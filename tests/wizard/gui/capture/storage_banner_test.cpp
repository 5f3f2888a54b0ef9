#include "wizard/gui/capture/storage_banner.hpp"

#include <wx/sizer.h>

#include "unit_frame.hpp"

using namespace postern;
namespace cc = postern::control_client;

namespace {

cc::StorageHealth disk_full(std::int64_t not_stored) {
  cc::StorageHealth health;
  health.ok = false;
  health.not_stored = not_stored;
  health.last_error = cc::StorageProblem{"DISK_FULL", "the disk holding capture.db is full",
                                         "free disk space on the drive holding capture.db"};
  return health;
}

}  // namespace

TEST_CASE(
    "the storage banner: hidden while all is saved, a warning with the fix while saving "
    "fails, a note of what was lost once it works again",
    "[gui][capture]") {
  testing::UnitFrame unit;
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* banner = new gui::StorageBanner(unit.frame);
  sizer->Add(banner, 0, wxEXPAND);
  unit.frame->SetSizer(sizer);
  CHECK_FALSE(banner->IsShown());

  banner->show(cc::StorageHealth{});
  CHECK_FALSE(banner->IsShown());
  CHECK(banner->message().empty());

  banner->show(disk_full(51));
  testing::pump(50);
  CHECK(banner->IsShown());
  CHECK(banner->warning());
  CHECK(banner->GetSize().GetHeight() > 0);  // the parent was laid out again
  const wxString warning = banner->message();
  CHECK(warning.Contains("not being saved: the disk holding capture.db is full"));
  CHECK(warning.Contains("To fix it: free disk space on the drive holding capture.db."));
  CHECK(warning.Contains("51 requests could not be saved"));

  cc::StorageHealth recovered = disk_full(51);
  recovered.ok = true;
  banner->show(recovered);
  CHECK(banner->IsShown());
  CHECK_FALSE(banner->warning());
  CHECK(banner->message().Contains("Saving works again. 51 captured requests could not be saved"));

  // A failure that lost nothing yet (a runtime that just started failing) still warns.
  banner->show(disk_full(0));
  CHECK(banner->warning());
}
