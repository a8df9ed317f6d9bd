// The relate and events stages of the pipeline, over a whole archive.
#include <chrono>

#include "src/events/event_builder.h"
#include "src/extract/relate.h"
#include "src/pipeline/pipeline.h"

namespace annals::pipeline {

Status RelateAll(ArchiveData* data, const std::vector<store::CorrectionRow>& corrections,
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
  auto knowledge = extract::Relate(data->stories, cs, extract::RelateOptions{.threads = options.threads});
  if (!knowledge) return tl::unexpected(knowledge.error());
  auto t1 = Clock::now();
  data->events = events::BuildEvents(data->stories, *knowledge,
                                     events::EventOptions{.threads = options.threads});
  auto t2 = Clock::now();
  data->entities = std::move(knowledge->entities);
  data->mentions = std::move(knowledge->mentions);
  data->facts = std::move(knowledge->facts);
  if (report) {
    report->relate_s += std::chrono::duration<double>(t1 - t0).count();
    report->events_s += std::chrono::duration<double>(t2 - t1).count();
  }
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
  ArchiveData data;
  data.stories = std::move(*stories);
  auto corrections = store->Corrections();
  if (!corrections) return tl::unexpected(corrections.error());
  if (auto st = RelateAll(&data, *corrections, options, report); !st) return st;
  auto t0 = std::chrono::steady_clock::now();
  if (auto st = store->Begin(); !st) return st;
  if (auto st = store->ReplaceKnowledge(data); !st) {
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
