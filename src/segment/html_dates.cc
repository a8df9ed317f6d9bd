#include "src/segment/html_dates.h"

#include "src/common/text.h"
#include "src/segment/html_words.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/utf8.h>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace annals::segment {
namespace {

using ingest::HtmlAttr;
using ingest::HtmlDoc;
using ingest::HtmlTag;
constexpr uint32_t kNone = HtmlDoc::kNone;

// Scores of the kinds of evidence: how often each names the publication day
// on news pages (the order of htmldate's and trafilatura's searches: the
// structured data and the address first, the page's text last).
constexpr int kScoreJsonLdArticle = 100;
constexpr int kScoreUrl = 95;
constexpr int kScoreMetaPublished = 90;
constexpr int kScoreItemprop = 90;
constexpr int kScoreJsonLdOther = 85;
constexpr int kScoreTimePublished = 85;
constexpr int kScoreDateline = 101;
constexpr int kScoreMetaGeneric = 65;
constexpr int kScoreDateElement = 60;
constexpr int kScoreDateElementNearHeadline = 98;
constexpr int kScoreTimeNearHeadline = 55;
constexpr int kScoreTimeOther = 40;
constexpr int kScoreJsonState = 50;
constexpr int kScoreDescription = 35;
constexpr int kScoreText = 30;
// The web's first news pages: earlier dates on a page are history, not its date.
constexpr int kFirstYear = 1995;
// A date line holds the date and a few words: "By Evan Symon, August 14, 2020
// 2:30 pm", "PUBLISHED: April 24, 2020 at 9:11 a.m. | UPDATED: ...".
constexpr int kMaxDatelineWords = 8;

std::string Lower(std::string_view s) { return text::AsciiLower(s); }
using text::Contains;

bool ContainsAny(std::string_view hay, const std::vector<std::string_view>& needles) {
  for (std::string_view n : needles) {
    if (Contains(hay, n)) return true;
  }
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Cut(std::string_view s, size_t max) {
  s = text::Trim(s);
  if (s.size() <= max) return std::string(s);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

std::string FoldCase(std::string_view s) {
  // ASCII folds to lower case (ICU's default folding of U+0041..U+005A and
  // nothing else below U+0080): most words read here are ASCII.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return text::AsciiLower(s);
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .foldCase()
      .toUTF8String(out);
  return out;
}

// ---------------------------------------------------------------------------
// Month and weekday names of every language ICU has locale data for.

class DateWords {
 public:
  DateWords() {
    int32_t count = 0;
    const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
    std::unordered_set<std::string> languages;
    for (int32_t i = 0; i < count; ++i) languages.insert(locales[i].getLanguage());
    for (const std::string& lang : languages) AddLanguage(lang);
  }

  // The month a folded name stands for, 0 when none or when languages
  // disagree and `lang` does not settle it.
  int Month(const std::string& folded, std::string_view lang) const {
    auto it = months_.find(folded);
    if (it == months_.end()) return 0;
    int month = 0;
    bool agree = true;
    for (const auto& [l, m] : it->second) {
      if (!lang.empty() && l == lang) return m;
      if (month == 0) month = m;
      agree &= m == month;
    }
    return agree ? month : 0;
  }
  bool IsWeekday(const std::string& folded) const { return weekdays_.count(folded) > 0; }
  bool IsConnector(const std::string& folded) const { return connectors_.count(folded) > 0; }
  // Case folding maps a code point to one or more: a word of more code
  // points than the longest name folds to no name (cheap tests first).
  size_t max_month_chars() const { return max_month_chars_; }
  static constexpr size_t kMaxConnectorChars = 4;
  // Unit marks written after the numbers of a date ("2018年7月3日").
  const std::vector<std::string>& units() const { return units_; }

 private:
  void AddName(const icu::UnicodeString& name, const std::string& lang, int month) {
    icu::UnicodeString n(name);
    n.foldCase();
    std::string s;
    n.toUTF8String(s);
    s = std::string(text::Trim(s));
    while (!s.empty() && s.back() == '.') s.pop_back();
    if (text::CodePoints(s) < 3) return;
    if (std::any_of(s.begin(), s.end(), [](char c) { return IsDigit(c); })) {
      // "7월", "7月": the mark after the month's number is a unit.
      std::string unit;
      for (char c : s) {
        if (!IsDigit(c)) unit.push_back(c);
      }
      AddUnit(unit);
      return;
    }
    max_month_chars_ = std::max(max_month_chars_, text::CodePoints(s));
    auto& v = months_[s];
    if (std::find(v.begin(), v.end(), std::make_pair(lang, month)) == v.end()) {
      v.emplace_back(lang, month);
    }
  }

  void AddUnit(const std::string& u) {
    if (u.empty() || text::CodePoints(u) > 2 || static_cast<unsigned char>(u[0]) < 0x80) return;
    if (std::find(units_.begin(), units_.end(), u) == units_.end()) units_.push_back(u);
  }

  // Literal words and marks of a date pattern ("d 'de' MMMM 'de' y",
  // "y年M月d日").
  void AddPatternLiterals(const icu::UnicodeString& pattern) {
    std::string p;
    pattern.toUTF8String(p);
    std::string lit;
    bool quoted = false;
    auto flush = [&] {
      std::string t(text::Trim(lit));
      lit.clear();
      if (t.empty()) return;
      const std::string f = FoldCase(t);
      if (static_cast<unsigned char>(f[0]) >= 0x80 && text::CodePoints(f) <= 2) AddUnit(f);
      bool letters = true;
      for (char c : f) letters &= c != ' ' && c != ',' && c != '.';
      if (letters && text::CodePoints(f) <= kMaxConnectorChars) connectors_.insert(f);
    };
    for (size_t i = 0; i < p.size(); ++i) {
      const char c = p[i];
      if (c == '\'') {
        quoted = !quoted;
        continue;
      }
      if (!quoted && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        flush();
        continue;
      }
      lit.push_back(c);
    }
    flush();
  }

  void AddLanguage(const std::string& lang) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale loc(lang.c_str());
    icu::DateFormatSymbols symbols(loc, status);
    if (U_FAILURE(status)) return;
    using S = icu::DateFormatSymbols;
    for (auto context : {S::FORMAT, S::STANDALONE}) {
      for (auto width : {S::WIDE, S::ABBREVIATED}) {
        int32_t n = 0;
        const icu::UnicodeString* months = symbols.getMonths(n, context, width);
        for (int32_t m = 0; m < n && m < 12; ++m) AddName(months[m], lang, m + 1);
        const icu::UnicodeString* days = symbols.getWeekdays(n, context, width);
        for (int32_t d = 1; d < n; ++d) {
          icu::UnicodeString w(days[d]);
          std::string s;
          w.foldCase().toUTF8String(s);
          while (!s.empty() && s.back() == '.') s.pop_back();
          if (text::CodePoints(s) >= 2) weekdays_.insert(s);
        }
      }
    }
    // The language's date patterns, read from its resource bundle (cheaper
    // than building formatters): the full and long forms and "yMMMd".
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<UResourceBundle, BundleCloser> root(ures_open(nullptr, lang.c_str(), &st));
    std::unique_ptr<UResourceBundle, BundleCloser> cal(
        ures_getByKey(root.get(), "calendar", nullptr, &st));
    std::unique_ptr<UResourceBundle, BundleCloser> greg(
        ures_getByKey(cal.get(), "gregorian", nullptr, &st));
    if (U_FAILURE(st)) return;
    UErrorCode st1 = U_ZERO_ERROR;
    std::unique_ptr<UResourceBundle, BundleCloser> pats(
        ures_getByKey(greg.get(), "DateTimePatterns", nullptr, &st1));
    for (int32_t k = 4; k <= 5 && U_SUCCESS(st1); ++k) {
      int32_t len = 0;
      UErrorCode st2 = U_ZERO_ERROR;
      const UChar* p = ures_getStringByIndex(pats.get(), k, &len, &st2);
      if (U_SUCCESS(st2)) AddPatternLiterals(icu::UnicodeString(p, len));
    }
    UErrorCode st3 = U_ZERO_ERROR;
    std::unique_ptr<UResourceBundle, BundleCloser> avail(
        ures_getByKey(greg.get(), "availableFormats", nullptr, &st3));
    int32_t len = 0;
    const UChar* p =
        U_SUCCESS(st3) ? ures_getStringByKey(avail.get(), "yMMMd", &len, &st3) : nullptr;
    if (U_SUCCESS(st3) && p) AddPatternLiterals(icu::UnicodeString(p, len));
  }

  struct BundleCloser {
    void operator()(UResourceBundle* b) const { ures_close(b); }
  };

  std::unordered_map<std::string, std::vector<std::pair<std::string, int>>> months_;
  std::unordered_set<std::string> weekdays_;
  std::unordered_set<std::string> connectors_;
  std::vector<std::string> units_;
  size_t max_month_chars_ = 0;
};

const DateWords& Words() {
  static const DateWords kWords;  // immutable after construction
  return kWords;
}

// ---------------------------------------------------------------------------
// Written dates.

struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return i < s.size() ? s[i] : '\0'; }
};

