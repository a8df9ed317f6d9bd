#include "src/events/date_expr.h"

#include "src/common/string_map.h"
#include "src/common/text.h"
#include "src/events/chars.h"
#include "src/events/lexicon.h"

#include <algorithm>
#include <bitset>
#include <climits>
#include <span>
#include <string>
#include <unordered_set>

namespace annals::events {
namespace {

using chars::IsAlpha;
using chars::IsCyrillicLead;
using chars::IsDigit;
using chars::IsLower;
using chars::IsUpper;
using chars::IsWordByte;
using chars::Lower;

// The first three letters (lower case) of an ASCII word, as an index into
// a bit set.
size_t Prefix3(char a, char b, char c) {
  return static_cast<size_t>(a - 'a') * 676 + static_cast<size_t>(b - 'a') * 26 +
         static_cast<size_t>(c - 'a');
}

// The word lists of dates (data/lang/LANG/date_*.tsv), rows of every
// language. The WordTables of month names, relative dates, weekdays, year
// words and periods are read for words that start with a Cyrillic letter;
// month and weekday names in ASCII letters are src/common/date's (from the
// same tables), relative dates in ASCII letters are read word by word
// (ascii_relative). Context words, quantifiers, year followers, connectors,
// span openers and coordinators serve every language.
struct DateTables {
  WordTable months{"date_months"};      // form, month
  WordTable relative{"date_relative"};  // phrase, unit, offset
  WordTable weekdays{"date_weekdays"};  // form, day (Monday 1)
  WordTable year_words{"date_year_words"};
  WordTable context{"date_context"};  // "in", "в": a bare month or year after them is a date
  WordTable quantifiers{"date_quantifiers"};  // "about", "около": a number after them is a count
  WordTable year_followers{"date_year_followers"};  // "in 2002 the": a year, not "2000 troops"
  WordTable connectors{"date_connectors"};          // word, kind (to, and)
  WordTable periods{"date_period_words"};           // word, when (always, single, coarse)
  WordTable span_openers{"date_span_openers"};      // "between", "между"
  WordTable schedule_words{"date_schedule_words"};  // "scheduled for June": not a period
  WordTable tense_words{"date_tense_words"};  // word, direction (past, future, current, sentence)
  // The phrases of date_relative written in ASCII letters, split into their
  // words: a day word ("yesterday") or a word and its unit's noun ("last year").
  struct Relative {
    std::string_view first, second, unit;
    int offset = 0;
  };
  std::vector<Relative> ascii_relative;
  std::bitset<26 * 26 * 26> ascii_relative_starts;  // Prefix3 of their first words
  // Each word of date_coordinators between spaces (" and ", " и ").
  std::vector<std::string> coordinators;
  // The words that can start a date of these tables: month forms, weekdays
  // and the first word of relative phrases ("текущего", "с" of "с.г.").
  std::unordered_set<std::string_view> starts;
  DateTables() {
    for (const std::string& lang : text::Languages()) {
      for (std::string_view name : {"date_months", "date_relative", "date_weekdays"}) {
        for (const text::LangRow& row : text::LangRows(lang, name)) {
          std::string_view w = row[0];
          starts.insert(w.substr(0, std::min(w.find(' '), w.find('.'))));
        }
      }
      for (const text::LangRow& row : text::LangRows(lang, "date_relative")) {
        const std::string_view phrase = row[0];
        if (row.size() < 3 || !IsAlpha(phrase.front())) continue;
        const size_t space = phrase.find(' ');
        Relative r{.first = phrase.substr(0, space),
                   .second = space == std::string_view::npos ? std::string_view()
                                                             : phrase.substr(space + 1),
                   .unit = row[1],
                   .offset = std::stoi(std::string(row[2]))};
        if (r.first.size() >= 3 && IsAlpha(r.first[1]) && IsAlpha(r.first[2])) {
          ascii_relative_starts.set(
              Prefix3(Lower(r.first[0]), Lower(r.first[1]), Lower(r.first[2])));
        }
        ascii_relative.push_back(r);
      }
      for (const text::LangRow& row : text::LangRows(lang, "date_coordinators")) {
        coordinators.push_back(" " + std::string(row[0]) + " ");
      }
    }
  }
};
const DateTables& Tables() {
  static const DateTables kInstance;  // immutable after construction (thread-safe init)
  return kInstance;
}

// The longest window read for a phrase of date_relative or date_year_words.
constexpr size_t kPhraseWindow = 48;

struct Raw {
  size_t begin = 0;
  size_t end = 0;
  date::Date a;  // a.year 0: the year is not written
  date::Date b;  // the end of a span (parts 0 where not written)
  bool span = false;
  bool has_offset = false;  // "this/last/next year" gives the year relative to the story's
  int offset = 0;
  int tense = 0;          // -1: "last June"; +1: "next June"; 0: from the sentence
  bool resolved = false;  // already a full value relative to the story ("today")
};

class Scanner {
 public:
  Scanner(std::string_view s, const DateContext& ctx) : s_(s), ctx_(ctx) {}

