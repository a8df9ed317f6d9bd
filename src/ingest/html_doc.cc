#include "src/ingest/html_doc.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstring>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <memory>
#include <mutex>

namespace annals::ingest {
namespace {

struct TagName {
  std::string_view name;
  HtmlTag tag;
};

// Sorted by name for binary search.
// clang-format off
constexpr std::array<TagName, 82> kTags = {{
    {"a", HtmlTag::kA}, {"address", HtmlTag::kAddress}, {"article", HtmlTag::kArticle},
    {"aside", HtmlTag::kAside}, {"audio", HtmlTag::kAudio}, {"b", HtmlTag::kB},
    {"base", HtmlTag::kBase}, {"blockquote", HtmlTag::kBlockquote}, {"body", HtmlTag::kBody},
    {"br", HtmlTag::kBr}, {"button", HtmlTag::kButton}, {"canvas", HtmlTag::kCanvas},
    {"caption", HtmlTag::kCaption}, {"code", HtmlTag::kCode}, {"dd", HtmlTag::kDd},
    {"details", HtmlTag::kDetails}, {"dialog", HtmlTag::kDialog}, {"div", HtmlTag::kDiv},
    {"dl", HtmlTag::kDl}, {"dt", HtmlTag::kDt}, {"em", HtmlTag::kEm}, {"embed", HtmlTag::kEmbed},
    {"fieldset", HtmlTag::kFieldset}, {"figcaption", HtmlTag::kFigcaption},
    {"figure", HtmlTag::kFigure}, {"footer", HtmlTag::kFooter}, {"form", HtmlTag::kForm},
    {"h1", HtmlTag::kH1}, {"h2", HtmlTag::kH2}, {"h3", HtmlTag::kH3}, {"h4", HtmlTag::kH4},
    {"h5", HtmlTag::kH5}, {"h6", HtmlTag::kH6}, {"head", HtmlTag::kHead},
    {"header", HtmlTag::kHeader}, {"hr", HtmlTag::kHr}, {"html", HtmlTag::kHtml},
    {"i", HtmlTag::kI}, {"iframe", HtmlTag::kIframe}, {"img", HtmlTag::kImg},
    {"input", HtmlTag::kInput}, {"label", HtmlTag::kLabel}, {"legend", HtmlTag::kLegend},
    {"li", HtmlTag::kLi}, {"link", HtmlTag::kLink}, {"main", HtmlTag::kMain},
    {"menu", HtmlTag::kMenu}, {"meta", HtmlTag::kMeta}, {"nav", HtmlTag::kNav},
    {"noscript", HtmlTag::kNoscript}, {"object", HtmlTag::kObject}, {"ol", HtmlTag::kOl},
    {"option", HtmlTag::kOption}, {"p", HtmlTag::kP}, {"picture", HtmlTag::kPicture},
    {"pre", HtmlTag::kPre}, {"script", HtmlTag::kScript}, {"section", HtmlTag::kSection},
    {"select", HtmlTag::kSelect}, {"small", HtmlTag::kSmall}, {"source", HtmlTag::kSource},
    {"span", HtmlTag::kSpan}, {"strong", HtmlTag::kStrong}, {"style", HtmlTag::kStyle},
    {"sub", HtmlTag::kSub}, {"summary", HtmlTag::kSummary}, {"sup", HtmlTag::kSup},
    {"svg", HtmlTag::kSvg}, {"table", HtmlTag::kTable}, {"tbody", HtmlTag::kTbody},
    {"td", HtmlTag::kTd}, {"template", HtmlTag::kTemplate}, {"textarea", HtmlTag::kTextarea},
    {"tfoot", HtmlTag::kTfoot}, {"th", HtmlTag::kTh}, {"thead", HtmlTag::kThead},
    {"time", HtmlTag::kTime}, {"title", HtmlTag::kTitle}, {"tr", HtmlTag::kTr}, {"u", HtmlTag::kU},
    {"ul", HtmlTag::kUl}, {"video", HtmlTag::kVideo},
}};
// clang-format on

struct AttrName {
  std::string_view name;
  HtmlAttr attr;
};

constexpr std::array<AttrName, 21> kAttrs = {{
    {"alt", HtmlAttr::kAlt},
    {"aria-hidden", HtmlAttr::kAriaHidden},
    {"aria-label", HtmlAttr::kAriaLabel},
    {"class", HtmlAttr::kClass},
    {"content", HtmlAttr::kContent},
    {"data-src", HtmlAttr::kDataSrc},
    {"datetime", HtmlAttr::kDatetime},
    {"hidden", HtmlAttr::kHidden},
    {"href", HtmlAttr::kHref},
    {"id", HtmlAttr::kId},
    {"itemprop", HtmlAttr::kItemprop},
    {"lang", HtmlAttr::kLang},
    {"name", HtmlAttr::kName},
    {"property", HtmlAttr::kProperty},
    {"pubdate", HtmlAttr::kPubdate},
    {"rel", HtmlAttr::kRel},
    {"role", HtmlAttr::kRole},
    {"src", HtmlAttr::kSrc},
    {"style", HtmlAttr::kStyle},
    {"title", HtmlAttr::kTitle},
    {"type", HtmlAttr::kType},
}};

HtmlTag LookupTag(std::string_view name) {
  auto it = std::lower_bound(kTags.begin(), kTags.end(), name,
                             [](const TagName& t, std::string_view n) { return t.name < n; });
  return it != kTags.end() && it->name == name ? it->tag : HtmlTag::kOther;
}

bool LookupAttr(std::string_view name, HtmlAttr* out) {
  auto it = std::lower_bound(kAttrs.begin(), kAttrs.end(), name,
                             [](const AttrName& a, std::string_view n) { return a.name < n; });
  if (it == kAttrs.end() || it->name != name) return false;
  *out = it->attr;
  return true;
}

std::string_view View(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// Appends UTF-8 text to *out with whitespace collapsed (see html_doc.h).
// *last_space says whether the text appended so far ends with a space.
void AppendCollapsed(std::string* out, const unsigned char* s, size_t n, bool* last_space) {
  auto space = [out, last_space] {
    if (!*last_space) out->push_back(' ');
    *last_space = true;
  };
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space();
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && (s[i + 1] == 0xA0 || s[i + 1] == 0xAD || s[i + 1] == 0x85)) {
      if (s[i + 1] != 0xAD) space();  // no-break space, next line; soft hyphen dropped
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81)) {
      const unsigned char d = s[i + 2];
      if (s[i + 1] == 0x80) {
        if (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF) {
          space();  // en/em/thin/hair spaces, line and paragraph separators, narrow nbsp
          i += 3;
          continue;
        }
        if (d >= 0x8B && d <= 0x8D) {  // zero-width space, non-joiner, joiner
          i += 3;
          continue;
        }
      } else if (d == 0x9F || d == 0xA0) {  // medium math space; word joiner dropped
        if (d == 0x9F) space();
        i += 3;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80) {  // ideographic space
      space();
      i += 3;
      continue;
    }
    if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {  // zero-width nbsp
      i += 3;
      continue;
    }
    if (c < 0x20) {  // other control characters
      ++i;
      continue;
    }
    out->push_back(static_cast<char>(c));
    *last_space = false;
    ++i;
  }
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Position of the first "</name" (ASCII case-insensitive) at or after `from`.
size_t FindEndTag(std::string_view in, size_t from, std::string_view name) {
  while (true) {
    const size_t lt = in.find("</", from);
    if (lt == std::string_view::npos) return lt;
    size_t k = 0;
    while (k < name.size() && lt + 2 + k < in.size() && LowerAscii(in[lt + 2 + k]) == name[k]) ++k;
    if (k == name.size()) return lt;
    from = lt + 2;
  }
}

bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Position of the first "<svg" start tag (not self-closing) in [from, to).
size_t FindSvgStart(std::string_view in, size_t from, size_t to) {
  while (from < to) {
    const size_t lt = in.find('<', from);
    if (lt == std::string_view::npos || lt >= to) return std::string_view::npos;
    if (lt + 4 < in.size() && LowerAscii(in[lt + 1]) == 's' && LowerAscii(in[lt + 2]) == 'v' &&
        LowerAscii(in[lt + 3]) == 'g' && (IsTagSpace(in[lt + 4]) || in[lt + 4] == '>')) {
      const size_t gt = in.find('>', lt);
      if (gt != std::string_view::npos && in[gt - 1] != '/') return lt;
    }
    from = lt + 1;
  }
  return std::string_view::npos;
}

// The end tag that closes the <svg> whose content starts at `from`: <svg>
// nests (icon sprites hold one per <symbol>), so as many ends as starts.
size_t FindSvgEnd(std::string_view in, size_t from) {
  size_t depth = 1;
  while (true) {
    const size_t close = FindEndTag(in, from, "svg");
    if (close == std::string_view::npos) return close;
    const size_t open = FindSvgStart(in, from, close);
    if (open != std::string_view::npos) {
      ++depth;
      from = open + 4;
      continue;
    }
    if (--depth == 0) return close;
    from = close + 2;
  }
}

// Copies the markup without what the tree never keeps and libxml2 would
// still read byte by byte (half the bytes of a typical news page): comments,
// the content of <style>, <svg>, <noscript> and non-JSON <script> elements, and the
// attributes outside HtmlAttr. Start and end tags stay, so the tree's shape
// does not change. Start tags are read as an HTML tokenizer does (attribute
// values quoted or not); anything else is copied as is.
std::string Prune(std::string_view in) {
  std::string out;
  out.reserve(in.size() / 2);
  std::string name, attr;
  size_t i = 0;
  while (i < in.size()) {
    const size_t lt = in.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(in.substr(i));
      break;
    }
    out.append(in.substr(i, lt - i));
    i = lt;
    if (in.substr(i, 4) == "<!--") {
      const size_t end = in.find("-->", i + 4);
      if (end == std::string_view::npos) break;  // a comment to the end of the page
      i = end + 3;
      continue;
    }
    if (i + 1 >= in.size() || !IsAsciiAlpha(in[i + 1])) {
      out.push_back('<');
      ++i;
      continue;
    }
    // The tag name.
    size_t k = i + 1;
    name.clear();
    while (k < in.size() && !IsTagSpace(in[k]) && in[k] != '/' && in[k] != '>') {
      name.push_back(LowerAscii(in[k]));
      ++k;
    }
    std::string tag = "<" + std::string(in.substr(i + 1, k - i - 1));
    bool self_closing = false, json = false, closed = false;
    // Attributes: name [= value], value quoted or not.
    while (k < in.size()) {
      while (k < in.size() && (IsTagSpace(in[k]) || in[k] == '/')) {
        self_closing = in[k] == '/';
        ++k;
      }
      if (k >= in.size()) break;
      if (in[k] == '>') {
        closed = true;
        ++k;
        break;
      }
      self_closing = false;
      const size_t name_begin = k;
      attr.clear();
      do {
        attr.push_back(LowerAscii(in[k]));
        ++k;
      } while (k < in.size() && !IsTagSpace(in[k]) && in[k] != '/' && in[k] != '>' && in[k] != '=');
      size_t v = k;
      while (v < in.size() && IsTagSpace(in[v])) ++v;
      size_t end = k;
      if (v < in.size() && in[v] == '=') {
        ++v;
        while (v < in.size() && IsTagSpace(in[v])) ++v;
        if (v < in.size() && (in[v] == '"' || in[v] == '\'')) {
          const size_t close = in.find(in[v], v + 1);
          end = close == std::string_view::npos ? in.size() : close + 1;
        } else {
          end = v;
          while (end < in.size() && !IsTagSpace(in[end]) && in[end] != '>') ++end;
        }
      }
      HtmlAttr kept;
      if (LookupAttr(attr, &kept)) {
        tag.push_back(' ');
        tag.append(in.substr(name_begin, end - name_begin));
        if (kept == HtmlAttr::kType) {
          for (size_t c = name_begin; c < end; ++c) {
            if (LowerAscii(in[c]) == 'j' && c + 4 <= end && LowerAscii(in[c + 1]) == 's' &&
                LowerAscii(in[c + 2]) == 'o' && LowerAscii(in[c + 3]) == 'n') {
              json = true;
            }
          }
        }
      }
      k = end;
    }
    if (!closed) {  // a tag cut by the end of the page
      out.append(in.substr(i));
      break;
    }
    out.append(tag);
    if (self_closing) out.push_back('/');
    out.push_back('>');
    i = k;
    // <noscript> is raw text to a browser that runs scripts (HTML's
    // parsing with scripting on): markup in it, such as an unclosed <div>,
    // must not swallow the rest of the page.
    if (self_closing ||
        (name != "script" && name != "style" && name != "svg" && name != "noscript")) {
      continue;
    }
    size_t end = FindEndTag(in, i, name);
    if (name == "svg") end = FindSvgEnd(in, i);
    if (name == "script" && json) {
      const size_t stop = end == std::string_view::npos ? in.size() : end;
      out.append(in.substr(i, stop - i));
      i = stop;
      continue;
    }
    if (end == std::string_view::npos) break;  // the element runs to the end of the page
    i = end;
  }
  return out;
}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

struct CtxtDeleter {
  void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};

}  // namespace

