#include "src/extract/resolve.h"

// Resolution: the readings taken a chunk at a time, kept in a log, and the
// steps of resolve_internal.h run over it in order.

#include <future>
#include <memory>
#include <utility>

#include "src/common/lap_timer.h"
#include "src/extract/relate.h"
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
  LapTimer lap("relate: resolution:", RelateTiming());
  Release(key_cache_);
  for (StringMap<int>& f : form_node_) Release(f);
  Release(gazetteer_node_);
  Status st = ExplicitAliases();  // the first read of the log reports its write errors
  if (st) st = AlignedStories();
  if (!st) return tl::unexpected(st.error());
  lap.Lap("aliases, aligned stories");
  Persons();
  Acronyms();
  ExpandedAcronyms();
  lap.Lap("persons, acronyms");
  if (st = ResolveAnaphors(); st) st = Bodies();
  if (!st) return tl::unexpected(st.error());
  lap.Lap("anaphors, bodies");
  // Again, now that the spellings of one body are joined: an acronym of a
  // body spelled two ways ("Commission for X", "Commission on X").
  Acronyms();
  WordOrders();
  ShortDocumentNames();
  lap.Lap("acronyms, word orders, documents");
  st = BuildEntities();
  lap.Lap("entities");
  if (st) st = SecondPass();
  lap.Lap("second pass");
  if (st) st = BuildFacts();
  lap.Lap("facts");
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
  auto out = Output(park);
  lap.Lap("output");
  return out;
}

std::vector<int> Resolver::Roots() {
  std::vector<int> roots(nodes_.size());
  for (size_t n = 0; n < roots.size(); ++n) roots[n] = uf_.Find(static_cast<int>(n));
  return roots;
}

int Resolver::DecodeAndMap(std::string_view reading, const std::string_view* anaphor,
                           const std::string_view* index, const MapFn& map, uint32_t s,
                           HeldStory* story) {
  if (const int bad = DecodeHeld(reading, anaphor, index, story); bad != 0) return bad;
  if (map) {
    story->mapped.clear();
    story->mapped_record.clear();
    story->mapped_keys.clear();
    map(s, *story);
  }
  return 0;
}