  std::vector<DateExpr> Run() {
    std::vector<Raw> raws;
    size_t i = 0;
    while (i < s_.size()) {
      if (!TokenStart(i)) {
        ++i;
        continue;
      }
      Raw r;
      size_t q = 0;
      if (TryAt(i, &r, &q)) {
        r.begin = i;
        r.end = q;
        raws.push_back(r);
        i = q;
      } else {
        while (i < s_.size() && IsWordByte(s_[i])) ++i;
      }
    }
    return Resolve(&raws);
  }

 private:
  char At(size_t p) const { return p < s_.size() ? s_[p] : '\0'; }

  size_t SkipSpaces(size_t p) const {
    while (p < s_.size()) {
      if (s_[p] == ' ' || s_[p] == '\t') {
        ++p;
      } else if (s_.substr(p, 2) == "\xC2\xA0") {  // no-break space
        p += 2;
      } else {
        break;
      }
    }
    return p;
  }

  size_t WordEnd(size_t p) const {
    while (p < s_.size() && IsAlpha(s_[p])) ++p;
    return p;
  }

  // The ASCII-letter word at p (possibly empty).
  std::string_view WordAt(size_t p) const { return s_.substr(p, WordEnd(p) - p); }

  // The end of the word of letters (any script) at p.
  size_t LetterWordEnd(size_t p) const {
    while (p < s_.size()) {
      if (!chars::IsHigh(s_[p])) {
        if (!IsAlpha(s_[p])) break;
        ++p;
        continue;
      }
      size_t len = 0;
      if (!chars::IsLetterAt(s_, p)) break;
      chars::CodePointAt(s_, p, &len);
      p += len;
    }
    return p;
  }

  // s_[p, p + n) lower-cased letter by letter. The whole text is lower-cased
  // once, on first use; where that changes its byte length, the piece alone.
  // The view lives until the next call.
  std::string_view LowView(size_t p, size_t n) const {
    if (!low_made_) {
      low_ = chars::LowerUtf8(s_);
      low_made_ = true;
      if (low_.size() != s_.size()) low_.clear();
    }
    if (low_.size() != s_.size()) {
      scratch_ = chars::LowerUtf8(s_.substr(p, n));
      return scratch_;
    }
    return std::string_view(low_).substr(p, n);
  }

  // The lower-cased word of letters at p (possibly empty); its end in *end.
  std::string_view LowerWordAt(size_t p, size_t* end) const {
    *end = LetterWordEnd(p);
    return LowView(p, *end - p);
  }

  // The row of `table` whose phrase the text at p starts with; its end in *q.
  const text::LangRow* PhraseAt(const WordTable& table, size_t p, size_t* q) const {
    if (p >= s_.size() || !IsCyrillicLead(s_[p])) return nullptr;
    size_t n = std::min(kPhraseWindow, s_.size() - p);
    const std::string_view low = LowView(p, n);
    size_t len = 0;
    const text::LangRow* row = table.FindPhrase(low, &len);
    if (row == nullptr || len > n) return nullptr;
    *q = p + len;
    return row;
  }

  // A year word after a year ("2023 г.", "2019 году"): the end past it, or p.
  size_t SkipYearWord(size_t p) const {
    size_t r = SkipSpaces(p), q = 0;
    if (PhraseAt(Tables().year_words, r, &q)) return q;
    return p;
  }

  // The word before p in any script, lower-cased ("в", "in").
  std::string_view PrevWordLower(size_t p) const {
    while (p > 0 &&
           (s_[p - 1] == ' ' || s_[p - 1] == '(' || s_[p - 1] == '-' || s_[p - 1] == '\t')) {
      --p;
    }
    size_t e = p;
    while (p > 0 && (IsAlpha(s_[p - 1]) || chars::IsHigh(s_[p - 1]))) --p;
    while (p < e && chars::IsHigh(s_[p]) && !chars::IsLetterAt(s_, p)) ++p;  // "«", "–"
    if (p == e) return {};
    return LowView(p, e - p);
  }

  bool WordIs(size_t p, std::string_view lower, size_t* q) const {
    std::string_view w = WordAt(p);
    if (w.empty() || !text::EqualsIgnoreCase(w, lower)) return false;
    *q = p + w.size();
    return true;
  }

  // The word before byte p (skipping spaces, an opening parenthesis and a hyphen).
  std::string_view PrevWord(size_t p, size_t* word_begin = nullptr) const {
    while (p > 0 &&
           (s_[p - 1] == ' ' || s_[p - 1] == '(' || s_[p - 1] == '-' || s_[p - 1] == '\t')) {
      --p;
    }
    size_t e = p;
    while (p > 0 && IsAlpha(s_[p - 1])) --p;
    if (word_begin) *word_begin = p;
    return s_.substr(p, e - p);
  }

  // 3 when a dash (en, em, hyphen) starts at p, else 0.
  size_t DashLen(size_t p) const {
    const std::string_view d = s_.substr(p, 3);
    return d == "\xE2\x80\x93" || d == "\xE2\x80\x94" || d == "\xE2\x80\x90" ? 3 : 0;
  }

