#include "src/extract/tokens.h"

#include <gtest/gtest.h>

#include "src/extract/lexicon.h"

namespace annals::extract {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<Token> t;
  Tokenize(text, &t);
  std::vector<std::string> out;
  for (const Token& k : t) out.emplace_back(TokenText(text, k));
  return out;
}

TEST(Tokenize, KeepsInnerMarksOfWords) {
  struct Case {
    std::string text;
    std::vector<std::string> want;
  } cases[] = {
      {"Anti-Piracy Office", {"Anti-Piracy", "Office"}},
      {"Vesta.Info reports", {"Vesta.Info", "reports"}},
      {"(X/REC/31/7)", {"(", "X/REC/31/7", ")"}},
      {"the Organization's forces", {"the", "Organization", "'s", "forces"}},
      {"the Organization\xE2\x80\x99s forces", {"the", "Organization", "\xE2\x80\x99s", "forces"}},
      {"I.V. Smith", {"I.V", ".", "Smith"}},
      {"\xE2\x80\x9CHarbour-2024\xE2\x80\x9D,",
       {"\xE2\x80\x9C", "Harbour-2024", "\xE2\x80\x9D", ","}},
      {"end. Next", {"end", ".", "Next"}},
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(Words(c.text), c.want) << c.text;
}

TEST(Tokenize, Flags) {
  std::string text = "NDA Harbour-2024 I.V. Smith vesta Vesta.Info";
  std::vector<Token> t;
  Tokenize(text, &t);
  ASSERT_EQ(t.size(), 7u);
  EXPECT_TRUE(t[0].Has(kAllCaps));
  EXPECT_TRUE(t[1].Has(kYearSuffix));
  EXPECT_TRUE(t[2].Has(kInitials));
  EXPECT_TRUE(t[4].Has(kCap));
  EXPECT_FALSE(t[4].Has(kAllCaps));
  EXPECT_TRUE(t[5].Has(kLower));
  EXPECT_TRUE(t[6].Has(kDotted));
}

// A word of ASCII bytes and the same word followed by a curly apostrophe
// that joins nothing (so that its flags are read code point by code point)
// get the same flags, each checked by hand.
TEST(Tokenize, FlagsOfAsciiWordsAsOfOthers) {
  struct Case {
    std::string word;
    uint16_t want;  // the flags of the word, not those of white space
  } cases[] = {
      {"NDA", kCap | kAllCaps},
      {"N", kCap},
      {"nDA", kLower},
      {"Vesta.Info", kCap | kDotted},
      {"VESTA.INFO", kCap | kAllCaps},
      {"a.b", kLower | kDotted},
      {"x.Y.z", kLower | kDotted},
      {"Harbour-2024", kCap | kYearSuffix},
      {"Harbour-2124", kCap},
      {"X-1999", kCap | kYearSuffix},
      {"X-199", kCap},
      {"AB-1999", kCap | kAllCaps | kYearSuffix},
      {"2024", 0},
      {"7th", 0},
      {"O'Neil", kCap},
      {"mid-May", kLower},
  };
  for (const Case& c : cases) {
    for (const std::string& text : {c.word + " x", c.word + "\xE2\x80\x99 x"}) {
      std::vector<Token> t;
      Tokenize(text, &t);
      ASSERT_FALSE(t.empty()) << text;
      EXPECT_EQ(TokenText(text, t[0]), c.word) << text;
      EXPECT_EQ(t[0].flags & ~(kSpaceBefore | kNewlineBefore), c.want) << text;
    }
  }
  // Initials: capitals joined by dots, before a period.
  struct Initials {
    std::string text;
    std::string word;
    uint16_t want;
  } initials[] = {
      {"I.V. x", "I.V", kCap | kAllCaps | kInitials},
      {"I. x", "I", kCap | kInitials},
      {"Iv. x", "Iv", kCap},
      {"I.V x", "I.V", kCap | kAllCaps},
  };
  for (const Initials& c : initials) {
    std::vector<Token> t;
    Tokenize(c.text, &t);
    ASSERT_FALSE(t.empty()) << c.text;
    EXPECT_EQ(TokenText(c.text, t[0]), c.word) << c.text;
    EXPECT_EQ(t[0].flags, c.want) << c.text;
  }
}

TEST(Tokenize, InvalidUtf8AndControlBytesAreSafe) {
  std::string text = "Ab\xFF\xFE cd \xC3 \x01\x02 Ef";
  std::vector<Token> t;
  Tokenize(text, &t);
  for (const Token& k : t) {
    EXPECT_LE(k.begin, k.end);
    EXPECT_LE(k.end, text.size());
  }
  std::vector<Sentence> s;
  SplitSentences(text, &t, &s);
  EXPECT_FALSE(s.empty());
}

std::vector<std::string> SentenceTexts(const std::string& text) {
  std::vector<Token> t;
  std::vector<Sentence> s;
  Tokenize(text, &t);
  SplitSentences(text, &t, &s);
  std::vector<std::string> out;
  for (const Sentence& x : s) out.push_back(text.substr(x.begin, x.end - x.begin));
  return out;
}

TEST(SplitSentences, AbbreviationsInitialsAndLines) {
  struct Case {
    std::string text;
    std::vector<std::string> want;
  } cases[] = {
      {"He met I.V. Smith. Then he left.", {"He met I.V. Smith.", "Then he left."}},
      {"In St. Gallen it rained. Next day too.", {"In St. Gallen it rained.", "Next day too."}},
      {"The Seventh. Rising water.", {"The Seventh.", "Rising water."}},
      {"A line\n\nAnother line", {"A line", "Another line"}},
      {"He said \"yes.\" She left.", {"He said \"yes.\"", "She left."}},
      {"Version 4.15 is out", {"Version 4.15 is out"}},
  };
  for (const Case& c : cases) EXPECT_EQ(SentenceTexts(c.text), c.want) << c.text;
}

// A run without sentence breaks is cut every kMaxSentenceTokens tokens, so
// that reading a sentence stays bounded (issue 24); every token stays in one.
TEST(SplitSentences, LongRunsAreCut) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "Council of Norland met, ";
  std::vector<Token> t;
  std::vector<Sentence> s;
  Tokenize(text, &t);
  SplitSentences(text, &t, &s);
  ASSERT_GE(s.size(), t.size() / kMaxSentenceTokens);
  uint32_t next = 0;
  for (const Sentence& x : s) {
    EXPECT_EQ(x.first_token, next);
    EXPECT_LE(x.end_token - x.first_token, kMaxSentenceTokens);
    next = x.end_token;
  }
  EXPECT_EQ(next, t.size());
}