void SkipSpaces(Cursor* c) {
  while (!c->done() && (c->peek() == ' ' || c->peek() == '\n' || c->peek() == '\t')) ++c->i;
}

int ReadNumber(Cursor* c, size_t min_digits, size_t max_digits) {
  size_t n = 0;
  int v = 0;
  while (c->i + n < c->s.size() && IsDigit(c->s[c->i + n])) {
    if (n == max_digits) return -1;
    v = v * 10 + (c->s[c->i + n] - '0');
    ++n;
  }
  if (n < min_digits) return -1;
  c->i += n;
  return v;
}

// A run of letters (and combining marks) at the cursor, or "".
std::string_view ReadWord(Cursor* c) {
  const size_t begin = c->i;
  int32_t i = static_cast<int32_t>(c->i);
  const int32_t n = static_cast<int32_t>(c->s.size());
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(c->s[static_cast<size_t>(i)]);
    if (b < 0x80) {  // ASCII: the letters are alphabetic, nothing is a mark
      if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))) break;
      ++i;
      continue;
    }
    int32_t next = i;
    UChar32 ch;
    U8_NEXT(reinterpret_cast<const uint8_t*>(c->s.data()), next, n, ch);
    if (ch < 0 || !(u_isalpha(ch) || (U_GET_GC_MASK(ch) & U_GC_M_MASK))) break;
    i = next;
  }
  c->i = static_cast<size_t>(i);
  return c->s.substr(begin, c->i - begin);
}

bool EndsClean(const Cursor& c) {
  if (c.done()) return true;
  const unsigned char ch = static_cast<unsigned char>(c.peek());
  if (IsDigit(static_cast<char>(ch))) return false;
  if (ch < 0x80) return !std::isalpha(ch);
  Cursor t = c;
  return ReadWord(&t).empty();
}

bool ReadUnit(Cursor* c) {
  // Every unit starts with a non-ASCII byte (AddUnit).
  if (c->done() || static_cast<unsigned char>(c->peek()) < 0x80) return false;
  for (const std::string& u : Words().units()) {
    if (c->s.substr(c->i, u.size()) == u) {
      c->i += u.size();
      return true;
    }
  }
  return false;
}

// A month name (with its abbreviation dot) at the cursor: 1..12, else 0.
int ReadMonthName(Cursor* c, std::string_view lang) {
  Cursor t = *c;
  std::string_view w = ReadWord(&t);
  if (w.empty() || text::CodePoints(w) > Words().max_month_chars()) return 0;
  const int m = Words().Month(FoldCase(w), lang);
  if (m == 0) return 0;
  if (t.peek() == '.') ++t.i;
  *c = t;
  return m;
}

// Skips spaces, commas, one connector word ("de") and ordinal marks.
void SkipJoiners(Cursor* c, bool allow_dot) {
  for (int k = 0; k < 4; ++k) {
    const size_t before = c->i;
    SkipSpaces(c);
    if (c->peek() == ',' || (allow_dot && c->peek() == '.')) ++c->i;
    SkipSpaces(c);
    Cursor t = *c;
    std::string_view w = ReadWord(&t);
    if (!w.empty() && text::CodePoints(w) <= DateWords::kMaxConnectorChars &&
        Words().IsConnector(FoldCase(w))) {
      *c = t;
    }
    if (c->i == before) break;
  }
}

// Numeric dates read month first: US English, and English or an unknown
// language with no region (the American web's habit); day first elsewhere.
bool MonthFirst(std::string_view tag) {
  const std::string t = Lower(tag);
  if (t.empty()) return true;
  if (t.size() < 2 || t[0] != 'e' || t[1] != 'n') return false;
  return t.size() == 2 || t.substr(3, 2) == "us";
}

bool YearOk(int y) { return y >= 1900 && y <= 2099; }

