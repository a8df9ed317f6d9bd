// The English word lists of the text segmenter are language data
// (data/lang/en/segment_*.tsv, issue 21): every row of each table is found by
// the segmenter, and words that are in no table are not.
#include "src/common/lang_table.h"
#include "src/segment/text_segmenter.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

// The first column of the rows of an English table whose second column is
// `kind` ("" where the row has none); at least one row, or the table was not
// embedded.
std::vector<std::string> Rows(std::string_view table, std::string_view kind = "") {
  std::vector<std::string> out;
  for (const lang::Row& row : lang::Rows("en", table)) {
    if ((row.size() >= 2 ? row[1] : std::string_view()) == kind) out.emplace_back(row[0]);
  }
  EXPECT_FALSE(out.empty()) << table << " " << kind;
  return out;
}

// The value of feature `name` of the one unit of a page that is `line`.
std::string Feature(const std::string& line, std::string_view name) {
  ingest::Document doc{.name = "page.txt", .url = "", .format = ingest::DocFormat::kText,
                       .text = line + "\n"};
  const std::string header = LineFeatureHeader();
  const std::string rows = LineFeatureRows(doc, SiteProfile(), SegmentOptions{});
  EXPECT_EQ(rows.find('\n'), rows.size() - 1) << line;  // one unit
  auto column = [](const std::string& s, size_t k) {
    size_t at = 0;
    for (size_t i = 0; i < k && at != std::string::npos; ++i) {
      at = s.find('\t', at);
      if (at != std::string::npos) ++at;
    }
    if (at == std::string::npos) return std::string();
    return s.substr(at, s.find_first_of("\t\n", at) - at);
  };
  for (size_t k = 0;; ++k) {
    const std::string h = column(header, k);
    if (h.empty()) break;
    if (h == name) return column(rows, k);
  }
  ADD_FAILURE() << "no feature " << name;
  return "";
}

std::string Capitalized(std::string w) {
  w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
  return w;
}

TEST(SegmentTables, EveryNavigationWordMakesANavigationLine) {
  const std::vector<std::string> words = Rows("segment_nav_words");
  const std::vector<std::string> heads = Rows("segment_nav_words", "head");
  EXPECT_EQ(words.size() + heads.size(), 40u);
  for (const std::string& h : heads) {
    EXPECT_TRUE(IsNavigationLine(Capitalized(h))) << h;
    EXPECT_TRUE(IsNavigationLine(Capitalized(h) + " to the main page")) << h;
    EXPECT_FALSE(IsNavigationLine(Capitalized(h) + " garden")) << h;
  }
  // A navigation word that is no head makes a navigation line only beside a head.
  for (const std::string& w : words) {
    EXPECT_FALSE(IsNavigationLine(Capitalized(w))) << w;
    EXPECT_TRUE(IsNavigationLine("Back " + w)) << w;
  }
  EXPECT_FALSE(IsNavigationLine("Back to the garden"));
}

TEST(SegmentTables, EveryAttachmentPrefixIsCut) {
  const std::vector<std::string> prefixes = Rows("segment_attachment_prefixes");
  for (size_t i = 0; i < prefixes.size(); ++i) {
    EXPECT_EQ(AttachmentName(Capitalized(prefixes[i]) + " Lisbon plan 2031.pdf"),
              "Lisbon plan 2031.pdf")
        << prefixes[i];
    // Tried in order: a prefix that begins with an earlier one would never be cut.
    for (size_t j = i + 1; j < prefixes.size(); ++j) {
      EXPECT_NE(prefixes[j].rfind(prefixes[i], 0), 0u) << prefixes[i] << " / " << prefixes[j];
    }
  }
  EXPECT_EQ(AttachmentName("Lisbon plan 2031.pdf"), "Lisbon plan 2031.pdf");
  EXPECT_EQ(AttachmentName("Garden: Lisbon plan 2031.pdf"), "Garden: Lisbon plan 2031.pdf");
}

TEST(SegmentTables, EveryDownloadWordMakesAFileNameALinkLabel) {
  for (const std::string& w : Rows("segment_download_words")) {
    EXPECT_EQ(AttachmentName("Helsinki meeting 07.02.2031 " + Capitalized(w) + " plan.pdf"), "")
        << w;
  }
  EXPECT_EQ(AttachmentName("Helsinki meeting 07.02.2031 plan.pdf"),
            "Helsinki meeting 07.02.2031 plan.pdf");
}

TEST(SegmentTables, EveryLinkLabelLeadAndPagerWordMakesAPagerLine) {
  for (const std::string& w : Rows("segment_link_label_leads")) {
    EXPECT_NE(Feature(Capitalized(w) + " here for the full text", "pager_or_link"), "0") << w;
  }
  EXPECT_EQ(Feature("Walk here for the full text", "pager_or_link"), "0");
  for (const std::string& w : Rows("segment_pager_words")) {
    EXPECT_NE(Feature(Capitalized(w) + " 11 - 20", "pager_or_link"), "0") << w;
  }
  EXPECT_EQ(Feature("Gardens 11 - 20", "pager_or_link"), "0");
  // Pager words without a number are no pager line.
  EXPECT_EQ(Feature("Showing pages", "pager_or_link"), "0");
}

TEST(SegmentTables, EveryContinuationWordContinues) {
  for (const std::string& w : Rows("segment_continuation_words")) {
    EXPECT_EQ(Feature(Capitalized(w) + " visited the harbour of Lisbon in spring.", "continues"),
              "1")
        << w;
  }
  EXPECT_EQ(Feature("Delegates visited the harbour of Lisbon in spring.", "continues"), "0");
}

}  // namespace
}  // namespace annals::segment
