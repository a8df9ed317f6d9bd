#include "src/ingest/html_doc.h"

#include "src/common/text.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::ingest {
namespace {

// The tree as one line: tags with their children in brackets, text quoted.
std::string Dump(const HtmlDoc& doc) {
  std::string out;
  std::vector<uint32_t> open;
  for (uint32_t i = 1; i < doc.size(); ++i) {
    while (!open.empty() && i >= doc.End(open.back())) {
      out += "]";
      open.pop_back();
    }
    if (doc.Tag(i) == HtmlTag::kText) {
      out += "\"" + std::string(doc.Text(i)) + "\"";
      continue;
    }
    out += HtmlTagName(doc.Tag(i));
    out += "[";
    open.push_back(i);
  }
  out.append(open.size(), ']');
  return out;
}

struct TreeCase {
  const char* html;
  const char* want;
};

TEST(HtmlDocTest, Trees) {
  const TreeCase cases[] = {
      {"<p>Hello <b>world</b></p>", "p[\"Hello \"b[\"world\"]]"},
      // Whitespace runs, no-break spaces (entity and raw), zero-width space, soft hyphen.
      {"<p> a \n\t b&nbsp;&nbsp;c&#8203;d&shy;e\xC2\xA0"
       "f</p>",
       "p[\" a b cde f\"]"},
      // Scripts, styles and comments are dropped; JSON-LD is kept.
      {"<div><script>var x = 1;</script><style>p{}</style><!-- c --><p>t</p></div>",
       "div[script[]style[]p[\"t\"]]"},
      {"<script type=\"application/ld+json\">{\"a\": 1}</script>", "script[\"{\"a\": 1}\"]"},
      // Unknown elements are kOther; svg content is dropped.
      {"<custom-el>x</custom-el><svg><g><text>logo</text></g></svg>", "*[\"x\"]svg[]"},
      // Nested <svg> (icon sprites) ends at its own end tag; <noscript> is raw
      // text, so an unclosed <div> in it does not swallow the page.
      {"<svg><symbol><svg><path/></svg></symbol><symbol><svg></svg></symbol></svg><p>t</p>",
       "svg[]p[\"t\"]"},
      {"<noscript><div>enable scripts</noscript><p>t</p>", "noscript[]p[\"t\"]"},
      // Unclosed and stray tags are repaired as browsers do.
      {"<ul><li>one<li>two</ul></span><p>three", "ul[li[\"one\"]li[\"two\"]]p[\"three\"]"},
      // The document's own charset declaration does not re-decode UTF-8 text.
      {"<meta charset=\"windows-1251\"><p>\xD0\x9F\xD1\x80\xD0\xB8</p>",
       "meta[]p[\"\xD0\x9F\xD1\x80\xD0\xB8\"]"},
      {"", ""},
      {"plain text", "p[\"plain text\"]"},
      // What libxml2 is not shown: script text with markup-like content, upper
      // case tags, comments with tags in them, quoted '>' in attributes.
      {"<SCRIPT>if (a < b) document.write('</p><p>x');</SCRIPT><p>after</p>",
       "script[]p[\"after\"]"},
      {"<!-- <script> --><p>shown</p><!-- <p>hidden</p> -->", "p[\"shown\"]"},
      {"<p title=\"a > b\" data-x='<script>'>t</p><script>x</script>", "p[\"t\"]script[]"},
      {"<p class=a>x</p><svg viewBox=\"0 0 1 1\"/><p>y</p>", "p[\"x\"]svg[]p[\"y\"]"},
      {"<div><style>.a > .b { color: red }</style>z</div>", "div[style[]\"z\"]"},
      {"<script type=\"application/ld+json\">{\"a\": \"</p><!-- x -->\"}</script>",
       "script[\"{\"a\": \"</p><!-- x -->\"}\"]"},
      // Cut short: an unterminated comment, script, or tag.
      {"<p>a</p><!-- never closed <p>b</p>", "p[\"a\"]"},
      {"<p>a</p><script>never closed", "p[\"a\"]script[]"},
      {"<p>a</p><img src=\"x", "p[\"a\"]img[]"},  // libxml2 closes the cut tag
  };
  for (const TreeCase& c : cases) {
    HtmlDoc doc = HtmlDoc::Parse(c.html);
    EXPECT_EQ(Dump(doc), c.want) << c.html;
    EXPECT_FALSE(doc.truncated());
  }
}

TEST(HtmlDocTest, AttributesAndNavigation) {
  HtmlDoc doc = HtmlDoc::Parse(
      "<div id=\"main\" class=\"a b\" onclick=\"x()\"><a href=\"/x\">one</a> <img src=\"p.jpg\" "
      "alt=\"pic\"><p>two</p></div>");
  // 1 div, 2 a, 3 "one", 4 " ", 5 img, 6 p, 7 "two"
  ASSERT_EQ(doc.size(), 8u);
  EXPECT_EQ(doc.Tag(1), HtmlTag::kDiv);
  EXPECT_EQ(doc.Attr(1, HtmlAttr::kId), "main");
  EXPECT_EQ(doc.Attr(1, HtmlAttr::kClass), "a b");
  EXPECT_EQ(doc.Attr(1, HtmlAttr::kHref), "");
  EXPECT_FALSE(doc.HasAttr(1, HtmlAttr::kHref));
  EXPECT_EQ(doc.Attr(2, HtmlAttr::kHref), "/x");
  EXPECT_EQ(doc.Attr(5, HtmlAttr::kAlt), "pic");
  EXPECT_EQ(doc.Parent(2), 1u);
  EXPECT_EQ(doc.Parent(1), 0u);
  EXPECT_EQ(doc.Parent(0), HtmlDoc::kNone);
  EXPECT_EQ(doc.FirstChild(1), 2u);
  EXPECT_EQ(doc.NextSibling(2), 4u);
  EXPECT_EQ(doc.NextSibling(4), 5u);
  EXPECT_EQ(doc.NextSibling(6), HtmlDoc::kNone);
  EXPECT_EQ(doc.FirstChild(5), HtmlDoc::kNone);
  EXPECT_EQ(doc.End(1), 8u);
  EXPECT_EQ(doc.Depth(3), 3);
  EXPECT_EQ(doc.TextContent(1), "one two");
  EXPECT_EQ(doc.AncestorWithTag(7, HtmlTag::kDiv), 1u);
  EXPECT_EQ(doc.AncestorWithTag(7, HtmlTag::kA), HtmlDoc::kNone);
}

TEST(HtmlDocTest, LongAttributeValuesAreCut) {
  std::string html = "<img src=\"data:image/png;base64," + std::string(10000, 'A') + "\">";
  HtmlLimits limits;
  limits.max_attr_bytes = 100;
  HtmlDoc doc = HtmlDoc::Parse(html, limits);
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc.Attr(1, HtmlAttr::kSrc).size(), 100u);
}

