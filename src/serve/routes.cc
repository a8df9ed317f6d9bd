#include "src/serve/routes.h"

#include "annals/archive.h"

#include "src/common/lap_timer.h"
#include "src/common/text.h"
#include "src/events/profile.h"
#include "src/events/timeline.h"
#include "src/query/archive_json.h"
#include "src/query/knowledge.h"
#include "src/serve/assets.h"
#include "src/serve/text_cache.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace annals::serve {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kReplace = json::error_handler_t::replace;

constexpr uint32_t kNoStory = 0xFFFFFFFF;

// How many of a search's best matches a ranking for a page by offset puts
// in order, at least (RankedSet): ten pages of 20.
constexpr size_t kTopRanked = 200;

// How many of the most named entities a snapshot keeps a bitmap of their
// stories for (TopEntities): at 100,000 stories, 12.5 KB each.
constexpr size_t kBitmapped = 64;

// Keyset paging (cursor=): each listing's order written as byte strings
// that increase strictly along it, so that the page after an item is found
// by a binary search for its key, wherever the item now is (an offset
// counts again from the start, and shifts when the listing changes between
// two pages). Fields are joined by a NUL, which no field holds, so the
// strings sort as the tuples of their fields.
struct SortKey {
  std::string bytes;
  SortKey& Up(std::string_view field) {  // ascending
    bytes.append(field);
    bytes.push_back('\0');
    return *this;
  }
  SortKey& Down(std::string_view field) {  // descending: bytes inverted, then 0xFF
    for (char c : field) bytes.push_back(static_cast<char>(0xFF - static_cast<unsigned char>(c)));
    bytes.push_back('\xFF');
    return *this;
  }
  SortKey& Up(uint64_t v) {  // fixed width, so that it sorts as a number
    char buf[24];
    std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(v));
    return Up(std::string_view(buf));
  }
  SortKey& Up(double v) {  // IEEE 754 bits made to sort as the numbers do
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    bits = (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
    return Up(bits);
  }
};
using KeyOf = std::function<SortKey(size_t)>;

// A cursor is the key of the last item of a page, in hex (it goes in a URL
// as it is).
std::string ToCursor(const SortKey& k) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (char c : k.bytes) {
    out.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
    out.push_back(kHex[static_cast<unsigned char>(c) & 15]);
  }
  return out;
}
bool FromCursor(const std::string& cursor, std::string* key) {
  if (cursor.size() % 2 != 0) return false;
  key->clear();
  for (size_t i = 0; i < cursor.size(); i += 2) {
    unsigned v = 0;
    auto [end, ec] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, v, 16);
    if (ec != std::errc() || end != cursor.data() + i + 2) return false;
    key->push_back(static_cast<char>(v));
  }
  return true;
}
// The first of n items (in key order) whose key is above `after` (or, with
// `or_equal`, at or above it).
size_t FirstAfter(size_t n, const std::string& after, const KeyOf& key, bool or_equal = false) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const std::string k = key(mid).bytes;
    if (or_equal ? k < after : k <= after) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// The order of Archive::Stories: dated newest first, then undated; by id.
SortKey StoryKey(const Story& s) {
  SortKey k;
  if (s.date.empty()) return k.Up("1").Up(s.id);
  return k.Up("0").Down(s.date).Up(s.id);
}

// A search's matches in the snapshot, best first (BM25, ties by rowid):
// each one's row in the archive, its score and its story's index.
// Only the first `sorted` are in that order when the ranking was asked for
// a page near the top (a page of 20 does not sort 17,000 matches): the
// others follow, unordered, each ranking after them; a page past them sorts
// the set (Snapshot::SortedAll).
struct RankedSet {
  std::vector<int64_t> rowid;
  std::vector<double> score;
  std::vector<uint32_t> story;
  size_t sorted = 0;  // rowid.size() when all are in order
  // The snippets of the matches already shown (by rowid), for the pages
  // asked again (back, a facet undone, the same search from another
  // client): SQLite's snippet() reads and tokenizes the whole story, the
  // most of a repeated search's time (1.2 of 2.1 ms a page at 20,000
  // stories). Bounded; the set, and they, go with the snapshot.
  mutable std::mutex snippets_mu;
  mutable std::unordered_map<int64_t, std::string> snippets;
  static constexpr size_t kMaxSnippets = 20000;
};

// A search narrowed by the facets chosen: which of `set`'s matches are left
// (indexes in the set, best first) and the facets counted over them.
struct Narrowed {
  std::shared_ptr<const RankedSet> set;
  std::vector<uint32_t> kept;
  size_t sorted = 0;  // the first `sorted` of kept are in order (set->sorted's)
  nlohmann::json facets;
};

// The archive's knowledge, read once in one snapshot and kept until the
// archive changes, with the indexes the answers need. Its stories hold no
// texts (Archive::ExportHeads: at 100,000 stories they were 570 MB, read
// for the few a page shows); a page reads those it shows (copies in Api).
struct Snapshot {
  ArchiveData data;
  bool stale = false;
  std::unordered_map<std::string, uint32_t> story_at;      // id -> index in data.stories
  std::vector<uint32_t> story_of_row;                      // rowid -> index (kNoStory: none)
  std::unordered_map<int64_t, uint32_t> story_of_far_row;  // the rest (see Index)
  uint32_t StoryOfRow(int64_t rowid) const {
    if (rowid >= 0 && static_cast<uint64_t>(rowid) < story_of_row.size()) {
      return story_of_row[static_cast<size_t>(rowid)];
    }
    auto it = story_of_far_row.find(rowid);
    return it == story_of_far_row.end() ? kNoStory : it->second;
  }
  std::unordered_map<std::string, const Story*> story_by_id;  // for the evidence of facts
  std::unordered_map<std::string, uint32_t> entity_at;        // id -> index in data.entities
  std::vector<std::vector<uint32_t>> story_mentions;          // per story: indexes in data.mentions
  // Per story: the entities it names (indexes, unique, ascending), at
  // story_entities[entities_from[i] .. entities_from[i + 1]): one array, read
  // in order when a search counts its facets.
  std::vector<uint32_t> entities_from;
  std::vector<uint32_t> story_entities;
  std::vector<std::vector<uint32_t>> story_facts;   // per story: indexes in data.facts
  std::vector<std::vector<uint32_t>> story_events;  // per story: events that it reports
  std::vector<uint16_t> story_year;                 // per story: its year, 0 when undated
  std::vector<uint16_t> story_event_types;          // per story: a bit per EventType
  // The facets of every story: a search matching most of the archive counts
  // its facets as these less those of the stories it does not match.
  std::vector<uint32_t> all_year_count;       // by story_year
  std::vector<uint32_t> all_entity_count;     // by entity index: stories naming it
  std::array<uint32_t, 16> all_type_count{};  // by EventType: stories reporting one
  // For the entity facet's top 15 without counting every match's entities
  // (TopEntities): the entities by the stories naming them, most first;
  // each one's stories (indexes, ascending) at entity_stories[stories_from[e]
  // .. stories_from[e + 1]); and, for the first `bitmapped` of that order,
  // their stories as a bitmap of `words` 64-bit words each.
  std::vector<uint32_t> entity_by_total;
  std::vector<uint32_t> stories_from;
  std::vector<uint32_t> entity_stories;
  size_t words = 0;
  size_t bitmapped = 0;
  std::vector<uint64_t> entity_bits;
  query::KnowledgeIndex index;  // for entity profiles
  // What entity profiles show, counted for every entity at the first one
  // asked of this snapshot (not walked at each request: the most named
  // entity's mentions, and the entities of each of its stories).
  mutable std::once_flag pages_once;
  mutable std::unique_ptr<query::EntityPageIndex> pages;
  const query::EntityPageIndex& Pages() const {
    std::call_once(pages_once, [&] {
      pages = std::make_unique<query::EntityPageIndex>(query::IndexEntityPages(data, index));
    });
    return *pages;
  }
  // For organization profiles: made at the first profile asked of this
  // snapshot (its mentions walked once, not at each request).
  mutable std::once_flag profiles_once;
  mutable std::unique_ptr<events::ProfileIndex> profiles;
  const events::ProfileIndex& Profiles() const {
    std::call_once(profiles_once, [&] { profiles = std::make_unique<events::ProfileIndex>(data); });
    return *profiles;
  }
  // The sections the same in every organization's profile (exercises,
  // operations, documents, latest events: events::SharedSections), each as
  // /api/v1/profile writes it, with its evidence: made at the first profile
  // request (at 30,000 stories 6,700 lines, each with a story's text read).
  mutable std::mutex shared_profile_mu;
  mutable std::optional<std::vector<std::string>> shared_profile;
  // The texts of the stories that pages showed (ServeOptions::text_cache_bytes):
  // dropped with the snapshot, so a text changed since is read again.
  std::unique_ptr<TextCache> texts;
  // FilterEvents' answers by query: a calendar pages through one filter, and
  // sorting the events again for each page cost 120 ms at 9,400 events.
  mutable std::mutex events_mu;
  mutable std::map<std::string, std::shared_ptr<const std::vector<Event>>> events_by_query;

  // Search's ranked matches by (query, since, until), for this state of the
  // archive: paging and narrowing by facets ask the same query again.
  mutable std::mutex ranked_mu;
  mutable std::map<std::string, std::shared_ptr<const RankedSet>> ranked_by_query;
  // One ranking of a query at a time: requests for a query being ranked wait
  // for that ranking instead of each doing it again (16 clients asking a
  // broad query at once on 2 cores each took 16 times as long).
  mutable std::map<std::string, std::shared_ptr<std::mutex>> ranking;

