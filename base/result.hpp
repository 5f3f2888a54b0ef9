#pragma once
// Result<T>: a value or an Error that names what failed and what to do. Used where a library
// function has one clear answer (load a file, parse a document) rather than a list of outcomes.

#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace postern::base {

/// A failure that a front end can show as a sentence: a code, the message naming the file or
/// target, and the remedy.
struct Error {
  std::error_code code;  ///< machine-readable cause, from a library's own category
  std::string message;   ///< what went wrong, naming the file or target
  std::string remedy;    ///< what the user can do; may be empty
};

/// Either a T or an Error. Deliberately small: has_value(), value(), error().
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

/// Result for functions that return nothing on success.
struct Ok {};
using Status_or_error = Result<Ok>;

}  // namespace postern::base
