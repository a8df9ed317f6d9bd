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
  EXPECT_EQ(LatinKey("Виктор Садовьев"), LatinKey("Viktor Sadoviev"));
  EXPECT_EQ(LatinKey("Хромин"), LatinKey("Khromin"));
  EXPECT_EQ(LatinKey("Хроминым"), LatinKey("Hromin"));
  EXPECT_EQ(LatinKey("Сергеем Хроминым"), LatinKey("Sergei Khromin"));
  EXPECT_EQ(LatinKey("Сергей"), LatinKey("Sergey"));
  EXPECT_NE(LatinKey("Петров"), LatinKey("Kustov"));
  EXPECT_EQ(LatinKey("..."), "");
}

}  // namespace
}  // namespace annals::text
