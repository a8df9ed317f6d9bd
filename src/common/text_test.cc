#include "src/common/text.h"

#include <gtest/gtest.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cctype>
#include <random>

namespace annals::text {
namespace {

// Byte-at-a-time models of the functions that read eight bytes at a time,
// to compare them with on random texts (the chunk edges are where they can go wrong).
size_t CodePointsModel(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string SqueezeModel(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::string out;
  bool pending = false;
  for (char c : Trim(s)) {
    if (space(c)) {
      pending = true;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

// Tokens: maximal runs of ASCII letters, digits and '_' and of other
// alphabetic or alphanumeric code points, case-folded.
std::vector<std::string> TokensModel(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c != 0xFFFD && (c == '_' || u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC))) {
      icu::UnicodeString(c).foldCase().toUTF8String(cur);
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Random text from pieces where the fast paths branch: spaces, tabs,
// line ends, capitals, digits, Latin and Cyrillic letters, combining and
// precomposed accents, punctuation.
std::string RandomText(std::mt19937* rng, size_t pieces) {
  static const char* kPieces[] = {" ",  "  ", "\t", "\n", "a",  "b",  "Z", "Q",  "7",  "_",
                                  ".",  ",",  "-",  "e",  "\xCC\x81", "\xC3\xA9", "\xD0\x96",
                                  "\xD0\xB6", "\xE2\x80\x94", "\xC2\xA0", "x",  "y",  "The",
                                  "word", "\r"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (size_t k = 0; k < pieces; ++k) s += kPieces[pick(*rng)];
  return s;
}

TEST(TextTest, ChunkedScansAgreeWithByteByByteModels) {
  std::mt19937 rng(7);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (int round = 0; round < 3000; ++round) {
    const std::string s = RandomText(&rng, static_cast<size_t>(round % 90));
    ASSERT_EQ(CodePoints(s), CodePointsModel(s)) << s;
    ASSERT_EQ(Squeeze(s), SqueezeModel(s)) << s;
    ASSERT_EQ(Tokens(s), TokensModel(s)) << s;
    ASSERT_TRUE(IsValidUtf8(s)) << s;
    std::string folded = FoldSpaces(s), out;
    ASSERT_TRUE(NormalizeNfc(folded, &out)) << s;
    std::string want;
    status = U_ZERO_ERROR;
    nfc->normalize(icu::UnicodeString::fromUTF8(folded), status).toUTF8String(want);
    ASSERT_TRUE(U_SUCCESS(status));
    ASSERT_EQ(out, want) << s;
    ASSERT_TRUE(NormalizeNfc(&folded)) << s;
    ASSERT_EQ(folded, want) << s;
  }
  EXPECT_FALSE(IsValidUtf8(std::string(20, 'a') + "\xC3\x28" + std::string(20, 'b')));
}

// Runs of ASCII word bytes longer than eight, capitals at every place, and
// the bytes just outside each class's range ('@' '[' '`' '{' '/' ':').
TEST(TextTest, ChunkedWordScansAgreeWithModels) {
  static const char* kPieces[] = {"abcdefghij", "ABCDEFGH", "Mixed_Case9", "0123456789", "x", "Y",
                                  "@", "[", "`", "{", "/", ":", "^", "~", " ", "\xC3\xA9",
                                  "\xC3\x89", "\xD0\x96", "\x7F", "\x01"};
  std::mt19937 rng(13);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (int k = 0; k < round % 40; ++k) s += kPieces[pick(rng)];
    const std::vector<std::string> want = TokensModel(s);
    ASSERT_EQ(Tokens(s), want) << s;
    const std::vector<uint64_t> h = TokenHashes(s);
    ASSERT_EQ(h.size(), want.size()) << s;
    for (size_t k = 0; k < h.size(); ++k) ASSERT_EQ(h[k], Hash64(want[k])) << s;
    for (size_t from = 0; from < s.size(); from += 3) {
      size_t end = from;
      int letters = 0;
      while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80) {
        letters += std::isalpha(static_cast<unsigned char>(s[end])) ? 1 : 0;
        ++end;
      }
      int got = 5;  // added to, not set
      ASSERT_EQ(AsciiLetterRun(s, from, &got), end) << s;
      ASSERT_EQ(got, 5 + letters) << s;
    }
  }
}

TEST(TextTest, WordHashesAreTheLibrarysXxh64) {
  // TokenHashes hashes words below 32 bytes with its own copy of XXH64's
  // final steps: each length up to 40, on random words.
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> letter(0, 35);
  for (size_t len = 1; len <= 40; ++len) {
    for (int round = 0; round < 20; ++round) {
      std::string w;
      for (size_t k = 0; k < len; ++k) {
        const int c = letter(rng);
        w.push_back(static_cast<char>(c < 26 ? 'a' + c : '0' + (c - 26)));
      }
      const std::vector<uint64_t> h = TokenHashes(w);
      ASSERT_EQ(h.size(), 1u);
      ASSERT_EQ(h[0], Hash64(w)) << w;
    }
  }
}

TEST(TextTest, NormalizeNfcComposes) {
  std::string out;
  ASSERT_TRUE(NormalizeNfc("Cafe\xCC\x81", &out));  // e + combining acute
  EXPECT_EQ(out, "Caf\xC3\xA9");
  EXPECT_FALSE(NormalizeNfc("bad \xC3\x28 byte", &out));
}

// In place: composed where not NFC (a mark after ASCII, a mark after a
// letter of another script, marks far from each other), kept where it is,
// and left alone on invalid UTF-8.
TEST(TextTest, NormalizeNfcInPlace) {
  std::string s = "Cafe\xCC\x81 " + std::string(70, 'x') + " \xD0\x98\xCC\x86 end";
  ASSERT_TRUE(NormalizeNfc(&s));
  EXPECT_EQ(s, "Caf\xC3\xA9 " + std::string(70, 'x') + " \xD0\x99 end");
  // NFC at first, a mark to compose 70 bytes later (another run).
  s = "d\xC3\xA9j\xC3\xA0 " + std::string(70, 'x') + " e\xCC\x81t\xC3\xA9";
  ASSERT_TRUE(NormalizeNfc(&s));
  EXPECT_EQ(s, "d\xC3\xA9j\xC3\xA0 " + std::string(70, 'x') + " \xC3\xA9t\xC3\xA9");
  std::string nfc = "d\xC3\xA9j\xC3\xA0 vu \xD0\x99 plain";
  s = nfc;
  ASSERT_TRUE(NormalizeNfc(&s));
  EXPECT_EQ(s, nfc);
  s = "ascii only";
  ASSERT_TRUE(NormalizeNfc(&s));
  EXPECT_EQ(s, "ascii only");
  s = "bad \xC3\x28 e\xCC\x81";
  EXPECT_FALSE(NormalizeNfc(&s));
  EXPECT_EQ(s, "bad \xC3\x28 e\xCC\x81");
}

// Lines gives the lines SplitLines gives: an empty line after a last '\n',
// one empty line for an empty text.
TEST(TextTest, LinesAsSplitLines) {
  for (std::string_view s : {"", "\n", "a", "a\n", "\n\nb", "a\nb\n", "ab\n\ncd", "\r\n x \n"}) {
    std::vector<std::string_view> lines;
    for (std::string_view line : Lines(s)) lines.push_back(line);
    EXPECT_EQ(lines, SplitLines(s)) << s;
  }
  std::vector<std::string_view> lines;
  for (std::string_view line : Lines("one\n\nthree\n")) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string_view>{"one", "", "three", ""}));
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
