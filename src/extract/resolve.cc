#include "src/extract/resolve.h"

// Resolution: the readings taken a chunk at a time, kept in a log, and the
// steps of resolve_internal.h run over it in order.

#include <memory>
#include <utility>

#include "src/extract/resolve_internal.h"

namespace annals::extract {
namespace resolve_internal {

void Resolver::Add(std::vector<StoryReading> chunk) {
  std::vector<int> nodes;
  for (StoryReading& r : chunk) {
    AddNodes(r, &nodes);
    readings_->Append(Encode(r, nodes));
    r = {};
  }
}

Result<Knowledge> Resolver::Run(std::span<const Correction> corrections, bool park) {
  Release(key_cache_);
  Status st = ExplicitAliases();  // the first read of the log reports its write errors
  if (st) st = AlignedStories();
  if (!st) return tl::unexpected(st.error());
  Persons();
  Acronyms();
  ExpandedAcronyms();
  if (st = ResolveAnaphors(); st) st = Bodies();
  if (!st) return tl::unexpected(st.error());
  // Again, now that the spellings of one body are joined: an acronym of a
  // body spelled two ways ("Commission for X", "Commission on X").
  Acronyms();
  WordOrders();
  ShortDocumentNames();
  if (st = BuildEntities(); st) st = SecondPass();
  if (st) st = BuildFacts();
  if (!st) return tl::unexpected(st.error());
  // From here on only entities, mentions and facts are read: the logs and
  // the maps over the names go before the output is built beside them.
  readings_.reset();
  anaphors_.reset();
  mention_of_.reset();
  Release(nodes_);
  Release(node_index_);
  for (const Correction& c : corrections) {
    if (auto applied = Apply(c); !applied) return tl::unexpected(applied.error());
  }
  return Output(park);
}

Status Resolver::ForEachStory(const StoryFn& fn) {
  const size_t n = readings_->size();
  RecordLog::Reader readings = readings_->Read();
  std::optional<RecordLog::Reader> anaphors, mention_of;
  if (anaphors_->size() == n) anaphors = anaphors_->Read();
  if (mention_of_->size() == n) mention_of = mention_of_->Read();
  // Decoding is about half of a step's pass: with several threads, the
  // records of kDecodeBatch stories are copied out of the logs and decoded
  // on every core, then given to fn one by one, in order, as below.
  if (threads_ > 1) return ForEachStoryBatched(fn, n, readings, anaphors, mention_of);
  HeldStory story;
  std::string_view reading, anaphor, index;
  for (uint32_t s = 0; s < n; ++s) {
    if (!readings.Next(&reading)) return LogCutShort(readings);
    if (anaphors && !anaphors->Next(&anaphor)) return LogCutShort(*anaphors);
    if (mention_of && !mention_of->Next(&index)) return LogCutShort(*mention_of);
    if (const int bad = DecodeHeld(reading, anaphors ? &anaphor : nullptr,
                                   mention_of ? &index : nullptr, &story);
        bad != 0) {
      return BadRecord(bad, readings, anaphors, mention_of);
    }
    fn(s, story);
  }
  return Ok();
}

int Resolver::DecodeHeld(std::string_view reading, const std::string_view* anaphor,
                         const std::string_view* index, HeldStory* story) {
  if (!Decode(reading, story)) return 1;
  story->anaphor.clear();
  story->mention_of.clear();
  if (anaphor && !DecodeColumn(*anaphor, story->mentions.size(), &story->anaphor)) return 2;
  if (index && !DecodeColumn(*index, story->mentions.size(), &story->mention_of)) return 3;
  return 0;
}

Status Resolver::ForEachStoryBatched(const StoryFn& fn, size_t n, RecordLog::Reader& readings,
                                     std::optional<RecordLog::Reader>& anaphors,
                                     std::optional<RecordLog::Reader>& mention_of) {
  struct Item {
    std::string reading, anaphor, mention_of;  // the records (the story's views point here)
    HeldStory story;
    int bad = 0;  // DecodeHeld's
  };
  std::vector<Item> batch(std::min(n, kDecodeBatch));
  std::string_view record;
  for (size_t first = 0; first < n; first += kDecodeBatch) {
    const size_t count = std::min(kDecodeBatch, n - first);
    // The records, copied in order; a log cut short fails here, as it
    // would when its story came.
    size_t got = 0;
    Status cut = Ok();
    for (; got < count; ++got) {
      Item& it = batch[got];
      if (!readings.Next(&record)) {
        cut = LogCutShort(readings);
        break;
      }
      it.reading.assign(record);
      if (anaphors) {
        if (!anaphors->Next(&record)) {
          cut = LogCutShort(*anaphors);
          break;
        }
        it.anaphor.assign(record);
      }
      if (mention_of) {
        if (!mention_of->Next(&record)) {
          cut = LogCutShort(*mention_of);
          break;
        }
        it.mention_of.assign(record);
      }
    }
    ParallelFor(got, threads_, [&](size_t i, size_t) {
      Item& it = batch[i];
      const std::string_view anaphor(it.anaphor), index(it.mention_of);
      it.bad = DecodeHeld(it.reading, anaphors ? &anaphor : nullptr,
                          mention_of ? &index : nullptr, &it.story);
    });
    for (size_t i = 0; i < got; ++i) {
      Item& it = batch[i];
      if (it.bad != 0) return BadRecord(it.bad, readings, anaphors, mention_of);
      fn(static_cast<uint32_t>(first + i), it.story);
    }
    if (!cut) return cut;
  }
  return Ok();
}

int Resolver::GetNode(const std::string& id, EntityType type, int gazetteer, const std::string& key) {
  auto [it, fresh] = node_index_.emplace(id, static_cast<int>(nodes_.size()));
  if (fresh) {
    nodes_.push_back({.type = type, .gazetteer = gazetteer, .key = key});
    uf_.Add();
  }
  return it->second;
}

void Resolver::AddNodes(const StoryReading& reading, std::vector<int>* nodes) {
  StringMap<std::string>& key_cache = key_cache_;
  {
    const auto& ms = reading.mentions;
    nodes->assign(ms.size(), -1);
    for (uint32_t i = 0; i < ms.size(); ++i) {
      const RawMention& m = ms[i];
      if (!m.anaphor_head.empty()) continue;
      int node;
      if (m.gazetteer >= 0) {
        const GazetteerEntry& e = gaz_.entry(m.gazetteer);
        // A state or city is named in most stories: its key is made once.
        const std::string id = "g:" + e.code;
        const auto known = node_index_.find(id);
        node = known != node_index_.end() ? known->second
                                           : GetNode(id, e.type, m.gazetteer, NameKey(e.name));
      } else {
        // Forms repeat from story to story: fold each once.
        auto [it, fresh] = key_cache.try_emplace(m.form);
        if (fresh) it.value() = NameKey(m.form);
        const std::string& key = it->second;
        if (key.empty()) continue;
        node = GetNode(TypeKey(m.type, key), m.type, -1, key);
      }
      Node& n = nodes_[static_cast<size_t>(node)];
      ++n.forms[m.form];
      if (m.acronym && AllCapsWord(m.form)) n.acronym = true;
      if (!m.body.empty()) {
        n.bodies.insert(m.body);
        n.forms.emplace(m.body, 0);
      }
      (*nodes)[i] = node;
      if (m.gazetteer < 0 && m.type == EntityType::kPerson) {
        // One person across scripts (issue 25): "В.Хроминым" and "V.
        // Khromin" meet under their Latin key (text/translit.h).
        auto [lt, fresh_latin] = latin_cache_.try_emplace(m.form);
        if (fresh_latin) lt.value() = "~latin " + text::LatinKey(m.form);
        const std::string& latin = lt->second;
        if (latin.size() > 7) uf_.Union(node, GetNode(TypeKey(m.type, latin), m.type, -1, latin));
      }
      if (m.gazetteer < 0 &&
          (m.type == EntityType::kOrganization || m.type == EntityType::kDocument)) {
        // "Commission on X" = "Commission for X"; "Council of Ministers of
        // Fisheries" = "Council of Fisheries Ministers": one node under the
        // folded key (which names no mention itself).
        const std::string folded = ConnectorKey(nodes_[static_cast<size_t>(node)].key);
        if (!folded.empty()) {
          uf_.Union(node, GetNode(TypeKey(m.type, "~" + folded), m.type, -1, "~" + folded));
        }
      }
      if (!m.alt_form.empty()) {
        const std::string key = NameKey(m.alt_form.str());
        const int alt = GetNode(TypeKey(m.type, key), m.type, -1, key);
        nodes_[static_cast<size_t>(alt)].forms.emplace(m.alt_form, 0);
        uf_.Union(node, alt);
      }
    }
  }
}

}  // namespace resolve_internal

Resolution::Resolution(const StorySource& stories, const Gazetteer& gazetteer, int threads)
    : r_(std::make_unique<resolve_internal::Resolver>(stories, gazetteer, threads)) {}

Resolution::~Resolution() = default;

void Resolution::Add(std::vector<StoryReading> chunk) { r_->Add(std::move(chunk)); }

Result<Knowledge> Resolution::Finish(std::span<const Correction> corrections, bool park) {
  return r_->Run(corrections, park);
}

std::string EntityId(EntityType type, const std::string& name) {
  return resolve_internal::Hex(text::Hash64(std::string(EntityTypeName(type)) + "\n" + name));
}

}  // namespace annals::extract
