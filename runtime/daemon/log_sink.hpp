#pragma once
// Where the daemon's libraries report what happened. Libraries never print (DESIGN.md): main
// decides that lines go to stderr, which the bridge points at `<runtime>/postern-runtime.log`.

#include <functional>
#include <string>

namespace postern::daemon {

/// Receives one log line (no trailing newline). May be empty: then nothing is logged.
using LogSink = std::function<void(const std::string& line)>;

}  // namespace postern::daemon
