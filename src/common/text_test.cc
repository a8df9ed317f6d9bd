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