// Numeric dates: "2019-06-27", "2018年7月3日", "27.06.2019", "3. 7. 2018",
// "06/27/2019" (month first: English pages, or a first number past 12).
bool ReadNumericDate(Cursor* c, std::string_view lang, date::Date* out) {
  Cursor t = *c;
  const int a = ReadNumber(&t, 1, 4);
  if (a < 0) return false;
  const size_t a_len = t.i - c->i;
  auto sep = [&t](char* kind) {
    SkipSpaces(&t);
    const char ch = t.peek();
    if (ch == '.' || ch == '/' || ch == '-') {
      ++t.i;
      *kind = ch;
    } else if (ReadUnit(&t)) {
      *kind = 'u';
    } else {
      return false;
    }
    SkipSpaces(&t);
    return true;
  };
  char s1 = 0, s2 = 0;
  if (a_len == 4) {  // year first
    if (!sep(&s1)) return false;
    const int m = ReadNumber(&t, 1, 2);
    if (m < 0 || !sep(&s2)) return false;
    const int d = ReadNumber(&t, 1, 2);
    if (d < 0 || (s1 != s2 && s1 != 'u')) return false;
    if (s1 == 'u') ReadUnit(&t);
    // "2019-06-27T10:21:40Z": a timestamp's time may follow.
    const bool time_follows =
        s1 == '-' && t.peek() == 'T' && t.i + 1 < t.s.size() && IsDigit(t.s[t.i + 1]);
    if (!YearOk(a) || !date::IsValid(a, m, d) || (!time_follows && !EndsClean(t))) return false;
    *out = {a, m, d};
    *c = t;
    return true;
  }
  if (a_len > 2 || !sep(&s1) || s1 == 'u') return false;
  const int b = ReadNumber(&t, 1, 2);
  if (b < 0) return false;
  {
    Cursor u = t;
    SkipSpaces(&u);
    if (u.peek() != s1) return false;
    ++u.i;
    SkipSpaces(&u);
    t = u;
  }
  const int y = ReadNumber(&t, 4, 4);
  if (y < 0 || !YearOk(y) || !EndsClean(t)) return false;
  // A time glued to the date ("27.06.2019-10:00") is fine; another number is not.
  if (t.peek() == '.' && t.i + 1 < t.s.size() && IsDigit(t.s[t.i + 1])) return false;
  int d = a, m = b;
  if (s1 == '/' && (a > 12 || b > 12)) {
    if (b > 12) std::swap(d, m);
  } else if (s1 == '/' && MonthFirst(lang)) {
    std::swap(d, m);
  }
  if (!date::IsValid(y, m, d)) return false;
  *out = {y, m, d};
  *c = t;
  return true;
}

// "3. Juli 2018", "29 de junio de 2019", "31st December, 2024".
bool ReadDayMonthYear(Cursor* c, std::string_view lang, date::Date* out) {
  Cursor t = *c;
  const int d = ReadNumber(&t, 1, 2);
  if (d < 1) return false;
  for (std::string_view suf : date::OrdinalSuffixes()) {
    if (text::StartsWithIgnoreCase(t.s.substr(t.i), suf)) {
      Cursor u = t;
      u.i += suf.size();
      if (EndsClean(u)) t = u;
    }
  }
  SkipJoiners(&t, true);
  const int m = ReadMonthName(&t, lang);
  if (m == 0) return false;
  SkipJoiners(&t, true);
  const int y = ReadNumber(&t, 4, 4);
  if (y < 0 || !YearOk(y) || !date::IsValid(y, m, d) || !EndsClean(t)) return false;
  *out = {y, m, d};
  *c = t;
  return true;
}

// "August 30, 2017", "Dec. 31st 2024".
bool ReadMonthDayYear(Cursor* c, std::string_view lang, date::Date* out) {
  // Only a word followed by a number can start such a date: look before
  // folding the word (most words of a text are no month).
  {
    Cursor w = *c;
    ReadWord(&w);
    while (!w.done() && (w.peek() == ' ' || w.peek() == '.' || w.peek() == ',')) ++w.i;
    if (w.done() || !IsDigit(w.peek())) return false;
  }
  Cursor t = *c;
  const int m = ReadMonthName(&t, lang);
  if (m == 0) return false;
  SkipJoiners(&t, false);
  const int d = ReadNumber(&t, 1, 2);
  if (d < 1) return false;
  for (std::string_view suf : date::OrdinalSuffixes()) {
    if (text::StartsWithIgnoreCase(t.s.substr(t.i), suf)) t.i += suf.size();
  }
  SkipJoiners(&t, true);
  const int y = ReadNumber(&t, 4, 4);
  if (y < 0 || !YearOk(y) || !date::IsValid(y, m, d) || !EndsClean(t)) return false;
  *out = {y, m, d};
  *c = t;
  return true;
}

// "2018. július 3.", "2019, June 27".
bool ReadYearMonthDay(Cursor* c, std::string_view lang, date::Date* out) {
  Cursor t = *c;
  const int y = ReadNumber(&t, 4, 4);
  if (y < 0 || !YearOk(y)) return false;
  SkipJoiners(&t, true);
  const int m = ReadMonthName(&t, lang);
  if (m == 0) return false;
  SkipJoiners(&t, false);
  const int d = ReadNumber(&t, 1, 2);
  if (d < 1 || !date::IsValid(y, m, d) || !EndsClean(t)) return false;
  *out = {y, m, d};
  *c = t;
  return true;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

using text::CountLetterWords;

// A written date starting at s[i]; `tag` the language tag lower-cased,
// `lang` its language part.
bool ReadWrittenDateAt(std::string_view s, size_t i, const std::string& tag,
                       const std::string& lang, date::Date* out, size_t* len) {
  Cursor c{s, i};
  date::Date d;
  if ((IsDigit(s[i]) && (ReadNumericDate(&c, tag, &d) || ReadDayMonthYear(&c, lang, &d) ||
                         ReadYearMonthDay(&c, lang, &d))) ||
      (!IsDigit(s[i]) && ReadMonthDayYear(&c, lang, &d))) {
    *out = d;
    *len = c.i - i;
    return true;
  }
  return false;
}

}  // namespace

size_t ReadWrittenDate(std::string_view s, date::Date* out) {
  size_t len = 0;
  if (s.empty() || !ReadWrittenDateAt(s, 0, "", "", out, &len)) return 0;
  return len;
}

size_t FindWrittenDate(std::string_view s, std::string_view language, date::Date* out,
                       size_t* len) {
  const std::string tag = Lower(language);
  std::string lang = tag.substr(0, tag.find_first_of("-_"));
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    if (!IsWordByte(ch) || (ch & 0xC0) == 0x80) continue;
    if (i > 0) {
      const unsigned char prev = static_cast<unsigned char>(s[i - 1]);
      if (std::isalnum(prev)) continue;
      if (prev >= 0x80 && !IsDigit(s[i])) {
        // Inside a word of another script, unless the previous character is
        // not a letter (a no-break space, a quote).
        int32_t back = static_cast<int32_t>(i);
        UChar32 pc;
        U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, back, pc);
        if (pc < 0 || u_isalpha(pc)) continue;
      }
      if ((prev == '.' || prev == '-' || prev == '/' || prev == '+' || prev == ':') &&
          IsDigit(s[i]) && i >= 2 && IsDigit(s[i - 2])) {
        continue;  // inside a number such as "+7495-621" or "1.2.3"
      }
      if ((prev == '/' || prev == '_' || prev == '=') && IsDigit(s[i])) continue;  // a path
    }
    if (ReadWrittenDateAt(s, i, tag, lang, out, len)) return i;
    if (!IsDigit(s[i])) {
      // Skip the rest of the word.
      Cursor w{s, i};
      ReadWord(&w);
      if (w.i > i) i = w.i - 1;
    } else {
      while (i + 1 < s.size() && IsDigit(s[i + 1])) ++i;
    }
  }
  return std::string_view::npos;
}