// The SAX handlers' state: builds an HtmlDoc from libxml2's events.
struct HtmlBuilder {
  HtmlDoc* doc = nullptr;
  HtmlLimits limits;
  htmlParserCtxtPtr ctxt = nullptr;
  std::vector<uint32_t> open;  // open element nodes, the document first
  int flattened = 0;           // open elements past max_depth (text kept)
  int hidden = 0;              // open elements inside svg/template (text dropped)
  bool json_script = false;    // inside <script type="...json">
  bool stopped = false;

  bool Full() {
    if (doc->nodes_.size() < limits.max_nodes && doc->chars_.size() < UINT32_MAX / 2) return false;
    doc->truncated_ = true;
    stopped = true;
    xmlStopParser(ctxt);
    return true;
  }

  // True when text inside the current element is not kept.
  bool DropsText() const {
    switch (doc->nodes_[open.back()].tag) {
      case HtmlTag::kStyle:
      case HtmlTag::kSvg:
      case HtmlTag::kTemplate:
        return true;
      case HtmlTag::kScript:
        return !json_script;
      default:
        return false;
    }
  }

  void Start(std::string_view name, const xmlChar** atts) {
    if (stopped) return;
    if (hidden > 0 || (doc->nodes_[open.back()].tag == HtmlTag::kSvg ||
                       doc->nodes_[open.back()].tag == HtmlTag::kTemplate)) {
      ++hidden;
      return;
    }
    if (static_cast<int>(open.size()) > limits.max_depth) {
      ++flattened;
      return;
    }
    if (Full()) return;
    HtmlDoc::Node node;
    node.tag = LookupTag(name);
    node.depth = static_cast<uint16_t>(std::min<size_t>(open.size(), UINT16_MAX));
    node.parent = open.back();
    node.begin = static_cast<uint32_t>(doc->attrs_.size());
    for (size_t i = 0; atts && atts[i]; i += 2) {
      HtmlAttr a;
      if (!LookupAttr(View(atts[i]), &a)) continue;
      std::string_view value = CutUtf8(View(atts[i + 1]), limits.max_attr_bytes);
      HtmlDoc::AttrValue v{a, static_cast<uint32_t>(doc->chars_.size()),
                           static_cast<uint32_t>(value.size())};
      doc->chars_.append(value);
      doc->attrs_.push_back(v);
    }
    node.count = static_cast<uint32_t>(doc->attrs_.size()) - node.begin;
    const uint32_t index = static_cast<uint32_t>(doc->nodes_.size());
    doc->nodes_.push_back(node);
    open.push_back(index);
    if (node.tag == HtmlTag::kScript) {
      json_script = doc->Attr(index, HtmlAttr::kType).find("json") != std::string_view::npos;
    }
  }

