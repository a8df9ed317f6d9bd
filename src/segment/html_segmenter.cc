#include "src/segment/html_segmenter.h"

#include "src/segment/html_segmenter_internal.h"

namespace annals::segment {
namespace html_internal {

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

bool HtmlSegmenter::InArticle(uint32_t n) const {
  for (uint32_t root : page_.parts()) {
    if (n >= root && n < html_.End(root)) return true;
  }
  return false;
}

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

}  // namespace html_internal

using html_internal::HtmlSegmenter;

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
