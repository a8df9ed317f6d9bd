#include "src/segment/site_profile.h"

#include <unordered_set>

#include "src/common/text.h"

namespace annals::segment {
namespace {

size_t Words(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

}  // namespace

void SiteProfile::AddDocument(const ingest::Document& doc) {
  if (doc.format != ingest::DocFormat::kText) return;
  std::unordered_set<uint64_t> seen;
  for (std::string_view line : text::SplitLines(doc.text)) {
    line = text::Trim(line);
    if (line.empty() || Words(line) > kTemplateMaxWords) continue;
    seen.insert(text::FoldHash(line));
  }
  for (uint64_t h : seen) ++line_pages_[h];
  ++pages_;
}

bool SiteProfile::IsTemplate(std::string_view line, const SegmentOptions& options) const {
  if (pages_ < options.template_min_pages || Words(line) > kTemplateMaxWords) return false;
  auto it = line_pages_.find(text::FoldHash(line));
  if (it == line_pages_.end()) return false;
  return it->second >= options.template_min_pages &&
         it->second >= options.template_min_share * pages_;
}

}  // namespace annals::segment