  std::shared_ptr<const RankedSet> CachedRanked(const std::string& key) const {
    std::lock_guard<std::mutex> lock(ranked_mu);
    auto it = ranked_by_query.find(key);
    return it == ranked_by_query.end() ? nullptr : it->second;
  }
  mutable std::map<std::string, std::shared_ptr<const Narrowed>> narrowed_by_query;
  // The narrowing kept for `key`, if it was made from `set`.
  std::shared_ptr<const Narrowed> CachedNarrowed(
      const std::string& key, const std::shared_ptr<const RankedSet>& set) const {
    std::lock_guard<std::mutex> lock(ranked_mu);
    auto it = narrowed_by_query.find(key);
    return it == narrowed_by_query.end() || it->second->set != set ? nullptr : it->second;
  }
  void KeepNarrowed(const std::string& key, std::shared_ptr<const Narrowed> n) const {
    std::lock_guard<std::mutex> lock(ranked_mu);
    if (narrowed_by_query.size() >= 256) narrowed_by_query.clear();  // a bound, not an LRU
    narrowed_by_query[key] = std::move(n);
  }
  std::shared_ptr<std::mutex> RankingLock(const std::string& key) const {
    std::lock_guard<std::mutex> lock(ranked_mu);
    std::shared_ptr<std::mutex>& m = ranking[key];
    if (!m) m = std::make_shared<std::mutex>();
    return m;
  }
  // Keeps the matches `hits` (ranked, rowid and score only) of the stories
  // in this snapshot dated within [since, until] ("": open), as Stories and
  // SearchRanked select them: with a bound, undated stories are left out.
  // A match committed after the snapshot was read is left out too: the
  // next request reads the archive again and finds it.
  // Only the first `top` of `hits` are in order when `top` is above 0 and
  // below their count (Archive::RankMatches).
  void KeepRanked(const std::string& key, const std::vector<RankedRow>& hits,
                  const std::string& since, const std::string& until, size_t top) const {
    auto set = std::make_shared<RankedSet>();
    set->rowid.reserve(hits.size());
    set->score.reserve(hits.size());
    set->story.reserve(hits.size());
    const bool all_sorted = top == 0 || top >= hits.size();
    for (size_t i = 0; i < hits.size(); ++i) {
      const RankedRow& h = hits[i];
      if (i == top && !all_sorted) set->sorted = set->rowid.size();
      const uint32_t si = StoryOfRow(h.rowid);
      if (si == kNoStory) continue;
      if (!since.empty() || !until.empty()) {
        const std::string& date = data.stories[si].date;
        if (date.empty() || (!since.empty() && date < since) || (!until.empty() && date > until)) {
          continue;
        }
      }
      set->rowid.push_back(h.rowid);
      set->score.push_back(h.score);
      set->story.push_back(si);
    }
    if (all_sorted) set->sorted = set->rowid.size();
    std::lock_guard<std::mutex> lock(ranked_mu);
    if (ranked_by_query.size() >= 256) {  // a bound, not an LRU
      ranked_by_query.clear();
      ranking.clear();
    }
    ranked_by_query.emplace(key, std::move(set));
  }
  // `set` with all its matches in order, kept for `key` in its place (the
  // caller holds the key's ranking lock).
  std::shared_ptr<const RankedSet> SortedAll(const std::string& key,
                                             const std::shared_ptr<const RankedSet>& set) const {
    const size_t n = set->rowid.size();
    if (set->sorted == n) return set;
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin() + static_cast<std::ptrdiff_t>(set->sorted), order.end(),
              [&](uint32_t a, uint32_t b) {
                return set->score[a] != set->score[b] ? set->score[a] < set->score[b]
                                                      : set->rowid[a] < set->rowid[b];
              });
    auto all = std::make_shared<RankedSet>();
    all->rowid.reserve(n);
    all->score.reserve(n);
    all->story.reserve(n);
    for (uint32_t i : order) {
      all->rowid.push_back(set->rowid[i]);
      all->score.push_back(set->score[i]);
      all->story.push_back(set->story[i]);
    }
    all->sorted = n;
    {
      std::lock_guard<std::mutex> lock(set->snippets_mu);
      all->snippets = set->snippets;
    }
    std::lock_guard<std::mutex> lock(ranked_mu);
    ranked_by_query[key] = all;
    return all;
  }

  // PostHolders' rows by (organization, post): a listing pages through one
  // query, and each page grouped the 770,000 facts of posts held again (at
  // 100,000 stories).
  mutable std::mutex holders_mu;
  mutable std::map<std::string, std::shared_ptr<const std::vector<query::PostHolder>>>
      holders_by_query;
  mutable size_t holders_kept = 0;  // rows in holders_by_query
  Result<std::shared_ptr<const std::vector<query::PostHolder>>> Holders(
      const std::string& organization, const std::string& post) const {
    const std::string key = organization + '\x1f' + post;
    {
      std::lock_guard<std::mutex> lock(holders_mu);
      auto it = holders_by_query.find(key);
      if (it != holders_by_query.end()) return it->second;
    }
    auto rows = query::PostHolders(data, organization, post, &index);
    if (!rows) return tl::unexpected(rows.error());
    auto shared = std::make_shared<const std::vector<query::PostHolder>>(std::move(*rows));
    std::lock_guard<std::mutex> lock(holders_mu);
    // A bound, not an LRU: 64 queries, 200,000 rows (about 60 MB; the whole
    // listing at 100,000 stories is 66,000 rows).
    if (holders_by_query.size() >= 64 || holders_kept + shared->size() > 200000) {
      holders_by_query.clear();
      holders_kept = 0;
    }
    if (holders_by_query.emplace(key, shared).second) holders_kept += shared->size();
    return shared;
  }

  Result<std::shared_ptr<const std::vector<Event>>> Events(const events::TimelineQuery& q) const {
    const std::string key =
        q.entity + '\x1f' + q.type + '\x1f' + q.place + '\x1f' + q.since + '\x1f' + q.until;
    {
      std::lock_guard<std::mutex> lock(events_mu);
      auto it = events_by_query.find(key);
      if (it != events_by_query.end()) return it->second;
    }
    auto list = events::FilterEvents(data, q);
    if (!list) return tl::unexpected(list.error());
    auto shared = std::make_shared<const std::vector<Event>>(std::move(*list));
    std::lock_guard<std::mutex> lock(events_mu);
    if (events_by_query.size() >= 64) events_by_query.clear();  // a bound, not an LRU
    events_by_query.emplace(key, shared);
    return shared;
  }
};

std::shared_ptr<const Snapshot> Index(ArchiveData data, bool stale,
                                      const std::vector<std::pair<int64_t, std::string>>& rows,
                                      size_t text_cache_bytes) {
  auto s = std::make_shared<Snapshot>();
  s->texts = std::make_unique<TextCache>(text_cache_bytes);
  s->data = std::move(data);
  s->stale = stale;
  // The stories in the order of Archive::Stories, which /stories pages
  // through by slices and keys (Export reads them so; made sure of here).
  auto by_key = [](const Story& a, const Story& b) {
    return StoryKey(a).bytes < StoryKey(b).bytes;
  };
  if (!std::is_sorted(s->data.stories.begin(), s->data.stories.end(), by_key)) {
    std::sort(s->data.stories.begin(), s->data.stories.end(), by_key);
  }
  const ArchiveData& d = s->data;
  for (uint32_t i = 0; i < d.stories.size(); ++i) s->story_at.emplace(d.stories[i].id, i);
  s->story_by_id = query::StoriesById(d.stories);
  // Rowids count up from 1 as stories are added: a vector indexed by them
  // (rowids far above the count, which SQLite gives only past 2^63 - 1 or
  // when told to, in a map beside it).
  const int64_t most = 2 * static_cast<int64_t>(rows.size()) + 1024;
  int64_t top = 0;
  for (const auto& [rowid, id] : rows) {
    if (rowid <= most) top = std::max(top, rowid);
  }
  s->story_of_row.assign(static_cast<size_t>(top) + 1, kNoStory);
  for (const auto& [rowid, id] : rows) {
    auto it = s->story_at.find(id);
    if (it == s->story_at.end()) continue;
    if (rowid >= 0 && rowid <= top) {
      s->story_of_row[static_cast<size_t>(rowid)] = it->second;
    } else {
      s->story_of_far_row.emplace(rowid, it->second);
    }
  }
  for (uint32_t i = 0; i < d.entities.size(); ++i) s->entity_at.emplace(d.entities[i].id, i);
  s->story_mentions.resize(d.stories.size());
  std::vector<std::vector<uint32_t>> story_entities(d.stories.size());
  s->story_facts.resize(d.stories.size());
  s->story_events.resize(d.stories.size());
  for (uint32_t i = 0; i < d.mentions.size(); ++i) {
    auto st = s->story_at.find(d.mentions[i].story_id);
    auto en = s->entity_at.find(d.mentions[i].entity_id);
    if (st == s->story_at.end()) continue;
    s->story_mentions[st->second].push_back(i);
    if (en != s->entity_at.end()) story_entities[st->second].push_back(en->second);
  }
  s->entities_from.push_back(0);
  for (auto& v : story_entities) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    s->story_entities.insert(s->story_entities.end(), v.begin(), v.end());
    s->entities_from.push_back(static_cast<uint32_t>(s->story_entities.size()));
    std::vector<uint32_t>().swap(v);
  }
  for (uint32_t i = 0; i < d.facts.size(); ++i) {
    auto st = s->story_at.find(d.facts[i].story_id);
    if (st != s->story_at.end()) s->story_facts[st->second].push_back(i);
  }
  s->index = query::IndexKnowledge(d);
  s->story_year.assign(d.stories.size(), 0);
  s->story_event_types.assign(d.stories.size(), 0);
  for (uint32_t i = 0; i < d.stories.size(); ++i) {
    const std::string& date = d.stories[i].date;
    int y = 0;
    if (date.size() >= 4) std::from_chars(date.data(), date.data() + 4, y);
    s->story_year[i] = static_cast<uint16_t>(std::clamp(y, 0, 9999));
  }
  for (uint32_t i = 0; i < d.events.size(); ++i) {
    for (const std::string& id : d.events[i].stories) {
      auto st = s->story_at.find(id);
      if (st == s->story_at.end()) continue;
      s->story_events[st->second].push_back(i);
      const auto bit = static_cast<uint16_t>(1u << static_cast<int>(d.events[i].type));
      s->story_event_types[st->second] |= bit;
    }
  }
  s->all_year_count.assign(10000, 0);
  s->all_entity_count.assign(d.entities.size(), 0);
  for (uint32_t i = 0; i < d.stories.size(); ++i) {
    ++s->all_year_count[s->story_year[i]];
    for (uint32_t x = s->entities_from[i]; x < s->entities_from[i + 1]; ++x) {
      ++s->all_entity_count[s->story_entities[x]];
    }
    for (uint16_t m = s->story_event_types[i], t = 0; m != 0; m >>= 1, ++t) {
      if (m & 1) ++s->all_type_count[t];
    }
  }
  const size_t n_entities = d.entities.size();
  s->entity_by_total.resize(n_entities);
  for (uint32_t e = 0; e < n_entities; ++e) s->entity_by_total[e] = e;
  std::stable_sort(
      s->entity_by_total.begin(), s->entity_by_total.end(),
      [&](uint32_t a, uint32_t b) { return s->all_entity_count[a] > s->all_entity_count[b]; });
  s->stories_from.assign(n_entities + 1, 0);
  for (uint32_t e = 0; e < n_entities; ++e) {
    s->stories_from[e + 1] = s->stories_from[e] + s->all_entity_count[e];
  }
  s->entity_stories.resize(s->story_entities.size());
  {
    std::vector<uint32_t> at(s->stories_from.begin(), s->stories_from.end() - 1);
    for (uint32_t i = 0; i < d.stories.size(); ++i) {
      for (uint32_t x = s->entities_from[i]; x < s->entities_from[i + 1]; ++x) {
        s->entity_stories[at[s->story_entities[x]]++] = i;
      }
    }
  }
  // A bitmap is cheaper to count than the list when the entity is named in
  // more stories than the bitmap has words.
  s->words = (d.stories.size() + 63) / 64;
  while (s->bitmapped < std::min<size_t>(n_entities, kBitmapped) &&
         s->all_entity_count[s->entity_by_total[s->bitmapped]] > s->words) {
    ++s->bitmapped;
  }
  s->entity_bits.assign(s->bitmapped * s->words, 0);
  for (size_t j = 0; j < s->bitmapped; ++j) {
    const uint32_t e = s->entity_by_total[j];
    uint64_t* bits = s->entity_bits.data() + j * s->words;
    for (uint32_t x = s->stories_from[e]; x < s->stories_from[e + 1]; ++x) {
      bits[s->entity_stories[x] >> 6] |= uint64_t{1} << (s->entity_stories[x] & 63);
    }
  }
  return s;
}

