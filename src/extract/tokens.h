// Tokens and sentences of a story's text, as byte offsets into it: the cursor
// the entity finder walks. Words keep their inner hyphens, dots, slashes and
// apostrophes ("Anti-Piracy", "Vesta.Info", "X/REC/31/7", "d'Ivoire");
// a possessive "'s" is a token of its own; every other punctuation mark is one
// token. Sentences end at line breaks and at . ! ? before a new sentence, but
// not after abbreviations and initials ("St.", "I.V.").
// Thread safety: reentrant. Never fails: invalid UTF-8 bytes are punctuation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals::extract {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kPossessive };

enum TokenFlag : uint16_t {
  kCap = 1,             // starts with an upper-case letter
  kAllCaps = 2,         // two or more letters, none lower case ("NDA", "X/REC/31/7")
  kInitials = 4,        // "I" or "I.N" followed by "." ("I.V. Smith")
  kYearSuffix = 8,      // letters then "-YYYY" ("Harbour-2024")
  kDotted = 16,         // letters with an inner dot between letters ("Vesta.Info")
  kSentenceStart = 32,  // first word of its sentence
  kNewlineBefore = 64,  // a line break lies between this token and the previous one
  kSpaceBefore = 128,   // white space lies between this token and the previous one
  kLower = 256,         // starts with a lower-case letter
};

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  TokenKind kind = TokenKind::kPunct;
  uint16_t flags = 0;
  bool Has(TokenFlag f) const { return (flags & f) != 0; }
};

struct Sentence {
  uint32_t first_token = 0;  // [first_token, end_token)
  uint32_t end_token = 0;
  uint32_t begin = 0;  // byte offsets in the text
  uint32_t end = 0;
};

// Tokens of `text` (at most 2^32 - 1 bytes are read), appended to *tokens after clearing it.
void Tokenize(std::string_view text, std::vector<Token>* tokens);

// The most tokens one sentence holds. The readers of a sentence compare its
// names with each other, so a text without sentence breaks (a 50 MB page on
// one line) would cost the square of its size; a longer run is cut into
// sentences of this many tokens. News sentences stay far below it (the
// longest in ../shared/data has 114 words).
inline constexpr uint32_t kMaxSentenceTokens = 500;

// Sentences over `tokens` of `text`, none longer than kMaxSentenceTokens;
// marks kSentenceStart on each first word.
void SplitSentences(std::string_view text, std::vector<Token>* tokens,
                    std::vector<Sentence>* sentences);

// Lower-cased token text (Unicode simple case folding), appended to *out.
void AppendLower(std::string_view token_text, std::string* out);

// The folded key of one word token, appended to *out: lower case, inner
// - . / & ' turned into spaces ("co-operation" kept whole as "cooperation"),
// each part through SpellingVariant (lexicon.h).
void AppendTokenKey(std::string_view token_text, std::string* out);

// True when a lower-case word holds a Cyrillic letter.
bool IsCyrillicWord(std::string_view lower);
// The key of a lower-case Cyrillic word, shared by its cases ("прага",
// "праге" -> "праг"), appended to *out: AppendTokenKey's form of such words.
void AppendInflectedKey(std::string_view lower, std::string* out);

inline std::string_view TokenText(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

}  // namespace annals::extract
