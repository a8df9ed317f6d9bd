#include "src/segment/html_segmenter.h"

#include "src/common/date.h"
#include "src/common/text.h"
#include "src/ingest/html_doc.h"
#include "src/segment/html_dates.h"
#include "src/segment/html_words.h"
#include "src/segment/text_segmenter.h"

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

namespace annals::segment {
namespace {

using ingest::HtmlAttr;
using ingest::HtmlDoc;
using ingest::HtmlTag;
constexpr uint32_t kNone = HtmlDoc::kNone;

// ---------------------------------------------------------------------------
// Tag classes.

bool IsBlockTag(HtmlTag t) {
  switch (t) {
    case HtmlTag::kDocument:
    case HtmlTag::kAddress:
    case HtmlTag::kArticle:
    case HtmlTag::kAside:
    case HtmlTag::kBlockquote:
    case HtmlTag::kBody:
    case HtmlTag::kCaption:
    case HtmlTag::kDd:
    case HtmlTag::kDetails:
    case HtmlTag::kDialog:
    case HtmlTag::kDiv:
    case HtmlTag::kDl:
    case HtmlTag::kDt:
    case HtmlTag::kFieldset:
    case HtmlTag::kFigcaption:
    case HtmlTag::kFigure:
    case HtmlTag::kFooter:
    case HtmlTag::kForm:
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
    case HtmlTag::kHeader:
    case HtmlTag::kHr:
    case HtmlTag::kHtml:
    case HtmlTag::kLegend:
    case HtmlTag::kLi:
    case HtmlTag::kMain:
    case HtmlTag::kMenu:
    case HtmlTag::kNav:
    case HtmlTag::kOl:
    case HtmlTag::kP:
    case HtmlTag::kPre:
    case HtmlTag::kSection:
    case HtmlTag::kSummary:
    case HtmlTag::kTable:
    case HtmlTag::kTbody:
    case HtmlTag::kTd:
    case HtmlTag::kTfoot:
    case HtmlTag::kTh:
    case HtmlTag::kThead:
    case HtmlTag::kTr:
    case HtmlTag::kUl:
      return true;
    default:
      return false;
  }
}

// Elements whose content is never article text.
bool IsSkippedTag(HtmlTag t) {
  switch (t) {
    case HtmlTag::kHead:
    case HtmlTag::kScript:
    case HtmlTag::kStyle:
    case HtmlTag::kNoscript:
    case HtmlTag::kTemplate:
    case HtmlTag::kSvg:
    case HtmlTag::kSelect:
    case HtmlTag::kOption:
    case HtmlTag::kTextarea:
    case HtmlTag::kButton:
    case HtmlTag::kIframe:
    case HtmlTag::kObject:
    case HtmlTag::kEmbed:
    case HtmlTag::kCanvas:
    case HtmlTag::kAudio:
    case HtmlTag::kVideo:
    case HtmlTag::kInput:
    case HtmlTag::kDialog:
    case HtmlTag::kMeta:
    case HtmlTag::kLink:
    case HtmlTag::kTitle:
    case HtmlTag::kBase:
      return true;
    default:
      return false;
  }
}

// Elements whose content is never text, however much of the page they hold
// (an <iframe>'s content is what browsers without frames show).
bool IsHardSkipped(HtmlTag t) {
  return t == HtmlTag::kHead || t == HtmlTag::kScript || t == HtmlTag::kStyle ||
         t == HtmlTag::kNoscript || t == HtmlTag::kTemplate || t == HtmlTag::kSvg ||
         t == HtmlTag::kTitle || t == HtmlTag::kTextarea || t == HtmlTag::kOption ||
         t == HtmlTag::kSelect || t == HtmlTag::kIframe || t == HtmlTag::kObject ||
         t == HtmlTag::kEmbed || t == HtmlTag::kCanvas || t == HtmlTag::kAudio ||
         t == HtmlTag::kVideo || t == HtmlTag::kMeta || t == HtmlTag::kLink || t == HtmlTag::kBase;
}

// Void elements that a browser shows nothing of, wherever they stand: inside
// a sentence (microdata <meta>, <link>) they do not break it.
bool RendersNothingInline(HtmlTag t) {
  return t == HtmlTag::kMeta || t == HtmlTag::kLink || t == HtmlTag::kBase;
}

bool IsTopLevel(HtmlTag t) {
  return t == HtmlTag::kBody || t == HtmlTag::kHtml || t == HtmlTag::kDocument;
}

bool IsHeading(HtmlTag t) {
  return t == HtmlTag::kH1 || t == HtmlTag::kH2 || t == HtmlTag::kH3 || t == HtmlTag::kH4 ||
         t == HtmlTag::kH5 || t == HtmlTag::kH6;
}

// ---------------------------------------------------------------------------
// Small text helpers.

// Code points of valid UTF-8 (continuation bytes not counted).
uint32_t CountChars(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Commas of the scripts that use them (Latin, Arabic, CJK full-width...).
uint32_t CountCommas(std::string_view s) {
  uint32_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ',') {
      ++n;
    } else if (c == 0xD8 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x8C) {
      ++n;  // U+060C Arabic comma
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
               static_cast<unsigned char>(s[i + 2]) == 0x8C) {
      ++n;  // U+FF0C full-width comma
    } else if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               static_cast<unsigned char>(s[i + 2]) == 0x81) {
      ++n;  // U+3001 ideographic comma
    }
  }
  return n;
}

std::string Lower(std::string_view s) { return text::AsciiLower(s); }
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

const ClassMatcher& Matcher() {
  static const ClassMatcher kMatcher;  // immutable after construction
  return kMatcher;
}

// The class bits of the space-separated names of a class or id value: each
// name matched once per page (`cache`, keyed by views into the page).
uint16_t NameBits(std::string_view value, std::unordered_map<std::string_view, uint16_t>* cache) {
  uint16_t bits = 0;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && value[i] == ' ') ++i;
    size_t j = i;
    while (j < value.size() && value[j] != ' ') ++j;
    if (j > i) {
      const std::string_view token = value.substr(i, j - i);
      auto [it, added] = cache->try_emplace(token, 0);
      if (added) it->second = Matcher().Match(token);
      bits |= it->second;
    }
    i = j;
  }
  return bits;
}

bool IsHiddenElement(const HtmlDoc& doc, uint32_t n) {
  if (doc.HasAttr(n, HtmlAttr::kHidden)) return true;
  if (doc.Attr(n, HtmlAttr::kAriaHidden) == "true") return true;
  std::string_view style = doc.Attr(n, HtmlAttr::kStyle);
  if (!style.empty()) {
    std::string s = Lower(style);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (Contains(s, "display:none") || Contains(s, "visibility:hidden")) return true;
  }
  return false;
}

bool IsRemovedRole(std::string_view role) {
  for (std::string_view r :
       {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}) {
    if (role == r) return true;
  }
  return false;
}

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

bool Page::IsRemoved(uint32_t n) const {
  for (uint32_t p = n; p != kNone; p = doc_.Parent(p)) {
    if (removed_[p]) return true;
  }
  return false;
}

void Page::MarkRemoved(int flags) {
  removed_.assign(n_, 0);
  for (uint32_t i = 1; i < n_;) {
    const HtmlTag t = doc_.Tag(i);
    if (t == HtmlTag::kText) {
      ++i;
      continue;
    }
    bool remove = IsSkippedTag(t) || IsHiddenElement(doc_, i) || t == HtmlTag::kNav ||
                  t == HtmlTag::kFigcaption;
    // Author and dateline boxes (Readability's byline test).
    if (!remove && raw_chars_[i] < 100 &&
        ((class_bits_[i] & kByline) || doc_.Attr(i, HtmlAttr::kRel) == "author" ||
         Contains(doc_.Attr(i, HtmlAttr::kItemprop), "author"))) {
      remove = true;
    }
    if (!remove && IsRemovedRole(doc_.Attr(i, HtmlAttr::kRole))) remove = true;
    if (!remove && (flags & kStripUnlikely) && (class_bits_[i] & kUnlikely) &&
        !(class_bits_[i] & kMaybe) && t != HtmlTag::kBody && t != HtmlTag::kA &&
        t != HtmlTag::kHtml && t != HtmlTag::kArticle && t != HtmlTag::kMain &&
        doc_.AncestorWithTag(i, HtmlTag::kTable) == kNone &&
        doc_.AncestorWithTag(i, HtmlTag::kCode) == kNone) {
      remove = true;
    }
    if (!remove && (flags & kStripUnlikely) && (class_bits_[i] & kDiscard) && t != HtmlTag::kBody &&
        t != HtmlTag::kHtml && t != HtmlTag::kMain && raw_chars_[i] * 5 < raw_chars_[0] * 2) {
      remove = true;
    }
    if (!remove && (class_bits_[i] & kBoilerplate) && !IsTopLevel(t) && t != HtmlTag::kMain &&
        t != HtmlTag::kArticle && raw_chars_[i] * 5 < raw_chars_[0] * 2) {
      remove = true;
    }
    // A box that holds nearly all of the page's text is no menu, sidebar or
    // button: it is one whose end tag was missing, and the parser nested the
    // rest of the page in it.
    if (remove && !IsHardSkipped(t) && raw_chars_[0] > 0 &&
        raw_chars_[i] * 5 >= raw_chars_[0] * 4) {
      remove = false;
    }
    if (remove) {
      removed_[i] = kRemoved;
      i = doc_.End(i);
      continue;
    }
    ++i;
  }
}

