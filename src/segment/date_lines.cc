#include "src/segment/date_lines.h"

#include "src/common/date.h"
#include "src/common/lang_table.h"
#include "src/common/text.h"
#include "src/segment/html_dates.h"

#include <algorithm>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpperStart(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s.front());
  if (c >= 'A' && c <= 'Z') return true;
  return c >= 0x80 && text::StartsUpper(s);
}

// Bullets, dashes, bars and the spaces around them ("• ", " - ", " | ").
constexpr std::string_view kFillers[] = {" ", "\t", "\xE2\x80\xA2", "\xC2\xB7", "-", "\xE2\x80\x93",
                                         "\xE2\x80\x94", "|", "/", "(", ")"};

size_t FillerLength(std::string_view s) {
  if (s.empty()) return 0;
  const unsigned char c = static_cast<unsigned char>(s.front());
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 0;  // cheap test first
  for (std::string_view f : kFillers) {
    if (text::StartsWith(s, f)) return f.size();
  }
  return 0;
}

std::string_view SkipFiller(std::string_view s) {
  while (size_t n = FillerLength(s)) s.remove_prefix(n);
  return s;
}

std::string_view TrimFillerBack(std::string_view s) {
  while (!s.empty()) {
    bool cut = false;
    static constexpr std::string_view kBack[] = {" ", "\t", "\xE2\x80\xA2", "-", "\xE2\x80\x93",
                                                 "\xE2\x80\x94", "|", ",", ":"};
    for (std::string_view f : kBack) {
      if (text::EndsWith(s, f)) {
        s.remove_suffix(f.size());
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return s;
}

bool ConsumeInt(std::string_view* s, size_t min_digits, size_t max_digits, int* out) {
  size_t n = 0;
  int v = 0;
  while (n < s->size() && IsDigit((*s)[n])) {
    if (n == max_digits) return false;
    v = v * 10 + ((*s)[n] - '0');
    ++n;
  }
  if (n < min_digits) return false;
  s->remove_prefix(n);
  *out = v;
  return true;
}

// A date in figures: "31.12.2024", "31-12-2024", "2024-12-31", "2024/12/31",
// and "1/2/2020", month first unless `order` says day first or the first
// number cannot be a month.
// It may be glued to the word after it ("09.09.2021On September 9"), as
// crawled text runs a date line into the first body line.
bool ConsumeNumericDate(std::string_view* in, date::Date* out, SlashOrder order) {
  std::string_view s = *in;
  int a = 0, b = 0, c = 0;
  if (!ConsumeInt(&s, 1, 4, &a) || s.empty()) return false;
  const char sep = s.front();
  if (sep != '.' && sep != '/' && sep != '-') return false;
  s.remove_prefix(1);
  if (!ConsumeInt(&s, 1, 2, &b) || s.empty() || s.front() != sep) return false;
  s.remove_prefix(1);
  date::Date d;
  if (a >= 1000) {
    if (!ConsumeInt(&s, 1, 2, &c)) return false;
    d = {a, b, c};
  } else {
    if (!ConsumeInt(&s, 4, 4, &c)) return false;
    d = {c, b, a};
    if (sep == '/' && a <= 12 && order == SlashOrder::kMonthFirst) d = {c, a, b};
  }
  if (!s.empty() && (IsDigit(s.front()) || ((s.front() == sep || s.front() == '.') && s.size() > 1 &&
                                            IsDigit(s[1])))) {
    return false;
  }
  if (!date::IsValid(d.year, d.month, d.day)) return false;
  *out = d;
  *in = s;
  return true;
}

// The words a date line may end with after its year ("26 ноября 2015 года",
// "13 января 2022 г."): the rows of every language's date_year_words table
// marked "line", in table order.
const std::vector<std::string_view>& LineYearWords() {
  static const std::vector<std::string_view> kWords = [] {
    std::vector<std::string_view> out;
    for (const std::string& lang : lang::Languages()) {
      for (const lang::Row& row : lang::Rows(lang, "date_year_words")) {
        if (row.size() >= 2 && row[1] == "line" && !row[0].empty()) out.push_back(row[0]);
      }
    }
    return out;
  }();
  return kWords;
}

// "26 ноября 2015 года", "26 ноября 2015 г.", "26 ноября 2015".
// A date written with a month name, day first ("26 ноября 2015 года",
// "3. Juli 2018"): the month names are ICU's, for every language it knows
// (ReadWrittenDate). Figures-only dates are ConsumeNumericDate's.
bool ConsumeWrittenDate(std::string_view* in, date::Date* out) {
  std::string_view s = *in;
  size_t digits = 0;
  while (digits < s.size() && digits < 3 && IsDigit(s[digits])) ++digits;
  if (digits == 0 || digits > 2 || digits + 1 >= s.size()) return false;
  const size_t next = s[digits] == '.' ? digits + 1 : digits;
  if (next + 1 >= s.size() || s[next] != ' ' || IsDigit(s[next + 1])) return false;
  date::Date d;
  const size_t len = ReadWrittenDate(s.substr(0, std::min<size_t>(s.size(), 48)), &d);
  if (len == 0) return false;
  s.remove_prefix(len);
  if (!s.empty() && IsDigit(s.front())) return false;
  std::string_view rest = s;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  for (std::string_view w : LineYearWords()) {
    if (text::StartsWith(rest, w)) {
      s = rest.substr(w.size());
      break;
    }
  }
  *out = d;
  *in = s;
  return true;
}

// The words after a date line's time: the meridiems of the date_time_words
// tables in upper and in lower case ("AM", "am"), the names of UTC as written.
const std::vector<std::string>& TimeSuffixes() {
  static const std::vector<std::string> kSuffixes = [] {
    std::vector<std::string> out;
    for (std::string_view w : date::Meridiems()) {
      std::string upper(w);
      for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      out.push_back(upper);
    }
    for (std::string_view w : date::Meridiems()) out.push_back(text::AsciiLower(w));
    for (std::string_view w : date::UtcNames()) out.emplace_back(w);
    return out;
  }();
  return kSuffixes;
}

// "14:30", "15:57:33", "10:00 AM", "00:00:00 GMT", with a leading comma.
std::string_view SkipTime(std::string_view s) {
  std::string_view t = text::Trim(s);
  if (!t.empty() && t.front() == ',') t = text::Trim(t.substr(1));
  int h = 0, m = 0;
  if (!ConsumeInt(&t, 1, 2, &h) || t.empty() || t.front() != ':') return s;
  t.remove_prefix(1);
  if (!ConsumeInt(&t, 2, 2, &m) || h > 23 || m > 59) return s;
  if (!t.empty() && t.front() == ':') {
    t.remove_prefix(1);
    int sec = 0;
    if (!ConsumeInt(&t, 2, 2, &sec)) return s;
  }
  std::string_view u = text::Trim(t);
  for (std::string_view suffix : TimeSuffixes()) {
    if (text::StartsWith(u, suffix) && (u.size() == suffix.size() || !IsAsciiAlpha(u[suffix.size()]))) {
      return u.substr(suffix.size());
    }
  }
  return t;
}

// A label or a place before a date: at most four words, no digits, each
// word capitalized unless the prefix ends with ':' ("Posted:", "Last
// updated:", "Eastport –", "Port Royal, Northland").
bool IsDatePrefix(std::string_view prefix) {
  prefix = text::Trim(prefix);
  if (prefix.empty()) return true;
  if (prefix.size() > 40) return false;
  const bool label = prefix.back() == ':';
  std::string_view words = TrimFillerBack(prefix);
  size_t n = 0;
  size_t at = 0;
  while (at < words.size()) {
    while (at < words.size() && (words[at] == ' ' || words[at] == ',')) ++at;
    if (at >= words.size()) break;
    size_t end = at;
    while (end < words.size() && words[end] != ' ') ++end;
    std::string_view w = words.substr(at, end - at);
    for (char c : w) {
      if (IsDigit(c)) return false;
    }
    if (!label && !IsUpperStart(w)) return false;
    if (++n > 4) return false;
    at = end;
  }
  return n > 0 || label;
}

// Finds a date that starts a word within the first bytes of `s` and whose
// prefix passes IsDatePrefix; returns its offset or npos.
size_t FindPrefixedDate(std::string_view s, date::Date* d, std::string_view* after,
                        SlashOrder order) {
  const size_t limit = std::min<size_t>(s.size(), 48);
  int starts = 0;
  for (size_t i = 0; i < limit; ++i) {
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ':' && s[i - 1] != ',') continue;
    if (!IsDigit(s[i]) && !IsAsciiAlpha(s[i])) continue;
    if (++starts > 6) break;  // a label or a place has at most four words before the date
    std::string_view rest = s.substr(i);
    if (!ConsumeLineDate(&rest, d, order)) continue;
    if (!IsDatePrefix(s.substr(0, i))) return std::string_view::npos;
    *after = rest;
    return i;
  }
  return std::string_view::npos;
}

// "09.09.2021", "2021-09-09", "9/9/2021": a date in figures, which no sentence starts with.
bool IsNumericStart(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  return n > 0 && n < s.size() && (s[n] == '.' || s[n] == '/' || s[n] == '-');
}

// Whether a date can start at `s`: a figure, or the first three letters of
// a month or a weekday (those date::ConsumeDate reads, from the language
// data's date_months and date_weekdays tables).
bool MayStartDate(std::string_view s) {
  if (s.empty()) return false;
  if (IsDigit(s.front())) return true;
  return date::MayStartDateName(s);
}

// Every date form has figures: a line without any in its first bytes has none.
bool DigitNearStart(std::string_view s) {
  const size_t limit = std::min<size_t>(s.size(), 64);
  for (size_t i = 0; i < limit; ++i) {
    if (IsDigit(s[i])) return true;
  }
  return false;
}

}  // namespace

void CountSlashDates(std::string_view text, int* day_first, int* month_first) {
  for (size_t i = text.find('/'); i != std::string_view::npos; i = text.find('/', i + 1)) {
    // "DD/MM/YYYY": at most two figures before each slash, four after the second.
    size_t a0 = i;
    while (a0 > 0 && IsDigit(text[a0 - 1]) && i - a0 < 3) --a0;
    if (a0 == i || i - a0 > 2 || (a0 > 0 && (IsDigit(text[a0 - 1]) || text[a0 - 1] == '/'))) {
      continue;
    }
    size_t b1 = i + 1;
    while (b1 < text.size() && IsDigit(text[b1]) && b1 - i <= 3) ++b1;
    if (b1 == i + 1 || b1 - i > 3 || b1 >= text.size() || text[b1] != '/') continue;
    size_t c1 = b1 + 1;
    while (c1 < text.size() && IsDigit(text[c1])) ++c1;
    if (c1 - b1 - 1 != 4) continue;
    int a = 0, b = 0;
    for (size_t k = a0; k < i; ++k) a = a * 10 + (text[k] - '0');
    for (size_t k = i + 1; k < b1; ++k) b = b * 10 + (text[k] - '0');
    if (a > 12 && a <= 31 && b >= 1 && b <= 12) ++*day_first;
    if (b > 12 && b <= 31 && a >= 1 && a <= 12) ++*month_first;
    i = c1 - 1;
  }
}

bool ConsumeLineDate(std::string_view* in, date::Date* out, SlashOrder order) {
  std::string_view s = *in;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  // Cheap tests first: most lines start no date.
  if (!MayStartDate(s) || !DigitNearStart(s)) return false;
  if (ConsumeNumericDate(&s, out, order) || ConsumeWrittenDate(&s, out)) {
    *in = s;
    return true;
  }
  return date::ConsumeDate(in, out);
}

bool ParseLooseDateLine(std::string_view line, date::Date* out, SlashOrder order) {
  line = text::Trim(line);
  if (line.size() > 100) return false;  // cheap test first
  std::string_view s = SkipFiller(line);
  if (s.empty() || s.size() > 90 || !DigitNearStart(s)) return false;
  date::Date d;
  std::string_view after;
  if (FindPrefixedDate(s, &d, &after, order) == std::string_view::npos) return false;
  after = SkipFiller(SkipTime(SkipFiller(after)));  // "23.06.2020 | 14:35"
  if (!after.empty()) return false;
  *out = d;
  return true;
}

bool SplitLeadingDate(std::string_view line, date::Date* out, std::string_view* rest,
                      SlashOrder order) {
  std::string_view s = SkipFiller(text::Trim(line));
  if (!DigitNearStart(s)) return false;
  date::Date d;
  std::string_view after;
  size_t at = FindPrefixedDate(s, &d, &after, order);
  if (at == std::string_view::npos) return false;
  const bool numeric = at == 0 && IsNumericStart(s);
  std::string_view r = SkipTime(after);
  bool dateline = false;
  if (at == 0 && !r.empty() && r.front() == ',') {
    // "25 June 2019, Harbourtown: The ...": a place, then a colon or a dash.
    size_t colon = r.find_first_of(":");
    size_t dash = r.find(" -");
    size_t stop = std::min(colon, dash);
    if (stop != std::string_view::npos && stop < 48 && IsDatePrefix(r.substr(1, stop - 1))) {
      r = r.substr(stop + 1);
      dateline = true;
    }
  }
  r = text::Trim(r);
  for (std::string_view mark : {":", "-", "\xE2\x80\x93", "\xE2\x80\x94", "|"}) {
    if (text::StartsWith(r, mark)) {
      r = text::Trim(r.substr(mark.size()));
      dateline = true;
      break;
    }
  }
  if (!dateline && !numeric) return false;  // "28 April 2003 marks ...": a sentence
  if (at > 0 && !dateline) return false;
  if (r.empty() || !(IsUpperStart(r) || IsDigit(r.front()) || !IsAsciiAlpha(r.front()))) return false;
  size_t words = 0;
  for (size_t i = 0; i < r.size() && words < 3; ++i) {
    if (r[i] == ' ') ++words;
  }
  if (words < 3) return false;
  *out = d;
  *rest = r;
  return true;
}

}  // namespace annals::segment
