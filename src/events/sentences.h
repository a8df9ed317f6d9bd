// Sentences and quotations of a story's text, as byte spans.
// Sentences end at ".", "!" or "?" (with closing quotes or brackets) before
// white space and an upper-case letter, a digit, a quote or a bracket, but
// not after abbreviations ("St.", "Gen.", "No.") or initials ("I.N."); at
// paragraph breaks (a blank line); and at a line break that follows
// sentence-final punctuation or a colon or precedes a list item. Other line
// breaks (hard-wrapped text) do not end a sentence.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace annals::events {

struct TextSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const TextSpan&) const = default;
};

struct SentenceSpan {
  uint32_t begin = 0;  // first non-space byte
  uint32_t end = 0;    // one past the last non-space byte
  int paragraph = 0;   // 0 for the first paragraph (the lead)
  bool operator==(const SentenceSpan&) const = default;
};

// The longest sentence read whole. Every step over one sentence is at worst
// quadratic in its words and names, so a text without sentence breaks (a
// 50 MB page on one line) would cost the square of its size; a longer run is
// cut at a space into pieces of at most this. News sentences stay far below
// it: the longest in ../shared/data is 1,294 bytes (78 words).
inline constexpr uint32_t kMaxSentenceBytes = 3000;

// The sentences of `text` in order; empty ones are skipped; none is longer
// than kMaxSentenceBytes. Texts over 4 GiB are cut at 4 GiB.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

// Quoted speech in `text`: spans between “ ” « » or straight double quotes
// that hold a sentence or at least eight words (short quoted names and
// titles such as “Sea Shield-2024” are not speech). A quote left open runs
// to the end of its paragraph.
std::vector<TextSpan> SpeechQuotes(std::string_view text);

}  // namespace annals::events
