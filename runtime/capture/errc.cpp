#include "runtime/capture/errc.hpp"

#include <string>

namespace postern::capture {

namespace {

class CaptureCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.capture"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::bad_option:
        return "a capture option has a bad value";
      case errc::no_active_session:
        return "no debug session is running or paused";
      case errc::no_collection_writer:
        return "this runtime cannot write collections";
    }
    return "unknown capture error";
  }
};

}  // namespace

const std::error_category& capture_category() {
  static const CaptureCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), capture_category()};
}

}  // namespace postern::capture
