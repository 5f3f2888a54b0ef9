#include "runtime/auth/challenge.hpp"

#include "base/ascii.hpp"
#include "runtime/auth/errc.hpp"

namespace postern::auth {
namespace {

bool is_tchar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token68_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("-._~+/").find(c) != std::string_view::npos;
}

// A cursor over one header value; every parse step is a small method.
class ChallengeReader {
 public:
  explicit ChallengeReader(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }

  void skip_spaces() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t'))
      ++pos_;
  }
  void skip_separators() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == ','))
      ++pos_;
  }
  std::string_view token() {
    std::size_t start = pos_;
    while (!at_end() && is_tchar(text_[pos_]))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // A token68 runs to the end of the challenge: only spaces and a ',' (or the end) may follow.
  std::optional<std::string_view> token68() {
    std::size_t start = pos_;
    std::size_t end = pos_;
    while (end < text_.size() && is_token68_char(text_[end]))
      ++end;
    if (end == start) return std::nullopt;
    while (end < text_.size() && text_[end] == '=')
      ++end;
    std::size_t after = end;
    while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t'))
      ++after;
    if (after < text_.size() && text_[after] != ',') return std::nullopt;
    pos_ = end;
    return text_.substr(start, end - start);
  }
  base::Result<std::string> quoted_string() {
    ++pos_;  // the opening quote
    std::string value;
    while (!at_end()) {
      char c = text_[pos_++];
      if (c == '"') return value;
      if (c == '\\') {
        if (at_end()) break;
        c = text_[pos_++];
      }
      value += c;
    }
    return error("an unterminated quoted string");
  }
  base::Error error(std::string_view what) const {
    return base::Error{errc::bad_challenge,
                       "authentication challenge: " + std::string(what) + " at offset " +
                           std::to_string(pos_) + " of \"" + std::string(text_) + "\"",
                       {}};
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Is the reader at "name = value", the start of a parameter (as opposed to the next challenge
// or a token68 such as "abc==", whose '=' padding is followed by nothing)?
bool at_parameter(ChallengeReader& reader) {
  std::size_t start = reader.pos();
  bool is_param = !reader.token().empty();
  reader.skip_spaces();
  if (is_param && reader.peek() == '=') {
    reader.seek(reader.pos() + 1);
    reader.skip_spaces();
    is_param = !reader.at_end() && reader.peek() != ',' && reader.peek() != '=';
  } else {
    is_param = false;
  }
  reader.seek(start);
  return is_param;
}

base::Status_or_error read_parameter(ChallengeReader& reader, Challenge& challenge) {
  std::string name = base::ascii_lower(reader.token());
  reader.skip_spaces();
  if (reader.peek() != '=') return reader.error("a parameter without '='");
  reader.seek(reader.pos() + 1);
  reader.skip_spaces();
  std::string value;
  if (reader.peek() == '"') {
    auto quoted = reader.quoted_string();
    if (!quoted) return quoted.error();
    value = std::move(quoted).value();
  } else {
    value = std::string(reader.token());
    if (value.empty()) return reader.error("a parameter without a value");
  }
  challenge.params.emplace_back(std::move(name), std::move(value));
  return base::Ok{};
}

base::Status_or_error read_parameters(ChallengeReader& reader, Challenge& challenge) {
  while (true) {
    auto read = read_parameter(reader, challenge);
    if (!read) return read;
    reader.skip_spaces();
    if (reader.at_end()) return base::Ok{};
    if (reader.peek() != ',') return reader.error("junk after a parameter");
    std::size_t comma = reader.pos();
    reader.skip_separators();
    if (reader.at_end()) return base::Ok{};
    if (!at_parameter(reader)) {
      reader.seek(comma);  // the next challenge starts here
      return base::Ok{};
    }
  }
}

}  // namespace

std::optional<std::string> Challenge::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (equals_ignoring_case(key, name)) return value;
  }
  return std::nullopt;
}

base::Result<std::vector<Challenge>> parse_challenges(std::string_view header_value) {
  ChallengeReader reader(header_value);
  std::vector<Challenge> challenges;
  reader.skip_separators();
  while (!reader.at_end()) {
    Challenge challenge;
    challenge.scheme = std::string(reader.token());
    if (challenge.scheme.empty()) return reader.error("expected a scheme name");
    reader.skip_spaces();
    if (!reader.at_end() && reader.peek() != ',') {
      if (at_parameter(reader)) {
        auto read = read_parameters(reader, challenge);
        if (!read) return read.error();
      } else if (auto blob = reader.token68()) {
        challenge.token68 = std::string(*blob);
      } else {
        return reader.error("neither a token68 nor parameters");
      }
    }
    challenges.push_back(std::move(challenge));
    reader.skip_separators();
  }
  return challenges;
}

std::vector<Challenge> challenges_for(const ResponseHead& response, std::string_view scheme,
                                      bool proxy) {
  std::vector<Challenge> matching;
  for (const auto& value :
       all_headers(response.headers, proxy ? "Proxy-Authenticate" : "WWW-Authenticate")) {
    auto parsed = parse_challenges(value);
    if (!parsed) continue;
    for (auto& challenge : parsed.value()) {
      if (equals_ignoring_case(challenge.scheme, scheme)) matching.push_back(std::move(challenge));
    }
  }
  return matching;
}

}  // namespace postern::auth
