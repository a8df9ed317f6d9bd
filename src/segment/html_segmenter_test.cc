#include "src/segment/html_segmenter.h"

#include "src/common/text.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

ingest::Document Html(std::string markup, std::string url = "") {
  ingest::Document d;
  d.name = "page.html";
  d.url = std::move(url);
  d.format = ingest::DocFormat::kHtml;
  d.text = std::move(markup);
  return d;
}

const PageStory* Article(const PageStories& ps) {
  for (const PageStory& s : ps.stories) {
    if (s.role == SourceRole::kArticle) return &s;
  }
  return nullptr;
}

std::vector<const PageStory*> Teasers(const PageStories& ps) {
  std::vector<const PageStory*> out;
  for (const PageStory& s : ps.stories) {
    if (s.role == SourceRole::kTeaser) out.push_back(&s);
  }
  return out;
}

const char kBody1[] =
    "The council met on Monday in the capital to discuss the budget for the coming year, "
    "with all twelve members present and voting.";
const char kBody2[] =
    "The chair said the plan would be published next week, after a final review by the "
    "finance committee and the legal department.";
const char kBody3[] =
    "Members also agreed to hold the next session in the autumn, in a city that will be "
    "announced later this month by the secretariat.";

// A news page with the usual chrome around one article.
std::string NewsPage(const std::string& head, const std::string& article_top,
                     const std::string& sidebar) {
  return "<!DOCTYPE html><html><head><title>Council meets on the budget | Example News</title>" +
         head +
         "<script>var tracking = {id: 42};</script><style>p { color: red }</style></head><body>"
         "<div class=\"cookie-banner\">We use cookies. <a href=\"/privacy\">Learn more</a>"
         "<button>Accept</button></div>"
         "<header><a href=\"/\">Example News</a><nav><ul><li><a href=\"/world/\">World</a></li>"
         "<li><a href=\"/politics/\">Politics</a></li></ul></nav></header>"
         "<div class=\"layout\"><main><article>" +
         article_top + "<div class=\"article-body\"><p>" + kBody1 + "</p><p>" + kBody2 + "</p><p>" +
         kBody3 +
         "</p></div>"
         "<div class=\"share-buttons\"><a href=\"https://twitter.com/share\">Tweet</a> "
         "<a href=\"https://facebook.com/share\">Share</a></div>"
         "</article></main><aside class=\"sidebar\">" +
         sidebar +
         "</aside></div>"
         "<footer><p>Copyright 2024 Example News. All rights reserved.</p>"
         "<ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li>"
         "</ul></footer></body></html>";
}

const char kSidebar[] =
    "<h3>Latest news</h3><ul class=\"news-list\">"
    "<li><span class=\"date\">26.07.2024</span> <a href=\"/news/2024/07/26/one/\">Staff of the "
    "secretariat met students of the maritime academy in the harbour town</a></li>"
    "<li><span class=\"date\">19.07.2024</span> <a href=\"/news/2024/07/19/two/\">The "
    "secretary general took part in the debate on cooperation with regional bodies</a></li>"
    "<li><time datetime=\"2024-07-01\">1 July</time> <a href=\"/news/2024/07/01/three/\">The "
    "secretary general gave an interview to a news agency about the region</a></li>"
    "</ul><a href=\"/news/\">All news</a>";

TEST(HtmlSegmenterTest, ArticleTextDropsPageChrome) {
  const std::string page = NewsPage("", "<h1>Council meets on the budget</h1>", kSidebar);
  const std::string want = std::string(kBody1) + "\n\n" + kBody2 + "\n\n" + kBody3;
  EXPECT_EQ(ArticleText(Html(page), SegmentOptions{}), want);
}

TEST(HtmlSegmenterTest, ArticleStoryFields) {
  const std::string page = NewsPage(
      "", "<h1>Council meets on the budget</h1><div class=\"date\">Published: 15.05.2024</div>",
      kSidebar);
  PageStories ps =
      SegmentHtml(Html(page, "https://news.example.org/2024/05/15/budget.html"), SegmentOptions{});
  EXPECT_EQ(ps.page, "page.html");
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->title, "Council meets on the budget");
  EXPECT_EQ(a->date, "2024-05-15");
  EXPECT_EQ(a->url, "https://news.example.org/2024/05/15/budget.html");
  EXPECT_EQ(a->paragraphs, (std::vector<std::string>{kBody1, kBody2, kBody3}));
  EXPECT_TRUE(a->attachments.empty());
  EXPECT_TRUE(a->links.empty());
}