bool ParseMachineDate(std::string_view s, date::Timestamp* out) {
  s = text::Trim(s);
  if (s.empty()) return false;
  if (date::ParseTimestamp(s, out)) return true;
  // "2020-10-26T18:10:00+01:00" with trailing words, "Mon, 26 Oct 2020 18:10:00 +0100".
  if (s.size() >= 10) {
    date::Timestamp t;
    const size_t cut = s.find_first_of(" T", 10);
    if (cut == 10 && date::ParseTimestamp(s.substr(0, 10), &t)) {
      *out = t;
      return true;
    }
  }
  date::Date d;
  size_t len = 0;
  if (FindWrittenDate(s, "", &d, &len) != std::string_view::npos) {
    *out = date::Timestamp{};
    out->date = d;
    return true;
  }
  return false;
}

namespace {

// A path segment's digits at `p` of the given count, followed by a
// non-digit (or the end).
bool DigitsAt(std::string_view s, size_t p, size_t n, int* v) {
  if (p + n > s.size()) return false;
  int x = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigit(s[p + k])) return false;
    x = x * 10 + (s[p + k] - '0');
  }
  if (p + n < s.size() && IsDigit(s[p + n])) return false;
  *v = x;
  return true;
}

}  // namespace

bool DateInUrl(std::string_view url, date::Date* out) {
  // Path and query only: a host name holds no date.
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    const size_t slash = url.find('/', scheme + 3);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  for (size_t i = 0; i + 8 <= url.size(); ++i) {
    if (!IsDigit(url[i]) || (i > 0 && std::isalnum(static_cast<unsigned char>(url[i - 1])))) {
      continue;
    }
    int y = 0, m = 0, d = 0;
    if (DigitsAt(url, i, 4, &y)) {
      const char sep = i + 4 < url.size() ? url[i + 4] : '\0';
      if ((sep == '/' || sep == '-' || sep == '_' || sep == '.') && DigitsAt(url, i + 5, 2, &m) &&
          i + 7 < url.size() && url[i + 7] == sep && DigitsAt(url, i + 8, 2, &d)) {
        if (y >= kFirstYear && date::IsValid(y, m, d)) {
          *out = {y, m, d};
          return true;
        }
      }
    }
    // "/20161223/", "-20161223.html": 8 digits between separators.
    if (DigitsAt(url, i, 8, &y)) {
      const char after = i + 8 < url.size() ? url[i + 8] : '/';
      const char before = i > 0 ? url[i - 1] : '/';
      const bool bounded = (before == '/' || before == '-' || before == '_' || before == '=') &&
                           (after == '/' || after == '-' || after == '_' || after == '.' ||
                            after == '&' || after == '?' || after == '#');
      d = y % 100;
      m = y / 100 % 100;
      y /= 10000;
      if (bounded && y >= kFirstYear && date::IsValid(y, m, d)) {
        *out = {y, m, d};
        return true;
      }
    }
  }
  return false;
}

bool MonthInUrl(std::string_view url, date::Date* out) {
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    const size_t slash = url.find('/', scheme + 3);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  for (size_t i = 0; i + 8 <= url.size(); ++i) {
    if (url[i] != '/') continue;
    int y = 0, m = 0;
    if (DigitsAt(url, i + 1, 4, &y) && i + 5 < url.size() &&
        (url[i + 5] == '/' || url[i + 5] == '-') && DigitsAt(url, i + 6, 2, &m) &&
        (i + 8 == url.size() || url[i + 8] == '/') && y >= kFirstYear && y <= 2099 && m >= 1 &&
        m <= 12) {
      *out = {y, m, 0};
      return true;
    }
  }
  return false;
}

const char* DateSourceName(DateSource s) {
  switch (s) {
    case DateSource::kJsonLd:
      return "JSON-LD";
    case DateSource::kMeta:
      return "meta";
    case DateSource::kItemprop:
      return "itemprop";
    case DateSource::kUrl:
      return "address";
    case DateSource::kTimeElement:
      return "time";
    case DateSource::kDateline:
      return "dateline";
    case DateSource::kDateElement:
      return "date element";
    case DateSource::kText:
      return "text";
  }
  return "?";
}

namespace {

const char* KindName(DateKind k) {
  switch (k) {
    case DateKind::kPublished:
      return "published";
    case DateKind::kModified:
      return "modified";
    case DateKind::kUnknown:
      break;
  }
  return "date";
}

// What a meta key, class name or JSON key says of its date.
enum class KeyClass { kNone, kPublished, kModified, kGeneric };

KeyClass ClassifyKey(std::string_view key_in) {
  const std::string key = Lower(key_in);
  if (key.empty()) return KeyClass::kNone;
  // The fragments of each kind (data/lang/LANG/html_date_keys.tsv).
  static const std::vector<std::string_view>& kNotDate = DateKeyCues("not_date");
  static const std::vector<std::string_view>& kModified = DateKeyCues("modified");
  static const std::vector<std::string_view>& kPublished = DateKeyCues("published");
  static const std::vector<std::string_view>& kGeneric = DateKeyCues("generic");
  if (ContainsAny(key, kNotDate)) {
    return KeyClass::kNone;
  }
  if (ContainsAny(key, kModified)) {
    return KeyClass::kModified;
  }
  if (ContainsAny(key, kPublished)) {
    return KeyClass::kPublished;
  }
  if (ContainsAny(key, kGeneric)) return KeyClass::kGeneric;
  return KeyClass::kNone;
}

bool IsArticleType(const nlohmann::json& type) {
  auto one = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return Contains(s, "Article") || Contains(s, "Posting") || s == "Report" ||
           Contains(s, "NewsArticle") || s == "VideoObject";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), one);
  return one(type);
}

