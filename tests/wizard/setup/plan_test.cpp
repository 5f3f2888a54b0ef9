#include "wizard/setup/plan.hpp"

#include <catch2/catch.hpp>

using namespace postern;
using namespace postern::setup;

namespace {

// A step over a shared flag: applied or not; can be told to fail.
struct FlagStep final : Step {
  FlagStep(std::string name, bool& flag, bool fail = false)
      : name_(std::move(name)), flag_(flag), fail_(fail) {}
  std::string title() const override { return name_; }
  base::Outcome check() const override {
    return flag_ ? base::already("t", name_, "") : base::skipped("t", name_, "would apply");
  }
  base::Outcome apply() override {
    if (fail_) return base::failed("t", name_, "X", "broken", "fix it");
    if (flag_) return base::already("t", name_, "");
    flag_ = true;
    return base::done("t", name_, "");
  }
  base::Outcome revert() override {
    if (!flag_) return base::already("t", name_, "");
    flag_ = false;
    return base::done("t", name_, "");
  }
  std::string name_;
  bool& flag_;
  bool fail_;
};

struct Recorder final : base::ProgressObserver {
  std::vector<std::string> started;
  void step_started(std::string_view what, std::string_view) override {
    started.emplace_back(what);
  }
};

}  // namespace

TEST_CASE("a dry run only checks; a real run applies in order and is idempotent", "[setup][plan]") {
  bool a = false, b = false;
  Plan plan;
  plan.add(std::make_unique<FlagStep>("a", a));
  plan.add(std::make_unique<FlagStep>("b", b));
  base::CancellationToken cancel;
  Recorder progress;

  auto dry = plan.run({.dry_run = true}, progress, cancel);
  REQUIRE(dry.size() == 2);
  CHECK(dry[0].status == base::Status::skipped);
  CHECK(dry[0].step == "check");
  CHECK_FALSE(a);

  auto real = plan.run({}, progress, cancel);
  CHECK(real[0].status == base::Status::done);
  CHECK(real[0].cause == "a");  // an empty cause gets the step's title
  CHECK((a && b));
  auto again = plan.run({}, progress, cancel);
  CHECK(again[1].status == base::Status::already);
  CHECK(progress.started == std::vector<std::string>{"a", "b", "a", "b", "a", "b"});
}

TEST_CASE("a failing step stops the run; revert undoes everything, last first", "[setup][plan]") {
  bool a = false, broken = false, c = false;
  Plan plan;
  plan.add(std::make_unique<FlagStep>("a", a));
  plan.add(std::make_unique<FlagStep>("broken", broken, true));
  plan.add(std::make_unique<FlagStep>("c", c));
  base::CancellationToken cancel;
  auto outcomes = plan.run({}, base::null_progress(), cancel);
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[1].code == "X");
  CHECK_FALSE(c);

  Recorder progress;
  auto reverted = plan.revert(progress);
  REQUIRE(reverted.size() == 3);
  CHECK(progress.started.front() == "undo: c");
  CHECK(reverted[2].status == base::Status::done);  // "a" was applied and is undone
  CHECK(reverted[0].status == base::Status::already);
  CHECK_FALSE(a);
}

TEST_CASE("cancelling stops before the next step and says so", "[setup][plan]") {
  bool a = false;
  Plan plan;
  plan.add(std::make_unique<FlagStep>("a", a));
  base::CancellationToken cancel;
  cancel.cancel();
  auto outcomes = plan.run({}, base::null_progress(), cancel);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == base::Status::skipped);
  CHECK(outcomes[0].cause.find("cancelled") != std::string::npos);
  CHECK_FALSE(a);
}
