// A page's metadata (meta tags, JSON-LD), its addresses and files, and the
// shapes of lines (datelines, headlines).
#include "src/segment/html_segmenter_internal.h"

namespace annals::segment::html_internal {

bool IsDateline(std::string_view s, date::Date* out) {
  if (CountChars(s) > 100 || Contains(s, "@")) return false;
  size_t len = 0;
  date::Date unused;
  const size_t at = date::FindDate(s, out ? out : &unused, &len);
  if (at == std::string_view::npos) return false;
  return CountLetterWords(s.substr(0, at)) + CountLetterWords(s.substr(at + len)) <= 4;
}

bool IsHeadlineLike(std::string_view s, const SegmentOptions& options) {
  std::string_view t = text::Trim(s);
  while (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ')')) t.remove_suffix(1);
  if (t.empty() || t.back() == '.' || t.back() == ';' || t.back() == ':' || t.back() == ',') {
    return false;
  }
  return text::CodePoints(s) <= options.max_headline_chars && CountLetterWords(s) <= 30;
}

bool IsShouted(std::string_view s) {
  int upper = 0, lower = 0;
  for (char c : s) {
    upper += c >= 'A' && c <= 'Z';
    lower += c >= 'a' && c <= 'z';
  }
  return upper >= 8 && lower * 10 < upper;
}

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

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

}  // namespace annals::segment::html_internal
