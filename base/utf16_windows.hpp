#pragma once
// UTF-8 (Postern's strings: JSON, outcomes, the ledger) to and from UTF-16 (the Win32 W APIs),
// for the Windows-only files. Compiled only on Windows. Here in base because base's own Windows
// file (the environment) needs it as much as platform's and registry's do.

#include <string>
#include <string_view>

namespace postern::base {

/// `utf8` as UTF-16; invalid sequences become U+FFFD, as MultiByteToWideChar does.
std::wstring widen(std::string_view utf8);

/// `utf16` as UTF-8; an unpaired surrogate becomes U+FFFD, as WideCharToMultiByte does.
std::string narrow(std::wstring_view utf16);

}  // namespace postern::base
