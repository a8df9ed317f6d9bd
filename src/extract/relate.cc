#include "src/extract/relate.h"

#include <algorithm>
#include <cstdlib>
#include <future>

#include "src/common/build_id.h"
#include "src/common/entity_lookup.h"
#include "src/common/parallel.h"
#include "src/common/record_log.h"
#include "src/common/text.h"
#include "src/common/xxhash_inline.h"
#include "src/extract/reader.h"
#include "src/extract/resolve.h"

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

Status StoppableSource::ForEachChunkWithoutTexts(const ChunkFn& fn) const {
  if (Stopped(stop_)) return Interrupted();
  return stories_.ForEachChunkWithoutTexts(
      [&](size_t first, std::span<const Story> chunk) -> Status {
        if (Stopped(stop_)) return Interrupted();
        return fn(first, chunk);
      });
}

Result<std::vector<std::string>> StorySource::Texts(std::span<const size_t> which) const {
  // Every text is given with its story: a pass over the chunks picks them.
  std::vector<std::string> out;
  out.reserve(which.size());
  size_t k = 0;
  Status read = ForEachChunk([&](size_t first, std::span<const Story> chunk) -> Status {
    for (; k < which.size() && which[k] < first + chunk.size(); ++k) {
      if (which[k] < first) return Fail(ErrorCode::kInvalidInput, "texts asked out of order");
      out.push_back(chunk[which[k] - first].text);
    }
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  if (k != which.size()) return Fail(ErrorCode::kNotFound, "a text asked of no story");
  return out;
}

uint64_t TextDigest(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

uint64_t KeyStep(std::string_view s, uint64_t seed) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed);
}

namespace {

// The format of EncodeReading's records: a record of another is not decoded.
constexpr uint64_t kReadingFormat = 1;

}  // namespace

uint64_t ReadingFingerprint(const Gazetteer& gazetteer) {
  uint64_t h = ProgramPrint();
  if (h == 0) return 0;
  std::string entry;
  for (size_t i = 0; i < gazetteer.size(); ++i) {
    const GazetteerEntry& e = gazetteer.entry(static_cast<int>(i));
    entry.clear();
    entry += std::to_string(static_cast<int>(e.type));
    entry += '\0';
    entry += e.code;
    for (const std::string& n : e.names) {
      entry += '\0';
      entry += n;
    }
    h = text::Hash64(entry, h);
  }
  return h == 0 ? 1 : h;
}

uint64_t ReadingKey(const Story& story, size_t text_size, uint64_t text_digest,
                    uint64_t fingerprint) {
  const std::string sizes = std::to_string(story.title.size()) + ' ' +
                            std::to_string(text_size) + ' ' + std::to_string(story.date.size());
  uint64_t h = KeyStep(sizes, fingerprint);
  h = KeyStep(story.title, h);
  h = KeyStep(std::string_view(reinterpret_cast<const char*>(&text_digest), sizeof text_digest),
              h);
  return KeyStep(story.date, h);
}

uint64_t ReadingKey(const Story& story, uint64_t fingerprint) {
  return ReadingKey(story, story.text.size(), TextDigest(story.text), fingerprint);
}

std::string EncodeReading(const StoryReading& r) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(kReadingFormat);
  w.Uint(r.mentions.size());
  // Bound by name, every field: a field added to RawMention or RawFact
  // stops this from compiling until it is encoded here and decoded below.
  for (const RawMention& m : r.mentions) {
    const auto& [type, begin, end, form, body, parent, parent_head, anaphor_head, alt_form,
                 gazetteer, alias_of, acronym, quoted] = m;
    w.Uint(static_cast<uint64_t>(type));
    w.Uint(begin);
    w.Uint(end);
    w.Bytes(form);
    w.Bytes(body.str());
    w.Int(parent);
    w.Bytes(parent_head.str());
    w.Bytes(anaphor_head.str());
    w.Bytes(alt_form.str());
    w.Int(gazetteer);
    w.Int(alias_of);
    w.Uint((acronym ? 1u : 0u) | (quoted ? 2u : 0u));
  }
  w.Uint(r.facts.size());
  for (const RawFact& f : r.facts) {
    const auto& [type, person, organization, country, title, year, sentence_begin,
                 sentence_end] = f;
    w.Uint(static_cast<uint64_t>(type));
    w.Int(person);
    w.Int(organization);
    w.Int(country);
    w.Bytes(title);
    w.Int(year);
    w.Uint(sentence_begin);
    w.Uint(sentence_end);
  }
  return out;
}

