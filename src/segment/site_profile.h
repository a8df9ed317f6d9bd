// SiteProfile: what repeats across the pages of one run. A short line found
// on most pages is site template (menus, "Go back" links), not story text.
// Thread safety: build with AddDocument on one thread, then IsTemplate may
// be called from many threads concurrently.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "annals/options.h"
#include "src/ingest/document.h"
#include "src/segment/date_lines.h"

namespace annals::segment {

// Lines of at most this many words can be template lines; longer ones are
// text (teasers repeat across pages too, and they are stories).
inline constexpr size_t kTemplateMaxWords = 8;
// Long lines counted per page by SiteProfile::PagesWithLongLine.
inline constexpr size_t kRepeatLinesPerPage = 12;
inline constexpr size_t kRepeatTailLines = 4;
// At most this many long lines are counted at once: past it, the lines seen
// on one page only are forgotten (a repeated teaser or footer comes back
// soon); the bound doubles when most lines are repeated. This keeps the
// memory of a long run small (about 12 MB at the first bound).
inline constexpr size_t kLongLinesCap = size_t{1} << 18;

class SiteProfile {
 public:
  // Counts each distinct short line of `doc` once.
  void AddDocument(const ingest::Document& doc);
  // True when `line` is short and on enough of the pages (SegmentOptions
  // template_min_share and template_min_pages).
  bool IsTemplate(std::string_view line, const SegmentOptions& options) const;
  int pages() const { return pages_; }
  // On how many pages of the run the long line `line` (trimmed) was seen,
  // known by its first 80 bytes, among the first kRepeatLinesPerPage and the
  // last kRepeatTailLines long lines of each page (listings sit at the top
  // of a site's pages, footers at the bottom): a teaser line repeats across
  // the pages that list it, a footer on most pages, an article's text not.
  int PagesWithLongLine(std::string_view line) const;
  // On how many of those pages the line was among the last
  // kRepeatTailLines long lines, after a long line of the page's own: a
  // footer is there on every page that has it; an article's lead shown as
  // a teaser on other pages is at their top.
  int PagesWithLongLineAtTail(std::string_view line) const;
  // Both counts at once (the line is hashed once).
  struct LongLineCount {
    int pages = 0;
    int tail_pages = 0;
  };
  LongLineCount LongLineCounts(std::string_view line) const;
  // The order of day and month in the run's slash dates: day first when
  // more of its dates can only be read day first ("31/12/2024") than month
  // first ("12/31/2024"); else month first.
  SlashOrder slash_order() const {
    return slash_day_first_ > slash_month_first_ ? SlashOrder::kDayFirst
                                                 : SlashOrder::kMonthFirst;
  }

 private:
  friend struct SiteProfileCounts;  // site_profile_store.cc: copies and adds the counts
  std::unordered_map<uint64_t, int> line_pages_;
  struct LongLineSeen {
    uint32_t pages = 0;
    uint32_t tail_pages = 0;
  };
  std::unordered_map<uint64_t, LongLineSeen> long_line_pages_;
  size_t long_lines_cap_ = kLongLinesCap;
  int pages_ = 0;
  int slash_day_first_ = 0;
  int slash_month_first_ = 0;
};

}  // namespace annals::segment
