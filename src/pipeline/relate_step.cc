// The relate and events stages of the pipeline, over a whole archive.
#include <chrono>

#include "src/events/event_builder.h"
#include "src/extract/relate.h"
#include "src/pipeline/pipeline.h"

namespace annals::pipeline {
namespace {

struct Derived {
  extract::Knowledge knowledge;  // mentions index `stories` of RelateStories
  std::vector<Event> events;
};

Result<Derived> RelateStories(std::span<const Story> stories,
                              const std::vector<store::CorrectionRow>& corrections,
                              const PipelineOptions& options, IngestReport* report) {
  using Clock = std::chrono::steady_clock;
  std::vector<extract::Correction> cs;
  for (const store::CorrectionRow& row : corrections) {
    extract::Correction c;
    c.kind = row.kind == "merge"   ? extract::Correction::Kind::kMerge
             : row.kind == "split" ? extract::Correction::Kind::kSplit
                                   : extract::Correction::Kind::kRename;
    c.a = row.a;
    c.b = row.b;
    cs.push_back(std::move(c));
  }
  auto t0 = Clock::now();
  auto knowledge = extract::Relate(stories, cs, extract::RelateOptions{.threads = options.threads});
  if (!knowledge) return tl::unexpected(knowledge.error());
  auto t1 = Clock::now();
  Derived d;
  d.events = events::BuildEvents(stories, *knowledge,
                                 events::EventOptions{.threads = options.threads});
  d.knowledge = std::move(*knowledge);
  auto t2 = Clock::now();
  if (report) {
    report->relate_s += std::chrono::duration<double>(t1 - t0).count();
    report->events_s += std::chrono::duration<double>(t2 - t1).count();
  }
  return d;
}

}  // namespace

Status RelateAll(ArchiveData* data, const std::vector<store::CorrectionRow>& corrections,
                 const PipelineOptions& options, IngestReport* report) {
  auto d = RelateStories(data->stories, corrections, options, report);
  if (!d) return tl::unexpected(d.error());
  data->mentions = extract::MentionsWithIds(d->knowledge, data->stories);
  data->entities = std::move(d->knowledge.entities);
  data->facts = std::move(d->knowledge.facts);
  data->events = std::move(d->events);
  return Ok();
}

Status Rerelate(store::StoryStore* store, const PipelineOptions& options, IngestReport* report) {
  // The stories' texts alone: relate and events read no sources, and the
  // stored entities, mentions, facts and events are about to be replaced.
  const auto t_load = std::chrono::steady_clock::now();
  auto stories = store->StoryTexts();
  if (!stories) return tl::unexpected(stories.error());
  if (report) {
    report->store_s +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t_load).count();
  }
  auto corrections = store->Corrections();
  if (!corrections) return tl::unexpected(corrections.error());
  auto d = RelateStories(*stories, *corrections, options, report);
  if (!d) return tl::unexpected(d.error());
  auto t0 = std::chrono::steady_clock::now();
  if (auto st = store->Begin(); !st) return st;
  if (auto st = store->ReplaceKnowledge({.stories = *stories,
                                         .entities = d->knowledge.entities,
                                         .mentions = d->knowledge.mentions,
                                         .facts = d->knowledge.facts,
                                         .events = d->events});
      !st) {
    (void)store->Rollback();
    return st;
  }
  if (auto st = store->Commit(); !st) return st;
  if (report) {
    report->store_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  return Ok();
}

}  // namespace annals::pipeline