bool DecodeReading(std::string_view record, size_t gazetteer_size, StoryReading* out) {
  RecordReader r(record);
  if (r.Uint() != kReadingFormat) return false;
  StoryReading reading;
  // Each mention takes at least 12 bytes, each fact 8: a count past what
  // the record could hold is malformed (and is not allocated).
  const uint64_t mentions = r.Uint();
  if (!r.ok() || mentions > r.left() / 12) return false;
  const auto n = static_cast<int64_t>(mentions);
  auto index = [&](int64_t v, int64_t low) { return v >= low && v < n; };
  auto u32 = [](uint64_t v) { return v <= UINT32_MAX; };
  reading.mentions.resize(mentions);
  for (RawMention& m : reading.mentions) {
    const uint64_t type = r.Uint();
    if (type > static_cast<uint64_t>(EntityType::kDocument)) return false;
    m.type = static_cast<EntityType>(type);
    const uint64_t begin = r.Uint(), end = r.Uint();
    if (!u32(begin) || !u32(end)) return false;
    m.begin = static_cast<uint32_t>(begin);
    m.end = static_cast<uint32_t>(end);
    m.form = std::string(r.Bytes());
    m.body = std::string(r.Bytes());
    const int64_t parent = r.Int();
    m.parent_head = std::string(r.Bytes());
    m.anaphor_head = std::string(r.Bytes());
    m.alt_form = std::string(r.Bytes());
    const int64_t gazetteer = r.Int(), alias_of = r.Int();
    const uint64_t flags = r.Uint();
    if (!(parent == -1 || index(parent, 0)) || !(alias_of == -1 || index(alias_of, 0)) ||
        gazetteer < -1 || gazetteer >= static_cast<int64_t>(gazetteer_size) || flags > 3) {
      return false;
    }
    m.parent = static_cast<int>(parent);
    m.gazetteer = static_cast<int>(gazetteer);
    m.alias_of = static_cast<int>(alias_of);
    m.acronym = (flags & 1) != 0;
    m.quoted = (flags & 2) != 0;
    if (!r.ok()) return false;
  }
  const uint64_t facts = r.Uint();
  if (!r.ok() || facts > r.left() / 8) return false;
  reading.facts.resize(facts);
  for (RawFact& f : reading.facts) {
    const uint64_t type = r.Uint();
    if (type > static_cast<uint64_t>(FactType::kMemberOf)) return false;
    f.type = static_cast<FactType>(type);
    const int64_t person = r.Int(), organization = r.Int(), country = r.Int();
    if (!(person == -1 || index(person, 0)) ||
        !(organization == -1 || organization == kStoryOrganization || index(organization, 0)) ||
        !(country == -1 || index(country, 0))) {
      return false;
    }
    f.person = static_cast<int>(person);
    f.organization = static_cast<int>(organization);
    f.country = static_cast<int>(country);
    f.title = std::string(r.Bytes());
    const int64_t year = r.Int();
    if (year < INT32_MIN || year > INT32_MAX) return false;
    f.year = static_cast<int>(year);
    const uint64_t sb = r.Uint(), se = r.Uint();
    if (!u32(sb) || !u32(se)) return false;
    f.sentence_begin = static_cast<uint32_t>(sb);
    f.sentence_end = static_cast<uint32_t>(se);
    if (!r.ok()) return false;
  }
  if (!r.ok() || !r.done()) return false;
  *out = std::move(reading);
  return true;
}

