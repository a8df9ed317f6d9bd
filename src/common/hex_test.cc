#include "src/common/hex.h"

#include <gtest/gtest.h>

namespace annals {
namespace {

TEST(HexTest, WritesSixteenLowercaseDigitsAndReadsThemBack) {
  EXPECT_EQ(Hex64(0), "0000000000000000");
  EXPECT_EQ(Hex64(0xa1), "00000000000000a1");
  EXPECT_EQ(Hex64(0xffffffffffffffffull), "ffffffffffffffff");
  for (uint64_t v : {0ull, 1ull, 0xa1ull, 0x0123456789abcdefull, 0xffffffffffffffffull}) {
    EXPECT_EQ(ParseHex64(Hex64(v)), v);
  }
  EXPECT_EQ(ParseHex64("00000000000000AF"), std::nullopt);  // upper case: not Hex64's
  EXPECT_EQ(ParseHex64("a1"), std::nullopt);
  EXPECT_EQ(ParseHex64("000000000000000g"), std::nullopt);
  EXPECT_EQ(ParseHex64("v1"), std::nullopt);
}

}  // namespace
}  // namespace annals
