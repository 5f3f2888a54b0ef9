#pragma once
// Postern's strings are UTF-8 (JSON, outcomes, the ledger, the environment as
// base::Environment gives it). std::filesystem::path(std::string) reads a narrow string in the
// native narrow encoding instead, which on Windows is not UTF-8: the ANSI code page with MSVC,
// the C locale with MinGW's libstdc++ (seen under Wine: "José" named a folder "JosÃ©"). Paths
// made from our strings go through here; on Linux and macOS it is a plain copy.

#include <filesystem>
#include <string>
#include <string_view>

namespace postern::base {

/// The path that UTF-8 `text` names, whatever the platform's narrow encoding is.
inline std::filesystem::path path_from_utf8(std::string_view text) {
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

}  // namespace postern::base
