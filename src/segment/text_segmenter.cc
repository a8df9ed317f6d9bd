#include "src/segment/text_segmenter.h"

#include "src/common/date.h"
#include "src/common/lang_table.h"
#include "src/common/text.h"
#include "src/segment/date_lines.h"
#include "src/segment/line_model.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_set>
#include <vector>

namespace annals::segment {
namespace {

enum class Kind { kText, kDateline, kNav, kAttachment, kUrl, kHeadlineDated };

struct Para {
  std::string text;  // lines joined with single spaces
  Kind kind = Kind::kText;
  int gap = 0;  // blank lines before it
  date::Date date;
  std::string attachment;      // kAttachment, or a file named on a dateline
  std::string title;           // kHeadlineDated: the headline part
  std::string_view raw;        // the first line of the unit as the page has it
  bool last = false;           // the page's last unit: an excerpt may cut it short
  bool salutation = false;     // "Dear colleagues!", "Excellencies,": opens the text after it
  size_t words = 0;            // CountWords(text), set by Shape
  bool heading_shape = false;  // short, capitalized, no sentence end: set by Shape
  bool long_heading =
      false;                // the same up to twice max_headline_chars (a headline cut by the site)
  float title_vs_body = 0;  // the line model's score of a headline less that of body
  // SiteProfile::LongLineCounts(raw), looked up on first use (LongLine).
  mutable std::optional<SiteProfile::LongLineCount> long_line;
};

// The counts of a unit's first line among the run's long lines, hashed and
// looked up once per unit however often the segmenter asks.
const SiteProfile::LongLineCount& LongLine(const Para& p, const SiteProfile& profile) {
  if (!p.long_line) p.long_line = profile.LongLineCounts(p.raw);
  return *p.long_line;
}
int LongPages(const Para& p, const SiteProfile& profile) { return LongLine(p, profile).pages; }

// The English word lists of the segmenter are language data
// (data/lang/en/segment_*.tsv, issue 21), read once into these sets.
using WordSet = std::unordered_set<std::string_view>;

// The first column of every row of English table `name` whose second column
// is `kind` ("" matches every row), as a set.
WordSet WordsOfTable(std::string_view name, std::optional<std::string_view> kind = {}) {
  WordSet s;
  for (const lang::Row& row : lang::Rows("en", name)) {
    if (!kind || (row.size() >= 2 ? row[1] : std::string_view()) == *kind) s.emplace(row[0]);
  }
  return s;
}

// The first column of every row of English table `name`, in file order.
std::vector<std::string_view> WordsInOrder(std::string_view name) {
  std::vector<std::string_view> out;
  for (const lang::Row& row : lang::Rows("en", name)) out.push_back(row[0]);
  return out;
}

// Words that make up navigation lines on news sites, and those of them one
// of which a navigation line must contain (segment_nav_words).
const WordSet& NavWords() {
  static const WordSet kWords = WordsOfTable("segment_nav_words");
  return kWords;
}
const WordSet& NavHeads() {
  static const WordSet kHeads = WordsOfTable("segment_nav_words", "head");
  return kHeads;
}

// First words of a short line that is a link's label, not text.
const WordSet& LinkLabelLeads() {
  static const WordSet kLeads = WordsOfTable("segment_link_label_leads");
  return kLeads;
}
// The words of a pager or counter line, with numbers ("Showing 11 - 20 of 340").
const WordSet& PagerWords() {
  static const WordSet kWords = WordsOfTable("segment_pager_words");
  return kWords;
}

constexpr std::array<std::string_view, 18> kFileExtensions = {
    ".pdf", ".doc", ".docx", ".xls",  ".xlsx", ".ppt", ".pptx", ".odt", ".rtf",
    ".zip", ".rar", ".jpg",  ".jpeg", ".png",  ".gif", ".webp", ".mp4", ".mp3"};

// Prefixes of an attachment line, tried in the table's order (longest first).
const std::vector<std::string_view>& AttachmentPrefixes() {
  static const std::vector<std::string_view> kPrefixes =
      WordsInOrder("segment_attachment_prefixes");
  return kPrefixes;
}
// Words of a link's label to a file ("download").
const std::vector<std::string_view>& DownloadWords() {
  static const std::vector<std::string_view> kWords = WordsInOrder("segment_download_words");
  return kWords;
}

bool EndsWithFileExtension(std::string_view s) {
  // Cheap test first: every extension is a dot and three or four letters.
  const size_t n = s.size();
  if (!((n > 4 && s[n - 4] == '.') || (n > 5 && s[n - 5] == '.'))) return false;
  for (std::string_view ext : kFileExtensions) {
    if (s.size() > ext.size() && text::EqualsIgnoreCase(s.substr(s.size() - ext.size()), ext)) {
      return true;
    }
  }
  return false;
}

bool IsUrl(std::string_view s) {
  return (text::StartsWith(s, "http://") || text::StartsWith(s, "https://") ||
          text::StartsWith(s, "www.")) &&
         s.find(' ') == std::string_view::npos;
}

// CountWords, stopping at `limit`.
size_t CountWordsUpTo(std::string_view s, size_t limit) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in && ++n >= limit) return n;
    in = !space;
  }
  return n;
}

// The words of `s`: the bytes other than ' ' that follow a ' ' or start
// it. Most lines are long: eight bytes at a time, a bit per byte (bit 7).
size_t CountWords(std::string_view s) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t n = 0;
  uint64_t before = 0x80;  // bit 7 of the first byte: a space (or the start) before it
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, sizeof x);
    const uint64_t y = x ^ 0x2020202020202020ULL;      // a zero byte where a space is
    const uint64_t space = ~(((y & kLow7) + kLow7) | y) & kHigh;  // exact, byte by byte
    const uint64_t starts = ~space & kHigh & ((space << 8) | before);
    n += static_cast<size_t>(((starts >> 7) * 0x0101010101010101ULL) >> 56);  // bytes with bit 7
    before = (space >> 56) & 0x80;
  }
  bool in = before == 0;
  for (; i < s.size(); ++i) {
    const bool space = s[i] == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// Terminal punctuation of a sentence, looking through closing quotes and brackets.
bool EndsSentence(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      s.remove_suffix(1);
      continue;
    }
    // UTF-8 closing quotes: ” ’ » (all 2-3 byte sequences ending the string).
    if (text::EndsWith(s, "\xE2\x80\x9D") || text::EndsWith(s, "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    if (text::EndsWith(s, "\xC2\xBB")) {
      s.remove_suffix(2);
      continue;
    }
    break;
  }
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == ',' ||
         text::EndsWith(s, "\xE2\x80\xA6");  // …
}

// Ends with '.', '!', '?' or '…' (a comma or a colon at the end of a line
// goes on in the next line).
bool EndsFullStop(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == ')')) s.remove_suffix(1);
  if (s.empty()) return false;
  const char c = s.back();
  return c == '.' || c == '!' || c == '?' || text::EndsWith(s, "\xE2\x80\xA6") ||
         text::EndsWith(s, "\xE2\x80\x9D") || text::EndsWith(s, "\xC2\xBB");
}

// Counts the words of each unit and whether it has the shape of a headline:
// two words or more, at most max_headline_chars, no sentence end, starting
// with a capital or a figure.
void Shape(std::vector<Para>* paras, const SegmentOptions& options) {
  for (Para& p : *paras) {
    p.words = CountWords(p.text);
    if (p.words < 2 || EndsSentence(p.text)) continue;
    // A code point is 1-4 bytes: count them only where the bytes cannot tell.
    const size_t max = options.max_headline_chars;
    if (p.text.size() > 8 * max) continue;
    const size_t chars = p.text.size() > max ? text::CodePoints(p.text) : p.text.size();
    if (chars > 2 * max) continue;
    const unsigned char first = static_cast<unsigned char>(p.text[0]);
    p.long_heading = text::StartsUpper(p.text) || (first >= '0' && first <= '9');
    p.heading_shape = p.long_heading && chars <= max;
  }
}

