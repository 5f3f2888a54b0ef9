#include "runtime/capture/regex.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <new>
#include <string>

#include "runtime/capture/errc.hpp"

namespace postern::capture {

// Owns the compiled code and the match context that carries the limits. Neither is modified
// after construction, which is what makes sharing them between threads safe (pcre2api(3),
// "Multithreading").
struct Regex::Compiled {
  std::string pattern;
  pcre2_code* code = nullptr;
  pcre2_match_context* context = nullptr;

  Compiled() = default;
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;
  ~Compiled() {
    pcre2_match_context_free(context);
    pcre2_code_free(code);
  }
};

namespace {

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  const int length = pcre2_get_error_message(code, buffer, sizeof buffer);
  if (length < 0) return "error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

base::Error bad_pattern(std::string_view field, const std::string& why) {
  return base::Error{errc::bad_option, std::string(field) + ": " + why,
                     "fix the regular expression (PCRE2 syntax) or leave the field empty"};
}

}  // namespace

base::Result<Regex> Regex::compile(std::string_view pattern, std::string_view field) {
  if (pattern.size() > kMaxPatternBytes)
    return bad_pattern(field,
                       "the pattern is longer than " + std::to_string(kMaxPatternBytes) + " bytes");
  auto compiled = std::make_shared<Compiled>();
  compiled->pattern = std::string(pattern);
  int error = 0;
  PCRE2_SIZE offset = 0;
  // NEVER_UTF: a "(*UTF)" prefix would make every URL with a stray byte an error at match time;
  // refusing it here keeps matching on plain bytes, as documented.
  compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                 PCRE2_NEVER_UTF, &error, &offset, nullptr);
  if (compiled->code == nullptr)
    return bad_pattern(field, pcre2_message(error) + " at offset " + std::to_string(offset));
  // JIT makes the common case fast; where it is unavailable the interpreter is used, and both
  // honour the match limit.
  (void)pcre2_jit_compile(compiled->code, PCRE2_JIT_COMPLETE);
  compiled->context = pcre2_match_context_create(nullptr);
  if (compiled->context == nullptr) throw std::bad_alloc();
  pcre2_set_match_limit(compiled->context, kMatchLimit);
  pcre2_set_depth_limit(compiled->context, kDepthLimit);
  return Regex(std::move(compiled));
}

MatchResult Regex::search(std::string_view subject) const {
  // One ovector pair is all a yes/no answer needs; the match data is per call, so concurrent
  // searches never share it.
  std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create(1, nullptr), &pcre2_match_data_free);
  if (!data) return MatchResult::gave_up;
  const char* bytes = subject.empty() ? "" : subject.data();  // never a null subject
  const int rc = pcre2_match(compiled_->code, reinterpret_cast<PCRE2_SPTR>(bytes), subject.size(),
                             0, 0, data.get(), compiled_->context);
  if (rc >= 0) return MatchResult::match;
  if (rc == PCRE2_ERROR_NOMATCH) return MatchResult::no_match;
  return MatchResult::gave_up;
}

const std::string& Regex::pattern() const {
  return compiled_->pattern;
}

}  // namespace postern::capture
