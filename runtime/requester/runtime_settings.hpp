#pragma once
// `<config>/settings.json`: the runtime's user settings (docs/settings.md). Read on each use, so
// an edit applies without a restart. The runtime never writes it; a broken file is reported
// with its path and field and left exactly as it is.

#include <chrono>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

/// The address the connectivity check asks for when settings.json names none. example.com is
/// reserved by IANA for exactly this kind of use and is served from a CDN that is up.
inline constexpr const char* kDefaultConnectivityUrl = "https://example.com/";
/// How long the check may take in all by default: long enough for a slow proxy's TLS, short
/// enough that `postern doctor` does not look hung.
inline constexpr std::chrono::milliseconds kDefaultConnectivityTimeout{8000};

/// "connectivity": {"url": ..., "timeout_ms": ...}
struct ConnectivitySettings {
  std::string url = kDefaultConnectivityUrl;                        ///< what to reach
  std::chrono::milliseconds timeout = kDefaultConnectivityTimeout;  ///< the whole check's bound
};

/// Everything settings.json holds today.
struct RuntimeSettings {
  ProxySettings proxy;                ///< how the runtime reaches the internet
  ConnectivitySettings connectivity;  ///< the doctor's INTERNET_CONNECTIVITY check
};

/// `<config_dir>/settings.json`.
std::filesystem::path settings_file(const std::filesystem::path& config_dir);

/// The settings in `file`; the defaults when it does not exist; an error naming the file and the
/// field when it cannot be read or is not valid.
base::Result<RuntimeSettings> load_runtime_settings(const std::filesystem::path& file);

/// The same, from a document already read (the fuzz target's entry point).
base::Result<RuntimeSettings> parse_runtime_settings(std::string_view text,
                                                     const std::string& origin);

}  // namespace postern::requester
