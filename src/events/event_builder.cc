// How BuildEvents works.
//
// Per story (in parallel): the headline and each sentence of the text are
// read for event words (triggers.h), date expressions (date_expr.h) and the
// names Relate found there. A sentence's head is the first happening a verb
// anchors ("met with", "took part in the debate", "a meeting ... was held"),
// else its first event noun. Its date is the most precise date of the same
// clause (not a horizon such as "for 2026-2028", not quoted speech's own
// time, not what a statement speaks of); with none, a past-tense report in
// the lead, or the headline, takes the story's date ("news of the day").
// Place: a city, venue or state marked by "in", "at", "near", a host
// ("X hosted"), a visit's object or a date's neighbour ("(7.02 2025 X)").
// Participants: the other names, less those that are only part of a
// person's title ("NDU Secretary General X"). Neighbouring sentences add to
// the event before them ("The event was attended by ...", "It was chaired
// by ..."), date an anaphor ("this operation") or end a span ("From 16
// September ..."). Reports of one happening within a story merge.
//
// Across stories (one thread): reports merge into one event when their
// dates agree (the same day, or a vaguer date containing a precise one) and
// the evidence says they are the same happening: a shared named exercise,
// operation or document, the same principals (who met whom, whose session),
// or, for the same day, a shared participant that is not one of the site's
// regulars. Different principals or different cities keep them apart, so two
// meetings of one day in one city stay two. Named exercises and operations
// mentioned in passing list their story on the event of that name.
#include "src/events/event_builder.h"

#include "src/events/event_builder_internal.h"

