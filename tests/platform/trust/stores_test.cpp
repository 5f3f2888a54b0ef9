// The store list per OS and --store name validation.
#include <catch2/catch.hpp>

#include "base/codes.hpp"
#include "platform/fake_runner.hpp"
#include "platform/trust/stores.hpp"

using namespace postern;
using namespace postern::platform::trust;
using Names = std::vector<std::string_view>;

TEST_CASE("every known store name, and the ones each OS has, in walking order", "[stores]") {
  CHECK(known_store_names() == Names{"system", "macos-keychain", "windows-root", "nss"});
  CHECK(store_names_for(base::Os::Linux) == Names{"system", "nss"});
  CHECK(store_names_for(base::Os::MacOS) == Names{"macos-keychain", "nss"});
  CHECK(store_names_for(base::Os::Windows) == Names{"windows-root", "nss"});
}

TEST_CASE("--store names are validated with a clear error", "[stores]") {
  CHECK_FALSE(validate_store_name("nss", base::Os::Linux));
  CHECK_FALSE(validate_store_name("system", base::Os::Linux));
  auto unknown = validate_store_name("java", base::Os::Linux);
  REQUIRE(unknown);
  CHECK(unknown->code == base::codes::unsupported);
  CHECK(unknown->cause == "there is no trust store called \"java\"");
  CHECK(unknown->remedy == "use one of: system, nss");
  auto elsewhere = validate_store_name("macos-keychain", base::Os::Linux);
  REQUIRE(elsewhere);
  CHECK(elsewhere->cause.find("does not exist on this OS") != std::string::npos);
}

TEST_CASE("default_stores builds this OS's stores in order, findable by name", "[stores]") {
  testing::FakeRunner fake;
  platform::PrivilegedRunner privileged(fake, platform::PrivilegeContext{});
  auto stores = default_stores(base::fixed_environment({}), fake, privileged);
  Names names;
  for (const auto& store : stores)
    names.push_back(store->name());
  CHECK(names == store_names_for(base::current_os()));
  REQUIRE(find_store(stores, "nss") != nullptr);
  CHECK(find_store(stores, "nss")->name() == "nss");
  CHECK(find_store(stores, "java") == nullptr);
}
