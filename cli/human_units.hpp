#pragma once
// Sizes, durations and times the way people read them, and byte counts the way they type them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace postern::cli {

/// "512 B", "1.5 KiB", "37 MiB", "2.1 GiB": binary units, one decimal below 10.
std::string human_size(std::uint64_t bytes);

/// "850 ms", "12.3 s", "5 min 03 s", "2 h 05 min"; negative durations read as 0.
std::string human_duration(std::int64_t milliseconds);

/// An API time ("2026-11-22T10:00:00.123Z") as "2026-11-22 10:00:00"; anything else as it is,
/// and "-" for an empty one.
std::string date_time(std::string_view iso);

/// The time of day of an API time with milliseconds, "10:00:00.123"; anything else as it is.
std::string clock_time(std::string_view iso);

/// A byte count typed by a person: "1048576", "512k", "64KiB", "10m", "1MB", "2g" (k, m, g are
/// binary multiples, case-insensitive, with an optional "b", "ib" or "iB"); nullopt otherwise.
std::optional<std::uint64_t> parse_byte_count(std::string_view text);

}  // namespace postern::cli
