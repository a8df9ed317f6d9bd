#include "src/segment/line_model.h"

#include "src/segment/text_segmenter.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <vector>

namespace annals::segment {
namespace {

std::string Header() { return "feature\ttitle\tdate\tbody\tother\n"; }

TEST(LineModelTest, ScoresAreBiasPlusWeightedFeatures) {
  auto m = LineModel::Parse(Header() +
                                "# a comment\nwords_1\t0\t0\t-1\t2\nnav_words\t0\t0\t0\t0.5\n"
                                "bias\t1\t0\t0.25\t-1\n",
                            "m.tsv");
  ASSERT_TRUE(m) << m.error().message;
  LineFeatures f{};
  f[4 - 1] = 1.0f;  // words_1 is the fourth feature
  ASSERT_EQ(kLineFeatureNames[3], "words_1");
  for (size_t k = 0; k < kLineFeatures; ++k) {
    if (kLineFeatureNames[k] == "nav_words") f[k] = 3.0f;
  }
  const auto s = m->Scores(f);
  EXPECT_FLOAT_EQ(s[static_cast<size_t>(LineRole::kTitle)], 1.0f);
  EXPECT_FLOAT_EQ(s[static_cast<size_t>(LineRole::kBody)], -0.75f);
  EXPECT_FLOAT_EQ(s[static_cast<size_t>(LineRole::kOther)], 2.5f);
  EXPECT_EQ(m->Best(f), LineRole::kOther);
  EXPECT_EQ(m->Best(f, 1u << static_cast<int>(LineRole::kBody)), LineRole::kBody);
}

TEST(LineModelTest, BadFilesSayWhereAndWhy) {
  struct Case {
    std::string tsv, why;
  } cases[] = {
      {"", "no header"},
      {"feature\ttitle\tdate\tbody\n", "columns"},
      {"feature\ttitle\tdate\tother\tbody\nbias\t0\t0\t0\t0\n", "role 3"},
      {Header() + "no_such_feature\t0\t0\t0\t0\nbias\t0\t0\t0\t0\n", "unknown feature"},
      {Header() + "words_1\t0\tx\t0\t0\nbias\t0\t0\t0\t0\n", "not a number"},
      {Header() + "words_1\t0\t0\t0\t0\n", "no bias"},
  };
  for (const Case& c : cases) {
    auto m = LineModel::Parse(c.tsv, "bad.tsv");
    ASSERT_FALSE(m) << c.why;
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(m.error().message.find("bad.tsv:"), std::string::npos) << m.error().message;
    EXPECT_NE(m.error().message.find(c.why), std::string::npos) << m.error().message;
  }
}

TEST(LineModelTest, EmbeddedModelParsesAndNamesEveryFeature) {
  auto m = LineModel::Parse(EmbeddedLineModelTsv(), "embedded");
  ASSERT_TRUE(m) << m.error().message;
  for (std::string_view name : kLineFeatureNames) {
    EXPECT_NE(EmbeddedLineModelTsv().find("\n" + std::string(name) + "\t"), std::string::npos)
        << name << " has no fitted weights: refit (README, Refitting the line model)";
  }
}

TEST(LineModelTest, MissingFileIsAnIoError) {
  SegmentOptions o;
  o.line_model_file = "/nonexistent/line_model.tsv";
  auto m = LineModelFor(o);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kIo);
  EXPECT_NE(m.error().message.find("/nonexistent/line_model.tsv"), std::string::npos);
}

// The segmenter decides navigation lines by the model it is given: with a
// model that finds every line body, a "Go back" line stays in the text.
TEST(LineModelTest, SegmenterDecidesNavigationByTheModel) {
  const std::string page =
      "Spring session opens\n\nThe assembly opened its spring session with a debate on the "
      "budget and the reports of the committees.\n\nGo back\n";
  ingest::Document doc{
      .name = "page.txt", .url = "", .format = ingest::DocFormat::kText, .text = page};
  auto paragraphs = [&](const SegmentOptions& o) {
    PageStories p = SegmentText(doc, SiteProfile(), o);
    std::string all;
    for (const PageStory& s : p.stories) {
      for (const std::string& para : s.paragraphs) all += para + "\n";
    }
    return all;
  };
  EXPECT_EQ(paragraphs(SegmentOptions{}).find("Go back"), std::string::npos);
  const std::string path = ::testing::TempDir() + "line_model_all_body.tsv";
  {
    std::ofstream out(path);
    out << Header() << "bias\t0\t0\t10\t0\n";
  }
  SegmentOptions all_body;
  all_body.line_model_file = path;
  EXPECT_NE(paragraphs(all_body).find("Go back"), std::string::npos);
  std::remove(path.c_str());
}

// A headline is a line of a headline's shape that the model does not find
// to be body: with a model that scores every line as body far above a
// headline, the page's first line is no headline.
TEST(LineModelTest, HeadlineCandidatesAreVetoedByTheModel) {
  ingest::Document doc{.name = "page.txt",
                       .url = "",
                       .format = ingest::DocFormat::kText,
                       .text = "Spring session opens\n\nThe assembly opened its spring session "
                               "with a debate on the budget and the reports of the committees.\n"};
  auto title = [&](const SegmentOptions& o) {
    PageStories p = SegmentText(doc, SiteProfile(), o);
    return p.stories.empty() ? std::string("(none)") : p.stories.back().title;
  };
  EXPECT_EQ(title(SegmentOptions{}), "Spring session opens");
  const std::string path = ::testing::TempDir() + "line_model_no_titles.tsv";
  {
    std::ofstream out(path);
    out << Header() << "bias\t-10\t0\t0\t-10\n";
  }
  SegmentOptions no_titles;
  no_titles.line_model_file = path;
  EXPECT_EQ(title(no_titles), "");
  std::remove(path.c_str());
}

// The features of one line of `rows` (LineFeatureRows' output) by name:
// the row whose text is `text`.
double Feature(const std::string& rows, std::string_view text, std::string_view name) {
  size_t column = 0;
  while (column < kLineFeatures && kLineFeatureNames[column] != name) ++column;
  EXPECT_LT(column, kLineFeatures) << name;
  size_t at = 0;
  while (at < rows.size()) {
    size_t end = rows.find('\n', at);
    if (end == std::string::npos) end = rows.size();
    std::vector<std::string> cols;
    for (size_t c = at; c <= end;) {
      size_t tab = rows.find('\t', c);
      if (tab == std::string::npos || tab > end) tab = end;
      cols.emplace_back(rows.substr(c, tab - c));
      c = tab + 1;
    }
    if (cols.size() == 4 + kLineFeatures && cols[3] == text) return std::stod(cols[4 + column]);
    at = end + 1;
  }
  ADD_FAILURE() << "no line '" << text << "'";
  return -1;
}

// The features a listing's labels and a page's run-together metadata give
// (issue 19: shapes general to sites, not their words).
TEST(LineModelTest, LabelAndMetadataFeatures) {
  ingest::Document doc{.name = "page.txt",
                       .url = "",
                       .format = ingest::DocFormat::kText,
                       .text = "PRESS RELEASE N\u00BA12/SPRING SESSION\n\n"
                               "Assembly opens\n\nJuly 29, 2018\nEnglish\n\n"
                               "The assembly opened its session.\n\n"
                               "Budget adopted\n\nJuly 30, 2018\nEnglish\n\n"
                               "The assembly adopted the budget.\n\n"
                               "Reports heard\n\nJuly 31, 2018\nEnglish\n\n"
                               "The assembly heard the reports.\n\n"
                               "Session of the assembly 11 Feb. 2020 - | Last updated: 10 Feb. "
                               "2020 English French\n\n"
                               "Spring Office, ending long debates in Examplehttp://example.org/ "
                               "News Feed\n"};
  const std::string rows = LineFeatureRows(doc, SiteProfile(), SegmentOptions{});
  // A short line printed three times on the page, each right under a date line.
  EXPECT_EQ(Feature(rows, "English", "short_repeated_on_page"), 1.0);
  EXPECT_EQ(Feature(rows, "English", "short_under_date"), 1.0);
  EXPECT_EQ(Feature(rows, "Assembly opens", "short_repeated_on_page"), 0.0);
  EXPECT_EQ(Feature(rows, "Assembly opens", "short_under_date"), 0.0);
  // Capitals with a sign of Latin-1's upper half (U+00BA) among them.
  EXPECT_GT(Feature(rows, "PRESS RELEASE N\u00BA12/SPRING SESSION", "capitals"), 0.0);
  EXPECT_EQ(Feature(rows, "Assembly opens", "capitals"), 0.0);
  const std::string meta =
      "Session of the assembly 11 Feb. 2020 - | Last updated: 10 Feb. 2020 English French";
  EXPECT_EQ(Feature(rows, meta, "two_dates"), 1.0);
  EXPECT_EQ(Feature(rows, meta, "glued_link"), 0.0);
  const std::string glued = "Spring Office, ending long debates in Examplehttp://example.org/ News Feed";
  EXPECT_EQ(Feature(rows, glued, "glued_link"), 1.0);
  EXPECT_EQ(Feature(rows, glued, "two_dates"), 0.0);
}

// A page dumped as one line past 400 bytes: its two dates near the start
// are metadata run together (two_dates); has_date looks at short lines only.
TEST(LineModelTest, TwoDatesAtTheHeadOfALongLine) {
  std::string meta =
      "Session of the assembly in Lisbon 11 Feb. 2020 - | Revised: 10 Feb. 2020 Deutsch "
      "Suomi";
  std::string line = meta;
  while (line.size() <= 400) line += " Programme of the session with links to photos and audio";
  std::string prose = "The assembly met in Lisbon";
  while (prose.size() <= 400) prose += " and heard the reports of its committees";
  prose += " on 11 Feb. 2020 and 12 Feb. 2020";
  ingest::Document doc{.name = "page.txt",
                       .url = "",
                       .format = ingest::DocFormat::kText,
                       .text = line + "\n\n" + prose + "\n\n" + meta + "\n"};
  const std::string rows = LineFeatureRows(doc, SiteProfile(), SegmentOptions{});
  EXPECT_EQ(Feature(rows, line, "two_dates"), 1.0);
  EXPECT_EQ(Feature(rows, line, "has_date"), 0.0);
  EXPECT_EQ(Feature(rows, prose, "two_dates"), 0.0);  // its dates past the first 400 bytes
  EXPECT_EQ(Feature(rows, meta, "two_dates"), 1.0);
  EXPECT_EQ(Feature(rows, meta, "has_date"), 1.0);
}

}  // namespace
}  // namespace annals::segment
