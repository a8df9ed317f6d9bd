// Calendar dates as news sites print them: "31.12.2024", "2024-12-31",
// "31/12/2024", "31 December 2024", "December 31, 2024", "Dec. 31, 2024",
// "31st of December 2024", "Tuesday, 31 December 2024". Validated: no
// 31 February, years 1900..2099 only.
// Month and weekday names are language data: the date_months and
// date_weekdays tables of every language (data/lang/LANG/*.tsv, read through
// src/common/lang_table.h), looked up in a hash table built once, on first
// use. The date forms read here are written in ASCII letters.
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace annals::date {

struct Date {
  int year = 0;
  int month = 0;  // 1..12, 0 when unknown
  int day = 0;    // 1..31, 0 when unknown
  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;
};

bool IsValid(int year, int month, int day);
int DaysInMonth(int year, int month);

// "YYYY-MM-DD", "YYYY-MM" or "YYYY" as precision allows.
std::string Iso(const Date& d);
// Parses the three forms of Iso back; false on anything else.
bool ParseIso(std::string_view s, Date* out);

// How a month or weekday name is written: the kind column of the
// date_months and date_weekdays tables ("full" where the column is empty).
enum class NameForm { kNone, kFull, kAbbreviation, kLoose };

// The number (1..12) of a month form of any language's date_months table
// ("December", "Dec", "Sept", "декабря"), ASCII letters matched ignoring
// case (others as the table writes them, lower case); 0 when none. `*form`,
// when given, receives the form's kind (kNone when 0).
int MonthNumber(std::string_view word, NameForm* form = nullptr);

// The day (Monday 1 .. Sunday 7) of a weekday form of any language's
// date_weekdays table ("Tuesday", "Tue"), matched as MonthNumber; 0 when none.
int WeekdayNumber(std::string_view word, NameForm* form = nullptr);

// Whether `s` starts with three ASCII letters (any case) that start a month
// or weekday form ("Dec", "tue"): a cheap test before reading a written date.
bool MayStartDateName(std::string_view s);

// Month number for a month name or abbreviation of any kind ("Dec", "Dec.",
// "December", "Dece", case-insensitive; MonthNumber after an optional
// trailing dot, at least three bytes), else 0.
int MonthFromName(std::string_view word);

// Words of dates from the language tables, of every language, in table
// order: the suffixes of an ordinal day ("st", "nd": date_ordinal_suffixes,
// matched ignoring ASCII case), the words after a clock time ("am", "pm":
// date_time_words' meridiem rows, lower case) and the names of UTC ("UTC",
// "GMT": its utc rows, as written).
const std::vector<std::string_view>& OrdinalSuffixes();
const std::vector<std::string_view>& Meridiems();
const std::vector<std::string_view>& UtcNames();

// Parses one full date (day, month, year) at the very start of `*in`,
// skipping leading spaces and an optional weekday ("Tuesday, "). On success
// advances `*in` past the date and returns true.
bool ConsumeDate(std::string_view* in, Date* out);

// Finds the first full date in `s`; returns its byte offset or npos.
// `*len` receives its length.
size_t FindDate(std::string_view s, Date* out, size_t* len);

// True when the whole of `s` (trimmed) is one full date, optionally with a
// time ("10.06.2022 14:30"), and *out receives it.
bool ParseDateLine(std::string_view s, Date* out);

// A machine-readable timestamp as pages write them in attributes and
// structured data: "2024-07-26", "2024-07-26T10:00:00+03:00",
// "2024-07-26 10:00:00.000Z", "2024-07-26T10:00-0500", "20240726",
// "2024/07/26 10:00". `date` is the day as written, which is the writer's
// local day when the zone is an offset other than UTC.
struct Timestamp {
  enum class Zone { kNone, kUtc, kOffset };
  Date date;
  bool has_time = false;
  int minute_of_day = 0;    // 0..1439 when has_time
  Zone zone = Zone::kNone;  // kUtc for "Z" and "+00:00"
  int offset_minutes = 0;   // for kOffset: east of UTC is positive
  bool operator==(const Timestamp&) const = default;
};

// Parses a whole timestamp (trimmed) of the forms above; false on anything
// else, on an invalid calendar date and on a time past 23:59.
bool ParseTimestamp(std::string_view s, Timestamp* out);

// The day `days` days after `d` (before it when negative). REQUIRES: d is a
// full valid date.
Date AddDays(const Date& d, int days);
// Days from `a` to `b` (negative when b is earlier). REQUIRES: full dates.
int DaysBetween(const Date& a, const Date& b);

}  // namespace annals::date
