# Toolchain for cross-building Postern's Windows-only modules with Debian's MinGW-w64 (64-bit),
# for the tests that scripts/wine-test.sh runs under Wine (recipe windows-wine §7). Pass it as an
# absolute path: a relative CMAKE_TOOLCHAIN_FILE is resolved against the build folder.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

# The default (win32 thread model) compilers: nothing here needs std::thread or std::mutex, which
# only the -posix variants provide (recipe §6).
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Look for headers and libraries only in the MinGW sysroot: glibc's headers in /usr/include
# shadow MinGW's and break the build (recipe §8).
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static libstdc++/libgcc: otherwise the exe needs their DLLs, and under WINEDEBUG=-all a missing
# DLL is only a silent exit code 53 (recipe §6).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
