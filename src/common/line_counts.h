// LineCounts: a crawl profile's counts as plain rows (segment/site_profile.h
// makes them; the store keeps them, so that each ingest's profile is built
// from every page the archive holds, not only the pages it reads: issue 24).
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <vector>

namespace annals {

struct LineCount {
  bool long_line = false;  // a long line's key (first 80 bytes), else a short line's
  uint64_t key = 0;        // the line's hash
  uint32_t pages = 0;      // on how many pages it was seen
  uint32_t tail_pages = 0;  // long lines: on how many of those among the last lines
  bool operator==(const LineCount&) const = default;
};

struct LineCounts {
  int64_t pages = 0;              // pages counted
  int64_t slash_day_first = 0;    // slash dates readable day first only
  int64_t slash_month_first = 0;  // ... month first only
  std::vector<LineCount> lines;
  bool operator==(const LineCounts&) const = default;
};

}  // namespace annals
