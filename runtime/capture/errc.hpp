#pragma once
// capture::errc: every way the capture layer (runtime/capture) can refuse a request. Store
// failures keep their store::errc; these are the capture layer's own.

#include <system_error>

namespace postern::capture {

/// Why a capture operation failed.
enum class errc {
  bad_option = 1,        ///< a capture option has a bad value; the message starts with its name
  no_active_session,     ///< pause, resume, stop or new options with no session running or paused
  no_collection_writer,  ///< a collection was asked for, but no exporter is wired in
};

/// The error category for capture::errc ("postern.capture").
const std::error_category& capture_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);

}  // namespace postern::capture

template <>
struct std::is_error_code_enum<postern::capture::errc> : std::true_type {};