void Page::ComputeStats() {
  stats_.assign(n_, Stats{});
  // Own contributions, skipping removed subtrees; `link` tracks the open <a>.
  std::vector<uint32_t> open_links;
  std::vector<uint32_t> open_lists;
  for (uint32_t i = 1; i < n_;) {
    if (removed_[i]) {
      i = doc_.End(i);
      continue;
    }
    while (!open_links.empty() && i >= doc_.End(open_links.back())) open_links.pop_back();
    while (!open_lists.empty() && i >= doc_.End(open_lists.back())) open_lists.pop_back();
    const HtmlTag t = doc_.Tag(i);
    Stats& s = stats_[i];
    switch (t) {
      case HtmlTag::kText: {
        std::string_view text = doc_.Text(i);
        const uint32_t c = CountChars(text::Trim(text));
        s.chars = static_cast<int32_t>(c);
        s.commas = static_cast<int32_t>(CountCommas(text));
        if (!open_links.empty()) {
          const bool in_page = text::StartsWith(doc_.Attr(open_links.back(), HtmlAttr::kHref), "#");
          s.link_chars = static_cast<float>(c) * (in_page ? 0.3f : 1.f);
        }
        if (!open_lists.empty()) s.list_chars = s.chars;
        const HtmlTag parent = doc_.Tag(doc_.Parent(i));
        if (IsHeading(parent) || doc_.AncestorWithTag(i, HtmlTag::kH2) != kNone ||
            doc_.AncestorWithTag(i, HtmlTag::kH3) != kNone) {
          s.heading_chars = s.chars;
        }
        break;
      }
      case HtmlTag::kA:
        open_links.push_back(i);
        break;
      case HtmlTag::kUl:
      case HtmlTag::kOl:
        open_lists.push_back(i);
        break;
      case HtmlTag::kP:
        s.p = 1;
        break;
      case HtmlTag::kImg:
        s.img = 1;
        break;
      case HtmlTag::kLi:
        s.li = 1;
        break;
      default:
        break;
    }
    ++i;
  }
  // Skipped elements still count as inputs and embeds for cleaning.
  for (uint32_t i = 1; i < n_; ++i) {
    const HtmlTag t = doc_.Tag(i);
    if (t == HtmlTag::kInput) stats_[i].input = 1;
    if (t == HtmlTag::kIframe || t == HtmlTag::kObject || t == HtmlTag::kEmbed) stats_[i].embed = 1;
  }
  for (uint32_t i = n_ - 1; i >= 1; --i) {
    if (removed_[i]) continue;
    const uint32_t p = doc_.Parent(i);
    if (p != kNone) stats_[p].Add(stats_[i], +1);
  }
}

void Page::BuildBlocks() {
  blocks_.clear();
  Block cur;
  bool open = false;
  int pending_br = 0;
  std::vector<uint32_t> stack;  // open elements
  std::vector<uint32_t> owners{0};
  std::vector<uint32_t> links;
  uint32_t link_for_text = kNone;
  uint32_t link_text_chars = 0;

  auto flush = [&] {
    if (!open) return;
    open = false;
    while (!cur.text.empty() && (cur.text.back() == ' ' || cur.text.back() == '\n')) {
      cur.text.pop_back();
    }
    size_t start = 0;
    while (start < cur.text.size() && (cur.text[start] == ' ' || cur.text[start] == '\n')) ++start;
    cur.text.erase(0, start);
    if (!cur.text.empty()) {
      cur.chars = CountChars(cur.text);
      if (link_for_text != kNone && link_text_chars * 2 >= cur.chars) cur.link = link_for_text;
      blocks_.push_back(std::move(cur));
    }
    cur = Block{};
    link_for_text = kNone;
    link_text_chars = 0;
  };
  auto close = [&](uint32_t e) {
    const HtmlTag t = doc_.Tag(e);
    if (IsBlockTag(t)) {
      flush();
      owners.pop_back();
    }
    if (t == HtmlTag::kA) links.pop_back();
  };

  for (uint32_t i = 1; i < n_;) {
    while (!stack.empty() && i >= doc_.End(stack.back())) {
      close(stack.back());
      stack.pop_back();
    }
    if (removed_[i]) {
      const HtmlTag t = doc_.Tag(i);
      if (IsBlockTag(t) || (IsSkippedTag(t) && !RendersNothingInline(t))) flush();
      i = doc_.End(i);
      continue;
    }
    const HtmlTag t = doc_.Tag(i);
    if (t == HtmlTag::kText) {
      std::string_view text = doc_.Text(i);
      if (text == " " && !open) {
        ++i;
        continue;
      }
      if (!open) {
        open = true;
        cur.owner = owners.back();
        cur.first = i;
      }
      if (pending_br > 0 && !cur.text.empty()) cur.text.push_back('\n');
      pending_br = 0;
      if (!text.empty() && text.front() == ' ' && !cur.text.empty() &&
          (cur.text.back() == ' ' || cur.text.back() == '\n')) {
        text.remove_prefix(1);
      }
      cur.text.append(text);
      cur.last = i;
      if (!links.empty()) {
        const uint32_t c = CountChars(text);
        cur.link_chars += c;
        if (link_for_text == kNone || link_for_text == links.front()) {
          link_for_text = links.front();
          link_text_chars += c;
        }
      }
      ++i;
      continue;
    }
    if (t == HtmlTag::kBr) {
      if (open) {
        ++pending_br;
        if (pending_br >= 2) {
          flush();
          pending_br = 0;
        }
      }
      i = doc_.End(i);
      continue;
    }
    if (IsBlockTag(t)) {
      flush();
      pending_br = 0;
      owners.push_back(i);
    } else if (t == HtmlTag::kImg && open && !cur.text.empty() && cur.text.back() != ' ') {
      cur.text.push_back(' ');
    }
    if (t == HtmlTag::kA) links.push_back(i);
    stack.push_back(i);
    ++i;
  }
  while (!stack.empty()) {
    close(stack.back());
    stack.pop_back();
  }
  flush();
}

// True for elements that take a text run's score like a paragraph does.
bool IsScoredOwner(HtmlTag t) {
  switch (t) {
    case HtmlTag::kP:
    case HtmlTag::kPre:
    case HtmlTag::kTd:
    case HtmlTag::kSection:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
    case HtmlTag::kDiv:
    case HtmlTag::kArticle:
    case HtmlTag::kMain:
      return true;
    default:
      return false;
  }
}

int TagBaseScore(HtmlTag t) {
  switch (t) {
    case HtmlTag::kDiv:
      return 5;
    case HtmlTag::kPre:
    case HtmlTag::kTd:
    case HtmlTag::kBlockquote:
      return 3;
    case HtmlTag::kAddress:
    case HtmlTag::kOl:
    case HtmlTag::kUl:
    case HtmlTag::kDl:
    case HtmlTag::kDd:
    case HtmlTag::kDt:
    case HtmlTag::kLi:
    case HtmlTag::kForm:
      return -3;
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
    case HtmlTag::kTh:
      return -5;
    default:
      return 0;
  }
}

bool HasBlockChild(const HtmlDoc& doc, uint32_t n) {
  for (uint32_t c = doc.FirstChild(n); c != kNone; c = doc.NextSibling(c)) {
    if (IsBlockTag(doc.Tag(c))) return true;
  }
  return false;
}

uint32_t ElementChildren(const HtmlDoc& doc, uint32_t n) {
  uint32_t k = 0;
  for (uint32_t c = doc.FirstChild(n); c != kNone; c = doc.NextSibling(c)) {
    k += doc.Tag(c) != HtmlTag::kText;
  }
  return k;
}