  void End() {
    if (stopped) return;
    if (hidden > 0) {
      --hidden;
      return;
    }
    if (flattened > 0) {
      --flattened;
      return;
    }
    if (open.size() <= 1) return;  // an end without a start: ignored
    const uint32_t index = open.back();
    open.pop_back();
    doc->nodes_[index].end = static_cast<uint32_t>(doc->nodes_.size());
    if (doc->nodes_[index].tag == HtmlTag::kScript) json_script = false;
  }

  void Characters(const xmlChar* s, int len) {
    if (stopped || hidden > 0 || len <= 0 || DropsText()) return;
    const uint32_t parent = open.back();
    HtmlDoc::Node* last = &doc->nodes_.back();
    if (last->tag != HtmlTag::kText || last->parent != parent) {
      if (Full()) return;
      HtmlDoc::Node node;
      node.tag = HtmlTag::kText;
      node.depth = static_cast<uint16_t>(std::min<size_t>(open.size(), UINT16_MAX));
      node.parent = parent;
      node.begin = static_cast<uint32_t>(doc->chars_.size());
      node.end = static_cast<uint32_t>(doc->nodes_.size()) + 1;
      doc->nodes_.push_back(node);
      last = &doc->nodes_.back();
    }
    // Collapse across chunks: the node's text is always the tail of chars_.
    bool last_space = last->count > 0 && doc->chars_.back() == ' ';
    const size_t before = doc->chars_.size();
    AppendCollapsed(&doc->chars_, s, static_cast<size_t>(len), &last_space);
    last->count += static_cast<uint32_t>(doc->chars_.size() - before);
  }
};

