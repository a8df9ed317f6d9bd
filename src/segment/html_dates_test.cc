#include "src/segment/html_dates.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

using date::Date;

TEST(HtmlDatesTest, WrittenDatesInManyLanguages) {
  struct Case {
    const char* text;
    const char* lang;
    Date want;  // year 0: no date
  };
  const std::vector<Case> cases = {
      {"veröffentlicht am 16.12.2012", "de", {2012, 12, 16}},
      {"Stand: 3. Juli 2018, 10:00 Uhr", "de", {2018, 7, 3}},
      {"Publié le 29 juin 2019", "fr", {2019, 6, 29}},
      {"Posted on August 30, 2017 by admin", "en", {2017, 8, 30}},
      {"Dec. 31st, 2024", "", {2024, 12, 31}},
      {"29 de junio de 2019", "es", {2019, 6, 29}},
      {"3 июля 2018 г.", "ru", {2018, 7, 3}},
      {"2018年7月3日 10:00", "ja", {2018, 7, 3}},
      {"2019-06-27T10:21:40Z", "", {2019, 6, 27}},
      {"03/04/2019", "en", {2019, 3, 4}},   // month first in English
      {"03/04/2019", "de", {2019, 4, 3}},   // day first elsewhere
      {"27/06/2019", "en", {2019, 6, 27}},  // 27 cannot be a month
      {"Tuesday, 31 December 2024", "", {2024, 12, 31}},
      {"jeudi 27 juin 2019, par loldf", "fr", {2019, 6, 27}},
      // Errors: no year, impossible days, numbers that are not dates.
      {"3. Juli", "de", {}},
      {"31.02.2019", "de", {}},
      {"call +7495-621-33-23", "", {}},
      {"version 1.2.2019.5", "", {}},
      {"12.34.2019", "", {}},
      {"in May 2019", "en", {}},
      {"", "", {}},
  };
  for (const Case& c : cases) {
    Date d;
    size_t len = 0;
    const size_t at = FindWrittenDate(c.text, c.lang, &d, &len);
    if (c.want.year == 0) {
      EXPECT_EQ(at, std::string_view::npos) << c.text << " gave " << date::Iso(d);
    } else {
      EXPECT_NE(at, std::string_view::npos) << c.text;
      EXPECT_EQ(d, c.want) << c.text;
    }
  }
}

TEST(HtmlDatesTest, DatesInAddresses) {
  struct Case {
    const char* url;
    Date want;
  };
  const std::vector<Case> cases = {
      {"https://example.org/2016/12/23/a-story/", {2016, 12, 23}},
      {"https://example.org/news/2016-12-23-a-story.html", {2016, 12, 23}},
      {"https://example.org/news/20161223/a-story", {2016, 12, 23}},
      {"https://example.org/a-story-20161223.html", {2016, 12, 23}},
      {"https://example.org/view?date=2016-12-23&id=4", {2016, 12, 23}},
      {"https://example.org/2016/12/a-story/", {}},     // month only
      {"https://example.org/2016/13/40/a-story/", {}},  // not a date
      {"https://example.org/article/1234567890/", {}},  // an id
      {"https://20161223.example.org/a-story/", {}},    // the host is no date
      {"https://example.org/1990/01/02/history/", {}},  // before the web
  };
  for (const Case& c : cases) {
    Date d;
    const bool found = DateInUrl(c.url, &d);
    EXPECT_EQ(found, c.want.year != 0) << c.url;
    if (found) {
      EXPECT_EQ(d, c.want) << c.url;
    }
  }
  Date m;
  EXPECT_TRUE(MonthInUrl("https://example.org/2016/12/a-story/", &m));
  EXPECT_EQ(m, (Date{2016, 12, 0}));
  EXPECT_FALSE(MonthInUrl("https://example.org/a-story/", &m));
}

