#include "src/ingest/http_header.h"

#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

#include "src/ingest/deflate_for_tests.h"

namespace annals::ingest {
namespace {

struct HeaderCase {
  std::string in;
  bool ok;
  int status;
  std::string content_type;
  std::string body;  // what is left after the header
};

TEST(HttpHeaderTest, ConsumeHttpHeader) {
  const HeaderCase cases[] = {
      {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-A: 1\r\n\r\n<html>", true, 200, "text/html",
       "<html>"},
      // Bare LF line ends, no reason phrase, lower-case names.
      {"HTTP/1.0 404\ncontent-type: text/plain\n\nNot found", true, 404, "text/plain", "Not found"},
      // A folded field continues on the next line.
      {"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n  charset=utf-8\r\n\r\n", true, 200,
       "text/html; charset=utf-8", ""},
      // Lines that are not fields are ignored.
      {"HTTP/2 301 Moved\r\nnonsense line\r\nLocation: /x\r\n\r\nbody", true, 301, "", "body"},
      // Not a response, or a block that never ends.
      {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", false, 0, "", ""},
      {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", false, 0, "", ""},
      {"HTTP/1.1 2x0 OK\r\n\r\n", false, 0, "", ""},
      {"HTTP/1.1 2000 OK\r\n\r\n", false, 0, "", ""},
      {"HTTP/1.1\r\n\r\n", false, 0, "", ""},
      {"", false, 0, "", ""},
  };
  for (const HeaderCase& c : cases) {
    std::string_view in = c.in;
    HttpHeader h;
    EXPECT_EQ(ConsumeHttpHeader(&in, &h), c.ok) << c.in;
    if (!c.ok) {
      EXPECT_EQ(in, c.in);  // untouched
      continue;
    }
    EXPECT_EQ(h.status, c.status) << c.in;
    EXPECT_EQ(h.Get("CONTENT-TYPE"), c.content_type) << c.in;
    EXPECT_EQ(in, c.body) << c.in;
  }
}

TEST(HttpHeaderTest, HeaderLimit) {
  std::string big = "HTTP/1.1 200 OK\r\nX: " + std::string(100000, 'a') + "\r\n\r\nbody";
  std::string_view in = big;
  HttpHeader h;
  EXPECT_FALSE(ConsumeHttpHeader(&in, &h, 64 * 1024));
  EXPECT_TRUE(ConsumeHttpHeader(&in, &h, 200 * 1024));
  EXPECT_EQ(in, "body");
}

TEST(HttpHeaderTest, ParseContentType) {
  struct Case {
    const char* in;
    const char* type;
    const char* charset;
  };
  const Case cases[] = {
      {"text/html; charset=UTF-8", "text/html", "UTF-8"},
      {"Text/HTML;Charset=\"windows-1251\"", "text/html", "windows-1251"},
      {"text/plain; format=flowed; charset='koi8-r' ", "text/plain", "koi8-r"},
      {"application/xhtml+xml", "application/xhtml+xml", ""},
      {"text/html; charset=", "text/html", ""},
      {"", "", ""},
      {";charset=utf-8", "", "utf-8"},
  };
  for (const Case& c : cases) {
    MediaType m = ParseContentType(c.in);
    EXPECT_EQ(m.type, c.type) << c.in;
    EXPECT_EQ(m.charset, c.charset) << c.in;
  }
}

TEST(HttpHeaderTest, Dechunk) {
  struct Case {
    const char* in;
    bool ok;
    const char* out;
  };
  const Case cases[] = {
      {"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n", true, "Hello world"},
      {"5;ext=1\r\nHello\r\n0\r\n", true, "Hello"},
      {"a\nabcdefghij\n0\n\n", true, "abcdefghij"},
      {"5\r\nHello\r\n", false, "Hello"},  // cut before the last chunk
      {"5\r\nHel", false, ""},             // cut inside a chunk
      {"zz\r\nHello\r\n0\r\n", false, ""},
      {"5\r\nHelloXX0\r\n", false, "Hello"},
      {"", false, ""},
  };
  for (const Case& c : cases) {
    std::string out;
    EXPECT_EQ(Dechunk(c.in, &out, 1000), c.ok) << c.in;
    EXPECT_EQ(out, c.out) << c.in;
  }
  std::string out;
  EXPECT_FALSE(Dechunk("5\r\nHello\r\n0\r\n", &out, 4));  // over the limit
}

HttpHeader Header(std::vector<std::pair<std::string, std::string>> fields) {
  HttpHeader h;
  h.status = 200;
  h.fields = std::move(fields);
  return h;
}

TEST(HttpHeaderTest, DecodeHttpBody) {
  const std::string page = "<html><body><p>Hello</p></body></html>";
  const std::string gz = fixtures::Deflate(page, 15 + 16);
  std::string chunked_gz = "10\r\n" + gz.substr(0, 16) + "\r\n";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", gz.size() - 16);
  chunked_gz += std::string(size) + "\r\n" + gz.substr(16) + "\r\n0\r\n\r\n";
  struct Case {
    HttpHeader header;
    std::string body;
    bool ok;
    ErrorCode code;
    std::string want;
  };
  const Case cases[] = {
      {Header({}), page, true, ErrorCode::kInvalidInput, page},
      {Header({{"Content-Encoding", "gzip"}}), gz, true, ErrorCode::kInvalidInput, page},
      {Header({{"Content-Encoding", "x-gzip"}}), page, true, ErrorCode::kInvalidInput, page},
      {Header({{"Transfer-Encoding", "chunked"}, {"Content-Encoding", "gzip"}}), chunked_gz, true,
       ErrorCode::kInvalidInput, page},
      // Stored already de-chunked.
      {Header({{"Transfer-Encoding", "chunked"}}), page, true, ErrorCode::kInvalidInput, page},
      {Header({{"Content-Encoding", "deflate"}}), fixtures::Deflate(page, 15), true,
       ErrorCode::kInvalidInput, page},
      {Header({{"Content-Encoding", "deflate"}}), fixtures::Deflate(page, -15), true,
       ErrorCode::kInvalidInput, page},
      // Failures.
      {Header({{"Content-Encoding", "gzip"}}), gz.substr(0, gz.size() / 2), false,
       ErrorCode::kCorrupt, ""},
      {Header({{"Content-Encoding", "br"}}), page, false, ErrorCode::kUnsupported, ""},
      {Header({{"Transfer-Encoding", "chunked"}}), "5\r\nHel", false, ErrorCode::kCorrupt, ""},
      {Header({{"Content-Encoding", "deflate"}}), "not deflate at all", false, ErrorCode::kCorrupt,
       ""},
  };
  for (const Case& c : cases) {
    auto r = DecodeHttpBody(c.header, c.body, 1 << 20);
    ASSERT_EQ(r.has_value(), c.ok) << c.body.substr(0, 20);
    if (c.ok) {
      EXPECT_EQ(*r, c.want);
    } else {
      EXPECT_EQ(r.error().code, c.code) << r.error().message;
    }
  }
  auto big = DecodeHttpBody(Header({{"Content-Encoding", "gzip"}}), gz, 10);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code, ErrorCode::kInvalidInput);
}

// Random and mutated inputs: the parsers must never crash, never read out of
// bounds (run under ASan in CI), and keep their contracts.
TEST(HttpHeaderTest, FuzzNeverCrashes) {
  const std::vector<std::string> seeds = {
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: "
      "chunked\r\nContent-Encoding: gzip\r\n\r\n5\r\nHello\r\n0\r\n\r\n",
      "HTTP/1.0 301 Moved Permanently\nLocation: http://x/\n\n",
      "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\tc\r\n\r\n",
      "5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n",
  };
  const std::string alphabet = "HTTP/1. 0123456789abcdefABCDEF:;=\r\n\t \"'chunkedgzip\x80\xff";
  std::mt19937 rng(20240726);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    if (round % 2 == 0) {
      s = seeds[rng() % seeds.size()];
      const int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits; ++e) {
        const size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 4) {
          case 0:
            if (!s.empty() && at < s.size()) s.erase(at, 1 + rng() % 4);
            break;
          case 1:
            s.insert(at, 1, alphabet[rng() % alphabet.size()]);
            break;
          case 2:
            if (at < s.size()) s[at] = static_cast<char>(rng() % 256);
            break;
          default:
            s.resize(rng() % (s.size() + 1));  // cut short
        }
      }
    } else {
      const size_t n = rng() % 200;
      for (size_t i = 0; i < n; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    }
    std::string_view in = s;
    HttpHeader h;
    if (ConsumeHttpHeader(&in, &h, 1024)) {
      ASSERT_LE(in.size(), s.size());
      ASSERT_EQ(in.data() + in.size(), s.data() + s.size());  // a suffix of the input
      ASSERT_GE(h.status, 0);
      ASSERT_LE(h.status, 999);
      auto body = DecodeHttpBody(h, in, 4096);
      if (body) {
        ASSERT_LE(body->size(), 4096u);
      }
    } else {
      ASSERT_EQ(in.size(), s.size());
    }
    std::string out;
    Dechunk(s, &out, 4096);
    ASSERT_LE(out.size(), 4096u);
    ParseContentType(s);
  }
}

}  // namespace
}  // namespace annals::ingest
