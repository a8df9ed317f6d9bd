#include "src/common/text.h"

#include <cctype>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <optional>

#include <unicode/bytestream.h>

#include "src/common/xxhash_inline.h"

namespace annals::text {
namespace {

// Decodes one code point at s[*i], advancing *i; returns -1 on invalid UTF-8.
UChar32 Next(std::string_view s, int32_t* i) {
  UChar32 c;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  U8_NEXT(p, *i, static_cast<int32_t>(s.size()), c);
  return c;
}

void Append(std::string* out, UChar32 c) {
  if (c < 0 || c > 0x10FFFF) return;
  uint8_t buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, static_cast<uint32_t>(c), err);
  if (!err) out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

bool IsWordChar(UChar32 c) { return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC); }

uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr uint64_t kOneBytes = 0x0101010101010101ULL;

// The first index from `i` on whose byte is not ASCII (or s.size()), eight
// bytes at a time.
size_t AsciiRun(std::string_view s, size_t i) {
  while (i + 8 <= s.size() && (Load8(s.data() + i) & kHighBits) == 0) i += 8;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// The bytes of `m` with bit 7 set, where no other bit is set: summed by a
// multiply (std::popcount is a library call without -mpopcnt).
size_t CountHighBits(uint64_t m) { return static_cast<size_t>(((m >> 7) * kOneBytes) >> 56); }

// Bit 7 set in each byte of `x` that lies in [lo, hi], for bytes below 0x80
// (no carry or borrow crosses a byte: b + 0x80 - lo and 0x80 + hi - b stay
// within 1..0xFF).
constexpr uint64_t InRange(uint64_t x, uint8_t lo, uint8_t hi) {
  return (x + (0x80 - lo) * kOneBytes) & ((0x80 + hi) * kOneBytes - x) & kHighBits;
}

// Whether all eight bytes are printable ASCII (0x20..0x7F).
bool AllPrintableAscii(uint64_t x) {
  // No high bit; and no byte below 0x20 (x - 0x20 borrows into the high bit
  // of a byte below 0x20 only, given none has it set: Bit Twiddling Hacks'
  // "hasless").
  return ((x & kHighBits) | ((x - 0x20 * kOneBytes) & ~x & kHighBits)) == 0;
}

}  // namespace

bool IsValidUtf8(std::string_view in) {
  if (in.size() > static_cast<size_t>(INT32_MAX)) return false;
  const int32_t n = static_cast<int32_t>(in.size());
  int32_t i = static_cast<int32_t>(AsciiRun(in, 0));
  while (i < n) {
    if (static_cast<unsigned char>(in[static_cast<size_t>(i)]) < 0x80) {
      i = static_cast<int32_t>(AsciiRun(in, static_cast<size_t>(i)));
      continue;
    }
    if (Next(in, &i) < 0) return false;
  }
  return true;
}

namespace {

// Whether `in` is NFC (*nfc_out: the ICU normalizer, for the caller to
// normalize with otherwise); nullopt on invalid UTF-8 or when ICU fails.
std::optional<bool> IsNfc(std::string_view in, const icu::Normalizer2** nfc_out) {
  // Fast paths: ASCII is NFC, and most pages are NFC already.
  const size_t ascii = AsciiRun(in, 0);
  if (ascii == in.size()) return true;
  if (!IsValidUtf8(in.substr(ascii))) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  *nfc_out = nfc;
  // ASCII is NFC, and an ASCII character composes with nothing before it
  // and only with a mark right after it: the text is NFC when each run of
  // other characters is, with the ASCII character before it. Runs less
  // than 64 bytes apart are checked together (fewer calls).
  bool normalized = true;
  for (size_t b = ascii; b < in.size() && normalized;) {
    const size_t from = b > 0 ? b - 1 : 0;
    size_t e = b;
    while (true) {
      while (e < in.size() && static_cast<unsigned char>(in[e]) >= 0x80) ++e;
      const size_t next = AsciiRun(in, e);
      if (next == in.size() || next - e >= 64) {
        b = next;
        break;
      }
      e = next;
    }
    const icu::StringPiece window(in.data() + from, static_cast<int32_t>(e - from));
    normalized = nfc->isNormalizedUTF8(window, status) && U_SUCCESS(status);
  }
  return normalized;
}

// NFC of valid UTF-8 `in`, or false.
bool Normalized(const icu::Normalizer2* nfc, std::string_view in, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::string result;
  icu::StringByteSink<std::string> sink(&result, static_cast<int32_t>(in.size()));
  const icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return false;
  *out = std::move(result);
  return true;
}

}  // namespace

bool NormalizeNfc(std::string_view in, std::string* out) {
  const icu::Normalizer2* nfc = nullptr;
  const std::optional<bool> is_nfc = IsNfc(in, &nfc);
  if (!is_nfc) return false;
  if (*is_nfc) {
    out->assign(in);
    return true;
  }
  return Normalized(nfc, in, out);
}

bool NormalizeNfc(std::string* text) {
  const icu::Normalizer2* nfc = nullptr;
  const std::optional<bool> is_nfc = IsNfc(*text, &nfc);
  if (!is_nfc) return false;
  return *is_nfc || Normalized(nfc, *text, text);
}

std::string FoldSpaces(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(in.size());
  auto kept = [](unsigned char b) { return (b >= 0x20 && b < 0x80) || b == '\n'; };
  while (i < n) {
    // A run of bytes kept as they are (most of a page) is copied at once.
    int32_t j = i;
    while (true) {
      while (j + 8 <= n && AllPrintableAscii(Load8(in.data() + j))) j += 8;
      // A line end (kept) or a byte that is not: eight bytes one at a time.
      const int32_t stop = std::min(n, j + 8);
      while (j < stop && kept(static_cast<unsigned char>(in[static_cast<size_t>(j)]))) ++j;
      if (j < stop || j == n) break;
    }
    if (j > i) {
      out.append(in.data() + i, static_cast<size_t>(j - i));
      i = j;
      continue;
    }
    const unsigned char b = static_cast<unsigned char>(in[static_cast<size_t>(i)]);
    if (b < 0x80) {
      ++i;
      if (b == '\r') {
        out.push_back('\n');
        if (i < n && in[static_cast<size_t>(i)] == '\n') ++i;
      } else if (b == '\n' || b == '\t' || b >= 0x20) {
        out.push_back(b == '\t' ? ' ' : static_cast<char>(b));
      }
      continue;
    }
    UChar32 c = Next(in, &i);
    if (c < 0) continue;
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD) {
      continue;  // zero-width characters and soft hyphens
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85) {
      out.push_back('\n');
    } else if (u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR) {
      out.push_back(' ');
    } else if (u_charType(c) == U_CONTROL_CHAR) {
      continue;
    } else {
      Append(&out, c);
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

void AppendSqueezed(std::string_view s, std::string* out) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  s = Trim(s);
  // Most of a line is copied as it is: only where a space is not a single
  // ' ' is what was scanned copied and the run of spaces replaced.
  size_t from = 0;  // not copied yet
  for (size_t i = 0; i < s.size(); ++i) {
    // Cheap test first, eight bytes at a time: no byte below 0x20 (tab and
    // line ends are) and no two spaces side by side (flagged pairs may be
    // false alarms, which the test byte by byte below settles). The first
    // seven bytes are then passed over: none of them is a run of spaces.
    while (i + 8 <= s.size()) {
      const uint64_t x = Load8(s.data() + i);
      const uint64_t y = x ^ (0x20 * kOneBytes);  // a zero byte where a space is
      const uint64_t zero = (y - kOneBytes) & ~y & kHighBits;
      const uint64_t low = (x - 0x20 * kOneBytes) & ~x & kHighBits;
      if (low != 0 || (zero & (zero >> 8)) != 0) break;
      i += 7;
    }
    const char c = s[i];
    if (static_cast<unsigned char>(c) > ' ' || !space(c)) continue;
    if (c == ' ' && !space(s[i + 1])) continue;  // s is trimmed: s[i + 1] exists
    out->append(s.data() + from, i - from);
    out->push_back(' ');
    size_t j = i;
    while (space(s[j])) ++j;  // stops at the last byte, not a space
    from = j;
    i = j - 1;
  }
  out->append(s.data() + from, s.size() - from);
}

std::string Squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendSqueezed(s, &out);
  return out;
}

namespace {

// The class of a byte: 0 an ASCII separator, 1 a folded ASCII word byte
// (a-z, 0-9, '_'), 2 an ASCII capital, 3 not ASCII.
constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool folded = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    t[static_cast<size_t>(c)] = c >= 0x80 ? 3 : (c >= 'A' && c <= 'Z') ? 2 : folded ? 1 : 0;
  }
  return t;
}();