TEST(HtmlSegmenterTest, TeasersWithDatesAndAbsoluteUrls) {
  const std::string page = NewsPage("", "<h1>Council meets on the budget</h1>", kSidebar);
  PageStories ps =
      SegmentHtml(Html(page, "https://news.example.org/2024/05/15/budget.html"), SegmentOptions{});
  std::vector<const PageStory*> t = Teasers(ps);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0]->date, "2024-07-26");
  EXPECT_EQ(t[0]->url, "https://news.example.org/news/2024/07/26/one/");
  EXPECT_EQ(t[0]->paragraphs,
            (std::vector<std::string>{"Staff of the secretariat met students of the maritime "
                                      "academy in the harbour town"}));
  EXPECT_EQ(t[0]->title, "");
  EXPECT_EQ(t[1]->date, "2024-07-19");
  EXPECT_EQ(t[1]->url, "https://news.example.org/news/2024/07/19/two/");
  EXPECT_EQ(t[2]->date, "2024-07-01");  // from <time datetime>
  EXPECT_EQ(t[2]->url, "https://news.example.org/news/2024/07/01/three/");
}

struct BaseCase {
  const char* head;
  const char* url;
  const char* want;
};

TEST(HtmlSegmenterTest, RelativeLinksResolve) {
  const BaseCase cases[] = {
      // Against the page URL.
      {"", "https://a.example.org/news/x.html", "https://a.example.org/news/2024/07/26/one/"},
      // <base href> wins over the page URL.
      {"<base href=\"https://cdn.example.org/site/\">", "https://a.example.org/news/x.html",
       "https://cdn.example.org/news/2024/07/26/one/"},
      // No page URL (a saved file): the canonical URL stands for it.
      {"<link rel=\"canonical\" href=\"https://b.example.org/news/x.html\">", "",
       "https://b.example.org/news/2024/07/26/one/"},
      // Nothing to resolve against: the link as written.
      {"", "", "/news/2024/07/26/one/"},
  };
  for (const BaseCase& c : cases) {
    PageStories ps =
        SegmentHtml(Html(NewsPage(c.head, "<h1>Council meets on the budget</h1>", kSidebar), c.url),
                    SegmentOptions{});
    std::vector<const PageStory*> t = Teasers(ps);
    ASSERT_FALSE(t.empty()) << c.head;
    EXPECT_EQ(t[0]->url, c.want) << c.head;
  }
}

struct DateCase {
  const char* name;
  const char* head;
  const char* top;
  const char* want;
};

TEST(HtmlSegmenterTest, DateSourcesInOrder) {
  const DateCase cases[] = {
      {"json-ld first",
       "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":"
       "\"NewsArticle\",\"datePublished\":\"2024-07-26T10:00:00+03:00\"}</script>"
       "<meta property=\"article:published_time\" content=\"2023-01-02T00:00:00Z\">",
       "<h1>Council meets on the budget</h1>", "2024-07-26"},
      // Issue 23: the date the page prints between its headline and its body
      // is the one its readers see; on real pages (../shared/data/html-dates)
      // it is right more often than structured data that disagrees with it.
      {"visible dateline over json-ld",
       "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":"
       "\"NewsArticle\",\"datePublished\":\"2024-07-26T10:00:00+03:00\"}</script>",
       "<h1>Council meets on the budget</h1><p class=\"d\">03.03.2022</p>", "2022-03-03"},
      {"json-ld graph",
       "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":"
       "[\"NewsArticle\"],\"datePublished\":\"2021-12-31\"}]}</script>",
       "<h1>Council meets on the budget</h1>", "2021-12-31"},
      {"meta tag", "<meta property=\"article:published_time\" content=\"2023-01-02T00:00:00Z\">",
       "<h1>Council meets on the budget</h1>", "2023-01-02"},
      {"time element", "",
       "<h1>Council meets on the budget</h1><time datetime=\"2020-02-29T08:00\">Feb 29</time>",
       "2020-02-29"},
      {"visible dateline", "",
       "<h1>Council meets on the budget</h1><div class=\"info\">Posted on March 3, 2022 by "
       "Staff</div>",
       "2022-03-03"},
      {"no date", "", "<h1>Council meets on the budget</h1>", ""},
      {"broken json-ld", "<script type=\"application/ld+json\">{\"datePublished\": </script>",
       "<h1>Council meets on the budget</h1>", ""},
      {"invalid date", "<meta name=\"date\" content=\"2024-02-30\">",
       "<h1>Council meets on the budget</h1>", ""},
  };
  for (const DateCase& c : cases) {
    PageStories ps = SegmentHtml(Html(NewsPage(c.head, c.top, "")), SegmentOptions{});
    const PageStory* a = Article(ps);
    ASSERT_NE(a, nullptr) << c.name;
    EXPECT_EQ(a->date, c.want) << c.name;
    EXPECT_EQ(a->paragraphs.size(), 3u) << c.name;
  }
}

