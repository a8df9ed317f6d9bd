// The date word tables of the language data (data/lang/LANG/date_*.tsv) as
// FindDateExprs reads them: every row of a table is tried in a sentence, so
// that a row added to a file is read without a change of code (issue 21).
#include "src/events/date_expr.h"
#include "src/text/lang_data.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace annals::events {
namespace {

std::vector<DateExpr> Find(const std::string& text, const char* story = "") {
  DateContext ctx;
  if (*story) {
    EXPECT_TRUE(date::ParseIso(story, &ctx.story)) << story;
  }
  return FindDateExprs(text, ctx);
}

std::string Span(const std::string& text, const DateExpr& x) {
  return text.substr(x.begin, x.end - x.begin);
}

// Each relative phrase, resolved against the story's date 2024-05-15.
TEST(DateTablesTest, EveryRelativePhraseResolvesAgainstTheStoryDate) {
  size_t rows = 0;
  for (const std::string& lang : text::Languages()) {
    for (const text::LangRow& row : text::LangRows(lang, "date_relative")) {
      ASSERT_GE(row.size(), 3u) << lang << " " << row[0];
      const std::string phrase(row[0]);
      const int off = std::stoi(std::string(row[2]));
      std::string want;
      if (row[1] == "year") {
        want = date::Iso({2024 + off, 0, 0});
      } else if (row[1] == "month") {
        want = date::Iso({2024, 5 + off, 0});
      } else {
        ASSERT_EQ(row[1], "day") << lang << " " << phrase;
        want = date::Iso({2024, 5, 15 + off});
      }
      const std::string sentence =
          (lang == "en" ? "It happened " : "\xD0\xAD\xD1\x82\xD0\xBE ") + phrase + ".";
      const std::vector<DateExpr> got = Find(sentence, "2024-05-15");
      ASSERT_EQ(got.size(), 1u) << lang << " " << sentence;
      EXPECT_EQ(Span(sentence, got[0]), phrase) << lang;
      EXPECT_EQ(date::Iso(got[0].start), want) << lang << " " << sentence;
      EXPECT_TRUE(got[0].relative) << lang << " " << sentence;
      ++rows;
    }
  }
  EXPECT_GE(rows, 40u);
}

TEST(DateTablesTest, RelativePhrasesAllowAnySpacesAndCase) {
  const std::string s = "It rose Last  Year and fell this\tmonth.";
  const std::vector<DateExpr> got = Find(s, "2024-05-15");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(date::Iso(got[0].start), "2023");
  EXPECT_EQ(date::Iso(got[1].start), "2024-05");
  EXPECT_TRUE(Find("It happened past month.", "2024-05-15").empty());  // no such row
  EXPECT_TRUE(Find("It happened yesteryear.", "2024-05-15").empty());
}

// Each "to" connector joins two days of one month; "and" only after a span opener.
TEST(DateTablesTest, EveryConnectorJoinsASpan) {
  ASSERT_GE(text::LangRows("en", "date_connectors").size(), 5u);
  for (const text::LangRow& row : text::LangRows("en", "date_connectors")) {
    ASSERT_GE(row.size(), 2u);
    const std::string w(row[0]);
    if (row[1] == "to") {
      const std::string s = "from 4 " + w + " 6 June 2024";
      const std::vector<DateExpr> got = Find(s);
      ASSERT_EQ(got.size(), 1u) << s;
      EXPECT_EQ(date::Iso(got[0].start), "2024-06-04") << s;
      EXPECT_EQ(date::Iso(got[0].last), "2024-06-06") << s;
    } else {
      ASSERT_EQ(row[1], "and");
      const std::string s = "from 2020 " + w + " 2022";
      const std::vector<DateExpr> got = Find(s);
      ASSERT_EQ(got.size(), 2u) << s;  // two years, not a span: no opener
      EXPECT_EQ(got[0].last.year, 0) << s;
    }
  }
  EXPECT_EQ(Find("from 4 unto 6 June 2024").size(), 1u);  // "6 June 2024" alone
  EXPECT_EQ(Find("from 4 unto 6 June 2024")[0].last.year, 0);
}

TEST(DateTablesTest, EverySpanOpenerLetsAndJoinTwoYears) {
  const std::vector<std::string> ands = {"and", "\xD0\xB8"};  // и
  size_t openers = 0;
  for (const std::string& lang : text::Languages()) {
    for (std::string_view opener : text::LangWords(lang, "date_span_openers")) {
      const std::string s =
          std::string(opener) + " 2020 " + (lang == "en" ? ands[0] : ands[1]) + " 2022";
      const std::vector<DateExpr> got = Find(s);
      ASSERT_EQ(got.size(), 1u) << s;
      EXPECT_EQ(date::Iso(got[0].start), "2020") << s;
      EXPECT_EQ(date::Iso(got[0].last), "2022") << s;
      ++openers;
    }
  }
  EXPECT_GE(openers, 2u);  // "between", "между"
}

// A yearless month coordinated with a dated one takes its year.
TEST(DateTablesTest, EveryCoordinatorLendsTheYear) {
  ASSERT_EQ(text::LangWords("en", "date_coordinators").size(), 2u);  // "and", "or"
  ASSERT_EQ(text::LangWords("ru", "date_coordinators").size(), 1u);  // "и"
  for (std::string_view w : text::LangWords("en", "date_coordinators")) {
    const std::string s = "in June " + std::string(w) + " December 2024";
    const std::vector<DateExpr> got = Find(s);
    ASSERT_EQ(got.size(), 2u) << s;
    EXPECT_EQ(date::Iso(got[0].start), "2024-06") << s;
  }
  // "в июне и декабре 2024 года"
  for (std::string_view w : text::LangWords("ru", "date_coordinators")) {
    const std::string s = "\xD0\xB2 \xD0\xB8\xD1\x8E\xD0\xBD\xD0\xB5 " + std::string(w) +
                          " \xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD0\xB5 2024 "
                          "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0";
    const std::vector<DateExpr> got = Find(s);
    ASSERT_EQ(got.size(), 2u) << s;
    EXPECT_EQ(date::Iso(got[0].start), "2024-06") << s;
  }
  EXPECT_TRUE(Find("in June but December 2024").size() == 1u);  // June has no year
}

// English month forms by kind: full and abbreviated ones stand alone, loose
// ones only inside a full date.
TEST(DateTablesTest, MonthFormsByKind) {
  ASSERT_GE(text::LangRows("en", "date_months").size(), 12u);
  for (const text::LangRow& row : text::LangRows("en", "date_months")) {
    ASSERT_GE(row.size(), 3u);
    std::string form(row[0]);
    form[0] = static_cast<char>(form[0] - 'a' + 'A');
    const std::string s = "in " + form + " 2021";
    const std::vector<DateExpr> got = Find(s);
    const std::string want = date::Iso({2021, std::stoi(std::string(row[1])), 0});
    if (row[2] == "loose") {
      EXPECT_TRUE(got.empty()) << s;
      const std::string full = "on 3 " + form + " 2021";
      ASSERT_EQ(Find(full).size(), 1u) << full;
      EXPECT_EQ(date::Iso(Find(full)[0].start).substr(0, 7), want) << full;
    } else {
      ASSERT_EQ(got.size(), 1u) << s;
      EXPECT_EQ(date::Iso(got[0].start), want) << s;
    }
  }
}

// Each period word or phrase makes the year after it a horizon; "coarse"
// ones not a day, and not a month after a schedule word.
TEST(DateTablesTest, EveryPeriodWordMarksAHorizon) {
  size_t rows = 0;
  for (const text::LangRow& row : text::LangRows("en", "date_period_words")) {
    ASSERT_GE(row.size(), 2u);
    const std::string s = "The plan runs " + std::string(row[0]) + " 2030.";
    const std::vector<DateExpr> got = Find(s);
    ASSERT_EQ(got.size(), 1u) << s;
    EXPECT_TRUE(got[0].period) << s;
    if (row[1] == "coarse") {
      const std::string day = "It opens " + std::string(row[0]) + " 5 June 2030.";
      ASSERT_EQ(Find(day).size(), 1u) << day;
      EXPECT_FALSE(Find(day)[0].period) << day;
    }
    ++rows;
  }
  EXPECT_GE(rows, 9u);
  for (std::string_view w : text::LangWords("en", "date_schedule_words")) {
    const std::string s = "The talks are " + std::string(w) + " for June 2030.";
    ASSERT_EQ(Find(s).size(), 1u) << s;
    EXPECT_FALSE(Find(s)[0].period) << s;
  }
  ASSERT_EQ(Find("The budget for June 2030.").size(), 1u);
  EXPECT_TRUE(Find("The budget for June 2030.")[0].period);
  ASSERT_EQ(Find("It rose to 2030.").size(), 1u);  // "to" alone is no period word
  EXPECT_FALSE(Find("It rose to 2030.")[0].period);
}

// Story date Wednesday 2024-05-15: "last Monday" is the 13th, "next Monday"
// the 20th; "on/this Monday" follows the sentence's tense (past here: the
// 13th); "last June" is 2023, "next June" 2024 (the next one after the
// story), "this June" the story's year.
TEST(DateTablesTest, EveryTenseWordPlacesAWeekdayOrAMonth) {
  const std::map<std::string, std::pair<std::string, std::string>> want = {
      {"past", {"2024-05-13", "2023-06"}},
      {"future", {"2024-05-20", "2024-06"}},
      {"current", {"2024-05-13", "2024-06"}},
      {"sentence", {"2024-05-13", "2023-06"}},  // "on June": the last June before the story
  };
  size_t rows = 0;
  for (const text::LangRow& row : text::LangRows("en", "date_tense_words")) {
    ASSERT_GE(row.size(), 2u);
    auto it = want.find(std::string(row[1]));
    ASSERT_NE(it, want.end()) << row[1];
    const std::string day = "They met " + std::string(row[0]) + " Monday.";
    ASSERT_EQ(Find(day, "2024-05-15").size(), 1u) << day;
    EXPECT_EQ(date::Iso(Find(day, "2024-05-15")[0].start), it->second.first) << day;
    const std::string month = "They met " + std::string(row[0]) + " June.";
    ASSERT_EQ(Find(month, "2024-05-15").size(), 1u) << month;
    EXPECT_EQ(date::Iso(Find(month, "2024-05-15")[0].start), it->second.second) << month;
    ++rows;
  }
  EXPECT_EQ(rows, 4u);
  EXPECT_TRUE(Find("They met, Monday.", "2024-05-15").empty());  // no tense word before it
}

TEST(DateTablesTest, EveryFuturePhraseMakesASentenceSpeakOfTheFuture) {
  size_t rows = 0;
  for (std::string_view phrase : text::LangWords("en", "event_future")) {
    const std::string s = "The Council " + std::string(phrase) + " meet in Velgrad.";
    EXPECT_TRUE(SpeaksOfFuture(s)) << s;
    std::string upper(phrase);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    EXPECT_TRUE(SpeaksOfFuture("The Council " + upper + " meet.")) << upper;
    ++rows;
  }
  EXPECT_GE(rows, 14u);
  EXPECT_FALSE(SpeaksOfFuture("The Council met in Velgrad to be briefed."));
  EXPECT_FALSE(SpeaksOfFuture("It is to a plan."));
}

}  // namespace
}  // namespace annals::events
