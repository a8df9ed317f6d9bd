#include "src/segment/text_segmenter.h"

#include <gtest/gtest.h>

namespace annals::segment {
namespace {

PageStories Segment(const std::string& text, const SiteProfile& profile = SiteProfile()) {
  ingest::Document doc{.name = "page.txt", .url = "", .format = ingest::DocFormat::kText,
                       .text = text};
  return SegmentText(doc, profile, SegmentOptions{});
}

const char kListingAndDoubledHeadline[] =
    "03.04.2024\n\n"
    "The Board of the Harbour League met in Riga to review the budget for the coming season and\n"
    "agreed on new rules.\n\n\n"
    "01.04.2024\n\n"
    "Delegates of the League visited the northern port.\n\n"
    "They were received by the port authority.\n\n\n"
    "Annual report published\n\n"
    "Annual report published 28.03.2024 Download document report-2023.pdf\n\n"
    "The League published its annual report for 2023, covering all member ports.\n\n"
    "https://example.org/report\n\n"
    "Go back\n\n"
    "Back to the section\n";

TEST(TextSegmenterTest, ListingAndArticleWithDoubledHeadline) {
  PageStories p = Segment(kListingAndDoubledHeadline);
  ASSERT_EQ(p.stories.size(), 3u);
  const PageStory& t1 = p.stories[0];
  EXPECT_EQ(t1.role, SourceRole::kTeaser);
  EXPECT_EQ(t1.date, "2024-04-03");
  ASSERT_EQ(t1.paragraphs.size(), 1u);  // wrapped lines joined with a space
  EXPECT_NE(t1.paragraphs[0].find("coming season and agreed on new rules."), std::string::npos);
  const PageStory& t2 = p.stories[1];
  EXPECT_EQ(t2.date, "2024-04-01");
  EXPECT_EQ(t2.paragraphs.size(), 2u);  // a dated teaser runs to the next date line
  const PageStory& a = p.stories[2];
  EXPECT_EQ(a.role, SourceRole::kArticle);
  EXPECT_EQ(a.title, "Annual report published");
  EXPECT_EQ(a.date, "2024-03-28");
  EXPECT_EQ(a.attachments, std::vector<std::string>{"report-2023.pdf"});
  EXPECT_EQ(a.links, std::vector<std::string>{"https://example.org/report"});
  ASSERT_EQ(a.paragraphs.size(), 1u);  // no headline, no URL line, no navigation
  EXPECT_EQ(p.dropped[static_cast<int>(DropReason::kNavigation)], 2);
}

TEST(TextSegmenterTest, HeadlineThenDateLine) {
  PageStories p = Segment(
      "12.05.2023\n\nA short teaser about the spring session of the assembly in the capital.\n\n\n"
      "Spring session opens\n\n10.05.2023\n\n"
      "The assembly opened its spring session with a debate on the budget and the reports of "
      "the committees.\n\nSecond paragraph of the body.\n\nReturn to the list\n");
  ASSERT_EQ(p.stories.size(), 2u);
  EXPECT_EQ(p.stories[1].title, "Spring session opens");
  EXPECT_EQ(p.stories[1].date, "2023-05-10");
  EXPECT_EQ(p.stories[1].paragraphs.size(), 2u);
}

TEST(TextSegmenterTest, UndatedTeasersImageAndUndatedHeadline) {
  PageStories p = Segment(
      "First undated teaser about the opening of a new office in the city.\n\n\n"
      "Second teaser: the minister answered questions of the agency about the new treaty\n\n\n"
      "photo of the minister.jpg\n\n\n"
      "New office opens its doors\n\n"
      "The new office opened on Monday with a ceremony attended by the staff, the local "
      "authorities and guests from partner organizations, who toured the building.\n\n"
      "It will serve the whole region.\n\nGo back\n");
  ASSERT_EQ(p.stories.size(), 3u);
  EXPECT_EQ(p.stories[0].role, SourceRole::kTeaser);
  EXPECT_EQ(p.stories[1].attachments, std::vector<std::string>{"photo of the minister.jpg"});
  EXPECT_EQ(p.stories[2].role, SourceRole::kArticle);
  EXPECT_EQ(p.stories[2].title, "New office opens its doors");
  EXPECT_EQ(p.stories[2].date, "");
  EXPECT_EQ(p.stories[2].paragraphs.size(), 2u);
}

TEST(TextSegmenterTest, PlainTextIsOneUntitledArticle) {
  PageStories p = Segment("Just one paragraph of text.\n\nAnd another one.\n");
  ASSERT_EQ(p.stories.size(), 1u);
  EXPECT_EQ(p.stories[0].role, SourceRole::kArticle);
  EXPECT_EQ(p.stories[0].title, "");
  EXPECT_EQ(p.stories[0].paragraphs.size(), 2u);
}

TEST(TextSegmenterTest, DatedTeasersNotTakenForAnArticle) {
  // The second teaser has no final period; it must not become a headline of
  // the dated teasers that follow it.
  PageStories p = Segment(
      "05.06.2025\n\nThe director met with the ambassador of a partner state\n\n"
      "02.06.2025\n\nOn 27-30 May a methodological meeting of the heads of the training centres "
      "was held.\n\n28.05.2025\n\nThe council of ministers held its regular meeting in the "
      "capital under the chairmanship of the host state.\n");
  ASSERT_EQ(p.stories.size(), 3u);
  for (const PageStory& s : p.stories) EXPECT_EQ(s.role, SourceRole::kTeaser);
  EXPECT_EQ(p.stories[0].title, "");
}

TEST(TextSegmenterTest, TemplateLinesFromTheSiteProfile) {
  SiteProfile profile;
  for (int i = 0; i < 4; ++i) {
    profile.AddDocument(ingest::Document{.name = "p" + std::to_string(i),
                                         .text = "Members area\n\nText " + std::to_string(i)});
  }
  EXPECT_TRUE(profile.IsTemplate("Members area", SegmentOptions{}));
  // A sidebar on every page repeats its date lines and file names: still story lines.
  SiteProfile sidebar;
  for (int i = 0; i < 4; ++i) {
    sidebar.AddDocument(ingest::Document{
        .name = "p" + std::to_string(i),
        .text = "05.06.2025\n\nA teaser repeated on every page of the crawl.\n\nphoto.jpg\n\nGo back"});
  }
  EXPECT_FALSE(sidebar.IsTemplate("05.06.2025", SegmentOptions{}));
  EXPECT_FALSE(sidebar.IsTemplate("photo.jpg", SegmentOptions{}));
  EXPECT_TRUE(sidebar.IsTemplate("Go back", SegmentOptions{}));
  EXPECT_FALSE(profile.IsTemplate("Text 1", SegmentOptions{}));
  PageStories p = Segment("Members area\n\nThe only story of the page, with enough words.\n", profile);
  ASSERT_EQ(p.stories.size(), 1u);
  EXPECT_EQ(p.stories[0].paragraphs,
            std::vector<std::string>{"The only story of the page, with enough words."});
  EXPECT_EQ(p.dropped[static_cast<int>(DropReason::kTemplate)], 1);
}

TEST(TextSegmenterTest, NavigationAndAttachmentLines) {
  for (const char* nav : {"Go back", "Back to the all news", "Read more", "Share", "Print version",
                          "Back to top"}) {
    EXPECT_TRUE(IsNavigationLine(nav)) << nav;
  }
  for (const char* text : {"Back to school programme launched in 12 cities", "Go", "The Council",
                           "Share of exports grew", ""}) {
    EXPECT_FALSE(IsNavigationLine(text)) << text;
  }
  EXPECT_EQ(AttachmentName("Download document 39a7.docx"), "39a7.docx");
  EXPECT_EQ(AttachmentName("Attachment: Annual Report 2023.PDF"), "Annual Report 2023.PDF");
  EXPECT_EQ(AttachmentName("scan.jpeg"), "scan.jpeg");
  EXPECT_EQ(AttachmentName("The report is in the file report.pdf which the secretariat circulated "
                           "to all the delegations before the session."),
            "");
  EXPECT_EQ(AttachmentName("https://example.org/a.pdf"), "");
  EXPECT_EQ(AttachmentName("No file here"), "");
}

// A feed saved as text: the channel's own fields, then items of a title in
// a CDATA section, the link glued after it, the description, the
// publication date opening the line after the description with the
// category, author and guid run on.
TEST(TextSegmenterTest, FeedDumpItemsByTheirFields) {
  PageStories p = Segment(
      "Harbour League, news of the portshttp://example.org/Harbour League, RSS FeedenMonday 8 "
      "March 2021 Monday 8 March 2021 5"
      "<![CDATA[Assembly meets in Lisbon on the budget ]]>http://example.org/en/article/assembly-meets-"
      "in-lisbonThe assembly of the league met in Lisbon to adopt the budget.\n\n"
      "It also heard the ports' reports.   \n\n]]>\n"
      "2021-03-04 00:00:00 GMTPorts, BudgetJane Roe/en/article/assembly-meets-in-lisbon\n"
      "<![CDATA[Delegates visit Helsinki]]>/en/article/delegates-visit-helsinki"
      "Helsinki, 2 March 2021: The delegates of the league visited the northern port and "
      "were received by\n"
      "<![CDATA[Prague office opens]]>http://example.org/en/article/prague-office"
      "<![CDATA[The office in Prague opened its doors.]]>\n"
      "Mon, 01 Mar 2021 10:00:00 +0000\n"
      "<![CDATA[Annual report of the lea");
  ASSERT_EQ(p.stories.size(), 4u);
  for (const PageStory& s : p.stories) EXPECT_EQ(s.role, SourceRole::kTeaser);
  const PageStory& a = p.stories[0];
  EXPECT_EQ(a.title, "Assembly meets in Lisbon on the budget");
  EXPECT_EQ(a.date, "2021-03-04");  // the publication date after the description
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{"The assembly of the league met in Lisbon to adopt the budget.",
                                      "It also heard the ports' reports."}));
  const PageStory& b = p.stories[1];
  EXPECT_EQ(b.title, "Delegates visit Helsinki");
  EXPECT_EQ(b.date, "2021-03-02");  // cut before its publication date: the dateline's
  ASSERT_EQ(b.paragraphs.size(), 1u);
  EXPECT_EQ(b.paragraphs[0].rfind("The delegates of the league visited", 0), 0u);
  const PageStory& c = p.stories[2];
  EXPECT_EQ(c.title, "Prague office opens");
  EXPECT_EQ(c.date, "2021-03-01");
  EXPECT_EQ(c.paragraphs, std::vector<std::string>{"The office in Prague opened its doors."});
  const PageStory& d = p.stories[3];  // cut inside its title: the title is all it shows
  EXPECT_EQ(d.title, "Annual report of the lea");
  EXPECT_EQ(d.date, "");
  EXPECT_EQ(d.paragraphs, std::vector<std::string>{"Annual report of the lea"});

  // A title left open ends where the next item opens.
  p = Segment("<![CDATA[Open title\n<![CDATA[Whole title]]>/en/a/whole-titleThe text of it.\n");
  ASSERT_EQ(p.stories.size(), 2u);
  EXPECT_EQ(p.stories[0].title, "Open title");
  EXPECT_EQ(p.stories[1].title, "Whole title");
  EXPECT_EQ(p.stories[1].paragraphs, std::vector<std::string>{"The text of it."});
}

TEST(TextSegmenterTest, EmptyAndOddInputsDoNotCrash) {
  for (const char* in : {"", "\n\n\n", "Go back", "01.01.2024", "01.01.2024\n\n02.01.2024",
                         "Title\n\nTitle 01.01.2024", "<![CDATA[", "]]><![CDATA[]]>]]>",
                         "<![CDATA[<![CDATA[]]>http://", "x<![CDATA[T]]>/a\n]]>\n01.01.2024"}) {
    PageStories p = Segment(in);
    for (const PageStory& s : p.stories) EXPECT_FALSE(s.paragraphs.empty()) << in;
  }
}

}  // namespace
}  // namespace annals::segment
