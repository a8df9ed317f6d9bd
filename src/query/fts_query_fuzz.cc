// libFuzzer target: any bytes as a search query through the translation to
// FTS5; what it gives must be no longer than the limits allow. scripts/fuzz.sh.
#include "src/query/fts_query.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view q(reinterpret_cast<const char*>(data), size);
  // As typed (no word searched in another script too): each byte is at most
  // quoted, doubled and spaced.
  annals::query::FtsQueryLimits typed;
  typed.max_cross_script_terms = 0;
  auto fts = annals::query::ToFtsQuery(q, typed);
  if (fts && fts->size() > 4 * q.size() + 8) __builtin_trap();
  // The forms in another script add at most max_cross_script_terms terms,
  // each one word of the query spelled anew (a Latin letter gives at most
  // two Cyrillic letters, 4 bytes) with a case ending and " OR " (16 bytes
  // hold both, and a group's parentheses).
  const annals::query::FtsQueryLimits limits;
  auto forms = annals::query::ToFtsQuery(q, limits);
  if (forms &&
      forms->size() > 4 * q.size() + 8 + limits.max_cross_script_terms * (4 * q.size() + 16)) {
    __builtin_trap();
  }
  return 0;
}
