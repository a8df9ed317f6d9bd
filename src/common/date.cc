#include "src/common/date.h"

#include "src/common/lang_table.h"
#include "src/common/text.h"

#include <bitset>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

namespace annals::date {
namespace {

// A name's number and kind, by its form lower-cased (ASCII letters only:
// no ICU here, whose first use costs tens of milliseconds per process).
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using NameMap =
    std::unordered_map<std::string, std::pair<int, NameForm>, NameHash, std::equal_to<>>;

// The first three letters of the ASCII forms, as a bit set ('a'..'z' cubed).
using Starts = std::bitset<26 * 26 * 26>;

size_t Start3(char a, char b, char c) {
  return static_cast<size_t>(a - 'a') * 676 + static_cast<size_t>(b - 'a') * 26 +
         static_cast<size_t>(c - 'a');
}

char AsciiLowerChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

NameForm FormOf(std::string_view kind) {
  if (kind == "abbreviation") return NameForm::kAbbreviation;
  if (kind == "loose") return NameForm::kLoose;
  return NameForm::kFull;
}

// Rows "form, number[, kind]" of table `name` of every language.
void AddNames(std::string_view name, int max, NameMap* names, Starts* starts) {
  for (const std::string& lang : lang::Languages()) {
    for (const lang::Row& row : lang::Rows(lang, name)) {
      if (row.size() < 2 || row[0].empty()) continue;
      const int n = std::atoi(std::string(row[1]).c_str());
      if (n < 1 || n > max) continue;  // a malformed row: not a name
      std::string form(row[0]);
      for (char& c : form) c = AsciiLowerChar(c);
      names->emplace(form, std::pair(n, FormOf(row.size() > 2 ? row[2] : "")));
      if (form.size() >= 3 && IsLowerAscii(form[0]) && IsLowerAscii(form[1]) &&
          IsLowerAscii(form[2])) {
        starts->set(Start3(form[0], form[1], form[2]));
      }
    }
  }
}

// The first column of the rows of table `name` of every language whose
// second column is `kind` (any kind when `kind` is null), in table order.
std::vector<std::string_view> Words(std::string_view name, const char* kind) {
  std::vector<std::string_view> out;
  for (const std::string& lang : lang::Languages()) {
    for (const lang::Row& row : lang::Rows(lang, name)) {
      if (row[0].empty() || (kind != nullptr && (row.size() < 2 || row[1] != kind))) continue;
      out.push_back(row[0]);
    }
  }
  return out;
}

struct Names {
  NameMap months, weekdays;
  Starts starts;
  std::vector<std::string_view> ordinal_suffixes, meridiems, utc_names;
  Names()
      : ordinal_suffixes(Words("date_ordinal_suffixes", nullptr)),
        meridiems(Words("date_time_words", "meridiem")),
        utc_names(Words("date_time_words", "utc")) {
    AddNames("date_months", 12, &months, &starts);
    AddNames("date_weekdays", 7, &weekdays, &starts);
  }
};

const Names& GetNames() {
  static const Names kNames;  // immutable after construction (thread-safe init)
  return kNames;
}

int Lookup(const NameMap& map, std::string_view word, NameForm* form) {
  if (form) *form = NameForm::kNone;
  char buf[64];
  if (word.empty() || word.size() > sizeof buf) return 0;
  for (size_t i = 0; i < word.size(); ++i) buf[i] = AsciiLowerChar(word[i]);
  auto it = map.find(std::string_view(buf, word.size()));
  if (it == map.end()) return 0;
  if (form) *form = it->second.second;
  return it->second.first;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c) || (static_cast<unsigned char>(c) >= 0x80); }

void SkipSpaces(std::string_view* in) {
  while (!in->empty() && (in->front() == ' ' || in->front() == '\t')) in->remove_prefix(1);
}

// Reads 1..max_digits digits; false when none or more than max_digits.
bool ConsumeNumber(std::string_view* in, size_t min_digits, size_t max_digits, int* out) {
  size_t n = 0;
  int v = 0;
  while (n < in->size() && IsDigit((*in)[n])) {
    if (n == max_digits) return false;
    v = v * 10 + ((*in)[n] - '0');
    ++n;
  }
  if (n < min_digits) return false;
  in->remove_prefix(n);
  *out = v;
  return true;
}

std::string_view ConsumeWord(std::string_view* in) {
  size_t n = 0;
  while (n < in->size() && IsAlpha((*in)[n])) ++n;
  std::string_view w = in->substr(0, n);
  in->remove_prefix(n);
  return w;
}

// Month name, with an optional abbreviation dot.
bool ConsumeMonthName(std::string_view* in, int* month) {
  std::string_view save = *in;
  std::string_view w = ConsumeWord(in);
  int m = MonthFromName(w);
  if (m == 0) {
    *in = save;
    return false;
  }
  if (!in->empty() && in->front() == '.') in->remove_prefix(1);
  *month = m;
  return true;
}

bool ConsumeOrdinalSuffix(std::string_view* in) {
  for (std::string_view suf : OrdinalSuffixes()) {
    if (text::StartsWithIgnoreCase(*in, suf) &&
        (in->size() == suf.size() || !IsAlpha((*in)[suf.size()]))) {
      in->remove_prefix(suf.size());
      return true;
    }
  }
  return false;
}

bool YearOk(int y) { return y >= 1900 && y <= 2099; }

bool EndsCleanly(std::string_view rest) { return rest.empty() || !IsAlnum(rest.front()); }

// "31.12.2024", "31/12/2024", "31-12-2024", "2024-12-31", "2024/12/31".
bool ConsumeNumeric(std::string_view* in, Date* out) {
  std::string_view s = *in;
  int a = 0, b = 0, c = 0;
  if (!ConsumeNumber(&s, 1, 4, &a) || s.empty()) return false;
  const char sep = s.front();
  if (sep != '.' && sep != '/' && sep != '-') return false;
  s.remove_prefix(1);
  if (!ConsumeNumber(&s, 1, 2, &b) || s.empty() || s.front() != sep) return false;
  s.remove_prefix(1);
  if (a >= 1000) {  // year first
    if (!ConsumeNumber(&s, 1, 2, &c)) return false;
    if (!YearOk(a) || !IsValid(a, b, c) || !EndsCleanly(s)) return false;
    *out = {a, b, c};
  } else {
    if (!ConsumeNumber(&s, 4, 4, &c)) return false;
    if (!YearOk(c) || !IsValid(c, b, a) || !EndsCleanly(s)) return false;
    *out = {c, b, a};
  }
  // "2024-12-31T10:00" style timestamps are fine; a trailing ".5" is not a date end.
  if (!s.empty() && (s.front() == '.' || s.front() == '-' || s.front() == '/') && s.size() > 1 &&
      IsDigit(s[1])) {
    return false;
  }
  *in = s;
  return true;
}

// "31 December 2024", "31st of December, 2024", "31 Dec. 2024".
bool ConsumeDayMonthYear(std::string_view* in, Date* out) {
  std::string_view s = *in;
  int d = 0, m = 0, y = 0;
  if (!ConsumeNumber(&s, 1, 2, &d)) return false;
  ConsumeOrdinalSuffix(&s);
  SkipSpaces(&s);
  if (text::StartsWithIgnoreCase(s, "of ")) {
    s.remove_prefix(3);
    SkipSpaces(&s);
  }
  if (!ConsumeMonthName(&s, &m)) return false;
  if (!s.empty() && s.front() == ',') s.remove_prefix(1);
  SkipSpaces(&s);
  if (!ConsumeNumber(&s, 4, 4, &y) || !YearOk(y) || !IsValid(y, m, d) || !EndsCleanly(s)) {
    return false;
  }
  *out = {y, m, d};
  *in = s;
  return true;
}

// "December 31, 2024", "Dec. 31 2024", "December 31st, 2024".
bool ConsumeMonthDayYear(std::string_view* in, Date* out) {
  std::string_view s = *in;
  int d = 0, m = 0, y = 0;
  if (!ConsumeMonthName(&s, &m)) return false;
  SkipSpaces(&s);
  if (!ConsumeNumber(&s, 1, 2, &d)) return false;
  ConsumeOrdinalSuffix(&s);
  if (!s.empty() && s.front() == ',') s.remove_prefix(1);
  SkipSpaces(&s);
  if (!ConsumeNumber(&s, 4, 4, &y) || !YearOk(y) || !IsValid(y, m, d) || !EndsCleanly(s)) {
    return false;
  }
  *out = {y, m, d};
  *in = s;
  return true;
}

// A weekday, full ("Tuesday") or abbreviated ("Tue"), with its dot and comma.
void SkipWeekday(std::string_view* in) {
  std::string_view s = *in;
  std::string_view w = ConsumeWord(&s);
  if (w.size() < 3 || WeekdayNumber(w) == 0) return;
  if (!s.empty() && s.front() == '.') s.remove_prefix(1);
  if (!s.empty() && s.front() == ',') s.remove_prefix(1);
  SkipSpaces(&s);
  *in = s;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

bool IsValid(int year, int month, int day) {
  return YearOk(year) && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

std::string Iso(const Date& d) {
  char buf[16];
  if (d.month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", d.year);
  } else if (d.day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  }
  return buf;
}

bool ParseIso(std::string_view s, Date* out) {
  int y = 0, m = 0, d = 0;
  if (!ConsumeNumber(&s, 4, 4, &y) || !YearOk(y)) return false;
  if (s.empty()) {
    *out = {y, 0, 0};
    return true;
  }
  if (s.front() != '-') return false;
  s.remove_prefix(1);
  if (!ConsumeNumber(&s, 2, 2, &m) || m < 1 || m > 12) return false;
  if (s.empty()) {
    *out = {y, m, 0};
    return true;
  }
  if (s.front() != '-') return false;
  s.remove_prefix(1);
  if (!ConsumeNumber(&s, 2, 2, &d) || !s.empty() || !IsValid(y, m, d)) return false;
  *out = {y, m, d};
  return true;
}

int MonthNumber(std::string_view word, NameForm* form) {
  return Lookup(GetNames().months, word, form);
}

int WeekdayNumber(std::string_view word, NameForm* form) {
  return Lookup(GetNames().weekdays, word, form);
}

bool MayStartDateName(std::string_view s) {
  if (s.size() < 3) return false;
  const char a = AsciiLowerChar(s[0]), b = AsciiLowerChar(s[1]), c = AsciiLowerChar(s[2]);
  if (!IsLowerAscii(a) || !IsLowerAscii(b) || !IsLowerAscii(c)) return false;
  return GetNames().starts[Start3(a, b, c)];
}

const std::vector<std::string_view>& OrdinalSuffixes() { return GetNames().ordinal_suffixes; }
const std::vector<std::string_view>& Meridiems() { return GetNames().meridiems; }
const std::vector<std::string_view>& UtcNames() { return GetNames().utc_names; }

int MonthFromName(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3) return 0;
  return MonthNumber(word);
}

bool ConsumeDate(std::string_view* in, Date* out) {
  std::string_view s = *in;
  SkipSpaces(&s);
  SkipWeekday(&s);
  if (ConsumeNumeric(&s, out) || ConsumeDayMonthYear(&s, out) || ConsumeMonthDayYear(&s, out)) {
    *in = s;
    return true;
  }
  return false;
}

size_t FindDate(std::string_view s, Date* out, size_t* len) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && IsAlnum(s[i - 1])) continue;
    if (i > 0 && (s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '/' || s[i - 1] == '+') &&
        IsDigit(s[i])) {
      continue;  // inside a number such as "+7495-621" or "1.2.3"
    }
    if (!IsAlnum(s[i])) continue;
    std::string_view rest = s.substr(i);
    if (ConsumeDate(&rest, out)) {
      *len = s.size() - i - rest.size();
      return i;
    }
  }
  return std::string_view::npos;
}

