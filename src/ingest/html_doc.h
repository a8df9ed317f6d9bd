// HtmlDoc: an HTML page parsed by libxml2's error-recovering HTML parser into
// a compact, read-only tree with a small tag and attribute vocabulary (the
// HTML "normalized early" that segmentation reads; STYLE.md).
//
// In: UTF-8 markup (a Document of format kHtml; any <meta charset> in it is
// ignored, the text is already UTF-8). Invalid UTF-8 does not fail: libxml2
// then reads the bytes as Latin-1, and the tree is still valid UTF-8.
// Out: nodes in document order (pre-order); node 0 is the document itself.
// Each node knows its parent and the end of its subtree, so a subtree is the
// index range [n + 1, End(n)) and every walk is a loop, never a recursion,
// however deep the markup. Text nodes hold whitespace-collapsed text: runs of
// spaces, tabs, newlines, no-break and other Unicode spaces become one ' ';
// zero-width characters and soft hyphens are dropped. Only the text of
// `<script type="application/ld+json">` is kept among scripts; style, other
// scripts and comments are dropped.
//
// Memory is bounded by HtmlLimits: past max_nodes the parse stops (and
// truncated() is true); elements deeper than max_depth are flattened into
// their ancestor at that depth; attribute values are cut at max_attr_bytes.
//
// Thread safety: Parse may run on many threads at once; an HtmlDoc is
// read-only after Parse and may be shared by readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals::ingest {

// Element names that segmentation tells apart; every other element is kOther.
// clang-format off
enum class HtmlTag : uint8_t {
  kDocument, kText, kOther, kA, kAddress, kArticle, kAside, kAudio, kB, kBase, kBlockquote, kBody,
  kBr, kButton, kCanvas, kCaption, kCode, kDd, kDetails, kDialog, kDiv, kDl, kDt, kEm, kEmbed,
  kFieldset, kFigcaption, kFigure, kFooter, kForm, kH1, kH2, kH3, kH4, kH5, kH6, kHead, kHeader,
  kHr, kHtml, kI, kIframe, kImg, kInput, kLabel, kLegend, kLi, kLink, kMain, kMenu, kMeta, kNav,
  kNoscript, kObject, kOl, kOption, kP, kPicture, kPre, kScript, kSection, kSelect, kSmall, kSource,
  kSpan, kStrong, kStyle, kSub, kSummary, kSup, kSvg, kTable, kTbody, kTd, kTemplate, kTextarea,
  kTfoot, kTh, kThead, kTime, kTitle, kTr, kU, kUl, kVideo
};
// clang-format on

// The lower-case element name ("div"); "#document", "#text", or "*" for kOther.
const char* HtmlTagName(HtmlTag tag);

// Attributes that segmentation reads; the others are not kept.
enum class HtmlAttr : uint8_t {
  kAlt,
  kAriaHidden,
  kAriaLabel,
  kClass,
  kContent,
  kDataSrc,
  kDatetime,
  kHidden,
  kHref,
  kId,
  kItemprop,
  kLang,
  kName,
  kProperty,
  kPubdate,
  kRel,
  kRole,
  kSrc,
  kStyle,
  kTitle,
  kType
};

struct HtmlLimits {
  // 4M nodes of 20 bytes bound the tree near 80 MB plus the text itself; a
  // large real news page has under 50k nodes.
  size_t max_nodes = size_t{1} << 22;
  // Browsers render about 500 levels; real pages stay under 100.
  int max_depth = 500;
  // Longer values are inline data (data: URIs, JSON in attributes).
  size_t max_attr_bytes = 4096;
};

class HtmlDoc {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Parses `markup`; never fails (an empty or unparsable input gives a tree
  // with the document node only).
  static HtmlDoc Parse(std::string_view markup, const HtmlLimits& limits = {});

  HtmlDoc(HtmlDoc&&) = default;
  HtmlDoc& operator=(HtmlDoc&&) = default;
  HtmlDoc(const HtmlDoc&) = delete;
  HtmlDoc& operator=(const HtmlDoc&) = delete;

  // Number of nodes, the document node included. REQUIRES for every
  // accessor below: n < size().
  uint32_t size() const { return static_cast<uint32_t>(nodes_.size()); }
  HtmlTag Tag(uint32_t n) const { return nodes_[n].tag; }
  // kNone for the document node.
  uint32_t Parent(uint32_t n) const { return nodes_[n].parent; }
  // One past the last node of n's subtree.
  uint32_t End(uint32_t n) const { return nodes_[n].end; }
  // Elements between n and the document node (the document has depth 0).
  int Depth(uint32_t n) const { return nodes_[n].depth; }
  // The next node with the same parent, or kNone.
  uint32_t NextSibling(uint32_t n) const;
  // The first child, or kNone.
  uint32_t FirstChild(uint32_t n) const { return nodes_[n].end > n + 1 ? n + 1 : kNone; }
  // The collapsed text of a text node; "" for elements.
  std::string_view Text(uint32_t n) const;
  // The value of attribute `a` of element n ("" when absent).
  std::string_view Attr(uint32_t n, HtmlAttr a) const;
  bool HasAttr(uint32_t n, HtmlAttr a) const;
  // The text of n's subtree, text nodes concatenated with whitespace
  // collapsed and trimmed (no separators added between blocks).
  std::string TextContent(uint32_t n) const;
  // The nearest ancestor of n (n excluded) with tag t, or kNone.
  uint32_t AncestorWithTag(uint32_t n, HtmlTag t) const;

  // True when max_nodes stopped the parse early.
  bool truncated() const { return truncated_; }

 private:
  friend struct HtmlBuilder;
  struct Node {
    HtmlTag tag = HtmlTag::kDocument;
    uint16_t depth = 0;
    uint32_t parent = kNone;
    uint32_t end = 0;
    uint32_t begin = 0;  // text: byte offset in chars_; element: index in attrs_
    uint32_t count = 0;  // text: byte length; element: number of attributes
  };
  struct AttrValue {
    HtmlAttr name;
    uint32_t begin = 0;  // byte offset in chars_
    uint32_t size = 0;
  };
  HtmlDoc() = default;

  std::vector<Node> nodes_;
  std::vector<AttrValue> attrs_;
  std::string chars_;
  bool truncated_ = false;
};

// Resolves `href` (trimmed) against the absolute URL `base` (RFC 3986).
// Returns href unchanged when it is already absolute (mailto: included) or
// base is empty, and "" for an empty href, in-page ("#...") links,
// javascript: and data: URLs.
std::string ResolveUrl(std::string_view base, std::string_view href);

// True when `url` starts with a scheme such as "https:".
bool IsAbsoluteUrl(std::string_view url);

}  // namespace annals::ingest
