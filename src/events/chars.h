// Letters for the scanners of this folder (sentences, dates, event words).
// ASCII letters and digits are classed by one table lookup per byte; the
// bytes of multi-byte UTF-8 characters count as letters of a word, and where
// their case matters (a Cyrillic capital starts a name or a sentence) they
// are decoded and classed by ICU. English text never leaves the ASCII path.
// Thread safety: constants and pure functions only.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace annals::events::chars {

inline constexpr uint8_t kUpperBit = 1;
inline constexpr uint8_t kLowerBit = 2;
inline constexpr uint8_t kDigitBit = 4;
inline constexpr uint8_t kHighBit = 8;  // a byte of a multi-byte UTF-8 character

inline constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kUpperBit;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kLowerBit;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = kDigitBit;
  for (int c = 0x80; c < 0x100; ++c) t[static_cast<size_t>(c)] = kHighBit;
  return t;
}();

inline uint8_t Class(char c) { return kClass[static_cast<unsigned char>(c)]; }
inline bool IsUpper(char c) { return Class(c) & kUpperBit; }
inline bool IsLower(char c) { return Class(c) & kLowerBit; }
inline bool IsDigit(char c) { return Class(c) & kDigitBit; }
inline bool IsAlpha(char c) { return Class(c) & (kUpperBit | kLowerBit); }
inline bool IsWordByte(char c) { return Class(c) != 0; }
inline bool IsHigh(char c) { return Class(c) & kHighBit; }
inline char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }

// The lead byte of a Cyrillic letter of the basic block (U+0400..U+04FF).
inline bool IsCyrillicLead(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b == 0xD0 || b == 0xD1 || b == 0xD2 || b == 0xD3;
}

// The code point at s[i] and its length in *len (1 for an invalid byte,
// whose code point is then negative).
inline UChar32 CodePointAt(std::string_view s, size_t i, size_t* len) {
  int32_t k = static_cast<int32_t>(i);
  const auto n = static_cast<int32_t>(std::min<size_t>(s.size(), i + 4));
  UChar32 c = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  U8_NEXT(p, k, n, c);
  *len = static_cast<size_t>(k) - i;
  return c;
}

// An upper-case letter starts at s[i]: ASCII by the table, others by ICU
// ("В" of "В.Хромин" is one).
inline bool IsUpperAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  if (!IsHigh(s[i])) return IsUpper(s[i]);
  size_t len = 0;
  const UChar32 c = CodePointAt(s, i, &len);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// A letter (any script) starts at s[i].
inline bool IsLetterAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  if (!IsHigh(s[i])) return IsAlpha(s[i]);
  size_t len = 0;
  const UChar32 c = CodePointAt(s, i, &len);
  return c >= 0 && u_isalpha(c);
}

// `w` lower-cased letter by letter by ICU's simple case mapping; invalid
// bytes are kept.
inline std::string LowerUtf8ByIcu(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  size_t i = 0;
  while (i < w.size()) {
    if (!IsHigh(w[i])) {
      out.push_back(Lower(w[i++]));
      continue;
    }
    size_t len = 0;
    const UChar32 c = CodePointAt(w, i, &len);
    if (c < 0) {
      out.push_back(w[i++]);
      continue;
    }
    const UChar32 l = u_tolower(c);
    uint8_t buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, static_cast<uint32_t>(l), error);
    if (error) {
      out.append(w.substr(i, len));
    } else {
      out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
    }
    i += len;
  }
  return out;
}

// The same as LowerUtf8ByIcu, with the letters of ASCII and of the Cyrillic
// block's first part (U+0400..U+045F: the Russian, Belarusian, Ukrainian and
// Serbian alphabets) mapped by hand: ICU's per-letter calls made Russian
// event text four times slower to scan than English (issue 25's speed gate).
// lexicon_test checks the hand mapping against ICU for every such letter.
inline std::string LowerUtf8(std::string_view w) {
  std::string out(w);
  size_t i = 0;
  while (i < out.size()) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x80) {
      out[i] = Lower(out[i]);
      ++i;
      continue;
    }
    if ((b == 0xD0 || b == 0xD1) && i + 1 < out.size()) {
      const auto c = static_cast<unsigned char>(out[i + 1]);
      if (b == 0xD0 && c >= 0x90 && c <= 0x9F) {  // А..П -> а..п
        out[i + 1] = static_cast<char>(c + 0x20);
        i += 2;
        continue;
      }
      if (b == 0xD0 && c >= 0xA0 && c <= 0xAF) {  // Р..Я -> р..я
        out[i] = '\xD1';
        out[i + 1] = static_cast<char>(c - 0x20);
        i += 2;
        continue;
      }
      if (b == 0xD0 && c >= 0x80 && c <= 0x8F) {  // Ѐ..Џ -> ѐ..џ
        out[i] = '\xD1';
        out[i + 1] = static_cast<char>(c + 0x10);
        i += 2;
        continue;
      }
      if ((b == 0xD0 && c >= 0xB0 && c <= 0xBF) || (b == 0xD1 && c >= 0x80 && c <= 0x9F)) {
        i += 2;  // already lower case
        continue;
      }
    }
    // Any other character by ICU: in place when its lower case has the same
    // length (punctuation, most letters); else the rest of the text.
    size_t len = 0;
    const UChar32 u = CodePointAt(out, i, &len);
    if (u < 0) {
      ++i;
      continue;
    }
    const UChar32 l = u_tolower(u);
    if (l == u) {
      i += len;
      continue;
    }
    uint8_t buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, static_cast<uint32_t>(l), error);
    if (error || static_cast<size_t>(n) != len) {
      return out.substr(0, i) + LowerUtf8ByIcu(std::string_view(out).substr(i));
    }
    for (size_t k = 0; k < len; ++k) out[i + k] = static_cast<char>(buf[k]);
    i += len;
  }
  return out;
}

}  // namespace annals::events::chars