uint32_t Page::ChooseTop(int flags, std::vector<float>* score, std::vector<uint8_t>* scored) {
  score->assign(n_, 0.f);
  scored->assign(n_, 0);
  std::vector<uint32_t> candidates;
  auto init = [&](uint32_t e) {
    if ((*scored)[e]) return;
    (*scored)[e] = 1;
    float s = static_cast<float>(TagBaseScore(doc_.Tag(e)));
    if (flags & kWeightClasses) s += static_cast<float>(weight_[e]);
    (*score)[e] = s;
    candidates.push_back(e);
  };
  // Text runs of one owner are scored together, as one paragraph.
  for (size_t b = 0; b < blocks_.size();) {
    const uint32_t owner = blocks_[b].owner;
    uint32_t chars = 0, commas = 0;
    size_t e = b;
    // Readability splits a <div>'s loose text into paragraphs at its block
    // children; consecutive runs of one owner are one paragraph.
    while (e < blocks_.size() && blocks_[e].owner == owner) {
      chars += blocks_[e].chars;
      commas += CountCommas(blocks_[e].text);
      ++e;
    }
    b = e;
    const HtmlTag t = doc_.Tag(owner);
    if (chars < 25 || !IsScoredOwner(t)) continue;
    // A <div> with block children holds its text in an implied paragraph.
    uint32_t scored_el = owner;
    uint32_t first = doc_.Parent(owner);
    if ((t == HtmlTag::kDiv || t == HtmlTag::kArticle || t == HtmlTag::kMain ||
         t == HtmlTag::kSection) &&
        HasBlockChild(doc_, owner)) {
      first = scored_el;
    }
    const float content =
        1.f + static_cast<float>(commas) + std::min<float>(static_cast<float>(chars / 100), 3.f);
    int level = 0;
    for (uint32_t a = first; a != kNone && level < 5; a = doc_.Parent(a), ++level) {
      if (doc_.Tag(a) == HtmlTag::kDocument) break;
      init(a);
      const float div = level == 0 ? 1.f : level == 1 ? 2.f : static_cast<float>(level) * 3.f;
      (*score)[a] += content / div;
    }
  }
  if (candidates.empty()) return kNone;
  for (uint32_t c : candidates) (*score)[c] *= 1.f - std::min(1.f, stats_[c].LinkDensity());
  // The five best.
  std::vector<uint32_t> top = candidates;
  std::stable_sort(top.begin(), top.end(),
                   [&](uint32_t a, uint32_t b) { return (*score)[a] > (*score)[b]; });
  if (top.size() > 5) top.resize(5);
  uint32_t best = top[0];
  if (IsTopLevel(doc_.Tag(best))) return best;
  // Several close runners-up inside one ancestor: the ancestor holds the article.
  std::vector<uint32_t> alternatives;
  for (size_t i = 1; i < top.size(); ++i) {
    if ((*score)[best] > 0 && (*score)[top[i]] / (*score)[best] >= 0.75f)
      alternatives.push_back(top[i]);
  }
  if (alternatives.size() >= 3) {
    for (uint32_t p = doc_.Parent(best); p != kNone && !IsTopLevel(doc_.Tag(p));
         p = doc_.Parent(p)) {
      int containing = 0;
      for (uint32_t a : alternatives) containing += (a > p && a < doc_.End(p));
      if (containing >= 3) {
        best = p;
        break;
      }
    }
  }
  if (!(*scored)[best]) init(best);
  // Scores rising up the tree: more content lurks in the parent.
  {
    float last = (*score)[best];
    const float threshold = last / 3.f;
    for (uint32_t p = doc_.Parent(best); p != kNone && !IsTopLevel(doc_.Tag(p));
         p = doc_.Parent(p)) {
      if (!(*scored)[p]) continue;
      if ((*score)[p] < threshold) break;
      if ((*score)[p] > last) {
        best = p;
        break;
      }
      last = (*score)[p];
    }
  }
  // An only child stands for its parent.
  for (uint32_t p = doc_.Parent(best);
       p != kNone && !IsTopLevel(doc_.Tag(p)) && ElementChildren(doc_, p) == 1;
       p = doc_.Parent(p)) {
    best = p;
  }
  return best;
}

bool Page::IsDataTable(uint32_t n) const {
  if (doc_.Attr(n, HtmlAttr::kRole) == "presentation") return false;
  int rows = 0, cols = 0, cells_in_row = 0;
  for (uint32_t i = n + 1; i < doc_.End(n); ++i) {
    const HtmlTag t = doc_.Tag(i);
    if (t == HtmlTag::kTable) return false;  // nested tables are layout
    if (t == HtmlTag::kCaption || t == HtmlTag::kThead || t == HtmlTag::kTh) return true;
    if (t == HtmlTag::kTr) {
      ++rows;
      cols = std::max(cols, cells_in_row);
      cells_in_row = 0;
    }
    if (t == HtmlTag::kTd) ++cells_in_row;
  }
  cols = std::max(cols, cells_in_row);
  if (rows == 1 || cols == 1) return false;
  return rows >= 10 || cols > 4 || rows * cols > 10;
}

bool Page::CleanConditionally(uint32_t n, int flags) const {
  if (!(flags & kCleanConditionally)) return false;
  const HtmlTag tag = doc_.Tag(n);
  const Stats& s = stats_[n];
  bool is_list = tag == HtmlTag::kUl || tag == HtmlTag::kOl;
  if (!is_list && s.chars > 0)
    is_list = static_cast<float>(s.list_chars) / static_cast<float>(s.chars) > 0.9f;
  if (tag == HtmlTag::kTable && IsDataTable(n)) return false;
  for (uint32_t p = doc_.Parent(n); p != kNone; p = doc_.Parent(p)) {
    if (doc_.Tag(p) == HtmlTag::kTable && IsDataTable(p)) return false;
    if (doc_.Tag(p) == HtmlTag::kCode || doc_.Tag(p) == HtmlTag::kPre) return false;
  }
  const int weight = (flags & kWeightClasses) ? weight_[n] : 0;
  if (weight < 0) return true;
  if (s.commas >= 10) return false;
  const bool in_figure = doc_.AncestorWithTag(n, HtmlTag::kFigure) != kNone;
  const float heading_density =
      s.chars > 0 ? static_cast<float>(s.heading_chars) / static_cast<float>(s.chars) : 0.f;
  const float link_density = s.LinkDensity();
  const int li = s.li - 100;
  bool remove =
      (s.img > 1 && static_cast<float>(s.p) / static_cast<float>(s.img) < 0.5f && !in_figure) ||
      (!is_list && li > s.p) || (s.input > s.p / 3) ||
      (!is_list && heading_density < 0.9f && s.chars < 25 && (s.img == 0 || s.img > 2) &&
       !in_figure) ||
      (!is_list && weight < 25 && link_density > 0.2f) || (weight >= 25 && link_density > 0.5f) ||
      (is_list && link_density > 0.5f) || (s.embed == 1 && s.chars < 75) || s.embed > 1;
  return remove;
}

void Page::RemoveSubtree(uint32_t n, uint8_t kind) {
  if (removed_[n]) return;
  removed_[n] = kind;
  const Stats s = stats_[n];
  for (uint32_t p = doc_.Parent(n); p != kNone; p = doc_.Parent(p)) stats_[p].Add(s, -1);
}

// A heading (<h2>-<h6>, or a short line all in <strong>/<b>) whose words
// head a box that is no article text (html_words.h).
bool Page::IsBoxHeadingElement(uint32_t n) const {
  const HtmlTag t = doc_.Tag(n);
  // A heading element, or a short box styled as one (class "section-heading").
  const bool heading =
      (IsHeading(t) && t != HtmlTag::kH1) ||
      ((t == HtmlTag::kDiv || t == HtmlTag::kP || t == HtmlTag::kSpan) &&
       Contains(Lower(doc_.Attr(n, HtmlAttr::kClass)), "heading") && !HasBlockChild(doc_, n));
  bool bold_line = false;
  if (!heading && (t == HtmlTag::kP || t == HtmlTag::kDiv) && raw_chars_[n] > 0 &&
      raw_chars_[n] <= 60 && !HasBlockChild(doc_, n)) {
    // Every text node inside <strong> or <b>.
    auto in_bold = [&](uint32_t i) {
      for (uint32_t p = doc_.Parent(i); p != kNone && p != n; p = doc_.Parent(p)) {
        if (doc_.Tag(p) == HtmlTag::kStrong || doc_.Tag(p) == HtmlTag::kB) return true;
      }
      return false;
    };
    bold_line = true;
    for (uint32_t i = n + 1; i < doc_.End(n) && bold_line; ++i) {
      if (doc_.Tag(i) == HtmlTag::kText && !text::Trim(doc_.Text(i)).empty()) {
        bold_line = in_bold(i);
      }
    }
  }
  if (!heading && !bold_line) return false;
  if (raw_chars_[n] == 0 || raw_chars_[n] > 80) return false;
  return IsBoxHeading(doc_.TextContent(n));
}

