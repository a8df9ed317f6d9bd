#include "src/events/sentences.h"

#include "src/common/text.h"
#include "src/events/chars.h"
#include "src/events/lexicon.h"

#include <climits>

namespace annals::events {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
using chars::IsAlpha;
using chars::IsDigit;
using chars::IsUpper;

bool StartsWithAt(std::string_view s, size_t i, std::string_view p) {
  return i <= s.size() && s.substr(i).substr(0, p.size()) == p;
}

// Opening and closing quotation marks and brackets in UTF-8.
size_t QuoteOrBracketLen(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '(' || c == '[') return 1;
  for (std::string_view q :
       {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xAB", "\xC2\xBB"}) {
    if (StartsWithAt(s, i, q)) return q.size();
  }
  return 0;
}

// True when the period at `dot` closes an abbreviation or an initial. The
// abbreviations are the abbreviations tables of every language.
bool IsAbbreviation(std::string_view s, size_t dot) {
  size_t b = dot;
  while (b > 0 && (IsAlpha(s[b - 1]) || s[b - 1] == '.' || chars::IsHigh(s[b - 1]))) --b;
  while (b < dot && chars::IsHigh(s[b]) && !chars::IsLetterAt(s, b)) ++b;  // "«", "–"
  std::string_view word = s.substr(b, dot - b);
  if (word.empty()) return false;
  size_t first = 0;
  chars::CodePointAt(word, 0, &first);
  if (first == word.size() && chars::IsUpperAt(word, 0)) {
    return true;  // an initial: "I." in "I. Petrov", "В." in "В. Петров"
  }
  if (word.find('.') != std::string_view::npos && text::CodePoints(word) <= 4) {
    return true;  // "I.N", "e.g", "U.S", "т.е"
  }
  static const WordTable kAbbreviations("abbreviations");
  return kAbbreviations.Contains(chars::LowerUtf8(word));
}

// A sentence may start here: an upper-case letter, a digit, an opening quote
// or bracket, a dash or a non-ASCII letter other than a lower-case Cyrillic
// one (an accented Latin capital, often).
bool CanStartSentence(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  const char c = s[i];
  if (IsUpper(c) || IsDigit(c) || c == '-' || QuoteOrBracketLen(s, i) > 0) return true;
  if (chars::IsCyrillicLead(c)) return chars::IsUpperAt(s, i);
  return static_cast<unsigned char>(c) >= 0xC0;
}

bool IsListItemAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  if ((s[i] == '-' || s[i] == '*') && i + 1 < s.size() && s[i + 1] == ' ') return true;
  if (StartsWithAt(s, i, "\xE2\x80\xA2") || StartsWithAt(s, i, "\xE2\x80\x93 ")) return true;
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  return j > i && j - i <= 2 && j + 1 < s.size() && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ';
}

class Splitter {
 public:
  explicit Splitter(std::string_view s) : s_(s) {}

