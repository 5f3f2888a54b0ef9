// process_environment() on Windows: the environment is UTF-16, and the C runtime's getenv hands
// it out in the ANSI code page, in which "C:\Users\José" is not UTF-8 and a name outside that
// code page is lost. Reading the UTF-16 block and converting keeps every value exact in UTF-8,
// the encoding of all Postern's strings.
#include <windows.h>

#include "base/environment.hpp"
#include "base/utf16_windows.hpp"

namespace postern::base {

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const std::wstring wide_name = widen(name);
    std::wstring value(64, L'\0');
    // The size can change between calls if another thread sets the variable; ask until it fits.
    for (;;) {
      const DWORD size = ::GetEnvironmentVariableW(wide_name.c_str(), value.data(),
                                                   static_cast<DWORD>(value.size()));
      if (size == 0) return std::nullopt;  // unset (ERROR_ENVVAR_NOT_FOUND) or empty
      if (size < value.size()) {
        value.resize(size);
        return narrow(value);
      }
      value.resize(size);  // too small: `size` includes the terminating NUL
    }
  };
}

}  // namespace postern::base
