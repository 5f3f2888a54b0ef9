#pragma once
// What every new exchange of a running debug session is checked and recorded against: the
// session, its options and their compiled filter. CaptureService publishes one immutable
// instance per change (start, resume, new options), and each recorder holds the instance it
// started under, so new options apply to new exchanges while those in flight finish unchanged.

#include <cstdint>
#include <filesystem>

#include "runtime/capture/capture_filter.hpp"
#include "runtime/capture/capture_options.hpp"

namespace postern::capture {

/// One running session's capture settings; never changed once published.
struct CaptureSettings {
  std::int64_t session_id = 0;         ///< the store's session the exchanges go to
  CaptureOptions options;              ///< as set
  CaptureFilter filter;                ///< compiled from options
  std::filesystem::path spool_folder;  ///< where large bodies wait for the store (none: memory)
};

}  // namespace postern::capture