// Removes the box `heading` heads: its parent while the heading opens it and
// it is a small part of the article, else the heading and its following
// siblings up to the next heading. Returns the node to go on from.
uint32_t Page::RemoveHeadedBox(uint32_t root, uint32_t heading) {
  uint32_t box = heading;
  for (uint32_t p = doc_.Parent(box); p != kNone && p != root && !IsTopLevel(doc_.Tag(p));
       p = doc_.Parent(p)) {
    // The heading is the first thing with text in p.
    bool first = true;
    for (uint32_t i = p + 1; i < box; ++i) {
      if (doc_.Tag(i) == HtmlTag::kText && !text::Trim(doc_.Text(i)).empty() && !IsRemoved(i)) {
        first = false;
        break;
      }
    }
    if (!first || stats_[p].chars * 5 >= stats_[root].chars * 2) break;
    box = p;
  }
  if (box != heading) {
    RemoveSubtree(box);
    return doc_.End(box);
  }
  // The heading stands among the article's paragraphs: it and what it heads,
  // the next element with text (a list, a paragraph, a box), and after that
  // only lists and link-dense boxes, up to the next heading.
  uint32_t end = doc_.End(heading);
  RemoveSubtree(heading);
  bool headed = false;
  for (uint32_t c = doc_.NextSibling(heading); c != kNone; c = doc_.NextSibling(c)) {
    const HtmlTag t = doc_.Tag(c);
    if (t == HtmlTag::kText) {
      end = doc_.End(c);
      continue;
    }
    if (IsHeading(t) || IsBoxHeadingElement(c)) break;
    if (headed && t != HtmlTag::kUl && t != HtmlTag::kOl && stats_[c].LinkDensity() <= 0.5f) break;
    if (raw_chars_[c] > 0) headed = true;
    RemoveSubtree(c);
    end = doc_.End(c);
  }
  return end;
}

void Page::CleanArticle(int flags) {
  for (uint32_t root : parts_) {
    // Footers, asides and share boxes inside the article.
    for (uint32_t i = root + 1; i < doc_.End(root);) {
      if (removed_[i]) {
        i = doc_.End(i);
        continue;
      }
      const HtmlTag t = doc_.Tag(i);
      if (t == HtmlTag::kFooter || t == HtmlTag::kAside || t == HtmlTag::kForm ||
          t == HtmlTag::kFieldset || ((class_bits_[i] & kShare) && stats_[i].chars < 500)) {
        if (t == HtmlTag::kForm || t == HtmlTag::kFieldset) {
          if (CleanConditionally(i, flags)) RemoveSubtree(i, kRemovedConditionally);
          ++i;
          continue;
        }
        RemoveSubtree(i);
        i = doc_.End(i);
        continue;
      }
      if ((t == HtmlTag::kH1 || t == HtmlTag::kH2) && (flags & kWeightClasses) && weight_[i] < 0) {
        RemoveSubtree(i);
        i = doc_.End(i);
        continue;
      }
      if (IsBoxHeadingElement(i)) {
        i = RemoveHeadedBox(root, i);
        continue;
      }
      ++i;
    }
    // Tables, lists and divs, innermost first.
    for (uint32_t i = doc_.End(root) - 1; i > root; --i) {
      const HtmlTag t = doc_.Tag(i);
      if (t != HtmlTag::kTable && t != HtmlTag::kUl && t != HtmlTag::kDiv) continue;
      if (IsRemoved(i)) continue;
      if (CleanConditionally(i, flags)) RemoveSubtree(i, kRemovedConditionally);
    }
  }
}

void Page::Extract(int flags) {
  MarkRemoved(flags);
  ComputeStats();
  BuildBlocks();
  parts_.clear();
  part_blocks_.clear();
  lead_blocks_.clear();
  std::vector<float> score;
  std::vector<uint8_t> scored;
  uint32_t top = ChooseTop(flags, &score, &scored);
  if (top == kNone) {
    // No paragraph anywhere: the whole body.
    for (uint32_t i = 1; i < n_; ++i) {
      if (doc_.Tag(i) == HtmlTag::kBody) {
        top = i;
        break;
      }
    }
    if (top == kNone) top = 0;
    parts_.push_back(top);
    CleanArticle(flags);
    return;
  }
  const uint32_t parent = doc_.Parent(top);
  if (parent == kNone || IsTopLevel(doc_.Tag(top))) {
    parts_.push_back(top);
  } else {
    const float threshold = std::max(10.f, score[top] * 0.2f);
    float best_score = 0;
    for (uint32_t k = 0; k < n_; ++k) {
      if (scored[k]) best_score = std::max(best_score, score[k]);
    }
    const std::string_view top_class = doc_.Attr(top, HtmlAttr::kClass);
    size_t b = 0;
    for (uint32_t c = doc_.FirstChild(parent); c != kNone; c = doc_.NextSibling(c)) {
      if (doc_.Tag(c) == HtmlTag::kText) {
        // Loose text of the parent: a paragraph of its own.
        while (b < blocks_.size() && blocks_[b].last < c) ++b;
        if (b < blocks_.size() && blocks_[b].first <= c && blocks_[b].owner == parent) {
          const Block& blk = blocks_[b];
          const float ld =
              blk.chars ? static_cast<float>(blk.link_chars) / static_cast<float>(blk.chars) : 0.f;
          const bool ends =
              blk.text.find(". ") != std::string::npos || text::EndsWith(blk.text, ".");
          if ((blk.chars > 80 && ld < 0.25f) || (blk.chars < 80 && blk.link_chars == 0 && ends)) {
            if (part_blocks_.empty() || part_blocks_.back() != b)
              part_blocks_.push_back(static_cast<uint32_t>(b));
          }
        }
        continue;
      }
      if (removed_[c]) continue;
      bool append = c == top;
      if (!append) {
        float bonus = 0;
        if (!top_class.empty() && doc_.Attr(c, HtmlAttr::kClass) == top_class)
          bonus = score[top] * 0.2f;
        // The best candidate inside the sibling: an article cut in several
        // sections deeper than the scored ancestors reach.
        float inside = 0.f;
        for (uint32_t k = c + 1; k < doc_.End(c); ++k) {
          if (scored[k] && !removed_[k]) inside = std::max(inside, score[k]);
        }
        if (scored[c] && score[c] + bonus >= threshold) {
          append = true;
        } else if (inside >= 0.4f * best_score && stats_[c].LinkDensity() < 0.3f) {
          append = true;
        } else if (doc_.Tag(c) == HtmlTag::kP) {
          const float ld = stats_[c].LinkDensity();
          const std::string content = doc_.TextContent(c);
          const uint32_t len = CountChars(content);
          const bool ends = content.find(". ") != std::string::npos || text::EndsWith(content, ".");
          if (len > 80 && ld < 0.25f) {
            append = true;
          } else if (len < 80 && len > 0 && ld == 0.f && ends) {
            append = true;
          }
        }
      }
      if (append) parts_.push_back(c);
    }
  }
  CleanArticle(flags);
}

std::vector<const Block*> Page::ArticleBlocks() const {
  std::vector<const Block*> out;
  size_t pb = 0, lb = 0;
  for (const Block& b : blocks_) {
    const uint32_t index = static_cast<uint32_t>(&b - blocks_.data());
    while (lb < lead_blocks_.size() && lead_blocks_[lb] < index) ++lb;
    if (lb < lead_blocks_.size() && lead_blocks_[lb] == index) {
      out.push_back(&b);
      continue;
    }
    bool in = false;
    while (pb < part_blocks_.size() && part_blocks_[pb] < index) ++pb;
    if (pb < part_blocks_.size() && part_blocks_[pb] == index) in = true;
    for (uint32_t root : parts_) {
      if (b.first > root && b.first < doc_.End(root)) {
        in = true;
        break;
      }
    }
    if (!in) continue;
    if (IsRemoved(b.owner) || IsRemoved(b.first)) continue;
    out.push_back(&b);
  }
  return out;
}

bool Page::IsLeadBlock(const Block& b, uint32_t common) const {
  const int words = text::CountLetterWords(b.text);
  if (words < 8 || words > 150 || b.link_chars * 2 >= b.chars) return false;
  if (IsHeading(doc_.Tag(b.owner)) || doc_.AncestorWithTag(b.first, HtmlTag::kFigure) != kNone) {
    return false;
  }
  // A date makes it a byline or dateline ("By A. Writer on Monday, May 6th,
  // 2024"), or a photo's caption ("In this photo of May 6, 2024, ...").
  date::Date unused;
  size_t len = 0;
  if (date::FindDate(b.text, &unused, &len) != std::string_view::npos) return false;
  // Not in a box that page extraction took out as chrome (only the
  // conditional cleaning of the article, which takes out a lead in a "media"
  // box of its own, is overruled), nor in a byline, share, caption or
  // boilerplate box.
  for (uint32_t p = b.first; p != kNone && p != common; p = doc_.Parent(p)) {
    if (removed_[p] != 0 && removed_[p] != kRemovedConditionally) return false;
    if (class_bits_[p] & (kByline | kShare | kDiscard | kBoilerplate | kChrome)) return false;
  }
  return !IsRemoved(common);
}