  bool TokenStart(size_t i) const {
    if (!IsWordByte(s_[i])) return false;
    if (i == 0) return true;
    const char prev = s_[i - 1];
    if (IsWordByte(prev)) {
      // After a dash, as after '-': "30–31" is two numbers, "Shield–2024" a name.
      if (i < 3 || DashLen(i - 3) == 0) return false;
      return !(IsDigit(s_[i]) && i >= 4 && IsWordByte(s_[i - 4]));
    }
    if (IsDigit(s_[i])) {
      // Inside a number, a code or a name: "+3491-555", "71/5", "1.2", "Sea Shield-2024".
      if (prev == '+' || prev == '/' || prev == '#') return false;
      if ((prev == '-' || prev == '.' || prev == ',' || prev == ':') && i >= 2 &&
          IsWordByte(s_[i - 2])) {
        return false;
      }
    }
    return true;
  }

  // 1-2 digit day of month with an optional ordinal suffix, not part of a
  // larger number, a decimal or a time.
  bool ParseDay(size_t p, int* d, size_t* q) const {
    size_t n = 0;
    int v = 0;
    while (p + n < s_.size() && IsDigit(s_[p + n])) {
      if (n == 2) return false;
      v = v * 10 + (s_[p + n] - '0');
      ++n;
    }
    if (n == 0 || v < 1 || v > 31) return false;
    size_t e = p + n;
    for (std::string_view suf : date::OrdinalSuffixes()) {
      if (text::StartsWithIgnoreCase(s_.substr(e), suf) && !IsWordByte(At(e + suf.size()))) {
        e += suf.size();
        break;
      }
    }
    if (IsWordByte(At(e)) && DashLen(e) == 0) return false;  // "30–31 May" ends at the dash
    const char c = At(e);
    if ((c == ',' || c == '.' || c == ':' || c == '/') && IsDigit(At(e + 1))) return false;
    if (c == '%') return false;
    *d = v;
    *q = e;
    return true;
  }

  // A capitalized (or upper-case) English month name or abbreviation.
  bool ParseMonth(size_t p, int* m, size_t* q) const {
    if (p < s_.size() && IsCyrillicLead(s_[p])) {
      size_t e = 0;
      const text::LangRow* row = Tables().months.Find(LowerWordAt(p, &e));
      if (row == nullptr) return false;
      *m = std::stoi(std::string(Column(*row, 1)));
      *q = e;
      return true;
    }
    std::string_view w = WordAt(p);
    if (w.size() < 3 || !IsUpper(w[0])) return false;
    bool all_upper = true, rest_lower = true;
    for (size_t k = 1; k < w.size(); ++k) {
      all_upper = all_upper && IsUpper(w[k]);
      rest_lower = rest_lower && IsLower(w[k]);
    }
    if (!all_upper && !rest_lower) return false;
    date::NameForm form = date::NameForm::kNone;
    const int month = date::MonthNumber(w, &form);
    // A full name or an abbreviation ("Dec", "Sept"); the loose forms
    // ("Dece") are read only inside a full date (date::ConsumeDate).
    if (month == 0 || form == date::NameForm::kLoose) return false;
    const bool full = form == date::NameForm::kFull;
    size_t e = p + w.size();
    if (!full && At(e) == '.') ++e;
    if (IsWordByte(At(e))) return false;
    *m = month;
    *q = e;
    return true;
  }

  bool ParseYear(size_t p, int* y, size_t* q) const {
    int v = 0;
    for (size_t k = 0; k < 4; ++k) {
      if (!IsDigit(At(p + k))) return false;
      v = v * 10 + (s_[p + k] - '0');
    }
    if ((IsWordByte(At(p + 4)) && DashLen(p + 4) == 0) || !date::IsValid(v, 1, 1)) return false;
    *y = v;
    *q = p + 4;
    return true;
  }

  // ", 2025" / " 2025" / " (2025)" after a day or month.
  bool YearTail(size_t p, int* y, size_t* q) const {
    size_t r = p;
    if (At(r) == ',') ++r;
    r = SkipSpaces(r);
    if (r == p) return false;
    if (ParseYear(r, y, q)) {
      *q = SkipYearWord(*q);
      return true;
    }
    if (At(r) == '(' && ParseYear(r + 1, y, q) && At(*q) == ')') {
      ++*q;
      return true;
    }
    return false;
  }

  // " this year" / " of last year" / " the previous year" after a day or month.
  bool RelYearTail(size_t p, int* offset, size_t* q) const {
    size_t r = SkipSpaces(p);
    if (r == p) return false;
    size_t t = 0;
    if (const text::LangRow* row = PhraseAt(Tables().relative, r, &t)) {
      if (Column(*row, 1) != "year") return false;
      *offset = std::stoi(std::string(Column(*row, 2)));
      *q = t;
      return true;
    }
    if (WordIs(r, "of", &t)) r = SkipSpaces(t);
    if (WordIs(r, "the", &t)) r = SkipSpaces(t);
    return RelYearAt(r, offset, q);
  }

  // "this year", "last year", "previous year", "next year", "current year".
  bool RelYearAt(size_t r, int* offset, size_t* q) const {
    return RelPhraseAt(r, "year", offset, q);
  }

