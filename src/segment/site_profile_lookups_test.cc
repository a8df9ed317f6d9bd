// The lookups a segmentation makes of a SiteProfile, recorded and checked
// again against a later profile (issue 24, docs/split-invariance.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/segment/site_profile.h"
#include "src/segment/text_segmenter.h"

namespace annals::segment {
namespace {

constexpr std::string_view kMenu = "Weekly digest of the regional office";
constexpr std::string_view kFooter =
    "The Helsinki bureau of the league answers letters on working days only, write to it.";

// Page i of a site: its own text, the menu line on pages with `menu`, and
// the footer at its end.
ingest::Document Page(int i, bool menu) {
  std::string text = "Headline number " + std::to_string(i) +
                     "\n\nA long line of the story text that is only on this one page, number " +
                     std::to_string(i) + ".\n";
  if (menu) text += "\n" + std::string(kMenu) + "\n";
  text += "\n" + std::string(kFooter) + "\n";
  return ingest::Document{.name = "p" + std::to_string(i),
                          .format = ingest::DocFormat::kText,
                          .text = text};
}

TEST(SiteProfileLookupsTest, RecordsOnlyWhileARecorderLives) {
  SiteProfile profile;
  for (int i = 0; i < 4; ++i) profile.AddDocument(Page(i, true));
  std::vector<ProfileLookup> outer, inner;
  profile.IsTemplate(kMenu, SegmentOptions{});  // no recorder: not kept anywhere
  {
    LookupRecorder recording(&outer);
    EXPECT_TRUE(profile.IsTemplate(kMenu, SegmentOptions{}));
    {
      LookupRecorder nested(&inner);
      EXPECT_EQ(profile.LongLineCounts(kFooter).pages, 2);
      EXPECT_TRUE(profile.IsFooter(kFooter, SegmentOptions{}));
    }
    (void)profile.slash_order();
  }
  (void)profile.pages();
  ASSERT_EQ(outer.size(), 2u);
  EXPECT_EQ(outer[0].kind, ProfileLookup::kTemplate);
  EXPECT_EQ(outer[0].answer, 1);
  EXPECT_EQ(outer[1].kind, ProfileLookup::kSlashOrder);
  ASSERT_EQ(inner.size(), 2u);
  EXPECT_EQ(inner[0].kind, ProfileLookup::kLongLine);
  EXPECT_EQ(inner[0].answer, 1);
  EXPECT_EQ(inner[1].kind, ProfileLookup::kFooter);
  EXPECT_EQ(inner[1].answer, 1);
  // A line too long to be template is no lookup: no count can change it.
  std::vector<ProfileLookup> none;
  {
    LookupRecorder recording(&none);
    EXPECT_FALSE(profile.IsTemplate(kFooter, SegmentOptions{}));
  }
  EXPECT_TRUE(none.empty());
}

// A page that holds only the footer line (an "about" stub): the line is
// still the footer, and is cut from the pages that have text of their own.
// Counted as that page's own text (its first long line), it was not, and
// every article that ended with it held that page whole: ingested first,
// the page joined them all in one story (issue 24, docs/split-invariance.md).
TEST(SiteProfileLookupsTest, APageOfTheFooterAloneLeavesItTheFooter) {
  SiteProfile profile;
  for (int i = 0; i < 4; ++i) profile.AddDocument(Page(i, false));
  profile.AddDocument(ingest::Document{.name = "about",
                                       .format = ingest::DocFormat::kText,
                                       .text = "About\n\n" + std::string(kFooter) + "\n"});
  EXPECT_TRUE(profile.IsFooter(kFooter, SegmentOptions{}));
  // A long line that is the first of a page with others (an article's
  // lead, shown at the end of other pages) is no footer.
  profile.AddDocument(ingest::Document{
      .name = "lead",
      .format = ingest::DocFormat::kText,
      .text = std::string(kFooter) +
              "\n\nA second long line of that page, which is its own text.\n"});
  EXPECT_FALSE(profile.IsFooter(kFooter, SegmentOptions{}));
}

// The answers change only when a threshold is crossed: more pages that
// keep every answer leave the recorded lookups valid; a page that makes
// the menu line template (or drops it under the share) does not.
TEST(SiteProfileLookupsTest, AnswersAsRecordedFollowsTheThresholds) {
  const SegmentOptions options;
  SiteProfile profile;
  // The menu on 2 pages of 4: not template (3 pages needed).
  for (int i = 0; i < 4; ++i) profile.AddDocument(Page(i, i < 2));
  std::vector<ProfileLookup> lookups;
  PageStories before;
  {
    LookupRecorder recording(&lookups);
    before = SegmentText(Page(9, true), profile, options);
  }
  const std::string packed = PackLookups(lookups, options);
  EXPECT_TRUE(profile.AnswersAsRecorded(packed, options));
  bool asked_menu = false;
  for (const ProfileLookup& l : lookups) {
    if (l.kind == ProfileLookup::kTemplate && l.answer == 0) asked_menu = true;
  }
  EXPECT_TRUE(asked_menu);

  // One more page without the menu: 2 of 5, still not template; the
  // footer (on every page, at the tail) stays a footer.
  SiteProfile more = profile;
  more.AddDocument(Page(4, false));
  EXPECT_TRUE(more.AnswersAsRecorded(packed, options));

  // A third page with the menu: 3 of 5 = 60%, template now.
  SiteProfile crossed = profile;
  crossed.AddDocument(Page(5, true));
  EXPECT_TRUE(crossed.IsTemplate(kMenu, options));
  EXPECT_FALSE(crossed.AnswersAsRecorded(packed, options));
  // And the page's stories do change: the menu line is dropped.
  const PageStories after = SegmentText(Page(9, true), crossed, options);
  auto all_text = [](const PageStories& page) {
    std::string out;
    for (const auto& s : page.stories) {
      out += s.title + "\n";
      for (const auto& p : s.paragraphs) out += p + "\n";
    }
    return out;
  };
  const std::string before_text = all_text(before), after_text = all_text(after);
  EXPECT_NE(before_text.find(kMenu), std::string::npos);
  EXPECT_EQ(after_text.find(kMenu), std::string::npos);
}

// Every line a segmentation asks about is one ProfileLinesAsked names,
// whatever the profile answers (an ingest of a few pages reads the stored
// counts of those lines alone): pages with a menu and a footer, a
// paragraph wrapped over lines, a leading date split off its line, a line
// too long to be template, a blank-separated list of teasers.
TEST(SiteProfileLookupsTest, LinesAskedNameEveryLineLookedUp) {
  std::vector<ingest::Document> docs;
  for (int i = 0; i < 3; ++i) docs.push_back(Page(i, i != 1));
  std::string text =
      "Home | News | Contact\n\n"
      "12.03.2024 The council met in the capital to discuss the budget of the year\n\n"
      "The ministers agreed on the plan after a long debate that\n"
      "lasted into the night, and the chair closed the meeting.\n\n"
      "Short line here\n"
      "Another short line\n\n"
      "A teaser of another story that repeats on many pages of the site, as teasers do.\n"
      "Read more\n\n" +
      std::string(kFooter) + "\n";
  docs.push_back(
      ingest::Document{.name = "wrapped", .format = ingest::DocFormat::kText, .text = text});
  SiteProfile empty, counted;
  for (const ingest::Document& d : docs) counted.AddDocument(d);
  for (int i = 3; i < 6; ++i) counted.AddDocument(Page(i, true));
  for (const SiteProfile* profile : {&empty, &counted}) {
    for (const ingest::Document& doc : docs) {
      std::vector<std::pair<bool, uint64_t>> asked;
      ProfileLinesAsked(doc, &asked);
      std::vector<ProfileLookup> lookups;
      {
        LookupRecorder recording(&lookups);
        (void)SegmentText(doc, *profile, SegmentOptions{});
      }
      size_t keyed = 0;
      for (const ProfileLookup& l : lookups) {
        if (l.kind == ProfileLookup::kSlashOrder || l.kind == ProfileLookup::kPages) continue;
        ++keyed;
        const std::pair<bool, uint64_t> line(l.kind != ProfileLookup::kTemplate, l.key);
        EXPECT_NE(std::find(asked.begin(), asked.end(), line), asked.end())
            << doc.name << ": lookup of kind " << int(l.kind) << " not named";
      }
      EXPECT_GT(keyed, 0u) << doc.name;
    }
  }
}

// The same on the text pages of the dev sites (shared/data/dev), each
// segmented with the profile of its site's pages.
TEST(SiteProfileLookupsTest, LinesAskedNameEveryLineLookedUpOnDevPages) {
  const char* shared = std::getenv("ANNALS_SHARED_DIR");
  ASSERT_NE(shared, nullptr);
  namespace fs = std::filesystem;
  size_t pages = 0;
  for (const char* group : {"sites", "sites-ru"}) {
    const fs::path root = fs::path(shared) / "data" / "dev" / group;
    ASSERT_TRUE(fs::is_directory(root)) << root;
    for (const fs::directory_entry& site : fs::directory_iterator(root)) {
      std::vector<ingest::Document> docs;
      for (const fs::directory_entry& f : fs::directory_iterator(site.path() / "pages")) {
        std::ifstream in(f.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        docs.push_back(ingest::Document{
            .name = f.path().string(), .format = ingest::DocFormat::kText, .text = text.str()});
      }
      SiteProfile profile;
      for (const ingest::Document& d : docs) profile.AddDocument(d);
      for (const ingest::Document& doc : docs) {
        std::vector<std::pair<bool, uint64_t>> asked;
        ProfileLinesAsked(doc, &asked);
        std::sort(asked.begin(), asked.end());
        std::vector<ProfileLookup> lookups;
        {
          LookupRecorder recording(&lookups);
          (void)SegmentText(doc, profile, SegmentOptions{});
        }
        for (const ProfileLookup& l : lookups) {
          if (l.kind == ProfileLookup::kSlashOrder || l.kind == ProfileLookup::kPages) continue;
          const std::pair<bool, uint64_t> line(l.kind != ProfileLookup::kTemplate, l.key);
          ASSERT_TRUE(std::binary_search(asked.begin(), asked.end(), line))
              << doc.name << ": lookup of kind " << int(l.kind) << " not named";
        }
        ++pages;
      }
    }
  }
  EXPECT_GT(pages, 100u);
}

TEST(SiteProfileLookupsTest, OtherOptionsOrDamagedBytesAreNotAsRecorded) {
  SiteProfile profile;
  for (int i = 0; i < 4; ++i) profile.AddDocument(Page(i, true));
  const SegmentOptions options;
  std::vector<ProfileLookup> lookups;
  {
    LookupRecorder recording(&lookups);
    (void)SegmentText(Page(7, true), profile, options);
  }
  const std::string packed = PackLookups(lookups, options);
  EXPECT_TRUE(profile.AnswersAsRecorded(packed, options));
  SegmentOptions other = options;
  other.template_min_share = 0.5;
  EXPECT_FALSE(profile.AnswersAsRecorded(packed, other));
  EXPECT_FALSE(profile.AnswersAsRecorded("", options));
  EXPECT_FALSE(profile.AnswersAsRecorded(packed.substr(0, packed.size() - 1), options));
  std::string bad_kind = packed;
  bad_kind[10] = 99;
  EXPECT_FALSE(profile.AnswersAsRecorded(bad_kind, options));
}

}  // namespace
// Word starts counted eight bytes at a time agree with a count byte by
// byte, words parted by spaces and tabs, at every place of the 8-byte
// blocks (runs of spaces across their edges, multi-byte letters).
TEST(TooLongForTemplateTest, AgreesWithByteByByteCount) {
  auto model = [](std::string_view s) {
    size_t n = 0;
    bool in = false;
    for (char c : s) {
      const bool space = c == ' ' || c == '\t';
      if (!space && !in) ++n;
      in = !space;
    }
    return n > kTemplateMaxWords;
  };
  const std::string_view pieces[] = {"a", "bc", " ", "\t", "  ", "\xC3\xA9", "word", "\n", "!"};
  uint64_t state = 7;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t len = static_cast<size_t>(round % 60);
    while (s.size() < len) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      s += pieces[(state >> 33) % std::size(pieces)];
    }
    ASSERT_EQ(TooLongForTemplate(s), model(s)) << "[" << s << "]";
  }
  EXPECT_FALSE(TooLongForTemplate("one two three four five six seven eight"));
  EXPECT_TRUE(TooLongForTemplate("one two three four five six seven eight nine"));
  EXPECT_FALSE(TooLongForTemplate("one\ttwo\t\tthree four five six seven eight  "));
  EXPECT_TRUE(TooLongForTemplate("1 2 3 4 5 6 7 8\t9"));
}

}  // namespace annals::segment
