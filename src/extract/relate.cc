#include "src/extract/relate.h"

#include "src/common/entity_lookup.h"
#include "src/common/parallel.h"
#include "src/common/text.h"
#include "src/extract/reader.h"
#include "src/extract/resolve.h"

#include <algorithm>

namespace annals::extract {

StorySpan::StorySpan(std::span<const Story> stories) : stories_(stories) {
  heads_.reserve(stories.size());
  for (const Story& s : stories) heads_.push_back({s.id, s.date, s.text.size()});
}

tl::unexpected<Error> Interrupted() { return Fail(ErrorCode::kInvalidInput, "interrupted"); }

Status StoppableSource::ForEachChunk(const ChunkFn& fn) const {
  if (Stopped(stop_)) return Interrupted();
  return stories_.ForEachChunk([&](size_t first, std::span<const Story> chunk) -> Status {
    if (Stopped(stop_)) return Interrupted();
    return fn(first, chunk);
  });
}

Result<Knowledge> Relate(const StorySource& all_stories, std::span<const Correction> corrections,
                         const RelateOptions& options, const Gazetteer& gazetteer) {
  const int threads = ThreadCount(options.threads);
  // Every pass over the texts (the resolution's too) stops at a chunk once
  // options.stop is set.
  const StoppableSource stories(all_stories, options.stop);
  Resolution resolution(stories, gazetteer, threads);
  std::vector<ReadScratch> scratch(static_cast<size_t>(threads));  // one a worker, chunk to chunk
  size_t added = 0;
  Status read = stories.ForEachChunk([&](size_t first, std::span<const Story> chunk) -> Status {
    // Resolution::Add takes the stories in order, as the source promises.
    if (first != added || added + chunk.size() > stories.Heads().size()) {
      return Fail(ErrorCode::kInvalidInput, "stories read out of order");
    }
    added += chunk.size();
    std::vector<StoryReading> readings(chunk.size());
    ParallelFor(chunk.size(), threads, [&](size_t i, size_t worker) {
      if (!Stopped(options.stop)) readings[i] = ReadStory(chunk[i], gazetteer, &scratch[worker]);
    });
    if (Stopped(options.stop)) return Interrupted();
    resolution.Add(std::move(readings));
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  if (added != stories.Heads().size()) {
    return Fail(ErrorCode::kInvalidInput, "stories read in part");
  }
  return resolution.Finish(corrections, options.park);
}

Result<Knowledge> Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                         const RelateOptions& options, const Gazetteer& gazetteer) {
  return Relate(StorySpan(stories), corrections, options, gazetteer);
}

void ApplyRetypes(std::span<const Retype> retypes, Knowledge* knowledge) {
  std::vector<Entity>& entities = knowledge->entities;
  for (const Retype& r : retypes) {
    const Entity* found = FindByName(entities, r.name);
    if (found == nullptr) continue;
    Entity* best = &entities[static_cast<size_t>(found - entities.data())];
    if (best->type == r.type) continue;
    const std::string id = EntityId(r.type, best->name);
    const bool taken =
        std::any_of(entities.begin(), entities.end(), [&](const Entity& e) { return e.id == id; });
    if (taken) continue;
    best->type = r.type;
    best->id = id;
  }
}

MentionSpan::MentionSpan(std::span<const MentionRef> mentions, size_t stories)
    : mentions_(mentions), first_(stories + 1, 0) {
  const bool by_story =
      std::is_sorted(mentions.begin(), mentions.end(),
                     [](const MentionRef& a, const MentionRef& b) { return a.story < b.story; });
  for (const MentionRef& m : mentions) {
    if (m.story < stories) ++first_[m.story + 1];
  }
  for (size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
  // Sorted by story, those out of range come last: the offsets index the
  // mentions themselves. Else a list of indices by story.
  if (!by_story) {
    std::vector<size_t> at(first_.begin(), first_.end() - 1);
    by_story_.resize(first_.back());
    for (uint32_t i = 0; i < mentions.size(); ++i) {
      if (mentions[i].story < stories) by_story_[at[mentions[i].story]++] = i;
    }
  }
}

std::unique_ptr<MentionCursor> MentionSpan::Open() const {
  class Cursor final : public MentionCursor {
   public:
    explicit Cursor(const MentionSpan& s) : s_(s) {}
    Status Next(uint32_t story, std::vector<MentionRef>* out) override {
      out->clear();
      if (story + 1 >= s_.first_.size()) return Ok();
      for (size_t j = s_.first_[story]; j < s_.first_[story + 1]; ++j) {
        out->push_back(s_.mentions_[s_.by_story_.empty() ? j : s_.by_story_[j]]);
      }
      return Ok();
    }

   private:
    const MentionSpan& s_;
  };
  return std::make_unique<Cursor>(*this);
}

std::vector<Mention> MentionsWithIds(const Knowledge& k, std::span<const Story> stories) {
  std::vector<Mention> out;
  out.reserve(k.mentions.size());
  for (const MentionRef& m : k.mentions) {
    if (m.entity >= k.entities.size() || m.story >= stories.size()) continue;
    out.push_back({k.entities[m.entity].id, stories[m.story].id, m.begin, m.end});
  }
  return out;
}

std::vector<Fact> FactsWithNames(const Knowledge& k, std::span<const Story> stories) {
  std::vector<Fact> out;
  out.reserve(k.facts.size());
  for (const FactRef& f : k.facts) {
    if (f.story >= stories.size()) continue;
    out.push_back(NamedFact(f, k.entities, stories[f.story].id, stories[f.story].date));
  }
  return out;
}

Result<Knowledge> Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                         const RelateOptions& options) {
  auto gazetteer = Gazetteer::Load(GazetteerOptions{});
  if (!gazetteer) return tl::unexpected(gazetteer.error());
  return Relate(stories, corrections, options, *gazetteer);
}

}  // namespace annals::extract