Status Resolver::ForEachStory(const StoryFn& fn, const MapFn& map) {
  const size_t n = readings_->size();
  RecordLog::Reader readings = readings_->Read();
  std::optional<RecordLog::Reader> anaphors, mention_of;
  if (anaphors_->size() == n) anaphors = anaphors_->Read();
  if (mention_of_->size() == n) mention_of = mention_of_->Read();
  // Decoding is about half of a step's pass: with kBatchedThreads threads
  // or more, the records of kDecodeBatch stories are copied out of the
  // logs, decoded (and mapped) on the other cores while the batch before
  // is given to fn one by one, in order, as below.
  if (threads_ >= kBatchedThreads) {
    return ForEachStoryBatched(fn, map, n, readings, anaphors, mention_of);
  }
  HeldStory story;
  std::string_view reading, anaphor, index;
  for (uint32_t s = 0; s < n; ++s) {
    if (!readings.Next(&reading)) return LogCutShort(readings);
    if (anaphors && !anaphors->Next(&anaphor)) return LogCutShort(*anaphors);
    if (mention_of && !mention_of->Next(&index)) return LogCutShort(*mention_of);
    if (const int bad = DecodeAndMap(reading, anaphors ? &anaphor : nullptr,
                                     mention_of ? &index : nullptr, map, s, &story);
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

Status Resolver::ForEachStoryBatched(const StoryFn& fn, const MapFn& map, size_t n,
                                     RecordLog::Reader& readings,
                                     std::optional<RecordLog::Reader>& anaphors,
                                     std::optional<RecordLog::Reader>& mention_of) {
  struct Item {
    std::string reading, anaphor, mention_of;  // the records (the story's views point here)
    HeldStory story;
    int bad = 0;  // DecodeHeld's
  };
  struct Batch {
    std::vector<Item> items;
    size_t first = 0, got = 0;
    Status cut = Ok();  // the log that ended within the batch
  };
  // The next batch's records, copied in order; a log cut short stops the
  // copy there, and fails once the stories before it are given.
  std::string_view record;
  auto copy = [&](size_t first, Batch* b) {
    const size_t count = std::min(kDecodeBatch, n - first);
    b->items.resize(std::max(b->items.size(), count));
    b->first = first;
    b->got = 0;
    b->cut = Ok();
    for (; b->got < count; ++b->got) {
      Item& it = b->items[b->got];
      if (!readings.Next(&record)) {
        b->cut = LogCutShort(readings);
        return;
      }
      it.reading.assign(record);
      if (anaphors) {
        if (!anaphors->Next(&record)) {
          b->cut = LogCutShort(*anaphors);
          return;
        }
        it.anaphor.assign(record);
      }
      if (mention_of) {
        if (!mention_of->Next(&record)) {
          b->cut = LogCutShort(*mention_of);
          return;
        }
        it.mention_of.assign(record);
      }
    }
  };
  const bool with_anaphors = anaphors.has_value(), with_index = mention_of.has_value();
  auto decode = [with_anaphors, with_index, &map](Batch* b, int threads) {
    ParallelFor(b->got, threads, [&](size_t i, size_t) {
      Item& it = b->items[i];
      const std::string_view anaphor(it.anaphor), index(it.mention_of);
      it.bad = DecodeAndMap(it.reading, with_anaphors ? &anaphor : nullptr,
                            with_index ? &index : nullptr, map,
                            static_cast<uint32_t>(b->first + i), &it.story);
    });
  };
  // Batch k is given to fn on this thread while batch k + 1 is decoded on
  // the other workers.
  Batch batches[2];
  Batch* current = &batches[0];
  Batch* next = &batches[1];
  if (n == 0) return Ok();
  copy(0, current);
  decode(current, threads_);
  while (true) {
    const bool more = current->cut && current->first + current->got < n;
    std::future<void> decoding;
    if (more) {
      copy(current->first + current->got, next);
      decoding = std::async(std::launch::async, decode, next, std::max(threads_ - 1, 1));
    }
    for (size_t i = 0; i < current->got; ++i) {
      Item& it = current->items[i];
      if (it.bad != 0) {
        if (decoding.valid()) decoding.get();
        return BadRecord(it.bad, readings, anaphors, mention_of);
      }
      fn(static_cast<uint32_t>(current->first + i), it.story);
    }
    if (!current->cut) return current->cut;
    if (!more) return Ok();
    decoding.get();
    std::swap(current, next);
  }
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
  const auto& ms = reading.mentions;
  nodes->assign(ms.size(), -1);
  for (uint32_t i = 0; i < ms.size(); ++i) {
    const RawMention& m = ms[i];
    if (!m.anaphor_head.empty()) continue;
    int node;
    if (m.gazetteer >= 0) {
      // A state or city is named in most stories: its node is found once.
      if (gazetteer_node_.empty()) gazetteer_node_.assign(gaz_.size(), -1);
      int& known = gazetteer_node_[static_cast<size_t>(m.gazetteer)];
      if (known < 0) {
        const GazetteerEntry& e = gaz_.entry(m.gazetteer);
        known = GetNode("g:" + e.code, e.type, m.gazetteer, NameKey(e.name));
      }
      node = known;
    } else {
      // Forms repeat from story to story: each form of a type is folded,
      // and its node found, once. The joins a node's key makes (below) are
      // made then too: made again they would change nothing.
      auto [it, fresh] = form_node_[static_cast<size_t>(m.type)].try_emplace(m.form, -1);
      if (fresh) it.value() = FormNode(m);
      node = it->second;
      if (node < 0) continue;  // a name that folds to nothing
    }
    Node& n = nodes_[static_cast<size_t>(node)];
    ++n.forms[m.form];
    if (m.acronym && AllCapsWord(m.form)) n.acronym = true;
    if (!m.body.empty()) {
      n.bodies.insert(m.body);
      n.forms.emplace(m.body, 0);
    }
    (*nodes)[i] = node;
    if (!m.alt_form.empty()) {
      auto [kt, fresh] = key_cache_.try_emplace(m.alt_form.str());
      if (fresh) kt.value() = NameKey(m.alt_form.str());
      const std::string& key = kt->second;
      const int alt = GetNode(TypeKey(m.type, key), m.type, -1, key);
      nodes_[static_cast<size_t>(alt)].forms.emplace(m.alt_form, 0);
      uf_.Union(node, alt);
    }
  }
}

int Resolver::FormNode(const RawMention& m) {
  auto [it, fresh] = key_cache_.try_emplace(m.form);
  if (fresh) it.value() = NameKey(m.form);
  const std::string& key = it->second;
  if (key.empty()) return -1;
  const int node = GetNode(TypeKey(m.type, key), m.type, -1, key);
  if (m.type == EntityType::kPerson) {
    // One person across scripts (issue 25): "В.Хроминым" and "V.
    // Khromin" meet under their Latin key (text/translit.h).
    const std::string latin = "~latin " + text::LatinKey(m.form);
    if (latin.size() > 7) uf_.Union(node, GetNode(TypeKey(m.type, latin), m.type, -1, latin));
  }
  if (m.type == EntityType::kOrganization || m.type == EntityType::kDocument) {
    // "Commission on X" = "Commission for X"; "Council of Ministers of
    // Fisheries" = "Council of Fisheries Ministers": one node under the
    // folded key (which names no mention itself).
    const std::string folded = ConnectorKey(nodes_[static_cast<size_t>(node)].key);
    if (!folded.empty()) {
      uf_.Union(node, GetNode(TypeKey(m.type, "~" + folded), m.type, -1, "~" + folded));
    }
  }
  return node;
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
  return Hex64(text::Hash64(std::string(EntityTypeName(type)) + "\n" + name));
}

}  // namespace annals::extract