bool IsHeadingLike(const Para& p, const SegmentOptions& options) {
  return p.kind == Kind::kText && p.heading_shape &&
         static_cast<double>(p.title_vs_body) > -options.line_title_margin;
}

void CollectInlineLinks(std::string_view s, std::vector<std::string>* links) {
  size_t at = 0;
  while (at < s.size()) {
    size_t h = s.find("http", at);
    if (h == std::string_view::npos) break;
    std::string_view rest = s.substr(h);
    if (!text::StartsWith(rest, "http://") && !text::StartsWith(rest, "https://")) {
      at = h + 4;
      continue;
    }
    size_t e = 0;
    while (e < rest.size() && rest[e] != ' ' && rest[e] != '"' && rest[e] != '<' &&
           rest[e] != '>') {
      ++e;
    }
    std::string_view url = rest.substr(0, e);
    while (!url.empty() &&
           (url.back() == '.' || url.back() == ',' || url.back() == ')' || url.back() == ';')) {
      url.remove_suffix(1);
    }
    if (url.size() > 8) links->emplace_back(url);
    at = h + e;
  }
}

bool StartsLowerAscii(std::string_view s) {
  return !s.empty() && s.front() >= 'a' && s.front() <= 'z';
}

size_t FirstWordLength(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] != ' ') ++n;
  return text::CodePoints(s.substr(0, n));
}

// The width a page's paragraphs are wrapped at (55-100 columns), or 0 when
// they are not: at least two lines of that width that end no sentence and
// have a line under them. `lines`: the count of lines not blank.
size_t WrapWidth(std::string_view doc, size_t* lines) {
  size_t width = 0, evidence = 0;
  std::string_view prev;
  for (std::string_view line : text::Lines(doc)) {
    std::string_view t = text::Trim(line);
    *lines += !t.empty();
    // Cheap test first: 55-100 code points are 55-400 bytes.
    if (!t.empty() && prev.size() >= 55 && prev.size() <= 400) {
      const size_t w = text::CodePoints(prev);
      if (w >= 55 && w <= 100 && !EndsFullStop(prev)) {
        ++evidence;
        width = std::max(width, w);
      }
    }
    prev = t;
  }
  return evidence >= 2 ? width : 0;
}

// Whether `next` goes on with `line` as a paragraph wrapped at `width`
// does: `line` was cut there (its next word would not fit), `next` is no
// wider, and `next` is no date line and opens with no publication date (a
// headline over its date).
bool IsWrapped(std::string_view line, std::string_view next, size_t width) {
  if (width == 0 || line.size() > 4 * width || next.size() > 4 * width) return false;
  const size_t w = text::CodePoints(line);
  if (w > width || w + 1 + FirstWordLength(next) <= width || text::CodePoints(next) > width)
    return false;
  date::Date d;
  std::string_view rest;
  return !ParseLooseDateLine(next, &d) && !SplitLeadingDate(next, &d, &rest);
}

// Splits the document into units: each non-blank line is one (text dumps
// print a paragraph, a teaser or a headline a line), except that a line
// starting in lower case after one that ends no sentence, or a line under
// one cut at the page's wrap width, continues it (a paragraph wrapped over
// lines).
std::vector<Para> Units(std::string_view doc) {
  std::vector<Para> out;
  size_t lines = 0;
  const size_t width = WrapWidth(doc, &lines);
  out.reserve(lines);  // a unit per line at most
  int gap = 0;
  std::string_view prev;  // the line before, when not blank
  for (std::string_view line : text::Lines(doc)) {
    std::string_view t = text::Trim(line);
    if (t.empty()) {
      ++gap;
      prev = {};
      continue;
    }
    if (gap == 0 && !out.empty() && !prev.empty() &&
        ((!EndsFullStop(out.back().text) && StartsLowerAscii(t)) || IsWrapped(prev, t, width))) {
      out.back().text.push_back(' ');
      text::AppendSqueezed(t, &out.back().text);
      prev = t;
      continue;
    }
    prev = t;
    Para p;
    text::AppendSqueezed(t, &p.text);
    p.gap = gap;
    p.raw = t;
    out.push_back(std::move(p));
    gap = 0;
  }
  if (!out.empty()) out.back().last = true;
  return out;
}

// "Headline 20.06.2023": a date in figures ends the headline (a date in
// words there is part of its sentence: "... in the capital on May 28, 2013").
bool TakeTrailingDate(std::string* title, std::string* iso) {
  date::Date d;
  size_t len = 0;
  const size_t at = date::FindDate(*title, &d, &len);
  if (at == std::string::npos || at == 0 || at + len != title->size()) return false;
  const char c = (*title)[at];
  const size_t sep = title->find_first_of("./-", at);
  if (c < '0' || c > '9' || sep == std::string::npos || sep > at + 4) return false;
  std::string head(text::Trim(std::string_view(*title).substr(0, at)));
  if (CountWords(head) < 3) return false;
  *title = std::move(head);
  *iso = date::Iso(d);
  return true;
}

// A headline printed again with its date cut short after it
// ("Headline 07.02.20") is at most this much longer than the headline.
constexpr size_t kCutDateBytes = 12;

// The fold of `a` starts with `b` (at least 20 bytes of it): a headline
// printed again, cut short.
bool IsCutRepeat(const std::string& a, const std::string& b) {
  if (b.size() < 20 || b.size() > a.size()) return false;
  return text::StartsWith(text::Fold(a), text::Fold(b));
}

// "Headline 07.02.2025 [Download document X]": the date ends the headline.
bool SplitDatedHeadline(std::string_view s, std::string* title, date::Date* d,
                        std::string* attachment) {
  size_t len = 0;
  date::Date found;
  size_t at = date::FindDate(s, &found, &len);
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view head = text::Trim(s.substr(0, at));
  std::string_view tail = text::Trim(s.substr(at + len));
  std::string att;
  if (!tail.empty()) {
    att = AttachmentName(tail);
    if (att.empty()) return false;
  }
  *title = std::string(head);
  *d = found;
  *attachment = att;
  return true;
}

// A paragraph opening with one of these words goes on with the one before
// it ("I am glad ...", "He noted ...") rather than starting a news item.
const WordSet& ContinuationWords() {
  static const WordSet kWords = WordsOfTable("segment_continuation_words");
  return kWords;
}

bool Continues(std::string_view paragraph) {
  size_t end = 0;
  while (end < paragraph.size() && end < 12 && paragraph[end] != ' ' && paragraph[end] != ',')
    ++end;
  std::string first = text::Fold(paragraph.substr(0, end));
  return ContinuationWords().count(first) > 0;
}

// Letters all capitals (ASCII; at least four of them). The signs of
// U+0080-U+00BF (lead byte 0xC2: "º", "«", "°") are no letters.
bool IsCapitalsLabel(std::string_view s) {
  size_t upper = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= 'a' && c <= 'z') return false;
    const unsigned char b = static_cast<unsigned char>(c);
    if (b == 0xC2) {
      ++i;  // a sign and its continuation byte
      continue;
    }
    if (b >= 0xC0) return false;  // letters of other scripts: unknown case
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 4;
}

