#include "src/common/printable.h"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace annals::text {
namespace {

// Decodes one UTF-8 character at s[i]; returns its length, or 0 when the
// bytes there are not valid UTF-8 (overlong forms and surrogates included).
size_t DecodeOne(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, *cp = c & 0x1Fu, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, *cp = c & 0x0Fu, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, *cp = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (b(k) & 0x3Fu);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return n;
}

std::string Escape(uint32_t cp, bool byte) {
  switch (cp) {
    case '\n':
      return "\\n";
    case '\t':
      return "\\t";
    case '\r':
      return "\\r";
    default:
      break;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, byte || cp < 0x100 ? "\\x%02x" : "\\u%04x", cp);
  return buf;
}

bool MustEscape(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string Printable(std::string_view s, size_t max_code_points) {
  // Each piece is one code point of the output (an escape counts as one).
  std::vector<std::string> pieces;
  size_t total = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t n = DecodeOne(s, i, &cp);
    if (n == 0) {
      pieces.push_back(Escape(static_cast<unsigned char>(s[i]), true));
      i += 1;
    } else {
      pieces.push_back(MustEscape(cp) ? Escape(cp, false) : std::string(s.substr(i, n)));
      i += n;
    }
    total += pieces.back().size();
  }
  std::string out;
  out.reserve(total);
  if (pieces.size() <= max_code_points || max_code_points < 3) {
    for (const std::string& p : pieces) out += p;
    return out;
  }
  const size_t tail = (max_code_points - 1) / 3;
  const size_t head = max_code_points - 1 - tail;
  for (size_t k = 0; k < head; ++k) out += pieces[k];
  out += "…";
  for (size_t k = pieces.size() - tail; k < pieces.size(); ++k) out += pieces[k];
  return out;
}

}  // namespace annals::text
