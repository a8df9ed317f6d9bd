// BuildEvents: from stories and what Relate found in them to one calendar of
// events (SCHEMA.md `events`): one Event per happening, with all the stories
// that report it. A pure function of its inputs.
// Thread safety: reentrant.
#pragma once

#include "annals/types.h"

#include "src/extract/relate.h"

#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace annals::events {

struct EventOptions {
  int threads = 0;  // 0: all cores
  // When set and it becomes true (a signal handler sets it), ReadReports
  // stops before its next chunk of stories, and MergeReports (of the reports
  // read with these options) between events, both failing with
  // extract::Interrupted(). Not owned; must outlive the Reports.
  const std::atomic<bool>* stop = nullptr;
  // The readings of stories kept from earlier runs (ReadReports): found and
  // kept by story id under a key of all that a story's reading reads (its
  // title, text, date and mentions, the names its headline holds, those
  // entities' types and years, and the program); a reading that read the
  // countries' names is used only while they are the same. Not owned; null:
  // every story is read. Called only from ReadReports' thread.
  extract::ReadingCache* cache = nullptr;
};

std::vector<Event> BuildEvents(std::span<const Story> stories, const extract::Knowledge& knowledge,
                               const EventOptions& options);

// The same over a source that reads the texts a chunk at a time (one pass);
// `knowledge` is Relate's over the same source. Errors: those of the source.
Result<std::vector<Event>> BuildEvents(const extract::StorySource& stories,
                                       const extract::Knowledge& knowledge,
                                       const EventOptions& options);

// BuildEvents in its two phases, for a caller that writes the events as they
// are made and needs the Knowledge's mentions and facts no longer than the
// stories are read (an archive's are about 2 KB a story; the pipeline writes
// them between the phases).
//
// What the stories report, before the reports are merged into events. It
// refers to the source's heads and the Knowledge's entities, which must
// outlive it; it holds nothing of the mentions or facts.
class Reports {
 public:
  struct Impl;
  explicit Reports(std::unique_ptr<Impl> impl);
  Reports(Reports&&) noexcept;
  Reports& operator=(Reports&&) noexcept;
  ~Reports();

 private:
  friend Status MergeReports(Reports reports, const std::function<Status(Event&&)>& sink);
  std::unique_ptr<Impl> impl_;
};

// Reads the stories (one pass over the source). Errors: the source's.
Result<Reports> ReadReports(const extract::StorySource& stories,
                            const extract::Knowledge& knowledge, const EventOptions& options);
// The same with the Knowledge's entities, and its mentions read back a
// story at a time (two passes over them), for a caller that keeps them out
// of memory. Errors: the source's, and those of reading the mentions.
Result<Reports> ReadReports(const extract::StorySource& stories, std::span<const Entity> entities,
                            const extract::MentionSource& mentions, const EventOptions& options);
// Merges the reports into events and gives each to `sink` as it is made, in
// no particular order (BuildEvents sorts them by date and id). Stops at the
// first error of `sink` and returns it.
Status MergeReports(Reports reports, const std::function<Status(Event&&)>& sink);
// The same into a list by date and id (BuildEvents' output).
std::vector<Event> MergeReports(Reports reports);

}  // namespace annals::events
