// The relate and events stages of the pipeline, over a whole archive.
#include <utility>

#include "src/events/event_builder.h"
#include "src/extract/relate.h"
#include "src/pipeline/clock.h"
#include "src/pipeline/pipeline.h"
#include "src/pipeline/stored_stories.h"

namespace annals::pipeline {
namespace {

struct Derived {
  extract::Knowledge knowledge;  // mentions index the source's stories
  std::vector<Event> events;
};

// Relate and events over `stories`. `stored` is `stories` when they are read
// from the store: the seconds spent reading texts go to store_s.
Result<Derived> RelateStories(const extract::StorySource& stories, const StoredStories* stored,
                              const std::vector<store::CorrectionRow>& corrections,
                              const PipelineOptions& options, IngestReport* report) {
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
  auto gazetteer = extract::Gazetteer::Load(extract::GazetteerOptions{});
  if (!gazetteer) return tl::unexpected(gazetteer.error());
  auto read_s = [&] { return stored ? stored->read_s() : 0.0; };
  const auto t0 = Clock::now();
  const double read0 = read_s();
  auto knowledge =
      extract::Relate(stories, cs, extract::RelateOptions{.threads = options.threads}, *gazetteer);
  if (!knowledge) return tl::unexpected(knowledge.error());
  const auto t1 = Clock::now();
  const double read1 = read_s();
  auto events =
      events::BuildEvents(stories, *knowledge, events::EventOptions{.threads = options.threads});
  if (!events) return tl::unexpected(events.error());
  if (report) {
    report->relate_s += Seconds(t0, t1) - (read1 - read0);
    report->events_s += Seconds(t1) - (read_s() - read1);
    report->store_s += read_s() - read0;
  }
  return Derived{std::move(*knowledge), std::move(*events)};
}

}  // namespace

Status RelateAll(ArchiveData* data, const std::vector<store::CorrectionRow>& corrections,
                 const PipelineOptions& options, IngestReport* report) {
  auto d = RelateStories(extract::StorySpan(data->stories), nullptr, corrections, options, report);
  if (!d) return tl::unexpected(d.error());
  data->mentions = extract::MentionsWithIds(d->knowledge, data->stories);
  data->facts = extract::FactsWithNames(d->knowledge, data->stories);
  data->entities = std::move(d->knowledge.entities);  // last: the two above read them
  data->events = std::move(d->events);
  return Ok();
}

Status Rerelate(store::StoryStore* store, const PipelineOptions& options, IngestReport* report) {
  // The stories' texts alone, read again for each pass: relate and events
  // read no sources, and the stored entities, mentions, facts and events are
  // about to be replaced. The passes read one snapshot of the archive.
  auto t0 = Clock::now();
  StoredStories stories(store);
  if (auto st = store->BeginRead(); !st) return st;
  int64_t generation = 0;  // of the stories and corrections read
  Result<Derived> d = [&]() -> Result<Derived> {
    auto g = store->InputGeneration();
    if (!g) return tl::unexpected(g.error());
    generation = *g;
    if (auto st = stories.Load(); !st) return tl::unexpected(st.error());
    auto corrections = store->Corrections();
    if (!corrections) return tl::unexpected(corrections.error());
    if (report) report->store_s += Seconds(t0);
    return RelateStories(stories, &stories, *corrections, options, report);
  }();
  if (auto st = store->EndRead(); !st && d) return st;
  if (!d) return tl::unexpected(d.error());
  t0 = Clock::now();
  if (auto st = store->Begin(); !st) return st;
  if (auto st = store->ReplaceKnowledge({.stories = stories.Heads(),
                                         .entities = d->knowledge.entities,
                                         .mentions = d->knowledge.mentions,
                                         .facts = d->knowledge.facts,
                                         .events = d->events},
                                        generation);
      !st) {
    (void)store->Rollback();
    return st;
  }
  if (auto st = store->Commit(); !st) return st;
  if (report) report->store_s += Seconds(t0);
  return Ok();
}

Result<IngestReport> Relate(store::StoryStore* store, const PipelineOptions& options) {
  const auto start = Clock::now();
  IngestReport report;
  if (auto st = Rerelate(store, options, &report); !st) return tl::unexpected(st.error());
  report.wall_s = Seconds(start);
  return report;
}

}  // namespace annals::pipeline