  // An ASCII phrase of date_relative of `unit` at r: a word, spaces and the
  // unit's noun ("last year", "next month"); its offset in *offset, its end in *q.
  bool RelPhraseAt(size_t r, std::string_view unit, int* offset, size_t* q) const {
    const std::string_view w = WordAt(r);
    if (w.empty()) return false;
    const size_t t = SkipSpaces(r + w.size());
    if (t == r + w.size()) return false;
    const std::string_view noun = WordAt(t);
    for (const DateTables::Relative& rel : Tables().ascii_relative) {
      if (rel.unit == unit && !rel.second.empty() && text::EqualsIgnoreCase(w, rel.first) &&
          text::EqualsIgnoreCase(noun, rel.second)) {
        *offset = rel.offset;
        *q = t + noun.size();
        return true;
      }
    }
    return false;
  }

  // Whether an ASCII word is the noun of a date_relative phrase of `unit` ("month").
  static bool IsRelativeNoun(std::string_view w, std::string_view unit) {
    if (w.empty()) return false;
    for (const DateTables::Relative& rel : Tables().ascii_relative) {
      if (rel.unit == unit && text::EqualsIgnoreCase(w, rel.second)) return true;
    }
    return false;
  }

  // A range connector: "-", "–", "—", or a word of date_connectors ("to",
  // "until", "по") and, when allow_and (after "between"), one of kind "and".
  bool Connector(size_t p, bool allow_and, size_t* q) const {
    size_t r = SkipSpaces(p);
    if (At(r) == '-') {
      ++r;
    } else if (s_.substr(r, 3) == "\xE2\x80\x93" || s_.substr(r, 3) == "\xE2\x80\x94" ||
               s_.substr(r, 3) == "\xE2\x80\x90") {
      r += 3;
    } else if (r < s_.size() && IsCyrillicLead(s_[r])) {
      size_t e = 0;
      const text::LangRow* row = Tables().connectors.Find(LowerWordAt(r, &e));
      if (row == nullptr || (Column(*row, 1) == "and" && !allow_and)) return false;
      if (r == p || SkipSpaces(e) == e) return false;
      r = e;
    } else {
      std::string_view w = WordAt(r);
      const text::LangRow* row =
          w.empty() ? nullptr : Tables().connectors.Find(text::AsciiLower(w));
      if (row == nullptr || (Column(*row, 1) == "and" && !allow_and)) return false;
      if (r == SkipSpaces(p) && r == p && r > 0 && IsWordByte(s_[r - 1])) return false;
      r += w.size();
      if (SkipSpaces(r) == r) return false;
    }
    *q = SkipSpaces(r);
    return true;
  }

  // Optional "of " between a day and its month ("21st of November").
  size_t SkipOf(size_t p) const {
    size_t r = SkipSpaces(p), t = 0;
    if (WordIs(r, "of", &t)) return SkipSpaces(t);
    return r;
  }

  bool AfterBetween(size_t i) const {
    std::string_view prev = PrevWord(i);
    return Tables().span_openers.Contains(prev.empty() ? std::string(PrevWordLower(i))
                                                       : text::AsciiLower(prev));
  }

  // Year after a yearless day/month: written, or relative to the story year.
  void Tail(size_t p, Raw* r, size_t* q) const {
    int y = 0, off = 0;
    size_t e = 0;
    if (YearTail(p, &y, &e)) {
      r->a.year = r->a.year == 0 ? y : r->a.year;
      if (r->span) r->b.year = y;
      *q = e;
    } else if (RelYearTail(p, &off, &e)) {
      r->has_offset = true;
      r->offset = off;
      *q = e;
    } else {
      *q = p;
    }
  }

  // Cheap test of the word at i: a digit, a month or weekday name, or a word
  // of a relative date. Most words are none of these.
  bool MayStartDate(size_t i) const {
    const char c = s_[i];
    if (IsDigit(c) || IsCyrillicLead(c)) return true;
    if (!IsAlpha(c) || !IsAlpha(At(i + 1)) || !IsAlpha(At(i + 2))) return false;
    const size_t key = Prefix3(Lower(c), Lower(s_[i + 1]), Lower(s_[i + 2]));
    return (IsUpper(c) && date::MayStartDateName(s_.substr(i, 3))) ||
           Tables().ascii_relative_starts[key];
  }

  bool TryAt(size_t i, Raw* r, size_t* q) const {
    if (!MayStartDate(i)) return false;
    if (!IsCyrillicLead(s_[i]) && TryFullDate(i, r, q)) return true;
    if (IsDigit(s_[i])) {
      return TryDayFirst(i, r, q) || TryDayDotMonth(i, r, q) || TryYear(i, r, q);
    }
    if (IsCyrillicLead(s_[i])) {
      size_t e = 0;
      if (!Tables().starts.contains(LowerWordAt(i, &e))) return false;
      return TryMonthFirst(i, r, q) || TryRelative(i, r, q);
    }
    if (IsAlpha(s_[i])) return TryMonthFirst(i, r, q) || TryRelative(i, r, q);
    return false;
  }

