// Queries over the archive's knowledge (ArchiveData): finding an entity by
// any of its names, an entity's profile (posts held, stories, co-mentioned
// entities, mentions per month, events) and the holders of posts. The CLI
// (annals entity, annals posts) and the server (/api/v1/entity, /posts) both
// answer from these functions, and write them with the JSON below.
// Thread safety: reentrant; the results point into `data`, which must
// outlive them.
#pragma once

#include "annals/result.h"
#include "annals/types.h"
#include "src/query/archive_json.h"

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace annals::query {

// The entity named `name` (its name or any alias, case and punctuation
// folded): the one whose canonical name it is, else the most mentioned; a
// surname alone finds the one person who bears it. nullptr when none (or
// two people share the surname).
const Entity* FindEntity(const ArchiveData& data, const std::string& name);

// What a name typed by a person finds (annals entity NAME, /api/v1/entity?name=).
// Tried in order, the first step that finds anything decides:
//   1. a canonical name, then an alias, case and punctuation folded;
//   2. the same with accents folded too ("kovacic" finds "Kovačič");
//   3. a person's surname ("Kovacic");
//   4. the start of a name or alias ("Marta Kov").
// A step that finds one entity gives it; one that finds several gives them
// all as candidates, the most mentioned first, and no entity.
struct EntityLookup {
  const Entity* entity = nullptr;          // the one found, or nullptr
  std::vector<const Entity*> candidates;   // when the name is ambiguous
};
EntityLookup LookupEntity(const ArchiveData& data, const std::string& name);
// Fold(s) (common/text.h) with accents (combining marks after canonical
// decomposition) removed: "Kovačič" and "KOVACIC" give "kovacic".
std::string FoldAccents(std::string_view s);
// The entities of `type` (all when null), the most mentioned first, then by
// name, then by id.
std::vector<const Entity*> ListEntities(const ArchiveData& data, const EntityType* type);
// The entity with this id, or nullptr.
const Entity* EntityById(const ArchiveData& data, const std::string& id);

// One post held by one person: the first and last dated stories that state it.
struct PostSpan {
  std::string post, organization;
  std::string first, last;  // story dates, "" when no dated story states it
  std::string first_story, last_story;
  // The sentence of first_story that states it: byte offsets in its text.
  uint32_t first_sentence_begin = 0, first_sentence_end = 0;
  int stories = 0;  // how many facts state it
};

struct EntityProfile {
  const Entity* entity = nullptr;
  std::vector<PostSpan> posts;        // by post, then organization
  std::vector<const Story*> stories;  // that mention it, newest first (undated last)
  size_t stories_total = 0;           // before EntityProfileOptions::max_stories
  std::vector<std::pair<int, const Entity*>> co_mentioned;     // shared stories, most first
  std::vector<std::pair<std::string, int>> mentions_by_month;  // "YYYY-MM" -> mentions, in order
  int undated_mentions = 0;                                    // mentions in stories without a date
  std::vector<const Event*> events;  // it takes part in, chairs or hosts; by date
  size_t events_total = 0;           // before EntityProfileOptions::max_events
};

struct EntityProfileOptions {
  size_t co_mentioned = 10;  // how many co-mentioned entities to keep
  size_t max_events = 0;     // keep only the latest N events (0: all)
  size_t max_stories = 0;    // keep only the newest N stories (0: all)
};

// Who is named in which story, by index into data.entities and
// data.stories: built once in O(mentions), it makes a profile cost in
// proportion to the entity's own stories.
struct KnowledgeIndex {
  std::unordered_map<std::string, uint32_t> entity_at;  // id -> index in data.entities
  // Per entity: (story index, mentions of it in that story), by story index.
  std::vector<std::vector<std::pair<uint32_t, int>>> entity_stories;
  std::vector<std::vector<uint32_t>> story_entities;  // per story: entity indexes, unique, sorted
  // Name -> indexes in data.facts of the holds_post facts of the person of
  // that name, and in data.events of the events that name takes part in,
  // chairs or hosts; each in the archive's order.
  std::unordered_map<std::string, std::vector<uint32_t>> posts_by_person;
  std::unordered_map<std::string, std::vector<uint32_t>> events_by_name;
  // Organization name (as the facts write it) -> indexes in data.facts of
  // its holds_post facts, in the archive's order (PostHolders of one
  // organization reads these, not every fact).
  std::unordered_map<std::string, std::vector<uint32_t>> posts_by_organization;
};
KnowledgeIndex IndexKnowledge(const ArchiveData& data);

// What an entity's profile shows, counted once for the whole archive (the
// server's entity pages): with it a profile costs in proportion to what it
// shows, not to the entity's mentions. Without it, a profile of the most
// named organization at 10,000 stories walked its 9,977 stories and their
// 50 entities each to find the 10 named most often with it.
struct EntityPageIndex {
  // The months of the stories' dates ("YYYY-MM", their first 7 bytes), in order.
  std::vector<std::string> months;
  // Per entity e: (index in `months`, its mentions in that month's stories)
  // at by_month[months_from[e] .. months_from[e + 1]), by month; undated[e]:
  // its mentions in stories without a date.
  std::vector<uint32_t> months_from;
  std::vector<std::pair<uint32_t, int>> by_month;
  std::vector<int> undated;
  // Per entity e: the stories naming it (indexes), newest first as a
  // profile lists them, at newest[stories_from[e] .. stories_from[e + 1]).
  std::vector<uint32_t> stories_from;
  std::vector<uint32_t> newest;
  // For the entities named most often with one: the entities by the stories
  // naming them, most first; per entity, what counting them by its stories
  // costs (the entities of each of its stories, summed); and, for those
  // named in more stories than a bitmap of the archive's stories has words,
  // those stories as one (`words` words at bits[bitmap[e] * words];
  // kNoEntity: none).
  std::vector<uint32_t> by_stories;
  std::vector<uint64_t> walk_cost;
  std::vector<uint32_t> bitmap;
  size_t words = 0;
  std::vector<uint64_t> bits;
  // KnowledgeIndex::events_by_name with each list by date (stable).
  std::unordered_map<std::string, std::vector<uint32_t>> events_by_date;
};
// `index`: IndexKnowledge(data). In O(mentions + stories log stories).
EntityPageIndex IndexEntityPages(const ArchiveData& data, const KnowledgeIndex& index);

// `index`: IndexKnowledge(data), for a caller that builds many profiles
// (the server); without one it is built here. `pages`: IndexEntityPages(data,
// *index) (needs `index`), which gives the same profile for less.
EntityProfile BuildEntityProfile(const ArchiveData& data, const Entity& entity,
                                 const EntityProfileOptions& options = {},
                                 const KnowledgeIndex* index = nullptr,
                                 const EntityPageIndex* pages = nullptr);

// Who held which post: one row per (organization, post, person), the
// holders of one post in the order they are attested.
struct PostHolder {
  std::string organization, post, person;
  PostSpan span;
  // The other holders of the same post of the same organization attested
  // at the same time as this one (their dated spans intersect, other than
  // a handover: one's last attestation the other's first), sorted by name.
  // One post held by two or three people at once is most often a misread
  // fact, sometimes a post with several seats: shown for the analyst to
  // check against the evidence. Left empty by PostHolders: HolderOverlaps
  // gives them for the rows shown (all of them, kept for every row, were
  // 4.6 million names at 10,000 stories: a post held by 592 people at once).
  std::vector<std::string> overlaps;
  // The rows of the same post of the same organization: [group_begin,
  // group_end) in the list PostHolders gives.
  uint32_t group_begin = 0, group_end = 0;
  // The group's rows by person: rows[group_begin + k].by_name is the index
  // of its k-th row in the order of their names, so that HolderOverlaps
  // gives a row's overlaps in that order without sorting them (at 30,000
  // stories, 361,000 names on one organization's profile). kNoRow where
  // not set: HolderOverlaps sorts.
  static constexpr uint32_t kNoRow = 0xFFFFFFFF;
  uint32_t by_name = kNoRow;
};
// `organization`: a name or alias ("" for all); `post`: text the post's
// name contains, case folded ("" for all). Reads data.entities and
// data.facts only (the holds_post facts, in Export's order). Errors:
// kNotFound when `organization` names no entity. With `index`
// (IndexKnowledge(data)), one organization's rows read its facts only.
Result<std::vector<PostHolder>> PostHolders(const ArchiveData& data,
                                            const std::string& organization,
                                            const std::string& post,
                                            const KnowledgeIndex* index = nullptr);
// PostHolder::overlaps of rows[i], `rows` as PostHolders gives them: in
// time proportional to the holders of its post.
std::vector<std::string> HolderOverlaps(const std::vector<PostHolder>& rows, size_t i);

// The JSON the CLI prints and the server answers. With `stories` (story id
// -> story, StoriesById), each post and event also has its "evidence"
// (EvidenceJson: the first story stating the post, the event's story, and
// the sentence read there).
nlohmann::json EntityProfileJson(
    const EntityProfile& p, const std::unordered_map<std::string, const Story*>* stories = nullptr);
nlohmann::json PostHolderJson(const PostHolder& h);
// PostHolderJson of rows[i] with its overlaps (HolderOverlaps), `rows` as
// PostHolders gives them: a row as the CLI and the server show it.
nlohmann::json PostHolderJson(const std::vector<PostHolder>& rows, size_t i);
// The sentence a post holder is first attested by (its first story's).
Evidence PostHolderEvidence(const PostHolder& h,
                            const std::unordered_map<std::string, const Story*>& stories);

}  // namespace annals::query