TEST(HtmlDocTest, DeepNestingIsFlattened) {
  const int levels = 200000;
  std::string html;
  for (int i = 0; i < levels; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < levels; ++i) html += "</div>";
  html += "<p>after</p>";
  HtmlLimits limits;
  limits.max_depth = 100;
  HtmlDoc doc = HtmlDoc::Parse(html, limits);
  int max_depth = 0;
  for (uint32_t i = 0; i < doc.size(); ++i) max_depth = std::max(max_depth, doc.Depth(i));
  EXPECT_LE(max_depth, 101);
  EXPECT_EQ(doc.TextContent(0), "deepafter");
}

TEST(HtmlDocTest, NodeLimitStopsTheParse) {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<p>x</p>";
  HtmlLimits limits;
  limits.max_nodes = 50;
  HtmlDoc doc = HtmlDoc::Parse(html, limits);
  EXPECT_TRUE(doc.truncated());
  EXPECT_LE(doc.size(), 50u);
  for (uint32_t i = 0; i < doc.size(); ++i) EXPECT_LE(doc.End(i), doc.size());
}

TEST(HtmlDocTest, InvalidUtf8GivesValidUtf8) {
  HtmlDoc doc = HtmlDoc::Parse("<p>caf\xE9 \xFF\xFE ok</p>");
  std::string t = doc.TextContent(0);
  EXPECT_TRUE(text::IsValidUtf8(t));
  EXPECT_NE(t.find("ok"), std::string::npos);
}

struct UrlCase {
  const char* base;
  const char* href;
  const char* want;
};

TEST(HtmlDocTest, ResolveUrl) {
  const UrlCase cases[] = {
      {"https://example.org/news/a.html", "b.html", "https://example.org/news/b.html"},
      {"https://example.org/news/a.html", "/b.html", "https://example.org/b.html"},
      {"https://example.org/news/a.html", "../b.html", "https://example.org/b.html"},
      {"https://example.org/news/a.html", "//cdn.example.net/x.pdf",
       "https://cdn.example.net/x.pdf"},
      {"https://example.org/news/a.html", "  http://other.org/  ", "http://other.org/"},
      {"https://example.org/news/a.html", "?page=2", "https://example.org/news/a.html?page=2"},
      {"https://example.org/news/", "my file.pdf", "https://example.org/news/my%20file.pdf"},
      {"https://example.org/", "mailto:a@b.org", "mailto:a@b.org"},
      {"https://example.org/", "#top", ""},
      {"https://example.org/", "javascript:void(0)", ""},
      {"https://example.org/", "JavaScript:go()", ""},
      {"https://example.org/", "data:image/png;base64,AAA", ""},
      {"https://example.org/", "", ""},
      {"", "/relative/path", "/relative/path"},
  };
  for (const UrlCase& c : cases) {
    EXPECT_EQ(ResolveUrl(c.base, c.href), c.want) << c.base << " + " << c.href;
  }
}

TEST(HtmlDocTest, IsAbsoluteUrl) {
  EXPECT_TRUE(IsAbsoluteUrl("https://x.org"));
  EXPECT_TRUE(IsAbsoluteUrl("mailto:a@b"));
  EXPECT_FALSE(IsAbsoluteUrl("/a/b"));
  EXPECT_FALSE(IsAbsoluteUrl("c:"));
  EXPECT_FALSE(IsAbsoluteUrl("a.html"));
  EXPECT_FALSE(IsAbsoluteUrl(""));
  EXPECT_FALSE(IsAbsoluteUrl("1http://x"));
}

}  // namespace
}  // namespace annals::ingest