  // A full date by date::ConsumeDate, optionally followed by the end of a span.
  bool TryFullDate(size_t i, Raw* r, size_t* q) const {
    std::string_view rest = s_.substr(i);
    date::Date a;
    if (!date::ConsumeDate(&rest, &a)) return false;
    size_t e = s_.size() - rest.size();
    r->a = a;
    size_t c = 0;
    if (Connector(e, AfterBetween(i), &c)) {
      std::string_view rest2 = s_.substr(c);
      date::Date b;
      size_t e2 = 0;
      int d = 0, m = 0;
      if (date::ConsumeDate(&rest2, &b)) {
        e2 = s_.size() - rest2.size();
      } else if ((ParseDay(c, &d, &e2) && ParseMonth(SkipOf(e2), &m, &e2)) ||
                 (ParseMonth(c, &m, &e2) && ParseDay(SkipSpaces(e2), &d, &e2))) {
        b = {a.year, m, d};
        if (b < a) ++b.year;
      }
      if (b.year != 0 && a < b && date::IsValid(b.year, b.month, b.day)) {
        r->b = b;
        r->span = true;
        e = e2;
      }
    }
    *q = e;
    return true;
  }

  // "4-6 June", "27 May - 2 June 2025", "15 May", "21st of October (2021)".
  bool TryDayFirst(size_t i, Raw* r, size_t* q) const {
    int d1 = 0, d2 = 0, m1 = 0, m2 = 0;
    size_t p = 0, c = 0, e = 0;
    if (!ParseDay(i, &d1, &p)) return false;
    // Day range within one month ("4-6 June"; "11 and 12 July" when the
    // month follows the second day).
    if (Connector(p, true, &c) && ParseDay(c, &d2, &e) && d2 > d1) {
      size_t mp = SkipOf(e);
      if (mp > e && ParseMonth(mp, &m1, &e)) {
        r->a = {0, m1, d1};
        r->b = {0, m1, d2};
        r->span = true;
        Tail(e, r, q);
        return true;
      }
    }
    size_t mp = SkipOf(p);
    if (mp == p || !ParseMonth(mp, &m1, &e)) return false;
    r->a = {0, m1, d1};
    // Day and month to day and month.
    if (Connector(e, AfterBetween(i), &c) && ParseDay(c, &d2, &p)) {
      size_t mp2 = SkipOf(p);
      size_t e2 = 0;
      if (mp2 > p && ParseMonth(mp2, &m2, &e2)) {
        r->b = {0, m2, d2};
        r->span = true;
        Tail(e2, r, q);
        return true;
      }
    }
    Tail(e, r, q);
    return true;
  }

  // "7.02 2025": day.month, then the year after a space.
  bool TryDayDotMonth(size_t i, Raw* r, size_t* q) const {
    size_t p = i;
    int d = 0, m = 0, y = 0;
    while (p < s_.size() && IsDigit(s_[p]) && p - i < 2) d = d * 10 + (s_[p++] - '0');
    if (p == i || At(p) != '.' || !IsDigit(At(p + 1)) || !IsDigit(At(p + 2)) ||
        IsDigit(At(p + 3))) {
      return false;
    }
    m = (s_[p + 1] - '0') * 10 + (s_[p + 2] - '0');
    size_t yp = SkipSpaces(p + 3);
    size_t e = 0;
    if (yp == p + 3 || !ParseYear(yp, &y, &e) || !date::IsValid(y, m, d)) return false;
    r->a = {y, m, d};
    *q = e;
    return true;
  }

  // "March 12 this year", "May 27-30, 2025", "May-June 2023", "December 2024", "in June".
  bool TryMonthFirst(size_t i, Raw* r, size_t* q) const {
    int m1 = 0, m2 = 0, d1 = 0, d2 = 0;
    size_t p = 0, c = 0, e = 0;
    if (!ParseMonth(i, &m1, &p)) return false;
    size_t dp = SkipSpaces(p);
    if (dp > p && ParseDay(dp, &d1, &e)) {
      r->a = {0, m1, d1};
      if (Connector(e, AfterBetween(i), &c)) {
        size_t e2 = 0, e3 = 0;
        if (ParseMonth(c, &m2, &e2) && SkipSpaces(e2) > e2 && ParseDay(SkipSpaces(e2), &d2, &e3)) {
          r->b = {0, m2, d2};
          r->span = true;
          Tail(e3, r, q);
          return true;
        }
        if (ParseDay(c, &d2, &e2) && d2 > d1) {
          r->b = {0, m1, d2};
          r->span = true;
          Tail(e2, r, q);
          return true;
        }
      }
      Tail(e, r, q);
      return true;
    }
    r->a = {0, m1, 0};
    if (Connector(p, false, &c) && ParseMonth(c, &m2, &e) && m2 != m1) {
      r->b = {0, m2, 0};
      r->span = true;
      p = e;
    }
    size_t t = 0;
    Tail(p, r, &t);
    if (t > p) {
      *q = t;
      return true;
    }
    // A bare month needs a preposition or a determiner before it.
    std::string_view prev = PrevWord(i);
    if (!Tables().context.Contains(prev.empty() ? std::string(PrevWordLower(i))
                                                : text::AsciiLower(prev))) {
      return false;
    }
    if (const text::LangRow* tense = Tables().tense_words.Find(text::AsciiLower(prev))) {
      const std::string_view direction = Column(*tense, 1);
      if (direction == "past") r->tense = -1;
      if (direction == "future") r->tense = 1;
      if (direction == "current") {
        r->has_offset = true;
        r->offset = 0;
      }
    }
    *q = p;
    return true;
  }