  std::vector<SentenceSpan> Run() {
    size_t i = 0;
    start_ = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '\n') {
        size_t j = i;
        int newlines = 0;
        while (j < s_.size() && IsSpace(s_[j])) newlines += s_[j++] == '\n';
        if (newlines >= 2) {
          Emit(i);
          ++paragraph_;
          start_ = j;
        } else if (LineEndsSentence(i) || IsListItemAt(s_, j)) {
          Emit(i);
          start_ = j;
        }
        i = j;
        continue;
      }
      if (c == '.' || c == '!' || c == '?') {
        size_t j = i + 1;
        while (j < s_.size() && (s_[j] == '.' || s_[j] == '!' || s_[j] == '?')) ++j;
        for (size_t q = QuoteOrBracketLen(s_, j); q > 0 && s_[j] != '(' && s_[j] != '[';
             q = QuoteOrBracketLen(s_, j)) {
          j += q;
        }
        size_t k = j;
        while (k < s_.size() && (s_[k] == ' ' || s_[k] == '\t')) ++k;
        if (k > j && k < s_.size() && s_[k] != '\n' && CanStartSentence(s_, k) &&
            !(c == '.' && IsAbbreviation(s_, i))) {
          Emit(j);
          start_ = k;
          i = k;
          continue;
        }
        i = j;
        continue;
      }
      ++i;
    }
    Emit(s_.size());
    return std::move(out_);
  }

 private:
  // The line ending at `nl` ends with sentence-final punctuation or a colon.
  bool LineEndsSentence(size_t nl) const {
    size_t e = nl;
    while (e > start_ && (s_[e - 1] == ' ' || s_[e - 1] == '\t' || s_[e - 1] == '\r')) --e;
    while (e > start_) {
      size_t q = 0;
      for (size_t len = 1; len <= 3 && len <= e - start_; ++len) {
        if (QuoteOrBracketLen(s_, e - len) == len) q = len;
      }
      if (q == 0 || s_[e - q] == '(' || s_[e - q] == '[') break;
      e -= q;
    }
    if (e == start_) return true;
    const char c = s_[e - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
  }

  void Emit(size_t end) {
    size_t b = start_, e = end;
    while (b < e && IsSpace(s_[b])) ++b;
    while (e > b && IsSpace(s_[e - 1])) --e;
    // Cut an overlong run (kMaxSentenceBytes) at its last space within the
    // limit, else at a character boundary.
    while (e - b > kMaxSentenceBytes) {
      size_t cut = b + kMaxSentenceBytes;
      while (cut > b && !IsSpace(s_[cut])) --cut;
      if (cut == b) {
        cut = b + kMaxSentenceBytes;
        while (cut > b && (static_cast<unsigned char>(s_[cut]) & 0xC0) == 0x80) --cut;
      }
      size_t piece_end = cut;
      while (piece_end > b && IsSpace(s_[piece_end - 1])) --piece_end;
      if (piece_end > b) {
        out_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(piece_end), paragraph_});
      }
      b = cut;
      while (b < e && IsSpace(s_[b])) ++b;
    }
    if (e > b) {
      out_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), paragraph_});
    }
    start_ = end;
  }

  std::string_view s_;
  size_t start_ = 0;
  int paragraph_ = 0;
  std::vector<SentenceSpan> out_;
};

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  return Splitter(text).Run();
}

std::vector<TextSpan> SpeechQuotes(std::string_view text) {
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  std::vector<TextSpan> out;
  auto is_speech = [&](size_t b, size_t e) {
    std::string_view q = text.substr(b, e - b);
    int words = 0;
    bool in_word = false;
    for (size_t i = 0; i < q.size(); ++i) {
      const bool w = IsAlpha(q[i]) || IsDigit(q[i]) || static_cast<unsigned char>(q[i]) >= 0x80;
      if (w && !in_word) ++words;
      in_word = w;
      if ((q[i] == '.' || q[i] == '!' || q[i] == '?') && i + 1 < q.size() && q[i + 1] == ' ') {
        return true;
      }
    }
    return words >= 8;
  };
  size_t i = 0, open = std::string_view::npos;
  bool straight = false;
  auto close = [&](size_t end) {
    if (open != std::string_view::npos && is_speech(open, end)) {
      out.push_back({static_cast<uint32_t>(open), static_cast<uint32_t>(end)});
    }
    open = std::string_view::npos;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c != '\n' && c != '"' && c != '\xE2' && c != '\xC2') {
      ++i;
      continue;
    }
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      close(i);
      i += 2;
      continue;
    }
    if (StartsWithAt(text, i, "\xE2\x80\x9C") || StartsWithAt(text, i, "\xC2\xAB")) {
      if (open == std::string_view::npos) {
        straight = false;
        open = i;
      }
      i += text[i] == '\xC2' ? 2u : 3u;
      continue;
    }
    if (StartsWithAt(text, i, "\xE2\x80\x9D") || StartsWithAt(text, i, "\xC2\xBB")) {
      const size_t len = text[i] == '\xC2' ? 2u : 3u;
      if (open != std::string_view::npos && !straight) close(i + len);
      i += len;
      continue;
    }
    if (text[i] == '"') {
      if (open == std::string_view::npos) {
        straight = true;
        open = i;
      } else {
        close(i + 1);  // a straight quote also closes a curly one left open
      }
    }
    ++i;
  }
  close(text.size());
  return out;
}

}  // namespace annals::events