namespace annals::events {

using namespace event_internal;  // NOLINT: the parts of this stage (event_builder_internal.h)

struct Reports::Impl {
  Index ix;                                 // its stories are the source's heads
  std::vector<StoryReports> stories;        // [story]
  const std::atomic<bool>* stop = nullptr;  // EventOptions::stop
};

Reports::Reports(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reports::Reports(Reports&&) noexcept = default;
Reports& Reports::operator=(Reports&&) noexcept = default;
Reports::~Reports() = default;

Result<Reports> ReadReports(const extract::StorySource& all_stories,
                            std::span<const Entity> entities,
                            const extract::MentionSource& mentions, const EventOptions& options) {
  const extract::StoppableSource source(all_stories, options.stop);
  auto r = std::make_unique<Reports::Impl>();
  r->stop = options.stop;
  auto ix = BuildIndex(source.Heads(), entities, mentions);
  if (!ix) return tl::unexpected(ix.error());
  r->ix = std::move(*ix);
  r->stories.resize(r->ix.stories.size());
  const int max_threads = ThreadCount(options.threads);
  // The mentions come a chunk of stories at a time, in story order.
  std::unique_ptr<extract::MentionCursor> cursor = mentions.Open();
  std::vector<std::vector<MentionRef>> raw;
  // No reading is kept where the program cannot be told from another.
  const uint64_t program = options.cache ? KeptProgram() : 0;
  extract::ReadingCache* const cache = program != 0 ? options.cache : nullptr;
  // With kept readings, a story's text is needed only to read it anew
  // (most stories are not): a source that knows the texts' digests gives
  // the stories without them, and the texts of those read are fetched.
  auto pass = [&](size_t first, std::span<const Story> chunk) -> Status {
    const size_t n =
        first < r->stories.size() ? std::min(chunk.size(), r->stories.size() - first) : 0;
    if (raw.size() < n) raw.resize(n);
    for (size_t i = 0; i < n; ++i) {
      if (auto st = cursor->Next(static_cast<uint32_t>(first + i), &raw[i]); !st) return st;
    }
    // A thread for every 16 stories at most: a story is quick to read.
    const int threads = std::min(max_threads, static_cast<int>(std::max<size_t>(1, n / 16)));
    if (cache == nullptr) {
      ParallelFor(n, threads, [&](size_t i, size_t) {
        if (extract::Stopped(options.stop)) return;
        StoryResult read =
            StoryReader(chunk[i], first + i, r->ix, r->ix.MentionsOf(first + i, raw[i])).Run();
        r->stories[first + i] = {EncodeCandidates(read.events), std::move(read.refs)};
      });
      if (extract::Stopped(options.stop)) return extract::Interrupted();
      return Ok();
    }
    // Each story's key; the record kept under it, decoded, or the story
    // read and its record made, to be kept. `left_out[i]`: chunk[i] came
    // without its text.
    std::vector<KeptInputs> in(n);
    std::vector<uint8_t> left_out(n, 0);
    ParallelFor(n, threads, [&](size_t i, size_t) {
      uint64_t digest = 0;
      size_t size = chunk[i].text.size();
      if (source.KnownText(first + i, &digest)) {
        size = source.Heads()[first + i].text_size;
        left_out[i] = size != chunk[i].text.size();
      } else {
        digest = extract::TextDigest(chunk[i].text);
      }
      in[i] = ReadingInputs(chunk[i], size, digest, first + i, r->ix, raw[i], program);
    });
    std::vector<std::string> records(n);
    std::vector<uint8_t> fresh(n, 1);
    for (size_t i = 0; i < n; ++i) {
      auto found = cache->Find(chunk[i].id, in[i].key);
      if (!found) return tl::unexpected(found.error());
      if (*found) {
        records[i] = std::move(**found);
        fresh[i] = 0;
      }
    }
    ParallelFor(n, threads, [&](size_t i, size_t) {
      if (extract::Stopped(options.stop)) return;
      if (!fresh[i] && DecodeKept(records[i], in[i], r->ix, first + i, &r->stories[first + i])) {
        return;
      }
      fresh[i] = 1;
    });
    if (extract::Stopped(options.stop)) return extract::Interrupted();
    // The stories to read, with their texts.
    std::vector<size_t> fetch;  // indices of Heads()
    for (size_t i = 0; i < n; ++i) {
      if (fresh[i] && left_out[i]) fetch.push_back(first + i);
    }
    std::vector<Story> whole(fetch.size());  // chunk[fetch[k] - first] with its text
    if (!fetch.empty()) {
      auto texts = source.Texts(fetch);
      if (!texts) return tl::unexpected(texts.error());
      if (texts->size() != fetch.size()) {
        return Fail(ErrorCode::kInvalidInput, "stories' texts read in part");
      }
      for (size_t k = 0; k < fetch.size(); ++k) {
        whole[k] = chunk[fetch[k] - first];
        whole[k].text = std::move((*texts)[k]);
      }
    }
    std::vector<const Story*> story(n);
    for (size_t i = 0, k = 0; i < n; ++i) {
      story[i] = k < fetch.size() && fetch[k] == first + i ? &whole[k++] : &chunk[i];
    }
    ParallelFor(n, threads, [&](size_t i, size_t) {
      if (extract::Stopped(options.stop) || !fresh[i]) return;
      StoryResult read =
          StoryReader(*story[i], first + i, r->ix, std::move(in[i].mentions), &in[i].title_names)
              .Run();
      std::optional<std::string> record = EncodeKept(read, in[i], r->ix);
      if (record) {
        records[i] = std::move(*record);
      } else {
        fresh[i] = 0;  // nothing to keep (none should be left so)
      }
      r->stories[first + i] = {EncodeCandidates(read.events), std::move(read.refs)};
    });
    if (extract::Stopped(options.stop)) return extract::Interrupted();
    for (size_t i = 0; i < n; ++i) {
      if (!fresh[i]) continue;
      if (auto kept = cache->Keep(chunk[i].id, in[i].key, records[i]); !kept) return kept;
    }
    return Ok();
  };
  // Where no reading can be found, every story is read anew: its text
  // comes with it.
  Status read = cache != nullptr && cache->MayFind() ? source.ForEachChunkWithoutTexts(pass)
                                                     : source.ForEachChunk(pass);
  if (!read) return tl::unexpected(read.error());
  return Reports(std::move(r));
}

Result<Reports> ReadReports(const extract::StorySource& source, const extract::Knowledge& knowledge,
                            const EventOptions& options) {
  return ReadReports(source, knowledge.entities,
                     extract::MentionSpan(knowledge.mentions, source.Heads().size()), options);
}

Status MergeReports(Reports reports, const std::function<Status(Event&&)>& sink) {
  std::unique_ptr<Reports::Impl> r = std::move(reports.impl_);
  const Index& ix = r->ix;
  const std::span<const StoryHead> stories = ix.stories;
  std::vector<StoryReports>& read = r->stories;
  // Day-precise reports first, so that a vaguer report joins the event they
  // date. The candidates are sorted by reference (story, offset, and what
  // orders them) and each decoded as it goes into the merger.
  struct Ref {
    date::Date start;
    Precision precision;
    uint32_t story;
    uint32_t offset;  // in the story's encoded candidates
  };
  const Status corrupt = Fail(ErrorCode::kCorrupt, "the events' reports of a story do not decode");
  std::vector<Ref> order;
  Candidate c;
  for (uint32_t s = 0; s < read.size(); ++s) {
    const std::string& encoded = read[s].candidates;
    for (RecordReader in(encoded); !in.done();) {
      const auto offset = static_cast<uint32_t>(encoded.size() - in.left());
      if (!ReadCandidate(&in, &c)) return corrupt;
      order.push_back({c.start, PrecisionOf(c.start), s, offset});
    }
  }
  std::stable_sort(order.begin(), order.end(), [](const Ref& a, const Ref& b) {
    if (a.precision != b.precision) return a.precision > b.precision;
    return a.start < b.start;
  });
  Merger merger(ix);
  size_t added = 0;
  for (const Ref& ref : order) {
    if (++added % 4096 == 0 && extract::Stopped(r->stop)) return extract::Interrupted();
    RecordReader in(std::string_view(read[ref.story].candidates).substr(ref.offset));
    if (!ReadCandidate(&in, &c)) return corrupt;
    merger.Add(std::move(c));
  }
  Release(order);
  for (StoryReports& sr : read) {
    Release(sr.candidates);
    for (const RefLink& link : sr.refs) merger.Link(link);
  }
  Release(read);
  // The events go out of the merger one at a time.
  std::deque<Cluster>& clusters = merger.clusters();
  for (; !clusters.empty(); clusters.pop_front()) {
    if (extract::Stopped(r->stop)) return extract::Interrupted();
    Cluster& cl = clusters.front();
    const Candidate& c = cl.c;
    Event e;
    e.type = c.type;
    e.date = date::Iso(c.start);
    if (c.last.year != 0) e.date_end = date::Iso(c.last);
    if (c.place != kNone) e.place = ix.entities[c.place].name;
    if (c.chair != kNone) e.chair = ix.entities[c.chair].name;
    for (uint32_t p : c.participants) {
      if (p != c.place && p != c.chair) e.participants.push_back(ix.entities[p].name);
    }
    std::vector<size_t> in(cl.more_stories().begin(), cl.more_stories().end());
    in.push_back(c.story);
    std::sort(in.begin(), in.end(), [&](size_t a, size_t b) {
      if (stories[a].date != stories[b].date) return stories[a].date < stories[b].date;
      return stories[a].id < stories[b].id;
    });
    for (size_t s : in) e.stories.push_back(stories[s].id);
    // Provenance and id: the first report by story id and position.
    const Cluster::Evidence own{c.story, c.sentence_begin, c.sentence_end};
    auto before = [&](const Cluster::Evidence& a, const Cluster::Evidence& b) {
      if (stories[a.story].id != stories[b.story].id) {
        return stories[a.story].id < stories[b.story].id;
      }
      return a.begin < b.begin;
    };
    const Cluster::Evidence* first = &own;
    for (const Cluster::Evidence& x : cl.more_evidence()) {
      if (before(x, *first)) first = &x;
    }
    e.story_id = stories[first->story].id;
    e.sentence_begin = first->begin;
    e.sentence_end = first->end;
    const std::string key = e.date + "|" + EventTypeName(e.type) + "|" + e.story_id + "|" +
                            std::to_string(e.sentence_begin);
    e.id = Hex64(text::Hash64(key));
    if (auto st = sink(std::move(e)); !st) return st;
  }
  return Ok();
}

std::vector<Event> MergeReports(Reports reports) {
  std::vector<Event> out;
  // The sink cannot fail.
  (void)MergeReports(std::move(reports), [&](Event&& e) -> Status {
    out.push_back(std::move(e));
    return Ok();
  });
  std::sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.id < b.id;
  });
  return out;
}

Result<std::vector<Event>> BuildEvents(const extract::StorySource& source,
                                       const extract::Knowledge& knowledge,
                                       const EventOptions& options) {
  auto reports = ReadReports(source, knowledge, options);
  if (!reports) return tl::unexpected(reports.error());
  return MergeReports(std::move(*reports));
}

std::vector<Event> BuildEvents(std::span<const Story> stories, const extract::Knowledge& knowledge,
                               const EventOptions& options) {
  // Stories in memory are one chunk, which cannot fail to read.
  return *BuildEvents(extract::StorySpan(stories), knowledge, options);
}

}  // namespace annals::events