TEST(HtmlSegmenterTest, AttachmentsAndLinks) {
  const std::string page =
      "<html><head><title>Statement on security</title></head><body><main>"
      "<h1>Statement on security</h1><div class=\"date\">10.06.2022</div>"
      "<div class=\"files\"><a href=\"/upload/f2c/39357fa0b7.docx\">Download document</a></div>"
      "<div class=\"text\"><p>" +
      std::string(kBody1) + "</p><p>" + kBody2 +
      " See <a href=\"https://other.example.com/report\">the report</a> for details.</p>"
      "<p><img src=\"/img/Photo%20of%20the%20session.jpg\"></p>"
      "<p>" +
      kBody3 +
      "</p><p><a href=\"/docs/annex%201.pdf\">Annex 1 (PDF)</a></p>"
      "<p>https://www.example.net/source/123/</p></div></main></body></html>";
  PageStories ps =
      SegmentHtml(Html(page, "https://org.example.org/news/statement/"), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->date, "2022-06-10");
  std::vector<std::string> attachments = a->attachments;
  std::sort(attachments.begin(), attachments.end());
  EXPECT_EQ(attachments, (std::vector<std::string>{"39357fa0b7.docx", "Photo of the session.jpg",
                                                   "annex 1.pdf"}));
  EXPECT_EQ(a->links, (std::vector<std::string>{"https://other.example.com/report",
                                                "https://www.example.net/source/123/"}));
  ASSERT_EQ(a->paragraphs.size(), 3u);
  EXPECT_EQ(a->paragraphs[1], std::string(kBody2) + " See the report for details.");
}

TEST(HtmlSegmenterTest, TeaserWithHeadlineSummaryAndImage) {
  const std::string sidebar =
      "<div class=\"list\">"
      "<div class=\"card\"><a href=\"/n/1/\"><img src=\"/i/a.jpg\"></a><h3><a href=\"/n/1/\">"
      "Ministers meet in the capital</a></h3><p>The foreign ministers met on Friday to discuss "
      "regional security and trade.</p><span>12 March 2024</span></div>"
      "<div class=\"card\"><a href=\"/n/2/\"><img src=\"/i/b%20c.png\"></a><h3><a "
      "href=\"/n/2/\">Exercise ends</a></h3><p>The joint exercise ended with a parade of the "
      "participating units.</p><span>10 March 2024</span></div></div>";
  PageStories ps = SegmentHtml(
      Html(NewsPage("", "<h1>Council meets on the budget</h1>", sidebar), "https://e.org/a/"),
      SegmentOptions{});
  std::vector<const PageStory*> t = Teasers(ps);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0]->title, "Ministers meet in the capital");
  EXPECT_EQ(t[0]->paragraphs, (std::vector<std::string>{"The foreign ministers met on Friday to "
                                                        "discuss regional security and trade."}));
  EXPECT_EQ(t[0]->date, "2024-03-12");
  EXPECT_EQ(t[0]->url, "https://e.org/n/1/");
  EXPECT_EQ(t[0]->attachments, (std::vector<std::string>{"a.jpg"}));
  EXPECT_EQ(t[1]->title, "Exercise ends");
  EXPECT_EQ(t[1]->attachments, (std::vector<std::string>{"b c.png"}));
}

