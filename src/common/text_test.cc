#include "src/common/text.h"

#include <gtest/gtest.h>

namespace annals::text {
namespace {

TEST(TextTest, NormalizeNfcComposes) {
  std::string out;
  ASSERT_TRUE(NormalizeNfc("Cafe\xCC\x81", &out));  // e + combining acute
  EXPECT_EQ(out, "Caf\xC3\xA9");
  EXPECT_FALSE(NormalizeNfc("bad \xC3\x28 byte", &out));
}

TEST(TextTest, FoldSpaces) {
  EXPECT_EQ(FoldSpaces("a\xC2\xA0" "b\r\nc\rd\te"), "a b\nc\nd e");
  EXPECT_EQ(FoldSpaces("x\xE2\x80\x8By\xC2\xAD" "z"), "xyz");  // zero-width space, soft hyphen
  EXPECT_EQ(FoldSpaces("thin\xE2\x80\x89space"), "thin space");
}

TEST(TextTest, TokensAndFold) {
  EXPECT_EQ(Tokens("It's the CSO-2025, ok?"),
            (std::vector<std::string>{"it", "s", "the", "cso", "2025", "ok"}));
  EXPECT_EQ(Fold("  Ответ НА вопрос! "), "ответ на вопрос");
  EXPECT_EQ(Squeeze("  a \n b\t\tc "), "a b c");
  const std::vector<uint64_t> h = TokenHashes("Ab, ab! ÄB");
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_EQ(h[0], Hash64("ab"));
  EXPECT_EQ(h[2], Hash64("äb"));
  EXPECT_EQ(FoldHash("Go back!"), FoldHash("go  BACK"));
  EXPECT_NE(FoldHash("go back"), FoldHash("go"));
}

// Tokens already folded are taken as they stand, the others folded: the
// two ways must meet at every kind of boundary.
TEST(TextTest, TokensAtEveryBoundary) {
  EXPECT_EQ(Tokens("abc"), (std::vector<std::string>{"abc"}));
  EXPECT_EQ(Tokens("abcDef ghi"), (std::vector<std::string>{"abcdef", "ghi"}));
  EXPECT_EQ(Tokens("caf\u00e9 na\u00efve x\u2019y"),
            (std::vector<std::string>{"caf\u00e9", "na\u00efve", "x", "y"}));
  EXPECT_EQ(Tokens("a_1\u00a0b2\nQ"), (std::vector<std::string>{"a_1", "b2", "q"}));
  // Simple case folding, a code point at a time: no "ss" for the sharp s.
  EXPECT_EQ(Tokens("stra\u00dfe STRASSE ab\u00c9"),
            (std::vector<std::string>{"stra\u00dfe", "strasse", "ab\u00e9"}));
  EXPECT_EQ(Tokens(" -- "), std::vector<std::string>{});
  const std::vector<uint64_t> h = TokenHashes("one TWO thr\u00c9e");
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], Hash64("one"));
  EXPECT_EQ(h[1], Hash64("two"));
  EXPECT_EQ(h[2], Hash64("thr\u00e9e"));
  EXPECT_EQ(Squeeze("\ta"), "a");
  EXPECT_EQ(Squeeze("ab  cd\r\n\n  ef\t"), "ab cd ef");
  EXPECT_EQ(Squeeze(" \n "), "");
  std::string out = "kept ";
  AppendSqueezed("  x \t y ", &out);
  EXPECT_EQ(out, "kept x y");
  EXPECT_EQ(FoldSpaces("a\tb\x01" "c\r\nd\x7f \xC2\xA0" "e"), "a bc\nd\x7f  e");
}

TEST(TextTest, Misc) {
  EXPECT_TRUE(StartsUpper("\"Alpha"));
  EXPECT_FALSE(StartsUpper("alpha"));
  EXPECT_TRUE(StartsUpper("Ответ"));
  EXPECT_EQ(CodePoints("Ответ"), 5u);
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_EQ(SplitLines("a\n\nb").size(), 3u);
}

}  // namespace
}  // namespace annals::text
