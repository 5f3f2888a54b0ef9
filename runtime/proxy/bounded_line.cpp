#include "runtime/proxy/bounded_line.hpp"

namespace postern::proxy {

LineRead read_bounded_line(std::string_view input, std::string& buffer, std::size_t limit) {
  const std::size_t room = limit > buffer.size() ? limit - buffer.size() : 0;
  const std::string_view window = input.substr(0, room);
  const auto lf = window.find('\n');
  LineRead read;
  if (lf == std::string_view::npos) {
    buffer.append(window);
    read.consumed = window.size();
    read.over_limit = input.size() > room;
    return read;
  }
  buffer.append(window.substr(0, lf + 1));
  read.consumed = lf + 1;
  read.complete = true;
  return read;
}

}  // namespace postern::proxy
