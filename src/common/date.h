// Calendar dates as news sites print them: "31.12.2024", "2024-12-31",
// "31/12/2024", "31 December 2024", "December 31, 2024", "Dec. 31, 2024",
// "31st of December 2024", "Tuesday, 31 December 2024". Validated: no
// 31 February, years 1900..2099 only.
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>

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

// Month number for an English month name or abbreviation ("Dec", "Dec.",
// "December", case-insensitive), else 0.
int MonthFromName(std::string_view word);

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

}  // namespace annals::date
