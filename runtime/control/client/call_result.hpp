#pragma once
// What a control-API call gives its caller: the answer, or a CallFailure that keeps the API's own
// error code (NOT_FOUND, SESSION_ACTIVE, ...) next to ours (RUNTIME_NOT_RUNNING, BAD_RESPONSE,
// ...), so a front end can show either exactly and people get a sentence with a next step.

#include <string>
#include <utility>
#include <variant>

namespace postern::control_client {

/// Why a call failed.
struct CallFailure {
  std::string code;     ///< stable: the API's error code, or a control_errc's stable_code()
  std::string message;  ///< a sentence naming what failed
  std::string remedy;   ///< what to do next; may be empty (front ends add their own)
  int status = 0;       ///< the HTTP status of an error answer; 0 when none came
};

/// Either a T or a CallFailure; the same small surface as base::Result.
template <class T>
class CallResult {
 public:
  CallResult(T value) : state_(std::move(value)) {}                // NOLINT: implicit by design
  CallResult(CallFailure failure) : state_(std::move(failure)) {}  // NOLINT: implicit by design

  /// True when the call succeeded.
  bool has_value() const { return std::holds_alternative<T>(state_); }
  /// True when the call succeeded.
  explicit operator bool() const { return has_value(); }
  /// The answer; only when has_value().
  T& value() & { return std::get<T>(state_); }
  /// The answer; only when has_value().
  const T& value() const& { return std::get<T>(state_); }
  /// The failure; only when !has_value().
  const CallFailure& error() const { return std::get<CallFailure>(state_); }

 private:
  std::variant<T, CallFailure> state_;
};

}  // namespace postern::control_client