// Lines that lead elsewhere or count pages: "Download the full text
// here", "Click here", "Showing 11 - 20 of 340", "40 Entries", "Page 2 of 9".
bool IsPagerOrLinkLabel(std::string_view line, size_t words_in_line) {
  if (words_in_line > 8) return false;
  std::vector<std::string> words = text::Tokens(line);
  if (words.empty()) return false;
  if (LinkLabelLeads().count(words.front())) return true;
  const WordSet& pager_words = PagerWords();
  bool number = false, pager = false;
  for (const std::string& w : words) {
    const bool digits = w.find_first_not_of("0123456789") == std::string::npos;
    const bool known = pager_words.count(w) > 0;
    if (!digits && !known) return false;
    number |= digits;
    pager |= known;
  }
  return number && pager;
}

void Classify(Para* p, const SiteProfile& profile, const SegmentOptions& options,
              PageStories* out) {
  const std::string& t = p->text;
  if (profile.IsTemplate(t, options)) {
    p->kind = Kind::kNav;
    ++out->dropped[static_cast<int>(DropReason::kTemplate)];
    return;
  }
  // A date line is short: cheap test first for the paragraphs.
  if (t.size() <= 100 && (ParseLooseDateLine(t, &p->date, profile.slash_order()) ||
                          date::ParseDateLine(t, &p->date))) {
    p->kind = Kind::kDateline;
    return;
  }
  const size_t words = CountWordsUpTo(t, 9);  // the tests below look at short lines only
  // "07.02.2025 Download document X.docx": a dateline with an attachment;
  // "14 Jun. 2024 photo-0614.jpg - caption, 80.5KB": with a picture.
  {
    std::string_view rest = t;
    date::Date d;
    if (ConsumeLineDate(&rest, &d, profile.slash_order())) {
      rest = text::Trim(rest);
      std::string att = AttachmentName(rest);
      if (att.empty()) {
        std::string_view first = rest.substr(0, rest.find(' '));
        while (!first.empty() && (first.back() == ',' || first.back() == ';'))
          first.remove_suffix(1);
        if (CountWords(first) == 1 && EndsWithFileExtension(first)) att = std::string(first);
      }
      if (!att.empty()) {
        p->kind = Kind::kDateline;
        p->date = d;
        p->attachment = att;
        return;
      }
    }
  }
  if (IsUrl(t)) {
    p->kind = Kind::kUrl;
    return;
  }
  std::string att = AttachmentName(t);
  if (!att.empty()) {
    p->kind = Kind::kAttachment;
    p->attachment = att;
    return;
  }
  p->salutation = words <= 6 && (t.back() == ',' || t.back() == '!');
}

// A date printed at the start of a text unit ("09.09.2021On September 9,
// ...", "Harbourtown, 29 July 2018: The ...") becomes a date line of its own
// before the text.
void SplitLeadingDates(std::vector<Para>* units, SlashOrder order) {
  for (size_t i = 0; i < units->size(); ++i) {
    Para& p = (*units)[i];
    date::Date d;
    std::string_view rest;
    if (p.kind != Kind::kText || !SplitLeadingDate(p.text, &d, &rest, order)) continue;
    Para dl;
    dl.kind = Kind::kDateline;
    dl.date = d;
    dl.gap = p.gap;
    dl.text = p.text.substr(0, p.text.size() - rest.size());
    p.text = std::string(rest);
    p.gap = 0;
    p.raw = {};
    p.long_line.reset();
    units->insert(units->begin() + static_cast<std::ptrdiff_t>(i), std::move(dl));
    ++i;
  }
}

// The index of a feature by its name, at compile time.
consteval size_t F(std::string_view name) {
  for (size_t k = 0; k < kLineFeatures; ++k) {
    if (kLineFeatureNames[k] == name) return k;
  }
  throw "unknown line feature";  // a compile error in a consteval call
}

// A contact line: a telephone number ("+1 555-010-0000 (fax)"), its
// figures in groups of 2-4 with '+', '-', '(', ')', '/' or spaces, and a
// few letters at most.
bool IsPhoneLine(std::string_view s) {
  size_t letters = 0, groups = 0, run = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++run;
      continue;
    }
    if (run > 0) ++groups;
    run = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  }
  if (run > 0) ++groups;
  return groups >= 3 && letters <= 12;
}

// An address glued into a line of words ("Regionhttp://www...",
// "Surname/en/article/notice-of-..."): a word with "://" inside, or with
// three slashes or more. A bare address on its own line is kIsUrl.
bool HasGluedLink(std::string_view s) {
  if (s.find('/') == std::string_view::npos) return false;  // cheap test first
  size_t at = 0;
  while (at < s.size()) {
    size_t end = s.find(' ', at);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view w = s.substr(at, end - at);
    const size_t scheme = w.find("://");
    if (scheme != std::string_view::npos && scheme > 0 && !text::StartsWith(w, "http") &&
        !text::StartsWith(w, "ftp")) {
      return true;
    }
    if (std::count(w.begin(), w.end(), '/') >= 3) return true;
    at = end + 1;
  }
  return false;
}

// The text of an RSS or Atom feed saved as text: items in CDATA sections.
bool IsFeedDump(std::string_view doc) { return doc.find("<![CDATA[") != std::string_view::npos; }

constexpr std::string_view kCdataOpen = "<![CDATA[";
constexpr std::string_view kCdataClose = "]]>";

// The item's link that a feed saved as text prints right after its title,
// glued to the description ("/en/article/some-slugThe council ..."): a word
// starting with "http" or "/", up to a space or the first capital or
// non-ASCII letter (a link's path is in lower case; the text opens with a
// capital). Advances `*in` past it; false when none is there.
bool ConsumeFeedLink(std::string_view* in) {
  std::string_view s = *in;
  if (!(text::StartsWith(s, "http://") || text::StartsWith(s, "https://") ||
        (s.size() > 1 && s[0] == '/' && s[1] != '/'))) {
    return false;
  }
  size_t e = text::StartsWith(s, "http") ? s.find("//") + 2 : 1;
  while (e < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[e]);
    if (c <= ' ' || (c >= 'A' && c <= 'Z') || c >= 0x80 || s.compare(e, 9, kCdataOpen) == 0) break;
    ++e;
  }
  in->remove_prefix(e);
  return true;
}

// The lines of `s`, trimmed and squeezed, blank ones left out.
std::vector<std::string> FeedParagraphs(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view line : text::SplitLines(s)) {
    std::string_view t = text::Trim(line);
    if (t.empty()) continue;
    std::string p;
    text::AppendSqueezed(t, &p);
    out.push_back(std::move(p));
  }
  return out;
}

