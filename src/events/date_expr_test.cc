#include "src/events/date_expr.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace annals::events {
namespace {

struct Want {
  std::string span;   // the matched text
  std::string start;  // ISO at the expression's precision
  std::string last;   // "" when not a span
  bool period = false;
};

struct Case {
  std::string text;
  std::string story;  // "" when the story date is unknown
  std::vector<Want> want;
};

void Check(const Case& c) {
  DateContext ctx;
  if (!c.story.empty()) {
    ASSERT_TRUE(date::ParseIso(c.story, &ctx.story)) << c.story;
  }
  ctx.future = SpeaksOfFuture(c.text);
  std::vector<DateExpr> got = FindDateExprs(c.text, ctx);
  ASSERT_EQ(got.size(), c.want.size()) << c.text;
  for (size_t i = 0; i < got.size(); ++i) {
    const Want& w = c.want[i];
    const DateExpr& g = got[i];
    EXPECT_EQ(c.text.substr(g.begin, g.end - g.begin), w.span) << c.text;
    EXPECT_EQ(date::Iso(g.start), w.start) << c.text;
    EXPECT_EQ(g.last.year == 0 ? "" : date::Iso(g.last), w.last) << c.text;
    EXPECT_EQ(g.period, w.period) << c.text;
  }
}

TEST(DateExprTest, FullDates) {
  const Case cases[] = {
      {"On 25 July 2024, staff met with graduates", "2024-07-26",
       {{"25 July 2024", "2024-07-25", ""}}},
      {"held on 19 July 2024 at the UN Security Council", "", {{"19 July 2024", "2024-07-19", ""}}},
      {"On May 28, 2025, a regular meeting", "", {{"May 28, 2025", "2025-05-28", ""}}},
      {"was adopted on November 21, 2022.", "", {{"November 21, 2022", "2022-11-21", ""}}},
      {"On 10.06.2022 in Yerevan", "", {{"10.06.2022", "2022-06-10", ""}}},
      {"signed 2024-12-31 in Minsk", "", {{"2024-12-31", "2024-12-31", ""}}},
      {"Text of the speech (7.02 2025 Moscow):", "", {{"7.02 2025", "2025-02-07", ""}}},
      {"On Tuesday, 31 December 2024 the", "", {{"Tuesday, 31 December 2024", "2024-12-31", ""}}},
      {"the 21st of November 2022 session", "", {{"21st of November 2022", "2022-11-21", ""}}},
      {"in Sept. 2021", "", {{"Sept. 2021", "2021-09", ""}}},
      {"10 June 2022 Yerevan city", "", {{"10 June 2022", "2022-06-10", ""}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, DayRangesAndMonthSpans) {
  const Case cases[] = {
      {"On 3-5 June, the Republic of Belarus hosted", "2025-06-05",
       {{"3-5 June", "2025-06-03", "2025-06-05"}}},
      {"from 1 to 23 April 2024 in Minsk", "", {{"1 to 23 April 2024", "2024-04-01", "2024-04-23"}}},
      {"On 27-30 May, in the city", "2025-06-02", {{"27-30 May", "2025-05-27", "2025-05-30"}}},
      {"May 27-30, 2025 in Minsk", "", {{"May 27-30, 2025", "2025-05-27", "2025-05-30"}}},
      {"from 27 May to 2 June 2025", "", {{"27 May to 2 June 2025", "2025-05-27", "2025-06-02"}}},
      {"between 3 and 5 June 2024", "", {{"3 and 5 June 2024", "2024-06-03", "2024-06-05"}}},
      {"will take place on 11 and 12 July", "2023-05-02",
       {{"11 and 12 July", "2023-07-11", "2023-07-12"}}},
      // "and" joins days only before their month; these are two counts.
      {"3 and 5 delegations", "2023-05-02", {}},
      {"from 1 June 2024 to 5 June 2024", "",
       {{"1 June 2024 to 5 June 2024", "2024-06-01", "2024-06-05"}}},
      {"27 December - 3 January 2025", "",
       {{"27 December - 3 January 2025", "2024-12-27", "2025-01-03"}}},
      {"meetings in May-June 2024 in the Republic of Kazakhstan", "2024-05-15",
       {{"May-June 2024", "2024-05", "2024-06"}}},
      {"from May to June 2024", "", {{"May to June 2024", "2024-05", "2024-06"}}},
      // A day range with no year where the story date is unknown: dropped.
      {"On 3-5 June, the talks", "", {}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, MonthsAndYears) {
  const Case cases[] = {
      {"in June", "2025-02-07", {{"June", "2024-06", ""}}},
      {"in June", "2025-06-30", {{"June", "2025-06", ""}}},
      {"in early June", "2025-08-01", {{"June", "2025-06", ""}}},
      {"December 2024", "", {{"December 2024", "2024-12", ""}}},
      {"The meetings in June (Almaty) and December 2024 (Moscow) were effective.", "2025-02-07",
       {{"June", "2024-06", ""}, {"December 2024", "2024-12", ""}}},
      {"The meetings in June (Almaty) and December 2024 (Moscow) were effective.", "",
       {{"June", "2024-06", ""}, {"December 2024", "2024-12", ""}}},
      {"at the November (2022) session", "", {{"November (2022)", "2022-11", ""}}},
      {"a historic decision was taken in 2002 to give", "", {{"2002", "2002", ""}}},
      {"the Great Patriotic War of 1941-1945 and others", "", {{"1941-1945", "1941", "1945"}}},
      {"from 2020 to 2022", "", {{"2020 to 2022", "2020", "2022"}}},
      {"2024 was a year of", "", {{"2024", "2024", ""}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, Periods) {
  const Case cases[] = {
      {"the plan of consultations for 2025-2027.", "", {{"2025-2027", "2025", "2027", true}}},
      {"the Strategy for the period up to 2025, the", "", {{"2025", "2025", "", true}}},
      {"priorities set for 2023", "", {{"2023", "2023", "", true}}},
      {"until 2030", "", {{"2030", "2030", "", true}}},
      {"since 2002", "", {{"2002", "2002", "", true}}},
      // A day after "for" is when something is planned, not a horizon.
      {"scheduled for 3 June 2025", "", {{"3 June 2025", "2025-06-03", "", false}}},
      {"scheduled for June 2025", "", {{"June 2025", "2025-06", "", false}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, YearResolvedAgainstTheStoryDate) {
  const Case cases[] = {
      // The latest such day not after the story date.
      {"On 28 November in Astana", "2025-02-07", {{"28 November", "2024-11-28", ""}}},
      {"On 28 November in Astana", "2024-12-01", {{"28 November", "2024-11-28", ""}}},
      {"On 28 November in Astana", "2024-11-28", {{"28 November", "2024-11-28", ""}}},
      {"15 May marks the 32nd anniversary", "2024-05-15", {{"15 May", "2024-05-15", ""}}},
      // The future: the earliest not before it.
      {"The summit will be held on 28 November.", "2025-02-07", {{"28 November", "2025-11-28", ""}}},
      {"The summit will be held on 28 November.", "2024-12-01", {{"28 November", "2025-11-28", ""}}},
      {"The forthcoming session in June", "2025-08-01", {{"June", "2026-06", ""}}},
      // Explicit relative years.
      {"On March 10 this year, in Bishkek", "2023-03-10", {{"March 10 this year", "2023-03-10", ""}}},
      {"held in Bishkek in September last year.", "2025-02-07",
       {{"September last year", "2024-09", ""}}},
      {"during the previous Presidency of the Republic of Armenia last year", "2023-05-01",
       {{"last year", "2022", ""}}},
      {"the priorities of this year's presidency", "2023-05-01", {{"this year", "2023", ""}}},
      {"next year", "2023-05-01", {{"next year", "2024", ""}}},
      {"this month", "2025-01-15", {{"this month", "2025-01", ""}}},
      {"last month", "2025-01-15", {{"last month", "2024-12", ""}}},
      {"today's debate will contribute", "2024-07-19", {{"today", "2024-07-19", ""}}},
      {"yesterday", "2024-03-01", {{"yesterday", "2024-02-29", ""}}},
      // 2024-07-19 was a Friday.
      {"They met on Monday in Minsk", "2024-07-19", {{"Monday", "2024-07-15", ""}}},
      {"They will meet on Monday in Minsk", "2024-07-19", {{"Monday", "2024-07-22", ""}}},
      // No story date: nothing to resolve against.
      {"On 28 November in Astana", "", {}},
      {"last year", "", {}},
      {"today", "", {}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, NumbersThatAreNotDates) {
  const Case cases[] = {
      {"15 May marks the 32nd anniversary of the Treaty", "2024-06-01",
       {{"15 May", "2024-05-15", ""}}},
      {"the 32nd anniversary", "2024-06-01", {}},
      {"the 79th session of the UN General Assembly", "2024-06-01", {}},
      {"to celebrate the 80th Anniversary of the Victory", "2024-06-01", {}},
      {"the 21st anniversary", "2024-06-01", {}},
      {"15 documents have been prepared", "2024-06-01", {}},
      {"number about 3,800 personnel", "2024-06-01", {}},
      {"The Press Secretary +7495-621-33-23 -tel", "2024-06-01", {}},
      {"the joint trainings Interaction-2025 and Search-2025", "2024-06-01", {}},
      {"Resolution 77/13 (A/RES/77/13) was adopted", "2024-06-01", {}},
      {"about 2000 troops took part", "2024-06-01", {}},
      {"2000 troops took part", "2024-06-01", {}},
      {"the Agenda 2030 goals", "2024-06-01", {}},
      {"at 10:30 on 5 June", "2024-06-10", {{"5 June", "2024-06-05", ""}}},
      {"May I thank the presidency", "2024-06-01", {}},
      {"the states may join", "2024-06-01", {}},
      {"the Marc Chagall museum", "2024-06-01", {}},
      {"a share of 12.5 percent in 1990s", "2024-06-01", {}},
      {"", "2024-06-01", {}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, AnyBytesAreSafe) {
  DateContext ctx;
  ctx.story = {2024, 6, 1};
  const std::string inputs[] = {
      std::string("\xff\xfe 3-", 5), "3-", "May-", "June 20", "15 May 20", "31 -", "(2022",
      std::string(1, '\0') + "5 June", "\xE2\x80\x93", "between", "7.0", "7.02 ",
  };
  for (const std::string& s : inputs) {
    for (const DateExpr& d : FindDateExprs(s, ctx)) {
      EXPECT_LE(d.begin, d.end);
      EXPECT_LE(d.end, s.size());
    }
  }
}

TEST(DateExprTest, Future) {
  EXPECT_TRUE(SpeaksOfFuture("The meeting will be held in Minsk."));
  EXPECT_TRUE(SpeaksOfFuture("are to be discussed at the forthcoming meetings"));
  EXPECT_TRUE(SpeaksOfFuture("The session is to be held in June."));
  EXPECT_TRUE(SpeaksOfFuture("The Republic planned to hold trainings"));
  EXPECT_FALSE(SpeaksOfFuture("The meeting was held in Minsk."));
  EXPECT_FALSE(SpeaksOfFuture("I am grateful for the invitation to address the meeting."));
  EXPECT_FALSE(SpeaksOfFuture("the willingness of states"));
  EXPECT_FALSE(SpeaksOfFuture("He told the correspondent about the plans."));
  EXPECT_TRUE(SpeaksOfFuture("The Council plans to meet in June."));
}

TEST(DateExprTest, CivilDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(CivilFromDays(11017), (date::Date{2000, 3, 1}));
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2024, 2, 29) + 1), (date::Date{2024, 3, 1}));
  EXPECT_EQ(PrecisionOf({2024, 0, 0}), Precision::kYear);
  EXPECT_EQ(PrecisionOf({2024, 5, 0}), Precision::kMonth);
  EXPECT_EQ(PrecisionOf({2024, 5, 3}), Precision::kDay);
}

}  // namespace
}  // namespace annals::events
