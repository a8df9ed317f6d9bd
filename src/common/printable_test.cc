#include "src/common/printable.h"

#include <gtest/gtest.h>
#include <string>

namespace annals::text {
namespace {

TEST(PrintableTest, EscapesWhatWouldReachTheTerminal) {
  const struct {
    std::string in, out;
  } cases[] = {
      {"plain name.txt", "plain name.txt"},
      {"Женева – “ok”", "Женева – “ok”"},
      {"a\x1b[31mred\x1b[0m", "a\\x1b[31mred\\x1b[0m"},
      {"line\nbreak\ttab\rcr", "line\\nbreak\\ttab\\rcr"},
      {"bell\x07 del\x7f", "bell\\x07 del\\x7f"},
      {"c1 \xC2\x9B"
       "31m",
       "c1 \\x9b31m"},  // U+009B, the one-byte CSI
      {"rtl \xE2\x80\xAE"
       "txt.exe",
       "rtl \\u202etxt.exe"},  // right-to-left override
      {"bad \xFF\xC3 utf8", "bad \\xff\\xc3 utf8"},
      {"overlong \xC0\xAF", "overlong \\xc0\\xaf"},
      {"surrogate \xED\xA0\x80", "surrogate \\xed\\xa0\\x80"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(Printable(c.in), c.out) << c.in;
}

TEST(PrintableTest, CutsTheMiddleOfLongText) {
  const std::string q = "start" + std::string(100000, 'x') + "end";
  const std::string p = Printable(q, 30);
  EXPECT_EQ(p, "start" + std::string(15, 'x') + "…" + std::string(6, 'x') + "end");
  EXPECT_EQ(Printable("short", 30), "short");
  EXPECT_EQ(Printable(std::string(30, 'y'), 30), std::string(30, 'y'));
  // Escapes count as one character each and are never cut in half.
  EXPECT_EQ(Printable(std::string(40, '\x1b'), 4), "\\x1b\\x1b…\\x1b");
}

}  // namespace
}  // namespace annals::text