TEST(HtmlSegmenterTest, TeaserLinkThatIsASentenceIsText) {
  const std::string sidebar =
      "<ul class=\"news\">"
      "<li><span class=\"date\">16.06.2025</span> <a href=\"/n/1/\">A delegation visited the "
      "city on 13-14 June to agree on the scenario of the exercise.</a><p>The host side "
      "presented the training area near the river.</p><img src=\"/i/x.jpg\" alt=\"\"></li>"
      "<li><span class=\"date\">12.06.2025</span> <a href=\"/n/2/\">Ministers meet in the "
      "capital</a><p>The ministers of the member states met to discuss the budget.</p></li>"
      "</ul>";
  PageStories ps = SegmentHtml(
      Html(NewsPage("", "<h1>Council meets on the budget</h1>", sidebar), "https://e.org/a/"),
      SegmentOptions{});
  std::vector<const PageStory*> t = Teasers(ps);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0]->title, "");
  EXPECT_EQ(t[0]->paragraphs, (std::vector<std::string>{
                                  "A delegation visited the city on 13-14 June to agree on "
                                  "the scenario of the exercise.",
                                  "The host side presented the training area near the river."}));
  EXPECT_EQ(t[0]->date, "2025-06-16");
  EXPECT_EQ(t[0]->attachments, (std::vector<std::string>{"x.jpg"}));
  EXPECT_EQ(t[1]->title, "Ministers meet in the capital");
  EXPECT_EQ(t[1]->paragraphs, (std::vector<std::string>{"The ministers of the member states met "
                                                        "to discuss the budget."}));
}

TEST(HtmlSegmenterTest, InlineLinksInTheArticleAreNotTeasers) {
  // Every paragraph links to another story of the site, inside its sentence.
  std::string body;
  for (int i = 1; i <= 5; ++i) {
    body += "<p>The committee met again on the matter, as <a href=\"/news/" + std::to_string(i) +
            "/\">reported earlier</a>, and heard the members of the working group present "
            "their findings on the budget in detail.</p>";
  }
  const std::string page =
      "<html><body><h1>Committee meets</h1><div class=\"body\">" + body + "</div></body></html>";
  PageStories ps = SegmentHtml(Html(page, "https://e.org/news/9/"), SegmentOptions{});
  ASSERT_NE(Article(ps), nullptr);
  EXPECT_EQ(Article(ps)->paragraphs.size(), 5u);
  EXPECT_TRUE(Teasers(ps).empty());
  EXPECT_EQ(Article(ps)->links.size(), 5u);
}

TEST(HtmlSegmenterTest, KickersAreNotHeadlines) {
  const std::string sidebar =
      "<div class=\"rail\"><div class=\"story\"><span class=\"kicker\">BREAKING NEWS</span>"
      "<h4><a href=\"/s/1/\">Floods close the river port for a week</a></h4></div>"
      "<div class=\"story\"><span class=\"kicker\">Updated</span><h4><a href=\"/s/2/\">Talks "
      "on the new treaty resume in the capital</a></h4></div></div>";
  PageStories ps = SegmentHtml(
      Html(NewsPage("", "<h1>Council meets on the budget</h1>", sidebar), "https://e.org/a/"),
      SegmentOptions{});
  std::vector<const PageStory*> t = Teasers(ps);
  ASSERT_EQ(t.size(), 2u);
  // The kicker is dropped; the headline alone is the teaser's text.
  EXPECT_EQ(t[0]->title, "");
  EXPECT_EQ(t[0]->paragraphs, (std::vector<std::string>{"Floods close the river port for a week"}));
  EXPECT_EQ(t[1]->paragraphs,
            (std::vector<std::string>{"Talks on the new treaty resume in the capital"}));
}

TEST(HtmlSegmenterTest, ShortArticleWithOneLinkIsNotAListing) {
  const std::string page =
      "<html><body><div class=\"columns\"><div class=\"col\"><div class=\"article\">"
      "<h1>Port reopens</h1><p>The river port reopened on Monday after a week of floods.</p>"
      "<p>Ships queued since Friday. <a href=\"/news/1/\"><span>Read more: the floods in "
      "pictures and maps</span><img src=\"/i/f.jpg\"></a></p></div></div>"
      "<div class=\"col\"><div class=\"box\"><a href=\"/news/2/\">Another story of the "
      "day in the region</a></div></div></div></body></html>";
  PageStories ps = SegmentHtml(Html(page, "https://e.org/news/9/"), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->title, "Port reopens");
  EXPECT_EQ(a->paragraphs.front(), "The river port reopened on Monday after a week of floods.");
}

