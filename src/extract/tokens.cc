#include "src/extract/tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <limits>

#include "src/extract/lexicon.h"
#include "src/text/lang_data.h"

namespace annals::extract {
namespace {

// One decoded code point: its value (-1 when invalid) and its byte length.
struct Cp {
  UChar32 c = -1;
  uint32_t len = 1;
};

// A code point of two bytes or more: out of line, so that Decode, which
// most bytes of a text leave at its first test, is inlined where it is called.
[[gnu::noinline]] Cp DecodeMultibyte(std::string_view s, uint32_t i) {
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), j, static_cast<int32_t>(s.size()), c);
  return {c, static_cast<uint32_t>(j) - i};
}

inline Cp Decode(std::string_view s, uint32_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {static_cast<UChar32>(b), 1};
  return DecodeMultibyte(s, i);
}

bool IsAlpha(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return c > 0 && u_isalpha(c);
}
bool IsDigit(UChar32 c) { return c >= '0' && c <= '9'; }
bool IsAlnum(UChar32 c) { return IsAlpha(c) || IsDigit(c); }
bool IsUpper(UChar32 c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return c > 0 && u_isupper(c);
}
bool IsLower(UChar32 c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return c > 0 && u_islower(c);
}
bool IsSpace(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
         (c > 0x80 && u_isUWhiteSpace(c));
}
bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

uint16_t WordFlagsTail(std::string_view w, bool initials_dot_follows, uint16_t flags, int letters,
                       int lower, int upper, bool inner_dot);

// Flags of a word token from its text.
uint16_t WordFlags(std::string_view w, bool initials_dot_follows) {
  uint16_t flags = 0;
  int letters = 0, lower = 0, upper = 0;
  bool first = true, inner_dot = false;
  UChar32 prev = 0;
  for (uint32_t i = 0; i < w.size();) {
    Cp cp = Decode(w, i);
    if (first) {
      if (IsUpper(cp.c)) flags |= kCap;
      if (IsLower(cp.c)) flags |= kLower;
      first = false;
    }
    if (IsAlpha(cp.c)) {
      ++letters;
      if (IsLower(cp.c)) ++lower;
      if (IsUpper(cp.c)) ++upper;
      if (prev == '.' && i >= 2) inner_dot = true;
    }
    prev = cp.c;
    i += cp.len;
  }
  return WordFlagsTail(w, initials_dot_follows, flags, letters, lower, upper, inner_dot);
}

// The flags of a word from what its letters are (WordFlags).
uint16_t WordFlagsTail(std::string_view w, bool initials_dot_follows, uint16_t flags, int letters,
                       int lower, int upper, bool inner_dot) {
  if (letters >= 2 && lower == 0 && upper >= 2) flags |= kAllCaps;
  if (inner_dot && lower > 0) flags |= kDotted;
  // "I" or "I.N" (upper-case letters joined by dots) before a period.
  if (initials_dot_follows && lower == 0 && letters >= 1 && (flags & kCap)) {
    bool ok = true;
    for (size_t i = 0; i < w.size(); ++i) {
      const bool want_letter = i % 2 == 0;
      if (want_letter ? !(w[i] >= 'A' && w[i] <= 'Z') : w[i] != '.') ok = false;
    }
    if (ok && w.size() % 2 == 1 && w.size() <= 7) flags |= kInitials;
  }
  // "Name-2025": letters, a hyphen, a year 1900..2099 at the end.
  if (w.size() >= 6 && letters > 0 && w[w.size() - 5] == '-') {
    std::string_view y = w.substr(w.size() - 4);
    bool digits = true;
    for (char c : y) digits = digits && c >= '0' && c <= '9';
    if (digits && (y.substr(0, 2) == "19" || y.substr(0, 2) == "20")) flags |= kYearSuffix;
  }
  return flags;
}

// Classes of the ASCII bytes, for the tokenizer's path over ASCII text;
// each agrees with the function of its name above on code points below 0x80.
enum AsciiClass : uint8_t { kA_Alpha = 1, kA_Digit = 2, kA_Upper = 4, kA_Lower = 8, kA_Space = 16 };
constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> t{};
  for (size_t c = 'a'; c <= 'z'; ++c) t[c] = kA_Alpha | kA_Lower;
  for (size_t c = 'A'; c <= 'Z'; ++c) t[c] = kA_Alpha | kA_Upper;
  for (size_t c = '0'; c <= '9'; ++c) t[c] = kA_Digit;
  for (size_t c : {size_t{' '}, size_t{'\t'}, size_t{'\n'}, size_t{'\r'}}) t[c] = kA_Space;
  return t;
}();

