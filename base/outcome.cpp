#include "base/outcome.hpp"

#include <algorithm>
#include <cctype>

namespace postern::base {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::done:
      return "done";
    case Status::already:
      return "already";
    case Status::skipped:
      return "skipped";
    case Status::failed:
      return "failed";
  }
  return "unknown";
}

namespace {

bool needs_quotes(const std::string& word) {
  if (word.empty()) return true;
  return std::any_of(word.begin(), word.end(), [](char c) {
    return !(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
             c == '/' || c == ':' || c == '=' || c == ',' || c == '+' || c == '@');
  });
}

}  // namespace

std::string shell_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& word : argv) {
    if (!line.empty()) line += ' ';
    if (!needs_quotes(word)) {
      line += word;
      continue;
    }
    // POSIX single quotes: everything literal, a quote itself becomes '\''.
    line += '\'';
    for (char c : word)
      line += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

namespace {
Outcome make(Status status, std::string store, std::string target, std::string cause) {
  Outcome outcome;
  outcome.status = status;
  outcome.store = std::move(store);
  outcome.target = std::move(target);
  outcome.cause = std::move(cause);
  return outcome;
}

}  // namespace

Outcome done(std::string store, std::string target, std::string cause) {
  return make(Status::done, std::move(store), std::move(target), std::move(cause));
}
Outcome already(std::string store, std::string target, std::string cause) {
  return make(Status::already, std::move(store), std::move(target), std::move(cause));
}
Outcome skipped(std::string store, std::string target, std::string cause) {
  return make(Status::skipped, std::move(store), std::move(target), std::move(cause));
}
Outcome failed(std::string store, std::string target, std::string code, std::string cause,
               std::string remedy) {
  Outcome outcome = make(Status::failed, std::move(store), std::move(target), std::move(cause));
  outcome.code = std::move(code);
  outcome.remedy = std::move(remedy);
  return outcome;
}

bool all_ok(const std::vector<Outcome>& outcomes) {
  return std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.ok(); });
}

}  // namespace postern::base