// The items of a feed saved as text, read by the fields RSS and Atom give
// an item, in their order: the title in a CDATA section, the link glued
// after it, the description (in a CDATA section of its own, or up to the
// "]]>" that ends it, or to the end of the page, cut by an excerpt), then
// the publication date opening the line after it, followed by the item's
// category, author and guid run together (not text). The text before the
// first item is the channel's own title, link and description: no story.
// An item's date is its publication date, else a date opening its
// description ("Capital, 29 November 2019: The ..."), which is cut from
// the text either way. Every item is a teaser: a feed is a listing.
PageStories SegmentFeedDump(const ingest::Document& doc, SlashOrder order) {
  PageStories out;
  out.page = doc.name;
  std::string_view rest = doc.text;
  size_t at = rest.find(kCdataOpen);
  if (at != std::string_view::npos && at > 0) ++out.dropped[static_cast<int>(DropReason::kOther)];
  while (at != std::string_view::npos) {
    rest.remove_prefix(at + kCdataOpen.size());
    const size_t title_end = rest.find(kCdataClose);
    // A title left open (cut, or a section opening inside it) ends where
    // the next section opens: an item with its title only.
    const size_t reopened = rest.substr(0, title_end).find(kCdataOpen);
    PageStory item;
    item.role = SourceRole::kTeaser;
    text::AppendSqueezed(text::Trim(rest.substr(0, std::min(title_end, reopened))), &item.title);
    std::string_view description, meta;
    if (reopened != std::string_view::npos) {
      rest.remove_prefix(reopened);
      at = 0;
    } else {
      rest.remove_prefix(title_end == std::string_view::npos ? rest.size()
                                                             : title_end + kCdataClose.size());
      ConsumeFeedLink(&rest);
      const std::string_view lead = text::Trim(rest);
      if (text::StartsWith(lead, kCdataOpen)) {  // the description in a CDATA section of its own
        rest = lead.substr(kCdataOpen.size());
      }
      const size_t next = rest.find(kCdataOpen);
      const size_t close = rest.substr(0, next).find(kCdataClose);
      description = rest.substr(0, close == std::string_view::npos ? next : close);
      if (close != std::string_view::npos) {
        meta = rest.substr(close + kCdataClose.size(),
                           next == std::string_view::npos ? std::string_view::npos
                                                          : next - close - kCdataClose.size());
      }
      rest.remove_prefix(next == std::string_view::npos ? rest.size() : next);
      at = next == std::string_view::npos ? next : 0;
    }
    date::Date d;
    meta = text::Trim(meta);
    if (!meta.empty() && ConsumeLineDate(&meta, &d, order)) item.date = date::Iso(d);
    item.paragraphs = FeedParagraphs(description);
    std::string_view after;
    if (!item.paragraphs.empty() && SplitLeadingDate(item.paragraphs[0], &d, &after, order)) {
      if (item.date.empty()) item.date = date::Iso(d);
      std::string first(text::Trim(after));
      if (first.empty()) {
        item.paragraphs.erase(item.paragraphs.begin());
      } else {
        item.paragraphs[0] = std::move(first);
      }
    }
    // An item whose description the excerpt cut away: its title is its text.
    if (item.paragraphs.empty() && !item.title.empty()) item.paragraphs.push_back(item.title);
    if (item.paragraphs.empty()) {
      ++out.dropped[static_cast<int>(DropReason::kEmpty)];
      continue;
    }
    out.stories.push_back(std::move(item));
  }
  return out;
}

// The shape of one unit, as its neighbours' features see it.
struct UnitShape {
  bool text = false, date = false, heading = false, long_text = false, short_text = false;
  bool nav_words = false, pager = false, nav_class = false, ends_sentence = false;
  std::optional<uint64_t> fold_hash;  // of a text unit, once asked for (the hash is dear)
};

// Share of the words (up to 40) that start with a capital letter.
double TitleCaseShare(std::string_view s) {
  size_t words = 0, upper = 0;
  bool in = false;
  for (size_t i = 0; i < s.size() && words < 40; ++i) {
    const bool space = s[i] == ' ';
    if (!space && !in) {
      ++words;
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 'A' && c <= 'Z') {
        ++upper;
      } else if (c >= 0xC0 && text::StartsUpper(s.substr(i, 4))) {
        ++upper;
      }
    }
    in = !space;
  }
  return words == 0 ? 0.0 : static_cast<double>(upper) / static_cast<double>(words);
}

// The line model's "title_case" feature: two to 30 words, most of them
// capitalized (a paragraph of over 30 words is never in title case).
bool IsTitleCase(std::string_view t, size_t words) {
  return words >= 2 && words <= 30 && TitleCaseShare(t) >= 0.6;
}

// A sentence (three words or more, most of them in lower case, ending in a
// full stop) is story text, whatever its place, unless made of navigation
// or link words ("Download the full text here."): menus and pagers end
// none, a slogan in title case may. Prepare keeps it without asking the
// line model. `nav_class`: the line is of the navigation or pager/link
// word classes.
bool IsKeptSentence(const Para& p, bool nav_class) {
  return p.words >= 3 && EndsFullStop(p.text) && !nav_class && !IsTitleCase(p.text, p.words);
}

// `b` prints `a` again: the same words, or one cut short of the other.
// `a_hash` and `b_hash` are their FoldHash.
bool Repeats(const Para& a, uint64_t a_hash, const Para& b, uint64_t b_hash) {
  if (a.text.size() > 2 * b.text.size() + 40 || b.text.size() > 2 * a.text.size() + 40)
    return false;
  if (a_hash == b_hash) return true;
  // Cheap test first: a cut print starts with the same 16 bytes, but case.
  const size_t head = std::min<size_t>({16, a.text.size(), b.text.size()});
  if (!text::StartsWithIgnoreCase(a.text, std::string_view(b.text).substr(0, head))) return false;
  return IsCutRepeat(a.text, b.text) || IsCutRepeat(b.text, a.text);
}

