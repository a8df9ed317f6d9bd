#include "src/segment/site_profile_store.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

ingest::Document Page(int i, bool with_line) {
  std::string text = std::to_string(10 + i) + "/12/2024\n\nHeadline number " + std::to_string(i) +
                     "\n\nA long line of the story text that is only on this one page, number " +
                     std::to_string(i) + ".\n";
  if (with_line) text += "\nFollow the news daily\n";
  text += "\nA footer line that repeats at the bottom of every page of the whole site.\n";
  return ingest::Document{.name = "p" + std::to_string(i), .text = text};
}

LineCounts Sorted(LineCounts c) {
  std::sort(c.lines.begin(), c.lines.end(), [](const LineCount& a, const LineCount& b) {
    return a.long_line != b.long_line ? a.long_line < b.long_line : a.key < b.key;
  });
  return c;
}

// A profile started from the stored counts of the first pages, then given
// the rest, is the profile of all the pages at once (issue 24: each ingest's
// profile counts the pages of the ingests before it).
TEST(SiteProfileStoreTest, StoredCountsPlusNewPagesAreTheWholeProfile) {
  const std::vector<bool> line = {true, true, true, false, false, false, true, true, true, false};
  SiteProfile whole;
  for (int i = 0; i < 10; ++i) whole.AddDocument(Page(i, line[static_cast<size_t>(i)]));

  SiteProfile first;
  for (int i = 0; i < 3; ++i) first.AddDocument(Page(i, line[static_cast<size_t>(i)]));
  const LineCounts stored = ToLineCounts(first);
  EXPECT_EQ(stored.pages, 3);
  SiteProfile resumed;
  AddLineCounts(stored, &resumed);
  SiteProfile rest;
  for (int i = 3; i < 10; ++i) {
    resumed.AddDocument(Page(i, line[static_cast<size_t>(i)]));
    rest.AddDocument(Page(i, line[static_cast<size_t>(i)]));
  }
  EXPECT_EQ(Sorted(ToLineCounts(resumed)), Sorted(ToLineCounts(whole)));
  SiteProfile merged;
  MergeProfile(first, &merged);
  MergeProfile(rest, &merged);
  EXPECT_EQ(Sorted(ToLineCounts(merged)), Sorted(ToLineCounts(whole)));

  // On 6 of the 10 pages: template for the whole site, not for the last 7 alone.
  EXPECT_TRUE(resumed.IsTemplate("Follow the news daily", SegmentOptions{}));
  EXPECT_FALSE(rest.IsTemplate("Follow the news daily", SegmentOptions{}));
  const std::string footer =
      "A footer line that repeats at the bottom of every page of the whole site.";
  EXPECT_EQ(resumed.PagesWithLongLine(footer), 10);
  EXPECT_EQ(resumed.slash_order(), SlashOrder::kDayFirst);
  EXPECT_EQ(ToLineCounts(resumed).slash_day_first, ToLineCounts(whole).slash_day_first);
}

// The counts stored with a batch's pages are those a later ingest takes off
// when the pages change (issue 24): a LineCounter's are a profile's while
// it keeps every line, and it keeps the long lines seen once that a profile
// forgets past kLongLinesCap.
TEST(SiteProfileStoreTest, LineCounterCountsExactly) {
  const std::vector<bool> line = {true, false, true, true, false};
  SiteProfile profile;
  LineCounter counter;
  for (int i = 0; i < 5; ++i) {
    const SiteProfile::PageLines page =
        SiteProfile::CountPage(Page(i, line[static_cast<size_t>(i)]));
    profile.AddPage(page);
    counter.Add(page);
  }
  counter.Add(SiteProfile::CountPage(ingest::Document{
      .name = "h", .format = ingest::DocFormat::kHtml, .text = "<p>not counted</p>"}));
  const LineCounts counted = counter.Take();
  EXPECT_EQ(counted.pages, 5);
  EXPECT_EQ(Sorted(counted), Sorted(ToLineCounts(profile)));
  EXPECT_EQ(counter.Take(), LineCounts{});

  // One page with more distinct long lines than the cap, and one line of
  // them again on a second page.
  SiteProfile::PageLines many{.text = true};
  for (uint64_t k = 1; k <= kLongLinesCap + 10; ++k) many.long_lines.emplace_back(k, false);
  const SiteProfile::PageLines again{.text = true, .long_lines = {{7, true}}};
  SiteProfile capped;
  capped.AddPage(many);
  capped.AddPage(again);
  counter.Add(many);
  counter.Add(again);
  const LineCounts exact = counter.Take();
  EXPECT_EQ(exact.lines.size(), kLongLinesCap + 10);
  EXPECT_LT(ToLineCounts(capped).lines.size(), exact.lines.size());
  auto seven = std::find_if(exact.lines.begin(), exact.lines.end(),
                            [](const LineCount& l) { return l.key == 7; });
  ASSERT_NE(seven, exact.lines.end());
  EXPECT_EQ(seven->pages, 2u);
  EXPECT_EQ(seven->tail_pages, 1u);
  EXPECT_TRUE(seven->long_line);
}

}  // namespace
}  // namespace annals::segment