DateDecision Decide(const std::string& html, const std::string& url = "", Date crawl = {},
                    const std::string& canonical = "") {
  const ingest::HtmlDoc doc = ingest::HtmlDoc::Parse(html);
  DateContext ctx;
  ctx.url = url;
  ctx.canonical = canonical;
  ctx.crawl = crawl;
  // The headline, and the body from the first paragraph after it (as the
  // segmenter gives them).
  for (uint32_t i = 1; i < doc.size(); ++i) {
    if (doc.Tag(i) == ingest::HtmlTag::kH1 && ctx.headline == ingest::HtmlDoc::kNone) {
      ctx.headline = i;
    } else if (doc.Tag(i) == ingest::HtmlTag::kP && ctx.headline != ingest::HtmlDoc::kNone) {
      ctx.body = i;
      break;
    }
  }
  return FindPublicationDate(doc, ctx);
}

constexpr char kBody[] =
    "<p>The council met on Monday in the capital to discuss the budget for the coming year, "
    "with all twelve members present.</p>";

TEST(HtmlDatesTest, EvidenceReconciled) {
  struct Case {
    const char* name;
    std::string html;
    std::string url;
    Date crawl;
    const char* want;  // "" : no date
  };
  const std::vector<Case> cases = {
      {"JSON-LD in @graph",
       "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":"
       "\"NewsArticle\",\"datePublished\":\"2021-12-31T10:00:00+01:00\"}]}</script><h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2021-12-31"},
      {"malformed JSON-LD read by key",
       "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\n\"datePublished\": "
       "\"2020-10-26T18:10:00+01:00\",}</script><h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2020-10-26"},
      {"meta published over a generic date",
       "<meta name=\"date\" content=\"2019-01-01\"><meta property=\"article:published_time\" "
       "content=\"2018-05-04T08:00:00+02:00\"><h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2018-05-04"},
      {"a modification date is never the publication date",
       "<meta property=\"article:modified_time\" content=\"2018-05-04\"><h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       ""},
      {"the address",
       "<h1>T</h1>" + std::string(kBody),
       "https://example.org/2016/12/23/t/",
       {},
       "2016-12-23"},
      {"a visible German dateline",
       "<h1>T</h1><div>Veröffentlicht am 3. Juli 2018</div>" + std::string(kBody),
       "",
       {},
       "2018-07-03"},
      {"a UTC timestamp one day after the page's own date",
       "<meta property=\"article:published_time\" content=\"2023-11-09T03:28:35Z\"><h1>T</h1>"
       "<div class=\"byline\">November 8, 2023</div>" +
           std::string(kBody),
       "",
       {},
       "2023-11-08"},
      {"a UTC timestamp the page confirms",
       "<meta property=\"article:published_time\" content=\"2023-11-09T03:28:35Z\"><h1>T</h1>"
       "<div class=\"byline\">November 9, 2023</div>" +
           std::string(kBody),
       "",
       {},
       "2023-11-09"},
      {"an offset keeps its local day",
       "<meta property=\"article:published_time\" content=\"2023-11-08T23:30:00-05:00\">"
       "<h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2023-11-08"},
      {"the text of a <time> over its attribute",
       "<h1>T</h1><time datetime=\"2020-01-01T23:00:00Z\">2 January 2020</time>" +
           std::string(kBody),
       "",
       {},
       "2020-01-02"},
      {"after the crawl date",
       "<meta property=\"article:published_time\" content=\"2030-01-01\"><h1>T</h1>" +
           std::string(kBody),
       "", Date{2024, 1, 1}, ""},
      {"before 1995",
       "<h1>T</h1><div>Born on 28 January 1975</div>" + std::string(kBody),
       "",
       {},
       ""},
      {"no date at all", "<h1>T</h1>" + std::string(kBody), "", {}, ""},
      {"day first on a country's domain",
       "<h1>T</h1><div>08/11/2023 | 20:26</div>" + std::string(kBody),
       "https://example.ie/news/t",
       {},
       "2023-11-08"},
      {"month first on a generic domain",
       "<h1>T</h1><div>08/11/2023 | 20:26</div>" + std::string(kBody),
       "https://example.com/news/t",
       {},
       "2023-08-11"},
      {"a caption that mentions a date is no dateline",
       "<meta property=\"article:published_time\" content=\"2020-01-13\"><h1>T</h1>"
       "<div>FILE PHOTO: A logo is displayed at the 89th motor show in the city on March 5, "
       "2019.</div>" +
           std::string(kBody),
       "",
       {},
       "2020-01-13"},
      {"the modification printed beside the publication",
       "<h1>T</h1><div><span class=\"updated\">2018-08-29</span> <span>22.06.2018</span></div>" +
           std::string(kBody),
       "",
       {},
       "2018-06-22"},
      {"readers' comments carry their own dates",
       "<h1>T</h1>" + std::string(kBody) +
           "<span itemprop=\"datePublished\" content=\"2023-10-18\"></span><div "
           "class=\"comments\"><time itemprop=\"dateCreated\" datetime=\"2013-12-13\"></time>"
           "</div>",
       "",
       {},
       "2023-10-18"},
      {"a date in the page's description",
       "<meta name=\"description\" content=\"Record year (news of 14 Gennaio 2020)\">"
       "<html lang=\"it\"><h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2020-01-14"},
      {"a JSON state script's publication key",
       "<script type=\"application/json\">{\"publishedDate\":\"2016-11-04T20:37:27Z\","
       "\"updatedDate\":\"2016-11-05T20:39:47Z\"}</script><h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2016-11-04"},
      {"a JSON state script's other dates",
       "<script type=\"application/json\">{\"updatedDate\":\"2016-11-05T20:39:47Z\"}</script>"
       "<h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       ""},
      {"the first dated JSON-LD article is the page's",
       "<script type=\"application/ld+json\">[{\"@type\":\"NewsArticle\",\"datePublished\":"
       "\"2023-11-01\"},{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-08-09\"}]</script>"
       "<h1>T</h1>" +
           std::string(kBody),
       "",
       {},
       "2023-11-01"},
  };
  for (const Case& c : cases) {
    const DateDecision d = Decide(c.html, c.url, c.crawl);
    EXPECT_EQ(d.found ? date::Iso(d.date) : "", c.want) << c.name << "\n" << ExplainDecision(d);
    EXPECT_FALSE(d.reason.empty()) << c.name;
  }
}

TEST(HtmlDatesTest, CanonicalAddress) {
  // A date in the site's chrome, away from the headline.
  const std::string page = "<h1>T</h1>" + std::string(kBody) + std::string(kBody) +
                           "<div class=\"date\">Tue, 14 Jan 2020</div>";
  // The address the page names as its own (a syndicated copy's original).
  DateDecision d = Decide(page, "https://copy.example/news/263700449/t", {},
                          "https://example.org/world/t-20200113");
  EXPECT_EQ(date::Iso(d.date), "2020-01-13") << ExplainDecision(d);
  // The page's own address first.
  d = Decide(page, "https://copy.example/2020/01/12/t", {}, "https://example.org/world/t-20200113");
  EXPECT_EQ(date::Iso(d.date), "2020-01-12") << ExplainDecision(d);
}

TEST(HtmlDatesTest, ExplanationNamesEverySource) {
  const DateDecision d = Decide(
      "<meta property=\"article:published_time\" content=\"2018-05-04\">"
      "<meta property=\"article:modified_time\" content=\"2018-06-01\"><h1>T</h1>" +
          std::string(kBody),
      "https://example.org/2018/05/04/t/");
  const std::string text = ExplainDecision(d);
  EXPECT_NE(text.find("date: 2018-05-04"), std::string::npos) << text;
  EXPECT_NE(text.find("meta article:published_time"), std::string::npos) << text;
  EXPECT_NE(text.find("modified"), std::string::npos) << text;
  EXPECT_NE(text.find("address"), std::string::npos) << text;
}

}  // namespace
}  // namespace annals::segment
