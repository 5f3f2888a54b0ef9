# Build options shared by every Postern target: warnings as errors, sanitizers, ccache.

find_program(POSTERN_CCACHE ccache)
if(POSTERN_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${POSTERN_CCACHE}")
endif()

add_library(postern_options INTERFACE)
target_compile_options(postern_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wpedantic>
  $<$<CXX_COMPILER_ID:MSVC>:/W4 /WX /permissive->)

# Debug sections are written compressed (zlib): they are most of a build's size (a release
# postern-runtime is 110 MB, 100 MB of it DWARF), and a full CI run builds three trees. gdb,
# addr2line and the sanitizers' llvm-symbolizer all read compressed sections.
if(NOT WIN32 AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(postern_options INTERFACE -gz)
  target_link_options(postern_options INTERFACE -gz)
endif()

if(POSTERN_SANITIZE)
  # ASan + UBSan together; UBSan findings abort so that CI fails on them.
  target_compile_options(postern_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(postern_options INTERFACE -fsanitize=address,undefined)
endif()

# postern_library(NAME folder SOURCES ... LINKS ...): one static library per folder, its headers
# included as "folder/header.hpp" from the repository root.
function(postern_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LINKS;PRIVATE_LINKS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
  target_link_libraries(${name} PUBLIC postern_options ${ARG_PUBLIC_LINKS} PRIVATE ${ARG_PRIVATE_LINKS})
endfunction()
