#include "runtime/store/session_table.hpp"

#include <catch2/catch.hpp>

#include "runtime/store/errc.hpp"
#include "runtime/store/store_file.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using postern::store::testing::at;
using postern::store::testing::fresh_database;
using postern::testing::TempDir;
using std::chrono::milliseconds;

namespace {

struct Fixture {
  TempDir dir;
  Database db = fresh_database(dir / "capture.db");
};

}  // namespace

TEST_CASE("a session runs, pauses, resumes and stops, timing only running stretches",
          "[session_table]") {
  Fixture f;
  auto created = create_session(
      f.db, NewSession{"login flow", SessionSource::extension, R"({"methods":["GET"]})"}, at(0));
  REQUIRE(created);
  const auto id = created.value().id;
  CHECK(created.value().state == SessionState::running);
  CHECK(created.value().source == SessionSource::extension);
  CHECK(created.value().name == "login flow");
  CHECK(created.value().options_json == R"({"methods":["GET"]})");
  CHECK(created.value().started_at == at(0));
  CHECK(find_session(f.db, id, at(1500)).value().duration == milliseconds(1500));  // live

  auto paused = change_session_state(f.db, id, SessionState::paused, at(2000));
  REQUIRE(paused);
  CHECK(paused.value().state == SessionState::paused);
  CHECK(paused.value().state_changed_at == at(2000));
  CHECK(find_session(f.db, id, at(9000)).value().duration == milliseconds(2000));  // frozen

  REQUIRE(change_session_state(f.db, id, SessionState::running, at(5000)));
  CHECK(find_session(f.db, id, at(5500)).value().duration == milliseconds(2500));

  auto stopped = change_session_state(f.db, id, SessionState::stopped, at(6000));
  REQUIRE(stopped);
  CHECK(stopped.value().state == SessionState::stopped);
  CHECK(stopped.value().stopped_at == at(6000));
  CHECK(find_session(f.db, id, at(60000)).value().duration == milliseconds(3000));
}

TEST_CASE("only one session may be running or paused", "[session_table]") {
  Fixture f;
  auto first = create_session(f.db, NewSession{"first", SessionSource::proxy, "{}"}, at(0));
  REQUIRE(first);
  auto second = create_session(f.db, NewSession{"second", SessionSource::extension, "{}"}, at(1));
  REQUIRE_FALSE(second);
  CHECK(second.error().code == errc::session_active);
  CHECK(second.error().message.find("\"first\"") != std::string::npos);
  CHECK(second.error().message.find("running") != std::string::npos);

  REQUIRE(change_session_state(f.db, first.value().id, SessionState::paused, at(2)));
  second = create_session(f.db, NewSession{"second", SessionSource::extension, "{}"}, at(3));
  REQUIRE_FALSE(second);
  CHECK(second.error().message.find("paused") != std::string::npos);

  REQUIRE(change_session_state(f.db, first.value().id, SessionState::stopped, at(4)));
  second = create_session(f.db, NewSession{"second", SessionSource::extension, "{}"}, at(5));
  REQUIRE(second);
  CHECK(active_session(f.db, at(6)).value()->id == second.value().id);

  // The file enforces it too, whoever writes to it.
  auto sneaky = f.db.exec(
      "INSERT INTO sessions (name, source, state, options, started_at, state_changed_at) "
      "VALUES ('x', 'proxy', 'paused', '{}', 0, 0)");
  REQUIRE_FALSE(sneaky);
  CHECK(sneaky.error().message.find("UNIQUE") != std::string::npos);
}

TEST_CASE("state changes that make no sense are refused", "[session_table]") {
  Fixture f;
  const auto id =
      create_session(f.db, NewSession{"s", SessionSource::proxy, "{}"}, at(0)).value().id;
  auto resumed = change_session_state(f.db, id, SessionState::running, at(1));
  REQUIRE_FALSE(resumed);
  CHECK(resumed.error().code == errc::invalid_state);
  REQUIRE(change_session_state(f.db, id, SessionState::stopped, at(2)));
  for (auto to : {SessionState::running, SessionState::paused, SessionState::stopped}) {
    auto changed = change_session_state(f.db, id, to, at(3));
    REQUIRE_FALSE(changed);
    CHECK(changed.error().code == errc::invalid_state);
  }
  auto missing = change_session_state(f.db, 999, SessionState::paused, at(4));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == errc::not_found);
}