TEST(HtmlSegmenterTest, MenusAndFootersAreNotTeasers) {
  const std::string sidebar =
      "<ul class=\"links\"><li><a href=\"/a/\">Members</a></li><li><a href=\"/b/\">Bodies"
      "</a></li><li><a href=\"/c/\">Documents and texts</a></li></ul>"
      "<div class=\"staff\"><div class=\"card\"><h5><a href=\"/people/1/\">Anna Berg</a></h5>"
      "<span>Senior Editor</span> <a href=\"mailto:a@e.org\">Email</a></div>"
      "<div class=\"card\"><h5><a href=\"/people/2/\">Jon Lind</a></h5><span>Editor</span>"
      "</div></div>";
  PageStories ps = SegmentHtml(
      Html(NewsPage("", "<h1>Council meets on the budget</h1>", sidebar), "https://e.org/a/"),
      SegmentOptions{});
  EXPECT_TRUE(Teasers(ps).empty());
  ASSERT_NE(Article(ps), nullptr);
}

TEST(HtmlSegmenterTest, ListingPageHasNoArticle) {
  std::string items;
  for (int i = 1; i <= 6; ++i) {
    items += "<div class=\"item\"><div class=\"date\">0" + std::to_string(i) +
             ".02.2025</div><a href=\"/news/" + std::to_string(i) +
             "/\">The organization held meeting number " + std::to_string(i) +
             " of its working group, with experts from the member states, on the agenda of the "
             "coming session, and agreed on the next steps.</a></div>";
  }
  const std::string page =
      "<html><head><title>News</title></head><body><h1>News</h1>"
      "<div class=\"news\">" +
      items + "</div></body></html>";
  PageStories ps = SegmentHtml(Html(page, "https://e.org/news/"), SegmentOptions{});
  EXPECT_EQ(Article(ps), nullptr);
  std::vector<const PageStory*> t = Teasers(ps);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[5]->date, "2025-02-06");
  EXPECT_EQ(t[5]->url, "https://e.org/news/6/");
}

TEST(HtmlSegmenterTest, HeadlineAndLeadingDatelineAreNotText) {
  const std::string page =
      "<html><body><div id=\"content\"><h1>Budget approved</h1><p>Budget approved</p>"
      "<p>PUBLISHED: 10:48, Tue, Nov 19, 2019</p><p>" +
      std::string(kBody1) + "</p><p>" + kBody2 +
      "</p><p>10 June 2022<br>Tartu city</p>"
      "</div></body></html>";
  PageStories ps = SegmentHtml(Html(page), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->title, "Budget approved");
  EXPECT_EQ(a->date, "2019-11-19");
  // A dated line after the body is text (a signature), not a dateline.
  EXPECT_EQ(a->paragraphs,
            (std::vector<std::string>{kBody1, kBody2, "10 June 2022\nTartu city"}));
  EXPECT_GE(ps.dropped[static_cast<int>(DropReason::kDuplicateHeadline)], 1);
}

TEST(HtmlSegmenterTest, HiddenAndScriptContentIsNotText) {
  const std::string page =
      "<html><body><article><p>" + std::string(kBody1) +
      "</p><p style=\"display: none\">Hidden text that must not appear anywhere.</p>"
      "<div hidden>Also hidden from readers of the page, entirely.</div>"
      "<noscript>Please enable JavaScript to view this page properly.</noscript>"
      "<p>" +
      kBody2 +
      "</p><template><p>Template text, never rendered.</p></template></article>"
      "</body></html>";
  EXPECT_EQ(ArticleText(Html(page), SegmentOptions{}), std::string(kBody1) + "\n\n" + kBody2);
}

TEST(HtmlSegmenterTest, EmptyAndTextlessPages) {
  const char* inputs[] = {"", "<html></html>",
                          "<html><body><nav><a href=\"/\">Home</a></nav>"
                          "</body></html>",
                          "<<<>>>", "\x01\x02 \x03"};
  for (const char* in : inputs) {
    PageStories ps = SegmentHtml(Html(in), SegmentOptions{});
    EXPECT_TRUE(ps.stories.empty()) << in;
    EXPECT_EQ(ArticleText(Html(in), SegmentOptions{}), "") << in;
  }
}