// The features of every unit (line_model.h names them): its shape, its
// word classes, its repetition across the run (SiteProfile) and the shape
// of the units around it (template lines skipped).
// `text_only`: the features of text units only (the others stay 0: the
// model decides text units only). `skip_sentences`: nor of the sentences
// that Prepare keeps as text without asking the model (IsKeptSentence);
// theirs stay 0 too. Most lines of a page are such sentences, and their
// features (a date search, the title-case share) cost most.
std::vector<LineFeatures> UnitFeatures(const std::vector<Para>& paras, const SiteProfile& profile,
                                       bool text_only, bool skip_sentences) {
  const size_t n = paras.size();
  std::vector<UnitShape> shapes(n);
  for (size_t i = 0; i < n; ++i) {
    const Para& p = paras[i];
    UnitShape& u = shapes[i];
    u.text = p.kind == Kind::kText;
    u.date = p.kind == Kind::kDateline;
    u.heading = u.text && p.heading_shape;
    u.long_text = u.text && p.words >= 15;
    u.short_text = u.text && p.words <= 6;
    u.ends_sentence = EndsSentence(p.text);
    u.nav_words = p.words <= 8 && IsNavigationLine(p.text);
    u.pager = p.words <= 8 && IsPagerOrLinkLabel(p.text, p.words);
    u.nav_class = u.nav_words || u.pager;
  }
  auto fold_hash = [&](size_t k) {
    if (!shapes[k].fold_hash) shapes[k].fold_hash = text::FoldHash(paras[k].text);
    return *shapes[k].fold_hash;
  };
  // The short text units (three words at most) printed three times or more
  // on the page: a label of each item of a listing ("English", a time),
  // not text. Few units are that short: their hashes are cheap.
  std::vector<char> short_repeated(n, 0);
  {
    std::vector<std::pair<uint64_t, size_t>> short_units;
    for (size_t i = 0; i < n; ++i) {
      if (shapes[i].text && paras[i].words <= 3) short_units.emplace_back(fold_hash(i), i);
    }
    std::sort(short_units.begin(), short_units.end());
    for (size_t a = 0, b = 0; a < short_units.size(); a = b) {
      while (b < short_units.size() && short_units[b].first == short_units[a].first) ++b;
      if (b - a >= 3) {
        for (size_t k = a; k < b; ++k) short_repeated[short_units[k].second] = 1;
      }
    }
  }
  std::vector<LineFeatures> out(n);
  auto f = [](LineFeatures& v, size_t k, double value) { v[k] = static_cast<float>(value); };
  for (size_t i = 0; i < n; ++i) {
    const Para& p = paras[i];
    const UnitShape& u = shapes[i];
    LineFeatures& v = out[i];
    v.fill(0.0f);
    if (text_only && !u.text) continue;
    const std::string& t = p.text;
    const size_t w = p.words;
    if (skip_sentences && u.text && IsKeptSentence(p, u.nav_words || u.pager)) continue;
    // The neighbours: the units around it that are neither template nor
    // of the navigation word classes ("Go back" under a signature is there
    // on a page read alone and template in a crawl: the same neighbours).
    auto skipped = [&](size_t k) { return paras[k].kind == Kind::kNav || shapes[k].nav_class; };
    size_t prev = i, next = i + 1;
    while (prev > 0 && skipped(prev - 1)) --prev;
    while (next < n && skipped(next)) ++next;
    const bool has_prev = prev > 0, has_next = next < n;
    // Navigation words right around it (template lines skipped).
    size_t prev_any = i, next_any = i + 1;
    while (prev_any > 0 && paras[prev_any - 1].kind == Kind::kNav) --prev_any;
    while (next_any < n && paras[next_any].kind == Kind::kNav) ++next_any;
    f(v, F("prev_nav"), prev_any > 0 && shapes[prev_any - 1].nav_class);
    f(v, F("next_nav"), next_any < n && shapes[next_any].nav_class);
    f(v, F("date_line"), u.date);
    f(v, F("attachment_or_url"), p.kind == Kind::kAttachment || p.kind == Kind::kUrl);
    f(v, F("template"), p.kind == Kind::kNav);
    f(v, F("words_1"), w == 1);
    f(v, F("words_2"), w == 2);
    f(v, F("words_3_4"), w >= 3 && w <= 4);
    f(v, F("words_5_6"), w >= 5 && w <= 6);
    f(v, F("words_7_9"), w >= 7 && w <= 9);
    f(v, F("words_10_19"), w >= 10 && w <= 19);
    f(v, F("words_20_39"), w >= 20 && w <= 39);
    f(v, F("words_40_up"), w >= 40);
    f(v, F("log_chars"), std::min(1.5, std::log1p(static_cast<double>(t.size())) / 6.0));
    const bool full_stop = EndsFullStop(t);
    f(v, F("ends_sentence"), u.ends_sentence);
    f(v, F("ends_full_stop"), full_stop);
    f(v, F("ends_comma_colon"), u.ends_sentence && !full_stop);
    f(v, F("sentence"), full_stop && w >= 8);
    const unsigned char first = t.empty() ? 0 : static_cast<unsigned char>(t[0]);
    f(v, F("starts_upper"), text::StartsUpper(t));
    f(v, F("starts_digit"), first >= '0' && first <= '9');
    f(v, F("starts_lower"), StartsLowerAscii(t));
    f(v, F("heading_shape"), p.heading_shape);
    f(v, F("long_heading"), p.long_heading);

    f(v, F("no_word"), w <= 3 && text::Tokens(t).empty());
    const bool no_punct = t.find_first_of(".,;:!?") == std::string::npos;
    f(v, F("no_punct"), no_punct);
    f(v, F("no_punct_long"), no_punct && w >= 40);
    // Word classes (and telephone lines, below) are rare on the keyed pages and L2 regularization
    // shrinks rare features' weights; valued kWordClassScale, not 1, they
    // keep the weight their evidence earns (on the dev sites the same
    // scores, and a "Go back" line at a page's end is navigation by a wide
    // margin rather than by 0.1).
    constexpr double kWordClassScale = 3.0;
    f(v, F("nav_words"), u.nav_words ? kWordClassScale : 0.0);
    // A line all in capitals is as rare (a label: "PRESS RELEASE No 37").
    f(v, F("capitals"), t.size() <= 200 && IsCapitalsLabel(t) ? kWordClassScale : 0.0);
    f(v, F("pager_or_link"), u.pager ? kWordClassScale : 0.0);
    f(v, F("salutation"), p.salutation);
    f(v, F("continues"), Continues(t));
    f(v, F("title_case"), IsTitleCase(t, w));
    size_t digits = 0;
    for (char c : t) digits += (c >= '0' && c <= '9');
    {
      // Every date has a figure (a day or a year): cheap test first. A
      // date inside a long paragraph is the event's: has_date looks at
      // lines of 400 bytes at most.
      date::Date d;
      size_t len = 0;
      // Two dates in one line ("3 Mar. 2021 - | Last updated: 2 Mar. 2021"):
      // a page's metadata run together, not a sentence; in a page dumped as
      // one long line, within its first 400 bytes.
      std::string_view head = t;
      if (head.size() > 400) {
        size_t cut = 400;
        while (cut > 0 && (static_cast<unsigned char>(head[cut]) & 0xC0) == 0x80) --cut;
        head = head.substr(0, cut);
      }
      const size_t at = digits > 0 ? date::FindDate(head, &d, &len) : std::string::npos;
      f(v, F("has_date"), at != std::string::npos && t.size() <= 400);
      f(v, F("two_dates"), at != std::string::npos &&
                               date::FindDate(head.substr(at + len), &d, &len) !=
                                   std::string::npos);
    }
    f(v, F("glued_link"), w >= 2 && HasGluedLink(t));
    f(v, F("short_repeated_on_page"), short_repeated[i] != 0);
    f(v, F("repeated_long"),
      !p.raw.empty() && w > kTemplateMaxWords && LongPages(p, profile) >= 2);
    f(v, F("first_unit"), i == 0);
    f(v, F("last_unit"), p.last);
    f(v, F("position"), n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0);
    f(v, F("gap"), p.gap > 0);
    f(v, F("gap_2"), p.gap >= 2);
    f(v, F("prev_none"), !has_prev);
    f(v, F("next_none"), !has_next);
    if (has_prev) {
      const UnitShape& a = shapes[prev - 1];
      f(v, F("prev_date"), a.date);
      f(v, F("prev_heading"), a.heading);
      f(v, F("prev_long"), a.long_text);
      f(v, F("prev_short"), a.short_text);
      f(v, F("prev_dup"),
        a.text && u.text && Repeats(paras[prev - 1], fold_hash(prev - 1), p, fold_hash(i)));
      f(v, F("prev_ends_sentence"), a.ends_sentence);
      // A word or two right under a date line: a label of the item (its
      // language, its section), not its text.
      f(v, F("short_under_date"), a.date && w <= 2 && prev == i);
    }
    bool next_dup = false;
    if (has_next) {
      const UnitShape& b = shapes[next];
      next_dup = b.text && u.text && Repeats(p, fold_hash(i), paras[next], fold_hash(next));
      f(v, F("next_date"), b.date);
      f(v, F("next_heading"), b.heading);
      f(v, F("next_long"), b.long_text);
      f(v, F("next_short"), b.short_text);
      f(v, F("next_dup"), next_dup);
      f(v, F("next_ends_sentence"), b.ends_sentence);
      f(v, F("short_heading_x_next_heading"), w <= 6 && u.heading && b.heading && !next_dup);
      f(v, F("short_x_next_date"), w <= 2 && b.date);
    }
    f(v, F("words_1_x_ends_sentence"), w == 1 && u.ends_sentence);
    f(v, F("digits"),
      t.empty() ? 0.0 : static_cast<double>(digits) / static_cast<double>(t.size()));
    f(v, F("phone"), digits >= 7 && t.size() <= 60 && IsPhoneLine(t) ? kWordClassScale : 0.0);
  }
  return out;
}

