#include "runtime/proxy/input_buffer.hpp"

#include <cstring>

namespace postern::proxy {

void InputBuffer::consume(std::size_t n) {
  start_ += n < end_ - start_ ? n : end_ - start_;
  if (start_ == end_) start_ = end_ = 0;
}

std::span<char> InputBuffer::prepare() {
  if (start_ > 0 && start_ >= end_ - start_) {  // moving the rest is cheaper than growing
    std::memmove(data_.data(), data_.data() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
  }
  if (data_.size() < end_ + kReadSize) data_.resize(end_ + kReadSize);
  return {data_.data() + end_, kReadSize};
}

void InputBuffer::append(std::string_view bytes) {
  if (bytes.empty()) return;
  if (data_.size() < end_ + bytes.size()) data_.resize(end_ + bytes.size());
  std::memcpy(data_.data() + end_, bytes.data(), bytes.size());
  end_ += bytes.size();
}

std::string InputBuffer::take() {
  std::string out(view());
  start_ = end_ = 0;
  return out;
}

}  // namespace postern::proxy
