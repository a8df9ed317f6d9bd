// The English word lists of the entity finder are language data
// (data/lang/en/entity_*.tsv, issue 21): every row of each table is found by
// its predicate, and words that are in no table are not.
#include "src/extract/lexicon.h"
#include "src/text/lang_data.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>

namespace annals::extract {
namespace {

// The rows of an English table whose second column is `kind` ("" where the
// row has none); at least one row, or the table was not embedded.
std::vector<std::string_view> Rows(std::string_view table, std::string_view kind = "") {
  std::vector<std::string_view> out;
  for (const text::LangRow& row : text::LangRows("en", table)) {
    if ((row.size() >= 2 ? row[1] : std::string_view()) == kind) out.push_back(row[0]);
  }
  EXPECT_FALSE(out.empty()) << table << " " << kind;
  return out;
}

TEST(LexiconTables, EveryTitleHasItsKindInBothSpellings) {
  size_t rows = 0;
  for (const text::LangRow& row : text::LangRows("en", "entity_titles")) {
    ASSERT_EQ(row.size(), 2u);
    const TitleKind kind = row[0] == "post"   ? TitleKind::kPost
                           : row[0] == "rank" ? TitleKind::kRank
                                              : TitleKind::kHonorific;
    EXPECT_TRUE(row[0] == "post" || row[0] == "rank" || row[0] == "honorific") << row[0];
    std::string title(row[1]), spaced(title), hyphened(title);
    std::replace(spaced.begin(), spaced.end(), '-', ' ');
    std::replace(hyphened.begin(), hyphened.end(), ' ', '-');
    // A title written both ways in the table keeps the kind of its first row.
    EXPECT_NE(TitleKindOf(title), TitleKind::kNone) << title;
    if (TitleKindOf(title) == kind) {
      EXPECT_NE(TitleKindOf(spaced), TitleKind::kNone) << spaced;
      EXPECT_NE(TitleKindOf(hyphened), TitleKind::kNone) << hyphened;
    }
    EXPECT_TRUE(IsTitleFirstWord(title.substr(0, title.find(' ')))) << title;
    EXPECT_TRUE(WordClasses(title.substr(0, title.find(' '))) & kTitleFirstWord) << title;
    ++rows;
  }
  EXPECT_GE(rows, 140u);
  EXPECT_EQ(TitleKindOf("secretary general"), TitleKind::kPost);
  EXPECT_EQ(TitleKindOf("colonel-general"), TitleKind::kRank);
  EXPECT_EQ(TitleKindOf("his excellency"), TitleKind::kHonorific);
  EXPECT_EQ(TitleKindOf("gardener"), TitleKind::kNone);
}

TEST(LexiconTables, EveryHeadWordIsFound) {
  for (std::string_view w : Rows("entity_body_heads")) {
    EXPECT_TRUE(IsOrganizationHead(w)) << w;
    EXPECT_TRUE(WordClasses(w) & kOrganizationHeadWord) << w;
  }
  EXPECT_FALSE(IsOrganizationHead("garden"));
  for (std::string_view w : Rows("entity_place_heads")) EXPECT_TRUE(IsPlaceHead(w)) << w;
  EXPECT_FALSE(IsPlaceHead("council"));
  for (std::string_view w : Rows("entity_document_heads")) {
    EXPECT_TRUE(IsDocumentHead(w)) << w;
    EXPECT_FALSE(IsNumberedDocumentHead(w)) << w;
    EXPECT_FALSE(NeedsHorizon(w)) << w;
    EXPECT_TRUE(WordClasses(w) & kDocumentHeadWord) << w;
  }
  for (std::string_view w : Rows("entity_document_heads", "numbered")) {
    EXPECT_TRUE(IsDocumentHead(w)) << w;
    EXPECT_TRUE(IsNumberedDocumentHead(w)) << w;
  }
  for (std::string_view w : Rows("entity_document_heads", "horizon")) {
    EXPECT_TRUE(IsDocumentHead(w)) << w;
    EXPECT_TRUE(NeedsHorizon(w)) << w;
    EXPECT_FALSE(IsNumberedDocumentHead(w)) << w;
  }
  EXPECT_TRUE(NeedsHorizon("plan"));
  EXPECT_FALSE(IsDocumentHead("council"));
}

TEST(LexiconTables, EveryScopeAndGenericHeadDescribe) {
  const auto scopes = Rows("entity_generic_descriptions", "scope");
  const auto heads = Rows("entity_generic_descriptions", "head");
  for (std::string_view s : scopes) {
    for (std::string_view h : heads) EXPECT_TRUE(IsGenericDescription(s, h)) << s << " " << h;
  }
  EXPECT_FALSE(IsGenericDescription("northern", "organization"));
  EXPECT_FALSE(IsGenericDescription("world", "council"));
}

TEST(LexiconTables, EveryWordOfTheWordClassesIsFound) {
  struct Table {
    std::string_view name;
    bool (*is)(std::string_view);
    uint32_t bit;
  };
  const Table tables[] = {
      {"entity_event_nouns", IsEventNoun, kEventNounWord},
      {"entity_media_nouns", IsMediaNoun, kMediaNounWord},
      {"entity_stop_words", IsStopWord, kStopWord},
      {"entity_calendar_words", IsCalendarWord, kCalendarWord},
      {"abbreviations", IsAbbreviation, kAbbreviationWord},
      {"entity_connectors", IsConnector, kConnectorWord},
      {"entity_exercise_nouns", IsExerciseNoun, kExerciseNounWord},
      {"entity_operation_nouns", IsOperationNoun, kOperationNounWord},
      {"entity_state_role_nouns", IsStateRoleNoun, kStateRoleNounWord},
  };
  for (const Table& t : tables) {
    for (std::string_view w : Rows(t.name)) {
      EXPECT_TRUE(t.is(w)) << t.name << ": " << w;
      EXPECT_TRUE(WordClasses(w) & t.bit) << t.name << ": " << w;
    }
    EXPECT_FALSE(t.is("gardener")) << t.name;
  }
  EXPECT_FALSE(WordClasses("gardener") & kFactCueWord);
  // "sun" is no calendar word (date_weekdays reads it before a date).
  EXPECT_FALSE(IsCalendarWord("sun"));
  EXPECT_TRUE(IsCalendarWord("thurs"));
  // The months and weekdays come from the date tables, full and abbreviated.
  for (std::string_view table : {"date_months", "date_weekdays"}) {
    for (const text::LangRow& row : text::LangRows("en", table)) {
      if (row.size() < 3 || row[0] == "sun") continue;
      EXPECT_EQ(IsCalendarWord(row[0]), row[2] != "loose") << table << ": " << row[0];
    }
  }
}

TEST(LexiconTables, NameParticlesAndReportingVerbs) {
  for (std::string_view w : Rows("entity_name_particles")) EXPECT_TRUE(IsNameParticle(w)) << w;
  EXPECT_FALSE(IsNameParticle("of"));
  for (std::string_view w : Rows("entity_reporting_verbs")) EXPECT_TRUE(IsReportingVerb(w)) << w;
  EXPECT_FALSE(IsReportingVerb("said"));
}

TEST(LexiconTables, WorldRegionsInTableOrder) {
  const std::vector<std::string_view> rows = Rows("entity_world_regions");
  EXPECT_EQ(WorldRegions(), rows);
  EXPECT_NE(std::find(rows.begin(), rows.end(), "Balkans"), rows.end());
}

TEST(LexiconTables, EverySpellingVariantIsFolded) {
  size_t rows = 0;
  for (const text::LangRow& row : text::LangRows("en", "entity_spelling_variants")) {
    ASSERT_EQ(row.size(), 2u);
    EXPECT_EQ(SpellingVariant(row[0]), row[1]);
    EXPECT_EQ(SpellingVariant(row[1]), row[1]);
    ++rows;
  }
  EXPECT_GE(rows, 10u);
  EXPECT_EQ(SpellingVariant("defence"), "defense");
  EXPECT_EQ(SpellingVariant("garden"), "garden");
}

TEST(LexiconTables, EveryEndingMakesALongWordInCapitalsAWord) {
  for (std::string_view end : Rows("entity_capitals_endings")) {
    const std::string word = "zqxwvbk" + std::string(end);  // no word, but its ending
    EXPECT_TRUE(IsWordInCapitals(word)) << word;
  }
  EXPECT_FALSE(IsWordInCapitals("zqxwvbkq"));
  EXPECT_FALSE(IsWordInCapitals("zqing"));  // under seven letters: an acronym
}

// The fact grammar's words (entity_fact_cues: a class, then the word): each
// row's word has its class's bit, every class has a row (or a rule of the
// grammar could never fire), and the words of the classes that announce a
// fact, and only those, are cue words.
TEST(LexiconTables, FactGrammarWordsHaveTheirClasses) {
  uint32_t seen = 0;
  for (const text::LangRow& row : text::LangRows("en", "entity_fact_cues")) {
    ASSERT_EQ(row.size(), 2u) << row[0];
    const uint32_t bit = FactWordClass(row[0]);
    EXPECT_NE(bit, 0u) << "unknown class " << row[0];
    seen |= bit;
    EXPECT_TRUE(FactWordClasses(row[1]) & bit) << row[0] << " " << row[1];
    EXPECT_EQ((WordClasses(row[1]) & kFactCueWord) != 0,
              (FactWordClasses(row[1]) & kFactCueClasses) != 0)
        << row[1];
  }
  for (uint32_t b = 1; b & kAllFactWords; b <<= 1) {
    EXPECT_TRUE(seen & b) << "no row of class bit " << b;
  }
  EXPECT_EQ(FactWordClasses("gardener"), 0u);
  EXPECT_EQ(FactWordClasses("Chairs"), 0u);  // lower case only: the reader lowers
}

}  // namespace
}  // namespace annals::extract