bool RelateTiming() {
  static const bool on = std::getenv("ANNALS_RELATE_TIMING") != nullptr;
  return on;
}

Result<Knowledge> Relate(const StorySource& all_stories, std::span<const Correction> corrections,
                         const RelateOptions& options, const Gazetteer& gazetteer) {
  const int threads = ThreadCount(options.threads);
  // Every pass over the texts (the resolution's too) stops at a chunk once
  // options.stop is set.
  const StoppableSource stories(all_stories, options.stop);
  Resolution resolution(stories, gazetteer, threads);
  std::vector<ReadScratch> scratch(static_cast<size_t>(threads));  // one a worker, chunk to chunk
  // No reading is kept where the program cannot be told from another.
  const uint64_t fingerprint = options.cache ? ReadingFingerprint(gazetteer) : 0;
  ReadingCache* const cache = fingerprint != 0 ? options.cache : nullptr;
  size_t added = 0;
  // With several threads, the resolution takes a chunk's readings (one
  // thread, in story order) while the next chunk is fetched and read: the
  // chunk's Add runs here, and waits for the one before it.
  std::future<void> adding;
  auto add = [&](std::vector<StoryReading> readings) {
    if (threads == 1) return resolution.Add(std::move(readings));
    if (adding.valid()) adding.get();
    adding = std::async(std::launch::async, [&resolution, r = std::move(readings)]() mutable {
      resolution.Add(std::move(r));
    });
  };
  Status read = stories.ForEachChunk([&](size_t first, std::span<const Story> chunk) -> Status {
    // Resolution::Add takes the stories in order, as the source promises.
    if (first != added || added + chunk.size() > stories.Heads().size()) {
      return Fail(ErrorCode::kInvalidInput, "stories read out of order");
    }
    added += chunk.size();
    const size_t n = chunk.size();
    std::vector<StoryReading> readings(n);
    // With a cache: each story's key, and the record found under it or
    // made for it; `fresh[i]`: story i was read (its record is to be kept).
    std::vector<uint64_t> keys;
    std::vector<std::string> records;
    std::vector<uint8_t> fresh(n, 1);
    if (cache != nullptr) {
      keys.resize(n);
      records.resize(n);
      // A store's source knows each text's digest once it read the text
      // (this pass): the text is not hashed twice.
      ParallelFor(n, threads, [&](size_t i, size_t) {
        uint64_t digest = 0;
        keys[i] = stories.KnownText(first + i, &digest)
                      ? ReadingKey(chunk[i], chunk[i].text.size(), digest, fingerprint)
                      : ReadingKey(chunk[i], fingerprint);
      });
      for (size_t i = 0; i < n; ++i) {
        auto found = cache->Find(chunk[i].id, keys[i]);
        if (!found) return tl::unexpected(found.error());
        if (*found) {
          records[i] = std::move(**found);
          fresh[i] = 0;
        }
      }
    }
    ParallelFor(n, threads, [&](size_t i, size_t worker) {
      if (Stopped(options.stop)) return;
      if (!fresh[i] && DecodeReading(records[i], gazetteer.size(), &readings[i])) return;
      fresh[i] = 1;
      readings[i] = ReadStory(chunk[i], gazetteer, &scratch[worker]);
      if (cache != nullptr) records[i] = EncodeReading(readings[i]);
    });
    if (Stopped(options.stop)) return Interrupted();
    if (cache != nullptr) {
      for (size_t i = 0; i < n; ++i) {
        if (!fresh[i]) continue;
        if (auto kept = cache->Keep(chunk[i].id, keys[i], records[i]); !kept) return kept;
      }
    }
    add(std::move(readings));
    return Ok();
  });
  if (adding.valid()) adding.get();
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
