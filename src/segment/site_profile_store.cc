#include "src/segment/site_profile_store.h"

#include <algorithm>
#include <utility>

namespace annals::segment {

// The one reader and writer of SiteProfile's counts outside the class.
struct SiteProfileCounts {
  static LineCounts Get(const SiteProfile& p) {
    LineCounts c{.pages = p.pages_,
                 .slash_day_first = p.slash_day_first_,
                 .slash_month_first = p.slash_month_first_,
                 .lines = {}};
    c.lines.reserve(p.line_pages_.size() + p.long_line_pages_.size());
    for (const auto& [key, n] : p.line_pages_) {
      c.lines.push_back({.long_line = false,
                         .key = key,
                         .pages = static_cast<uint32_t>(n),
                         .tail_pages = 0});
    }
    for (const auto& [key, seen] : p.long_line_pages_) {
      c.lines.push_back(
          {.long_line = true, .key = key, .pages = seen.pages, .tail_pages = seen.tail_pages});
    }
    return c;
  }

  static void Add(const LineCounts& c, SiteProfile* p) {
    p->pages_ += static_cast<int>(c.pages);
    p->slash_day_first_ += static_cast<int>(c.slash_day_first);
    p->slash_month_first_ += static_cast<int>(c.slash_month_first);
    for (const LineCount& l : c.lines) {
      if (l.long_line) {
        SiteProfile::LongLineSeen& seen = p->long_line_pages_[l.key];
        seen.pages += l.pages;
        seen.tail_pages += l.tail_pages;
      } else {
        p->line_pages_[l.key] += static_cast<int>(l.pages);
      }
    }
    // As AddDocument: past the bound, the long lines seen once are forgotten.
    if (p->long_line_pages_.size() > p->long_lines_cap_) {
      p->ForgetLongLinesSeenOnce();
      while (p->long_line_pages_.size() > p->long_lines_cap_ / 2) p->long_lines_cap_ *= 2;
    }
  }
};

LineCounts ToLineCounts(const SiteProfile& profile) { return SiteProfileCounts::Get(profile); }

void AddLineCounts(const LineCounts& counts, SiteProfile* profile) {
  SiteProfileCounts::Add(counts, profile);
}

void MergeProfile(const SiteProfile& from, SiteProfile* into) {
  SiteProfileCounts::Add(SiteProfileCounts::Get(from), into);
}

void LineCounter::Add(const SiteProfile::PageLines& page) {
  if (!page.text) return;  // as SiteProfile::AddPage
  ++counts_.pages;
  counts_.slash_day_first += page.slash_day_first;
  counts_.slash_month_first += page.slash_month_first;
  auto line = [&](bool long_line, uint64_t key) -> LineCount& {
    auto [it, added] = at_[long_line].try_emplace(key, counts_.lines.size());
    if (added) counts_.lines.push_back({.long_line = long_line, .key = key});
    return counts_.lines[it->second];
  };
  for (uint64_t key : page.lines) ++line(false, key).pages;
  for (const auto& [key, tail] : page.long_lines) {
    LineCount& l = line(true, key);
    ++l.pages;
    if (tail) ++l.tail_pages;
  }
}

LineCounts LineCounter::Take() {
  at_[0].clear();
  at_[1].clear();
  return std::exchange(counts_, LineCounts{});
}

}  // namespace annals::segment