bool ParseDateLine(std::string_view s, Date* out) {
  s = text::Trim(s);
  std::string_view rest = s;
  Date d;
  if (!ConsumeDate(&rest, &d)) return false;
  rest = text::Trim(rest);
  // An optional time: "14:30", "14:30:00", "10:00 AM".
  if (!rest.empty()) {
    if (rest.front() == ',') rest = text::Trim(rest.substr(1));
    int h = 0, m = 0;
    if (!ConsumeNumber(&rest, 1, 2, &h) || rest.empty() || rest.front() != ':') return false;
    rest.remove_prefix(1);
    if (!ConsumeNumber(&rest, 2, 2, &m) || h > 23 || m > 59) return false;
    if (!rest.empty() && rest.front() == ':') {
      rest.remove_prefix(1);
      int sec = 0;
      if (!ConsumeNumber(&rest, 2, 2, &sec)) return false;
    }
    rest = text::Trim(rest);
    for (std::string_view w : Meridiems()) {
      if (text::EqualsIgnoreCase(rest, w)) rest = {};
    }
    if (!rest.empty()) return false;
  }
  *out = d;
  return true;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return Date{y, m, d};
}

bool ConsumeChar(std::string_view* in, char c) {
  if (in->empty() || in->front() != c) return false;
  in->remove_prefix(1);
  return true;
}

}  // namespace