  // "in 2002", "1914-1918", "from 2020 to 2022".
  bool TryYear(size_t i, Raw* r, size_t* q) const {
    int y1 = 0, y2 = 0;
    size_t p = 0, c = 0, e = 0;
    if (!ParseYear(i, &y1, &p)) return false;
    if (Connector(p, AfterBetween(i), &c) && ParseYear(c, &y2, &e) && y2 > y1 && y2 - y1 <= 100) {
      r->a = {y1, 0, 0};
      r->b = {y2, 0, 0};
      r->span = true;
      *q = SkipYearWord(e);
      return true;
    }
    const std::string_view prev = PrevWord(i);
    // The word before in any script ("in 2019", "в 2019 году", "около 2000").
    const std::string before =
        prev.empty() ? std::string(PrevWordLower(i)) : text::AsciiLower(prev);
    if (Tables().quantifiers.Contains(before)) return false;
    bool ok = Tables().context.Contains(before);
    if (!ok && prev.empty() && !before.empty() && chars::IsUpperAt(PrevWordRaw(i), 0)) {
      return false;  // "Стратегия 2030": a year in a name
    }
    if (!ok && !prev.empty() && IsUpper(prev[0])) {
      // "Strategy 2030": a year in a name. A month before it is handled elsewhere.
      return false;
    }
    if (!ok) {
      size_t n = SkipSpaces(p);
      const char c0 = At(n);
      if (c0 == '%' || (c0 == '-' && IsDigit(At(n + 1)))) return false;
      if (IsAlpha(c0)) {
        std::string_view next = WordAt(n);
        ok = IsUpper(next[0]) || Tables().year_followers.Contains(text::AsciiLower(next));
      } else if (IsCyrillicLead(c0)) {
        ok = SkipYearWord(p) > p;  // "2015 года"; "2000 военнослужащих" is a count
      } else {
        ok = !IsDigit(c0);
      }
    }
    if (!ok) return false;
    r->a = {y1, 0, 0};
    *q = SkipYearWord(p);
    return true;
  }

  // The word of letters (any script) before p, as written.
  std::string_view PrevWordRaw(size_t p) const {
    while (p > 0 && (s_[p - 1] == ' ' || s_[p - 1] == '(' || s_[p - 1] == '\t')) --p;
    size_t e = p;
    while (p > 0 && (IsAlpha(s_[p - 1]) || chars::IsHigh(s_[p - 1]))) --p;
    while (p < e && chars::IsHigh(s_[p]) && !chars::IsLetterAt(s_, p)) ++p;
    return s_.substr(p, e - p);
  }

  // "сегодня", "в прошлом году", "в текущем месяце", "в понедельник".
  bool TryRelativeOther(size_t i, Raw* r, size_t* q) const {
    const date::Date& st = ctx_.story;
    size_t e = 0;
    if (const text::LangRow* row = PhraseAt(Tables().relative, i, &e)) {
      const std::string_view unit = Column(*row, 1);
      const int off = std::stoi(std::string(Column(*row, 2)));
      if (unit == "year") {
        r->a = {st.year + off, 0, 0};
      } else if (unit == "month" && st.month != 0) {
        int index = st.year * 12 + (st.month - 1) + off;
        r->a = {index / 12, index % 12 + 1, 0};
      } else if (unit == "day" && st.day != 0) {
        r->a = CivilFromDays(DaysFromCivil(st.year, st.month, st.day) + off);
      } else {
        return false;
      }
      r->resolved = true;
      *q = e;
      return true;
    }
    if (st.day == 0) return false;
    const text::LangRow* row = Tables().weekdays.Find(LowerWordAt(i, &e));
    if (row == nullptr || !Tables().context.Contains(PrevWordLower(i))) return false;
    const int64_t k = std::stoi(std::string(Column(*row, 1))) - 1;
    const int64_t today = DaysFromCivil(st.year, st.month, st.day);
    const int64_t wd = ((today % 7) + 7 + 3) % 7;  // Monday = 0; 1970-01-01 was a Thursday
    int64_t diff = k - wd;
    if (!ctx_.future && diff > 0) diff -= 7;
    if (ctx_.future && diff < 0) diff += 7;
    r->a = CivilFromDays(today + diff);
    r->resolved = true;
    *q = e;
    return true;
  }

