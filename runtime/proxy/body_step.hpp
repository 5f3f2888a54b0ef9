#pragma once
// One answer from a body decoder. Bodies are streamed, never buffered: each answer covers a
// prefix of the bytes fed, so a proxy can forward exactly those wire bytes (chunk framing and
// all) while the capture records the decoded data.

#include <cstddef>
#include <string_view>

#include "runtime/proxy/errc.hpp"

namespace postern::proxy {

/// One answer from BodyDecoder::feed() or ChunkedDecoder::feed().
struct BodyStep {
  /// What happened.
  enum class Kind {
    need_more,  ///< every byte was taken (framing only, no data yet); feed more
    data,       ///< `data` holds decoded body bytes; feed the rest of the input again
    complete,   ///< the body (and any trailers) ended; the rest of the input is not the body's
    error,      ///< the body's framing is broken; the connection cannot continue
  };
  Kind kind = Kind::need_more;  ///< which answer this is
  /// Wire bytes of this feed's input taken, always a prefix: in passthrough mode, forward
  /// exactly input.substr(0, consumed).
  std::size_t consumed = 0;
  std::string_view data;  ///< on data: decoded bytes, a view into the input fed (no copy)
  HttpError error;        ///< on error: the cause and the status to answer
};

}  // namespace postern::proxy