Date AddDays(const Date& d, int days) {
  return CivilFromDays(DaysFromCivil(d.year, d.month, d.day) + days);
}

int DaysBetween(const Date& a, const Date& b) {
  return static_cast<int>(DaysFromCivil(b.year, b.month, b.day) -
                          DaysFromCivil(a.year, a.month, a.day));
}

bool ParseTimestamp(std::string_view s, Timestamp* out) {
  s = text::Trim(s);
  Timestamp t;
  int y = 0, m = 0, d = 0;
  if (s.size() >= 8 && IsDigit(s[4])) {  // "20240726", "20240726T1000"
    if (!ConsumeNumber(&s, 8, 8, &y)) return false;
    d = y % 100;
    m = y / 100 % 100;
    y /= 10000;
  } else {
    if (!ConsumeNumber(&s, 4, 4, &y) || s.empty()) return false;
    const char sep = s.front();
    if (sep != '-' && sep != '/' && sep != '.') return false;
    s.remove_prefix(1);
    if (!ConsumeNumber(&s, 1, 2, &m) || !ConsumeChar(&s, sep) || !ConsumeNumber(&s, 1, 2, &d)) {
      return false;
    }
  }
  if (!IsValid(y, m, d)) return false;
  t.date = Date{y, m, d};
  if (!s.empty() && (s.front() == 'T' || s.front() == 't' || s.front() == ' ')) {
    s.remove_prefix(1);
    int h = 0, mi = 0, sec = 0;
    if (!ConsumeNumber(&s, 2, 2, &h)) return false;
    ConsumeChar(&s, ':');
    if (!ConsumeNumber(&s, 2, 2, &mi) || h > 23 || mi > 59) return false;
    if (ConsumeChar(&s, ':') && !ConsumeNumber(&s, 2, 2, &sec)) return false;
    if (ConsumeChar(&s, '.') || ConsumeChar(&s, ',')) {
      while (!s.empty() && IsDigit(s.front())) s.remove_prefix(1);
    }
    t.has_time = true;
    t.minute_of_day = h * 60 + mi;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    auto utc_name = [&s] {  // the name of UTC that `s` starts with, or ""
      for (std::string_view w : UtcNames()) {
        if (text::StartsWith(s, w)) return w;
      }
      return std::string_view();
    };
    if (ConsumeChar(&s, 'Z') || ConsumeChar(&s, 'z') || !utc_name().empty()) {
      s.remove_prefix(utc_name().size());
      t.zone = Timestamp::Zone::kUtc;
    } else if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
      const int sign = s.front() == '-' ? -1 : 1;
      s.remove_prefix(1);
      // "+03:00", "+0300", "+03".
      int oh = 0, om = 0;
      if (s.size() < 2 || !IsDigit(s[0]) || !IsDigit(s[1])) return false;
      oh = (s[0] - '0') * 10 + (s[1] - '0');
      s.remove_prefix(2);
      ConsumeChar(&s, ':');
      if (!s.empty() && !ConsumeNumber(&s, 2, 2, &om)) return false;
      if (oh > 14 || om > 59) return false;
      t.offset_minutes = sign * (oh * 60 + om);
      t.zone = t.offset_minutes == 0 ? Timestamp::Zone::kUtc : Timestamp::Zone::kOffset;
    }
  }
  if (!text::Trim(s).empty()) return false;
  *out = t;
  return true;
}

}  // namespace annals::date
