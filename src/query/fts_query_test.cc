#include "src/query/fts_query.h"

#include <gtest/gtest.h>
#include <string>

namespace annals::query {
namespace {

TEST(FtsQueryTest, Translates) {
  const struct {
    std::string in, out;
  } cases[] = {
      {"council", "council"},
      {"Security Council", "Security Council"},
      {"\"Security Council\" AND meet*", "\"Security Council\" AND meet*"},
      {"Secretar* AND NOT Almaty", "Secretar* NOT ( Almaty OR Алматы )"},
      {"(a OR b) NOT c", "( a OR b ) NOT c"},
      // Words with punctuation are searched as the words typed (issue 24).
      {"Anglo-Dutch", "\"Anglo-Dutch\""},
      {"HL's", "\"HL's\""},
      {"Mr. Smith", "\"Mr.\" Smith"},
      {"U.S.", "\"U.S.\""},
      {"U.S.*", "\"U.S.\"*"},
      {"title:x a+b ^c {d}", "\"title:x\" \"a+b\" \"^c\" \"{d}\""},
      {"NEAR(a b)", "\"NEAR\" AND ( a b )"},
      {"a - b &", "a b"},
      {"\"a \"\"b\"*", "\"a \" \"b\"*"},
      // Russian words are searched by their stem too (issue 25); a stem
      // under three letters is not.
      // A capitalized one also by its Latin letters (issue 25).
      {"Женева", "( Женева OR женев* OR Zheneva )"},
      {"Праге AND NOT мир", "( Праге OR праг* OR Prage ) NOT мир"},
      {"женева", "( женева OR женев* )"},
      // A group beside a term: FTS5 wants the AND written out.
      {"встреча в Праге", "( встреча OR встреч* ) AND в AND ( Праге OR праг* OR Prage )"},
      {"(a OR b) c", "( a OR b ) AND c"},
      {"Mr. Guterres", "\"Mr.\" AND ( Guterres OR Гутеррес OR Гутерреса OR Гутерресу OR "
                       "Гутерресым OR Гутерресом OR Гутерресе OR Гутерресой )"},
      {"Женева*", "Женева*"},
      {"or and not", "or and not"},
      // A capitalized Latin word that reads as a romanized Russian word is
      // searched in Cyrillic too, with the cases of a name (issue 25);
      // English words, lower case and prefixes are not.
      {"Petrov", "( Petrov OR Петров OR Петрова OR Петрову OR Петровым OR Петровом OR Петрове "
                 "OR Петровой )"},
      {"Praga", "( Praga OR Прага OR Праги OR Праге OR Прагу OR Прагой )"},
      {"petrov Petrov*", "petrov Petrov*"},
      {"Security Council meeting", "Security Council meeting"},
      // A Russian name the stemmer leaves whole: its cases, and its Latin letters.
      {"Хромин", "( Хромин OR Хромина OR Хромину OR Хроминым OR Хромином OR Хромине OR Хроминой "
                 "OR Khromin )"},
  };
  for (const auto& c : cases) {
    auto r = ToFtsQuery(c.in);
    ASSERT_TRUE(r.has_value()) << c.in << ": " << r.error().message;
    EXPECT_EQ(*r, c.out) << c.in;
  }
}

TEST(FtsQueryTest, Refuses) {
  for (const std::string q : {"", "   ", "\"unclosed", "*", "a * b", "- &"}) {
    auto r = ToFtsQuery(q);
    ASSERT_FALSE(r.has_value()) << q << " gave " << *r;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  }
}

TEST(FtsQueryTest, CapsSizeAndTermsWithoutEchoingTheQuery) {
  std::string terms;
  for (int i = 0; i < 101; ++i) terms += (i ? " OR w" : "w") + std::to_string(i);
  auto r = ToFtsQuery(terms);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("101 words"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("w17"), std::string::npos);
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += " w" + std::to_string(i);
  EXPECT_TRUE(ToFtsQuery(hundred).has_value());
  auto big = ToFtsQuery(std::string(5000, 'x'));
  ASSERT_FALSE(big.has_value());
  EXPECT_NE(big.error().message.find("5000 bytes"), std::string::npos) << big.error().message;
  EXPECT_LT(big.error().message.size(), 200u);
}

}  // namespace
}  // namespace annals::query
