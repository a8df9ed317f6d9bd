// Tags and class names given their roles, and a page cut into blocks
// (Page::ComputeStats, BuildBlocks).
#include "src/segment/html_segmenter_internal.h"

namespace annals::segment::html_internal {

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

bool IsHardSkipped(HtmlTag t) {
  return t == HtmlTag::kHead || t == HtmlTag::kScript || t == HtmlTag::kStyle ||
         t == HtmlTag::kNoscript || t == HtmlTag::kTemplate || t == HtmlTag::kSvg ||
         t == HtmlTag::kTitle || t == HtmlTag::kTextarea || t == HtmlTag::kOption ||
         t == HtmlTag::kSelect || t == HtmlTag::kIframe || t == HtmlTag::kObject ||
         t == HtmlTag::kEmbed || t == HtmlTag::kCanvas || t == HtmlTag::kAudio ||
         t == HtmlTag::kVideo || t == HtmlTag::kMeta || t == HtmlTag::kLink || t == HtmlTag::kBase;
}

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

}  // namespace annals::segment::html_internal