// Random tag soup and mutated pages: never crash, always valid UTF-8.
TEST(HtmlSegmenterTest, RandomMarkupIsSafe) {
  const std::vector<std::string> pieces = {"<div>",
                                           "</div>",
                                           "<p>",
                                           "</p>",
                                           "<a href=\"/n/1/\">",
                                           "</a>",
                                           "<h1>",
                                           "</h1>",
                                           "<ul><li>",
                                           "</li>",
                                           "<table><tr><td>",
                                           "</td>",
                                           "<br>",
                                           "<img src=\"x.jpg\">",
                                           "<script>",
                                           "</script>",
                                           "<!--",
                                           "-->",
                                           "<time datetime=\"2024-01-01\">",
                                           "12.03.2021",
                                           "Some words of text, with a comma.",
                                           "\xC3\xA9t\xC3\xA9",
                                           "\xFF\xFE",
                                           "&nbsp;",
                                           "&#0;",
                                           "<a href=\"javascript:x()\">",
                                           "<base href=\"::\">",
                                           "<meta property=\"og:url\" "
                                           "content=\"http://e.org/a\">",
                                           "<article>",
                                           "<nav>",
                                           "\"",
                                           "<",
                                           ">",
                                           "<svg><g>"};
  std::mt19937 rng(12345);
  std::string base = NewsPage("", "<h1>Council meets on the budget</h1>", kSidebar);
  for (int round = 0; round < 300; ++round) {
    std::string page;
    if (round % 2 == 0) {
      const int n = static_cast<int>(rng() % 400);
      for (int i = 0; i < n; ++i) page += pieces[rng() % pieces.size()];
    } else {
      page = base;
      const int edits = 1 + static_cast<int>(rng() % 20);
      for (int e = 0; e < edits && !page.empty(); ++e) {
        const size_t at = rng() % page.size();
        switch (rng() % 3) {
          case 0:
            page.erase(at, rng() % 50);
            break;
          case 1:
            page.insert(at, pieces[rng() % pieces.size()]);
            break;
          default:
            page[at] = static_cast<char>(rng() % 256);
        }
      }
    }
    PageStories ps = SegmentHtml(Html(page, round % 3 ? "https://e.org/x/" : ""), SegmentOptions{});
    for (const PageStory& s : ps.stories) {
      for (const std::string& p : s.paragraphs) EXPECT_TRUE(text::IsValidUtf8(p));
      EXPECT_TRUE(text::IsValidUtf8(s.title));
      EXPECT_TRUE(text::IsValidUtf8(s.url));
    }
    EXPECT_TRUE(text::IsValidUtf8(ArticleText(Html(page), SegmentOptions{})));
  }
}

TEST(HtmlSegmenterTest, DeepAndLargePages) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><span>";
  deep += kBody1;
  PageStories ps = SegmentHtml(Html(deep), SegmentOptions{});
  ASSERT_NE(Article(ps), nullptr);
  EXPECT_EQ(Article(ps)->paragraphs, (std::vector<std::string>{kBody1}));

  std::string large = "<html><body><div class=\"text\">";
  while (large.size() < (8u << 20)) large += std::string("<p>") + kBody1 + "</p>";
  large += "</div></body></html>";
  const std::string text = ArticleText(Html(large), SegmentOptions{});
  EXPECT_GT(text.size(), 7u << 20);
}


// Issue 23: the article's date from evidence of every kind, in the page's
// language (the month names come from ICU's locale data).
TEST(HtmlSegmenterTest, ArticleDateFromVisibleDatelineInPageLanguage) {
  struct Case {
    const char* name;
    std::string html;
    std::string url;
    const char* want;
  };
  const std::string body =
      "<p>Der Rat traf sich am Montag in der Hauptstadt, um den Haushalt des kommenden Jahres "
      "zu beraten, alle zwölf Mitglieder waren anwesend.</p>";
  const std::vector<Case> cases = {
      {"German month name", "<html lang=\"de\"><h1>Der Rat tagt</h1><div>3. Juli 2018</div>" +
           body, "", "2018-07-03"},
      {"French dateline", "<html lang=\"fr\"><h1>Le conseil</h1><p>Publié le 29 juin 2019</p>" +
           body, "", "2019-06-29"},
      {"address only", "<h1>Der Rat tagt</h1>" + body, "https://example.org/2016/12/23/rat/",
       "2016-12-23"},
      {"modification date only",
       "<meta property=\"article:modified_time\" content=\"2018-05-04\"><h1>Der Rat tagt</h1>" +
           body, "", ""},
  };
  for (const Case& c : cases) {
    const PageStories ps = SegmentHtml(Html(c.html, c.url), SegmentOptions{});
    const PageStory* a = Article(ps);
    ASSERT_NE(a, nullptr) << c.name;
    EXPECT_EQ(a->date, c.want) << c.name;
  }
  const std::string why = ExplainArticleDate(Html(cases[0].html), SegmentOptions{});
  EXPECT_NE(why.find("date: 2018-07-03"), std::string::npos) << why;
}