namespace {

HtmlBuilder* Builder(void* ctx) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  return static_cast<HtmlBuilder*>(ctxt->_private);
}

void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) {
  Builder(ctx)->Start(View(name), atts);
}
void OnEnd(void* ctx, const xmlChar*) { Builder(ctx)->End(); }
void OnCharacters(void* ctx, const xmlChar* s, int len) { Builder(ctx)->Characters(s, len); }

}  // namespace

HtmlDoc HtmlDoc::Parse(std::string_view markup, const HtmlLimits& limits) {
  HtmlDoc doc;
  doc.nodes_.push_back(Node{});
  HtmlBuilder b;
  b.doc = &doc;
  b.limits = limits;
  b.limits.max_depth = std::clamp(limits.max_depth, 1, 60000);
  b.limits.max_nodes = std::max<size_t>(limits.max_nodes, 1);
  b.open.push_back(0);
  const std::string pruned = Prune(markup);
  const size_t size = std::min<size_t>(pruned.size(), INT_MAX);
  if (size > 0) {
    InitLibxml();
    std::unique_ptr<htmlParserCtxt, CtxtDeleter> ctxt(
        htmlCreateMemoryParserCtxt(pruned.data(), static_cast<int>(size)));
    if (ctxt) {
      htmlSAXHandler sax;
      std::memset(&sax, 0, sizeof sax);
      sax.startElement = OnStart;
      sax.endElement = OnEnd;
      sax.characters = OnCharacters;
      sax.ignorableWhitespace = OnCharacters;
      sax.cdataBlock = OnCharacters;
      // The context owns its handler block; overwrite it with ours.
      std::memcpy(ctxt->sax, &sax, sizeof sax);
      ctxt->userData = ctxt.get();
      ctxt->_private = &b;
      b.ctxt = ctxt.get();
      htmlCtxtUseOptions(ctxt.get(), HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                         HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC);
      xmlSwitchEncoding(ctxt.get(), XML_CHAR_ENCODING_UTF8);
      htmlParseDocument(ctxt.get());
      if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
    }
  }
  const uint32_t total = doc.size();
  for (uint32_t open : b.open) doc.nodes_[open].end = total;
  return doc;
}