void Page::AddLead(uint32_t headline) {
  lead_blocks_.clear();
  if (headline == kNone) return;
  const std::vector<const Block*> article = ArticleBlocks();
  if (article.empty()) return;
  const uint32_t from = doc_.End(headline);
  const uint32_t body = article.front()->first;
  if (body < from) return;
  // The element holding both the headline and the body: the article's own
  // box, not the page.
  uint32_t common = doc_.Parent(headline);
  while (common != kNone && !(body > common && body < doc_.End(common))) {
    common = doc_.Parent(common);
  }
  if (common == kNone || IsTopLevel(doc_.Tag(common))) return;
  // The last such block before the body: the lead opens the article, and
  // what comes between it and the headline (a promotion, a kicker) is not
  // the article's.
  size_t lead = blocks_.size();
  for (size_t k = 0; k < blocks_.size(); ++k) {
    const Block& b = blocks_[k];
    if (b.first < from) continue;
    if (b.first >= body) break;
    if (IsLeadBlock(b, common)) lead = k;
  }
  if (lead < blocks_.size()) lead_blocks_.push_back(static_cast<uint32_t>(lead));
}

uint32_t Page::article_chars() const {
  uint32_t n = 0;
  for (const Block* b : ArticleBlocks()) n += b->chars;
  return n;
}

// ---------------------------------------------------------------------------
// Lines that are not body text.

using text::CountLetterWords;

// A short line made of a date and at most four words ("Updated: 10:48,
// Tue, Nov 19, 2019", "Posted on March 3, 2022 by Admin"); not a quoted post's
// signature ("— Name (@handle) November 18, 2019").
bool IsDateline(std::string_view s, date::Date* out) {
  if (CountChars(s) > 100 || Contains(s, "@")) return false;
  size_t len = 0;
  date::Date unused;
  const size_t at = date::FindDate(s, out ? out : &unused, &len);
  if (at == std::string_view::npos) return false;
  return CountLetterWords(s.substr(0, at)) + CountLetterWords(s.substr(at + len)) <= 4;
}

// A headline reads as a phrase, not a sentence: not ended by a full stop,
// and not longer than a headline gets.
bool IsHeadlineLike(std::string_view s, const SegmentOptions& options) {
  std::string_view t = text::Trim(s);
  while (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ')')) t.remove_suffix(1);
  if (t.empty() || t.back() == '.' || t.back() == ';' || t.back() == ':' || t.back() == ',') {
    return false;
  }
  return text::CodePoints(s) <= options.max_headline_chars && CountLetterWords(s) <= 30;
}

// Written in capitals: a promoted story or a call to click between the
// paragraphs ("RELATED STORY HEADLINE", "CLICK HERE TO GET THE APP").
bool IsShouted(std::string_view s) {
  int upper = 0, lower = 0;
  for (char c : s) {
    upper += c >= 'A' && c <= 'Z';
    lower += c >= 'a' && c <= 'z';
  }
  return upper >= 8 && lower * 10 < upper;
}

bool IsUrlLine(std::string_view s) {
  return (text::StartsWith(s, "http://") || text::StartsWith(s, "https://") ||
          text::StartsWith(s, "www.")) &&
         s.find(' ') == std::string_view::npos && s.find('\n') == std::string_view::npos;
}

// ---------------------------------------------------------------------------
// URLs and file names.

std::string HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  const size_t end = rest.find_first_of("/?#");
  rest = rest.substr(0, end);
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (const size_t colon = rest.find(':'); colon != std::string_view::npos)
    rest = rest.substr(0, colon);
  std::string host = Lower(rest);
  if (text::StartsWith(host, "www.")) host.erase(0, 4);
  return host;
}

// The URL without its fragment.
std::string_view WithoutFragment(std::string_view url) { return url.substr(0, url.find('#')); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The last path segment of a URL, percent-decoded when that gives UTF-8.
std::string FileNameOf(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  const size_t slash = url.rfind('/');
  std::string_view seg = slash == std::string_view::npos ? url : url.substr(slash + 1);
  std::string out;
  for (size_t i = 0; i < seg.size(); ++i) {
    if (seg[i] == '%' && i + 2 < seg.size() + 0 && HexValue(seg[i + 1]) >= 0 &&
        HexValue(seg[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(seg[i + 1]) * 16 + HexValue(seg[i + 2])));
      i += 2;
    } else if (seg[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(seg[i]);
    }
  }
  if (!text::IsValidUtf8(out)) return std::string(seg);
  return out;
}

constexpr std::array<std::string_view, 15> kDocumentExtensions = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt",
    ".ods", ".odp", ".rtf",  ".zip", ".rar",  ".7z",  ".csv"};
constexpr std::array<std::string_view, 6> kImageExtensions = {".jpg", ".jpeg", ".png",
                                                              ".gif", ".webp", ".tif"};

bool HasExtension(std::string_view name, std::string_view ext) {
  return name.size() > ext.size() &&
         text::EqualsIgnoreCase(name.substr(name.size() - ext.size()), ext);
}

bool IsDocumentFile(std::string_view name) {
  for (std::string_view e : kDocumentExtensions) {
    if (HasExtension(name, e)) return true;
  }
  return false;
}

bool IsImageFile(std::string_view name) {
  for (std::string_view e : kImageExtensions) {
    if (HasExtension(name, e)) return true;
  }
  return false;
}

void AddUnique(std::vector<std::string>* v, std::string s) {
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
bool ParseMetaDate(std::string_view s, date::Date* out) {
  s = text::Trim(s);
  if (s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' &&
      s[7] == '-') {
    date::Date d;
    if (date::ParseIso(s.substr(0, 10), &d) && d.day > 0 &&
        (s.size() == 10 || s[10] == 'T' || s[10] == ' ')) {
      *out = d;
      return true;
    }
  }
  if (s.size() >= 8 &&
      std::all_of(s.begin(), s.begin() + 8,
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
      (s.size() == 8 || !std::isdigit(static_cast<unsigned char>(s[8])))) {
    const int y = std::stoi(std::string(s.substr(0, 4)));
    const int m = std::stoi(std::string(s.substr(4, 2)));
    const int d = std::stoi(std::string(s.substr(6, 2)));
    if (y >= 1900 && y <= 2099 && date::IsValid(y, m, d)) {
      *out = date::Date{y, m, d};
      return true;
    }
    return false;
  }
  std::string_view rest = s;
  return date::ConsumeDate(&rest, out);
}

bool IsArticleType(const nlohmann::json& type) {
  auto one = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return Contains(s, "Article") || s == "BlogPosting" || s == "Report" || s == "WebPage";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), one);
  return one(type);
}

// Walks JSON-LD (objects, arrays, @graph) iteratively for the article's
// headline.
void ReadJsonLd(std::string_view text, std::string* headline, bool* article_type) {
  nlohmann::json root = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) return;
  std::vector<const nlohmann::json*> todo{&root};
  int visited = 0;
  while (!todo.empty() && ++visited < 10000) {
    const nlohmann::json* j = todo.back();
    todo.pop_back();
    if (j->is_array()) {
      for (const auto& v : *j) todo.push_back(&v);
      continue;
    }
    if (!j->is_object()) continue;
    auto type = j->find("@type");
    const bool article = type != j->end() && IsArticleType(*type);
    if (article && type->dump().find("Article") != std::string::npos) *article_type = true;
    if (article && headline->empty()) {
      auto h = j->find("headline");
      if (h != j->end() && h->is_string())
        *headline = text::Squeeze(h->get_ref<const std::string&>());
    }
    for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
      auto g = j->find(key);
      if (g != j->end() && (g->is_array() || g->is_object())) todo.push_back(&*g);
    }
  }
}

