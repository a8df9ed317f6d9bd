#include "src/ingest/decode.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/ingest/deflate_for_tests.h"

namespace annals::ingest {
namespace {

using fixtures::Gzip;

Result<Document> DecodeBytes(const std::string& bytes, const std::string& charset = "") {
  Page p;
  p.name = "page.txt";
  p.bytes = bytes;
  p.charset = charset;
  return Decode(p, ReadOptions{});
}

TEST(DecodeTest, Utf8WithAndWithoutBom) {
  auto a = DecodeBytes("\xEF\xBB\xBFHello\xC2\xA0world\r\n");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->text, "Hello world\n");
  EXPECT_EQ(a->format, DocFormat::kText);
  auto b = DecodeBytes("Hello world");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->text, "Hello world");
}

TEST(DecodeTest, Utf16WithBom) {
  // "Hé" in UTF-16LE and UTF-16BE with BOM.
  auto le = DecodeBytes(std::string("\xFF\xFEH\x00\xE9\x00", 6));
  ASSERT_TRUE(le) << le.error().message;
  EXPECT_EQ(le->text, "H\xC3\xA9");
  auto be = DecodeBytes(std::string("\xFE\xFF\x00H\x00\xE9", 6));
  ASSERT_TRUE(be) << be.error().message;
  EXPECT_EQ(be->text, "H\xC3\xA9");
}

std::string Utf16(const std::u16string& s, bool le) {
  std::string out;
  for (char16_t c : s) {
    const char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    out += le ? lo : hi;
    out += le ? hi : lo;
  }
  return out;
}

// UTF-16 without a byte order mark is read, not skipped as binary (issue 24).
TEST(DecodeTest, Utf16WithoutBom) {
  const std::u16string latin = u"12.03.2024\n\nThe Council met in Velgrad.\n";
  const std::u16string cyrillic = u"12.03.2024\n\nСовет министров собрался в столице.\n";
  for (const bool le : {true, false}) {
    auto a = DecodeBytes(Utf16(latin, le));
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->text, "12.03.2024\n\nThe Council met in Velgrad.\n");
    auto b = DecodeBytes(Utf16(cyrillic, le));
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->text, "12.03.2024\n\nСовет министров собрался в столице.\n");
  }
  // Binary with NUL bytes in every other place is still binary: control characters.
  auto bin = DecodeBytes(std::string("A\x00\x01\x00B\x00\x02\x00", 8));
  ASSERT_FALSE(bin);
  EXPECT_NE(bin.error().message.find("binary"), std::string::npos) << bin.error().message;
}

TEST(DecodeTest, LegacySingleByte) {
  // Windows-1251 Cyrillic: long enough for detection.
  std::string cp1251;
  for (int i = 0; i < 20; ++i) {
    cp1251 += "\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0, \xfd\xf2\xee \xed\xee\xe2\xee\xf1\xf2\xe8. ";
  }
  auto r = DecodeBytes(cp1251);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text.substr(0, 12), "Привет");
  // Latin-1 named by the transport.
  auto l = DecodeBytes("caf\xe9", "ISO-8859-1");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->text, "caf\xC3\xA9");
}

TEST(DecodeTest, GzipAndHtmlDetection) {
  auto r = DecodeBytes(Gzip("<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->format, DocFormat::kHtml);
  std::string gz = Gzip(std::string(5000, 'x'));
  auto cut = DecodeBytes(gz.substr(0, gz.size() / 2));
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("gzip"), std::string::npos);
}

TEST(DecodeTest, MetaCharset) {
  EXPECT_EQ(SniffMetaCharset("<html><head><meta charset=\"windows-1251\">"), "windows-1251");
  EXPECT_EQ(SniffMetaCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"),
            "iso-8859-1");
  EXPECT_EQ(SniffMetaCharset("<meta name=x>"), "");
  auto r = DecodeBytes("<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>");
  ASSERT_TRUE(r);
  EXPECT_NE(r->text.find("caf\xC3\xA9"), std::string::npos);
}

TEST(DecodeTest, BadInputs) {
  struct Case {
    std::string bytes;
    const char* why;
  };
  const Case cases[] = {
      {"", "empty"},
      {"   \n\n ", "empty"},
      {std::string("%PDF-1.7\n\x00\x01", 11), "PDF"},
      {std::string("abc\x00\x00\x00" "def", 9), "NUL"},
      {std::string("\x89PNG\r\n", 6), "PNG"},
  };
  for (const Case& c : cases) {
    auto r = DecodeBytes(c.bytes);
    ASSERT_FALSE(r) << c.why;
    EXPECT_NE(r.error().message.find(c.why), std::string::npos) << r.error().message;
  }
  // An unknown declared charset falls back to detection.
  auto unknown = DecodeBytes("abc", "no-such-charset-xyz");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->text, "abc");
}


// Issue 23: a declared charset that the bytes contradict.
TEST(DecodeTest, DeclaredCharsetContradictedByUtf8Bytes) {
  struct Case {
    const char* name;
    std::string bytes;
    std::string charset;  // from the transport
    std::string want;
    bool warned;
  };
  // "한국" in UTF-8 and in EUC-KR.
  const std::string utf8 = "<html><head><meta charset=\"euc-kr\"></head><p>\xED\x95\x9C\xEA\xB5\xAD</p>";
  const std::string euckr = "<html><head><meta charset=\"euc-kr\"></head><p>\xC7\xD1\xB1\xB9</p>";
  const std::vector<Case> cases = {
      {"meta euc-kr, bytes UTF-8", utf8, "", "\xED\x95\x9C\xEA\xB5\xAD", true},
      {"header euc-kr, bytes UTF-8", "<p>\xED\x95\x9C\xEA\xB5\xAD</p>", "euc-kr",
       "\xED\x95\x9C\xEA\xB5\xAD", true},
      {"real euc-kr", euckr, "", "\xED\x95\x9C\xEA\xB5\xAD", false},
      {"ASCII under any label", "<p>plain</p>", "windows-1252", "plain", false},
  };
  for (const Case& c : cases) {
    Page p;
    p.name = "page.html";
    p.bytes = c.bytes;
    p.charset = c.charset;
    auto d = Decode(p, ReadOptions{});
    ASSERT_TRUE(d) << c.name << ": " << d.error().message;
    EXPECT_NE(d->text.find(c.want), std::string::npos) << c.name << ": " << d->text;
    EXPECT_EQ(!d->warning.empty(), c.warned) << c.name << ": " << d->warning;
  }
}

}  // namespace
}  // namespace annals::ingest