class Collector {
 public:
  Collector(const HtmlDoc& doc, const DateContext& ctx, DateDecision* out)
      : d_(doc), ctx_(ctx), out_(out), in_comments_(doc.size(), 0), names_(doc.size()) {
    // Class and id names, lower-cased once.
    for (uint32_t i = 1; i < d_.size(); ++i) {
      if (d_.Tag(i) == HtmlTag::kText) continue;
      const std::string_view c = d_.Attr(i, HtmlAttr::kClass), id = d_.Attr(i, HtmlAttr::kId);
      if (!c.empty() || !id.empty()) names_[i] = Lower(c) + " " + Lower(id);
    }
    // Readers' comments carry their own dates (and itemprops).
    for (uint32_t i = 1; i < d_.size(); ++i) {
      if (in_comments_[i] || d_.Tag(i) == HtmlTag::kText) continue;
      const HtmlTag t = d_.Tag(i);
      if (t != HtmlTag::kBody && t != HtmlTag::kHtml && IsCommentBox(i)) {
        for (uint32_t k = i; k < d_.End(i); ++k) in_comments_[k] = 1;
      }
    }
  }

  void Add(const date::Timestamp& t, DateSource source, DateKind kind, int score, std::string where,
           std::string_view raw) {
    if (t.date.day == 0) return;
    DateEvidence e;
    e.date = t.date;
    e.source = source;
    e.kind = kind;
    e.score = score;
    e.utc = t.zone == date::Timestamp::Zone::kUtc && t.has_time;
    e.offset = t.zone == date::Timestamp::Zone::kOffset && t.has_time;
    e.where = std::move(where);
    e.raw = Cut(raw, 80);
    for (const DateEvidence& o : out_->evidence) {
      if (o == e) return;
    }
    out_->evidence.push_back(std::move(e));
  }
  void AddDate(const date::Date& dt, DateSource source, DateKind kind, int score, std::string where,
               std::string_view raw) {
    date::Timestamp t;
    t.date = dt;
    Add(t, source, kind, score, std::move(where), raw);
  }

  void JsonLd(std::string_view text);
  void JsonState(std::string_view text);
  void Structured();
  void NearHeadline();
  void DateElements();
  void Text();

 private:
  bool InTeaser(uint32_t n) const {
    return ctx_.teaser_nodes && n < ctx_.teaser_nodes->size() && (*ctx_.teaser_nodes)[n];
  }
  bool Skipped(HtmlTag t) const {
    return t == HtmlTag::kScript || t == HtmlTag::kStyle || t == HtmlTag::kHead ||
           t == HtmlTag::kNoscript || t == HtmlTag::kTemplate || t == HtmlTag::kSvg ||
           t == HtmlTag::kSelect || t == HtmlTag::kOption || t == HtmlTag::kTextarea ||
           t == HtmlTag::kButton || t == HtmlTag::kTitle;
  }
  bool IsCommentBox(uint32_t n) const {
    static const std::vector<std::string_view>& kCommentBox = DateKeyCues("comment_box");
    return !names_[n].empty() && ContainsAny(names_[n], kCommentBox);
  }
  std::vector<std::string> Lines(uint32_t begin, uint32_t end, size_t max_lines) const;

  const HtmlDoc& d_;
  const DateContext& ctx_;
  DateDecision* out_;
  std::vector<uint8_t> in_comments_;  // nodes inside comment, related and sidebar boxes
  std::vector<std::string> names_;    // lower-cased "class id" of each element, or ""
  int articles_dated_ = 0;            // JSON-LD article objects with a date so far
  bool json_state_dated_ = false;     // a JSON state script gave its date
};

void Collector::JsonState(std::string_view text) {
  static const RE2 kKeyValue(
      "\"([A-Za-z_]*(?:[Pp]ublish|[Pp]ub_?[Dd]ate|PUBLISH)[A-Za-z_]*)\"\\s*:\\s*\"([^\"]{8,40})\"");
  re2::StringPiece in(text.data(), text.size());
  std::string key, value;
  while (RE2::FindAndConsume(&in, kKeyValue, &key, &value)) {
    date::Timestamp t;
    if (ClassifyKey(key) != KeyClass::kPublished || !ParseMachineDate(value, &t)) continue;
    Add(t, DateSource::kJsonLd, DateKind::kPublished, kScoreJsonState,
        "JSON state of the page, key " + Cut(key, 40), value);
    json_state_dated_ = true;
    return;
  }
}

// Walks JSON-LD (objects, arrays, @graph) for datePublished, dateCreated and
// dateModified. Malformed JSON (trailing commas, raw newlines in strings,
// several objects glued together) is read key by key instead.
void Collector::JsonLd(std::string_view text) {
  nlohmann::json root = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) {
    for (const char* key : {"datePublished", "dateCreated", "dateModified", "uploadDate"}) {
      const std::string quoted = std::string("\"") + key + "\"";
      size_t at = text.find(quoted);
      if (at == std::string_view::npos) continue;
      at = text.find(':', at + quoted.size());
      if (at == std::string_view::npos) continue;
      const size_t open = text.find('"', at);
      const size_t close = open == std::string_view::npos ? open : text.find('"', open + 1);
      if (close == std::string_view::npos || close - open > 64) continue;
      const std::string_view v = text.substr(open + 1, close - open - 1);
      date::Timestamp t;
      if (!ParseMachineDate(v, &t)) continue;
      const std::string k(key);
      const bool modified = k == "dateModified";
      Add(t, DateSource::kJsonLd, modified ? DateKind::kModified : DateKind::kPublished,
          k == "datePublished" ? kScoreJsonLdOther : kScoreJsonLdOther - 10,
          "JSON-LD " + k + " (malformed JSON, read by key)", v);
    }
    return;
  }
  struct Item {
    const nlohmann::json* j;
    int depth;
  };
  std::vector<Item> todo{{&root, 0}};
  int visited = 0;
  while (!todo.empty() && ++visited < 10000) {
    const Item it = todo.back();
    todo.pop_back();
    const nlohmann::json* j = it.j;
    if (j->is_array()) {
      for (auto v = j->rbegin(); v != j->rend(); ++v) todo.push_back({&*v, it.depth});
      continue;
    }
    if (!j->is_object()) continue;
    auto type = j->find("@type");
    const bool article = type != j->end() && IsArticleType(*type);
    std::string type_name = "no @type";
    if (type != j->end()) type_name = type->is_string() ? type->get<std::string>() : type->dump();
    // Dates of nested things (a comment, a review, the author's page) are
    // not the page's.
    const bool top = it.depth == 0;
    for (const char* key : {"datePublished", "dateCreated", "uploadDate", "dateModified"}) {
      auto v = j->find(key);
      if (v == j->end() || !v->is_string()) continue;
      date::Timestamp t;
      if (!ParseMachineDate(v->get_ref<const std::string&>(), &t)) continue;
      const std::string k(key);
      const bool modified = k == "dateModified";
      // The first dated article is the page's; later ones are related stories.
      int score = article && articles_dated_ == 0 ? kScoreJsonLdArticle
                  : top && !article               ? kScoreJsonLdOther
                                                  : kScoreMetaGeneric;
      if (k != "datePublished") score -= 10;
      Add(t, DateSource::kJsonLd, modified ? DateKind::kModified : DateKind::kPublished, score,
          "JSON-LD " + k + " (" + Cut(type_name, 40) + ")", v->get_ref<const std::string&>());
    }
    if (article && (j->contains("datePublished") || j->contains("dateCreated"))) {
      ++articles_dated_;
    }
    for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"}) {
      auto g = j->find(key);
      if (g != j->end() && (g->is_array() || g->is_object())) {
        // @graph members are top-level things of the page.
        todo.push_back({&*g, std::string(key) == "@graph" ? it.depth : it.depth + 1});
      }
    }
  }
}