Meta ReadMeta(const HtmlDoc& doc, const std::string& page_url) {
  Meta meta;
  std::string og_title, ld_headline, canonical, base_href;
  bool canonical_from_link = false;
  for (uint32_t i = 1; i < doc.size(); ++i) {
    switch (doc.Tag(i)) {
      case HtmlTag::kBase:
        if (base_href.empty()) base_href = std::string(doc.Attr(i, HtmlAttr::kHref));
        break;
      case HtmlTag::kTitle:
        if (meta.title_tag.empty()) meta.title_tag = doc.TextContent(i);
        break;
      case HtmlTag::kLink:
        // rel=canonical over og:url, wherever each is.
        if (!canonical_from_link && Lower(doc.Attr(i, HtmlAttr::kRel)) == "canonical") {
          canonical = std::string(doc.Attr(i, HtmlAttr::kHref));
          canonical_from_link = true;
        }
        break;
      case HtmlTag::kMeta: {
        std::string_view key = doc.Attr(i, HtmlAttr::kProperty);
        if (key.empty()) key = doc.Attr(i, HtmlAttr::kName);
        if (key.empty()) key = doc.Attr(i, HtmlAttr::kItemprop);
        const std::string_view content = doc.Attr(i, HtmlAttr::kContent);
        if (og_title.empty() && (key == "og:title" || key == "twitter:title")) {
          og_title = text::Squeeze(content);
        } else if (key == "og:url" && canonical.empty()) {
          canonical = std::string(content);
        } else if (key == "og:type" && Lower(text::Trim(content)) == "article") {
          meta.declares_article = true;
        }
        break;
      }
      case HtmlTag::kScript:
        if (Contains(doc.Attr(i, HtmlAttr::kType), "ld+json")) {
          for (uint32_t c = i + 1; c < doc.End(i); ++c) {
            if (doc.Tag(c) == HtmlTag::kText) {
              ReadJsonLd(doc.Text(c), &ld_headline, &meta.declares_article);
            }
          }
        }
        break;
      case HtmlTag::kHtml:
        if (meta.language.empty()) meta.language = std::string(doc.Attr(i, HtmlAttr::kLang));
        break;
      default:
        break;
    }
  }
  meta.url = page_url;
  if (meta.url.empty() && ingest::IsAbsoluteUrl(canonical)) meta.url = canonical;
  if (ingest::IsAbsoluteUrl(canonical)) meta.canonical = canonical;
  meta.base = meta.url;
  if (!base_href.empty()) {
    std::string b = ingest::ResolveUrl(meta.url, base_href);
    if (ingest::IsAbsoluteUrl(b)) meta.base = b;
  }
  meta.title = !og_title.empty() ? og_title : !ld_headline.empty() ? ld_headline : meta.title_tag;
  return meta;
}

// True when `heading` is the page's headline: it matches the metadata title
// or the <title> contains it ("Headline | Site").
bool MatchesTitle(std::string_view heading, const Meta& meta) {
  const std::string h = text::Fold(heading);
  if (h.empty()) return false;
  for (const std::string* t : {&meta.title, &meta.title_tag}) {
    const std::string f = text::Fold(*t);
    if (!f.empty() &&
        (f == h || (h.size() >= 12 && Contains(f, h)) || (f.size() >= 12 && Contains(h, f)))) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Extraction of one page.

constexpr int kAllFlags = kStripUnlikely | kWeightClasses | kCleanConditionally;

// Readability's retries: relax the rules while the article is short.
void ExtractArticle(Page* page) {
  const int attempts[] = {kAllFlags, kWeightClasses | kCleanConditionally, kCleanConditionally, 0};
  int best_flags = attempts[0];
  uint32_t best_chars = 0;
  for (int flags : attempts) {
    page->Extract(flags);
    const uint32_t chars = page->article_chars();
    // 500 code points: Readability's charThreshold for a real article.
    if (chars >= 500) return;
    if (chars > best_chars) {
      best_chars = chars;
      best_flags = flags;
    }
  }
  page->Extract(best_flags);
}

// The <a> elements around the text nodes of a block.
std::vector<uint32_t> LinksOf(const HtmlDoc& doc, const Block& b) {
  std::vector<uint32_t> out;
  for (uint32_t i = b.first; i <= b.last && i < doc.size(); ++i) {
    if (doc.Tag(i) != HtmlTag::kText) continue;
    for (uint32_t p = doc.Parent(i); p != kNone && p != b.owner; p = doc.Parent(p)) {
      if (doc.Tag(p) == HtmlTag::kA) {
        if (out.empty() || out.back() != p) out.push_back(p);
        break;
      }
    }
  }
  return out;
}

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

bool HtmlSegmenter::InArticle(uint32_t n) const {
  for (uint32_t root : page_.parts()) {
    if (n >= root && n < html_.End(root)) return true;
  }
  return false;
}

// A link to another page of the site: http(s), not this page, not a file.
bool HtmlSegmenter::IsArticleLink(uint32_t a, std::string* url) const {
  const std::string_view href = html_.Attr(a, HtmlAttr::kHref);
  std::string u = Resolve(href);
  if (u.empty()) return false;
  if (ingest::IsAbsoluteUrl(u) && !text::StartsWith(u, "http://") &&
      !text::StartsWith(u, "https://")) {
    return false;  // mailto:, tel:, ftp:...
  }
  const std::string name = FileNameOf(u);
  if (IsDocumentFile(name) || IsImageFile(name)) return false;
  if (!meta_.url.empty()) {
    if (WithoutFragment(u) == WithoutFragment(meta_.url)) return false;
    const std::string host = HostOf(meta_.url);
    const std::string link_host = HostOf(u);
    if (ingest::IsAbsoluteUrl(u) && !host.empty() && link_host != host &&
        link_host != HostOf(meta_.base)) {
      return false;
    }
  }
  // The site's home or a section root is navigation, not a story.
  std::string_view path = u;
  if (const size_t s = path.find("://"); s != std::string_view::npos) {
    path.remove_prefix(s + 3);
    const size_t slash = path.find('/');
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return false;
  *url = std::string(WithoutFragment(u));
  return true;
}

// A teaser's link stands for a block of its own (a headline, the teaser's
// text, a photo): it holds blocks, or at least half of its block's text. A
// link inside running text is a reference, not a teaser.
bool HtmlSegmenter::IsStandaloneLink(uint32_t a) const {
  const HtmlDoc& d = html_;
  for (uint32_t i = a + 1; i < d.End(a); ++i) {
    if (IsBlockTag(d.Tag(i)) || d.Tag(i) == HtmlTag::kImg) return true;
  }
  uint32_t block = d.Parent(a);
  while (block != kNone && !IsBlockTag(d.Tag(block))) block = d.Parent(block);
  if (block == kNone) return true;
  // The text of the block's own line: without its block children (a
  // headline link followed by a summary paragraph in one list item).
  uint32_t line = page_.raw_chars(block);
  for (uint32_t c = d.FirstChild(block); c != kNone; c = d.NextSibling(c)) {
    if (IsBlockTag(d.Tag(c))) line -= std::min(line, page_.raw_chars(c));
  }
  return page_.raw_chars(a) * 2 >= line;
}

std::vector<Teaser> HtmlSegmenter::FindTeasers() const {
  const HtmlDoc& d = html_;
  // Skipped for teasers: menus and page chrome, hidden and non-text elements.
  std::vector<uint8_t> skip(d.size(), 0);
  for (uint32_t i = 1; i < d.size(); ++i) {
    const HtmlTag t = d.Tag(i);
    if (t == HtmlTag::kText) continue;
    if (skip[d.Parent(i)] || IsSkippedTag(t) || t == HtmlTag::kNav || t == HtmlTag::kHeader ||
        t == HtmlTag::kFooter || (page_.class_bits(i) & kChrome) || IsHiddenElement(d, i) ||
        IsRemovedRole(d.Attr(i, HtmlAttr::kRole)) || d.Attr(i, HtmlAttr::kRole) == "contentinfo") {
      skip[i] = 1;
    }
  }
  // Each article link, with the distinct link URLs of every ancestor counted
  // so that an item is the largest element holding one link target.
  std::vector<std::pair<uint32_t, std::string>> links;
  for (uint32_t i = 1; i < d.size(); ++i) {
    if (d.Tag(i) != HtmlTag::kA || skip[i] || !IsStandaloneLink(i)) continue;
    std::string url;
    if (IsArticleLink(i, &url)) links.emplace_back(i, std::move(url));
  }
  // Distinct targets per element: count links whose URL differs from the
  // previous link under the same ancestor chain (a cheap over-approximation
  // that is exact for the usual image-link + title-link pairs).
  std::vector<uint32_t> targets(d.size(), 0);
  std::vector<const std::string*> last_url(d.size(), nullptr);
  for (const auto& [a, url] : links) {
    for (uint32_t p = a; p != kNone; p = d.Parent(p)) {
      if (last_url[p] != nullptr && *last_url[p] == url) break;  // counted on this chain
      ++targets[p];
      last_url[p] = &url;
    }
  }
  // Elements holding an <h1>: the page's headline is not part of a teaser.
  std::vector<uint8_t> has_h1(d.size(), 0);
  for (uint32_t i = 1; i < d.size(); ++i) {
    if (d.Tag(i) != HtmlTag::kH1) continue;
    for (uint32_t p = i; p != kNone && !has_h1[p]; p = d.Parent(p)) has_h1[p] = 1;
  }
  std::vector<Teaser> out;
  for (const auto& [a, url] : links) {
    // Climb while the parent still holds this one target and stays the size
    // of a teaser (a page's article with a single link in it is no teaser).
    uint32_t item = a;
    while (true) {
      const uint32_t p = d.Parent(item);
      if (p == kNone || p == 0 || targets[p] != 1 || IsTopLevel(d.Tag(p)) ||
          page_.raw_chars(p) > kMaxTeaserChars || has_h1[p]) {
        break;
      }
      item = p;
    }
    if (page_.raw_chars(item) > kMaxTeaserChars) continue;
    if (!out.empty() && out.back().item == item) continue;  // a second link to the same story
    out.push_back(Teaser{item, a, url});
  }
  // A listing repeats: keep items with a sibling item of the same tag.
  std::vector<Teaser> kept;
  for (size_t i = 0; i < out.size(); ++i) {
    const uint32_t parent = d.Parent(out[i].item);
    bool repeated = false;
    for (size_t j = 0; j < out.size() && !repeated; ++j) {
      repeated =
          j != i && d.Parent(out[j].item) == parent && d.Tag(out[j].item) == d.Tag(out[i].item);
    }
    if (repeated) kept.push_back(out[i]);
  }
  return kept;
}

PageStory HtmlSegmenter::TeaserStory(const Teaser& t) const {
  const HtmlDoc& d = html_;
  PageStory s;
  s.role = SourceRole::kTeaser;
  s.url = t.url;
  // The item's text runs, read apart from the article's block list (a teaser
  // may sit in a box the article extraction dropped).
  enum class Kind { kText, kLink, kHeading, kLinkedHeading };
  std::vector<std::pair<Kind, std::string>> lines;  // in document order
  std::string cur;
  bool cur_link = false, cur_heading = false;
  std::vector<uint32_t> stack;
  auto flush = [&] {
    const Kind kind = cur_heading ? (cur_link ? Kind::kLinkedHeading : Kind::kHeading)
                      : cur_link  ? Kind::kLink
                                  : Kind::kText;
    cur_link = cur_heading = false;
    std::string line = text::Squeeze(cur);
    cur.clear();
    if (line.empty()) return;
    date::Date dt;
    if (line.size() < 300) {
      if (IsDateline(line, &dt) || date::ParseDateLine(line, &dt)) {
        if (s.date.empty()) s.date = date::Iso(dt);
        return;
      }
      if (IsNavigationLine(line)) return;
    }
    // "26.07.2024 Text of the teaser": the date printed before the text.
    std::string_view rest = line;
    if (s.date.empty() && std::isdigit(static_cast<unsigned char>(line[0])) &&
        date::ConsumeDate(&rest, &dt) && CountLetterWords(rest) >= 4) {
      s.date = date::Iso(dt);
      line = text::Squeeze(rest);
    }
    lines.emplace_back(kind, std::move(line));
  };
  // Lines break at blocks, <br>, and where links, headings and <time> start or end.
  auto breaks = [](HtmlTag tag) {
    return IsBlockTag(tag) || tag == HtmlTag::kBr || tag == HtmlTag::kA || tag == HtmlTag::kTime ||
           IsHeading(tag);
  };
  for (uint32_t i = t.item; i < d.End(t.item);) {
    while (!stack.empty() && i >= d.End(stack.back())) {
      if (breaks(d.Tag(stack.back()))) flush();
      stack.pop_back();
    }
    const HtmlTag tag = d.Tag(i);
    if (tag == HtmlTag::kText) {
      cur += d.Text(i);
      for (uint32_t p = d.Parent(i); p != kNone && p >= t.item; p = d.Parent(p)) {
        if (d.Tag(p) == HtmlTag::kA) cur_link = true;
        if (IsHeading(d.Tag(p))) cur_heading = true;
        if (p == t.item) break;
      }
      ++i;
      continue;
    }
    if (i != t.item && (IsSkippedTag(tag) || IsHiddenElement(d, i))) {
      i = d.End(i);
      continue;
    }
    if (tag == HtmlTag::kTime && s.date.empty()) {
      date::Date dt;
      if (ParseMetaDate(d.Attr(i, HtmlAttr::kDatetime), &dt)) s.date = date::Iso(dt);
    }
    if (tag == HtmlTag::kImg) {
      std::string_view src = d.Attr(i, HtmlAttr::kSrc);
      if (src.empty() || text::StartsWith(src, "data:")) src = d.Attr(i, HtmlAttr::kDataSrc);
      const std::string name = FileNameOf(src);
      if (IsImageFile(name)) AddUnique(&s.attachments, name);
    }
    if (tag == HtmlTag::kA) {
      const std::string name = FileNameOf(Resolve(d.Attr(i, HtmlAttr::kHref)));
      if (IsDocumentFile(name)) AddUnique(&s.attachments, name);
    }
    if (breaks(tag)) flush();
    stack.push_back(i);
    ++i;
  }
  flush();
  // Labels beside a real line ("Updated", "BREAKING NEWS", a section name):
  // a few words that link nowhere are neither headline nor text.
  const bool has_long = std::any_of(lines.begin(), lines.end(),
                                    [](const auto& l) { return CountLetterWords(l.second) >= 4; });
  if (has_long) {
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [](const auto& l) {
                                 return (l.first == Kind::kText || l.first == Kind::kHeading) &&
                                        CountLetterWords(l.second) <= 3 && !text::EndsWith(l.second, ".");
                               }),
                lines.end());
  }
  // A headline (a heading, or a headline-like link beside plain text) and
  // the summary; a link that reads as a sentence is the summary's first line.
  size_t title = lines.size();
  // A single line is the teaser's text, whatever its markup.
  for (size_t i = 0; i < lines.size() && title == lines.size() && lines.size() > 1; ++i) {
    if (lines[i].first == Kind::kHeading || lines[i].first == Kind::kLinkedHeading) title = i;
  }
  if (title == lines.size()) {
    const bool has_text = std::any_of(lines.begin(), lines.end(),
                                      [](const auto& l) { return l.first == Kind::kText; });
    for (size_t i = 0; i < lines.size() && has_text; ++i) {
      if (lines[i].first == Kind::kLink) {
        if (IsHeadlineLike(lines[i].second, options_)) title = i;
        break;
      }
    }
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == title) {
      s.title = std::move(lines[i].second);
    } else {
      s.paragraphs.push_back(std::move(lines[i].second));
    }
  }
  return s;
}