  // "today", "yesterday", "tomorrow", "this/last/next year|month", "on Monday".
  bool TryRelative(size_t i, Raw* r, size_t* q) const {
    if (ctx_.story.year == 0) return false;
    if (IsCyrillicLead(s_[i])) return TryRelativeOther(i, r, q);
    const date::Date& st = ctx_.story;
    std::string_view w = WordAt(i);
    size_t e = i + w.size();
    for (const DateTables::Relative& rel : Tables().ascii_relative) {  // "yesterday"
      if (!rel.second.empty() || rel.unit != "day" || !text::EqualsIgnoreCase(w, rel.first)) {
        continue;
      }
      if (st.day == 0) return false;
      r->a = CivilFromDays(DaysFromCivil(st.year, st.month, st.day) + rel.offset);
      r->resolved = true;
      *q = e;
      return true;
    }
    int off = 0;
    if (RelYearAt(i, &off, q)) {
      r->a = {st.year + off, 0, 0};
      r->resolved = true;
      return true;
    }
    // "this month", "last month", "next month".
    size_t t = SkipSpaces(e), me = 0;
    if (t > e && IsRelativeNoun(WordAt(t), "month") && st.month != 0) {
      int shift = 0;
      if (!RelPhraseAt(i, "month", &shift, &me)) return false;
      int index = st.year * 12 + (st.month - 1) + shift;
      r->a = {index / 12, index % 12 + 1, 0};
      r->resolved = true;
      *q = me;
      return true;
    }
    // A weekday after "on", "last", "next" or "this".
    if (!IsUpper(w.empty() ? 'a' : w[0]) || st.day == 0) return false;
    date::NameForm form = date::NameForm::kNone;
    if (const int day = date::WeekdayNumber(w, &form); day != 0 && form == date::NameForm::kFull) {
      const auto k = static_cast<size_t>(day - 1);
      const text::LangRow* tense = Tables().tense_words.Find(text::AsciiLower(PrevWord(i)));
      if (tense == nullptr) return false;
      const std::string_view direction = Column(*tense, 1);
      int dir = direction == "future" ? 1 : direction == "past" ? -1 : 0;
      if (dir == 0) dir = ctx_.future ? 1 : -1;
      const int64_t today = DaysFromCivil(st.year, st.month, st.day);
      const int64_t wd = ((today % 7) + 7 + 3) % 7;  // Monday = 0; 1970-01-01 was a Thursday
      int64_t diff = static_cast<int64_t>(k) - wd;
      if (dir < 0 && diff > 0) diff -= 7;
      if (dir > 0 && diff < 0) diff += 7;
      r->a = CivilFromDays(today + diff);
      r->resolved = true;
      *q = e;
      return true;
    }
    return false;
  }

  // Years for what was written without one, then the output values.
  std::vector<DateExpr> Resolve(std::vector<Raw>* raws) const {
    // A yearless date coordinated with a dated one takes its year: "in June and December 2024".
    for (size_t k = raws->size(); k-- > 1;) {
      Raw& r = (*raws)[k - 1];
      const Raw& next = (*raws)[k];
      if (r.a.year != 0 || r.has_offset || r.resolved || next.a.year == 0) continue;
      std::string_view gap = s_.substr(r.end, next.begin - r.end);
      if (gap.size() > 40 || gap.find('.') != std::string_view::npos) continue;
      const std::vector<std::string>& coordinators = Tables().coordinators;
      if (gap.find(',') == std::string_view::npos &&
          std::none_of(coordinators.begin(), coordinators.end(), [&](const std::string& c) {
            return gap.find(c) != std::string_view::npos;
          })) {
        continue;
      }
      date::Date candidate = r.a;
      candidate.year = next.a.year;
      if (candidate > next.a) continue;
      r.a.year = candidate.year;
      r.has_offset = false;
    }
    std::vector<DateExpr> out;
    for (Raw& r : *raws) {
      DateExpr x;
      x.begin = static_cast<uint32_t>(r.begin);
      x.end = static_cast<uint32_t>(r.end);
      bool relative = r.resolved;
      if (r.a.year == 0) {
        if (ctx_.story.year == 0) continue;
        relative = true;
        if (r.has_offset) {
          r.a.year = ctx_.story.year + r.offset;
        } else {
          int tense = r.tense != 0 ? r.tense : (ctx_.future ? 1 : -1);
          r.a.year = YearFromTense(r.a, tense);
        }
      }
      if (r.span) {
        if (r.b.year == 0) {
          r.b.year = r.a.year;
          if (r.b < r.a) ++r.b.year;
        } else if (r.a > r.b) {
          r.a.year = r.b.year - 1;
        }
      }
      if (!Valid(r.a) || (r.span && (!Valid(r.b) || !(r.a < r.b)))) continue;
      x.start = r.a;
      if (r.span) x.last = r.b;
      x.relative = relative;
      x.period = IsPeriod(r.begin, PrecisionOf(x.start), r.span);
      out.push_back(x);
    }
    return out;
  }

  static bool Valid(const date::Date& d) {
    if (d.day != 0) return date::IsValid(d.year, d.month, d.day);
    if (d.month != 0) return date::IsValid(d.year, d.month, 1);
    return date::IsValid(d.year, 1, 1);
  }

  // The year of a yearless day or month: the latest not after the story
  // date (tense < 0) or the earliest not before it (tense > 0).
  int YearFromTense(const date::Date& d, int tense) const {
    const date::Date& st = ctx_.story;
    date::Date same{st.year, d.month, d.day};
    date::Date ref{st.year, st.month, d.day == 0 ? 0 : (st.day == 0 ? 31 : st.day)};
    if (st.month == 0) return st.year;
    if (tense < 0) return same > ref ? st.year - 1 : st.year;
    date::Date ref_low{st.year, st.month, d.day == 0 ? 0 : st.day};
    return same < ref_low ? st.year + 1 : st.year;
  }

