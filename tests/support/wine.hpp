#pragma once
// Tests that write the registry or a certificate store run only under Wine, in the private
// prefix that scripts/wine-test.sh makes. On a real Windows machine they would change the user's
// own registry and trust store (DESIGN.md "Testing": no test touches them), and adding to
// CurrentUser\ROOT would stop at Windows' confirmation dialog, so there they are skipped.

#include <windows.h>

#include <catch2/catch.hpp>

namespace postern::testing {

/// True when this process runs under Wine: Wine's ntdll exports wine_get_version, Windows' does
/// not.
inline bool under_wine() {
  const HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  return ntdll != nullptr && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

}  // namespace postern::testing

/// Ends the current test case with a warning unless it runs under Wine.
#define POSTERN_ONLY_UNDER_WINE()                                                      \
  do {                                                                                 \
    if (!::postern::testing::under_wine()) {                                           \
      WARN(                                                                            \
          "skipped: changes the machine's registry or trust store; run it under Wine " \
          "(scripts/wine-test.sh)");                                                   \
      return;                                                                          \
    }                                                                                  \
  } while (false)
