// The article among a page's blocks: nodes scored (Readability's way), the
// top one chosen and cleaned, its lead found.
#include "src/segment/html_segmenter_internal.h"

namespace annals::segment::html_internal {

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

}  // namespace annals::segment::html_internal
