#include "src/text/translit.h"

#include <gtest/gtest.h>

namespace annals::text {
namespace {

TEST(ToLatin, RussianByBgnAndAsciiUnchanged) {
  EXPECT_EQ(ToLatin("Петров"), "Petrov");
  EXPECT_EQ(ToLatin("Ivan Smith"), "Ivan Smith");
}

TEST(LatinKey, JoinsTheUsualRomanizations) {
  // Invented names: -ев/-ev/-yev, х/kh/h, й/y/i, and the cases of a name.
  EXPECT_EQ(LatinKey("Виктор Зиновьев"), LatinKey("Viktor Zinoviev"));
  EXPECT_EQ(LatinKey("Хренин"), LatinKey("Khrenin"));
  EXPECT_EQ(LatinKey("Хрениным"), LatinKey("Hrenin"));
  EXPECT_EQ(LatinKey("Сергеем Хрениным"), LatinKey("Sergei Khrenin"));
  EXPECT_EQ(LatinKey("Сергей"), LatinKey("Sergey"));
  EXPECT_NE(LatinKey("Петров"), LatinKey("Sidorov"));
  EXPECT_EQ(LatinKey("..."), "");
}

}  // namespace
}  // namespace annals::text
