// Relate: from the stories of an archive to its entities, mentions and facts
// (SCHEMA.md `entities`, `facts`). A pure function of the stories and the
// user's corrections; the pipeline reruns it over the whole archive after
// each ingest, so its output is a function of the archive alone. The
// per-story reading of unchanged stories may come from a ReadingCache.
// Corrections are found by any alias (case and punctuation folded); one that
// names no entity is skipped. Merge keeps A's name and type; split moves the
// alias and the mentions written so to a new entity; rename makes the old
// name an alias.
// Thread safety: Relate is reentrant; Gazetteer is immutable after Load.
#pragma once

#include <atomic>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "annals/result.h"
#include "annals/types.h"
#include "src/extract/gazetteer.h"

namespace annals::extract {

// A correction the user asked for, stored in the archive and reapplied on every run.
struct Correction {
  enum class Kind { kMerge, kSplit, kRename } kind = Kind::kMerge;
  std::string a;  // merge: entity kept (any alias); split/rename: the entity (any alias)
  std::string b;  // merge: entity folded into a; split: the alias split off; rename: new name
  bool operator==(const Correction&) const = default;
};

// A change of an entity's type (annals entity retype), kept apart from the
// corrections above: those rebuild entities, this one only relabels one.
struct Retype {
  std::string name;  // the entity (any alias)
  EntityType type = EntityType::kOrganization;
  bool operator==(const Retype&) const = default;
};

class ParkedMentions;  // parked.h
class ParkedFacts;

struct Knowledge {
  std::vector<Entity> entities;
  // By story, begin and end; `entity` indexes `entities`, `story` the
  // stories given to Relate.
  std::vector<MentionRef> mentions;
  // By story; entities and story index as the mentions'.
  std::vector<FactRef> facts;
  // With RelateOptions::park, the mentions and facts instead, in the same
  // order, in temporary files (`mentions` and `facts` are then empty).
  std::shared_ptr<ParkedMentions> parked_mentions;
  std::shared_ptr<ParkedFacts> parked_facts;
};

// A Knowledge's mentions read back a story at a time, in story order, by a
// pass that need not hold them all at once (events, the store's writes).
class MentionCursor {
 public:
  virtual ~MentionCursor() = default;
  // Story `story`'s mentions into *out (cleared first), for stories asked in
  // increasing order; those of stories passed over are skipped.
  // Errors: those of reading them back (kIo).
  virtual Status Next(uint32_t story, std::vector<MentionRef>* out) = 0;
};

class MentionSource {
 public:
  virtual ~MentionSource() = default;
  // A new pass from the first story. The source outlives its cursors.
  virtual std::unique_ptr<MentionCursor> Open() const = 0;
};

// Mentions in memory, in any order (Knowledge::mentions), of `stories`
// stories: those of a story out of range are never given.
class MentionSpan final : public MentionSource {
 public:
  MentionSpan(std::span<const MentionRef> mentions, size_t stories);
  std::unique_ptr<MentionCursor> Open() const override;

 private:
  std::span<const MentionRef> mentions_;
  // Story i's are mentions_[first_[i], first_[i + 1]) when they come by
  // story, as Relate gives them; else mentions_[by_story_[j]] for j in
  // that range.
  std::vector<size_t> first_;
  std::vector<uint32_t> by_story_;
};

// k's mentions with the ids of their entities and stories (SCHEMA.md).
std::vector<Mention> MentionsWithIds(const Knowledge& k, std::span<const Story> stories);
// k's facts with the names of their entities and their stories' ids and dates.
std::vector<Fact> FactsWithNames(const Knowledge& k, std::span<const Story> stories);

struct StoryReading;  // reader.h

// Per-story readings (ReadStory) kept between runs, so that a relate reads
// again only the stories that are new or changed since the last: a record
// (EncodeReading) is kept under a key (ReadingKey) of all that ReadStory
// reads, the story's title, text and date, and of the program and data that
// read it (ReadingFingerprint). A record is used only under the same key and
// when it decodes whole, else the story is read again: Relate's result is
// the same with a cache as without.
// Thread safety: called only from the thread that called Relate.
class ReadingCache {
 public:
  virtual ~ReadingCache() = default;
  // The record kept for story `id` under `key`, or nullopt.
  virtual Result<std::optional<std::string>> Find(const std::string& id, uint64_t key) = 0;
  // Keeps `record` for story `id` under `key`, in place of any other.
  virtual Status Keep(const std::string& id, uint64_t key, std::string_view record) = 0;
  // False when Find finds nothing in this run (none kept, or relate
  // --full): a pass then skips what it does only to look readings up.
  virtual bool MayFind() { return true; }
};

// What identifies the reading of stories apart from the stories: the build
// of this program and of the libraries it loaded (their GNU build ids, else
// the bytes of the executable) and the gazetteer's entries. 0 when the
// program cannot be identified: then no reading may be kept.
uint64_t ReadingFingerprint(const Gazetteer& gazetteer);
// The key of a story's reading: its title, text and date, and `fingerprint`.
// The text counts by its size and TextDigest, which a source may know
// without hashing the text again (StorySource::KnownText).
uint64_t ReadingKey(const Story& story, uint64_t fingerprint);
uint64_t ReadingKey(const Story& story, size_t text_size, uint64_t text_digest,
                    uint64_t fingerprint);
// A reading as one record, and back. DecodeReading is false when the record
// is cut or malformed, or names a gazetteer entry at or past
// `gazetteer_size` or a mention out of its story's range.
std::string EncodeReading(const StoryReading& reading);
bool DecodeReading(std::string_view record, size_t gazetteer_size, StoryReading* reading);

struct RelateOptions {
  int threads = 0;  // 0: all cores
  // The readings kept from earlier runs, found and kept by story id (not
  // owned; null: every story is read).
  ReadingCache* cache = nullptr;
  // When set and it becomes true (a signal handler sets it), Relate stops
  // before its next chunk of stories (and skips the stories of the chunk it
  // reads) and fails with Interrupted(). Not owned; must outlive the call.
  const std::atomic<bool>* stop = nullptr;
  // The mentions and facts go straight to temporary files (Knowledge::
  // parked_mentions, parked_facts), not into lists: an archive's are about
  // 2 KB a story.
  bool park = false;
};

// The stories of one Relate call in a fixed order: their heads all at once,
// their texts a chunk at a time, so that an archive's texts are never held
// together (a store reads them again for each pass).
class StorySource {
 public:
  using ChunkFn = std::function<Status(size_t first, std::span<const Story> chunk)>;
  virtual ~StorySource() = default;
  virtual const std::vector<StoryHead>& Heads() const = 0;
  // fn(first, chunk) for consecutive chunks of whole stories (texts
  // included), in the order of Heads(), from first = 0; stops at the first
  // error, of fn or of reading.
  virtual Status ForEachChunk(const ChunkFn& fn) const = 0;