TEST(NameKey, FoldsCaseSpellingAndPunctuation) {
  struct Case {
    std::string a, b;
  } same[] = {
      {"St. Gallen", "Saint Gallen"},
      {"Organisation for Trade and Co-operation", "organization for trade and cooperation"},
      {"Council of Defence Chiefs", "COUNCIL OF DEFENSE CHIEFS"},
      {"Centre", "Center"},
      {"People's Party", "Peoples Party"},
  };
  for (const Case& c : same) EXPECT_EQ(NameKey(c.a), NameKey(c.b)) << c.a;
  EXPECT_NE(NameKey("Water Council"), NameKey("Water Councils"));
  EXPECT_EQ(NameKey(""), "");
}

TEST(Initials, OfNamesForAcronyms) {
  struct Case {
    std::string name;
    std::string want;
  } cases[] = {
      {"Northern Defence Alliance", "NDA"},
      {"Organisation for Economic Co-operation and Development", "OECD"},
      {"Danube Courier", "DC"},
      {"League of Arab States", "LAS"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> got = Initials(c.name);
    ASSERT_FALSE(got.empty()) << c.name;
    EXPECT_EQ(got[0], c.want) << c.name;
  }
  EXPECT_TRUE(Initials("Word").empty());
}

TEST(Lexicon, TitlesAndWords) {
  EXPECT_EQ(TitleKindOf("secretary general"), TitleKind::kPost);
  EXPECT_EQ(TitleKindOf("colonel general"), TitleKind::kRank);
  EXPECT_EQ(TitleKindOf("mr"), TitleKind::kHonorific);
  EXPECT_EQ(TitleKindOf("secretaries"), TitleKind::kNone);
  EXPECT_TRUE(IsOrganizationHead("council"));
  EXPECT_FALSE(IsOrganizationHead("councils"));
  EXPECT_TRUE(IsDocumentHead("treaty"));
  EXPECT_TRUE(IsCalendarWord("monday"));
  EXPECT_TRUE(IsStopWord("dear"));
  EXPECT_TRUE(IsGenericDescription("world", "organization"));
  EXPECT_FALSE(IsGenericDescription("health", "organization"));
  EXPECT_NE(WordClasses("of") & kConnectorWord, 0u);
  EXPECT_NE(WordClasses("presidency") & kFactCueWord, 0u);
  EXPECT_EQ(WordClasses("zebra"), 0u);
}

}  // namespace
}  // namespace annals::extract
