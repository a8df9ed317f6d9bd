// The relate and events stages of the pipeline, over a whole archive; the
// reading of each story is kept in the archive (StoredReadings), so that a
// relate reads again only the stories new or changed since the last.
#include <future>
#include <memory>
#include <optional>
#include <utility>

#include "src/common/lap_timer.h"
#include "src/common/parallel.h"
#include "src/common/record_log.h"
#include "src/events/event_builder.h"
#include "src/extract/parked.h"
#include "src/extract/relate.h"
#include "src/pipeline/clock.h"
#include "src/pipeline/pipeline.h"
#include "src/pipeline/stored_stories.h"

namespace annals::pipeline {
namespace {

// The stored corrections as relate takes them: merges, splits and renames
// in order, then the retypes (extract::ApplyRetypes). A row of a kind this
// program does not know (written by a newer one) is left out.
struct Corrections {
  std::vector<extract::Correction> rebuild;
  std::vector<extract::Retype> retype;
};

Corrections ToCorrections(const std::vector<store::CorrectionRow>& rows) {
  Corrections cs;
  for (const store::CorrectionRow& row : rows) {
    if (row.kind == "retype") {
      extract::Retype r{.name = row.a};
      if (ParseEntityType(row.b, &r.type)) cs.retype.push_back(std::move(r));
      continue;
    }
    extract::Correction c;
    if (row.kind == "merge") {
      c.kind = extract::Correction::Kind::kMerge;
    } else if (row.kind == "split") {
      c.kind = extract::Correction::Kind::kSplit;
    } else if (row.kind == "rename") {
      c.kind = extract::Correction::Kind::kRename;
    } else {
      continue;
    }
    c.a = row.a;
    c.b = row.b;
    cs.rebuild.push_back(std::move(c));
  }
  return cs;
}

// The readings the archive keeps, relate's or the events'
// (StoryStore::Reading), found in the read snapshot of a
// relate; those made anew go to a temporary file (an archive's relate
// readings are about 2 KB a story) until Save writes them, in the relate's
// write transaction. With `full`, none is found: every story is read.
class StoredReadings final : public extract::ReadingCache {
 public:
  StoredReadings(store::StoryStore* store, store::StoryStore::Readings of, bool full)
      : store_(store), read_(store), of_(of), full_(full) {}

  // Find (and MayFind) read through `store` from here on: another
  // connection to the same archive, whose snapshot holds the same readings
  // (RerelateMapped); Save still writes through the first.
  void ReadFrom(store::StoryStore* store) { read_ = store; }

  Result<std::optional<std::string>> Find(const std::string& id, uint64_t key) override {
    if (full_) return std::optional<std::string>();
    return read_->Reading(of_, id, key);
  }

  // In the read snapshot, as Find. An error reading is taken as "may":
  // Find then meets it.
  bool MayFind() override {
    if (full_) return false;
    if (!may_find_) {
      auto any = read_->HasReadings(of_);
      may_find_ = !any || *any;
    }
    return *may_find_;
  }

  Status Keep(const std::string& id, uint64_t key, std::string_view record) override {
    std::string r;
    RecordWriter w(&r);
    w.Bytes(id);
    w.Uint(key);
    w.Bytes(record);
    kept_.Append(r);
    return kept_.status();
  }

  // Writes the readings kept, and drops those of stories merged away.
  // In the caller's write transaction.
  Status Save() {
    RecordLog::Reader reader = kept_.Read();
    std::string_view rec;
    for (size_t i = 0; i < kept_.size(); ++i) {
      if (!reader.Next(&rec)) {
        if (!reader.status()) return reader.status();
        return Fail(ErrorCode::kCorrupt, "relate's readings cut short");
      }
      RecordReader r(rec);
      const std::string id(r.Bytes());
      const uint64_t key = r.Uint();
      const std::string_view record = r.Bytes();
      if (!r.ok()) return Fail(ErrorCode::kCorrupt, "relate's readings cut short");
      if (auto st = store_->PutReading(of_, id, key, record); !st) return st;
    }
    return store_->DropOrphanReadings(of_);
  }