// The units of a page with their kinds: split into lines, dates split off,
// template and footer lines marked; then each text unit the line model
// finds to be other than a headline or body (navigation, a pager, a menu,
// a label) becomes navigation. `model` null: no model pass, and
// `features` (when not null) gets what the model would read.
std::vector<Para> Prepare(const ingest::Document& doc, const SiteProfile& profile,
                          const SegmentOptions& options, const LineModel* model, PageStories* out,
                          std::vector<LineFeatures>* features) {
  std::vector<Para> paras = Units(doc.text);
  for (Para& p : paras) Classify(&p, profile, options, out);
  SplitLeadingDates(&paras, profile.slash_order());
  Shape(&paras, options);
  const size_t n = paras.size();
  // A long line found on most pages of the run, at the end of each of them
  // after text of its own (a footer: "ABOUT US The League ..."), is
  // template. An article's lead shown as a teaser on the other pages is at
  // their top: it stays, however few pages the run has.
  auto footer = [&](const Para& p) {
    if (p.raw.empty() || p.words <= kTemplateMaxWords) return false;
    return profile.IsFooter(p.raw, options);
  };
  for (size_t i = 0, own = 0; i < n; ++i) {
    Para& p = paras[i];
    if (p.kind != Kind::kText || p.raw.empty() || p.words <= kTemplateMaxWords) continue;
    if (own > 0 && footer(p)) {
      p.kind = Kind::kNav;
      ++out->dropped[static_cast<int>(DropReason::kTemplate)];
    } else if (LongPages(p, profile) < 2) {
      ++own;
    }
  }
  std::vector<LineFeatures> f = UnitFeatures(paras, profile, /*text_only=*/features == nullptr,
                                             /*skip_sentences=*/model != nullptr);
  if (model != nullptr) {
    for (size_t i = 0; i < n; ++i) {
      if (paras[i].kind != Kind::kText) continue;
      if (IsKeptSentence(paras[i],
                         f[i][F("nav_words")] != 0.0f || f[i][F("pager_or_link")] != 0.0f)) {
        continue;
      }
      const std::array<float, kLineRoles> s = model->Scores(f[i]);
      const double other = static_cast<double>(s[static_cast<size_t>(LineRole::kOther)]);
      const double kept = static_cast<double>(std::max(s[static_cast<size_t>(LineRole::kTitle)],
                                                       s[static_cast<size_t>(LineRole::kBody)]));
      paras[i].title_vs_body =
          s[static_cast<size_t>(LineRole::kTitle)] - s[static_cast<size_t>(LineRole::kBody)];
      if (other > kept + options.line_other_margin) {
        paras[i].kind = Kind::kNav;
        ++out->dropped[static_cast<int>(DropReason::kNavigation)];
      }
    }
  }
  // A date line right under another ("17 Feb. 2020 -" over "Last updated:
  // 17 Feb. 2020 16:31") is the page's metadata: the first one counts.
  for (size_t i = 1, prev = n; i < n; ++i) {
    if (paras[i].kind == Kind::kNav) continue;
    if (paras[i].kind == Kind::kDateline && prev < n && paras[prev].kind == Kind::kDateline &&
        paras[i].attachment.empty()) {
      paras[i].kind = Kind::kNav;
      ++out->dropped[static_cast<int>(DropReason::kOther)];
      continue;
    }
    prev = i;
  }
  if (features != nullptr) *features = std::move(f);
  return paras;
}

PageStory NewStory(SourceRole role) {
  PageStory s;
  s.role = role;
  return s;
}

void AddBodyPara(const Para& p, PageStory* s) {
  switch (p.kind) {
    case Kind::kUrl:
      s->links.push_back(p.text);
      return;
    case Kind::kAttachment:
      s->attachments.push_back(p.attachment);
      return;
    case Kind::kNav:
      return;
    default:
      break;
  }
  CollectInlineLinks(p.text, &s->links);
  s->paragraphs.push_back(p.text);
}

}  // namespace

bool IsNavigationLine(std::string_view line) {
  line = text::Trim(line);
  if (line.size() > 60 || CountWords(line) > 6) return false;  // cheap test first
  std::vector<std::string> words = text::Tokens(line);
  if (words.empty() || words.size() > 6) return false;
  const WordSet& nav_words = NavWords();
  const WordSet& nav_heads = NavHeads();
  bool head = false;
  for (const std::string& w : words) {
    if (!nav_words.count(w)) return false;
    head |= nav_heads.count(w) > 0;
  }
  return head;
}

std::string AttachmentName(std::string_view line) {
  line = text::Trim(line);
  std::string_view name = line;
  bool prefixed = false;
  for (std::string_view prefix : AttachmentPrefixes()) {
    if (text::StartsWithIgnoreCase(name, prefix)) {
      name = text::Trim(name.substr(prefix.size()));
      prefixed = true;
      break;
    }
  }
  if (name.empty() || !EndsWithFileExtension(name) || CountWords(name) > 12 ||
      name.find("://") != std::string_view::npos) {
    return "";
  }
  // A bare file name has no "download" inside ("Headline 07.02.2025 Download X.pdf" is a
  // dated headline with an attachment, read by SplitDatedHeadline).
  if (!prefixed) {
    const std::string folded = text::Fold(name);
    for (std::string_view w : DownloadWords()) {
      if (folded.find(w) != std::string::npos) return "";
    }
  }
  return std::string(name);
}

// Every lookup of a line is made by Classify (IsTemplate of a unit's text)
// and by LongLine and the footer test (of a unit's raw first line, or of ""
// once SplitLeadingDates cleared it); the feed dump asks the slash order
// alone.
void ProfileLinesAsked(const ingest::Document& doc,
                       std::vector<std::pair<bool, uint64_t>>* out) {
  out->emplace_back(true, SiteProfile::LongLineKey(""));
  for (const Para& p : Units(doc.text)) {
    if (!TooLongForTemplate(p.text)) out->emplace_back(false, SiteProfile::TemplateKey(p.text));
    out->emplace_back(true, SiteProfile::LongLineKey(p.raw));
  }
}

