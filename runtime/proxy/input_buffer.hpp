#pragma once
// Bytes read from one socket and not yet consumed by the parser. Reads go into free space at the
// end; consumed bytes at the front are dropped by moving the rest down once they outweigh it,
// so a long keep-alive connection reuses one allocation.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace postern::proxy {

/// A read buffer with a consumed front.
class InputBuffer {
 public:
  /// Each read asks for this much free space: a few TCP segments, and a whole TLS record.
  static constexpr std::size_t kReadSize = 16 * 1024;

  /// The bytes not consumed yet.
  std::string_view view() const { return {data_.data() + start_, end_ - start_}; }
  /// True when every byte was consumed.
  bool empty() const { return start_ == end_; }
  /// Drops the first `n` unconsumed bytes.
  void consume(std::size_t n);
  /// Free space for the next read (kReadSize bytes).
  std::span<char> prepare();
  /// Marks `n` bytes of the prepared space as read.
  void commit(std::size_t n) { end_ += n; }
  /// Adds bytes at the end (bytes read elsewhere, handed over).
  void append(std::string_view bytes);
  /// Takes every unconsumed byte out, leaving the buffer empty.
  std::string take();

 private:
  std::string data_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace postern::proxy
