#include "platform/kde_proxy.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern::platform;
using postern::base::fixed_environment;

TEST_CASE("kioslaverc: manual proxies as KDE 5 writes them", "[kde_proxy]") {
  auto proxy = parse_kioslaverc(
      "[Cache Settings]\nhttpProxy=http://not-this 1\n\n"
      "[Proxy Settings]\n"
      "NoProxyFor=localhost,127.0.0.1, .corp.example\n"
      "ProxyType=1\n"
      "ReversedException=false\n"
      "httpProxy=http://proxy.lan 3128\n"
      "httpsProxy[$e]=secure.lan:3129\n"
      "socksProxy=socks://socks.lan 1080\n",
      "/home/u/.config/kioslaverc");
  CHECK(proxy.source == "KDE (/home/u/.config/kioslaverc)");
  CHECK(proxy.http == "http://proxy.lan:3128");
  CHECK(proxy.https == "secure.lan:3129");
  CHECK(proxy.socks == "socks5h://socks.lan:1080");
  CHECK(proxy.bypass == std::vector<std::string>{"localhost", "127.0.0.1", ".corp.example"});
  CHECK_FALSE(proxy.bypass_reversed);
}

TEST_CASE("kioslaverc: PAC, WPAD, the environment, none, reversed", "[kde_proxy]") {
  auto pac = parse_kioslaverc(
      "[Proxy Settings]\nProxyType=2\nProxy Config Script=file:///etc/proxy.pac\n", "k");
  CHECK(pac.pac_url == "file:///etc/proxy.pac");
  CHECK(parse_kioslaverc("[Proxy Settings]\nProxyType=3\n", "k").auto_detect);
  CHECK(parse_kioslaverc("[Proxy Settings]\nProxyType=4\nhttpProxy=http_proxy\n", "k")
            .use_environment);
  CHECK_FALSE(parse_kioslaverc("[Proxy Settings]\nProxyType=0\nhttpProxy=p 1\n", "k").configured());
  CHECK_FALSE(parse_kioslaverc("ProxyType=1\nhttpProxy=p 1\n", "k").configured());  // no group
  CHECK(parse_kioslaverc("[Proxy Settings]\nProxyType=1\nhttpProxy=p 1\nReversedException=true\n",
                         "k")
            .bypass_reversed);
}

TEST_CASE("kioslaverc is read from XDG_CONFIG_HOME, else ~/.config", "[kde_proxy]") {
  postern::testing::TempDir home;
  std::filesystem::create_directories(home / ".config");
  CHECK(kioslaverc_path(fixed_environment({{"HOME", home.path().string()}})) ==
        home / ".config" / "kioslaverc");
  auto none = read_kde_proxy(fixed_environment({{"HOME", home.path().string()}}));
  CHECK(none.problem.empty());
  CHECK_FALSE(none.configured());

  std::ofstream(home / "kioslaverc")
      << "[Proxy Settings]\nProxyType=1\nhttpProxy=http://p.lan 8080\n";
  auto read = read_kde_proxy(fixed_environment({{"XDG_CONFIG_HOME", home.path().string()}}));
  CHECK(read.http == "http://p.lan:8080");
  CHECK(read.source == "KDE (" + (home / "kioslaverc").string() + ")");
  CHECK(read_kde_proxy(fixed_environment({})).problem == "neither XDG_CONFIG_HOME nor HOME is set");
}
