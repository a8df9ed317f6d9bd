// A SiteProfile's counts as plain rows (common/line_counts.h), to be stored
// with the pages they count and read back by the next ingest, and the sum of
// two profiles. Kept apart from site_profile.h: the counts are its own,
// these functions only copy and add them.
// Thread safety: as SiteProfile (one thread writes).
#pragma once

#include <tsl/robin_map.h>

#include "src/common/line_counts.h"
#include "src/segment/site_profile.h"

namespace annals::segment {

// Every count of `profile`, lines in no particular order.
LineCounts ToLineCounts(const SiteProfile& profile);
// Adds `counts` to *profile (as if their pages had been added to it).
void AddLineCounts(const LineCounts& counts, SiteProfile* profile);
// Adds the counts of `from` to *into.
void MergeProfile(const SiteProfile& from, SiteProfile* into);

// The exact counts of the pages added, as stored with them, and as taken off
// the stored ones when they are replaced (issue 24): a SiteProfile forgets
// the long lines seen once past kLongLinesCap, and what one ingest stores
// must be what another takes off.
class LineCounter {
 public:
  void Add(const SiteProfile::PageLines& page);
  // The counts so far, lines in the order first seen; the counter is empty after.
  LineCounts Take();

 private:
  LineCounts counts_;
  tsl::robin_map<uint64_t, size_t> at_[2];  // short, long: key -> counts_.lines index
};

}  // namespace annals::segment
