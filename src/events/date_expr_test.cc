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
      {"On 24 July 2023, the delegates met with students",
       "2023-07-26",
       {{"24 July 2023", "2023-07-24", ""}}},
      {"held on 18 July 2023 at the Standing Council", "", {{"18 July 2023", "2023-07-18", ""}}},
      {"On May 27, 2024, a regular meeting", "", {{"May 27, 2024", "2024-05-27", ""}}},
      {"was signed on November 20, 2021.", "", {{"November 20, 2021", "2021-11-20", ""}}},
      {"On 11.06.2021 in Velgrad", "", {{"11.06.2021", "2021-06-11", ""}}},
      {"signed 2024-12-31 in Minsk", "", {{"2024-12-31", "2024-12-31", ""}}},
      {"Speech transcript (8.03 2024 Velgrad):", "", {{"8.03 2024", "2024-03-08", ""}}},
      {"On Tuesday, 31 December 2024 the", "", {{"Tuesday, 31 December 2024", "2024-12-31", ""}}},
      {"the 21st of October 2021 session", "", {{"21st of October 2021", "2021-10-21", ""}}},
      {"in Sept. 2021", "", {{"Sept. 2021", "2021-09", ""}}},
      {"11 June 2021 Velgrad city", "", {{"11 June 2021", "2021-06-11", ""}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, FromDayToDayWithTheMonthFirstOrThisYear) {
  const Case cases[] = {
      {"From March 3 to 6, 2023, the seminar took place",
       "2023-03-08",
       {{"March 3 to 6, 2023", "2023-03-03", "2023-03-06"}}},
      {"From 9 to 13 June this year, the Secretariat is holding a course",
       "2025-06-09",
       {{"9 to 13 June this year", "2025-06-09", "2025-06-13"}}},
      {"From May 12 to 15, 2022 on the grounds of the hotel",
       "2022-05-20",
       {{"May 12 to 15, 2022", "2022-05-12", "2022-05-15"}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, DayRangesAndMonthSpans) {
  const Case cases[] = {
      {"On 4-6 June, the Republic of Norland hosted",
       "2025-06-06",
       {{"4-6 June", "2025-06-04", "2025-06-06"}}},
      {"from 2 to 21 April 2023 in Minsk",
       "",
       {{"2 to 21 April 2023", "2023-04-02", "2023-04-21"}}},
      {"On 26-29 May, in Velgrad", "2025-06-02", {{"26-29 May", "2025-05-26", "2025-05-29"}}},
      {"May 26-29, 2025 in Minsk", "", {{"May 26-29, 2025", "2025-05-26", "2025-05-29"}}},
      {"from 27 May to 2 June 2025", "", {{"27 May to 2 June 2025", "2025-05-27", "2025-06-02"}}},
      {"between 3 and 5 June 2024", "", {{"3 and 5 June 2024", "2024-06-03", "2024-06-05"}}},
      {"will take place on 11 and 12 July",
       "2023-05-02",
       {{"11 and 12 July", "2023-07-11", "2023-07-12"}}},
      // "and" joins days only before their month; these are two counts.
      {"3 and 5 delegations", "2023-05-02", {}},
      {"from 1 June 2024 to 5 June 2024",
       "",
       {{"1 June 2024 to 5 June 2024", "2024-06-01", "2024-06-05"}}},
      {"27 December - 3 January 2025",
       "",
       {{"27 December - 3 January 2025", "2024-12-27", "2025-01-03"}}},
      {"sessions in May-June 2023 in the Republic of Norland",
       "2023-05-15",
       {{"May-June 2023", "2023-05", "2023-06"}}},
      {"from May to June 2024", "", {{"May to June 2024", "2024-05", "2024-06"}}},
      // A day range with no year where the story date is unknown: dropped.
      {"On 4-6 June, the talks", "", {}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, MonthsAndYears) {
  const Case cases[] = {
      {"in June", "2025-02-07", {{"June", "2024-06", ""}}},
      {"in June", "2025-06-30", {{"June", "2025-06", ""}}},
      {"in early June", "2025-08-01", {{"June", "2025-06", ""}}},
      {"December 2024", "", {{"December 2024", "2024-12", ""}}},
      {"The sessions in June (Velgrad) and December 2023 (Ostrava) went well.",
       "2024-02-07",
       {{"June", "2023-06", ""}, {"December 2023", "2023-12", ""}}},
      {"The sessions in June (Velgrad) and December 2023 (Ostrava) went well.",
       "",
       {{"June", "2023-06", ""}, {"December 2023", "2023-12", ""}}},
      {"at the October (2021) session", "", {{"October (2021)", "2021-10", ""}}},
      {"the decision was taken in 1998 to create", "", {{"1998", "1998", ""}}},
      {"the Great War of 1914-1918 and others", "", {{"1914-1918", "1914", "1918"}}},
      {"from 2020 to 2022", "", {{"2020 to 2022", "2020", "2022"}}},
      {"2024 was a year of", "", {{"2024", "2024", ""}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, Periods) {
  const Case cases[] = {
      {"the plan of work for 2026-2028.", "", {{"2026-2028", "2026", "2028", true}}},
      {"the Programme up to 2030, the", "", {{"2030", "2030", "", true}}},
      {"the goals set for 2026", "", {{"2026", "2026", "", true}}},
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
      {"On 27 November in Velgrad", "2025-02-07", {{"27 November", "2024-11-27", ""}}},
      {"On 27 November in Velgrad", "2024-12-01", {{"27 November", "2024-11-27", ""}}},
      {"On 27 November in Velgrad", "2024-11-27", {{"27 November", "2024-11-27", ""}}},
      {"12 April marks the 27th anniversary", "2024-04-12", {{"12 April", "2024-04-12", ""}}},
      // The future: the earliest not before it.
      {"The summit will be held on 27 November.",
       "2025-02-07",
       {{"27 November", "2025-11-27", ""}}},
      {"The summit will be held on 27 November.",
       "2024-12-01",
       {{"27 November", "2025-11-27", ""}}},
      {"The forthcoming session in June", "2025-08-01", {{"June", "2026-06", ""}}},
      // Explicit relative years.
      {"On March 12 this year, in Velgrad",
       "2023-03-12",
       {{"March 12 this year", "2023-03-12", ""}}},
      {"held in Velgrad in October last year.",
       "2025-02-07",
       {{"October last year", "2024-10", ""}}},
      {"during the previous chairmanship of the Republic of Norland last year",
       "2023-05-01",
       {{"last year", "2022", ""}}},
      {"the budget of this year's chairmanship", "2023-05-01", {{"this year", "2023", ""}}},
      {"next year", "2023-05-01", {{"next year", "2024", ""}}},
      {"this month", "2025-01-15", {{"this month", "2025-01", ""}}},
      {"last month", "2025-01-15", {{"last month", "2024-12", ""}}},
      {"today's meeting will decide", "2024-07-19", {{"today", "2024-07-19", ""}}},
      {"yesterday", "2024-03-01", {{"yesterday", "2024-02-29", ""}}},
      // 2024-07-19 was a Friday.
      {"They met on Monday in Minsk", "2024-07-19", {{"Monday", "2024-07-15", ""}}},
      {"They will meet on Monday in Minsk", "2024-07-19", {{"Monday", "2024-07-22", ""}}},
      // No story date: nothing to resolve against.
      {"On 27 November in Velgrad", "", {}},
      {"last year", "", {}},
      {"today", "", {}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, NumbersThatAreNotDates) {
  const Case cases[] = {
      {"12 April marks the 27th anniversary of the Treaty",
       "2024-06-01",
       {{"12 April", "2024-04-12", ""}}},
      {"the 27th anniversary", "2024-06-01", {}},
      {"the 78th session of the General Assembly", "2024-06-01", {}},
      {"to celebrate the 75th Anniversary of the Victory", "2024-06-01", {}},
      {"the 21st anniversary", "2024-06-01", {}},
      {"12 documents were drafted", "2024-06-01", {}},
      {"about 4,200 rescuers", "2024-06-01", {}},
      {"Contact: +3491-555-12-34", "2024-06-01", {}},
      {"the joint trainings Sea Shield-2024 and Tide Watch-2026", "2024-06-01", {}},
      {"Resolution 71/5 (A/RES/71/5) was adopted", "2024-06-01", {}},
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
      std::string("\xff\xfe 3-", 5),
      "3-",
      "May-",
      "June 20",
      "15 May 20",
      "31 -",
      "(2022",
      std::string(1, '\0') + "5 June",
      "\xE2\x80\x93",
      "between",
      "7.0",
      "7.02 ",
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
  EXPECT_TRUE(SpeaksOfFuture("to be considered at the forthcoming sessions"));
  EXPECT_TRUE(SpeaksOfFuture("The session is to be held in June."));
  EXPECT_TRUE(SpeaksOfFuture("The Council planned to hold an exercise"));
  EXPECT_FALSE(SpeaksOfFuture("The meeting was held in Minsk."));
  EXPECT_FALSE(SpeaksOfFuture("Thank you for the chance to address the assembly."));
  EXPECT_FALSE(SpeaksOfFuture("the willingness of states"));
  EXPECT_FALSE(SpeaksOfFuture("He told the correspondent about the plans."));
  EXPECT_TRUE(SpeaksOfFuture("The Council plans to meet in June."));
  EXPECT_TRUE(SpeaksOfFuture("I'll be there in June."));
}

// The words of a phrase are matched lower-cased, each tail of the last three
// words on its own: the phrase's first word at the sentence's start, in
// capitals, after other words, or across a comma, which does not part words.
TEST(DateExprTest, FuturePhrasesOfTwoAndThreeWords) {
  EXPECT_TRUE(SpeaksOfFuture("To be held in June"));
  EXPECT_TRUE(SpeaksOfFuture("THE SUMMIT IS TO BE HELD"));
  EXPECT_TRUE(SpeaksOfFuture("It Is To Be"));
  EXPECT_TRUE(SpeaksOfFuture("Plans To"));
  EXPECT_TRUE(SpeaksOfFuture("the plans, to begin with"));
  EXPECT_TRUE(SpeaksOfFuture("Upcoming"));
  // "to be" and "be held" are no phrases; "to be held" and "is to be" are.
  EXPECT_FALSE(SpeaksOfFuture("It has to be done."));
  EXPECT_FALSE(SpeaksOfFuture("It must be held"));
  EXPECT_FALSE(SpeaksOfFuture("is to"));
  EXPECT_FALSE(SpeaksOfFuture("plans"));
  EXPECT_FALSE(SpeaksOfFuture(""));
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

// Russian dates (data/lang/ru/date_*.tsv): case forms of month names, year
// words, relative years, spans with "с ... по" and dashes. Invented sentences.
TEST(DateExprTest, RussianDates) {
  const Case cases[] = {
      {"3 марта 2021 г. в Нордбурге прошло заседание", "", {{"3 марта 2021 г.", "2021-03-03", ""}}},
      {"Встреча состоялась 9 октября 2019 года в столице",
       "",
       {{"9 октября 2019 года", "2019-10-09", ""}}},
      {"Совещание прошло 05.11.2020 в Нордбурге", "", {{"05.11.2020", "2020-11-05", ""}}},
      {"ВСТРЕЧА 17 ДЕКАБРЯ 2018 ГОДА", "", {{"17 ДЕКАБРЯ 2018 ГОДА", "2018-12-17", ""}}},
      {"7-9 апреля прошли учения", "2022-04-20", {{"7-9 апреля", "2022-04-07", "2022-04-09"}}},
      {"22 – 23 мая 2017 года состоится семинар",
       "",
       {{"22 – 23 мая 2017 года", "2017-05-22", "2017-05-23"}}},
      {"С 4 по 6 июня в Нордбурге проходила конференция",
       "2021-06-10",
       {{"4 по 6 июня", "2021-06-04", "2021-06-06"}}},
      {"с 28 февраля по 2 марта 2020 года",
       "",
       {{"28 февраля по 2 марта 2020 года", "2020-02-28", "2020-03-02"}}},
      {"11 и 12 сентября прошли консультации",
       "2019-09-30",
       {{"11 и 12 сентября", "2019-09-11", "2019-09-12"}}},
      {"В августе 2016 года делегация посетила Нордбург",
       "",
       {{"августе 2016 года", "2016-08", ""}}},
      {"в марте делегация посетила Нордбург", "2016-05-02", {{"марте", "2016-03", ""}}},
      {"В 2014 году было заключено соглашение", "", {{"2014 году", "2014", ""}}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, RussianRelativeDates) {
  const Case cases[] = {
      {"12 мая с.г. в Нордбурге", "2020-06-01", {{"12 мая с.г.", "2020-05-12", ""}}},
      {"в июле текущего года", "2020-09-01", {{"июле текущего года", "2020-07", ""}}},
      {"в ноябре прошлого года", "2020-03-01", {{"ноябре прошлого года", "2019-11", ""}}},
      {"В текущем году учения пройдут дважды", "2021-02-02", {{"текущем году", "2021", ""}}},
      {"в прошлом году", "2021-02-02", {{"прошлом году", "2020", ""}}},
      {"Сегодня открылась выставка", "2021-02-02", {{"Сегодня", "2021-02-02", ""}}},
      {"вчера прошли переговоры", "2021-03-01", {{"вчера", "2021-02-28", ""}}},
      // 2021-02-04 was a Thursday: "во вторник" is the Tuesday before it.
      {"во вторник прошло заседание", "2021-02-04", {{"вторник", "2021-02-02", ""}}},
      // A yearless day before the story's date is this year's; after it, last year's.
      {"22 декабря прошло заседание", "2021-01-10", {{"22 декабря", "2020-12-22", ""}}},
      {"Саммит состоится 22 декабря", "2021-01-10", {{"22 декабря", "2021-12-22", ""}}},
      // Relative dates need the story's date.
      {"в прошлом году", "", {}},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DateExprTest, RussianNotDates) {
  const Case cases[] = {
      // Counts, quantities and names, not years.
      {"в учениях участвовали 2000 военнослужащих", "", {}},
      {"около 1500 человек", "", {}},
      {"Стратегия 2030 одобрена", "", {}},
      // Horizons: "до 2030 года", "с 2002 года", "на 2026-2028 годы".
      {"программа до 2030 года", "", {{"2030 года", "2030", "", true}}},
      {"действует с 2002 года", "", {{"2002 года", "2002", "", true}}},
      {"план на 2026-2028 годы", "", {{"2026-2028 годы", "2026", "2028", true}}},
      // "мая" is not the start of "маяк".
      {"у 5 маяка", "2020-01-01", {}},
  };
  for (const Case& c : cases) Check(c);
}

// A day range with an en dash and no spaces is a range ("30–31 May"),
// not its last day (issue 20).
TEST(DateExprTest, DayRangeWithADash) {
  const Case cases[] = {
      {"The exercise took place on 30\u201331 May 2024 near Velgrad",
       "",
       {{"30\u201331 May 2024", "2024-05-30", "2024-05-31"}}},
      {"held on 30\u201331 May", "2024-06-10", {{"30\u201331 May", "2024-05-30", "2024-05-31"}}},
      {"held on 30\u2014 31 May", "2024-06-10", {{"30\u2014 31 May", "2024-05-30", "2024-05-31"}}},
      {"which will be held on October 18\u201320 in Velgrad",
       "2022-10-01",
       {{"October 18\u201320", "2022-10-18", "2022-10-20"}}},
  };
  for (const Case& c : cases) Check(c);
}

}  // namespace
}  // namespace annals::events