// The entity facet: the (at most) 15 entities named in the most of the
// stories whose bits are set in `matched` (`n_matched` of them), by count,
// then name, then index, with their counts.
std::vector<std::pair<uint32_t, uint32_t>> TopEntities(const Snapshot& k,
                                                       const std::vector<uint64_t>& matched,
                                                       size_t n_matched) {
  const std::vector<Entity>& entities = k.data.entities;
  auto ahead = [&](const std::pair<uint32_t, uint32_t>& a, const std::pair<uint32_t, uint32_t>& c) {
    if (a.second != c.second) return a.second > c.second;
    if (entities[a.first].name != entities[c.first].name) {
      return entities[a.first].name < entities[c.first].name;
    }
    return a.first < c.first;  // one order for two entities of one name
  };
  const size_t n_stories = k.data.stories.size();
  const uint64_t* const bits = matched.data();
  // What counting every match's entities costs (or, when most stories
  // match, every other story's): the budget of the way below.
  size_t lists = 0;
  for (size_t w = 0; w < k.words; ++w) {
    for (uint64_t m = bits[w]; m != 0; m &= m - 1) {
      const size_t si = w * 64 + static_cast<size_t>(std::countr_zero(m));
      lists += k.entities_from[si + 1] - k.entities_from[si];
    }
  }
  const bool most = 2 * n_matched > n_stories;
  const size_t budget = most ? k.story_entities.size() - lists : lists;
  // The entities from the most named down, each counted through its bitmap
  // or its stories, until the next could not reach the 15th count (it is
  // named in fewer stories in all): the same 15, most often a few dozen
  // entities read instead of every match's list.
  std::vector<std::pair<uint32_t, uint32_t>> best;
  size_t spent = 0;
  bool done = true;
  for (size_t j = 0; j < k.entity_by_total.size(); ++j) {
    const uint32_t e = k.entity_by_total[j];
    const uint32_t total = k.all_entity_count[e];
    if (best.size() == 15 && total < best.back().second) break;
    if (total == 0) break;
    const size_t cost = j < k.bitmapped ? k.words : total;
    if (spent + cost > budget) {
      done = false;
      break;
    }
    spent += cost;
    uint32_t c = 0;
    if (j < k.bitmapped) {
      const uint64_t* eb = k.entity_bits.data() + j * k.words;
      for (size_t w = 0; w < k.words; ++w)
        c += static_cast<uint32_t>(std::popcount(eb[w] & bits[w]));
    } else {
      for (uint32_t x = k.stories_from[e]; x < k.stories_from[e + 1]; ++x) {
        const uint32_t si = k.entity_stories[x];
        c += static_cast<uint32_t>((bits[si >> 6] >> (si & 63)) & 1);
      }
    }
    if (c == 0) continue;
    const std::pair<uint32_t, uint32_t> it{e, c};
    if (best.size() == 15 && !ahead(it, best.back())) continue;
    best.insert(std::upper_bound(best.begin(), best.end(), it, ahead), it);
    if (best.size() > 15) best.pop_back();
  }
  if (done) return best;
  // Every match's entities counted (or every other story's, from the
  // archive's counts), in the snapshot's order: read forward through one
  // array.
  std::vector<uint32_t> count;
  if (most) {
    count = k.all_entity_count;
    for (size_t w = 0; w < k.words; ++w) {
      uint64_t m = ~bits[w];
      if (w + 1 == k.words && n_stories % 64 != 0) m &= (uint64_t{1} << (n_stories % 64)) - 1;
      for (; m != 0; m &= m - 1) {
        const size_t si = w * 64 + static_cast<size_t>(std::countr_zero(m));
        for (uint32_t x = k.entities_from[si]; x < k.entities_from[si + 1]; ++x) {
          --count[k.story_entities[x]];
        }
      }
    }
  } else {
    count.assign(entities.size(), 0);
    for (size_t w = 0; w < k.words; ++w) {
      for (uint64_t m = bits[w]; m != 0; m &= m - 1) {
        const size_t si = w * 64 + static_cast<size_t>(std::countr_zero(m));
        for (uint32_t x = k.entities_from[si]; x < k.entities_from[si + 1]; ++x) {
          ++count[k.story_entities[x]];
        }
      }
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> touched;
  for (uint32_t e = 0; e < count.size(); ++e) {
    if (count[e] != 0) touched.emplace_back(e, count[e]);
  }
  const size_t shown = std::min<size_t>(touched.size(), 15);
  std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(shown),
                    touched.end(), ahead);
  touched.resize(shown);
  return touched;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, kReplace); }

Answer Json(const json& j, int status = 200) { return Answer{.status = status, .body = Dump(j)}; }

// Why an archive call failed, as an answer: a request past its time is
// 503, a missing thing 404, a bad query 400, anything else 500.
Answer Failure(const Error& e, Clock::time_point deadline, int seconds) {
  if (Clock::now() > deadline) {
    return Routes::Error(
        503, "the request took longer than " + std::to_string(seconds) + " s and was stopped");
  }
  switch (e.code) {
    case ErrorCode::kNotFound:
      return Routes::Error(404, e.message);
    case ErrorCode::kInvalidInput:
      return Routes::Error(400, e.message);
    default:
      std::fprintf(stderr, "annals serve: %s\n", e.message.c_str());
      return Routes::Error(500, "the archive could not be read: " + e.message);
  }
}

std::string Param(const Params& p, const std::string& key) {
  auto it = p.find(key);
  return it == p.end() ? std::string() : it->second;
}

// A non-negative integer parameter, `fallback` when absent; false when malformed.
bool IntParam(const Params& p, const std::string& key, int fallback, int* out) {
  const std::string v = Param(p, key);
  if (v.empty()) {
    *out = fallback;
    return true;
  }
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && end == v.data() + v.size() && *out >= 0;
}

