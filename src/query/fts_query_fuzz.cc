// libFuzzer target: any bytes as a search query through the translation to
// FTS5; what it gives must be no longer than the limits allow. scripts/fuzz.sh.
#include "src/query/fts_query.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view q(reinterpret_cast<const char*>(data), size);
  auto fts = annals::query::ToFtsQuery(q);
  // Each byte is at most quoted, doubled and spaced: bounded output.
  if (fts && fts->size() > 4 * q.size() + 8) __builtin_trap();
  return 0;
}