// Meta tags, JSON-LD, itemprop and marked <time>/<abbr> elements anywhere.
void Collector::Structured() {
  for (uint32_t i = 1; i < d_.size(); ++i) {
    const HtmlTag tag = d_.Tag(i);
    if (tag == HtmlTag::kText) continue;
    if (tag == HtmlTag::kMeta) {
      std::string_view key = d_.Attr(i, HtmlAttr::kProperty);
      if (key.empty()) key = d_.Attr(i, HtmlAttr::kName);
      if (key.empty()) key = d_.Attr(i, HtmlAttr::kItemprop);
      const std::string_view content = d_.Attr(i, HtmlAttr::kContent);
      if (Lower(key) == "parsely-page") {  // JSON: {"pub_date": "..."}
        nlohmann::json j = nlohmann::json::parse(content.begin(), content.end(), nullptr, false);
        if (j.is_object() && j.contains("pub_date") && j["pub_date"].is_string()) {
          date::Timestamp t;
          if (ParseMachineDate(j["pub_date"].get<std::string>(), &t)) {
            Add(t, DateSource::kMeta, DateKind::kPublished, kScoreMetaPublished,
                "meta parsely-page pub_date", content);
          }
        }
        continue;
      }
      const std::string lkey = Lower(key);
      if (lkey == "description" || lkey == "og:description" || lkey == "twitter:description") {
        // "(News of 14 January 2020)" in the page's summary.
        date::Date dt;
        size_t len = 0;
        if (FindWrittenDate(content, ctx_.language, &dt, &len) != std::string_view::npos) {
          AddDate(dt, DateSource::kMeta, DateKind::kUnknown, kScoreDescription,
                  "a date in meta " + lkey, content);
        }
        continue;
      }
      const KeyClass k = ClassifyKey(key);
      if (k == KeyClass::kNone) continue;
      date::Timestamp t;
      if (!ParseMachineDate(content, &t)) continue;
      const DateKind kind = k == KeyClass::kModified    ? DateKind::kModified
                            : k == KeyClass::kPublished ? DateKind::kPublished
                                                        : DateKind::kUnknown;
      Add(t, DateSource::kMeta, kind,
          k == KeyClass::kPublished ? kScoreMetaPublished : kScoreMetaGeneric,
          "meta " + Cut(key, 60), content);
      continue;
    }
    if (tag == HtmlTag::kScript) {
      if (Contains(d_.Attr(i, HtmlAttr::kType), "ld+json")) {
        for (uint32_t c = i + 1; c < d_.End(i); ++c) {
          if (d_.Tag(c) == HtmlTag::kText) JsonLd(d_.Text(c));
        }
      } else if (!json_state_dated_) {
        // The state a script-built page ships as JSON: its first value under
        // a key that names the publication ("publishedDate", "published_at").
        for (uint32_t c = i + 1; c < d_.End(i) && !json_state_dated_; ++c) {
          if (d_.Tag(c) == HtmlTag::kText) JsonState(d_.Text(c));
        }
      }
      i = d_.End(i) - 1;
      continue;
    }
    const std::string_view itemprop = d_.Attr(i, HtmlAttr::kItemprop);
    if (!itemprop.empty()) {
      const KeyClass k = ClassifyKey(itemprop);
      if (k == KeyClass::kPublished || k == KeyClass::kModified) {
        std::string v(d_.Attr(i, HtmlAttr::kContent));
        if (v.empty()) v = d_.Attr(i, HtmlAttr::kDatetime);
        if (v.empty()) v = d_.Attr(i, HtmlAttr::kTitle);
        if (v.empty()) v = d_.TextContent(i);
        date::Timestamp t;
        if (!InTeaser(i) && !in_comments_[i] && v.size() < 200 && ParseMachineDate(v, &t)) {
          Add(t, DateSource::kItemprop,
              k == KeyClass::kModified ? DateKind::kModified : DateKind::kPublished, kScoreItemprop,
              "itemprop " + Cut(itemprop, 40), v);
        }
        continue;
      }
    }
    // <time datetime>, and elements marked published/updated with the
    // date in their title (microformats' <abbr class="published" title>).
    if (tag != HtmlTag::kTime && (tag == HtmlTag::kA || !d_.HasAttr(i, HtmlAttr::kTitle))) {
      continue;
    }
    const std::string cls = Lower(d_.Attr(i, HtmlAttr::kClass));
    if (tag == HtmlTag::kTime || ClassifyKey(cls) != KeyClass::kNone) {
      if (InTeaser(i) || in_comments_[i]) continue;
      std::string_view v = d_.Attr(i, HtmlAttr::kDatetime);
      if (v.empty()) v = d_.Attr(i, HtmlAttr::kTitle);
      date::Timestamp t;
      if (!ParseMachineDate(v, &t)) continue;
      KeyClass k = ClassifyKey(cls);
      if (d_.HasAttr(i, HtmlAttr::kPubdate)) k = KeyClass::kPublished;
      // The text the reader sees, when it is a full date, is the page's
      // local day; the attribute may be a UTC instant.
      const std::string shown = d_.TextContent(i);
      date::Date sd;
      size_t len = 0;
      if (shown.size() < 120 &&
          FindWrittenDate(shown, ctx_.language, &sd, &len) != std::string_view::npos) {
        if (sd != t.date) {
          date::Timestamp st;
          st.date = sd;
          t = st;
          v = shown;
        }
      }
      const bool near =
          ctx_.headline != kNone && i > ctx_.headline && (ctx_.body == kNone || i < ctx_.body);
      int score = k == KeyClass::kPublished ? kScoreTimePublished
                  : near                    ? kScoreTimeNearHeadline
                                            : kScoreTimeOther;
      if (k == KeyClass::kGeneric && near) score = kScoreTimePublished - 5;
      const DateKind kind = k == KeyClass::kModified    ? DateKind::kModified
                            : k == KeyClass::kPublished ? DateKind::kPublished
                                                        : DateKind::kUnknown;
      Add(t, DateSource::kTimeElement, kind, score,
          std::string(tag == HtmlTag::kTime ? "<time" : "<element") +
              (cls.empty() ? "" : " class=\"" + Cut(cls, 40) + "\"") + ">" +
              (near ? " by the headline" : ""),
          v);
    }
  }
}