// WordFlags of a word of ASCII bytes only: the same flags, read without
// decoding.
uint16_t AsciiWordFlags(std::string_view w, bool initials_dot_follows) {
  uint16_t flags = 0;
  int letters = 0, lower = 0, upper = 0;
  bool inner_dot = false;
  const uint8_t first = kAsciiClass[static_cast<unsigned char>(w[0])];
  if (first & kA_Upper) flags |= kCap;
  if (first & kA_Lower) flags |= kLower;
  for (size_t i = 0; i < w.size(); ++i) {
    const uint8_t c = kAsciiClass[static_cast<unsigned char>(w[i])];
    if (c & kA_Alpha) {
      ++letters;
      lower += (c & kA_Lower) ? 1 : 0;
      upper += (c & kA_Upper) ? 1 : 0;
      if (i >= 2 && w[i - 1] == '.') inner_dot = true;
    }
  }
  return WordFlagsTail(w, initials_dot_follows, flags, letters, lower, upper, inner_dot);
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* tokens) {
  tokens->clear();
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max() - 1);
  }
  const auto n = static_cast<uint32_t>(text.size());
  uint32_t i = 0;
  uint16_t pending = 0;  // space / newline flags for the next token
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      // ASCII: the classes of the table, no decoding.
      const uint8_t cls = kAsciiClass[b0];
      if (cls & kA_Space) {
        pending |= kSpaceBefore;
        if (b0 == '\n') pending |= kNewlineBefore;
        ++i;
        continue;
      }
      if (!(cls & (kA_Alpha | kA_Digit))) {
        tokens->push_back({i, i + 1, TokenKind::kPunct, pending});
        pending = 0;
        ++i;
        continue;
      }
    }
    Cp cp = Decode(text, i);
    if (IsSpace(cp.c)) {
      pending |= kSpaceBefore;
      if (cp.c == '\n') pending |= kNewlineBefore;
      i += cp.len;
      continue;
    }
    if (!IsAlnum(cp.c)) {
      tokens->push_back({i, i + cp.len, TokenKind::kPunct, pending});
      pending = 0;
      i += cp.len;
      continue;
    }
    // A word: alphanumerics joined by single inner - . / & ' when an
    // alphanumeric follows; a trailing "'s" is a possessive token.
    const uint32_t begin = i;
    uint32_t end = i;
    uint32_t possessive_end = 0;
    bool ascii = true;  // every byte of the word so far below 0x80
    while (i < n) {
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x80 && (kAsciiClass[b] & (kA_Alpha | kA_Digit))) {
        end = ++i;
        continue;
      }
      Cp c = Decode(text, i);
      if (b >= 0x80) ascii = false;
      if (IsAlnum(c.c)) {
        i += c.len;
        end = i;
        continue;
      }
      if (c.c == '-' || c.c == '.' || c.c == '/' || c.c == '&' || IsApostrophe(c.c) ||
          c.c == 0x2010 || c.c == 0x2011) {
        const uint32_t after = i + c.len;
        if (after >= n) break;
        Cp next = Decode(text, after);
        if (!IsAlnum(next.c)) break;
        if (IsApostrophe(c.c) && (text[after] == 's' || text[after] == 'S')) {
          const uint32_t after_s = after + 1;
          if (after_s >= n || !IsAlnum(Decode(text, after_s).c)) {
            possessive_end = after_s;
            break;
          }
        }
        i = after;
        continue;
      }
      break;
    }
    std::string_view w = text.substr(begin, end - begin);
    const bool dot_follows = end < n && text[end] == '.';
    const uint16_t flags = ascii ? AsciiWordFlags(w, dot_follows) : WordFlags(w, dot_follows);
    Token t{begin, end, IsDigit(Decode(text, begin).c) ? TokenKind::kNumber : TokenKind::kWord,
            static_cast<uint16_t>(pending | flags)};
    tokens->push_back(t);
    pending = 0;
    if (possessive_end != 0) {
      tokens->push_back({end, possessive_end, TokenKind::kPossessive, 0});
      i = possessive_end;
    } else {
      i = end;
    }
  }
}

void AppendLower(std::string_view w, std::string* out) {
  for (uint32_t i = 0; i < w.size();) {
    const auto b = static_cast<unsigned char>(w[i]);
    if (b < 0x80) {
      out->push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    Cp cp = Decode(w, i);
    if (cp.c < 0) {
      ++i;
      continue;
    }
    UChar32 l = u_foldCase(cp.c, U_FOLD_CASE_DEFAULT);
    uint8_t buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, static_cast<uint32_t>(l), err);
    if (!err) out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
    i += cp.len;
  }
}

bool IsCyrillicWord(std::string_view lower) {
  // Cyrillic letters U+0400..U+04FF are the UTF-8 lead bytes 0xD0..0xD3.
  for (char c : lower) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0xD0 && b <= 0xD3) return true;
  }
  return false;
}

