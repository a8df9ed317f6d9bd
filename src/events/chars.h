// Byte classes for the scanners of this folder (sentences, dates, event
// words): ASCII letters and digits, and the bytes of multi-byte UTF-8
// characters, which count as letters of a word. One table lookup per byte.
// Thread safety: constants only.
#pragma once

#include <array>
#include <cstdint>

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
inline char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace annals::events::chars