// One CSV field of a JSON value: strings as they are, null as empty,
// arrays joined with "; ", RFC 4180 quoting.
std::string CsvField(const json& v) {
  std::string s;
  if (v.is_null()) {
    s = "";
  } else if (v.is_string()) {
    s = v.get<std::string>();
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      s += (i ? "; " : "") + (v[i].is_string() ? v[i].get<std::string>() : Dump(v[i]));
    }
  } else {
    s = Dump(v);
  }
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string Csv(const json& items, const std::vector<std::string>& columns) {
  std::string out;
  for (size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + columns[c];
  out += "\r\n";
  for (const json& item : items) {
    for (size_t c = 0; c < columns.size(); ++c) {
      auto it = item.find(columns[c]);
      out += (c ? "," : "") + (it == item.end() ? std::string() : CsvField(*it));
    }
    out += "\r\n";
  }
  return out;
}

enum class Format { kJson, kJsonl, kCsv, kIcs };

bool ParseFormat(const std::string& s, bool ics_ok, Format* out) {
  if (s.empty() || s == "json") {
    *out = Format::kJson;
  } else if (s == "jsonl") {
    *out = Format::kJsonl;
  } else if (s == "csv") {
    *out = Format::kCsv;
  } else if (s == "ics" && ics_ok) {
    *out = Format::kIcs;
  } else {
    return false;
  }
  return true;
}

// A listing: one page of `items` with the total (format=json), or every
// match as a download (jsonl, csv).
struct Listing {
  const char* what;                  // "stories": the download's name
  std::vector<std::string> columns;  // of the CSV
};

Answer Download(const Listing& l, const json& items, Format format) {
  Answer a;
  if (format == Format::kCsv) {
    a.content_type = "text/csv; charset=utf-8";
    a.body = Csv(items, l.columns);
    a.filename = std::string("annals-") + l.what + ".csv";
  } else {
    a.content_type = "application/x-ndjson; charset=utf-8";
    for (const json& item : items) a.body += Dump(item) + "\n";
    a.filename = std::string("annals-") + l.what + ".jsonl";
  }
  return a;
}

json SnippetParts(const std::string& snippet) {
  // The store marks matched terms with [ and ] (SQLite's snippet()).
  json parts = json::array();
  std::string cur;
  bool in = false;
  auto flush = [&] {
    if (!cur.empty()) parts.push_back({{"text", cur}, {"match", in}});
    cur.clear();
  };
  for (char c : snippet) {
    if (c == '[' && !in) {
      flush();
      in = true;
    } else if (c == ']' && in) {
      flush();
      in = false;
    } else {
      cur += c;
    }
  }
  flush();
  return parts;
}

bool ValidDay(const std::string& s) {
  if (s.empty()) return true;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::vector<uint32_t> Utf16Offsets(const std::string& text) {
  std::vector<uint32_t> out(text.size() + 1, 0);
  uint32_t u16 = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t k = 0; k < len && i + k < text.size(); ++k) out[i + k] = u16;
    u16 += len == 4 ? 2 : 1;
    i += len;
  }
  out[text.size()] = u16;
  return out;
}

namespace {

// Copies of some of the snapshot's stories, which hold no texts, with
// their texts read from the archive: what a page's evidence and stories
// are made from.
struct StoryCopies {
  std::vector<Story> stories;
  std::unordered_map<std::string, const Story*> by_id;
};

}  // namespace

struct Routes::State {
  ServeOptions options;
  // Idle connections; a request takes one (or opens one) and gives it back.
  std::mutex pool_mu;
  std::vector<std::unique_ptr<Archive>> pool;
  // The snapshot and the connection that watches for changes.
  std::mutex snap_mu;
  std::unique_ptr<Archive> watcher;
  int64_t version = -1;
  std::shared_ptr<const Snapshot> snapshot;
  // The one writing connection (allow_edits only); edits one at a time.
  std::mutex edit_mu;
  std::unique_ptr<Archive> editor;
  // Set once the first snapshot is built (Knowledge); until then the calls
  // that SQL answers as fast are answered so (Api, before Knowledge).
  std::atomic<bool> has_snapshot{false};
  std::thread warmer;  // Routes::Warm

  ~State() {
    if (warmer.joinable()) warmer.join();
  }

  Result<std::unique_ptr<Archive>> Take() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!pool.empty()) {
        auto a = std::move(pool.back());
        pool.pop_back();
        return a;
      }
    }
    return Archive::OpenReadOnly(options.db);
  }
  void Give(std::unique_ptr<Archive> a) {
    a->SetDeadline({});
    std::lock_guard<std::mutex> lock(pool_mu);
    pool.push_back(std::move(a));
  }

  // The knowledge as of now: read again when another process committed.
  Result<std::shared_ptr<const Snapshot>> Knowledge() {
    std::lock_guard<std::mutex> lock(snap_mu);
    auto v = watcher->DataVersion();
    if (!v) return tl::unexpected(v.error());
    if (snapshot && *v == version) return snapshot;
    // ANNALS_SERVE_TIMING set: how long the read and the indexing took, on
    // stderr (bench/README.md, "Search at 100,000 stories").
    static const bool timing = std::getenv("ANNALS_SERVE_TIMING") != nullptr;
    LapTimer times("annals serve: snapshot:", timing);
    std::vector<std::pair<int64_t, std::string>> rows;
    auto data = watcher->ExportHeads(&rows);
    if (!data) return tl::unexpected(data.error());
    times.Lap("read (ExportHeads)");
    auto stale = watcher->KnowledgeStale();
    snapshot = Index(std::move(*data), stale && *stale, rows, options.text_cache_bytes);
    times.Lap("index");
    version = *v;
    has_snapshot = true;
    return snapshot;
  }
};

Routes::Routes(const ServeOptions& options) : state_(std::make_unique<State>()) {
  state_->options = options;
}
Routes::~Routes() = default;

Status Routes::Open() {
  auto a = Archive::OpenReadOnly(state_->options.db);
  if (!a) return tl::unexpected(a.error());
  state_->watcher = std::move(*a);
  if (state_->options.allow_edits) {
    if (state_->options.token.size() < 16) {
      return Fail(ErrorCode::kInvalidInput, "edits need a token of at least 16 characters");
    }
    auto w = Archive::Open(state_->options.db);
    if (!w) return tl::unexpected(w.error());
    state_->editor = std::move(*w);
  }
  return Ok();
}

// The connections Warm opens: as many as the clients that come at once
// (serve_bench: 16), whose first requests would each open one (2 ms).
constexpr size_t kWarmConnections = 16;

void Routes::Warm() {
  State* st = state_.get();
  st->warmer = std::thread([st] {
    try {
      std::vector<std::unique_ptr<Archive>> opened;
      for (size_t i = 0; i < kWarmConnections; ++i) {
        auto a = Archive::OpenReadOnly(st->options.db);
        if (!a) break;
        opened.push_back(std::move(*a));
      }
      // A ranking reads the search index's row lengths (4 ms at 20,000
      // stories); the other connections take the same copy (FtsRank). A
      // word no story holds ranks nothing else.
      if (!opened.empty()) (void)opened.front()->RankMatches("annalswarmup");
      for (auto& a : opened) st->Give(std::move(a));
      (void)st->Knowledge();  // a failure is answered by the first request
    } catch (const std::exception& e) {
      std::fprintf(stderr, "annals serve: getting ready: %s\n", e.what());
    }
  });
}

bool Routes::Ready() const { return state_->has_snapshot; }

namespace {

// Compares in time independent of where the strings differ.
bool SameToken(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (a[i] ^ (i < b.size() ? b[i] : 0)));
  }
  return diff == 0;
}

}  // namespace

Answer Routes::Correct(const std::string& body, const std::string& token) {
  State& st = *state_;
  if (!st.options.allow_edits) {
    return Error(403, "this server was started without --allow-edits: it changes nothing");
  }
  if (token.empty() || !SameToken(token, st.options.token)) {
    return Error(403, "an edit needs the token the server printed (header X-Annals-Token)");
  }
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error(400, "the body is not a JSON object");
  auto str = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string kind = str("kind"), a = str("a"), b = str("b");
  const auto force_it = j.find("force");
  const bool force = force_it != j.end() && force_it->is_boolean() && force_it->get<bool>();
  int64_t number = 0;
  if (kind == "undo") {
    const auto n = j.find("number");
    if (n == j.end() || !n->is_number_integer() || n->get<int64_t>() < 1) {
      return Error(400, "undo takes \"number\", the correction's number (from GET corrections)");
    }
    number = n->get<int64_t>();
  } else if (a.empty() || b.empty()) {
    return Error(400, "give \"a\" and \"b\"");
  }
  if (a.size() > st.options.max_query_bytes || b.size() > st.options.max_query_bytes) {
    return Error(400,
                 "a name is longer than " + std::to_string(st.options.max_query_bytes) + " bytes");
  }
  std::lock_guard<std::mutex> lock(st.edit_mu);
  Status done = Fail(ErrorCode::kInvalidInput, "kind is merge, split, rename, retype or undo");
  if (kind == "merge") {
    done = st.editor->MergeEntities(a, b, force);
  } else if (kind == "split") {
    done = st.editor->SplitEntity(a, b);
  } else if (kind == "rename") {
    done = st.editor->RenameEntity(a, b);
  } else if (kind == "retype") {
    done = st.editor->RetypeEntity(a, b);
  } else if (kind == "undo") {
    done = st.editor->UndoCorrection(number);
  }
  if (!done) {
    const ErrorCode code = done.error().code;
    const int status = code == ErrorCode::kNotFound             ? 404
                       : code == ErrorCode::kInvalidInput       ? 400
                       : code == ErrorCode::kFailedPrecondition ? 409
                                                                : 500;
    if (status == 500)
      std::fprintf(stderr, "annals serve: edit: %s\n", done.error().message.c_str());
    json err = {{"error", done.error().message}};
    // A refusal that "force": true overrides (a merge of two that look distinct).
    if (status == 409) err["needs_force"] = true;
    return Json(err, status);
  }
  if (kind == "undo") {
    std::fprintf(stderr, "annals serve: edit: undo %lld\n", static_cast<long long>(number));
    return Json({{"done", true}, {"kind", kind}, {"number", number}});
  }
  std::fprintf(stderr, "annals serve: edit: %s \"%s\" \"%s\"%s\n", kind.c_str(), a.c_str(),
               b.c_str(), force ? " (forced)" : "");
  return Json({{"done", true}, {"kind", kind}, {"a", a}, {"b", b}});
}

Answer Routes::Error(int status, const std::string& message) {
  return Json({{"error", message}}, status);
}

Answer Routes::Static(const std::string& name) {
  const Asset* a = FindAsset(name);
  if (a == nullptr) return Error(404, "not found");
  return Answer{
      .status = 200, .content_type = std::string(a->content_type), .body = std::string(a->bytes)};
}

