// Internal to SegmentHtml (html_segmenter.h): what its parts share, split by
// step. html_blocks.cc gives tags and class names their roles and cuts a
// page into blocks; html_article.cc scores the blocks, cleans the article
// and finds its lead; html_meta.cc reads the page's metadata, addresses
// and line shapes; html_segmenter.cc finds the teasers and makes the
// stories. Not for use outside these files.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <re2/set.h>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/segment/html_segmenter.h"
#include "src/common/date.h"
#include "src/common/text.h"
#include "src/ingest/html_doc.h"
#include "src/segment/html_dates.h"
#include "src/segment/html_words.h"
#include "src/segment/text_segmenter.h"

namespace annals::segment::html_internal {

using ingest::HtmlAttr;
using ingest::HtmlDoc;
using ingest::HtmlTag;
constexpr uint32_t kNone = HtmlDoc::kNone;

// ---------------------------------------------------------------------------
// Tag classes.

bool IsBlockTag(HtmlTag t);

// Elements whose content is never article text.
bool IsSkippedTag(HtmlTag t);

// Elements whose content is never text, however much of the page they hold
// (an <iframe>'s content is what browsers without frames show).
bool IsHardSkipped(HtmlTag t);

// Void elements that a browser shows nothing of, wherever they stand: inside
// a sentence (microdata <meta>, <link>) they do not break it.
inline bool RendersNothingInline(HtmlTag t) {
  return t == HtmlTag::kMeta || t == HtmlTag::kLink || t == HtmlTag::kBase;
}

inline bool IsTopLevel(HtmlTag t) {
  return t == HtmlTag::kBody || t == HtmlTag::kHtml || t == HtmlTag::kDocument;
}

inline bool IsHeading(HtmlTag t) {
  return t == HtmlTag::kH1 || t == HtmlTag::kH2 || t == HtmlTag::kH3 || t == HtmlTag::kH4 ||
         t == HtmlTag::kH5 || t == HtmlTag::kH6;
}

// ---------------------------------------------------------------------------
// Small text helpers.

// Code points of valid UTF-8 (continuation bytes not counted).
inline uint32_t CountChars(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Commas of the scripts that use them (Latin, Arabic, CJK full-width...).
uint32_t CountCommas(std::string_view s);

inline std::string Lower(std::string_view s) { return text::AsciiLower(s); }
using text::Contains;

// ---------------------------------------------------------------------------
// Class and id names. The patterns are those of Mozilla's Readability (the
// reader view of Firefox), which were tuned on a wide sample of news sites,
// kept as data (data/lang/en/html_class_cues.tsv, html_words.h).

enum ClassBit : uint16_t {
  kUnlikely = 1 << 0,  // probably not content (menus, comments, sidebars...)
  kMaybe = 1 << 1,     // ...unless it also says "article", "content", "main"
  kPositive = 1 << 2,
  kNegative = 1 << 3,
  kShare = 1 << 4,        // share and follow buttons
  kByline = 1 << 5,       // author and dateline boxes
  kDiscard = 1 << 6,      // boilerplate boxes (trafilatura's discard list)
  kChrome = 1 << 7,       // site chrome whose links are not teasers (menus, footers)
  kBoilerplate = 1 << 8,  // related stories, newsletter, author biography: removed always
};

// The kind of data/lang/LANG/html_class_cues.tsv of each ClassBit, in bit
// order; one pattern per kind, matched together (RE2::Set, one pass).
constexpr std::array<std::string_view, 9> kClassCueKinds = {
    "unlikely", "maybe",   "positive", "negative",   "share",
    "byline",   "discard", "chrome",   "boilerplate"};

class ClassMatcher {
 public:
  ClassMatcher() : set_(Options(), RE2::UNANCHORED) {
    const std::vector<std::string> patterns = ClassCuePatterns(kClassCueKinds);
    for (size_t i = 0; i < patterns.size(); ++i) {
      // An empty pattern would match every name: a kind without cues is none.
      if (patterns[i].empty()) continue;
      // Add returns indices in insertion order.
      if (set_.Add(patterns[i], nullptr) < 0) continue;
      bit_of_.push_back(static_cast<uint16_t>(1u << i));
    }
    set_.Compile();
  }
  // The ClassBits one class or id value matches.
  uint16_t Match(std::string_view s) const {
    if (s.empty()) return 0;
    std::vector<int> hits;
    if (!set_.Match(s, &hits)) return 0;
    uint16_t bits = 0;
    for (int h : hits) bits |= bit_of_[static_cast<size_t>(h)];
    return bits;
  }

 private:
  static RE2::Options Options() {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    // The DFA of the set grows with the class names seen; RE2's default 8 MB
    // makes it start over every few hundred pages of different sites.
    o.set_max_mem(32 << 20);
    return o;
  }
  RE2::Set set_;
  std::vector<uint16_t> bit_of_;
};

inline const ClassMatcher& Matcher() {
  static const ClassMatcher kMatcher;  // immutable after construction
  return kMatcher;
}

// The class bits of the space-separated names of a class or id value: each
// name matched once per page (`cache`, keyed by views into the page).
uint16_t NameBits(std::string_view value, std::unordered_map<std::string_view, uint16_t>* cache);

bool IsHiddenElement(const HtmlDoc& doc, uint32_t n);

bool IsRemovedRole(std::string_view role);

// ---------------------------------------------------------------------------
// The page as blocks: runs of text between block-level boundaries.

struct Block {
  uint32_t owner = 0;  // innermost block-level element
  uint32_t first = 0;  // first and last text node of the run
  uint32_t last = 0;
  std::string text;         // collapsed, trimmed; '\n' for a single <br>
  uint32_t chars = 0;       // code points
  uint32_t link_chars = 0;  // code points inside links
  uint32_t link = kNone;    // the <a> holding most of the text, if any
};

// Per-element statistics of the live (not removed) subtree.
struct Stats {
  int32_t chars = 0;
  float link_chars = 0;  // links to in-page anchors weigh 0.3 (as in Readability)
  int32_t commas = 0;
  int32_t p = 0, img = 0, li = 0, input = 0, embed = 0;
  int32_t heading_chars = 0;
  int32_t list_chars = 0;  // inside <ul>/<ol>

  void Add(const Stats& o, int sign) {
    chars += sign * o.chars;
    link_chars += static_cast<float>(sign) * o.link_chars;
    commas += sign * o.commas;
    p += sign * o.p;
    img += sign * o.img;
    li += sign * o.li;
    input += sign * o.input;
    embed += sign * o.embed;
    heading_chars += sign * o.heading_chars;
    list_chars += sign * o.list_chars;
  }
  float LinkDensity() const { return chars > 0 ? link_chars / static_cast<float>(chars) : 0.f; }
};

enum Flags : int {
  kStripUnlikely = 1,
  kWeightClasses = 2,
  kCleanConditionally = 4,
};

class Page {
 public:
  explicit Page(const HtmlDoc& doc) : doc_(doc), n_(doc.size()) {
    raw_chars_.assign(n_, 0);
    for (uint32_t i = n_ - 1; i >= 1; --i) {
      if (doc_.Tag(i) == HtmlTag::kText) raw_chars_[i] = CountChars(text::Trim(doc_.Text(i)));
      raw_chars_[doc_.Parent(i)] += raw_chars_[i];
    }
    class_bits_.assign(n_, 0);
    weight_.assign(n_, 0);
    // Class and id names, matched name by name (pages repeat a few hundred
    // names over thousands of elements). Readability's class weight:
    // -25/+25 for the class, and again for the id.
    std::unordered_map<std::string_view, uint16_t> names;
    for (uint32_t i = 1; i < n_; ++i) {
      if (doc_.Tag(i) == HtmlTag::kText) continue;
      const uint16_t c = NameBits(doc_.Attr(i, HtmlAttr::kClass), &names);
      const uint16_t d = NameBits(doc_.Attr(i, HtmlAttr::kId), &names);
      int weight = 0;
      for (uint16_t b : {c, d}) {
        if (b & kNegative) weight -= 25;
        if (b & kPositive) weight += 25;
      }
      class_bits_[i] = static_cast<uint16_t>(c | d);
      weight_[i] = static_cast<int8_t>(weight);
    }
  }

  const HtmlDoc& doc() const { return doc_; }
  uint16_t class_bits(uint32_t n) const { return class_bits_[n]; }

  // Runs the extraction with `flags`; fills article_parts_ and removed_.
  void Extract(int flags);

  // Article text blocks (after Extract), in document order.
  std::vector<const Block*> ArticleBlocks() const;
  const std::vector<Block>& blocks() const { return blocks_; }
  const std::vector<uint32_t>& parts() const { return parts_; }
  uint32_t raw_chars(uint32_t n) const { return raw_chars_[n]; }
  uint32_t article_chars() const;
  bool IsRemoved(uint32_t n) const;  // n or an ancestor removed
  // Adds the lead under `headline` (an <h1>, or kNone) to the article: the
  // standfirst or first paragraph that sits between the headline and the
  // article's first block, in an element and class of its own. After Extract.
  void AddLead(uint32_t headline);
  bool IsLead(const Block* b) const {
    return !lead_blocks_.empty() && b == &blocks_[lead_blocks_.front()];
  }

 private:
  void MarkRemoved(int flags);
  void ComputeStats();
  void BuildBlocks();
  uint32_t ChooseTop(int flags, std::vector<float>* score, std::vector<uint8_t>* scored);
  void CleanArticle(int flags);
  // kind: kRemovedByCleaning, or kRemovedConditionally (CleanConditionally).
  void RemoveSubtree(uint32_t n, uint8_t kind = kRemovedByCleaning);
  bool IsLeadBlock(const Block& b, uint32_t common) const;
  bool IsBoxHeadingElement(uint32_t n) const;
  uint32_t RemoveHeadedBox(uint32_t root, uint32_t heading);
  bool CleanConditionally(uint32_t n, int flags) const;
  bool IsDataTable(uint32_t n) const;

  const HtmlDoc& doc_;
  uint32_t n_;
  std::vector<uint16_t> class_bits_;
  std::vector<int8_t> weight_;       // Readability's class weight, -50..50
  std::vector<uint32_t> raw_chars_;  // text code points of each subtree
  // Subtree roots removed: kRemoved (MarkRemoved), kRemovedByCleaning,
  // kRemovedConditionally; 0 where kept.
  std::vector<uint8_t> removed_;
  static constexpr uint8_t kRemoved = 1, kRemovedByCleaning = 2, kRemovedConditionally = 3;
  std::vector<Stats> stats_;
  std::vector<Block> blocks_;
  // What the article is made of: whole subtrees (elements) and single blocks
  // owned by the top candidate's parent (index into blocks_ with the high bit set).
  std::vector<uint32_t> parts_;
  std::vector<uint32_t> part_blocks_;
  std::vector<uint32_t> lead_blocks_;  // indices into blocks_, ascending
};

// True for elements that take a text run's score like a paragraph does.
bool IsScoredOwner(HtmlTag t);

int TagBaseScore(HtmlTag t);

bool HasBlockChild(const HtmlDoc& doc, uint32_t n);

uint32_t ElementChildren(const HtmlDoc& doc, uint32_t n);

// A heading (<h2>-<h6>, or a short line all in <strong>/<b>) whose words
// head a box that is no article text (html_words.h).

// Removes the box `heading` heads: its parent while the heading opens it and
// it is a small part of the article, else the heading and its following
// siblings up to the next heading. Returns the node to go on from.

// ---------------------------------------------------------------------------
// Lines that are not body text.

using text::CountLetterWords;

// A short line made of a date and at most four words ("Updated: 10:48,
// Tue, Nov 19, 2019", "Posted on March 3, 2022 by Admin"); not a quoted post's
// signature ("— Name (@handle) November 18, 2019").
bool IsDateline(std::string_view s, date::Date* out);

// A headline reads as a phrase, not a sentence: not ended by a full stop,
// and not longer than a headline gets.
bool IsHeadlineLike(std::string_view s, const SegmentOptions& options);

// Written in capitals: a promoted story or a call to click between the
// paragraphs ("RELATED STORY HEADLINE", "CLICK HERE TO GET THE APP").
bool IsShouted(std::string_view s);

inline bool IsUrlLine(std::string_view s) {
  return (text::StartsWith(s, "http://") || text::StartsWith(s, "https://") ||
          text::StartsWith(s, "www.")) &&
         s.find(' ') == std::string_view::npos && s.find('\n') == std::string_view::npos;
}

// ---------------------------------------------------------------------------
// URLs and file names.

std::string HostOf(std::string_view url);

// The URL without its fragment.
inline std::string_view WithoutFragment(std::string_view url) { return url.substr(0, url.find('#')); }

int HexValue(char c);

// The last path segment of a URL, percent-decoded when that gives UTF-8.
std::string FileNameOf(std::string_view url);

constexpr std::array<std::string_view, 15> kDocumentExtensions = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt",
    ".ods", ".odp", ".rtf",  ".zip", ".rar",  ".7z",  ".csv"};
constexpr std::array<std::string_view, 6> kImageExtensions = {".jpg", ".jpeg", ".png",
                                                              ".gif", ".webp", ".tif"};

inline bool HasExtension(std::string_view name, std::string_view ext) {
  return name.size() > ext.size() &&
         text::EqualsIgnoreCase(name.substr(name.size() - ext.size()), ext);
}

bool IsDocumentFile(std::string_view name);

bool IsImageFile(std::string_view name);

inline void AddUnique(std::vector<std::string>* v, std::string s) {
  if (s.empty()) return;
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

// ---------------------------------------------------------------------------
// Page metadata: base URL, canonical URL, title and language (the date is
// html_dates' work).

struct Meta {
  std::string base;       // what relative links resolve against
  std::string url;        // the page's own URL (doc.url, else canonical)
  std::string title;      // og:title, JSON-LD headline, or <title>
  std::string title_tag;  // <title>
  std::string language;   // <html lang>, or ""
  std::string canonical;  // <link rel=canonical> or og:url, absolute, or ""
  // The page says it is an article (og:type "article", a JSON-LD article).
  bool declares_article = false;
};

// A date in a machine-readable attribute: ISO 8601 ("2024-07-26T10:00:00+03:00",
// "2024-07-26"), "20240726", or a written date.
bool ParseMetaDate(std::string_view s, date::Date* out);

bool IsArticleType(const nlohmann::json& type);

// Walks JSON-LD (objects, arrays, @graph) iteratively for the article's
// headline.
void ReadJsonLd(std::string_view text, std::string* headline, bool* article_type);

Meta ReadMeta(const HtmlDoc& doc, const std::string& page_url);

// True when `heading` is the page's headline: it matches the metadata title
// or the <title> contains it ("Headline | Site").
bool MatchesTitle(std::string_view heading, const Meta& meta);

// ---------------------------------------------------------------------------
// Extraction of one page.

constexpr int kAllFlags = kStripUnlikely | kWeightClasses | kCleanConditionally;

// Readability's retries: relax the rules while the article is short.
void ExtractArticle(Page* page);

// The <a> elements around the text nodes of a block.
std::vector<uint32_t> LinksOf(const HtmlDoc& doc, const Block& b);

// A teaser is a headline and a lead of a few sentences: news sites print
// 100-600 characters; 1500 leaves room for two paragraphs and a caption.
constexpr uint32_t kMaxTeaserChars = 1500;

struct Teaser {
  uint32_t item = 0;  // the element holding the teaser
  uint32_t link = 0;  // its <a> to the story's own page
  std::string url;
};

class HtmlSegmenter {
 public:
  HtmlSegmenter(const ingest::Document& doc, const SegmentOptions& options)
      : doc_(doc),
        options_(options),
        html_(HtmlDoc::Parse(doc.text)),
        page_(html_),
        meta_(ReadMeta(html_, doc.url)),
        teaser_item_(html_.size(), 0) {
    date::Timestamp fetched;
    if (date::ParseTimestamp(doc.fetched, &fetched)) crawl_ = fetched.date;
    ExtractArticle(&page_);
  }

  PageStories Segment();

 private:
  // The article's paragraphs (or none); fills its other fields.
  std::vector<std::string> ArticleParagraphs(PageStory* story, PageStories* out);
  std::string Resolve(std::string_view href) const { return ingest::ResolveUrl(meta_.base, href); }
  bool InArticle(uint32_t n) const;
  bool IsArticleLink(uint32_t a, std::string* url) const;
  bool IsStandaloneLink(uint32_t a) const;
  std::vector<Teaser> FindTeasers() const;
  PageStory TeaserStory(const Teaser& t) const;
  void ArticleAttachments(PageStory* story, uint32_t headline) const;
  void ArticleDate(PageStory* story, uint32_t headline,
                   const std::vector<const Block*>& blocks);

  const ingest::Document& doc_;
  const SegmentOptions& options_;
  HtmlDoc html_;
  Page page_;
  Meta meta_;
  std::vector<uint8_t> teaser_item_;  // nodes inside a teaser item
  date::Date crawl_;                  // the crawl day, year 0 when unknown
  DateDecision date_decision_;        // how the article's date was chosen

 public:
  const DateDecision& date_decision() const { return date_decision_; }
};

// A link to another page of the site: http(s), not this page, not a file.

// A teaser's link stands for a block of its own (a headline, the teaser's
// text, a photo): it holds blocks, or at least half of its block's text. A
// link inside running text is a reference, not a teaser.

// The node range to read the headline's surroundings from: the <h1> that is
// the page's headline, or kNone.
uint32_t FindHeadline(const HtmlDoc& d, const Meta& meta, uint32_t first_article_node);

std::string TitleFromTitleTag(std::string_view title);

// Documents linked from the article (its body, the headline's surroundings)
// and the images shown in its body.

}  // namespace annals::segment::html_internal
