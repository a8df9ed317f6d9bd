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

TEST(FromLatin, RussianSpellingOfARomanizedWord) {
  // Invented names; ICU's Latin-Russian/BGN, kept when it reads back.
  EXPECT_EQ(FromLatin("ru", "Petrov"), "Петров");
  EXPECT_EQ(FromLatin("ru", "Khromin"), "Хромин");
  EXPECT_EQ(FromLatin("ru", "Sadoviyev"), "Садовиев");
  // English words that are no romanization of a Russian spelling.
  EXPECT_EQ(FromLatin("ru", "Council"), "");
  EXPECT_EQ(FromLatin("ru", "Smith"), "");
  EXPECT_EQ(FromLatin("ru", "Prague"), "");
  // A language without a `from_latin` transform, and Cyrillic input.
  EXPECT_EQ(FromLatin("en", "Petrov"), "");
  EXPECT_EQ(FromLatin("ru", "Петров"), "");
}

}  // namespace
}  // namespace annals::text