  // "for 2026-2028", "until 2030", "up to 2025", "since 2002".
  bool IsPeriod(size_t begin, Precision precision, bool span) const {
    size_t wb = 0;
    std::string_view w1 = PrevWord(begin, &wb);
    if (w1.empty()) {
      const text::LangRow* row = Tables().periods.Find(PrevWordLower(begin));
      if (row == nullptr) return false;
      const std::string_view when = Column(*row, 1);
      return when == "always" || (when == "single" && !span) ||
             (when == "coarse" && precision != Precision::kDay);
    }
    // A two-word phrase ("up to"), else the word.
    const std::string low1 = text::AsciiLower(w1);
    const std::string low2 = text::AsciiLower(PrevWord(wb));
    const text::LangRow* row = low2.empty() ? nullptr : Tables().periods.Find(low2 + " " + low1);
    if (row == nullptr) row = Tables().periods.Find(low1);
    if (row == nullptr) return false;
    const std::string_view when = Column(*row, 1);
    if (when == "coarse" && precision == Precision::kMonth &&
        Tables().schedule_words.Contains(low2)) {
      return false;  // "scheduled for June"
    }
    return when == "always" || (when == "single" && !span) ||
           (when == "coarse" && precision != Precision::kDay);
  }

  std::string_view s_;
  const DateContext& ctx_;
  mutable std::string low_;  // LowView's
  mutable bool low_made_ = false;
  mutable std::string scratch_;
};

}  // namespace

Precision PrecisionOf(const date::Date& d) {
  if (d.day != 0) return Precision::kDay;
  if (d.month != 0) return Precision::kMonth;
  return Precision::kYear;
}

std::vector<DateExpr> FindDateExprs(std::string_view text, const DateContext& context) {
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  return Scanner(text, context).Run();
}

namespace {

// The phrases of event_future written in ASCII letters ("will", "plans to",
// "is to be"), lower case, and what their last words can be: a cheap test
// before a word is looked up.
struct AsciiFuture {
  StringSet phrases;           // looked up by string_view
  std::bitset<26> last_first;  // first letters of the last words
  size_t last_min = SIZE_MAX, last_max = 0;
  AsciiFuture() {
    for (const std::string& lang : text::Languages()) {
      for (const text::LangRow& row : text::LangRows(lang, "event_future")) {
        const std::string phrase = text::AsciiLower(row[0]);
        if (phrase.empty() || !IsAlpha(phrase.front()) || phrase.back() == '*') continue;
        const size_t space = phrase.rfind(' ');
        const std::string_view last =
            std::string_view(phrase).substr(space == std::string::npos ? 0 : space + 1);
        if (last.empty() || !IsAlpha(last.front())) continue;
        last_first.set(static_cast<size_t>(last.front() - 'a'));
        last_min = std::min(last_min, last.size());
        last_max = std::max(last_max, last.size());
        phrases.insert(phrase);
      }
    }
  }
};

}  // namespace

bool SpeaksOfFuture(std::string_view sentence) {
  static const AsciiFuture kAscii;  // immutable after construction (thread-safe init)
  // Each word is checked alone and with the one and two before it ("plans
  // to", "is to be"): `key` holds the three lower-cased and joined, and each
  // lookup takes a tail of it, so that no string is built a word.
  std::string_view prev2, prev1;
  std::string key;
  auto append_lower = [&key](std::string_view w) {
    for (char c : w) key.push_back(Lower(c));
  };
  auto check = [&](std::string_view w) {
    key.clear();
    if (!prev2.empty()) {
      append_lower(prev2);
      key.push_back(' ');
    }
    const size_t two = key.size();
    if (!prev1.empty()) {
      append_lower(prev1);
      key.push_back(' ');
    }
    const size_t one = key.size();
    append_lower(w);
    const std::string_view k = key;
    if (kAscii.phrases.contains(k.substr(one))) return true;
    if (prev1.empty()) return false;
    if (kAscii.phrases.contains(k.substr(two))) return true;
    if (prev2.empty()) return false;
    return kAscii.phrases.contains(k);
  };
  size_t i = 0;
  while (i < sentence.size()) {
    if (IsCyrillicLead(
            sentence[i])) {  // "состоится", "будет проведено" (data/lang/ru/event_future.tsv)
      const size_t b = i;
      while (i < sentence.size() && chars::IsHigh(sentence[i])) ++i;
      static const WordTable kFuture("event_future");
      if (kFuture.Contains(chars::LowerUtf8(sentence.substr(b, i - b)))) return true;
      continue;
    }
    if (!IsAlpha(sentence[i])) {
      ++i;
      continue;
    }
    const size_t b = i;
    while (i < sentence.size() && (IsAlpha(sentence[i]) || sentence[i] == '\'')) ++i;
    std::string_view w = sentence.substr(b, i - b);
    if (w.size() >= 4 && w.substr(w.size() - 3) == "'ll") return true;  // "we'll"
    // Only words starting with these letters, of these lengths, can end a phrase.
    const char first = Lower(w[0]);
    if (w.size() >= kAscii.last_min && w.size() <= kAscii.last_max &&
        kAscii.last_first[static_cast<size_t>(first - 'a')] && check(w)) {
      return true;
    }
    prev2 = prev1;
    prev1 = w;
  }
  return false;
}

int64_t DaysFromCivil(int year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = month > 2 ? month - 3 : month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

date::Date CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace annals::events
