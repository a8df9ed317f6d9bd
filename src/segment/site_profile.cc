#include "src/segment/site_profile.h"

#include <algorithm>
#include <functional>
#include <unordered_set>
#include <vector>

#include "src/common/date.h"
#include "src/common/text.h"
#include "src/segment/text_segmenter.h"

namespace annals::segment {
namespace {

// Whether line `s` has more words than a template line can have; stops
// counting there (most lines of a page are long paragraph lines).
bool TooLongForTemplate(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in && ++n > kTemplateMaxWords) return true;
    in = !space;
  }
  return false;
}

// Date lines and attachment names repeat across pages because the same
// teasers do (a sidebar on every page); they belong to stories, never to
// the template.
bool IsStoryLine(std::string_view line) {
  date::Date d;
  if (date::ParseDateLine(line, &d)) return true;
  std::string_view rest = line;
  if (date::ConsumeDate(&rest, &d)) return true;  // "07.02.2025 Download document X"
  return !AttachmentName(line).empty();
}

// A long line is known by its first bytes: the pages of a crawl excerpt
// may cut the same footer or teaser at different points.
uint64_t LongLineKey(std::string_view line) {
  return std::hash<std::string_view>{}(line.substr(0, std::min<size_t>(line.size(), 80)));
}

}  // namespace

void SiteProfile::AddDocument(const ingest::Document& doc) {
  if (doc.format != ingest::DocFormat::kText) return;
  CountSlashDates(doc.text, &slash_day_first_, &slash_month_first_);
  std::unordered_set<uint64_t> seen, seen_long;
  std::vector<uint64_t> long_keys;
  for (std::string_view line : text::SplitLines(doc.text)) {
    line = text::Trim(line);
    if (line.empty()) continue;
    if (TooLongForTemplate(line)) {
      long_keys.push_back(LongLineKey(line));
      continue;
    }
    if (IsStoryLine(line)) continue;
    seen.insert(text::FoldHash(line));
  }
  std::unordered_set<uint64_t> seen_tail;
  for (size_t i = 0; i < long_keys.size(); ++i) {
    const bool tail = i + kRepeatTailLines >= long_keys.size();
    if (i < kRepeatLinesPerPage || tail) seen_long.insert(long_keys[i]);
    if (tail && i > 0) seen_tail.insert(long_keys[i]);
  }
  for (uint64_t h : seen) ++line_pages_[h];
  for (uint64_t h : seen_long) {
    LongLineSeen& c = long_line_pages_[h];
    ++c.pages;
    if (seen_tail.contains(h)) ++c.tail_pages;
  }
  if (long_line_pages_.size() > long_lines_cap_) {
    std::erase_if(long_line_pages_, [](const auto& kv) { return kv.second.pages < 2; });
    // Mostly repeated lines: let the table grow rather than prune on every page.
    if (long_line_pages_.size() > long_lines_cap_ / 2) long_lines_cap_ *= 2;
  }
  ++pages_;
}

int SiteProfile::PagesWithLongLine(std::string_view line) const {
  auto it = long_line_pages_.find(LongLineKey(text::Trim(line)));
  return it == long_line_pages_.end() ? 0 : static_cast<int>(it->second.pages);
}

int SiteProfile::PagesWithLongLineAtTail(std::string_view line) const {
  auto it = long_line_pages_.find(LongLineKey(text::Trim(line)));
  return it == long_line_pages_.end() ? 0 : static_cast<int>(it->second.tail_pages);
}

SiteProfile::LongLineCount SiteProfile::LongLineCounts(std::string_view line) const {
  auto it = long_line_pages_.find(LongLineKey(text::Trim(line)));
  if (it == long_line_pages_.end()) return {};
  return {static_cast<int>(it->second.pages), static_cast<int>(it->second.tail_pages)};
}

bool SiteProfile::IsTemplate(std::string_view line, const SegmentOptions& options) const {
  if (pages_ < options.template_min_pages || TooLongForTemplate(line)) return false;
  auto it = line_pages_.find(text::FoldHash(line));
  if (it == line_pages_.end()) return false;
  return it->second >= options.template_min_pages &&
         it->second >= options.template_min_share * pages_;
}

}  // namespace annals::segment