PageStories SegmentText(const ingest::Document& doc, const SiteProfile& profile,
                        const SegmentOptions& options) {
  if (IsFeedDump(doc.text)) return SegmentFeedDump(doc, profile.slash_order());
  PageStories out;
  out.page = doc.name;
  // An unreadable model file is reported when the run starts
  // (CheckLineModel); here it falls back to the embedded one.
  auto loaded = LineModelFor(options);
  const LineModel& model = loaded ? **loaded : EmbeddedLineModel();
  std::vector<Para> paras = Prepare(doc, profile, options, &model, &out, nullptr);
  const size_t n = paras.size();
  // The next unit after `i` that is not navigation, or n.
  auto next_kept = [&](size_t i) {
    size_t j = i + 1;
    while (j < n && paras[j].kind == Kind::kNav) ++j;
    return j;
  };
  auto words_of = [&](size_t i) { return paras[i].words; };
  // 1. Where the page's own article starts: [title_at] the headline,
  // [body_at] its first body unit.
  std::optional<size_t> title_at;
  size_t body_at = n;
  PageStory article = NewStory(SourceRole::kArticle);
  for (size_t i = 0; i + 1 < n; ++i) {  // (a) the headline printed twice, with the date
    if (paras[i].kind != Kind::kText || paras[i + 1].kind == Kind::kNav) continue;
    // Cheap test first: the second line starts like the first.
    const std::string& head = paras[i].text;
    if (paras[i + 1].text.size() <= head.size() ||
        !text::StartsWithIgnoreCase(paras[i + 1].text,
                                    head.substr(0, std::min<size_t>(head.size(), 16))) ||
        text::CodePoints(head) > options.max_headline_chars) {
      continue;
    }
    std::string title, att;
    date::Date d;
    if (SplitDatedHeadline(paras[i + 1].text, &title, &d, &att) &&
        text::Fold(title) == text::Fold(paras[i].text)) {
      title_at = i;
      body_at = i + 2;
      article.title = paras[i].text;
      article.date = date::Iso(d);
      if (!att.empty()) article.attachments.push_back(att);
      ++out.dropped[static_cast<int>(DropReason::kDuplicateHeadline)];
    }
  }
  if (!title_at) {  // (a') the headline printed twice, the second print whole or cut short
    for (size_t i = n; i-- > 0;) {
      const size_t j = next_kept(i);
      if (j >= n || !IsHeadingLike(paras[i], options) || paras[j].kind != Kind::kText) continue;
      if (paras[j].text.size() > 2 * paras[i].text.size() ||
          (text::FoldHash(paras[j].text) != text::FoldHash(paras[i].text) &&
           !IsCutRepeat(paras[i].text, paras[j].text))) {
        continue;
      }
      title_at = i;
      // The second print cut by the end of the page is all the text it shows.
      body_at = paras[j].last ? j : j + 1;
      article.title = paras[i].text;
      if (!paras[j].last) ++out.dropped[static_cast<int>(DropReason::kDuplicateHeadline)];
      break;
    }
  }
  if (!title_at) {  // (b) a headline, then a date line, then a body with no dated teasers
    for (size_t i = n < 2 ? 0 : n - 1; i-- > 0;) {
      const size_t j = next_kept(i);
      // Over its date line, a headline may run long (cut by the site).
      if (j >= n || paras[i].kind != Kind::kText || !paras[i].long_heading ||
          paras[j].kind != Kind::kDateline) {
        continue;
      }
      bool teasers_follow = false;
      for (size_t k = j + 1; k + 1 < n; ++k) {
        teasers_follow |= paras[k].kind == Kind::kDateline && paras[k + 1].kind == Kind::kText &&
                          paras[k + 1].words >= 8;
      }
      if (teasers_follow) break;
      title_at = i;
      body_at = j + 1;
      article.title = paras[i].text;
      article.date = date::Iso(paras[j].date);
      if (!paras[j].attachment.empty()) article.attachments.push_back(paras[j].attachment);
      break;
    }
  }
  size_t first_text = n;
  for (size_t i = 0; i < n && first_text == n; ++i) {
    if (paras[i].kind == Kind::kText) first_text = i;
  }
  if (!title_at) {  // (c) an undated headline followed by a body to the end of the page
    for (size_t i = n; i-- > 0;) {
      // The page's last unit may be a paragraph the excerpt cut short.
      if (paras[i].last || !IsHeadingLike(paras[i], options)) continue;
      // Inside a page a short heading is a subheading of the text; the
      // article's headline is a sentence.
      if (i != first_text && words_of(i) < 5) continue;
      // A line of a listing repeated on other pages, over another such
      // line, is a teaser, not this page's headline.
      const size_t next = next_kept(i);
      if (next < n && paras[next].kind == Kind::kText && !paras[i].raw.empty() &&
          !paras[next].raw.empty() && paras[i].words > kTemplateMaxWords &&
          LongPages(paras[i], profile) >= 2 &&
          LongPages(paras[next], profile) >= 2) {
        continue;
      }
      // Above an article's headline sit teasers (sentences) or nothing; a
      // short heading among them makes the page a document with sections,
      // titled by its first line when that is such a heading.
      auto section = [&](size_t k) {
        return IsHeadingLike(paras[k], options) && words_of(k) >= 3 && words_of(k) <= 12 &&
               (paras[k].raw.empty() || LongPages(paras[k], profile) < 2);
      };
      bool sections_before = false;
      for (size_t k = first_text; k < i && !sections_before; ++k) sections_before = section(k);
      if (sections_before) {
        if (section(first_text)) {
          title_at = first_text;
          body_at = first_text + 1;
          article.title = paras[first_text].text;
        }
        break;
      }
      size_t text_after = 0, words_after = 0, last_after = 0;
      bool dateline_after = false;
      for (size_t j = i + 1; j < n; ++j) {
        if (paras[j].kind == Kind::kText) {
          ++text_after;
          words_after += paras[j].words;
          if (paras[j].last) ++last_after;
        }
        dateline_after |= paras[j].kind == Kind::kDateline;
      }
      // A headline over only the page's last, cut, line is still one.
      if (!dateline_after && text_after >= 1 && (words_after >= 15 || last_after == text_after)) {
        title_at = i;
        body_at = i + 1;
        article.title = paras[i].text;
        break;
      }
      // Too little text under it: a signature or a subheading near the end.
    }
  }
  if (title_at && article.date.empty()) TakeTrailingDate(&article.title, &article.date);
  bool any_dateline = false;
  for (const Para& p : paras) any_dateline |= p.kind == Kind::kDateline;
  if (!title_at && !any_dateline) {
    // (d) no headline, no date: a listing of undated teasers when its lines
    // are seen on other pages of the run, else the page is one untitled article.
    bool listed = false;
    int looked = 0;
    for (size_t i = first_text; i < n && looked < 3; ++i) {
      if (paras[i].kind != Kind::kText || paras[i].raw.empty() ||
          paras[i].words <= kTemplateMaxWords) {
        continue;
      }
      ++looked;
      listed |= LongPages(paras[i], profile) >= 2;
    }
    if (!listed) {
      title_at = 0;
      body_at = 0;
    }
  }
  if (!title_at) {
    // (e) one date line before all the text, no headline: an untitled article.
    size_t datelines = 0, at = n;
    for (size_t i = 0; i < n; ++i) {
      if (paras[i].kind == Kind::kDateline) {
        ++datelines;
        at = i;
      }
    }
    if (datelines == 1 && at < first_text) {
      title_at = at;
      body_at = at;
    }
  }
  const size_t teasers_end = title_at ? *title_at : n;

  // 2. The teasers: before the article, and after it where a date line ends it.
  std::optional<PageStory> cur;
  auto flush = [&] {
    // An undated line of a few words with no text under it is a label of the
    // page ("Our work Our people"), not a teaser.
    if (cur && cur->date.empty() && cur->title.empty() && cur->paragraphs.size() == 1 &&
        CountWords(cur->paragraphs[0]) <= 6 && !EndsSentence(cur->paragraphs[0])) {
      ++out.dropped[static_cast<int>(DropReason::kOther)];
      cur->paragraphs.clear();
    }
    // A dated item that is only a headline: the headline is its text.
    if (cur && cur->paragraphs.empty() && !cur->title.empty() && !cur->date.empty()) {
      cur->paragraphs.push_back(std::move(cur->title));
      cur->title.clear();
    }
    if (cur && !cur->paragraphs.empty()) {
      out.stories.push_back(std::move(*cur));
    } else if (cur && !out.stories.empty()) {  // attachments without text go to the previous one
      for (auto& a : cur->attachments) out.stories.back().attachments.push_back(a);
      for (auto& l : cur->links) out.stories.back().links.push_back(l);
    }
    cur.reset();
  };
  auto teasers = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const Para& p = paras[i];
      switch (p.kind) {
        case Kind::kNav:
          break;
        case Kind::kDateline:
          // A headline printed above its date line opened the item already.
          if (cur && cur->date.empty() && cur->paragraphs.empty() && !cur->title.empty()) {
            cur->date = date::Iso(p.date);
          } else {
            flush();
            cur = NewStory(SourceRole::kTeaser);
            cur->date = date::Iso(p.date);
          }
          if (!p.attachment.empty()) cur->attachments.push_back(p.attachment);
          break;
        case Kind::kAttachment:
        case Kind::kUrl:
          if (cur) {
            AddBodyPara(p, &*cur);
          } else if (!out.stories.empty()) {
            AddBodyPara(p, &out.stories.back());
          }
          break;
        default: {
          const size_t j = next_kept(i);
          // An undated item's headline sits closer to its text than to the
          // line before it (a listing of one line an item has no headlines).
          const bool heads_item =
              IsHeadingLike(p, options) && !p.last && j < to &&
              ((paras[j].kind == Kind::kDateline && words_of(i) >= 3) ||
               (paras[j].kind == Kind::kText && words_of(i) >= 5 && (!cur || cur->date.empty()) &&
                paras[j].gap <= p.gap && (paras[j].gap > 0 || p.gap > 0)));
          if (heads_item && j < to && paras[j].kind == Kind::kDateline &&
              !(cur && cur->paragraphs.empty() && cur->title.empty() && !cur->date.empty())) {
            // "Headline / date line / text": the item starts at its headline.
            flush();
            cur = NewStory(SourceRole::kTeaser);
            cur->title = p.text;
          } else if (cur && !cur->date.empty()) {
            // A dated teaser runs until the next date line; a short unpunctuated
            // first paragraph followed by text is its headline.
            if (cur->paragraphs.empty() && cur->title.empty() && IsHeadingLike(p, options) &&
                j < to && paras[j].kind == Kind::kText) {
              cur->title = p.text;
            } else {
              AddBodyPara(p, &*cur);
            }
          } else if (heads_item) {
            // An undated item under its headline runs to the next headline.
            flush();
            cur = NewStory(SourceRole::kTeaser);
            cur->title = p.text;
          } else if (cur && (!cur->title.empty() ||
                             (!cur->paragraphs.empty() &&
                              (paras[i - 1].salutation || (p.gap <= 1 && Continues(p.text)))))) {
            AddBodyPara(p, &*cur);
          } else if (p.last && !EndsSentence(p.text) && words_of(i) < 20) {
            // The page's last line, cut by the excerpt: a headline whose text
            // is not on the page.
            ++out.dropped[static_cast<int>(DropReason::kOther)];
          } else {
            // Undated teasers: one unit each (dedup joins paragraphs that
            // other pages show as one teaser).
            flush();
            cur = NewStory(SourceRole::kTeaser);
            AddBodyPara(p, &*cur);
          }
        }
      }
    }
    flush();
  };
  // "Date line / headline / text": a date line right over the page's own
  // headline, with no text of its own, is the article's date.
  if (title_at && article.date.empty()) {
    size_t k = *title_at;
    while (k > 0 && paras[k - 1].kind == Kind::kNav) --k;
    if (k > 0 && paras[k - 1].kind == Kind::kDateline) {
      article.date = date::Iso(paras[k - 1].date);
      if (!paras[k - 1].attachment.empty()) article.attachments.push_back(paras[k - 1].attachment);
      paras[k - 1].kind = Kind::kNav;  // taken: no teaser of its own
    }
  }
  teasers(0, teasers_end);

  // 3. The article body.
  if (title_at) {
    size_t i = body_at;
    for (; i < n; ++i) {
      const Para& p = paras[i];
      if (p.kind == Kind::kDateline) {
        if (article.date.empty() && article.paragraphs.empty()) {
          article.date = date::Iso(p.date);
          if (!p.attachment.empty()) article.attachments.push_back(p.attachment);
          continue;
        }
        if (article.paragraphs.empty()) continue;  // a second date over the text
        // Dated items after the article: a date line, then a teaser's text.
        const size_t j = next_kept(i);
        if (j < n && paras[j].kind == Kind::kText &&
            (paras[j].words >= 8 || EndsSentence(paras[j].text))) {
          break;
        }
        // A signature at the end of a statement: "10 June 2022" over "Harbourtown city".
        if (!article.paragraphs.empty() && j < n && paras[j].kind == Kind::kText &&
            paras[j].gap == 0 && paras[j].words <= 4) {
          article.paragraphs.push_back(p.text + " " + paras[j].text);
          i = j;
          continue;
        }
      }
      if (!article.title.empty() && p.kind == Kind::kText && !p.last &&
          ((p.text.size() <= 2 * article.title.size() &&
            text::FoldHash(p.text) == text::FoldHash(article.title)) ||
           (article.paragraphs.empty() && IsCutRepeat(article.title, p.text)) ||
           (article.paragraphs.empty() && p.text.size() <= article.title.size() + 40 &&
            IsCutRepeat(p.text, article.title)))) {
        ++out.dropped[static_cast<int>(DropReason::kDuplicateHeadline)];
        continue;
      }
      AddBodyPara(p, &article);
    }
    // Under a headline, only the page's last line cut after a few words: the
    // article's text is not on the page.
    if (article.paragraphs.size() == 1 && CountWords(article.paragraphs[0]) < 8 &&
        paras[n - 1].last && article.paragraphs[0] == paras[n - 1].text) {
      article.paragraphs.clear();
      ++out.dropped[static_cast<int>(DropReason::kOther)];
    }
    // An undated headline over only its second print, cut by the end of the
    // page: the article's text is not on the page.
    if (article.date.empty() && article.paragraphs.size() == 1 && paras[n - 1].last &&
        article.paragraphs[0] == paras[n - 1].text &&
        (IsCutRepeat(article.title, article.paragraphs[0]) ||
         // the second print with a cut date after it; a longer line that
         // starts with the headline's words is the story's text.
         (article.paragraphs[0].size() <= article.title.size() + kCutDateBytes &&
          IsCutRepeat(article.paragraphs[0], article.title)))) {
      article.paragraphs.clear();
      ++out.dropped[static_cast<int>(DropReason::kDuplicateHeadline)];
    }
    if (!article.paragraphs.empty()) {
      // The page's headline printed again as a listing item above it.
      const uint64_t title_hash = text::FoldHash(article.title);
      std::erase_if(out.stories, [&](const PageStory& t) {
        return !article.title.empty() && t.title.empty() && t.paragraphs.size() == 1 &&
               t.paragraphs[0].size() <= 2 * article.title.size() &&
               text::FoldHash(t.paragraphs[0]) == title_hash;
      });
      out.stories.push_back(std::move(article));
    } else if (!article.title.empty() && !article.date.empty() && i == n) {
      // A dated headline whose text the page does not show (the last item
      // of a listing, cut): the headline is the item's text.
      PageStory item = NewStory(SourceRole::kTeaser);
      item.date = std::move(article.date);
      item.paragraphs.push_back(std::move(article.title));
      out.stories.push_back(std::move(item));
    }
    if (i < n) teasers(i, n);
  }
  return out;
}

std::string LineFeatureHeader() {
  std::string out = "page\tunit\tkind\ttext";
  for (std::string_view name : kLineFeatureNames) {
    out += '\t';
    out += name;
  }
  out += '\n';
  return out;
}

std::string LineFeatureRows(const ingest::Document& doc, const SiteProfile& profile,
                            const SegmentOptions& options) {
  // A feed's items are read by their fields, not by the line model.
  if (IsFeedDump(doc.text)) return "";
  PageStories ignored;
  std::vector<LineFeatures> features;
  std::vector<Para> paras = Prepare(doc, profile, options, nullptr, &ignored, &features);
  std::string out;
  for (size_t i = 0; i < paras.size(); ++i) {
    const Para& p = paras[i];
    static constexpr std::array<std::string_view, 6> kKindNames = {
        "text", "date", "nav", "attachment", "url", "dated_headline"};
    out += doc.name;
    out += '\t';
    out += std::to_string(i);
    out += '\t';
    out += kKindNames[static_cast<size_t>(p.kind)];
    out += '\t';
    for (char c : p.text) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    for (float v : features[i]) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "\t%.4g", static_cast<double>(v));
      out += buf;
    }
    out += '\n';
  }
  return out;
}

}  // namespace annals::segment