TEST_CASE("names default by source, and are checked", "[session_table]") {
  Fixture f;
  auto unnamed = create_session(f.db, NewSession{"", SessionSource::proxy, "{}"}, at(0));
  REQUIRE(unnamed);
  CHECK(unnamed.value().name == "Proxy debug session");
  const auto id = unnamed.value().id;

  const std::string odd("bad\0name\xff", 9);
  REQUIRE(rename_session(f.db, id, odd));
  CHECK(find_session(f.db, id, at(1)).value().name == odd);
  CHECK(rename_session(f.db, id, "").error().code == errc::invalid_argument);
  CHECK(rename_session(f.db, id, std::string(kMaxSessionNameBytes + 1, 'n')).error().code ==
        errc::invalid_argument);
  CHECK(rename_session(f.db, 999, "x").error().code == errc::not_found);
  REQUIRE(change_session_state(f.db, id, SessionState::stopped, at(2)));

  auto bad_options = create_session(f.db, NewSession{"x", SessionSource::proxy, "[1]"}, at(3));
  CHECK(bad_options.error().code == errc::invalid_argument);
  bad_options = create_session(f.db, NewSession{"x", SessionSource::proxy, "{oops"}, at(3));
  CHECK(bad_options.error().code == errc::invalid_argument);
}

TEST_CASE("a session's options can be replaced, with a JSON object only", "[session_table]") {
  Fixture f;
  auto created =
      create_session(f.db, NewSession{"s", SessionSource::proxy, R"({"methods":[]})"}, at(0));
  REQUIRE(created);
  const auto id = created.value().id;

  REQUIRE(set_session_options(f.db, id, R"( {"methods": ["POST"], "body_limit": 10} )"));
  const auto changed = find_session(f.db, id, at(1));
  REQUIRE(changed);
  CHECK(changed.value().options_json == R"({"body_limit":10,"methods":["POST"]})");  // re-dumped
  CHECK(changed.value().name == "s");
  CHECK(changed.value().state == SessionState::running);

  for (const std::string bad : {"[1]", "{oops", "", "null"}) {
    INFO(bad);
    CHECK(set_session_options(f.db, id, bad).error().code == errc::invalid_argument);
  }
  CHECK(find_session(f.db, id, at(2)).value().options_json == changed.value().options_json);
  CHECK(set_session_options(f.db, 999, "{}").error().code == errc::not_found);

  // Any session, stopped ones included: the store does not judge when options may change.
  REQUIRE(change_session_state(f.db, id, SessionState::stopped, at(3)));
  REQUIRE(set_session_options(f.db, id, "{}"));
  CHECK(find_session(f.db, id, at(4)).value().options_json == "{}");
}

TEST_CASE("the history lists sessions newest first", "[session_table]") {
  Fixture f;
  for (int i = 0; i < 3; ++i) {
    auto made = create_session(
        f.db, NewSession{"s" + std::to_string(i), SessionSource::proxy, "{}"}, at(i * 100));
    REQUIRE(made);
    REQUIRE(change_session_state(f.db, made.value().id, SessionState::stopped, at(i * 100 + 10)));
  }
  auto sessions = list_sessions(f.db, at(1000));
  REQUIRE(sessions);
  REQUIRE(sessions.value().size() == 3);
  CHECK(sessions.value()[0].name == "s2");
  CHECK(sessions.value()[2].name == "s0");
  CHECK(sessions.value()[1].duration == milliseconds(10));
  CHECK_FALSE(active_session(f.db, at(1000)).value());

  REQUIRE(delete_session(f.db, sessions.value()[1].id));
  CHECK(list_sessions(f.db, at(1000)).value().size() == 2);
  CHECK(delete_session(f.db, sessions.value()[1].id).error().code == errc::not_found);
  CHECK(find_session(f.db, sessions.value()[1].id, at(0)).error().code == errc::not_found);
}