uint8_t ClassAt(std::string_view s, size_t k) { return kClass[static_cast<unsigned char>(s[k])]; }

// Reads the token that starts at s[i] (not a separator), calls emit(token)
// with it case-folded, as a view valid during the call (none when it has
// no word character), and returns the index after it. `cur` is scratch.
template <typename Emit>
size_t ReadToken(std::string_view s, size_t i, std::string* cur, Emit& emit) {
  const size_t n = s.size();
  uint8_t k = ClassAt(s, i);
  if (k != 3) {
    // An ASCII run: most tokens are already folded (lower case and
    // digits) and are emitted as a view of s, without being copied.
    size_t j = i;
    bool upper = false;
    while (j < n && (k = ClassAt(s, j)) != 0 && k != 3) {
      upper |= k == 2;
      ++j;
    }
    if (j == n || k == 0) {
      if (!upper) {
        emit(s.substr(i, j - i));
      } else {
        cur->assign(s.data() + i, j - i);
        for (char& c : *cur) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        }
        emit(std::string_view(*cur));
        cur->clear();
      }
      return j;
    }
    // Followed by a byte that is not ASCII: the token goes on below.
    cur->assign(s.data() + i, j - i);
    for (char& c : *cur) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    i = j;
  }
  // A token with letters that are not ASCII, folded code point by code
  // point; it ends at an ASCII separator or at a code point that is no
  // word character (or invalid), which is skipped.
  int32_t at = static_cast<int32_t>(i);
  const int32_t end = static_cast<int32_t>(n);
  while (at < end) {
    const unsigned char b = static_cast<unsigned char>(s[static_cast<size_t>(at)]);
    if (b < 0x80) {
      if (kClass[b] == 0) break;
      cur->push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++at;
      continue;
    }
    UChar32 c = Next(s, &at);
    if (c < 0 || !IsWordChar(c)) break;
    Append(cur, u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  if (!cur->empty()) {
    emit(std::string_view(*cur));
    cur->clear();
  }
  return static_cast<size_t>(at);
}

// Calls emit(token) for each case-folded run of letters and digits of s,
// as a view valid during the call.
template <typename Emit>
void ForEachToken(std::string_view s, Emit emit) {
  std::string cur;  // a token that needs folding, as it is folded
  size_t i = 0;
  while (i < s.size()) {
    if (ClassAt(s, i) == 0) {
      ++i;
      continue;
    }
    i = ReadToken(s, i, &cur, emit);
  }
}

}  // namespace

