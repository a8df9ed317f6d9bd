#include "src/common/date.h"

#include "src/common/lang_table.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::date {
namespace {

struct Case {
  const char* in;
  bool ok;
  Date want;
};

TEST(DateTest, ParseDateLine) {
  const Case cases[] = {
      {"31.12.2024", true, {2024, 12, 31}},
      {"  05.06.2025 ", true, {2025, 6, 5}},
      {"1.2.2023", true, {2023, 2, 1}},
      {"2024-12-31", true, {2024, 12, 31}},
      {"31/12/2024", true, {2024, 12, 31}},
      {"31 December 2024", true, {2024, 12, 31}},
      {"December 31, 2024", true, {2024, 12, 31}},
      {"Dec. 31, 2024", true, {2024, 12, 31}},
      {"Sept 3 2021", true, {2021, 9, 3}},
      {"31st of December 2024", true, {2024, 12, 31}},
      {"Tuesday, 31 December 2024", true, {2024, 12, 31}},
      {"10.06.2022 14:30", true, {2022, 6, 10}},
      {"29.02.2024", true, {2024, 2, 29}},
      // Invalid or not dates.
      {"31.02.2024", false, {}},
      {"29.02.2023", false, {}},
      {"32.01.2024", false, {}},
      {"31.12.2024 and more", false, {}},
      {"the 32nd anniversary", false, {}},
      {"15 documents", false, {}},
      {"31 December", false, {}},
      {"12.2024", false, {}},
      {"01.01.2150", false, {}},
      {"", false, {}},
  };
  for (const Case& c : cases) {
    Date d;
    EXPECT_EQ(ParseDateLine(c.in, &d), c.ok) << c.in;
    if (c.ok) {
      EXPECT_EQ(d, c.want) << c.in;
    }
  }
}

TEST(DateTest, FindDateInText) {
  Date d;
  size_t len = 0;
  std::string_view s = "Minutes: The meeting 07.02.2025 Download";
  size_t at = FindDate(s, &d, &len);
  ASSERT_EQ(at, 21u);
  EXPECT_EQ(len, 10u);
  EXPECT_EQ(d, (Date{2025, 2, 7}));
  EXPECT_EQ(FindDate("call +7495-621-33-23 now", &d, &len), std::string_view::npos);
  EXPECT_EQ(FindDate("marks the 32nd anniversary in 1992", &d, &len), std::string_view::npos);
  at = FindDate("held on May 28, 2025, in the capital", &d, &len);
  EXPECT_EQ(at, 8u);
  EXPECT_EQ(d, (Date{2025, 5, 28}));
}

TEST(DateTest, IsoRoundTrip) {
  Date d;
  EXPECT_TRUE(ParseIso("2024-07-26", &d));
  EXPECT_EQ(Iso(d), "2024-07-26");
  EXPECT_TRUE(ParseIso("2024-07", &d));
  EXPECT_EQ(Iso(d), "2024-07");
  EXPECT_TRUE(ParseIso("2024", &d));
  EXPECT_EQ(Iso(d), "2024");
  EXPECT_FALSE(ParseIso("2024-13", &d));
  EXPECT_FALSE(ParseIso("2024-02-30", &d));
  EXPECT_FALSE(ParseIso("24-02-03", &d));
}

TEST(DateTest, MonthNames) {
  EXPECT_EQ(MonthFromName("December"), 12);
  EXPECT_EQ(MonthFromName("dec."), 12);
  EXPECT_EQ(MonthFromName("Sept"), 9);
  EXPECT_EQ(MonthFromName("Ma"), 0);
  EXPECT_EQ(MonthFromName("Monday"), 0);
  EXPECT_EQ(MonthFromName("Marc"), 3);  // a loose form, read inside a full date
}

// Every form of every language's date_months table (data/lang/LANG) is found
// with its month, the English ones in any ASCII case.
TEST(DateTest, MonthNamesComeFromTheLanguageData) {
  size_t rows = 0;
  for (const std::string& lang : lang::Languages()) {
    for (const lang::Row& row : lang::Rows(lang, "date_months")) {
      ASSERT_GE(row.size(), 2u) << lang;
      EXPECT_EQ(MonthNumber(row[0]), std::stoi(std::string(row[1]))) << lang << " " << row[0];
      ++rows;
    }
  }
  EXPECT_GE(rows, 60u);  // 12 months of two languages, with their forms
  NameForm form = NameForm::kNone;
  EXPECT_EQ(MonthNumber("DECEMBER", &form), 12);
  EXPECT_EQ(form, NameForm::kFull);
  EXPECT_EQ(MonthNumber("Sept", &form), 9);
  EXPECT_EQ(form, NameForm::kAbbreviation);
  EXPECT_EQ(MonthNumber("Octo", &form), 10);
  EXPECT_EQ(form, NameForm::kLoose);
  // Russian months inflect: the genitive of a date, the prepositional after "в".
  EXPECT_EQ(MonthNumber("\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0"), 8);  // августа
  EXPECT_EQ(MonthNumber("\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD0\xB5"),
            12);  // декабре
  EXPECT_EQ(MonthNumber("Decem", &form), 0);
  EXPECT_EQ(form, NameForm::kNone);
  EXPECT_EQ(MonthNumber(""), 0);
  EXPECT_EQ(MonthNumber(std::string(200, 'a')), 0);
}

TEST(DateTest, WeekdayNamesComeFromTheLanguageData) {
  for (const std::string& lang : lang::Languages()) {
    for (const lang::Row& row : lang::Rows(lang, "date_weekdays")) {
      ASSERT_GE(row.size(), 2u) << lang;
      EXPECT_EQ(WeekdayNumber(row[0]), std::stoi(std::string(row[1]))) << lang << " " << row[0];
    }
  }
  NameForm form = NameForm::kNone;
  EXPECT_EQ(WeekdayNumber("Thursday", &form), 4);
  EXPECT_EQ(form, NameForm::kFull);
  EXPECT_EQ(WeekdayNumber("SUN", &form), 7);
  EXPECT_EQ(form, NameForm::kAbbreviation);
  EXPECT_EQ(WeekdayNumber("\xD1\x81\xD1\x80\xD0\xB5\xD0\xB4\xD1\x83"), 3);  // среду
  EXPECT_EQ(WeekdayNumber("Thurs"), 0);
  // A weekday abbreviation from the table is skipped before a date.
  Date d;
  EXPECT_TRUE(ParseDateLine("Tue, 31 Dec 2024", &d));
  EXPECT_EQ(d, (Date{2024, 12, 31}));
  EXPECT_FALSE(ParseDateLine("Tues, 31 Dec 2024", &d));
}

// The suffixes of an ordinal day, the words after a clock time and the
// names of UTC are the date_ordinal_suffixes and date_time_words tables
// (issue 21): every row is read, and a word of no row is not.
TEST(DateTest, OrdinalSuffixesComeFromTheLanguageData) {
  ASSERT_GE(OrdinalSuffixes().size(), 4u);
  Date d;
  for (std::string_view suf : OrdinalSuffixes()) {
    for (const std::string& line : {"21" + std::string(suf) + " December 2024",
                                    "December 21" + std::string(suf) + ", 2024"}) {
      d = {};
      EXPECT_TRUE(ParseDateLine(line, &d)) << line;
      EXPECT_EQ(d, (Date{2024, 12, 21})) << line;
    }
  }
  EXPECT_FALSE(ParseDateLine("21xy December 2024", &d));
}

TEST(DateTest, TimeWordsComeFromTheLanguageData) {
  ASSERT_GE(Meridiems().size(), 2u);
  ASSERT_GE(UtcNames().size(), 2u);
  Date d;
  for (std::string_view w : Meridiems()) {
    std::string upper(w);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    for (const std::string& line :
         {"31 Dec 2024 10:00 " + std::string(w), "31 Dec 2024, 10:00 " + upper}) {
      EXPECT_TRUE(ParseDateLine(line, &d)) << line;
    }
  }
  EXPECT_FALSE(ParseDateLine("31 Dec 2024 10:00 xm", &d));
  for (std::string_view w : UtcNames()) {
    Timestamp t;
    const std::string in = "2024-07-26 10:00 " + std::string(w);
    EXPECT_TRUE(ParseTimestamp(in, &t)) << in;
    EXPECT_EQ(t.zone, Timestamp::Zone::kUtc) << in;
  }
  Timestamp t;
  EXPECT_FALSE(ParseTimestamp("2024-07-26 10:00 CET", &t));
}

TEST(DateTest, MayStartDateName) {
  for (const char* s : {"Dec", "december 5", "SEPT", "Tue,", "sunday"}) {
    EXPECT_TRUE(MayStartDateName(s)) << s;
  }
  for (const char* s : {"", "De", "Dex", "Mo", "12 Dec", "The", "\xD0\xB0\xD0\xB2\xD0\xB3"}) {
    EXPECT_FALSE(MayStartDateName(s)) << s;
  }
}

TEST(DateTest, Timestamps) {
  using Zone = Timestamp::Zone;
  struct Case {
    const char* in;
    bool ok;
    Date date;
    Zone zone;
    int offset;
  };
  const std::vector<Case> cases = {
      {"2024-07-26", true, {2024, 7, 26}, Zone::kNone, 0},
      {"2024-07-26T10:00:00+03:00", true, {2024, 7, 26}, Zone::kOffset, 180},
      {"2023-11-09T03:28:35Z", true, {2023, 11, 9}, Zone::kUtc, 0},
      {"2020-08-14T21:30:04+00:00", true, {2020, 8, 14}, Zone::kUtc, 0},
      {"2020-09-28T19:12:35-0400", true, {2020, 9, 28}, Zone::kOffset, -240},
      {"2020-05-02T02:54:29.000Z", true, {2020, 5, 2}, Zone::kUtc, 0},
      {"2023-11-08 15:16:45", true, {2023, 11, 8}, Zone::kNone, 0},
      {"20240726", true, {2024, 7, 26}, Zone::kNone, 0},
      {"2022-1-26T14:32:06+02:00", true, {2022, 1, 26}, Zone::kOffset, 120},
      {"2024-02-30", false, {}, Zone::kNone, 0},
      {"2024-07-26T25:00", false, {}, Zone::kNone, 0},
      {"2024-07-26 and more", false, {}, Zone::kNone, 0},
      {"26.07.2024", false, {}, Zone::kNone, 0},
      {"", false, {}, Zone::kNone, 0},
  };
  for (const Case& c : cases) {
    Timestamp t;
    EXPECT_EQ(ParseTimestamp(c.in, &t), c.ok) << c.in;
    if (!c.ok) continue;
    EXPECT_EQ(t.date, c.date) << c.in;
    EXPECT_EQ(t.zone, c.zone) << c.in;
    EXPECT_EQ(t.offset_minutes, c.offset) << c.in;
  }
}

TEST(DateTest, DayArithmetic) {
  EXPECT_EQ(AddDays(Date{2024, 2, 28}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(AddDays(Date{2023, 12, 31}, 1), (Date{2024, 1, 1}));
  EXPECT_EQ(AddDays(Date{2024, 3, 1}, -1), (Date{2024, 2, 29}));
  EXPECT_EQ(DaysBetween(Date{2023, 11, 9}, Date{2023, 11, 8}), -1);
  EXPECT_EQ(DaysBetween(Date{2020, 1, 1}, Date{2021, 1, 1}), 366);
}

}  // namespace
}  // namespace annals::date
