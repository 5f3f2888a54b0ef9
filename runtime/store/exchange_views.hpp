#pragma once
// The read side the history window needs: a session's exchanges searched and paged, the
// Overview counts (seed 000: "by method, domain, data mode, or return status code"), and the
// cookie lines captured in a session.

#include <cstdint>
#include <vector>

#include "base/result.hpp"
#include "runtime/store/records.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// Largest ExchangeQuery::per_page accepted.
inline constexpr std::size_t kMaxPerPage = 1000;

/// Adds postern_contains(haystack, needle) to `db`: 1 when the bytes of `needle` occur in
/// `haystack`, ASCII letters compared without case. Works on BLOBs with NUL and invalid UTF-8,
/// which LIKE and instr() on TEXT do not.
void register_search_function(Database& db);

/// One page of a session's exchanges matching `query`, oldest first (start time, then id).
base::Result<ExchangePage> list_exchanges(Database& db, const ExchangeQuery& query);

/// The Overview counts of session `session_id`.
base::Result<Overview> session_overview(Database& db, std::int64_t session_id);

/// The Cookie and Set-Cookie lines captured in session `session_id`, oldest first, at most
/// `limit` of them.
base::Result<std::vector<CapturedCookie>> session_cookies(Database& db, std::int64_t session_id,
                                                          std::size_t limit);

}  // namespace postern::store