std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  ForEachToken(s, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

namespace {

// XXH64(p, n, 0) for a word: below 32 bytes the hash is only the library's
// final steps (XXH64_finalize, xxHash 0.8), written out here so that they
// inline into the token loop; longer words go to the library.
// text_test compares the two on every length up to 40.
inline uint64_t WordHash(const char* p, size_t n) {
  if (n >= 32 || std::endian::native != std::endian::little) return XXH64(p, n, 0);
  using namespace xxh64;
  uint64_t h = kP5 + n;
  for (; n >= 8; n -= 8, p += 8) h = Lane(h, Load8(p));
  if (n >= 4) {
    uint32_t w;
    std::memcpy(&w, p, sizeof w);
    h = std::rotl(h ^ (uint64_t{w} * kP1), 23) * kP2 + kP3;
    n -= 4;
    p += 4;
  }
  for (; n > 0; --n, ++p) {
    h = std::rotl(h ^ (uint64_t{static_cast<unsigned char>(*p)} * kP5), 11) * kP1;
  }
  return Avalanche(h);
}

// WordHash's steps after its 8-byte lanes, for the last r < 8 bytes of a
// word held in `v` (its first byte the lowest, the bytes past r zero).
inline uint64_t WordHashTail(uint64_t h, uint64_t v, size_t r) {
  using namespace xxh64;
  if (r >= 4) {
    h = std::rotl(h ^ ((v & 0xFFFFFFFF) * kP1), 23) * kP2 + kP3;
    v >>= 32;
    r -= 4;
  }
  for (; r > 0; --r, v >>= 8) h = std::rotl(h ^ ((v & 0xFF) * kP5), 11) * kP1;
  return Avalanche(h);
}

// An ASCII word of fewer than 16 bytes that starts at s[i], read and
// folded eight bytes at a time, then hashed from those registers: most
// words of a text. Sets *end after it and returns true, or returns false
// for ReadToken to read the token (a longer word, one that goes on into
// bytes past ASCII, or too near the end of s to read eight bytes).
bool ShortAsciiWordHash(std::string_view s, size_t i, uint64_t* hash, size_t* end) {
  if constexpr (std::endian::native != std::endian::little) return false;
  uint64_t folded[2] = {0, 0};
  for (size_t chunk = 0; chunk < 2; ++chunk) {
    const size_t at = i + 8 * chunk;
    if (at > s.size() || s.size() - at < 8) return false;
    const uint64_t x = Load8(s.data() + at);
    const uint64_t low = x & ~kHighBits;  // below 0x80, for InRange
    const uint64_t caps = InRange(low, 'A', 'Z');
    const uint64_t word =
        (InRange(low, 'a', 'z') | InRange(low, '0', '9') | InRange(low, '_', '_') | caps) & ~x;
    const uint64_t stop = ~word & kHighBits;  // bytes that are no ASCII word byte
    folded[chunk] = x | (caps >> 2);          // capitals + 0x20
    if (stop == 0) continue;
    const auto p = static_cast<size_t>(std::countr_zero(stop)) / 8;
    if ((x >> (8 * p)) & 0x80) return false;  // not ASCII: the token goes on
    folded[chunk] &= (uint64_t{1} << (8 * p)) - 1;
    const size_t len = 8 * chunk + p;
    uint64_t h = xxh64::kP5 + len;
    if (chunk == 1) h = xxh64::Lane(h, folded[0]);
    *hash = WordHashTail(h, folded[chunk], p);
    *end = i + len;
    return true;
  }
  return false;
}

}  // namespace

std::vector<uint64_t> TokenHashes(std::string_view s) {
  std::vector<uint64_t> out;
  out.reserve(s.size() / 5);  // words of English average 5-6 bytes with their space
  auto emit = [&](std::string_view t) { out.push_back(WordHash(t.data(), t.size())); };
  std::string cur;
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t k = ClassAt(s, i);
    if (k == 0) {
      ++i;
      continue;
    }
    uint64_t h;
    if (k != 3 && ShortAsciiWordHash(s, i, &h, &i)) {
      out.push_back(h);
      continue;
    }
    i = ReadToken(s, i, &cur, emit);
  }
  return out;
}

