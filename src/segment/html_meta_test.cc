// The line shapes, addresses and metadata dates of the HTML segmenter
// (html_meta.cc). Invented inputs; each expectation worked out by hand.
#include "src/segment/html_segmenter_internal.h"

#include <gtest/gtest.h>
#include <string>

namespace annals::segment::html_internal {
namespace {

TEST(HtmlMetaTest, ADatelineIsADateAndAtMostFourWords) {
  date::Date d;
  EXPECT_TRUE(IsDateline("Posted on March 3, 2022 by Admin", &d));
  EXPECT_EQ(date::Iso(d), "2022-03-03");
  EXPECT_TRUE(IsDateline("Updated: 10:48, Tue, Nov 19, 2019", nullptr));
  EXPECT_FALSE(IsDateline("The council met in Lisbon on March 3, 2022 to agree a plan", nullptr));
  EXPECT_FALSE(IsDateline("Mail us at desk@example.org, March 3, 2022", nullptr));
  EXPECT_FALSE(IsDateline("No date here", nullptr));
}

TEST(HtmlMetaTest, AHeadlineIsAPhraseNotASentence) {
  const SegmentOptions options;
  EXPECT_TRUE(IsHeadlineLike("Ministers agree a harbour plan in Lisbon", options));
  EXPECT_TRUE(IsHeadlineLike("\"Harbour plan agreed\"", options));
  EXPECT_FALSE(IsHeadlineLike("Ministers agreed a harbour plan in Lisbon.", options));
  EXPECT_FALSE(IsHeadlineLike("Read more:", options));
  EXPECT_FALSE(IsHeadlineLike("   ", options));
}

TEST(HtmlMetaTest, ShoutedLinesAreMostlyCapitals) {
  EXPECT_TRUE(IsShouted("CLICK HERE TO GET THE APP"));
  EXPECT_FALSE(IsShouted("Click here to get the app"));
  EXPECT_FALSE(IsShouted("NATO"));  // too short to be a shout
}

TEST(HtmlMetaTest, TheHostOfAnAddress) {
  EXPECT_EQ(HostOf("https://www.Example.org/news/1?x=2"), "example.org");
  EXPECT_EQ(HostOf("http://user@press.example.org:8080/a"), "press.example.org");
  EXPECT_EQ(HostOf("/relative/path"), "");
}

TEST(HtmlMetaTest, TheFileNameOfAnAddress) {
  EXPECT_EQ(FileNameOf("https://example.org/files/Annual%20Report.pdf?download=1"),
            "Annual Report.pdf");
  EXPECT_EQ(FileNameOf("https://example.org/files/"), "files");
  EXPECT_TRUE(IsDocumentFile("Annual Report.PDF"));
  EXPECT_FALSE(IsDocumentFile("pdf"));
  EXPECT_TRUE(IsImageFile("harbour.jpeg"));
  EXPECT_FALSE(IsImageFile("harbour.pdf"));
}

TEST(HtmlMetaTest, MachineReadableDates) {
  date::Date d;
  ASSERT_TRUE(ParseMetaDate("2024-07-26T10:00:00+03:00", &d));
  EXPECT_EQ(date::Iso(d), "2024-07-26");
  ASSERT_TRUE(ParseMetaDate("20240726", &d));
  EXPECT_EQ(date::Iso(d), "2024-07-26");
  ASSERT_TRUE(ParseMetaDate("July 26, 2024", &d));
  EXPECT_EQ(date::Iso(d), "2024-07-26");
  EXPECT_FALSE(ParseMetaDate("soon", &d));
}

}  // namespace
}  // namespace annals::segment::html_internal
