// The words that tell an HTML page's boxes beside the article are language
// data (data/lang/LANG/html_*.tsv, issue 21): every row of each table is
// found by html_words.h, in the folder of each language that has one, and
// lines without them are not.
#include "src/segment/html_words.h"

#include "src/common/lang_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

// The first column of table `name` of `folder` whose second column is `kind`
// ("" where the row has none); at least one row, or the table was not
// embedded.
std::vector<std::string> Rows(const std::string& folder, std::string_view name,
                              std::string_view kind = "") {
  std::vector<std::string> out;
  for (const lang::Row& row : lang::Rows(folder, name)) {
    if ((row.size() >= 2 ? row[1] : std::string_view()) == kind) out.emplace_back(row[0]);
  }
  EXPECT_FALSE(out.empty()) << folder << "/" << name << " " << kind;
  return out;
}

size_t Words(const std::string& phrase) {
  return static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

const std::vector<std::string> kAll = {"de", "en", "es", "fr", "it", "nl", "pt", "ru"};

TEST(HtmlWordsTest, TheFoldersAreWordListsNotLanguages) {
  // The folders of the HTML tables alone add no language to detect.
  for (const std::string& folder : kAll) {
    const auto& folders = lang::Folders();
    EXPECT_NE(std::find(folders.begin(), folders.end(), folder), folders.end()) << folder;
  }
  EXPECT_EQ(lang::Languages(), (std::vector<std::string>{"en", "ru"}));
}

TEST(HtmlWordsTest, EveryBoxHeadingHeadsABoxAndLeadsALine) {
  for (const std::string& folder : kAll) {
    for (const std::string& h : Rows(folder, "html_box_headings")) {
      EXPECT_TRUE(IsBoxHeading(h)) << folder << " " << h;
      if (Words(h) < 6) {
        EXPECT_TRUE(IsBoxHeading(h + " lisbon")) << folder << " " << h;
      }
      EXPECT_FALSE(IsBoxHeading(h + " lisbon prague helsinki tallinn riga vilnius"))
          << folder << " " << h;
      EXPECT_TRUE(IsBoxLeadLine(h + ": The Lisbon ferry runs again")) << folder << " " << h;
      EXPECT_TRUE(IsBoxLeadLine("[" + h + "]")) << folder << " " << h;
      EXPECT_FALSE(IsBoxLeadLine("Lisbon " + h + ": the ferry runs again")) << folder << " " << h;
    }
  }
  EXPECT_TRUE(IsBoxHeading("Read more"));
  EXPECT_TRUE(IsBoxHeading("ABOUT THE AUTHOR"));
  EXPECT_FALSE(IsBoxHeading("The Lisbon ferry runs again"));
  EXPECT_FALSE(IsBoxLeadLine("The Lisbon ferry: it runs again"));
}

TEST(HtmlWordsTest, AListingHeadingTakesItsFirstAndLastWordFromOneLanguage) {
  for (const std::string folder : {"de", "en", "es", "fr", "it", "pt", "ru"}) {
    const std::vector<std::string> first = Rows(folder, "html_listing_headings", "first");
    const std::vector<std::string> last = Rows(folder, "html_listing_headings", "last");
    for (const std::string& f : first) {
      for (const std::string& l : last) {
        EXPECT_TRUE(IsBoxHeading(f + " " + l)) << folder << " " << f << " " << l;
        EXPECT_TRUE(IsBoxHeading(f + " lisbon " + l)) << folder << " " << f << " " << l;
        EXPECT_FALSE(IsBoxHeading(f + " lisbon prague helsinki tallinn riga " + l))
            << folder << " " << f << " " << l;
      }
      EXPECT_FALSE(IsBoxHeading(f + " lisbon")) << folder << " " << f;
    }
    for (const std::string& l : last) EXPECT_FALSE(IsBoxHeading("lisbon " + l)) << folder << l;
  }
  // An English first word with a German last word is no listing's heading.
  EXPECT_TRUE(IsBoxHeading("Other stories"));
  EXPECT_TRUE(IsBoxHeading("Weitere Beiträge"));
  EXPECT_FALSE(IsBoxHeading("Other Beiträge"));
}

TEST(HtmlWordsTest, EverySignUpVerbWithANewsletterNounIsACallToTheReader) {
  std::vector<std::string> nouns;
  for (const std::string folder : {"en", "es", "fr", "pt", "ru"}) {
    for (const std::string& n : Rows(folder, "html_newsletter_nouns")) nouns.push_back(n);
  }
  for (const std::string& folder : kAll) {
    for (const std::string& v : Rows(folder, "html_signup_verbs")) {
      for (const std::string& n : nouns) {
        EXPECT_TRUE(IsNewsletterOrFollowLine("The ferry runs. " + v + " " + n + " today"))
            << folder << " " << v << " " << n;
        // The verb must open a sentence.
        EXPECT_FALSE(IsNewsletterOrFollowLine("The Lisbon ferry " + v + " " + n))
            << folder << " " << v << " " << n;
      }
      EXPECT_FALSE(IsNewsletterOrFollowLine(v + " the Lisbon rowing club")) << folder << " " << v;
    }
  }
}

TEST(HtmlWordsTest, EveryFollowVerbWithANetworkOrAHandleIsACallToTheReader) {
  std::vector<std::string> networks;
  for (const std::string folder : {"en", "ru"}) {
    for (const std::string& n : Rows(folder, "html_social_networks")) networks.push_back(n);
  }
  for (const std::string& folder : kAll) {
    for (const std::string& v : Rows(folder, "html_follow_verbs")) {
      for (const std::string& n : networks) {
        EXPECT_TRUE(IsNewsletterOrFollowLine(v + " us on " + n)) << folder << " " << v << " " << n;
      }
      EXPECT_TRUE(IsNewsletterOrFollowLine(v + " @lisbonferry")) << folder << " " << v;
      EXPECT_FALSE(IsNewsletterOrFollowLine(v + " the Lisbon ferry")) << folder << " " << v;
      EXPECT_FALSE(IsNewsletterOrFollowLine(v + " us on " + networks[0] + std::string(400, '.')))
          << folder << " " << v;
    }
  }
  EXPECT_FALSE(IsNewsletterOrFollowLine("The Lisbon ferry is on Twitter"));
}

}  // namespace
}  // namespace annals::segment