// Lines of text between two nodes: text grouped by nearest block element.
std::vector<std::string> Collector::Lines(uint32_t begin, uint32_t end, size_t max_lines) const {
  static const std::vector<std::string_view>& kModifiedClass = DateKeyCues("modified_class");
  std::vector<std::string> lines;
  std::string cur;
  auto flush = [&] {
    std::string s = text::Squeeze(cur);
    cur.clear();
    if (!s.empty()) lines.push_back(std::move(s));
  };
  for (uint32_t i = begin; i < end && i < d_.size() && lines.size() < max_lines;) {
    const HtmlTag t = d_.Tag(i);
    if (t == HtmlTag::kText) {
      cur += d_.Text(i);
      ++i;
      continue;
    }
    // A modification date printed beside the publication date is not it.
    if (Skipped(t) || ClassifyKey(d_.Attr(i, HtmlAttr::kItemprop)) == KeyClass::kModified ||
        ContainsAny(Lower(d_.Attr(i, HtmlAttr::kClass)), kModifiedClass)) {
      i = d_.End(i);
      continue;
    }
    if (t != HtmlTag::kA && t != HtmlTag::kSpan && t != HtmlTag::kB && t != HtmlTag::kStrong &&
        t != HtmlTag::kEm && t != HtmlTag::kI && t != HtmlTag::kSmall && t != HtmlTag::kTime &&
        t != HtmlTag::kU && t != HtmlTag::kSub && t != HtmlTag::kSup && t != HtmlTag::kOther) {
      flush();
    }
    ++i;
  }
  flush();
  return lines;
}

// A visible date line between the headline and the body, or just above the
// headline.
void Collector::NearHeadline() {
  if (ctx_.headline == kNone) return;
  const uint32_t from = d_.End(ctx_.headline);
  uint32_t to = std::min<uint32_t>(d_.size(), from + 400);
  if (ctx_.body != kNone && ctx_.body >= from) to = std::min(to, ctx_.body);
  for (const std::string& line : Lines(from, to, 15)) {
    date::Date dt;
    size_t len = 0;
    if (line.size() > 300) continue;
    const size_t at = FindWrittenDate(line, ctx_.language, &dt, &len);
    // A date line: the date and a few words (a byline, a label, a time), not
    // a sentence or a caption that mentions a date.
    if (at != std::string_view::npos &&
        CountLetterWords(std::string_view(line).substr(0, at)) +
                CountLetterWords(std::string_view(line).substr(at + len)) <=
            kMaxDatelineWords) {
      AddDate(dt, DateSource::kDateline, DateKind::kPublished, kScoreDateline,
              "a line between the headline and the body", line);
      break;
    }
  }
  const uint32_t parent = d_.Parent(ctx_.headline);
  if (parent != kNone) {
    std::vector<std::string> before = Lines(parent + 1, ctx_.headline, 1000);
    for (size_t k = 0; k < before.size() && k < 2; ++k) {
      const std::string& line = before[before.size() - 1 - k];
      date::Date dt;
      size_t len = 0;
      const size_t at = line.size() < 150 ? FindWrittenDate(line, ctx_.language, &dt, &len)
                                          : std::string_view::npos;
      if (at != std::string_view::npos &&
          CountLetterWords(std::string_view(line).substr(0, at)) +
                  CountLetterWords(std::string_view(line).substr(at + len)) <=
              kMaxDatelineWords) {
        AddDate(dt, DateSource::kDateline, DateKind::kPublished, kScoreDateline - 5,
                "a line just above the headline", line);
        break;
      }
    }
  }
  // The headline itself ("Report of 3 July 2018").
  date::Date dt;
  size_t len = 0;
  const std::string h = d_.TextContent(ctx_.headline);
  if (FindWrittenDate(h, ctx_.language, &dt, &len) != std::string_view::npos) {
    AddDate(dt, DateSource::kDateline, DateKind::kUnknown, kScoreDateElement - 5, "the headline",
            h);
  }
}

// Short elements whose class or id names a date or a byline.
void Collector::DateElements() {
  for (uint32_t i = 1; i < d_.size(); ++i) {
    const HtmlTag t = d_.Tag(i);
    if (t == HtmlTag::kText) continue;
    if (Skipped(t) || InTeaser(i) || IsCommentBox(i) || t == HtmlTag::kNav ||
        t == HtmlTag::kFooter) {
      i = d_.End(i) - 1;
      continue;
    }
    const std::string& names = names_[i];
    if (names.empty()) continue;
    static const std::vector<std::string_view>& kDateElement = DateKeyCues("date_element");
    static const std::vector<std::string_view>& kNotDateElement = DateKeyCues("not_date_element");
    if (!ContainsAny(names, kDateElement)) continue;
    if (ContainsAny(names, kNotDateElement)) continue;
    // A date element is small; a wrapper's text is read by its children.
    if (d_.End(i) - i > 64) continue;
    const std::string text = d_.TextContent(i);
    if (text.empty() || text.size() > 200) continue;
    date::Date dt;
    size_t len = 0;
    if (FindWrittenDate(text, ctx_.language, &dt, &len) == std::string_view::npos) continue;
    const bool near =
        ctx_.headline != kNone && i > ctx_.headline && (ctx_.body == kNone || i < ctx_.body);
    // A class that says "published" or "posted" speaks for the publication.
    const bool published = near && ClassifyKey(names) == KeyClass::kPublished;
    AddDate(dt, DateSource::kDateElement, published ? DateKind::kPublished : DateKind::kUnknown,
            near ? kScoreDateElementNearHeadline + (published ? 2 : 0) : kScoreDateElement,
            "class/id \"" + Cut(text::Squeeze(names), 50) + "\"" + (near ? " by the headline" : ""),
            text);
    i = d_.End(i) - 1;
  }
}

// The first date in the page's text after the headline (else anywhere).
void Collector::Text() {
  const uint32_t start = ctx_.headline != kNone ? ctx_.headline : 1;
  for (int pass = 0; pass < 2; ++pass) {
    const uint32_t begin = pass == 0 ? start : 1;
    const uint32_t end = pass == 0 ? d_.size() : start;
    std::string cur;
    for (uint32_t i = begin; i < end;) {
      const HtmlTag t = d_.Tag(i);
      if (t != HtmlTag::kText &&
          (Skipped(t) || InTeaser(i) || IsCommentBox(i) || t == HtmlTag::kFooter)) {
        i = d_.End(i);
        continue;
      }
      if (t == HtmlTag::kText && !InTeaser(i)) {
        std::string_view s = d_.Text(i);
        date::Date dt;
        size_t len = 0;
        if (FindWrittenDate(s, ctx_.language, &dt, &len) != std::string_view::npos) {
          AddDate(dt, DateSource::kText, DateKind::kUnknown, kScoreText - pass * 5,
                  pass == 0 ? "the first date in the text after the headline"
                            : "the first date in the page's text",
                  s);
          return;
        }
      }
      ++i;
    }
  }
}

