#pragma once
// UTF-8 (our strings) to UTF-16 (the Win32 W APIs), for the Windows-only files. Compiled only on
// Windows.

#include <string>
#include <string_view>

namespace postern::platform {

/// `utf8` as UTF-16; invalid sequences become U+FFFD, as MultiByteToWideChar does.
std::wstring widen(std::string_view utf8);

}  // namespace postern::platform