void AppendInflectedKey(std::string_view lower, std::string* out) {
  // One key for a word's cases: the longest case ending of
  // data/lang/ru/entity_name_endings.tsv that leaves three letters is
  // dropped. Not the Snowball stem (text::Stem): it cuts "беларусь" to
  // "белар" (a reflexive verb's "сь") but "беларуси" to "беларус", and keeps
  // "дубров" of "Дуброва" but "дубр" of "Дубров"; names need one key.
  static const std::vector<std::string_view> kEndings = [] {
    std::vector<std::string_view> e = text::LangWords("ru", "entity_name_endings");
    std::stable_sort(e.begin(), e.end(),
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
    return e;
  }();
  for (std::string_view end : kEndings) {
    // Cyrillic letters are two bytes: three letters stay when 6 bytes do.
    if (lower.size() >= end.size() + 6 && lower.ends_with(end)) {
      out->append(lower.substr(0, lower.size() - end.size()));
      return;
    }
  }
  out->append(lower);
}

void AppendTokenKey(std::string_view w, std::string* out) {
  std::string lower;
  AppendLower(w, &lower);
  size_t start = 0;
  bool first = true;
  auto part = [&](size_t end) {
    if (end > start) {
      if (!first) out->push_back(' ');
      std::string_view w = std::string_view(lower).substr(start, end - start);
      // Only words of these lengths have a variant (lexicon.h SpellingVariant).
      const bool maybe = w.size() == 2 || (w.size() >= 6 && w.size() <= 13);
      if (IsCyrillicWord(w)) {
        AppendInflectedKey(w, out);
      } else {
        out->append(maybe ? SpellingVariant(w) : w);
      }
      first = false;
    }
  };
  for (size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    if (c == '-' && i == 2 && lower.compare(0, 5, "co-op") == 0) {
      lower.erase(i, 1);
      --i;
      continue;
    }
    if (c == '-' || c == '.' || c == '/' || c == '&' || c == '\'') {
      part(i);
      start = i + 1;
    } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < lower.size() &&
               static_cast<unsigned char>(lower[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(lower[i + 2]) == 0x99 ||
                static_cast<unsigned char>(lower[i + 2]) == 0x90 ||
                static_cast<unsigned char>(lower[i + 2]) == 0x91)) {
      part(i);  // ’ ‐ ‑
      start = i + 3;
      i += 2;
    }
  }
  part(lower.size());
}

void SplitSentences(std::string_view text, std::vector<Token>* tokens,
                    std::vector<Sentence>* sentences) {
  sentences->clear();
  std::vector<Token>& t = *tokens;
  const auto n = static_cast<uint32_t>(t.size());
  uint32_t start = 0;
  std::string lower;
  auto close = [&](uint32_t end_tok) {
    if (end_tok <= start) return;
    sentences->push_back({start, end_tok, t[start].begin, t[end_tok - 1].end});
    start = end_tok;
  };
  for (uint32_t k = 0; k < n; ++k) {
    if (k > start && t[k].Has(kNewlineBefore)) close(k);
    if (k - start >= kMaxSentenceTokens) close(k);
    if (t[k].kind != TokenKind::kPunct) continue;
    std::string_view p = TokenText(text, t[k]);
    if (p != "." && p != "!" && p != "?" && p != "\xE2\x80\xA6") continue;
    // A closing quote or bracket right after the mark stays in this sentence.
    uint32_t end = k + 1;
    while (end < n && t[end].kind == TokenKind::kPunct && !t[end].Has(kSpaceBefore)) {
      std::string_view q = TokenText(text, t[end]);
      if (q == "\"" || q == "\xE2\x80\x9D" || q == "\xE2\x80\x99" || q == ")" || q == "'" ||
          q == "\xC2\xBB") {
        ++end;
      } else {
        break;
      }
    }
    if (end < n && !t[end].Has(kSpaceBefore)) continue;  // "4.15", "A.B"
    if (p == "." && k > 0 && t[k - 1].kind == TokenKind::kWord && t[k - 1].end == t[k].begin) {
      const Token& w = t[k - 1];
      if (w.Has(kInitials)) continue;
      lower.clear();
      AppendLower(TokenText(text, w), &lower);
      if (IsAbbreviation(lower)) continue;
    }
    if (end < n && t[end].Has(kLower)) continue;  // "etc. and", "approx. five"
    close(end);
    k = end - 1;
  }
  close(n);
  for (const Sentence& s : *sentences) {
    for (uint32_t k = s.first_token; k < s.end_token; ++k) {
      if (t[k].kind == TokenKind::kWord || t[k].kind == TokenKind::kNumber) {
        t[k].flags |= kSentenceStart;
        break;
      }
    }
  }
}

}  // namespace annals::extract
