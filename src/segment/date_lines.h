// Publication dates as text pages print them around a story: a date line
// with a label, a bullet or a time ("Posted: 20.01.2022 11:07:00",
// "• 17 Feb. 2020 -", "04/16/2020 15:57:33"), a dateline with a place
// ("Eastport – July 2, 2024", "Westbay, June 23, 2020"), and a date glued to
// the start of the first body line ("21.05.2020On May 26, ...",
// "25 June 2019, Harbourtown: The chair ..."). A date inside a
// sentence ("On 9 January 2023, Dr. ...") is the event's, never one of these.
// Slash dates are read in the order the crawl shows (SlashOrder, counted by
// CountSlashDates over its pages): month first by default and where the
// first number can be a month ("12/4/2020" is 4 December), day first where
// the crawl's own dates say so or the first number cannot be a month
// ("31/12/2024").
// Besides date::ConsumeDate's English forms, dates written day first with a
// month name in any language ICU knows are read ("26 ноября 2015 года",
// "3. Juli 2018"), through FindWrittenDate's month names.
// Thread safety: reentrant.
#pragma once

#include <string_view>

#include "src/common/date.h"

namespace annals::segment {

// The order of day and month in slash dates ("05/08/2020").
enum class SlashOrder { kMonthFirst, kDayFirst };

// Counts, in `text`, the slash dates in figures that can be read one way
// only: "31/12/2024" adds to `*day_first`, "12/31/2024" to `*month_first`.
void CountSlashDates(std::string_view text, int* day_first, int* month_first);

// A full date at the start of `*in` (skipping spaces and a weekday), with
// slash dates read as above; advances `*in` past it.
bool ConsumeLineDate(std::string_view* in, date::Date* out,
                     SlashOrder order = SlashOrder::kMonthFirst);

// True when the whole line is a date line: one full date, optionally after
// a short label ending in ':' ("Posted:", "Last updated:") or a place
// ("Eastport –", "Westbay,"), optionally with a time, and bullets, dashes or
// bars around it.
bool ParseLooseDateLine(std::string_view line, date::Date* out,
                        SlashOrder order = SlashOrder::kMonthFirst);

// When `line` starts with a publication date followed by story text (glued,
// after a space, or a dateline "DATE, Place:" / "Place, DATE:" / "Place,
// DATE- "), the date and the text after it; else false.
bool SplitLeadingDate(std::string_view line, date::Date* out, std::string_view* rest,
                      SlashOrder order = SlashOrder::kMonthFirst);

}  // namespace annals::segment