uint32_t HtmlDoc::NextSibling(uint32_t n) const {
  const uint32_t p = nodes_[n].parent;
  if (p == kNone) return kNone;
  const uint32_t next = nodes_[n].end;
  return next < nodes_[p].end ? next : kNone;
}

std::string_view HtmlDoc::Text(uint32_t n) const {
  const Node& node = nodes_[n];
  if (node.tag != HtmlTag::kText) return {};
  return std::string_view(chars_).substr(node.begin, node.count);
}

std::string_view HtmlDoc::Attr(uint32_t n, HtmlAttr a) const {
  const Node& node = nodes_[n];
  if (node.tag == HtmlTag::kText) return {};
  for (uint32_t i = node.begin; i < node.begin + node.count; ++i) {
    if (attrs_[i].name == a)
      return std::string_view(chars_).substr(attrs_[i].begin, attrs_[i].size);
  }
  return {};
}

bool HtmlDoc::HasAttr(uint32_t n, HtmlAttr a) const {
  const Node& node = nodes_[n];
  if (node.tag == HtmlTag::kText) return false;
  for (uint32_t i = node.begin; i < node.begin + node.count; ++i) {
    if (attrs_[i].name == a) return true;
  }
  return false;
}

std::string HtmlDoc::TextContent(uint32_t n) const {
  std::string out;
  const uint32_t first = nodes_[n].tag == HtmlTag::kText ? n : n + 1;
  for (uint32_t i = first; i < nodes_[n].end; ++i) {
    if (nodes_[i].tag != HtmlTag::kText) continue;
    const HtmlTag p = nodes_[nodes_[i].parent].tag;
    if (p == HtmlTag::kScript || p == HtmlTag::kStyle) continue;
    std::string_view t = Text(i);
    if (!t.empty() && t.front() == ' ' && (out.empty() || out.back() == ' ')) t.remove_prefix(1);
    out.append(t);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

uint32_t HtmlDoc::AncestorWithTag(uint32_t n, HtmlTag t) const {
  for (uint32_t p = nodes_[n].parent; p != kNone; p = nodes_[p].parent) {
    if (nodes_[p].tag == t) return p;
  }
  return kNone;
}

const char* HtmlTagName(HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kDocument:
      return "#document";
    case HtmlTag::kText:
      return "#text";
    case HtmlTag::kOther:
      return "*";
    default:
      break;
  }
  for (const TagName& t : kTags) {
    if (t.tag == tag) return t.name.data();
  }
  return "*";
}

bool IsAbsoluteUrl(std::string_view url) {
  size_t i = 0;
  while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' ||
                            url[i] == '-' || url[i] == '.')) {
    ++i;
  }
  return i >= 2 && i < url.size() && url[i] == ':' &&
         std::isalpha(static_cast<unsigned char>(url[0]));
}

