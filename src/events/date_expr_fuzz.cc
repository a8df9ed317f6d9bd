// libFuzzer target: any bytes as a sentence through the date expressions,
// with and without a story date, and the sentence splitter. scripts/fuzz.sh.
#include "src/events/date_expr.h"
#include "src/events/sentences.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  annals::events::DateContext none;
  (void)annals::events::FindDateExprs(text, none);
  annals::events::DateContext dated;
  dated.story = annals::date::Date{2024, 3, 12};
  dated.future = annals::events::SpeaksOfFuture(text);
  for (const auto& d : annals::events::FindDateExprs(text, dated)) {
    if (d.begin > d.end || d.end > text.size()) __builtin_trap();
  }
  for (const auto& s : annals::events::SplitSentences(text)) {
    if (s.begin > s.end || s.end > text.size() ||
        s.end - s.begin > annals::events::kMaxSentenceBytes) {
      __builtin_trap();
    }
  }
  (void)annals::events::SpeechQuotes(text);
  return 0;
}
