#include "src/ingest/warc.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "src/ingest/deflate_for_tests.h"

namespace annals::ingest {
namespace {

using fixtures::Gzip;

std::string Record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& content, size_t declared_length = std::string::npos) {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: 2024-07-26T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + type + uri + ">\r\n";
  if (!content_type.empty()) r += "Content-Type: " + content_type + "\r\n";
  r += "Content-Length: " +
       std::to_string(declared_length == std::string::npos ? content.size() : declared_length) +
       "\r\n\r\n" + content + "\r\n\r\n";
  return r;
}

std::string Response(const std::string& status, const std::string& headers,
                     const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

const char kHttp[] = "application/http; msgtype=response";
const std::string kPageOne = "<html><body><h1>One</h1><p>First story text.</p></body></html>";
const std::string kPageTwo = "<!DOCTYPE html><html><body><p>Second story.</p></body></html>";

// The records of a small crawl, in order: what ReadWarc must deliver and count.
std::vector<std::string> CrawlRecords() {
  const std::string gz = Gzip(kPageOne);
  char size[16];
  std::snprintf(size, sizeof size, "%zx", gz.size());
  const std::string chunked = std::string(size) + "\r\n" + gz + "\r\n0\r\n\r\n";
  return {
      Record("warcinfo", "", "application/warc-fields", "software: test\r\nformat: WARC 1.0\r\n"),
      Record("request", "https://e.org/news/one/", "application/http; msgtype=request",
             "GET /news/one/ HTTP/1.1\r\nHost: e.org\r\n\r\n"),
      Record("response", "https://e.org/news/one/", kHttp,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Encoding: "
             "gzip\r\nTransfer-Encoding: chunked\r\n\r\n" +
                 chunked),
      Record("metadata", "https://e.org/news/one/", "application/warc-fields",
             "outlink: https://e.org/news/two/\r\n"),
      Record("response", "https://e.org/logo.png", kHttp,
             Response("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n....")),
      Record("response", "https://e.org/old", kHttp,
             Response("301 Moved Permanently", "Location: https://e.org/news/two/\r\n", "")),
      Record("resource", "https://e.org/notes.txt", "text/plain; charset=koi8-r",
             "Plain notes of the crawl."),
      Record("response", "https://e.org/big/", kHttp,
             Response("200 OK", "Content-Type: text/html\r\n",
                      "<html><body>" + std::string(300000, 'x') + "</body></html>")),
      Record("response", "<https://e.org/news/two/>", kHttp,
             Response("200 OK", "Content-Type: text/html\r\n", kPageTwo)),
  };
}

std::string WriteFile(const std::string& name, const std::string& bytes) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream f(path, std::ios::binary);
  f << bytes;
  return path;
}

struct Read {
  Status status;
  std::vector<Page> pages;
  WarcStats stats;
};

Read ReadAll(const std::string& path) {
  Read r;
  r.status = ReadWarc(
      path, [&r](Page&& p) { r.pages.push_back(std::move(p)); }, &r.stats, 100000);
  return r;
}

int Skipped(const WarcStats& s, const std::string& reason) {
  for (const auto& [r, n] : s.skipped) {
    if (r == reason) return n;
  }
  return 0;
}

void ExpectCrawl(const Read& r) {
  ASSERT_EQ(r.pages.size(), 3u);
  EXPECT_EQ(r.pages[0].name, "https://e.org/news/one/");
  EXPECT_EQ(r.pages[0].url, "https://e.org/news/one/");
  EXPECT_EQ(r.pages[0].bytes, kPageOne);  // de-chunked and gunzipped
  EXPECT_EQ(r.pages[0].charset, "UTF-8");
  EXPECT_EQ(r.pages[0].content_type, "text/html");
  EXPECT_EQ(r.pages[0].fetched, "2024-07-26T10:00:00Z");  // the crawl date bounds page dates
  EXPECT_EQ(r.pages[1].name, "https://e.org/notes.txt");
  EXPECT_EQ(r.pages[1].bytes, "Plain notes of the crawl.");
  EXPECT_EQ(r.pages[1].charset, "koi8-r");
  EXPECT_EQ(r.pages[1].content_type, "text/plain");
  EXPECT_EQ(r.pages[2].name, "https://e.org/news/two/");  // angle brackets dropped
  EXPECT_EQ(r.pages[2].bytes, kPageTwo);
  EXPECT_EQ(r.stats.pages, 3);
  EXPECT_EQ(Skipped(r.stats, "warcinfo record"), 1);
  EXPECT_EQ(Skipped(r.stats, "request record"), 1);
  EXPECT_EQ(Skipped(r.stats, "metadata record"), 1);
  EXPECT_EQ(Skipped(r.stats, "non-HTML payload"), 1);
  EXPECT_EQ(Skipped(r.stats, "HTTP status 3xx"), 1);
  EXPECT_EQ(Skipped(r.stats, "record larger than the page limit"), 1);
}

TEST(WarcTest, PlainWarc) {
  std::string all;
  for (const std::string& rec : CrawlRecords()) all += rec;
  Read r = ReadAll(WriteFile("plain.warc", all));
  ASSERT_TRUE(r.status) << r.status.error().message;
  EXPECT_EQ(r.stats.records, 9);
  ExpectCrawl(r);
}

TEST(WarcTest, DamagedRecordTypesAreNotEchoed) {
  // A WARC-Type with bytes of a damaged file is counted under one name, not
  // printed as it is; a well-formed unknown type keeps its own.
  const std::string all = Record("reques\xff\x01t", "https://e.org/a", "", "x") +
                          Record("conversion", "https://e.org/b", "", "y") +
                          Record(std::string(40, 'a'), "https://e.org/c", "", "z");
  Read r = ReadAll(WriteFile("types.warc", all));
  ASSERT_TRUE(r.status) << r.status.error().message;
  EXPECT_EQ(Skipped(r.stats, "unknown-type record"), 2);
  EXPECT_EQ(Skipped(r.stats, "conversion record"), 1);
  EXPECT_EQ(r.stats.skipped.size(), 2u);
}

TEST(WarcTest, GzipPerRecordWithTruncatedLastRecord) {
  std::string all;
  for (const std::string& rec : CrawlRecords()) all += Gzip(rec);
  // The crawl ended while writing a record: its content is cut short (the
  // gzip member itself is complete).
  std::string cut = Record("response", "https://e.org/news/three/", kHttp,
                           Response("200 OK", "Content-Type: text/html\r\n", kPageTwo));
  cut.resize(cut.size() - 40);
  all += Gzip(cut);
  const std::string path = WriteFile("crawl.warc.gz", all);
  Read r = ReadAll(path);
  ASSERT_FALSE(r.status);
  EXPECT_EQ(r.status.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(r.status.error().message.find(path), std::string::npos);
  EXPECT_NE(r.status.error().message.find("truncated record"), std::string::npos)
      << r.status.error().message;
  EXPECT_EQ(r.stats.records, 10);
  EXPECT_EQ(Skipped(r.stats, "truncated record"), 1);
  ExpectCrawl(r);  // everything before the damage was delivered
}

TEST(WarcTest, GzipStreamCutShort) {
  std::vector<std::string> recs = CrawlRecords();
  std::string all;
  for (size_t i = 0; i + 1 < recs.size(); ++i) all += Gzip(recs[i]);
  const std::string last = Gzip(recs.back());
  all += last.substr(0, last.size() / 2);
  Read r = ReadAll(WriteFile("cut.warc.gz", all));
  ASSERT_FALSE(r.status);
  EXPECT_EQ(r.status.error().code, ErrorCode::kCorrupt);
  // The first two pages came before the cut member.
  ASSERT_EQ(r.pages.size(), 2u);
  EXPECT_EQ(r.pages[1].name, "https://e.org/notes.txt");
}

TEST(WarcTest, NotAWarcAndEmptyFiles) {
  Read text = ReadAll(WriteFile("text.warc", "This is not a WARC file at all.\n"));
  ASSERT_FALSE(text.status);
  EXPECT_EQ(text.status.error().code, ErrorCode::kCorrupt);
  EXPECT_TRUE(text.pages.empty());

  Read empty = ReadAll(WriteFile("empty.warc", ""));
  EXPECT_TRUE(empty.status);
  EXPECT_EQ(empty.stats.records, 0);

  Read missing = ReadAll(testing::TempDir() + "/no/such/file.warc.gz");
  ASSERT_FALSE(missing.status);
  EXPECT_EQ(missing.status.error().code, ErrorCode::kIo);

  // A record whose length is not a number cannot be skipped.
  Read bad = ReadAll(WriteFile("bad.warc",
                               "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
                               "12x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"));
  ASSERT_FALSE(bad.status);
  EXPECT_EQ(bad.stats.records, 1);
}

// Garbage between records costs only the garbage: reading goes on at the
// next record header, and the bytes passed over are counted (issue 24).
TEST(WarcTest, ResynchronizesAfterGarbage) {
  const std::vector<std::string> recs = CrawlRecords();
  const std::string garbage = "\x7f\x01 not a record WARC/ nor this\r\n\r\n";
  std::string all = recs[0] + recs[1] + recs[2] + garbage;
  for (size_t i = 3; i < recs.size(); ++i) all += recs[i];
  all += "trailing junk";
  Read r = ReadAll(WriteFile("garbage.warc", all));
  ASSERT_TRUE(r.status) << r.status.error().message;
  EXPECT_EQ(r.stats.records, 9);
  ExpectCrawl(r);
  int stretches = 0;
  for (const auto& [reason, n] : r.stats.skipped) {
    if (reason.find("no WARC record") == std::string::npos) continue;
    ++stretches;
    EXPECT_EQ(n, 1);
    EXPECT_NE(reason.find("garbage.warc"), std::string::npos) << reason;
  }
  EXPECT_EQ(stretches, 2);
  const std::string at = std::to_string((recs[0] + recs[1] + recs[2]).size());
  EXPECT_EQ(
      Skipped(r.stats, std::to_string(garbage.size()) + " bytes that are no WARC record, at byte " +
                           at + " of " + testing::TempDir() +
                           "/garbage.warc, passed over to the next record"),
      1);
}

// The stretches a reader passed over and said so, by the words of their reason.
std::vector<std::string> Passed(const WarcStats& s, const std::string& words) {
  std::vector<std::string> out;
  for (const auto& [reason, n] : s.skipped) {
    if (reason.find(words) != std::string::npos) out.push_back(reason);
  }
  return out;
}

// A .warc.gz is gzip members one after another (one per record as crawlers
// write it): garbage between two members costs only the garbage. Reading goes
// on at the next gzip member header, and the bytes passed over are said, with
// the file's name (issue 24).
TEST(WarcTest, GzipResynchronizesAfterGarbageBetweenMembers) {
  const std::vector<std::string> recs = CrawlRecords();
  const std::string garbage = std::string("\x1f\x8b not a member \x1f WARC/1.0\r\n\0\0", 26);
  std::string all = Gzip(recs[0]) + Gzip(recs[1]) + Gzip(recs[2]);
  const size_t at = all.size();
  all += garbage;
  for (size_t i = 3; i < recs.size(); ++i) all += Gzip(recs[i]);
  const std::string path = WriteFile("garbage.warc.gz", all);
  Read r = ReadAll(path);
  ASSERT_TRUE(r.status) << r.status.error().message;
  EXPECT_EQ(r.stats.records, 9);
  ExpectCrawl(r);
  const std::vector<std::string> passed = Passed(r.stats, "compressed");
  ASSERT_EQ(passed.size(), 1u);
  EXPECT_EQ(passed[0], std::to_string(garbage.size()) +
                           " bytes of compressed data that are no gzip member, at byte " +
                           std::to_string(at) + " of " + path +
                           ", passed over to the next member");

  // Trailing garbage after the last member is said as well, and costs nothing.
  Read tail = ReadAll(WriteFile("tail.warc.gz", all + "junk at the end"));
  ASSERT_TRUE(tail.status) << tail.status.error().message;
  ExpectCrawl(tail);
  EXPECT_EQ(Passed(tail.stats, "compressed").size(), 2u);
}

// A damaged member (its deflate data overwritten) costs the record it holds:
// the records of the later members are still read.
TEST(WarcTest, GzipResynchronizesAfterDamagedMember) {
  const std::vector<std::string> recs = CrawlRecords();
  std::string all = Gzip(recs[0]) + Gzip(recs[1]) + Gzip(recs[2]);
  std::string damaged = Gzip(recs[3]);  // the metadata record
  for (size_t i = 12; i < damaged.size() - 10; ++i) damaged[i] = static_cast<char>(0xff);
  all += damaged;
  for (size_t i = 4; i < recs.size(); ++i) all += Gzip(recs[i]);
  const std::string path = WriteFile("damaged.warc.gz", all);
  Read r = ReadAll(path);
  ASSERT_TRUE(r.status) << r.status.error().message;
  ASSERT_EQ(r.pages.size(), 3u);
  EXPECT_EQ(r.pages[0].name, "https://e.org/news/one/");
  EXPECT_EQ(r.pages[1].name, "https://e.org/notes.txt");
  EXPECT_EQ(r.pages[2].name, "https://e.org/news/two/");
  EXPECT_EQ(r.pages[2].bytes, kPageTwo);
  EXPECT_EQ(Skipped(r.stats, "metadata record"), 0);
  EXPECT_EQ(Skipped(r.stats, "HTTP status 3xx"), 1);
  const std::vector<std::string> passed = Passed(r.stats, "damaged compressed data");
  ASSERT_EQ(passed.size(), 1u);
  EXPECT_NE(passed[0].find(path), std::string::npos) << passed[0];
}

TEST(WarcTest, LooksLikeWarc) {
  EXPECT_TRUE(LooksLikeWarc("WARC/1.0\r\nWARC-Type: warcinfo"));
  EXPECT_TRUE(LooksLikeWarc("WARC/1.1\n"));
  EXPECT_TRUE(LooksLikeWarc("WARC/0.17\r\n"));
  EXPECT_FALSE(LooksLikeWarc("WARC/"));
  EXPECT_FALSE(LooksLikeWarc(" WARC/1.0"));
  EXPECT_FALSE(LooksLikeWarc("warc/1.0"));
  EXPECT_FALSE(LooksLikeWarc("<html>"));
  EXPECT_FALSE(LooksLikeWarc(""));
}

TEST(WarcTest, ConsumeWarcHeader) {
  std::string_view in =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.org/\r\nX-Long: a\r\n b\r\n"
      "Content-Length: 5\r\n\r\nHELLO\r\n\r\n";
  WarcHeader h;
  ASSERT_TRUE(ConsumeWarcHeader(&in, &h));
  EXPECT_EQ(h.version, "1.0");
  EXPECT_EQ(h.Get("warc-type"), "response");
  EXPECT_EQ(h.Get("WARC-Target-URI"), "https://e.org/");
  EXPECT_EQ(h.Get("X-Long"), "a b");
  EXPECT_EQ(h.Get("Content-Length"), "5");
  EXPECT_EQ(h.Get("Missing"), "");
  EXPECT_EQ(in, "HELLO\r\n\r\n");

  std::string_view cut = "WARC/1.0\r\nWARC-Type: response\r\n";
  EXPECT_FALSE(ConsumeWarcHeader(&cut, &h));
  EXPECT_EQ(cut, "WARC/1.0\r\nWARC-Type: response\r\n");
  std::string_view other = "HTTP/1.1 200 OK\r\n\r\n";
  EXPECT_FALSE(ConsumeWarcHeader(&other, &h));
}

}  // namespace
}  // namespace annals::ingest
