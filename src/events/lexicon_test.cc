#include "src/events/lexicon.h"

#include "src/events/chars.h"

#include <gtest/gtest.h>
#include <string>

namespace annals::events {
namespace {

TEST(CharsTest, CyrillicCaseByIcu) {
  const std::string s = "В.Петров и Ёлкин, ёж; Zorn.";
  EXPECT_TRUE(chars::IsUpperAt(s, 0));                // "В"
  EXPECT_FALSE(chars::IsUpperAt(s, s.find("и")));     // "и"
  EXPECT_TRUE(chars::IsUpperAt(s, s.find("Ёлкин")));  // "Ё"
  EXPECT_FALSE(chars::IsUpperAt(s, s.find("ёж")));    // "ё"
  EXPECT_TRUE(chars::IsUpperAt(s, s.find("Zorn")));   // ASCII by the table
  EXPECT_FALSE(chars::IsUpperAt(s, s.find(',')));
  EXPECT_FALSE(chars::IsUpperAt(s, s.size()));  // past the end
  EXPECT_TRUE(chars::IsLetterAt(s, s.find("ёж")));
  EXPECT_FALSE(chars::IsLetterAt(s, s.find(';')));
  EXPECT_EQ(chars::LowerUtf8("ЗАСЕДАНИЕ Совета ЁЖ ABC"), "заседание совета ёж abc");
  // Invalid bytes are kept as they are; a cut letter is safe.
  EXPECT_EQ(chars::LowerUtf8("\xFF\xD0"), "\xFF\xD0");
  EXPECT_FALSE(chars::IsUpperAt("\xD0", 0));
  EXPECT_EQ(chars::LowerUtf8("ÉCOLE Ѓ"), "école ѓ");  // outside the hand-mapped letters
}

// LowerUtf8's hand mapping gives what ICU gives, for every letter of
// U+0400..U+04FF, alone and inside words.
TEST(CharsTest, HandMappedCyrillicAgreesWithIcu) {
  for (char32_t c = 0x400; c < 0x500; ++c) {
    std::string w;
    w.push_back(static_cast<char>(0xC0 | (c >> 6)));
    w.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    EXPECT_EQ(chars::LowerUtf8(w), chars::LowerUtf8ByIcu(w)) << static_cast<uint32_t>(c);
    const std::string word = "A" + w + "Б" + w;
    EXPECT_EQ(chars::LowerUtf8(word), chars::LowerUtf8ByIcu(word)) << static_cast<uint32_t>(c);
  }
}

TEST(WordTableTest, ExactPrefixesAndPhrases) {
  const WordTable months("date_months");
  ASSERT_NE(months.Find("августа"), nullptr);
  EXPECT_EQ(Column(*months.Find("августа"), 1), "8");
  EXPECT_EQ(months.Find("август"), months.Find("август"));
  EXPECT_EQ(months.Find("авг"), nullptr);  // exact rows only match whole words
  const WordTable triggers("event_triggers");
  ASSERT_NE(triggers.Find("заседаниях"), nullptr);  // a prefix row "заседани*"
  EXPECT_EQ(Column(*triggers.Find("заседаниях"), 2), "meeting");
  ASSERT_NE(triggers.Find("визит"), nullptr);    // the bare stem of "визит*"
  EXPECT_EQ(triggers.Find("прошлом"), nullptr);  // "прошло" is an exact row
  const WordTable relative("date_relative");
  size_t len = 0;
  ASSERT_NE(relative.FindPhrase("прошлом году они", &len), nullptr);
  EXPECT_EQ(len, std::string("прошлом году").size());
  ASSERT_NE(relative.FindPhrase("с.г. в", &len), nullptr);
  EXPECT_EQ(len, std::string("с.г.").size());
  EXPECT_EQ(relative.FindPhrase("сегодняшний", &len), nullptr);  // not at a word's end
  const WordTable none("no_such_table");
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.Find("x"), nullptr);
  EXPECT_EQ(none.Find(""), nullptr);
}

}  // namespace
}  // namespace annals::events