uint64_t FoldHash(std::string_view s) { return FoldHashOfTokens(TokenHashes(s)); }

uint64_t FoldHashOfTokens(const std::vector<uint64_t>& h) {
  return XXH64(h.data(), h.size() * sizeof(uint64_t), kFoldHashSeed);
}

std::string Fold(std::string_view s) {
  std::string out;
  for (const std::string& t : Tokens(s)) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

uint64_t Hash64(std::string_view s, uint64_t seed) { return XXH64(s.data(), s.size(), seed); }

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back(s.substr(start));
      break;
    }
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view x) {
  return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
}

static char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

int CountLetterWords(std::string_view s) {
  int n = 0;
  bool in = false, letter = false;
  for (size_t i = 0; i <= s.size(); ++i) {
    const unsigned char c = i < s.size() ? static_cast<unsigned char>(s[i]) : ' ';
    const bool space = c == ' ' || c == '\n' || c == ',' || c == '|' || c == ':' || c == '/';
    if (space) {
      if (in && letter) ++n;
      in = letter = false;
    } else {
      in = true;
      letter |= std::isalpha(c) || c >= 0x80;
    }
  }
  return n;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && EqualsIgnoreCase(s.substr(0, p.size()), p);
}

size_t AsciiLetterRun(std::string_view s, size_t i, int* letters) {
  // An ASCII byte ORed with 0x20 is a lower-case letter exactly when the
  // byte is a letter of either case.
  size_t count = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t x = Load8(s.data() + i);
    if ((x & kHighBits) != 0) break;
    count += CountHighBits(InRange(x | (0x20 * kOneBytes), 'a', 'z'));
  }
  for (; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) break;
    const unsigned char lower = b | 0x20;
    count += (lower >= 'a' && lower <= 'z') ? 1 : 0;
  }
  *letters += static_cast<int>(count);
  return i;
}

size_t CodePoints(std::string_view s) {
  // Every byte but the continuation bytes (10xxxxxx) starts a code point;
  // those are counted eight at a time: bit 7 set, bit 6 (shifted under it) not.
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t x = Load8(s.data() + i);
    continuation += CountHighBits(x & ~(x << 1) & kHighBits);
  }
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++continuation;
  }
  return s.size() - continuation;
}

bool StartsUpper(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c = Next(s, &i);
    if (c < 0) return false;
    if (u_isalpha(c)) return u_isupper(c) || u_istitle(c);
    if (u_isdigit(c)) return false;
  }
  return false;
}

}  // namespace annals::text