  // For a pass that needs most texts only through their digests (the keys
  // of kept readings): story i's TextDigest, where the source knows it
  // without reading the text again (a store's, once a pass read every text;
  // Heads()[i].text_size is then set too); else false.
  virtual bool KnownText(size_t /*i*/, uint64_t* /*digest*/) const { return false; }
  // As ForEachChunk, but a story whose KnownText holds may come with its
  // text empty; Texts reads those a pass needs.
  virtual Status ForEachChunkWithoutTexts(const ChunkFn& fn) const { return ForEachChunk(fn); }
  // The texts of the stories `which` (indices of Heads(), increasing), in
  // that order. Errors: those of reading.
  virtual Result<std::vector<std::string>> Texts(std::span<const size_t> which) const;
};

// The digest of a text that the keys of kept readings take: XXH3, 64 bits.
uint64_t TextDigest(std::string_view text);
// One step of those keys: XXH3 of `s` seeded with the key so far (XXH3 is
// about thrice as fast as XXH64, text::Hash64, on texts of a few KB).
uint64_t KeyStep(std::string_view s, uint64_t seed);

// Whether `stop` is set and true (RelateOptions::stop).
inline bool Stopped(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}
// The error of a pass stopped by its `stop` flag: kInvalidInput, "interrupted".
tl::unexpected<Error> Interrupted();

// `stories` read until *stop becomes true: then the next chunk is not read
// and the pass fails with Interrupted(). Refers to `stories` and `stop`,
// which must outlive it.
class StoppableSource final : public StorySource {
 public:
  StoppableSource(const StorySource& stories, const std::atomic<bool>* stop)
      : stories_(stories), stop_(stop) {}
  const std::vector<StoryHead>& Heads() const override { return stories_.Heads(); }
  Status ForEachChunk(const ChunkFn& fn) const override;
  bool KnownText(size_t i, uint64_t* digest) const override {
    return stories_.KnownText(i, digest);
  }
  Status ForEachChunkWithoutTexts(const ChunkFn& fn) const override;
  Result<std::vector<std::string>> Texts(std::span<const size_t> which) const override {
    if (Stopped(stop_)) return Interrupted();
    return stories_.Texts(which);
  }

 private:
  const StorySource& stories_;
  const std::atomic<bool>* stop_;
};

// Stories in memory, as one chunk.
class StorySpan final : public StorySource {
 public:
  explicit StorySpan(std::span<const Story> stories);
  const std::vector<StoryHead>& Heads() const override { return heads_; }
  Status ForEachChunk(const ChunkFn& fn) const override { return fn(0, stories_); }

 private:
  std::span<const Story> stories_;
  std::vector<StoryHead> heads_;
};

// Entities, mentions and facts of `stories`, with `corrections` applied in order.
// Loads the gazetteer (gazetteer.h) once per call.
// Errors: kIo / kCorrupt when packaged gazetteer data cannot be read; kIo
// when the temporary file of resolution cannot be written (resolve.h).
Result<Knowledge> Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                         const RelateOptions& options);

// The same with a gazetteer the caller loaded (and may reuse across calls).
// Per-story reading runs on options.threads workers.
// Errors: kIo when the temporary file of resolution cannot be written.
Result<Knowledge> Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                         const RelateOptions& options, const Gazetteer& gazetteer);

// The same over a source that reads the texts a chunk at a time (three
// passes, four with a split correction). Mentions index its Heads().
// Errors: those of the source; kIo as above.
Result<Knowledge> Relate(const StorySource& stories, std::span<const Correction> corrections,
                         const RelateOptions& options, const Gazetteer& gazetteer);

// Gives each entity named by a retype (its name or an alias, folded as the
// corrections find them: its canonical name first, else the most mentioned)
// the new type and the id that type and its name make, after Relate applied
// the other corrections. One that names no entity, or would give an entity
// the id of another (an entity of that type with that name), is skipped.
void ApplyRetypes(std::span<const Retype> retypes, Knowledge* knowledge);

// Whether ANNALS_RELATE_TIMING is set: relate's stages and the resolution's
// steps then print their wall and CPU seconds on stderr (bench/README.md).
bool RelateTiming();

}  // namespace annals::extract
