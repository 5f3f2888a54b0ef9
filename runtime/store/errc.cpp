#include "runtime/store/errc.hpp"

#include <string>

namespace postern::store {

namespace {

class StoreCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.store"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::cannot_open:
        return "the capture database cannot be opened";
      case errc::not_a_database:
        return "the capture database is damaged or is not a SQLite file";
      case errc::newer_schema:
        return "the capture database was written by a newer Postern";
      case errc::busy:
        return "the capture database is locked by another connection";
      case errc::disk_full:
        return "the disk holding the capture database is full";
      case errc::read_only:
        return "the capture database is read-only";
      case errc::sqlite_failure:
        return "a SQLite call failed";
      case errc::not_found:
        return "no such session or exchange";
      case errc::session_active:
        return "another debug session is already running or paused";
      case errc::invalid_state:
        return "the debug session cannot change to that state";
      case errc::invalid_argument:
        return "an invalid value was given to the store";
      case errc::writer_stopped:
        return "the capture writer has stopped";
    }
    return "unknown store error";
  }
};

}  // namespace

const std::error_category& store_category() {
  static const StoreCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), store_category()};
}

}  // namespace postern::store
