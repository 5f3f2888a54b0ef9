#pragma once
// Aligned columns for people: session lists, exchange pages, cookie jars. Cells are made safe
// for a terminal first (captured URLs and cookie values come from the network, and an escape
// sequence in one must not drive the user's terminal), and widths count characters, not bytes.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace postern::cli {

/// `text` with every control character (C0, DEL, and the C1 range U+0080 to U+009F) shown as
/// '?', and bytes that are not UTF-8 as '?': safe to print on a terminal.
std::string printable(std::string_view text);

/// Characters (UTF-8 code points) in `text`.
std::size_t display_width(std::string_view text);

/// `text` cut to at most `width` characters, the last one "…" when something was cut.
std::string clip(std::string_view text, std::size_t width);

/// A table with a heading row, printed with two spaces between columns.
class TextTable {
 public:
  /// A table whose columns are named by `headings`.
  explicit TextTable(std::vector<std::string> headings);

  /// Numbers read better right-aligned: sizes, counts, ids.
  void align_right(std::size_t column);
  /// Appends a row; missing cells are empty, extra cells are dropped. Cells are made printable.
  void add_row(std::vector<std::string> cells);
  /// Rows added so far (the heading excluded).
  std::size_t rows() const { return rows_.size(); }
  /// Prints the heading and the rows; the last column is not padded.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headings_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace postern::cli
