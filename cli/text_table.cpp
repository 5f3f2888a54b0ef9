#include "cli/text_table.hpp"

#include <algorithm>
#include <ostream>

namespace postern::cli {

namespace {

// The length of the UTF-8 sequence that starts with `lead`, 0 when it cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// The code point of the well-formed sequence at `text`, or -1 (overlong, surrogate, cut short).
long decode(std::string_view text, std::size_t length) {
  if (text.size() < length) return -1;
  const int lead_bits = length == 1 ? 0x7f : 0xff >> (length + 1);
  long code = static_cast<unsigned char>(text[0]) & lead_bits;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[i]);
    if ((next & 0xc0) != 0x80) return -1;
    code = (code << 6) | (next & 0x3f);
  }
  static constexpr long kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return -1;
  return code;
}

void pad(std::ostream& out, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    out << ' ';
}

}  // namespace

std::string printable(std::string_view text) {
  std::string safe;
  safe.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(text[i]));
    const long code = length == 0 ? -1 : decode(text.substr(i), length);
    if (code < 0) {
      safe += '?';
      ++i;
      continue;
    }
    const bool control = code < 0x20 || code == 0x7f || (code >= 0x80 && code <= 0x9f);
    if (control) {
      safe += '?';
    } else {
      safe.append(text.substr(i, length));
    }
    i += length;
  }
  return safe;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

std::string clip(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return "";
  std::size_t kept = 0, end = 0;
  // Keep width - 1 characters, then the ellipsis.
  while (end < text.size()) {
    if ((text[end] & 0xc0) != 0x80) {
      if (kept == width - 1) break;
      ++kept;
    }
    ++end;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

TextTable::TextTable(std::vector<std::string> headings)
    : headings_(std::move(headings)), right_(headings_.size(), false) {}

void TextTable::align_right(std::size_t column) {
  if (column < right_.size()) right_[column] = true;
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(headings_.size());
  for (auto& cell : cells)
    cell = printable(cell);
  rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> widths(headings_.size());
  for (std::size_t c = 0; c < headings_.size(); ++c) {
    widths[c] = display_width(headings_[c]);
    for (const auto& row : rows_)
      widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::size_t gap = widths[c] - display_width(cells[c]);
      const bool last = c + 1 == cells.size();
      if (right_[c]) pad(out, gap);
      out << cells[c];
      if (!right_[c] && !last) pad(out, gap);
      if (!last) out << "  ";
    }
    out << "\n";
  };
  print_row(headings_);
  for (const auto& row : rows_)
    print_row(row);
}

}  // namespace postern::cli
