#include "src/common/lang_table.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::lang {
namespace {

TEST(LangTableTest, ParseRowsSkipsCommentsAndBlankLinesAndSplitsAtTabs) {
  const std::vector<Row> rows = ParseRows("# form\tmonth\n\njanuary\t1\tfull\r\n  \nmay\t5\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Row{"january", "1", "full"}));
  EXPECT_EQ(rows[1], (Row{"may", "5"}));
  EXPECT_TRUE(ParseRows("").empty());
  EXPECT_TRUE(ParseRows("# only a comment").empty());
  EXPECT_EQ(ParseRows("a\t\tb"), (std::vector<Row>{{"a", "", "b"}}));  // an empty column stays
}

TEST(LangTableTest, EveryLanguageFolderIsEmbedded) {
  const std::vector<std::string>& langs = Languages();
  EXPECT_TRUE(std::is_sorted(langs.begin(), langs.end()));
  EXPECT_NE(std::find(langs.begin(), langs.end(), "en"), langs.end());
  EXPECT_NE(std::find(langs.begin(), langs.end(), "ru"), langs.end());
  const std::vector<std::string>& folders = Folders();
  EXPECT_TRUE(std::is_sorted(folders.begin(), folders.end()));
  for (const EmbeddedTable& t : EmbeddedTables()) {
    EXPECT_NE(std::find(folders.begin(), folders.end(), std::string(t.lang)), folders.end())
        << t.lang;
    EXPECT_FALSE(t.name.empty());
  }
  // A language is a folder with a `language` table; a folder of word lists
  // only ("de": the HTML segmenter's html_*.tsv) is none.
  for (const std::string& folder : folders) {
    const bool language = !Rows(folder, "language").empty();
    EXPECT_EQ(std::find(langs.begin(), langs.end(), folder) != langs.end(), language) << folder;
  }
  EXPECT_NE(std::find(folders.begin(), folders.end(), "de"), folders.end());
  EXPECT_EQ(std::find(langs.begin(), langs.end(), "de"), langs.end());
}

// The tables moved out of the code (issue 21) are there, with words from
// their files.
TEST(LangTableTest, DateTablesHoldTheirWords) {
  auto has = [](std::string_view lang, std::string_view name, std::string_view word) {
    for (const Row& row : Rows(lang, name)) {
      if (row[0] == word) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("en", "date_months", "september"));
  EXPECT_TRUE(has("en", "date_months", "sept"));
  EXPECT_TRUE(has("en", "date_weekdays", "tue"));
  EXPECT_TRUE(has("en", "date_relative", "yesterday"));
  EXPECT_TRUE(has("en", "date_relative", "last year"));
  EXPECT_TRUE(has("en", "date_connectors", "until"));
  EXPECT_TRUE(has("en", "date_span_openers", "between"));
  EXPECT_TRUE(has("en", "date_coordinators", "or"));
  EXPECT_TRUE(has("ru", "date_span_openers", "\xD0\xBC\xD0\xB5\xD0\xB6\xD0\xB4\xD1\x83"));  // между
  EXPECT_TRUE(has("ru", "date_coordinators", "\xD0\xB8"));                                  // и
  EXPECT_TRUE(Rows("en", "no_such_table").empty());
  EXPECT_TRUE(Rows("xx", "date_months").empty());
}

}  // namespace
}  // namespace annals::lang
