// Date expressions in running text, with their precision and byte span:
//   full dates in every format src/common/date.h reads ("31 December 2024",
//   "December 31, 2024", "31.12.2024", "Tuesday, 31 December 2024"), plus
//   "7.02 2025" (day.month year);
//   day ranges: "4-6 June", "26-29 May 2025", "from 2 to 21 April 2023",
//   "May 27-30, 2025", "27 May - 2 June 2025";
//   months: "December 2024", "in June", "May-June 2023", "the October (2021) session";
//   years and year spans: "in 2002", "1914-1918", "for 2026-2028";
//   relative forms resolved against the story date: "On 27 November" (the
//   latest such day not after the story date, the earliest not before it when
//   the sentence speaks of the future), "On March 12 this year", "in October
//   last year", "last year", "this month", "today", "yesterday", "on Monday".
// Not taken for dates: ordinals ("the 27th anniversary", "78th session"),
// counts ("12 documents", "4,200 rescuers"), phone numbers
// ("+3491-555-12-34"), years glued to names ("Sea Shield-2024"), times.
// Thread safety: reentrant.
#pragma once

#include "src/common/date.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace annals::events {

enum class Precision { kYear, kMonth, kDay };

// kDay when d.day is set, kMonth when only d.month is, else kYear.
Precision PrecisionOf(const date::Date& d);

struct DateExpr {
  uint32_t begin = 0;  // byte span of the expression in the scanned text
  uint32_t end = 0;
  date::Date start;  // month/day 0 below the precision
  date::Date last;   // last day/month/year of a span, same precision; year 0 when no span
  // Some part of the date (the year, or all of it) came from the story date.
  bool relative = false;
  // A horizon or duration rather than the time of a happening: "for 2026-2028",
  // "until 2030", "up to 2025", "by 2030", "since 2002", "before 2020".
  bool period = false;
  bool operator==(const DateExpr&) const = default;
};

struct DateContext {
  date::Date story;     // the story's publication date; year 0 when unknown
  bool future = false;  // the sentence speaks of what is to come (see SpeaksOfFuture)
};

// Every date expression in `text` (one sentence or a short passage), in text
// order, not overlapping. Expressions that need the story date (a day or
// month without a year, "last year", "today") are dropped when
// context.story.year is 0, unless a coordinated expression gives the year
// ("in June and December 2024"). Any bytes are safe; non-UTF-8 is simply not
// matched.
std::vector<DateExpr> FindDateExprs(std::string_view text, const DateContext& context);

// True when the sentence is about something to come: "will", "shall", "is to
// be", "forthcoming", "upcoming", "scheduled", "planned", "plans to".
bool SpeaksOfFuture(std::string_view sentence);

// Days since 1970-01-01 of a valid full date, and back (proleptic Gregorian).
int64_t DaysFromCivil(int year, int month, int day);
date::Date CivilFromDays(int64_t days);

}  // namespace annals::events