// Issue 23: a page that declares itself an article (og:type, a JSON-LD
// article) is one, even when boxes of related stories hold most of its text.
TEST(HtmlSegmenterTest, DeclaredArticleIsNoListing) {
  std::string items;
  for (int i = 1; i <= 4; ++i) {
    items += "<li><a href=\"/news/story-" + std::to_string(i) +
             "/\">Related story number " + std::to_string(i) +
             " about the council and its long budget debate over the coming year</a> "
             "<p>The members discussed the plan at length on Monday and agreed to meet "
             "again next week to vote on it.</p></li>";
  }
  const std::string body = "<body><div class=\"content\"><h1>The council meets</h1>"
                           "<p>The council met on Monday.</p><ul>" + items +
                           "</ul></div></body></html>";
  for (const bool declared : {false, true}) {
    const std::string head = std::string("<html><head><title>The council meets</title>") +
                             (declared ? "<meta property=\"og:type\" content=\"article\">" : "") +
                             "</head>";
    const PageStories ps =
        SegmentHtml(Html(head + body, "https://example.org/news/council/"), SegmentOptions{});
    EXPECT_EQ(Article(ps) != nullptr, declared) << (declared ? "declared" : "not declared");
  }
}


// Issue 23: a box whose end tag is missing holds the rest of the page; it is
// not removed as the sidebar or menu its role or class names.
TEST(HtmlSegmenterTest, UnclosedSidebarHoldingThePageIsKept) {
  const std::string page =
      "<html><body><section role=\"complementary\" class=\"sidebar\"><div>Live</div>"
      "<h1>The council meets</h1><p>" + std::string(kBody1) + "</p><p>" + std::string(kBody1) +
      "</p><p>" + std::string(kBody1) + "</p></body></html>";
  const PageStories ps = SegmentHtml(Html(page), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(std::count(a->paragraphs.begin(), a->paragraphs.end(), std::string(kBody1)), 3);
  // An iframe's fallback text stays out, however much of the page it is.
  const PageStories none = SegmentHtml(
      Html("<html><body><iframe src=\"/x\">Request unsuccessful. The incident was logged by "
           "the service and will be reviewed by its operators soon.</iframe></body></html>"),
      SegmentOptions{});
  EXPECT_EQ(Article(none), nullptr);
}

// Issue 23: inline tags that render nothing (<meta>, <link>, an empty
// <span itemprop> holding them) inside a sentence do not split it.
TEST(HtmlSegmenterTest, InlineMetaInsideASentenceDoesNotSplitIt) {
  const std::string page =
      NewsPage("",
               "<h1>Council meets on the budget</h1>"
               "<p>The secretary <meta itemprop=\"name\" content=\"X\">said the vote "
               "<link itemprop=\"url\" href=\"/people/x\">would be held in the spring, "
               "<span itemprop=\"author\"><meta itemprop=\"name\" content=\"Y\"></span>after the "
               "members have read the report of the finance committee.</p>",
               kSidebar);
  const PageStories ps = SegmentHtml(Html(page), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->paragraphs.size(), 4u);
  EXPECT_EQ(a->paragraphs[0],
            "The secretary said the vote would be held in the spring, after the members have "
            "read the report of the finance committee.");
}

// Issue 23: a paragraph of the body that is only a link is text; a lone link
// before or after the body ("Read more", a related story) is not.
TEST(HtmlSegmenterTest, LinkOnlyParagraphInsideTheBodyIsKept) {
  const std::string link_par =
      "<p><a href=\"/reports/annual-budget-review\">The annual budget review of the "
      "council</a></p>";
  const std::string page =
      "<html><head><title>Council meets on the budget</title></head><body>"
      "<div class=\"story\"><h1>Council meets on the budget</h1><p>" +
      std::string(kBody1) + "</p>" + link_par + "<p>" + kBody2 + "</p><p>" + kBody3 +
      "</p><p><a href=\"/news/other-story\">Another story of the week</a></p></div>"
      "</body></html>";
  const PageStories ps = SegmentHtml(Html(page), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->paragraphs, (std::vector<std::string>{
                               kBody1, "The annual budget review of the council", kBody2, kBody3}));
}

// Issue 23: the lead (standfirst) right under the headline, in an element
// and class of its own beside the body, is the article's first paragraph.
TEST(HtmlSegmenterTest, LeadParagraphUnderTheHeadlineIsKept) {
  const char kLead[] =
      "Members of the council agreed a budget for next year after a long debate on the costs";
  const std::string page =
      "<html><head><title>Council meets on the budget</title></head><body>"
      "<div class=\"page\"><div class=\"head\"><h1>Council meets on the budget</h1>"
      "<div class=\"standfirst\">" +
      std::string(kLead) +
      "</div></div>"
      "<div class=\"media\"><img src=\"/img/hall.jpg\"></div>"
      "<div class=\"article-body\"><p>" +
      kBody1 + "</p><p>" + kBody2 + "</p><p>" + kBody3 + "</p></div></div></body></html>";
  const PageStories ps = SegmentHtml(Html(page), SegmentOptions{});
  const PageStory* a = Article(ps);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->paragraphs, (std::vector<std::string>{kLead, kBody1, kBody2, kBody3}));
}

