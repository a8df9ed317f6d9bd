#include "src/extract/relate.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "src/extract/reader.h"
#include "src/extract/resolve.h"

namespace annals::extract {

StorySpan::StorySpan(std::span<const Story> stories) : stories_(stories) {
  heads_.reserve(stories.size());
  for (const Story& s : stories) heads_.push_back({s.id, s.date, s.text.size()});
}

Result<Knowledge> Relate(const StorySource& stories, std::span<const Correction> corrections,
                         const RelateOptions& options, const Gazetteer& gazetteer) {
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, threads);
  Resolution resolution(stories, gazetteer, threads);
  size_t added = 0;
  Status read = stories.ForEachChunk([&](size_t first, std::span<const Story> chunk) -> Status {
    // Resolution::Add takes the stories in order, as the source promises.
    if (first != added || added + chunk.size() > stories.Heads().size()) {
      return Fail(ErrorCode::kInvalidInput, "stories read out of order");
    }
    added += chunk.size();
    std::vector<StoryReading> readings(chunk.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      ReadScratch scratch;
      for (size_t i = next++; i < chunk.size(); i = next++) {
        readings[i] = ReadStory(chunk[i], gazetteer, &scratch);
      }
    };
    const int n = std::min<int>(threads, static_cast<int>(std::max<size_t>(chunk.size(), 1)));
    std::vector<std::thread> pool;
    for (int i = 1; i < n; ++i) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    resolution.Add(std::move(readings));
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  if (added != stories.Heads().size()) {
    return Fail(ErrorCode::kInvalidInput, "stories read in part");
  }
  return resolution.Finish(corrections);
}

Knowledge Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                 const RelateOptions& options, const Gazetteer& gazetteer) {
  // Stories in memory are one chunk, which cannot fail to read.
  return *Relate(StorySpan(stories), corrections, options, gazetteer);
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