// The node range to read the headline's surroundings from: the <h1> that is
// the page's headline, or kNone.
uint32_t FindHeadline(const HtmlDoc& d, const Meta& meta, uint32_t first_article_node) {
  uint32_t first = kNone, before = kNone;
  for (uint32_t i = 1; i < d.size(); ++i) {
    const HtmlTag t = d.Tag(i);
    if (IsSkippedTag(t) || t == HtmlTag::kNav) {
      i = d.End(i) - 1;
      continue;
    }
    if (t != HtmlTag::kH1) continue;
    const std::string text = d.TextContent(i);
    if (text.empty()) continue;
    if (MatchesTitle(text, meta)) return i;
    if (first == kNone) first = i;
    if (i < first_article_node) before = i;
  }
  return before != kNone ? before : first;
}

void HtmlSegmenter::ArticleDate(PageStory* story, uint32_t headline,
                                const std::vector<const Block*>& blocks) {
  const HtmlDoc& d = html_;
  DateContext ctx;
  ctx.url = meta_.url;
  ctx.canonical = meta_.canonical;
  ctx.crawl = crawl_;
  ctx.language = meta_.language;
  ctx.headline = headline;
  ctx.teaser_nodes = &teaser_item_;
  if (headline != kNone) {
    // The body starts at the first real paragraph after the headline (the
    // lead under the headline is not the body: a dateline may come after it).
    for (const Block* b : blocks) {
      if (b->first >= d.End(headline) && CountLetterWords(b->text) >= 8 && !page_.IsLead(b)) {
        ctx.body = b->first;
        break;
      }
    }
  }
  date_decision_ = FindPublicationDate(d, ctx);
  if (date_decision_.found) story->date = date::Iso(date_decision_.date);
}

std::string TitleFromTitleTag(std::string_view title) {
  for (std::string_view sep : {" | ", " - ", " — ", " – ", " :: ", " « ", " » "}) {
    const size_t at = title.find(sep);
    if (at != std::string_view::npos && CountLetterWords(title.substr(0, at)) >= 3) {
      return std::string(text::Trim(title.substr(0, at)));
    }
  }
  return std::string(text::Trim(title));
}