// Issue 23: related stories, "read more" lines, newsletter sign-ups and the
// author's biography are no article text, told by their class names and by
// their headings and lead words.
TEST(HtmlSegmenterTest, RelatedNewsletterAndAuthorBoxesAreDropped) {
  const std::string body = std::string("<p>") + kBody1 + "</p><p>" + kBody2 + "</p>";
  const std::vector<std::string> boxes = {
      // by class
      "<div class=\"author-bio\"><p>Jane Writer covers the council and its budget for this "
      "paper, and has reported on local politics for more than ten years now.</p></div>",
      "<div class=\"newsletter-box\"><p>Get the best of the week's news in your inbox every "
      "Friday morning, free of charge and easy to cancel.</p></div>",
      "<section class=\"more-stories\"><p>The mayor opened the new bridge over the river on "
      "Sunday with a small ceremony and a concert.</p></section>",
      // by heading
      "<div><h3>You might also like</h3><p>The mayor opened the new bridge over the river on "
      "Sunday with a small ceremony and a concert.</p></div>",
      "<div><h2>About the author</h2><p>Jane Writer covers the council and its budget for this "
      "paper, and has reported on local politics for more than ten years now.</p></div>",
      "<div class=\"section-heading\">Other stories</div><ul><li>The mayor opened the new "
      "bridge over the river on Sunday with a small ceremony and a concert.</li></ul>",
      // by lead words
      "<p><strong>Read more:</strong> <a href=\"/news/bridge\">The mayor opens the new bridge "
      "over the river</a></p>",
      "<p>Related: <a href=\"/news/bridge\">The mayor opens the new bridge over the river</a></p>",
      "<p>Sign up for our newsletter to get the best of the week's news in your inbox every "
      "Friday.</p>",
      "<p>Lesen Sie auch: <a href=\"/news/bruecke\">Der Bürgermeister eröffnet die neue "
      "Brücke</a></p>",
      "<p>Jane Writer can be reached at her desk. Follow her on Twitter @janewriter.</p>",
      "<p>Folgen Sie uns auf Facebook und Instagram.</p>",
  };
  for (const std::string& box : boxes) {
    const std::string page =
        "<html><head><title>Council meets on the budget</title></head><body><main>"
        "<div class=\"story\"><h1>Council meets on the budget</h1>" +
        body + box + "<p>" + kBody3 + "</p></div></main></body></html>";
    const PageStories ps = SegmentHtml(Html(page), SegmentOptions{});
    const PageStory* a = Article(ps);
    ASSERT_NE(a, nullptr) << box;
    EXPECT_EQ(a->paragraphs, (std::vector<std::string>{kBody1, kBody2, kBody3})) << box;
  }
}

}  // namespace
}  // namespace annals::segment