Answer Routes::Api(const std::string& name, const std::string& rest, const Params& params) {
  State& st = *state_;
  const ServeOptions& o = st.options;
  for (const auto& [k, v] : params) {
    if (v.size() > o.max_query_bytes || k.size() > 64) {
      return Error(400, "parameter " + k.substr(0, 64) + " is longer than " +
                            std::to_string(o.max_query_bytes) + " bytes");
    }
  }
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(o.request_seconds);
  int offset = 0, limit = 0;
  if (!IntParam(params, "offset", 0, &offset) || !IntParam(params, "limit", 20, &limit) ||
      limit == 0) {
    return Error(400, "offset is a number from 0, limit a number from 1");
  }
  if (limit > o.max_page_size) {
    return Error(400, "limit is at most " + std::to_string(o.max_page_size));
  }
  Format format;
  if (!ParseFormat(Param(params, "format"), name == "events", &format)) {
    return Error(400,
                 "format is json, jsonl or csv" + std::string(name == "events" ? " or ics" : ""));
  }
  const auto off = static_cast<size_t>(offset);
  const auto lim = static_cast<size_t>(limit);
  // cursor=: the page after the item whose key it is (next_cursor of the
  // page before); before=: the page that ends just before it (prev_cursor
  // of the page after); offset= counts from the start instead.
  std::string after, before_key;
  const std::string cursor = Param(params, "cursor"), before = Param(params, "before");
  const bool by_cursor = !cursor.empty(), by_before = !before.empty();
  if (by_cursor || by_before) {
    if ((by_cursor && !FromCursor(cursor, &after)) ||
        (by_before && !FromCursor(before, &before_key))) {
      return Error(400,
                   "cursor is the next_cursor, before the prev_cursor, of an earlier page, as it "
                   "was given");
    }
    if (offset != 0 || (by_cursor && by_before)) {
      return Error(400, "give one of offset, cursor and before");
    }
  }
  size_t first_shown = off;
  std::string next_cursor, prev_cursor;  // "": the last page, the first page
  // One page of a listing of n items whose order `key` writes, or all of it
  // (up to the download bound) for a download. Both ways of paging by key
  // are a binary search: a deep page costs what the first does.
  auto page = [&](size_t n, const KeyOf& key) -> std::pair<size_t, size_t> {
    if (format != Format::kJson) return {0, std::min(n, static_cast<size_t>(o.max_download_items))};
    size_t b = 0, e = 0;
    if (by_before) {
      e = FirstAfter(n, before_key, key, /*or_equal=*/true);
      b = e > lim ? e - lim : 0;
      if (b == 0) e = std::min(n, lim);  // the first page, whole
    } else {
      b = by_cursor ? FirstAfter(n, after, key) : std::min(off, n);
      e = std::min(n, b + lim);
    }
    first_shown = b;
    if (e < n && e > b) next_cursor = ToCursor(key(e - 1));
    if (b > 0 && b < n) prev_cursor = ToCursor(key(b));
    return {b, e};
  };
  auto envelope = [&](size_t total, json items) {
    return json{{"total", total},
                {"offset", first_shown},
                {"limit", limit},
                {"next_cursor", next_cursor.empty() ? json() : json(next_cursor)},
                {"prev_cursor", prev_cursor.empty() ? json() : json(prev_cursor)},
                {"items", std::move(items)}};
  };

  // Before the first snapshot is built (10 s at 20,000 stories), the
  // calls the page makes first are answered from SQL, as the snapshot would
  // answer them: the archive's counts, and the first pages of the stories
  // by offset (the order of Archive::Stories is the snapshot's).
  if (!st.has_snapshot) {
    if (name == "status") {
      auto lease = st.Take();
      if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
      (*lease)->SetDeadline(deadline);
      auto n = (*lease)->Stats();
      auto stale = n ? (*lease)->KnowledgeStale() : Result<bool>(false);
      st.Give(std::move(*lease));
      if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
      if (!n) return Failure(n.error(), deadline, o.request_seconds);
      if (!stale) return Failure(stale.error(), deadline, o.request_seconds);
      return Json({{"stories", n->stories},
                   {"entities", n->entities},
                   {"mentions", n->mentions},
                   {"facts", n->facts},
                   {"events", n->events},
                   {"knowledge_stale", *stale},
                   {"read_only", !o.allow_edits},
                   {"edits_allowed", o.allow_edits},
                   {"version", "annals 0.1"}});
    }
    constexpr size_t kSqlPages = 1000;  // past it, SQL reads every story before the page
    if (name == "stories" && format == Format::kJson && !by_cursor && !by_before &&
        off + lim <= kSqlPages) {
      const std::string since = Param(params, "since"), until = Param(params, "until");
      if (!ValidDay(since) || !ValidDay(until)) return Error(400, "dates are written YYYY-MM-DD");
      auto lease = st.Take();
      if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
      (*lease)->SetDeadline(deadline);
      auto read = (*lease)->Stories(StoryQuery{since, until, static_cast<int>(off + lim)});
      auto totals = read ? (*lease)->CountStories(StoryQuery{since, until, 0})
                         : Result<Archive::StoryTotals>(Archive::StoryTotals{});
      st.Give(std::move(*lease));
      if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
      if (!read) return Failure(read.error(), deadline, o.request_seconds);
      if (!totals) return Failure(totals.error(), deadline, o.request_seconds);
      const std::vector<Story>& got = *read;
      const auto total = static_cast<size_t>(totals->matching);
      // Fewer or more than asked: the archive changed between the two
      // reads; the snapshot answers.
      if (got.size() == std::min(total, off + lim)) {
        auto [b, e] = page(total, [&](size_t i) { return StoryKey(got[i]); });
        json items = json::array();
        for (size_t i = b; i < e; ++i) items.push_back(query::StoryJson(got[i]));
        json j = envelope(total, std::move(items));
        const bool dated = !since.empty() || !until.empty();
        j["undated_left_out"] = dated ? static_cast<size_t>(totals->undated) : 0;
        return Json(j);
      }
    }
  }

  auto snap = st.Knowledge();
  if (!snap) return Failure(snap.error(), deadline, o.request_seconds);
  const Snapshot& k = **snap;
  const ArchiveData& d = k.data;
  // The snapshot's stories `with_text` (those of them it holds), their texts
  // read from the archive, and `heads` without them (each story once).
  auto copies = [&](const std::vector<std::string>& with_text,
                    const std::vector<std::string>& heads = {}) -> Result<StoryCopies> {
    StoryCopies c;
    std::vector<std::string> ids;
    std::vector<const Story*> of;
    for (const std::string& id : with_text) {
      auto it = k.story_by_id.find(id);
      if (it == k.story_by_id.end() || !c.by_id.emplace(id, nullptr).second) continue;
      ids.push_back(id);
      of.push_back(it->second);
    }
    const size_t n_text = ids.size();
    for (const std::string& id : heads) {
      auto it = k.story_by_id.find(id);
      if (it == k.story_by_id.end() || !c.by_id.emplace(id, nullptr).second) continue;
      of.push_back(it->second);
    }
    // The texts kept with the snapshot, and the others read from the
    // archive (and kept).
    std::vector<std::string> texts(n_text);
    std::vector<std::string> missing;
    std::vector<size_t> missing_at;
    for (size_t i = 0; i < n_text; ++i) {
      if (auto kept = k.texts->Find(ids[i])) {
        texts[i] = *kept;
      } else {
        missing.push_back(ids[i]);
        missing_at.push_back(i);
      }
    }
    if (!missing.empty()) {
      // Without the request's deadline: what the snapshot answered from
      // memory, whatever the time it took (posts and profiles over the
      // whole archive), is answered so still.
      auto lease = st.Take();
      if (!lease) return tl::unexpected(lease.error());
      auto read = (*lease)->StoryTexts(missing);
      st.Give(std::move(*lease));
      if (!read) return tl::unexpected(read.error());
      for (size_t j = 0; j < missing.size(); ++j) {
        std::string& text = texts[missing_at[j]];
        text = std::move((*read)[j]);
        if (!text.empty()) k.texts->Put(missing[j], text);
      }
    }
    c.stories.reserve(of.size());  // the map points into it
    for (size_t i = 0; i < of.size(); ++i) {
      c.stories.push_back(*of[i]);
      if (i < n_text) c.stories.back().text = std::move(texts[i]);
      c.by_id[c.stories.back().id] = &c.stories.back();
    }
    return c;
  };
  // The evidence of a fact or event (as the export and the CLI's --evidence
  // give it): its story, that story's page and the sentence, from `c`,
  // which holds its story (copies).
  auto evidence = [&](const StoryCopies& c, const std::string& story_id, uint32_t begin,
                      uint32_t end) {
    auto it = c.by_id.find(story_id);
    return query::EvidenceJson(
        query::EvidenceOf(it == c.by_id.end() ? nullptr : it->second, begin, end));
  };

  if (name == "status") {
    return Json({{"stories", d.stories.size()},
                 {"entities", d.entities.size()},
                 {"mentions", d.mentions.size()},
                 {"facts", d.facts.size()},
                 {"events", d.events.size()},
                 {"knowledge_stale", k.stale},
                 {"read_only", !o.allow_edits},
                 {"edits_allowed", o.allow_edits},
                 {"version", "annals 0.1"}});
  }

  if (name == "corrections") {
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    auto rows = (*lease)->Corrections();
    st.Give(std::move(*lease));
    if (!rows) return Failure(rows.error(), deadline, o.request_seconds);
    json items = json::array();
    for (const Correction& c : *rows) {
      items.push_back({{"number", c.number}, {"kind", c.kind}, {"a", c.a}, {"b", c.b}});
    }
    return Json(envelope(items.size(), std::move(items)));
  }

  if (name == "stories") {
    const std::string since = Param(params, "since"), until = Param(params, "until");
    if (!ValidDay(since) || !ValidDay(until)) return Error(400, "dates are written YYYY-MM-DD");
    // From the snapshot, in the order of Archive::Stories (Index keeps it):
    // the dated ones first, newest first, so a span of dates is one run of
    // them; a page is a slice, however deep (OFFSET in SQL read every story
    // before the page).
    const std::vector<Story>& all = d.stories;
    const auto dated_end =
        static_cast<size_t>(std::partition_point(all.begin(), all.end(),
                                                 [](const Story& s) { return !s.date.empty(); }) -
                            all.begin());
    const size_t undated = all.size() - dated_end;
    size_t lo = 0, hi = all.size();
    if (!since.empty() || !until.empty()) {
      hi = dated_end;
      const auto dated = all.begin() + static_cast<std::ptrdiff_t>(dated_end);
      if (!until.empty()) {
        lo = static_cast<size_t>(
            std::partition_point(all.begin(), dated,
                                 [&](const Story& s) { return s.date > until; }) -
            all.begin());
      }
      if (!since.empty()) {
        hi = static_cast<size_t>(
            std::partition_point(all.begin() + static_cast<std::ptrdiff_t>(lo), dated,
                                 [&](const Story& s) { return s.date >= since; }) -
            all.begin());
      }
    }
    const size_t total = hi - lo;
    auto [b, e] = page(total, [&](size_t i) { return StoryKey(all[lo + i]); });
    std::vector<std::string> ids;
    for (size_t i = b; i < e; ++i) ids.push_back(all[lo + i].id);
    auto shown = copies(ids);
    if (!shown) return Failure(shown.error(), deadline, o.request_seconds);
    json items = json::array();
    for (size_t i = b; i < e; ++i)
      items.push_back(query::StoryJson(*shown->by_id.at(all[lo + i].id)));
    const Listing l{"stories", {"id", "date", "title", "text", "sources", "attachments", "links"}};
    if (format != Format::kJson) {
      for (json& it : items) {
        json pages = json::array();
        for (const json& s : it["sources"]) pages.push_back(s["page"]);
        it["sources"] = pages;
      }
      return Download(l, items, format);
    }
    json j = envelope(total, std::move(items));
    j["undated_left_out"] = (!since.empty() || !until.empty()) ? undated : 0;
    return Json(j);
  }

  if (name == "story") {
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    (*lease)->SetDeadline(deadline);
    auto story = (*lease)->GetStory(rest);
    st.Give(std::move(*lease));
    // Some reads of the store end early, without an error, when the
    // deadline interrupts them: whatever ended past it is not answered.
    if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
    if (!story) return Failure(story.error(), deadline, o.request_seconds);
    json j = query::StoryJson(*story);
    const std::vector<uint32_t> u16 = Utf16Offsets(story->text);
    auto at = [&](uint32_t byte) { return u16[std::min<size_t>(byte, story->text.size())]; };
    j["mentions"] = json::array();
    j["facts"] = json::array();
    j["events"] = json::array();
    auto it = k.story_at.find(story->id);
    if (it != k.story_at.end()) {
      std::vector<std::string> ids;
      for (uint32_t fi : k.story_facts[it->second]) ids.push_back(d.facts[fi].story_id);
      for (uint32_t ei : k.story_events[it->second]) ids.push_back(d.events[ei].story_id);
      auto sentences = copies(ids);
      if (!sentences) return Failure(sentences.error(), deadline, o.request_seconds);
      for (uint32_t mi : k.story_mentions[it->second]) {
        const Mention& m = d.mentions[mi];
        auto en = k.entity_at.find(m.entity_id);
        if (en == k.entity_at.end()) continue;
        const Entity& e = d.entities[en->second];
        j["mentions"].push_back({{"entity", e.id},
                                 {"name", e.name},
                                 {"type", EntityTypeName(e.type)},
                                 {"begin", m.begin},
                                 {"end", m.end},
                                 {"utf16", {at(m.begin), at(m.end)}}});
      }
      for (uint32_t fi : k.story_facts[it->second]) {
        const Fact& f = d.facts[fi];
        json fj = query::FactJson(f);
        fj["sentence_utf16"] = {at(f.sentence_begin), at(f.sentence_end)};
        fj["evidence"] = evidence(*sentences, f.story_id, f.sentence_begin, f.sentence_end);
        j["facts"].push_back(std::move(fj));
      }
      for (uint32_t ei : k.story_events[it->second]) {
        const Event& e = d.events[ei];
        json ej = query::EventJson(e);
        ej["evidence"] = evidence(*sentences, e.story_id, e.sentence_begin, e.sentence_end);
        if (e.story_id == story->id) {
          ej["sentence_utf16"] = {at(e.sentence_begin), at(e.sentence_end)};
        }
        j["events"].push_back(std::move(ej));
      }
    }
    return Json(j);
  }

  if (name == "search") {
    const std::string q = Param(params, "q");
    const std::string since = Param(params, "since"), until = Param(params, "until");
    if (!ValidDay(since) || !ValidDay(until)) return Error(400, "dates are written YYYY-MM-DD");
    const std::string year = Param(params, "year"), entity = Param(params, "entity"),
                      event_type = Param(params, "event_type");
    EventType want_type{};
    if (!event_type.empty() && !ParseEventType(event_type, &want_type)) {
      return Error(400, "unknown event type \"" + event_type + "\"");
    }
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    (*lease)->SetDeadline(deadline);
    const std::string key = q + '\x1f' + since + '\x1f' + until;
    // A page by offset needs the best offset + limit in order, no more (a
    // page by key, or a download, needs them all): a ranking made for it
    // orders the best kTopRanked (or more), enough for the next pages and
    // most narrowings, and a page past them sorts the rest (SortedAll).
    const size_t need = format == Format::kJson && !by_cursor && !by_before ? off + lim : 0;
    const size_t top = need == 0 ? 0 : std::max(need, kTopRanked);
    std::shared_ptr<const RankedSet> set = k.CachedRanked(key);
    if (!set) {
      std::shared_ptr<std::mutex> ranking = k.RankingLock(key);
      std::lock_guard<std::mutex> one_at_a_time(*ranking);
      set = k.CachedRanked(key);  // ranked meanwhile by the request waited for
      if (!set) {
        // Ranked by FTS5 alone; each match's story, date and facets come
        // from the snapshot (reading each match's row for its id and date
        // took four times as long as the ranking, and most of a cold
        // search's time).
        auto ranked = (*lease)->RankMatches(q, top);
        if (!ranked) {
          st.Give(std::move(*lease));
          return Failure(ranked.error(), deadline, o.request_seconds);
        }
        if (Clock::now() > deadline) {  // perhaps cut short: not kept
          st.Give(std::move(*lease));
          return Failure(annals::Error{}, deadline, o.request_seconds);
        }
        k.KeepRanked(key, *ranked, since, until, top);
        set = k.CachedRanked(key);
      }
    }
    if (!set) {  // dropped by the cache's bound at once: rank again next time
      st.Give(std::move(*lease));
      return Failure(annals::Error{ErrorCode::kDb, "the search was not kept"}, deadline,
                     o.request_seconds);
    }
    // The matches left after narrowing, and the facets of those, kept for
    // this ranking: paging through a search and asking it again (the page
    // asks for the facets with every page) reuse them. Counting them costs
    // about 1 us a match (80 ms for a word in 86,000 of 100,000 stories).
    const std::string narrow_key = key + '\x1f' + year + '\x1f' + entity + '\x1f' + event_type;
    // The narrowing of `set`; with `like` (a narrowing of the same matches
    // in another order), its facets are taken rather than counted again.
    auto narrow = [&](const std::shared_ptr<const RankedSet>& rs,
                      const Narrowed* like) -> std::shared_ptr<const Narrowed> {
      std::shared_ptr<const Narrowed> narrowed = k.CachedNarrowed(narrow_key, rs);
      // One narrowing of a search at a time, as one ranking: the clients that
      // asked a search at once would each count its facets.
      std::shared_ptr<std::mutex> narrowing;
      std::unique_lock<std::mutex> one_narrowing;
      if (!narrowed) {
        narrowing = k.RankingLock('\x1e' + narrow_key);
        one_narrowing = std::unique_lock<std::mutex>(*narrowing);
        narrowed = k.CachedNarrowed(narrow_key, rs);  // made meanwhile by the one waited for
      }
      if (!narrowed) {
        auto made = std::make_shared<Narrowed>();
        made->set = rs;
        std::vector<uint32_t>& kept = made->kept;
        // Narrow by the facets chosen, then count the facets of what is left;
        // each match read through its story's index, no string looked up.
        int want_year = -1;  // -1: any; 0: undated
        if (year == "undated") {
          want_year = 0;
        } else if (!year.empty()) {
          int y = 0;
          auto [end_year, ec] = std::from_chars(year.data(), year.data() + year.size(), y);
          want_year = ec == std::errc() && end_year == year.data() + year.size() && year.size() == 4
                          ? y
                          : 100000;  // matches nothing, as before
        }
        uint32_t want_entity = kNoStory;
        if (!entity.empty()) {
          auto en = k.entity_at.find(entity);
          want_entity = en == k.entity_at.end() ? kNoStory - 1 : en->second;  // -1: none has it
        }
        const uint16_t want_types = event_type.empty()
                                        ? uint16_t{0}
                                        : static_cast<uint16_t>(1u << static_cast<int>(want_type));
        for (uint32_t i = 0; i < rs->story.size(); ++i) {
          const uint32_t si = rs->story[i];
          if (want_year >= 0 && k.story_year[si] != want_year) continue;
          if (want_entity != kNoStory) {
            const auto from = k.story_entities.begin() + k.entities_from[si];
            const auto to = k.story_entities.begin() + k.entities_from[si + 1];
            if (!std::binary_search(from, to, want_entity)) continue;
          }
          if (want_types != 0 && (k.story_event_types[si] & want_types) == 0) continue;
          kept.push_back(i);
          if (i < rs->sorted) made->sorted = kept.size();
        }
        if (rs->sorted == rs->rowid.size()) made->sorted = kept.size();
        if (like != nullptr) {
          made->facets = like->facets;
          narrowed = made;
          k.KeepNarrowed(narrow_key, std::move(made));
          return narrowed;
        }
        std::map<std::string, uint32_t> years;        // "YYYY" or "undated"
        std::vector<uint32_t> year_counts(10000, 0);  // story_year is 0..9999
        std::array<uint32_t, 16> type_count{};
        std::vector<uint64_t> matched(k.words, 0);
        for (uint32_t i : kept) {
          const uint32_t si = rs->story[i];
          matched[si >> 6] |= uint64_t{1} << (si & 63);
          ++year_counts[k.story_year[si]];
          for (uint16_t m = k.story_event_types[si], t = 0; m != 0; m >>= 1, ++t) {
            if (m & 1) ++type_count[t];
          }
        }
        for (int y = 0; y < 10000; ++y) {
          const uint32_t n = year_counts[static_cast<size_t>(y)];
          if (n == 0) continue;
          char buf[8];
          std::snprintf(buf, sizeof buf, "%04d", y);
          years[y == 0 ? std::string("undated") : std::string(buf)] += n;
        }
        json& facets = made->facets;
        facets = {
            {"year", json::array()}, {"entity", json::array()}, {"event_type", json::array()}};
        for (auto it = years.rbegin(); it != years.rend(); ++it) {
          facets["year"].push_back({{"value", it->first}, {"count", it->second}});
        }
        for (const auto& [ei, count] : TopEntities(k, matched, kept.size())) {
          const Entity& en = d.entities[ei];
          facets["entity"].push_back({{"value", en.id},
                                      {"name", en.name},
                                      {"type", EntityTypeName(en.type)},
                                      {"count", count}});
        }
        // By name, as the types' names sort.
        std::map<std::string, uint32_t> types;
        for (size_t t = 0; t < 16; ++t) {
          if (type_count[t] > 0) types[EventTypeName(static_cast<EventType>(t))] = type_count[t];
        }
        for (const auto& [t, n] : types)
          facets["event_type"].push_back({{"value", t}, {"count", n}});
        narrowed = made;
        k.KeepNarrowed(narrow_key, std::move(made));
      }
      return narrowed;
    };
    std::shared_ptr<const Narrowed> narrowed = narrow(set, nullptr);
    if (narrowed->sorted < narrowed->kept.size() &&
        (need == 0 || std::min(need, narrowed->kept.size()) > narrowed->sorted)) {
      // The page is past the matches in order: all of them sorted, once.
      std::shared_ptr<std::mutex> ranking = k.RankingLock(key);
      std::lock_guard<std::mutex> one_at_a_time(*ranking);
      std::shared_ptr<const RankedSet> now = k.CachedRanked(key);
      if (now && now->rowid.size() == set->rowid.size() && now->sorted == now->rowid.size()) {
        set = now;  // sorted meanwhile by the request waited for
      } else {
        set = k.SortedAll(key, set);
      }
      narrowed = narrow(set, narrowed.get());
    }
    const std::vector<uint32_t>& kept = narrowed->kept;
    // Snippets and stories only for the page shown (or the download).
    auto [b, e] = page(kept.size(), [&](size_t i) {
      return SortKey().Up(set->score[kept[i]]).Up(static_cast<uint64_t>(set->rowid[kept[i]]));
    });
    // The page's snippets: those kept from an earlier answer, the rest read
    // (and kept, for a page; a download's are not kept).
    std::vector<std::string> page_snippets(e - b);
    std::vector<int64_t> rows;
    std::vector<size_t> row_at;  // where each of `rows` goes in page_snippets
    {
      std::lock_guard<std::mutex> lock(set->snippets_mu);
      for (size_t i = b; i < e; ++i) {
        const int64_t rowid = set->rowid[kept[i]];
        auto it = set->snippets.find(rowid);
        if (it != set->snippets.end()) {
          page_snippets[i - b] = it->second;
        } else {
          rows.push_back(rowid);
          row_at.push_back(i - b);
        }
      }
    }
    if (!rows.empty()) {
      auto read = (*lease)->Snippets(q, rows);
      st.Give(std::move(*lease));
      if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
      if (!read) return Failure(read.error(), deadline, o.request_seconds);
      const bool keep = format == Format::kJson;
      std::lock_guard<std::mutex> lock(set->snippets_mu);
      if (keep && set->snippets.size() + rows.size() > RankedSet::kMaxSnippets) {
        set->snippets.clear();
      }
      for (size_t r = 0; r < rows.size(); ++r) {
        if (keep) set->snippets.emplace(rows[r], (*read)[r]);
        page_snippets[row_at[r]] = std::move((*read)[r]);
      }
    } else {
      st.Give(std::move(*lease));
    }
    const std::vector<std::string>* snippets = &page_snippets;
    const json& facets = narrowed->facets;
    json items = json::array();
    for (size_t i = b; i < e; ++i) {
      const Story& s = d.stories[set->story[kept[i]]];
      const std::string& snippet = (*snippets)[i - b];
      items.push_back({{"id", s.id},
                       {"date", s.date.empty() ? json() : json(s.date)},
                       {"title", s.title.empty() ? json() : json(s.title)},
                       {"snippet", snippet},
                       {"snippet_parts", SnippetParts(snippet)},
                       {"score", set->score[kept[i]]},
                       {"pages", s.sources.size()}});
    }
    if (format != Format::kJson) {
      return Download({"search", {"id", "date", "title", "snippet", "score", "pages"}}, items,
                      format);
    }
    json j = envelope(kept.size(), std::move(items));
    j["facets"] = std::move(facets);
    return Json(j);
  }

  if (name == "entities") {
    const std::string type_name = Param(params, "type");
    EntityType type{};
    if (!type_name.empty() && !ParseEntityType(type_name, &type)) {
      return Error(400, "unknown entity type \"" + type_name + "\"");
    }
    const std::string want = text::Fold(Param(params, "q"));
    std::vector<const Entity*> list;
    for (const Entity* e : query::ListEntities(d, type_name.empty() ? nullptr : &type)) {
      bool hit = want.empty() || text::Fold(e->name).find(want) != std::string::npos;
      for (const std::string& a : e->aliases) {
        hit = hit || text::Fold(a).find(want) != std::string::npos;
      }
      if (hit) list.push_back(e);
    }
    auto [b, e] = page(list.size(), [&](size_t i) {
      const Entity& x = *list[i];
      const auto fewer = static_cast<uint64_t>(std::numeric_limits<int>::max()) -
                         static_cast<uint64_t>(std::max(x.mentions, 0));
      return SortKey().Up(fewer).Up(x.name).Up(x.id);
    });
    json items = json::array();
    for (size_t i = b; i < e; ++i) items.push_back(query::EntityJson(*list[i]));
    if (format != Format::kJson) {
      return Download(
          {"entities", {"id", "type", "name", "aliases", "mentions", "first_seen", "last_seen"}},
          items, format);
    }
    return Json(envelope(list.size(), std::move(items)));
  }

  if (name == "entity") {
    const Entity* e = nullptr;
    if (rest.empty()) {
      const std::string wanted = Param(params, "name");
      query::EntityLookup found = query::LookupEntity(d, wanted);
      if (!found.candidates.empty()) {
        // The name may mean several: say which, and pick none (409).
        json list = json::array();
        const size_t shown = std::min<size_t>(found.candidates.size(), 50);
        for (size_t i = 0; i < shown; ++i) list.push_back(query::EntityJson(*found.candidates[i]));
        return Json({{"error", "\"" + wanted + "\" may mean " +
                                   std::to_string(found.candidates.size()) + " entities"},
                     {"candidates", std::move(list)},
                     {"total", found.candidates.size()}},
                    409);
      }
      e = found.entity;
    } else {
      e = query::EntityById(d, rest);
    }
    if (e == nullptr) return Error(404, "no such entity");
    const query::EntityProfile profile = query::BuildEntityProfile(
        d, *e, {.max_events = 100, .max_stories = 200}, &k.index, &k.Pages());
    std::vector<std::string> ids;  // of the evidence EntityProfileJson gives
    for (const query::PostSpan& s : profile.posts) ids.push_back(s.first_story);
    for (const Event* ev : profile.events) ids.push_back(ev->story_id);
    auto sentences = copies(ids);
    if (!sentences) return Failure(sentences.error(), deadline, o.request_seconds);
    return Json(query::EntityProfileJson(profile, &sentences->by_id));
  }

  if (name == "posts") {
    auto kept = k.Holders(Param(params, "organization"), Param(params, "post"));
    if (!kept) return Failure(kept.error(), deadline, o.request_seconds);
    const std::vector<query::PostHolder>* holders = kept->get();
    auto [b, e] = page(holders->size(), [&](size_t i) {
      const query::PostHolder& h = (*holders)[i];
      return SortKey()
          .Up(h.organization)
          .Up(text::Fold(h.post))
          .Up(h.span.first)
          .Up(h.span.last)
          .Up(h.person);
    });
    // Rows [from, to) as the answer shows them: with their overlaps and
    // evidence, which a CSV download has no column for (and does not read).
    const bool csv = format == Format::kCsv;
    auto rows = [&](size_t from, size_t to) -> Result<json> {
      std::vector<std::string> ids;
      if (!csv) {
        for (size_t i = from; i < to; ++i) ids.push_back((*holders)[i].span.first_story);
      }
      auto sentences = copies(ids);
      if (!sentences) return tl::unexpected(sentences.error());
      json items = json::array();
      for (size_t i = from; i < to; ++i) {
        if (csv) {
          items.push_back(query::PostHolderJson((*holders)[i]));
          continue;
        }
        items.push_back(query::PostHolderJson(*holders, i));
        items.back()["evidence"] =
            query::EvidenceJson(query::PostHolderEvidence((*holders)[i], sentences->by_id));
      }
      return items;
    };
    if (format != Format::kJson) {
      // Written a chunk of rows at a time: the JSON of every row at once
      // (66,000 rows of up to 600 overlaps each at 100,000 stories) took GBs.
      const Listing listing{"posts",
                            {"organization", "post", "person", "first", "last", "first_story",
                             "last_story", "stories"}};
      Answer all = Download(listing, json::array(), format);
      const size_t header = all.body.size();
      constexpr size_t kChunk = 512;
      for (size_t from = b; from < e; from += kChunk) {
        auto items = rows(from, std::min(e, from + kChunk));
        if (!items) return Failure(items.error(), deadline, o.request_seconds);
        all.body += Download(listing, *items, format).body.substr(header);
      }
      return all;
    }
    auto items = rows(b, e);
    if (!items) return Failure(items.error(), deadline, o.request_seconds);
    return Json(envelope(holders->size(), std::move(*items)));
  }

  if (name == "events") {
    events::TimelineQuery q{.entity = Param(params, "entity"),
                            .type = Param(params, "type"),
                            .place = Param(params, "place"),
                            .since = Param(params, "since"),
                            .until = Param(params, "until")};
    auto cached = k.Events(q);
    if (!cached) return Failure(cached.error(), deadline, o.request_seconds);
    const std::vector<Event>* list = cached->get();
    auto [b, e] = page(list->size(), [&](size_t i) {
      std::string first, last;
      events::EventDays((*list)[i], &first, &last);
      return SortKey().Up(first).Up(last).Up((*list)[i].id);
    });
    // The page's stories: the texts of those that give the evidence, and
    // (for the calendar) the dates and titles of all the events' stories.
    std::vector<std::string> ids, heads;
    for (size_t i = b; i < e; ++i) {
      ids.push_back((*list)[i].story_id);
      if (format == Format::kIcs)
        heads.insert(heads.end(), (*list)[i].stories.begin(), (*list)[i].stories.end());
    }
    auto sentences = copies(ids, heads);
    if (!sentences) return Failure(sentences.error(), deadline, o.request_seconds);
    if (format == Format::kIcs) {
      std::span<const Event> all(list->data() + b, e - b);
      return Answer{
          .status = 200,
          .content_type = "text/calendar; charset=utf-8",
          .body = events::ToICalendar(all, sentences->stories, {.dtstamp = events::ICalendarNow()}),
          .filename = "annals-events.ics"};
    }
    json items = json::array();
    for (size_t i = b; i < e; ++i) {
      json j = query::EventJson((*list)[i]);
      j["evidence"] = evidence(*sentences, (*list)[i].story_id, (*list)[i].sentence_begin,
                               (*list)[i].sentence_end);
      json titles = json::array();
      for (const std::string& id : (*list)[i].stories) {
        auto si = k.story_at.find(id);
        titles.push_back(si == k.story_at.end() ? json() : json(d.stories[si->second].title));
      }
      j["story_titles"] = std::move(titles);
      items.push_back(std::move(j));
    }
    if (format != Format::kJson) {
      return Download({"events",
                       {"id", "type", "date", "date_end", "place", "participants", "chair",
                        "stories", "story"}},
                      items, format);
    }
    return Json(envelope(list->size(), std::move(items)));
  }

  if (name == "profile") {
    const std::string org = rest.empty() ? Param(params, "organization") : rest;
    if (org.empty()) return Error(400, "give the organization: /api/v1/profile?organization=NAME");
    const events::ProfileIndex& profiles = k.Profiles();
    const events::ProfileOptions options{.latest_events = 10, .shared_sections = false};
    auto p = events::BuildProfile(d, profiles, org, options);
    if (!p) return Failure(p.error(), deadline, o.request_seconds);
    auto section_json = [&](const events::ProfileSection& s, const StoryCopies& c) {
      json lines = json::array();
      for (const events::ProfileLine& l : s.lines) {
        lines.push_back(
            {{"group", l.group},
             {"text", l.text},
             {"date", l.date},
             {"story", l.story_id},
             {"evidence", evidence(c, l.sentence_story, l.sentence_begin, l.sentence_end)}});
      }
      return json{{"title", s.title}, {"lines", std::move(lines)}};
    };
    const std::vector<std::string>* shared = nullptr;
    {
      std::lock_guard<std::mutex> lock(k.shared_profile_mu);
      if (!k.shared_profile) {
        const std::vector<events::ProfileSection> all =
            events::SharedSections(d, profiles, {.latest_events = options.latest_events});
        std::vector<std::string> ids;
        for (const events::ProfileSection& s : all) {
          for (const events::ProfileLine& l : s.lines) ids.push_back(l.sentence_story);
        }
        auto c = copies(ids);
        if (!c) return Failure(c.error(), deadline, o.request_seconds);
        std::vector<std::string> dumps;
        for (const events::ProfileSection& s : all) dumps.push_back(Dump(section_json(s, *c)));
        k.shared_profile = std::move(dumps);
      }
      shared = &*k.shared_profile;
    }
    auto kept_holders = k.Holders(p->organization.name, "");
    const std::vector<query::PostHolder>* post_holders =
        kept_holders ? kept_holders->get() : nullptr;
    // The chairing state per year, with the stories that say so and the
    // evidence of the first of them: the chairs facts of this organization
    // or of none, from the index (not all the facts).
    std::map<int, std::map<std::string, std::vector<const Fact*>>> chairs;
    for (uint32_t i : profiles.ChairsOf(p->organization.name)) {
      const Fact& f = d.facts[i];
      chairs[f.year][f.country].push_back(&f);
    }
    std::vector<std::string> ids;  // of the evidence given below
    for (const events::ProfileSection& s : p->sections) {
      if (s.shared) continue;
      for (const events::ProfileLine& l : s.lines) ids.push_back(l.sentence_story);
    }
    if (post_holders) {
      for (const query::PostHolder& r : *post_holders) ids.push_back(r.span.first_story);
    }
    for (const auto& [year, states] : chairs) {
      for (const auto& [state, facts] : states) ids.push_back(facts.front()->story_id);
    }
    auto sentences = copies(ids);
    if (!sentences) return Failure(sentences.error(), deadline, o.request_seconds);
    // The sections, written here (Dump's compact form) with the shared ones
    // kept: '[' section ',' section ... ']'.
    std::string sections = "[";
    size_t next_shared = 0;
    for (const events::ProfileSection& s : p->sections) {
      if (sections.size() > 1) sections += ',';
      if (s.shared && next_shared < shared->size()) {
        sections += (*shared)[next_shared++];
      } else {
        sections += Dump(section_json(s, *sentences));
      }
    }
    sections += ']';
    json holders = json::array();
    if (post_holders) {
      for (size_t i = 0; i < post_holders->size(); ++i) {
        holders.push_back(query::PostHolderJson(*post_holders, i));
        holders.back()["evidence"] = query::EvidenceJson(
            query::PostHolderEvidence((*post_holders)[i], sentences->by_id));
      }
    }
    json chair_rows = json::array();
    for (const auto& [year, states] : chairs) {
      for (const auto& [state, facts] : states) {
        std::vector<std::string> stories;
        for (const Fact* f : facts) stories.push_back(f->story_id);
        const Fact& f = *facts.front();
        chair_rows.push_back(
            {{"year", year},
             {"country", state},
             {"stories", stories},
             {"evidence", evidence(*sentences, f.story_id, f.sentence_begin, f.sentence_end)}});
      }
    }
    // Dump of the object {"chairs", "office_holders", "organization",
    // "sections"} (its keys in that order), the sections written above.
    return Answer{.status = 200,
                  .body = "{\"chairs\":" + Dump(chair_rows) +
                          ",\"office_holders\":" + Dump(holders) +
                          ",\"organization\":" + Dump(query::EntityJson(p->organization)) +
                          ",\"sections\":" + sections + "}"};
  }

  if (name == "export") {
    if (format == Format::kCsv) return Error(400, "export is json or jsonl");
    // The whole archive with its texts, which the snapshot does not hold:
    // read again, as the snapshot was read (in the stories' order, Index).
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    auto whole = (*lease)->Export();
    st.Give(std::move(*lease));
    if (!whole) return Failure(whole.error(), deadline, o.request_seconds);
    std::stable_sort(
        whole->stories.begin(), whole->stories.end(),
        [](const Story& a, const Story& b) { return StoryKey(a).bytes < StoryKey(b).bytes; });
    json j = query::ArchiveJson(*whole);
    if (format == Format::kJson) {
      return Answer{.status = 200,
                    .content_type = "application/json; charset=utf-8",
                    .body = Dump(j),
                    .filename = "annals-archive.json"};
    }
    Answer a{.status = 200,
             .content_type = "application/x-ndjson; charset=utf-8",
             .filename = "annals-archive.jsonl"};
    const std::pair<const char*, const char*> kinds[] = {
        {"stories", "story"}, {"entities", "entity"}, {"facts", "fact"}, {"events", "event"}};
    for (const auto& [array, kind] : kinds) {
      for (json& item : j[array]) {
        item["kind"] = kind;
        a.body += Dump(item) + "\n";
      }
    }
    return a;
  }

  return Error(404, "no API call named \"" + name.substr(0, 40) + "\" (see docs/api.md)");
}

}  // namespace annals::serve