std::vector<std::string> HtmlSegmenter::ArticleParagraphs(PageStory* story, PageStories* out) {
  const HtmlDoc& d = html_;
  std::vector<const Block*> blocks = page_.ArticleBlocks();
  const uint32_t first_node = blocks.empty() ? d.size() : blocks.front()->first;
  const uint32_t headline = FindHeadline(d, meta_, first_node);
  if (headline != kNone) {
    story->title = d.TextContent(headline);
  } else if (!meta_.title.empty() && meta_.title != meta_.title_tag) {
    story->title = meta_.title;
  } else {
    story->title = TitleFromTitleTag(meta_.title_tag);
  }
  if (text::CodePoints(story->title) > options_.max_headline_chars) story->title.clear();
  const std::string folded_title = text::Fold(story->title);
  ArticleDate(story, headline, blocks);

  std::vector<std::string> paragraphs;
  bool body_started = false;
  auto drop = [out](DropReason r) { ++out->dropped[static_cast<int>(r)]; };
  // The last block of running text: a paragraph that is only a link stands
  // inside the body when body text comes before and after it.
  size_t last_body = blocks.size();
  for (size_t k = blocks.size(); k-- > 0;) {
    const Block* b = blocks[k];
    if (b->link_chars * 2 < b->chars && CountLetterWords(b->text) >= 12) {
      last_body = k;
      break;
    }
  }
  for (size_t k = 0; k < blocks.size(); ++k) {
    const Block* b = blocks[k];
    const HtmlTag t = d.Tag(b->owner);
    const bool short_line = b->chars < 300;
    if (t == HtmlTag::kH1 ||
        (short_line && !folded_title.empty() && text::Fold(b->text) == folded_title) ||
        (headline != kNone && b->first > headline && b->first < d.End(headline))) {
      drop(DropReason::kDuplicateHeadline);
      continue;
    }
    if (CountLetterWords(b->text) == 0 && !std::any_of(b->text.begin(), b->text.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      drop(DropReason::kEmpty);  // punctuation, bullets, separators
      continue;
    }
    if (IsUrlLine(b->text)) {
      AddUnique(&story->links, b->text);
      continue;
    }
    if (short_line && (IsBoxLeadLine(b->text) || IsNewsletterOrFollowLine(b->text))) {
      // "Read more: <a story>", "Related: ...", "Sign up for our newsletter".
      drop(DropReason::kNavigation);
      continue;
    }
    if (b->link != kNone && b->link_chars == b->chars && b->chars < 120) {
      // A lone link line: "Read more", a related story, a download link;
      // but a paragraph of its own amid the body's paragraphs is text.
      const std::string name = FileNameOf(Resolve(d.Attr(b->link, HtmlAttr::kHref)));
      const bool own_paragraph = t == HtmlTag::kP && body_started && k < last_body &&
                                 CountLetterWords(b->text) >= 2 && !IsDocumentFile(name) &&
                                 !IsNavigationLine(b->text) && !IsShouted(b->text);
      if (!own_paragraph) {
        if (IsDocumentFile(name)) AddUnique(&story->attachments, name);
        drop(DropReason::kNavigation);
        continue;
      }
    }
    if (short_line && IsNavigationLine(b->text)) {
      drop(DropReason::kNavigation);
      continue;
    }
    date::Date dt;
    if (!body_started && IsDateline(b->text, &dt)) {
      drop(DropReason::kOther);
      continue;
    }
    if (short_line) {
      if (const std::string att = AttachmentName(b->text); !att.empty()) {
        AddUnique(&story->attachments, att);
        continue;
      }
    }
    if (CountLetterWords(b->text) >= 12) body_started = true;
    for (uint32_t a : LinksOf(d, *b)) {
      std::string u = Resolve(d.Attr(a, HtmlAttr::kHref));
      if (!text::StartsWith(u, "http://") && !text::StartsWith(u, "https://")) continue;
      if (!meta_.url.empty() && WithoutFragment(u) == WithoutFragment(meta_.url)) continue;
      const std::string name = FileNameOf(u);
      if (IsDocumentFile(name)) {
        AddUnique(&story->attachments, name);
      } else {
        AddUnique(&story->links, std::move(u));
      }
    }
    paragraphs.push_back(b->text);
  }
  ArticleAttachments(story, headline);
  return paragraphs;
}

// Documents linked from the article (its body, the headline's surroundings)
// and the images shown in its body.
void HtmlSegmenter::ArticleAttachments(PageStory* story, uint32_t headline) const {
  const HtmlDoc& d = html_;
  const auto& parts = page_.parts();
  if (parts.empty()) return;
  uint32_t begin = parts.front(), end = 0;
  for (uint32_t p : parts) end = std::max(end, d.End(p));
  if (headline != kNone && headline < begin) begin = headline;
  for (uint32_t i = begin; i < end;) {
    const HtmlTag t = d.Tag(i);
    if (t == HtmlTag::kText) {
      ++i;
      continue;
    }
    if (IsSkippedTag(t) || t == HtmlTag::kNav || t == HtmlTag::kAside || t == HtmlTag::kFooter ||
        IsHiddenElement(d, i) || teaser_item_[i]) {
      i = d.End(i);
      continue;
    }
    if (t == HtmlTag::kA) {
      const std::string name = FileNameOf(Resolve(d.Attr(i, HtmlAttr::kHref)));
      if (IsDocumentFile(name)) AddUnique(&story->attachments, name);
    } else if (t == HtmlTag::kImg && InArticle(i) && !page_.IsRemoved(i) &&
               d.AncestorWithTag(i, HtmlTag::kA) == kNone) {
      std::string_view src = d.Attr(i, HtmlAttr::kSrc);
      if (src.empty() || text::StartsWith(src, "data:")) src = d.Attr(i, HtmlAttr::kDataSrc);
      const std::string name = FileNameOf(src);
      if (IsImageFile(name) && !HasExtension(name, ".gif")) AddUnique(&story->attachments, name);
    }
    ++i;
  }
}

PageStories HtmlSegmenter::Segment() {
  PageStories out;
  out.page = doc_.name;
  const HtmlDoc& d = html_;
  {
    const std::vector<const Block*> blocks = page_.ArticleBlocks();
    const uint32_t first_node = blocks.empty() ? d.size() : blocks.front()->first;
    page_.AddLead(FindHeadline(d, meta_, first_node));
  }
  std::vector<Teaser> teasers = FindTeasers();
  teaser_item_.assign(d.size(), 0);
  for (const Teaser& t : teasers) {
    for (uint32_t i = t.item; i < d.End(t.item); ++i) teaser_item_[i] = 1;
  }
  // The article, unless the "article" is the listing itself: three teasers
  // or more hold most of its text.
  std::vector<const Block*> blocks = page_.ArticleBlocks();
  uint32_t chars = 0, in_teasers = 0;
  for (const Block* b : blocks) {
    chars += b->chars;
    if (teaser_item_[b->first]) in_teasers += b->chars;
  }
  int items_in_article = 0;
  for (const Teaser& t : teasers) {
    for (const Block* b : blocks) {
      if (b->first >= t.item && b->first < d.End(t.item)) {
        ++items_in_article;
        break;
      }
    }
  }
  // (A page that declares itself an article is one, whatever boxes of
  // related stories its article holds.)
  const bool listing = chars > 0 && in_teasers * 2 >= chars && items_in_article >= 3 &&
                       !meta_.declares_article;
  PageStory article;
  article.role = SourceRole::kArticle;
  article.url = meta_.url;
  if (!listing) article.paragraphs = ArticleParagraphs(&article, &out);
  const bool has_article = !article.paragraphs.empty();
  // Teasers: not the article's own text, not the headline.
  for (const Teaser& t : teasers) {
    if (has_article) {
      bool overlaps = false;
      for (const Block* b : blocks) {
        if (b->first >= t.item && b->first < d.End(t.item) && !IsDateline(b->text, nullptr)) {
          overlaps = true;
          break;
        }
      }
      if (overlaps) continue;
    }
    PageStory s = TeaserStory(t);
    // A menu entry, a profile card: short lines only, and no date.
    const bool has_line = std::any_of(s.paragraphs.begin(), s.paragraphs.end(),
                                      [](const std::string& p) { return CountLetterWords(p) >= 4; });
    if (s.paragraphs.empty() || (!has_line && s.date.empty())) continue;
    out.stories.push_back(std::move(s));
  }
  if (has_article) out.stories.insert(out.stories.begin(), std::move(article));
  return out;
}

}  // namespace

PageStories SegmentHtml(const ingest::Document& doc, const SegmentOptions& options) {
  HtmlSegmenter segmenter(doc, options);
  return segmenter.Segment();
}

std::string ArticleText(const ingest::Document& doc, const SegmentOptions& options) {
  // The article SegmentHtml stores, so that the benchmark measures it.
  std::string out;
  for (const PageStory& s : SegmentHtml(doc, options).stories) {
    if (s.role != SourceRole::kArticle) continue;
    for (const std::string& p : s.paragraphs) {
      if (!out.empty()) out += "\n\n";
      out += p;
    }
  }
  return out;
}

std::string ExplainArticleDate(const ingest::Document& doc, const SegmentOptions& options) {
  HtmlSegmenter segmenter(doc, options);
  segmenter.Segment();
  return ExplainDecision(segmenter.date_decision());
}

}  // namespace annals::segment
