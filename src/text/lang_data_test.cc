#include "src/text/lang_data.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace annals::text {
namespace {

TEST(LangData, TablesByLanguageAndName) {
  std::vector<std::string> langs = Languages();
  ASSERT_GE(langs.size(), 2u);
  EXPECT_EQ(langs[0], "en");
  EXPECT_EQ(langs[1], "ru");
  // Comments and blank lines are not rows; columns split at tabs.
  const std::vector<LangRow>& rows = LangRows("ru", "language");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].size(), 2u);
  EXPECT_EQ(rows[0][0], "script");
  EXPECT_EQ(rows[0][1], "Cyrillic");
  EXPECT_TRUE(LangRows("ru", "no-such-table").empty());
  EXPECT_TRUE(LangRows("xx", "language").empty());
  std::vector<std::string_view> stop = LangWords("en", "stopwords");
  EXPECT_NE(std::find(stop.begin(), stop.end(), "the"), stop.end());
}

TEST(LangData, DetectsLanguageByScriptAndStopWords) {
  EXPECT_EQ(DetectLanguage("The council met in the capital on Monday to discuss the budget."), "en");
  EXPECT_EQ(DetectLanguage("Совет собрался в столице в понедельник, чтобы обсудить бюджет."), "ru");
  // Mostly Russian with a Latin acronym and name.
  EXPECT_EQ(DetectLanguage("Делегация NFC и представители ССР обсудили вопросы безопасности в регионе."),
            "ru");
  // Too few letters to tell.
  EXPECT_EQ(DetectLanguage("12.08.2023 — OK"), "");
  EXPECT_EQ(DetectLanguage(""), "");
  // Greek has no data folder: not guessed as another language.
  EXPECT_EQ(DetectLanguage("Το συμβούλιο συνεδρίασε στην πρωτεύουσα τη Δευτέρα."), "");
}

TEST(LangData, WordLanguageByScript) {
  EXPECT_EQ(WordLanguage("Прага"), "ru");
  EXPECT_EQ(WordLanguage("council"), "en");
  EXPECT_EQ(WordLanguage("Прага-Prague"), "");  // two scripts
  EXPECT_EQ(WordLanguage("Αθήνα"), "");          // a script no language has
  EXPECT_EQ(WordLanguage("2024"), "");
  EXPECT_EQ(LanguageSetting("ru", "search_stems"), "yes");
  EXPECT_EQ(LanguageSetting("en", "search_stems"), "");
}

TEST(LangData, StemsByLanguage) {
  // Snowball's Russian stemmer folds the case endings of a city's name.
  EXPECT_EQ(Stem("ru", "праге"), Stem("ru", "прага"));
  EXPECT_EQ(Stem("ru", "праги"), Stem("ru", "прага"));
  EXPECT_EQ(Stem("en", "meetings"), "meet");
  // No stemmer: the word itself.
  EXPECT_EQ(Stem("xx", "word"), "word");
  EXPECT_EQ(Stem("ru", ""), "");
}

}  // namespace
}  // namespace annals::text
