#include "src/segment/date_lines.h"

#include "src/common/lang_table.h"

#include <gtest/gtest.h>
#include <string>

namespace annals::segment {
namespace {

std::string Loose(std::string_view line) {
  date::Date d;
  return ParseLooseDateLine(line, &d) ? date::Iso(d) : "";
}

TEST(DateLinesTest, DateLinesWithLabelsBulletsTimesAndPlaces) {
  EXPECT_EQ(Loose("Posted: 20.01.2022 11:07:00"), "2022-01-20");
  EXPECT_EQ(Loose("  \xE2\x80\xA2 17 Feb. 2020 -"), "2020-02-17");
  EXPECT_EQ(Loose("Last updated: 17 Feb. 2020 16:31"), "2020-02-17");
  EXPECT_EQ(Loose("04/16/2020 15:57:33"), "2020-04-16");
  EXPECT_EQ(Loose("2024-06-14 00:00:00 GMT"), "2024-06-14");
  EXPECT_EQ(Loose("23.06.2020 | 14:35"), "2020-06-23");
  EXPECT_EQ(Loose("Harbourtown \xE2\x80\x93 July 2, 2024"), "2024-07-02");
  EXPECT_EQ(Loose("Port Royal, June 23, 2020"), "2020-06-23");
}

TEST(DateLinesTest, SlashDatesReadMonthFirstWhereTheFirstNumberCanBeAMonth) {
  EXPECT_EQ(Loose("12/4/2020"), "2020-12-04");
  EXPECT_EQ(Loose("31/12/2024"), "2024-12-31");
  EXPECT_EQ(Loose("13/13/2024"), "");
  EXPECT_EQ(Loose("31.02.2020"), "");
}

TEST(DateLinesTest, SlashDatesReadDayFirstWhenTheCrawlSaysSo) {
  date::Date d;
  ASSERT_TRUE(ParseLooseDateLine("05/08/2020", &d, SlashOrder::kDayFirst));
  EXPECT_EQ(date::Iso(d), "2020-08-05");
  ASSERT_TRUE(ParseLooseDateLine("Posted: 31/12/2024", &d, SlashOrder::kDayFirst));
  EXPECT_EQ(date::Iso(d), "2024-12-31");
  EXPECT_FALSE(ParseLooseDateLine("12/31/2024", &d, SlashOrder::kDayFirst));
  std::string_view rest;
  ASSERT_TRUE(SplitLeadingDate("05/08/2020 The chair met the delegates.", &d, &rest,
                               SlashOrder::kDayFirst));
  EXPECT_EQ(date::Iso(d), "2020-08-05");
}

TEST(DateLinesTest, CountSlashDatesCountsOnlyDatesReadOneWay) {
  struct Case {
    const char* text;
    int day_first, month_first;
  };
  const Case cases[] = {
      {"31/12/2024", 1, 0},
      {"12/31/2024", 0, 1},
      {"05/08/2020", 0, 0},                       // either way
      {"On 25/03/2019 and 7/4/2019, then 13/5/2019.", 2, 0},
      {"1/2/3/2024 and 131/12/2024 and 31/12/24", 0, 0},  // no date of that shape
      {"12/13/2020 14/12/2020", 1, 1},
      {"", 0, 0},
      {"/", 0, 0},
      {"31/", 0, 0},
      {"31/12/", 0, 0},
  };
  for (const Case& c : cases) {
    int day = 0, month = 0;
    CountSlashDates(c.text, &day, &month);
    EXPECT_EQ(day, c.day_first) << c.text;
    EXPECT_EQ(month, c.month_first) << c.text;
  }
}

TEST(DateLinesTest, RussianDatesInWords) {
  EXPECT_EQ(Loose("26 \xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F 2015 "
                  "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0"),
            "2015-11-26");  // 26 ноября 2015 года
  EXPECT_EQ(Loose("13 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F 2022 \xD0\xB3."),
            "2022-01-13");  // 13 января 2022 г.
  EXPECT_EQ(Loose("31 \xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 2022"), "");
}

// The words after a date line's time are date_time_words' rows (meridiems
// in both cases), and the words after a Russian date line's year are the
// "line" rows of date_year_words (issue 21).
TEST(DateLinesTest, TimeAndYearWordsComeFromTheLanguageData) {
  size_t rows = 0;
  for (const std::string& lang : lang::Languages()) {
    for (const lang::Row& row : lang::Rows(lang, "date_time_words")) {
      std::string upper(row[0]);
      for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      for (const std::string& w : {std::string(row[0]), upper}) {
        if (row[1] == "utc" && w != row[0]) continue;  // zone names as written
        EXPECT_EQ(Loose("Posted: 14.06.2024 10:00 " + w), "2024-06-14") << w;
      }
      ++rows;
    }
    for (const lang::Row& row : lang::Rows(lang, "date_year_words")) {
      if (row.size() < 2 || row[1] != "line") continue;
      // 26 ноября 2015 <word>
      EXPECT_EQ(
          Loose("26 \xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F 2015 " + std::string(row[0])),
          "2015-11-26")
          << row[0];
      ++rows;
    }
  }
  EXPECT_GE(rows, 6u);
  EXPECT_EQ(Loose("Posted: 14.06.2024 10:00 XM"), "");
}

TEST(DateLinesTest, SentencesAreNotDateLines) {
  EXPECT_EQ(Loose("On 9 January 2023 the board met"), "");
  EXPECT_EQ(Loose("the meeting of 5 May 2020"), "");
  EXPECT_EQ(Loose("Session 2020"), "");
}

std::string Split(std::string_view line, std::string* rest) {
  date::Date d;
  std::string_view r;
  if (!SplitLeadingDate(line, &d, &r)) return "";
  *rest = std::string(r);
  return date::Iso(d);
}

TEST(DateLinesTest, DateAtTheStartOfTheFirstBodyLine) {
  std::string rest;
  EXPECT_EQ(Split("21.05.2020On May 26, the council will meet in the capital.", &rest), "2020-05-21");
  EXPECT_EQ(rest, "On May 26, the council will meet in the capital.");
  EXPECT_EQ(Split("25.03.2019 An annual conference opens in the old town.", &rest), "2019-03-25");
  EXPECT_EQ(rest, "An annual conference opens in the old town.");
  EXPECT_EQ(Split("Harbourtown, 29 July 2018: The chair of the commission arrived today.", &rest),
            "2018-07-29");
  EXPECT_EQ(rest, "The chair of the commission arrived today.");
  EXPECT_EQ(Split("25 June 2019, Harbourtown: The chair wishes to express his condolences.", &rest),
            "2019-06-25");
  EXPECT_EQ(rest, "The chair wishes to express his condolences.");
  EXPECT_EQ(Split("Port Royal, Northland 31 January 2014- The session ended with decisions.", &rest),
            "2014-01-31");
  EXPECT_EQ(rest, "The session ended with decisions.");
}

TEST(DateLinesTest, TheEventsDateInASentenceIsNotSplitOff) {
  std::string rest;
  EXPECT_EQ(Split("On 9 January 2023, the secretary assumed office in the capital.", &rest), "");
  EXPECT_EQ(Split("28 April 2003 marks the day the staff of the league was founded.", &rest), "");
  EXPECT_EQ(Split("The board met on 12.05.2021 to adopt the budget.", &rest), "");
  EXPECT_EQ(Split("17.05.2021", &rest), "");  // a date line, nothing to split
}

}  // namespace
}  // namespace annals::segment