 private:
  store::StoryStore* store_;
  store::StoryStore* read_;  // Find's
  store::StoryStore::Readings of_;
  bool full_;
  std::optional<bool> may_find_;  // MayFind, once asked
  RecordLog kept_;  // a record each: id, key, the reading's record
};

// What relate and the read phase of events make of the stories.
struct Derived {
  // Mentions index the source's stories; when parked, they and the facts
  // are in knowledge.parked_mentions, parked_facts.
  extract::Knowledge knowledge;
  // Refers to the source's heads and knowledge.entities (so Derived is
  // held by a unique_ptr, never moved).
  std::optional<events::Reports> reports;
};

// The events' reports of the stories that `d` relates (events::ReadReports)
// on `threads` workers, kept in `d`; the seconds spent reading go to
// store_s, the rest to events_s.
Status ReadEvents(const extract::StorySource& stories, const StoredStories* stored, bool park,
                  int threads, const PipelineOptions& options,
                  extract::ReadingCache* event_cache, Derived* d, IngestReport* report) {
  LapTimer lap("relate:", extract::RelateTiming());
  const auto t0 = Clock::now();
  const double read0 = stored ? stored->read_s() : 0.0;
  const events::EventOptions event_options{
      .threads = threads, .stop = options.stop, .cache = event_cache};
  const extract::Knowledge& k = d->knowledge;
  auto reports = park ? events::ReadReports(stories, k.entities, *k.parked_mentions, event_options)
                      : events::ReadReports(stories, k, event_options);
  if (!reports) return tl::unexpected(reports.error());
  lap.Lap("events read");
  d->reports.emplace(std::move(*reports));
  if (report) {
    const double read = (stored ? stored->read_s() : 0.0) - read0;
    report->events_s += Seconds(t0) - read;
    report->store_s += read;
  }
  return Ok();
}

// Relate over `stories`, and the reading of their events unless
// `read_events` is false (the caller reads them: ReadEvents). `stored` is
// `stories` when they are read from the store: the seconds spent reading
// texts go to store_s. `park`: the mentions and facts go to temporary files
// as relate makes them (RelateOptions::park), so that an archive's are not
// held beside the events' reports.
// `gazetteer`: loaded by the caller (Rerelate loads it beside the stories'
// heads), else here.
Result<std::unique_ptr<Derived>> RelateStories(const extract::StorySource& stories,
                                               const StoredStories* stored,
                                               const std::vector<store::CorrectionRow>& corrections,
                                               const PipelineOptions& options, bool park,
                                               extract::ReadingCache* cache,
                                               extract::ReadingCache* event_cache,
                                               bool read_events, IngestReport* report,
                                               Result<extract::Gazetteer>* loaded = nullptr) {
  LapTimer lap("relate:", extract::RelateTiming());
  const auto t0 = Clock::now();
  Result<extract::Gazetteer> gazetteer =
      loaded ? std::move(*loaded) : extract::Gazetteer::Load(extract::GazetteerOptions{});
  if (!gazetteer) return tl::unexpected(gazetteer.error());
  auto read_s = [&] { return stored ? stored->read_s() : 0.0; };
  const double read0 = read_s();
  const Corrections cs = ToCorrections(corrections);
  auto knowledge =
      extract::Relate(stories, cs.rebuild,
                      extract::RelateOptions{
                          .threads = options.threads,
                          .cache = cache,
                          .stop = options.stop,
                          .park = park},
                      *gazetteer);
  if (!knowledge) return tl::unexpected(knowledge.error());
  extract::ApplyRetypes(cs.retype, &*knowledge);
  lap.Lap("relate (readings and resolution)");
  if (report) {
    report->relate_s += Seconds(t0) - (read_s() - read0);
    report->store_s += read_s() - read0;
  }
  // The events read the heads' text sizes, which a store's heads have once
  // relate read every text (StoredStories::Load).
  if (stored && !stored->Sized()) {
    return Fail(ErrorCode::kFailedPrecondition, "relate left stories' texts unread");
  }
  auto d = std::make_unique<Derived>(Derived{std::move(*knowledge), std::nullopt});
  if (read_events) {
    if (auto st = ReadEvents(stories, stored, park, options.threads, options, event_cache,
                             d.get(), report);
        !st) {
      return tl::unexpected(st.error());
    }
  }
  return d;
}

}  // namespace

Status RelateAll(ArchiveData* data, const std::vector<store::CorrectionRow>& corrections,
                 const PipelineOptions& options, IngestReport* report) {
  const extract::StorySpan stories(data->stories);
  auto d = RelateStories(stories, nullptr, corrections, options, /*park=*/false,
                         /*cache=*/nullptr, /*event_cache=*/nullptr, /*read_events=*/true, report);
  if (!d) return tl::unexpected(d.error());
  const extract::Knowledge& k = (*d)->knowledge;
  const auto t0 = Clock::now();
  std::vector<Event> events = events::MergeReports(std::move(*(*d)->reports));
  if (report) report->events_s += Seconds(t0);
  data->mentions = extract::MentionsWithIds(k, data->stories);
  data->facts = extract::FactsWithNames(k, data->stories);
  data->entities = std::move((*d)->knowledge.entities);  // last: the two above read them
  data->events = std::move(events);
  return Ok();
}

namespace {

// The page cache of a relate's writes, in KiB, below the store's 64 MiB
// (StoryStore::kCacheKiB, sized for dedup's random-keyed inserts of keys):
// what the cache held at the end of a relate's writes was a quarter of the
// peak of an add of 50 pages to 100,000 stories. With 32 MiB that add peaks
// 32 MiB lower (RssAnon), and `relate --full` of the 100,000 takes 2% more
// CPU (one run); with 16 MiB, 48 MiB lower but 35% more CPU for the full
// relate, whose random-keyed rows (digests, readings, events by id) no
// longer fit (bench/README.md, "The page cache of relate's writes").
constexpr int64_t kRelateCacheKiB = 32768;

Status RerelateMapped(store::StoryStore* store, const PipelineOptions& options,
                      IngestReport* report,
                      std::future<Result<extract::Gazetteer>> gazetteer_loading) {
  // The stories' texts alone, read again for each pass: relate and events
  // read no sources, and the stored entities, mentions, facts and events are
  // about to be replaced. The passes read one snapshot of the archive.
  auto t0 = Clock::now();
  // On several threads the gazetteer is loaded while the stories' heads
  // are read (each takes about a thirtieth of a relate at 10,000 stories).
  const int threads = ThreadCount(options.threads);
  if (!gazetteer_loading.valid() && threads > 1) {
    gazetteer_loading = std::async(std::launch::async, [] {
      return extract::Gazetteer::Load(extract::GazetteerOptions{});
    });
  }
  StoredStories stories(store);
  StoredReadings readings(store, store::StoryStore::Readings::kRelate, options.relate_full);
  StoredReadings event_readings(store, store::StoryStore::Readings::kEvents,
                                options.relate_full);
  // With several threads the events' reports are read while the mentions
  // and facts are written (both serial stages of a relate), through a
  // second connection: its snapshot, taken once the first's ends, holds
  // the same stories and readings, since the writer lock keeps other
  // writers out (store::WriterLock) and this relate commits its own writes
  // at the end. Without one (an archive in memory, no path) they are read
  // first, as on one thread.
  std::unique_ptr<store::StoryStore> reader;
  if (threads > 1 && !store->Path().empty()) {
    if (auto opened = store::StoryStore::OpenReadOnly(store->Path()); opened) {
      reader = std::move(*opened);
    }
  }
  if (auto st = store->BeginRead(); !st) return st;
  int64_t generation = 0;  // of the stories and corrections read
  Result<std::unique_ptr<Derived>> d = [&]() -> Result<std::unique_ptr<Derived>> {
    auto g = store->InputGeneration();
    if (!g) return tl::unexpected(g.error());
    generation = *g;
    if (auto st = stories.Load(); !st) return tl::unexpected(st.error());
    auto corrections = store->Corrections();
    if (!corrections) return tl::unexpected(corrections.error());
    if (report) report->store_s += Seconds(t0);
    if (!gazetteer_loading.valid()) {
      return RelateStories(stories, &stories, *corrections, options, /*park=*/true, &readings,
                           &event_readings, /*read_events=*/!reader, report);
    }
    Result<extract::Gazetteer> gazetteer = gazetteer_loading.get();
    return RelateStories(stories, &stories, *corrections, options, /*park=*/true, &readings,
                         &event_readings, /*read_events=*/!reader, report, &gazetteer);
  }();
  if (auto st = store->EndRead(); !st && d) return st;
  if (!d) return tl::unexpected(d.error());
  // The writes' cursor over the parked mentions, opened here: opening it
  // flushes their log, so that the reading below opens its own without
  // writing (RecordLog::Read).
  std::unique_ptr<extract::MentionCursor> cursor = (*d)->knowledge.parked_mentions->Open();
  // The events' reports on every worker, through `reader`, beside this
  // thread's writes (the workers take all the cores once the writes end);
  // joined (by get, or by the future's end, which waits) before anything
  // it reads goes: it is declared after all of them.
  std::future<Status> reading;
  if (reader) {
    stories.ReadFrom(reader.get());
    event_readings.ReadFrom(reader.get());
    reading = std::async(std::launch::async, [&, report]() -> Status {
      if (auto st = reader->MapReads(true); !st) return st;
      if (auto st = reader->BeginRead(); !st) return st;
      Status st = ReadEvents(stories, &stories, /*park=*/true, threads, options,
                             &event_readings, d->get(), report);
      Status ended = reader->EndRead();
      return st ? ended : st;
    });
  }
  // The entities, then the mentions and facts, read back from their
  // temporary files, are written before the events are merged; each event
  // is written as it is made. So the knowledge of a whole archive is never
  // in memory at once.
  t0 = Clock::now();
  if (auto st = store->Begin(); !st) return st;
  // A smaller page cache for these writes (kRelateCacheKiB); the store's
  // own again once they are committed or rolled back.
  if (auto st = store->SetCacheKiB(kRelateCacheKiB); !st) {
    (void)store->Rollback();
    return st;
  }
  double events_s = 0;
  double waited_s = 0;  // for the events' reports, read beside the writes
  Status st = [&]() -> Status {
    Derived& dv = **d;
    const std::vector<StoryHead>& heads = stories.Heads();
    const std::vector<Entity>& entities = dv.knowledge.entities;
    // Only the rows that differ from those stored are written
    // (KnowledgeWriter); relate --full writes them all.
    LapTimer wlap("relate:", extract::RelateTiming());
    auto writer = store->UpdateKnowledge(heads, entities, options.relate_full);
    wlap.Lap("stored digests loaded");
    if (!writer) return tl::unexpected(writer.error());
    std::vector<MentionRef> story_mentions;
    // The facts come by story: those of story held[0].story are held until
    // the stories up to it are written.
    std::vector<FactRef> held;
    uint32_t next = 0;  // the next story to write
    auto write_to = [&](uint32_t end) -> Status {
      for (; next < end; ++next) {
        if (next % 1024 == 0 && extract::Stopped(options.stop)) return extract::Interrupted();
        if (auto read = cursor->Next(next, &story_mentions); !read) return read;
        const bool its = !held.empty() && held.front().story == next;
        if (auto written = (*writer)->Story(next, story_mentions,
                                            its ? std::span<const FactRef>(held)
                                                : std::span<const FactRef>());
            !written) {
          return written;
        }
        if (its) held.clear();
      }
      return Ok();
    };
    if (auto written = dv.knowledge.parked_facts->ForEach([&](const FactRef& f) -> Status {
          if (!held.empty() && held.front().story != f.story) {
            if (auto st = write_to(held.front().story + 1); !st) return st;
          }
          if (f.story < next || f.story >= heads.size()) {
            return Fail(ErrorCode::kInvalidInput, "a fact names no story, or comes out of order");
          }
          held.push_back(f);
          return Ok();
        });
        !written) {
      return written;
    }
    if (auto written = write_to(static_cast<uint32_t>(heads.size())); !written) return written;
    wlap.Lap("mentions and facts written");
    if (reading.valid()) {
      const auto w0 = Clock::now();
      Status read = reading.get();
      waited_s = Seconds(w0);
      wlap.Lap("events' reports awaited");
      if (!read) return read;
    }
    cursor.reset();
    dv.knowledge.parked_mentions.reset();
    dv.knowledge.parked_facts.reset();
    const auto merge0 = Clock::now();
    double write_s = 0;
    Status merged = events::MergeReports(std::move(*(*d)->reports), [&](Event&& e) -> Status {
      const auto w0 = Clock::now();
      Status added = (*writer)->Event(e);
      write_s += Seconds(w0);
      return added;
    });
    events_s = Seconds(merge0) - write_s;
    if (!merged) return merged;
    wlap.Lap("events merged and written");
    if (auto finished = (*writer)->Finish(generation); !finished) return finished;
    wlap.Lap("finished");
    if (auto saved = readings.Save(); !saved) return saved;
    Status saved = event_readings.Save();
    wlap.Lap("readings saved");
    return saved;
  }();
  if (!st) {
    (void)store->Rollback();
    (void)store->SetCacheKiB(store::StoryStore::kCacheKiB);
    return st;
  }
  LapTimer clap("relate:", extract::RelateTiming());
  Status committed = store->Commit();
  (void)store->SetCacheKiB(store::StoryStore::kCacheKiB);
  if (!committed) return committed;
  clap.Lap("committed");
  if (report) {
    report->events_s += events_s;
    report->store_s += Seconds(t0) - events_s - waited_s;
  }
  return Ok();
}

}  // namespace

Status Rerelate(store::StoryStore* store, const PipelineOptions& options, IngestReport* report,
                std::future<Result<extract::Gazetteer>> gazetteer) {
  // The passes read the texts through a mapping of the file (MapReads):
  // copied by pread into the cache, which holds less than the texts, they
  // took about a tenth of adding 50 pages to 10,000 stories.
  if (auto st = store->MapReads(true); !st) return st;
  Status related = RerelateMapped(store, options, report, std::move(gazetteer));
  Status unmapped = store->MapReads(false);
  if (!related) return related;
  return unmapped;
}

Result<IngestReport> Relate(store::StoryStore* store, const PipelineOptions& options) {
  const auto start = Clock::now();
  IngestReport report;
  if (auto st = Rerelate(store, options, &report); !st) {
    // Stopped by options.stop: nothing was written (one transaction, rolled
    // back), and the knowledge stays stale for the next relate.
    if (!extract::Stopped(options.stop)) return tl::unexpected(st.error());
    report.interrupted = true;
  }
  report.wall_s = Seconds(start);
  return report;
}

}  // namespace annals::pipeline
