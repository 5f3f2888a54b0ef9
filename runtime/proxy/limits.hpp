#pragma once
// The HTTP/1.1 core's limits, named in one place (practice 13). Each default carries its reason.
// Everything the parsers hold is bounded by these: heads and trailers are buffered up to their
// limits, bodies are never buffered at all (see body_decoder.hpp).

#include <cstddef>

namespace postern::proxy {

/// Longest request line or status line. RFC 9112 §3 asks for at least 8000 octets; 8 KiB is
/// also what nginx and Apache accept by default, so no real client is refused.
inline constexpr std::size_t kDefaultMaxStartLine = 8 * 1024;
/// Largest head: start line, every field line and the empty line. 64 KiB is four times
/// Node's limit and eight times Apache's per-line one; it leaves room for fat cookie jars while
/// bounding what one connection can make the proxy hold.
inline constexpr std::size_t kDefaultMaxHeadBytes = 64 * 1024;
/// Most field lines in one head or trailer section: Apache's LimitRequestFields default.
inline constexpr std::size_t kDefaultMaxFields = 100;
/// Empty lines skipped before a request line. RFC 9112 §2.2 asks servers to ignore at least one,
/// which old clients leave behind after a POST body; a handful is plenty, more is an attack.
inline constexpr std::size_t kMaxLeadingEmptyLines = 4;
/// Longest chunk-size line, extensions included. Nothing in use sends chunk extensions, so they
/// are skipped, not stored; the bound stops a peer from stalling the stream inside one.
inline constexpr std::size_t kDefaultMaxChunkLine = 4 * 1024;
/// Largest trailer section. Trailers are rare and small (a checksum, a timing); 16 KiB is
/// generous and keeps the one buffered part of a body small.
inline constexpr std::size_t kDefaultMaxTrailerBytes = 16 * 1024;

/// Limits for one head (request or response).
struct HeadLimits {
  std::size_t max_start_line = kDefaultMaxStartLine;  ///< request line / status line, with CRLF
  std::size_t max_head_bytes = kDefaultMaxHeadBytes;  ///< the whole head, with the empty line
  std::size_t max_fields = kDefaultMaxFields;         ///< field lines in the head
  /// Accept a bare LF as a line end (RFC 9112 §2.2 "MAY"). Off by default: heads are re-serialised
  /// with CRLF before forwarding, so tolerance is safe, but strictness costs nothing for clients
  /// and keeps the parse identical to strict upstreams. Turn it on for sloppy servers' responses.
  bool allow_bare_lf = false;
};

/// Limits for one body's framing (chunked only: content-length and until-close need none).
struct BodyLimits {
  std::size_t max_chunk_line = kDefaultMaxChunkLine;        ///< chunk-size line with extensions
  std::size_t max_trailer_bytes = kDefaultMaxTrailerBytes;  ///< trailer section with empty line
  std::size_t max_trailer_fields = kDefaultMaxFields;       ///< field lines in the trailers
};

}  // namespace postern::proxy
