// BuildEvents: from stories and what Relate found in them to one calendar of
// events (SCHEMA.md `events`): one Event per happening, with all the stories
// that report it. A pure function of its inputs.
// Thread safety: reentrant.
#pragma once

#include "annals/types.h"

#include "src/extract/relate.h"

#include <span>
#include <vector>

namespace annals::events {

struct EventOptions {
  int threads = 0;  // 0: all cores
};

std::vector<Event> BuildEvents(std::span<const Story> stories, const extract::Knowledge& knowledge,
                               const EventOptions& options);

// The same over a source that reads the texts a chunk at a time (one pass);
// `knowledge` is Relate's over the same source. Errors: those of the source.
Result<std::vector<Event>> BuildEvents(const extract::StorySource& stories,
                                       const extract::Knowledge& knowledge,
                                       const EventOptions& options);

}  // namespace annals::events
