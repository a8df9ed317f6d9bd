// The keys that join the forms of a name (resolve_keys.cc). Invented names;
// each expectation is worked out by hand from the rule the header states.
#include "src/extract/resolve_internal.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::extract::resolve_internal {
namespace {

TEST(ResolveKeysTest, AllCapsWordNeedsTwoCapitalsAndNoLowerCase) {
  EXPECT_TRUE(AllCapsWord("NHA"));
  EXPECT_TRUE(AllCapsWord("NH-2"));
  EXPECT_FALSE(AllCapsWord("A"));
  EXPECT_FALSE(AllCapsWord("NHAs"));
  EXPECT_FALSE(AllCapsWord("2024"));
}

TEST(ResolveKeysTest, TheHeadIsTheLastWordBeforeTheFirstConnector) {
  EXPECT_EQ(HeadKey("treaty of lisbon"), "treaty");
  EXPECT_EQ(HeadKey("harbour safety council"), "council");
  EXPECT_EQ(HeadKey("council"), "council");
  EXPECT_EQ(LastWordKey("harbour safety council"), "council");
}

TEST(ResolveKeysTest, ConnectorsAreFoldedToOf) {
  EXPECT_EQ(ConnectorKey("commission for harbour safety"), "commission of harbour safety");
  EXPECT_EQ(ConnectorKey("commission on harbour safety"), "commission of harbour safety");
  EXPECT_EQ(ConnectorKey("council of ministers of defense"), "council of defense ministers");
  EXPECT_EQ(ConnectorKey("harbour safety council"), "");
}

TEST(ResolveKeysTest, TransliterationsOfOneNameShareAKey) {
  // y and i past the first letter, kh and h, ks and x, doubled letters.
  EXPECT_EQ(TransliterationKey("grigory"), TransliterationKey("grigori"));
  EXPECT_EQ(TransliterationKey("mikhail"), TransliterationKey("mihail"));
  EXPECT_EQ(TransliterationKey("aleksandr"), TransliterationKey("alexandr"));
  EXPECT_EQ(TransliterationKey("hollander"), TransliterationKey("holander"));
  // "-yev" after a vowel and "-ev": after an a ("-ayev"), and after an e,
  // where the e of "-ev" must not stay doubled ("-eyev" = "-eev" = "-ev").
  EXPECT_EQ(TransliterationKey("nikolayev"), TransliterationKey("nikolaev"));
  EXPECT_EQ(TransliterationKey("fadeyev"), TransliterationKey("fadeev"));
  EXPECT_EQ(TransliterationKey("alekseyev"), TransliterationKey("alekseev"));
  // The first letter stays as it is: initials are compared with it.
  EXPECT_NE(TransliterationKey("yakov"), TransliterationKey("iakov"));
  EXPECT_NE(TransliterationKey("petrov"), TransliterationKey("petrova"));
}

TEST(ResolveKeysTest, APersonsInitialsApartFromTheWords) {
  const PersonName p = ParsePerson("I.V. Petrenko");
  EXPECT_EQ(p.initials, (std::vector<std::string>{"I", "V"}));
  EXPECT_EQ(p.words, (std::vector<std::string>{"petrenko"}));
  const PersonName full = ParsePerson("Ivan Petrenko");
  EXPECT_TRUE(full.initials.empty());
  EXPECT_EQ(full.words, (std::vector<std::string>{"ivan", "petrenko"}));
  // A Cyrillic initial ("Т. Петров"): one upper-case letter and a period.
  const PersonName ru = ParsePerson("\xD0\xA2. \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2");
  EXPECT_EQ(ru.initials, (std::vector<std::string>{"\xD0\xA2"}));
  EXPECT_EQ(ru.words.size(), 1u);
}

TEST(ResolveKeysTest, UpperOfTheFirstLetter) {
  EXPECT_EQ(Upper1("tomas"), "T");
  EXPECT_EQ(Upper1("\xD1\x82\xD0\xB8\xD0\xBC"), "\xD0\xA2");  // "тим" -> "Т"
  EXPECT_EQ(Upper1(""), "");
}

}  // namespace
}  // namespace annals::extract::resolve_internal
