#include "runtime/store/header_codec.hpp"

#include <cstdint>

namespace postern::store {

namespace {

void put_field(std::string& out, std::string_view field) {
  const auto size = static_cast<std::uint32_t>(field.size());
  for (int shift = 0; shift < 32; shift += 8)
    out.push_back(static_cast<char>((size >> shift) & 0xff));
  out.append(field);
}

// Reads one length-prefixed field at `at`, moving `at` past it; empty when `blob` is too short.
std::optional<std::string> take_field(std::string_view blob, std::size_t& at) {
  if (blob.size() - at < 4) return std::nullopt;
  std::uint32_t size = 0;
  for (int i = 0; i < 4; ++i)
    size |= static_cast<std::uint32_t>(static_cast<unsigned char>(blob[at + i])) << (8 * i);
  at += 4;
  if (blob.size() - at < size) return std::nullopt;
  std::string field(blob.substr(at, size));
  at += size;
  return field;
}

}  // namespace

std::string encode_headers(const Headers& headers) {
  std::string out;
  std::size_t size = 0;
  for (const auto& header : headers)
    size += 8 + header.name.size() + header.value.size();
  out.reserve(size);
  for (const auto& header : headers) {
    put_field(out, header.name);
    put_field(out, header.value);
  }
  return out;
}

std::optional<Headers> decode_headers(std::string_view blob) {
  Headers headers;
  std::size_t at = 0;
  while (at < blob.size()) {
    auto name = take_field(blob, at);
    if (!name) return std::nullopt;
    auto value = take_field(blob, at);
    if (!value) return std::nullopt;
    headers.push_back(Header{std::move(*name), std::move(*value)});
  }
  return headers;
}

}  // namespace postern::store
