// The words that tell an HTML page's boxes beside the article are language
// data (data/lang/LANG/html_*.tsv, issue 21): every row of each table is
// found by html_words.h, in the folder of each language that has one, and
// lines without them are not.
#include "src/segment/html_words.h"

#include "src/common/lang_table.h"
#include "src/ingest/html_doc.h"
#include "src/segment/html_dates.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
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

TEST(HtmlWordsTest, EveryClassCueMarksANameOfItsKind) {
  const std::vector<std::string_view> kinds = {"unlikely", "positive", "maybe", "negative", "share",
                                               "byline",   "discard",  "chrome", "boilerplate"};
  const std::vector<std::string> patterns = ClassCuePatterns(kinds);
  ASSERT_EQ(patterns.size(), kinds.size());
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  size_t rows = 0;
  for (size_t k = 0; k < kinds.size(); ++k) {
    const RE2 kind(patterns[k], options);
    ASSERT_TRUE(kind.ok()) << kinds[k] << ": " << kind.error();
    for (const std::string& p : Rows("en", "html_class_cues", kinds[k])) {
      ++rows;
      const RE2 row(p, options);
      EXPECT_TRUE(row.ok()) << p << ": " << row.error();
      // A cue that is a plain name marks that name, in any case, inside a
      // longer one too.
      if (p.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos) {
        EXPECT_TRUE(RE2::PartialMatch(p, kind)) << kinds[k] << " " << p;
        std::string upper = p;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        EXPECT_TRUE(RE2::PartialMatch("x" + upper + "x", kind)) << kinds[k] << " " << p;
      }
    }
    EXPECT_FALSE(RE2::PartialMatch("lisbon", kind)) << kinds[k];
  }
  EXPECT_EQ(rows, lang::Rows("en", "html_class_cues").size());  // every row has a known kind
  // Patterns with word bounds, checked by hand.
  const RE2 share(patterns[4], options), discard(patterns[6], options);
  EXPECT_TRUE(RE2::PartialMatch("share", share));
  EXPECT_TRUE(RE2::PartialMatch("post_share", share));
  EXPECT_FALSE(RE2::PartialMatch("shared-folder", share));
  EXPECT_TRUE(RE2::PartialMatch("tags", discard));
  EXPECT_FALSE(RE2::PartialMatch("hashtags", discard));
  const RE2 negative(patterns[3], options);
  EXPECT_TRUE(RE2::PartialMatch("hid", negative));
  EXPECT_FALSE(RE2::PartialMatch("hide", negative));
  EXPECT_EQ(ClassCuePatterns(std::vector<std::string_view>{"no such kind"}),
            std::vector<std::string>{""});
}

// The date evidence FindPublicationDate reads from a page (headline: its
// first <h1>; body: the first <p> after it).
std::vector<DateEvidence> Evidence(const std::string& html) {
  const ingest::HtmlDoc doc = ingest::HtmlDoc::Parse(html);
  DateContext ctx;
  for (uint32_t i = 1; i < doc.size(); ++i) {
    if (doc.Tag(i) == ingest::HtmlTag::kH1 && ctx.headline == ingest::HtmlDoc::kNone) {
      ctx.headline = i;
    } else if (doc.Tag(i) == ingest::HtmlTag::kP && ctx.headline != ingest::HtmlDoc::kNone) {
      ctx.body = i;
      break;
    }
  }
  return FindPublicationDate(doc, ctx).evidence;
}

// The kinds of the evidence of `source`, as letters: p(ublished), m(odified), u(nknown).
std::string Kinds(const std::vector<DateEvidence>& evidence, DateSource source) {
  std::string out;
  for (const DateEvidence& e : evidence) {
    if (e.source != source) continue;
    out += e.kind == DateKind::kPublished ? 'p' : e.kind == DateKind::kModified ? 'm' : 'u';
  }
  return out;
}

TEST(HtmlWordsTest, EveryDateKeyTellsWhatAMetaDateIs) {
  const std::vector<std::pair<std::string_view, std::string>> kinds = {
      {"not_date", ""}, {"modified", "m"}, {"published", "p"}, {"generic", "u"}};
  for (const auto& [kind, want] : kinds) {
    for (const std::string& key : Rows("en", "html_date_keys", kind)) {
      const std::string page = "<html><head><meta name=\"" + key +
                               "\" content=\"2031-01-14\"></head><body><h1>T</h1></body></html>";
      EXPECT_EQ(Kinds(Evidence(page), DateSource::kMeta), want) << kind << " " << key;
    }
  }
  EXPECT_EQ(Kinds(Evidence("<meta name=\"lisbon\" content=\"2031-01-14\"><h1>T</h1>"),
                  DateSource::kMeta),
            "");
}

TEST(HtmlWordsTest, EveryDateElementCueMakesAnElementsDateEvidence) {
  auto page = [](const std::string& cls) {
    return "<h1>T</h1><div><span class=\"" + cls + "\">Tue, 14 Jan 2031</span></div>" +
           "<p>The ferry to Lisbon runs again on Monday, with all twelve boats.</p>";
  };
  for (const std::string folder : {"de", "en", "es", "it", "pt"}) {
    for (const std::string& cue : Rows(folder, "html_date_keys", "date_element")) {
      EXPECT_EQ(Kinds(Evidence(page("x" + cue + "x")), DateSource::kDateElement).size(), 1u)
          << folder << " " << cue;
      for (const std::string& no : Rows("en", "html_date_keys", "not_date_element")) {
        EXPECT_EQ(Kinds(Evidence(page("x" + cue + "x " + no)), DateSource::kDateElement), "")
            << folder << " " << cue << " " << no;
      }
      for (const std::string& box : Rows("en", "html_date_keys", "comment_box")) {
        EXPECT_EQ(Kinds(Evidence("<div class=\"" + box + "\">" + page("x" + cue + "x") + "</div>"),
                        DateSource::kDateElement),
                  "")
            << folder << " " << cue << " " << box;
      }
    }
  }
  EXPECT_EQ(Kinds(Evidence(page("lisbon")), DateSource::kDateElement), "");
}

TEST(HtmlWordsTest, AModifiedClassIsNoDateLine) {
  auto page = [](const std::string& cls) {
    return "<h1>T</h1><div><b class=\"" + cls + "\">Tue, 14 Jan 2031</b></div>" +
           "<p>The ferry to Lisbon runs again on Monday, with all twelve boats.</p>";
  };
  EXPECT_EQ(Kinds(Evidence(page("lisbon")), DateSource::kDateline), "p");
  for (const std::string& cls : Rows("en", "html_date_keys", "modified_class")) {
    EXPECT_EQ(Kinds(Evidence(page("x" + cls + "x")), DateSource::kDateline), "") << cls;
  }
}

}  // namespace
}  // namespace annals::segment