std::string ResolveUrl(std::string_view base, std::string_view href) {
  while (!href.empty() && static_cast<unsigned char>(href.front()) <= ' ') href.remove_prefix(1);
  while (!href.empty() && static_cast<unsigned char>(href.back()) <= ' ') href.remove_suffix(1);
  std::string h;
  h.reserve(href.size());
  for (char c : href) {
    if (c != '\n' && c != '\r' && c != '\t') h.push_back(c);  // as browsers do
  }
  if (h.empty() || h.front() == '#') return "";
  std::string lower;
  for (size_t i = 0; i < h.size() && i < 11; ++i) {
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(h[i]))));
  }
  if (lower.rfind("javascript:", 0) == 0 || lower.rfind("data:", 0) == 0) return "";
  if (IsAbsoluteUrl(h) || base.empty()) return h;
  std::string b(base);
  auto build = [&b](const std::string& rel) -> std::string {
    xmlChar* out = xmlBuildURI(reinterpret_cast<const xmlChar*>(rel.c_str()),
                               reinterpret_cast<const xmlChar*>(b.c_str()));
    if (!out) return "";
    std::string s(reinterpret_cast<const char*>(out));
    xmlFree(out);
    return s;
  };
  std::string r = build(h);
  if (r.empty()) {
    std::string escaped;
    for (char c : h) {
      if (c == ' ') {
        escaped += "%20";
      } else {
        escaped.push_back(c);
      }
    }
    r = build(escaped);
  }
  return r;
}

}  // namespace annals::ingest