std::string DateLine(const DateEvidence& e) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%3d ", e.score);
  return std::string(buf) + date::Iso(e.date) + "  " + KindName(e.kind) + "  " +
         DateSourceName(e.source) + ": " + e.where + (e.utc ? " [UTC]" : "") +
         (e.raw.empty() ? "" : "  \"" + e.raw + "\"");
}

}  // namespace

namespace {

// The top-level domain of a URL's host ("uk"), or "".
std::string TopLevelDomain(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  const size_t dot = host.rfind('.');
  return dot == std::string_view::npos ? "" : Lower(host.substr(dot + 1));
}

}  // namespace

DateDecision FindPublicationDate(const HtmlDoc& doc, const DateContext& context) {
  DateDecision out;
  // A page in English (or of no stated language) on a country's domain
  // writes numeric dates as that country does: day first, but in the US,
  // Canada and the Philippines.
  DateContext ctx = context;
  const std::string tld = TopLevelDomain(ctx.url);
  if (MonthFirst(ctx.language) && tld.size() == 2 && tld != "us" && tld != "ca" && tld != "ph") {
    ctx.language = (ctx.language.empty() ? std::string("und") : ctx.language) + "-" + tld;
  }
  Collector c(doc, ctx, &out);
  date::Date from_url;
  if (!ctx.url.empty() && DateInUrl(ctx.url, &from_url)) {
    c.AddDate(from_url, DateSource::kUrl, DateKind::kPublished, kScoreUrl, "the page's address",
              ctx.url);
  } else if (!ctx.canonical.empty() && DateInUrl(ctx.canonical, &from_url)) {
    c.AddDate(from_url, DateSource::kUrl, DateKind::kPublished, kScoreUrl - 2,
              "the page's canonical address", ctx.canonical);
  }
  c.Structured();
  c.NearHeadline();
  c.DateElements();
  c.Text();

  // Validation.
  auto too_early = [](const date::Date& d) { return d.year < kFirstYear; };
  // A day of slack: the crawl date is UTC, the page's day may be ahead of it.
  auto too_late = [&ctx](const date::Date& d) {
    return ctx.crawl.year > 0 && d > date::AddDays(ctx.crawl, 1);
  };
  const DateEvidence* modified = nullptr;
  for (const DateEvidence& e : out.evidence) {
    if (e.kind != DateKind::kModified || too_early(e.date) || too_late(e.date)) continue;
    if (e.source == DateSource::kJsonLd || e.source == DateSource::kMeta ||
        e.source == DateSource::kItemprop) {
      if (!modified || e.score > modified->score) modified = &e;
    }
  }
  std::vector<const DateEvidence*> candidates;
  std::string rejected;
  for (const DateEvidence& e : out.evidence) {
    if (e.kind == DateKind::kModified) continue;
    if (too_early(e.date)) {
      rejected += "; " + date::Iso(e.date) + " is before " + std::to_string(kFirstYear);
      continue;
    }
    if (too_late(e.date)) {
      rejected += "; " + date::Iso(e.date) + " is after the crawl date";
      continue;
    }
    // A date of unknown kind after the page's last modification is no
    // publication date. (A date the page states as its publication stands:
    // posts scheduled after their last edit carry a later publication.)
    if (modified && e.date > date::AddDays(modified->date, 1) && e.kind == DateKind::kUnknown) {
      rejected += "; " + date::Iso(e.date) + " is after the modification date";
      continue;
    }
    candidates.push_back(&e);
  }
  // The address's month, when it has one, rules out dates of other months.
  date::Date url_month;
  if (!ctx.url.empty() && MonthInUrl(ctx.url, &url_month)) {
    auto same = [&url_month](const DateEvidence* e) {
      return e->date.year == url_month.year && e->date.month == url_month.month;
    };
    if (std::any_of(candidates.begin(), candidates.end(), same)) {
      candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                      [&](const DateEvidence* e) { return !same(e); }),
                       candidates.end());
    }
  }
  if (candidates.empty()) {
    out.reason = out.evidence.empty() ? "no date evidence on the page"
                                      : "no publication date passed validation" + rejected;
    return out;
  }
  // The highest score; among equals, the earliest date (the original
  // publication rather than a later edition).
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const DateEvidence* a, const DateEvidence* b) {
                     return a->score != b->score ? a->score > b->score : a->date < b->date;
                   });
  const DateEvidence* best = candidates.front();
  out.reason = std::string("highest score: ") + DateSourceName(best->source) + " " + best->where;
  // A UTC instant one day off a day the page states in its own time (a
  // visible date, a timestamp with its offset): the page's day, unless
  // another such statement agrees with the UTC day.
  auto local = [](const DateEvidence* e) {
    switch (e->source) {
      case DateSource::kDateline:
        return true;
      case DateSource::kDateElement:  // by the headline, not the site's "today"
        return e->score >= kScoreDateElementNearHeadline;
      case DateSource::kTimeElement:
        return !e->utc && e->score >= kScoreTimeNearHeadline;
      case DateSource::kText:
        return false;
      default:
        return e->offset;
    }
  };
  const bool confirmed =
      std::any_of(candidates.begin(), candidates.end(),
                  [&](const DateEvidence* e) { return local(e) && e->date == best->date; });
  if (best->utc && !confirmed) {
    for (const DateEvidence* e : candidates) {
      if (!local(e)) continue;
      const int gap = date::DaysBetween(best->date, e->date);
      if (gap == 1 || gap == -1) {
        out.reason = std::string("the page's local day (") + DateSourceName(e->source) + " " +
                     e->where + ") over the UTC timestamp of " + best->where;
        best = e;
        break;
      }
    }
  }
  out.found = true;
  out.date = best->date;
  if (!rejected.empty()) out.reason += "; rejected" + rejected.substr(1);
  return out;
}

std::string ExplainDecision(const DateDecision& d) {
  std::string out = "date: " + (d.found ? date::Iso(d.date) : std::string("none")) + "\n";
  out += "reason: " + d.reason + "\n";
  out += "evidence (score, date, kind, source):\n";
  for (const DateEvidence& e : d.evidence) out += "  " + DateLine(e) + "\n";
  return out;
}

}  // namespace annals::segment
