// Runs on Windows and under Wine (scripts/wine-test.sh): WinHTTP reads the Internet Options from
// HKCU\...\Internet Settings\Connections\DefaultConnectionSettings, a binary blob (a header of
// magic 0x46, a counter and flags, then length-prefixed proxy, bypass and PAC URL strings). The
// test writes that blob as the Internet Options dialog would and reads it back through
// read_desktop_proxy; it removes the value afterwards.
#include <windows.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fake_runner.hpp"
#include "platform/desktop_proxy.hpp"

using namespace postern::platform;

namespace {

constexpr const wchar_t* kConnections =
    L"Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections";
constexpr DWORD kWinInetMagic = 0x46;
constexpr DWORD kProxy = 2, kPacScript = 4, kAutoDetect = 8, kDirect = 1;

void append(std::vector<BYTE>& blob, DWORD value) {
  const auto* bytes = reinterpret_cast<const BYTE*>(&value);
  blob.insert(blob.end(), bytes, bytes + sizeof value);
}

void append(std::vector<BYTE>& blob, const std::string& text) {
  append(blob, static_cast<DWORD>(text.size()));
  blob.insert(blob.end(), text.begin(), text.end());
}

// Writes DefaultConnectionSettings; removes it again when destroyed.
struct ConnectionSettings {
  ConnectionSettings(DWORD flags, const std::string& proxy, const std::string& bypass,
                     const std::string& pac_url) {
    std::vector<BYTE> blob;
    append(blob, kWinInetMagic);
    append(blob, DWORD{1});
    append(blob, flags);
    append(blob, proxy);
    append(blob, bypass);
    append(blob, pac_url);
    HKEY key = nullptr;
    REQUIRE(RegCreateKeyExW(HKEY_CURRENT_USER, kConnections, 0, nullptr, 0, KEY_WRITE, nullptr,
                            &key, nullptr) == ERROR_SUCCESS);
    REQUIRE(RegSetValueExW(key, L"DefaultConnectionSettings", 0, REG_BINARY, blob.data(),
                           static_cast<DWORD>(blob.size())) == ERROR_SUCCESS);
    RegCloseKey(key);
  }
  ~ConnectionSettings() {
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, kConnections, 0, KEY_WRITE, &key) != ERROR_SUCCESS) return;
    RegDeleteValueW(key, L"DefaultConnectionSettings");
    RegCloseKey(key);
  }
};

}  // namespace

TEST_CASE("WinINet's proxies, bypass list and PAC URL come through WinHTTP",
          "[desktop_proxy_windows]") {
  ConnectionSettings settings(kProxy | kPacScript, "http=h.corp:3128;https=s.corp:3129",
                              "<local>;*.corp.example", "http://wpad.corp/proxy.pac");
  postern::testing::FakeRunner runner;  // WinHTTP needs no tool
  auto proxy = read_desktop_proxy(postern::base::fixed_environment({}), runner);
  CHECK(proxy.problem.empty());
  CHECK(proxy.source == "Windows (Internet Options, WinINet)");
  CHECK(proxy.http == "h.corp:3128");
  CHECK(proxy.https == "s.corp:3129");
  CHECK(proxy.bypass_simple_hosts);
  CHECK(proxy.bypass == std::vector<std::string>{"*.corp.example"});
  CHECK(proxy.pac_url == "http://wpad.corp/proxy.pac");
  CHECK_FALSE(proxy.auto_detect);
  CHECK(runner.calls.empty());

  auto target = postern::base::parse_url("http://printer/");
  REQUIRE(target);
  proxy.pac_url.clear();
  CHECK(desktop_proxy_for(proxy, target.value(), {}).route.direct);  // <local>
}

TEST_CASE("WinINet with no proxy, or only WPAD", "[desktop_proxy_windows]") {
  postern::testing::FakeRunner runner;
  {
    ConnectionSettings direct(kDirect, "ignored:1", "", "");
    CHECK_FALSE(read_desktop_proxy(postern::base::fixed_environment({}), runner).configured());
  }
  ConnectionSettings wpad(kDirect | kAutoDetect, "", "", "");
  auto proxy = read_desktop_proxy(postern::base::fixed_environment({}), runner);
  CHECK(proxy.auto_detect);
  CHECK(proxy.http.empty());
}
