// A SiteProfile's counts as plain rows (common/line_counts.h), to be stored
// with the pages they count and read back by the next ingest, and the sum of
// two profiles. Kept apart from site_profile.h: the counts are its own,
// these functions only copy and add them.
// Thread safety: as SiteProfile (one thread writes).
#pragma once

#include "src/common/line_counts.h"
#include "src/segment/site_profile.h"

namespace annals::segment {

// Every count of `profile`, lines in no particular order.
LineCounts ToLineCounts(const SiteProfile& profile);
// Adds `counts` to *profile (as if their pages had been added to it).
void AddLineCounts(const LineCounts& counts, SiteProfile* profile);
// Adds the counts of `from` to *into.
void MergeProfile(const SiteProfile& from, SiteProfile* into);

}  // namespace annals::segment
