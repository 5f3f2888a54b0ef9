// The token store file: save, find, list, mark used, delete; 0600; what it keeps (never the
// client secret); a corrupt file is an error and is never overwritten.
#include "runtime/requester/oauth2_token_store.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "base/files.hpp"
#include "runtime/auth/oauth2_grants.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::requester;

namespace {

StoredToken token(const std::string& name, const std::string& access) {
  StoredToken t;
  t.name = name;
  t.access_token = access;
  t.refresh_token = "rt-" + access;
  t.token_type = "Bearer";
  t.scope = "read";
  t.grant_type = "client_credentials";
  t.token_url = "https://as.test/token";
  t.client_id = "app";
  t.created_at = 100;
  t.expires_at = 200;
  return t;
}

}  // namespace

TEST_CASE("tokens are saved, found, replaced by name, marked used and deleted",
          "[requester][oauth2][store]") {
  testing::TempDir dir;
  TokenStore store(dir / "data" / "oauth2-tokens.json");
  CHECK(store.list().value().empty());
  CHECK_FALSE(store.find("a").value());

  REQUIRE(store.save(token("a", "one")));
  REQUIRE(store.save(token("b", "two")));
  REQUIRE(store.save(token("a", "three")));
  auto all = store.list().value();
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "a");
  CHECK(all[0].access_token == "three");
  CHECK(all[0].refresh_token == "rt-three");
  CHECK(all[0].expires_at == 200);
  CHECK(all[1].client_id == "app");

  REQUIRE(store.mark_used("b", 150));
  CHECK(store.find("b").value()->last_used_at == 150);
  auto missing = store.mark_used("zz", 1);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == auth::oauth2_errc::no_such_token);

  CHECK(store.remove("a").value());
  CHECK_FALSE(store.remove("a").value());
  CHECK(store.list().value().size() == 1);

  struct stat info {};
  REQUIRE(::stat(store.file().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  const std::string text = base::read_file(store.file()).value();
  CHECK(text.find("secret") == std::string::npos);
  CHECK(text.find("\"format\": \"postern-oauth2-tokens\"") != std::string::npos);
}

TEST_CASE("expired() keeps a margin and treats 0 as no expiry", "[requester][oauth2][store]") {
  StoredToken t = token("a", "x");
  CHECK_FALSE(t.expired(100));
  CHECK(t.expired(200));
  CHECK(t.expired(171, 30));
  t.expires_at = 0;
  CHECK_FALSE(t.expired(1'000'000'000));
}

TEST_CASE("a corrupt store is reported and never overwritten", "[requester][oauth2][store]") {
  testing::TempDir dir;
  TokenStore store(dir / "oauth2-tokens.json");
  for (
      const char* bad :
      {"not json", "[]", R"({"format":"other","version":1,"tokens":[]})",
       R"({"format":[{"name":"ci"}],"version":1,"tokens":[]})",  // found by the fuzzer
       R"({"format":"postern-oauth2-tokens","version":2,"tokens":[]})",
       R"({"format":"postern-oauth2-tokens","version":1,"tokens":[{"name":"a"}]})",
       R"({"format":"postern-oauth2-tokens","version":1,"tokens":[{"name":"a","access_token":"t","expires_at":"soon"}]})"}) {
    CAPTURE(bad);
    REQUIRE(base::write_file_atomically(store.file(), bad, base::FileMode::owner_only));
    auto listed = store.list();
    REQUIRE_FALSE(listed);
    CHECK(listed.error().code == auth::oauth2_errc::store_corrupt);
    CHECK(listed.error().message.find(store.file().string()) != std::string::npos);
    CHECK(listed.error().remedy.find(".broken") != std::string::npos);
    CHECK_FALSE(store.save(token("a", "b")));
    CHECK_FALSE(store.remove("a"));
    CHECK(base::read_file(store.file()).value() == bad);
  }
}

TEST_CASE("serialise and parse round-trip", "[requester][oauth2][store]") {
  std::vector<StoredToken> tokens{token("a", "1"), token("b", "2")};
  tokens[1].id_token = "id";
  tokens[1].refresh_url = "https://as.test/refresh";
  auto parsed = TokenStore::parse(TokenStore::serialise(tokens), "mem");
  REQUIRE(parsed);
  REQUIRE(parsed.value().size() == 2);
  CHECK(parsed.value()[1].id_token == "id");
  CHECK(parsed.value()[1].refresh_url == "https://as.test/refresh");
  CHECK(TokenStore::default_file(base::AppPaths{"/c", "/d", "/r"}) == "/d/oauth2-tokens.json");
}
