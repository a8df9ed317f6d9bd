#include "src/query/knowledge.h"

#include "src/common/entity_lookup.h"
#include "src/common/text.h"
#include "src/query/archive_json.h"

#include <algorithm>
#include <bit>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unordered_map>
#include <unordered_set>

namespace annals::query {
namespace {

nlohmann::json OrNull(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

// Widens [first, last] with one attestation (undated ones only count).
void Attest(PostSpan* p, const Fact& f) {
  ++p->stories;
  if (f.date.empty()) {
    if (p->first_story.empty()) {
      p->first_story = p->last_story = f.story_id;
      p->first_sentence_begin = f.sentence_begin;
      p->first_sentence_end = f.sentence_end;
    }
    return;
  }
  if (p->first.empty() || f.date < p->first) {
    p->first = f.date;
    p->first_story = f.story_id;
    p->first_sentence_begin = f.sentence_begin;
    p->first_sentence_end = f.sentence_end;
  }
  if (p->last.empty() || f.date > p->last) {
    p->last = f.date;
    p->last_story = f.story_id;
  }
}

// Whether two holders' dated spans intersect beyond a handover (the
// earlier holder's last attestation on the day of the later one's first).
bool HeldAtOnce(const PostSpan& a, const PostSpan& b) {
  if (a.first.empty() || b.first.empty()) return false;
  const std::string& from = std::max(a.first, b.first);
  const std::string& to = std::min(a.last, b.last);
  if (from > to) return false;
  if (from < to) return true;
  // One day in common: a handover when one ends there having begun before.
  return !((a.last == b.first && a.first < b.first) || (b.last == a.first && b.first < a.first));
}

}  // namespace

const Entity* FindEntity(const ArchiveData& data, const std::string& name) {
  const Entity* best = FindByName(data.entities, name);
  if (best != nullptr) return best;
  const std::string f = text::Fold(name);
  if (f.empty()) return nullptr;
  // A surname alone finds the one person of the archive who bears it.
  for (const Entity& e : data.entities) {
    if (e.type != EntityType::kPerson) continue;
    const std::string n = text::Fold(e.name);
    const size_t sp = n.rfind(' ');
    if (sp == std::string::npos || n.substr(sp + 1) != f) continue;
    if (best != nullptr) return nullptr;  // two people of that name: ambiguous
    best = &e;
  }
  return best;
}

std::string FoldAccents(std::string_view s) {
  const std::string folded = text::Fold(s);
  bool ascii = true;
  for (const char c : folded) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return folded;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return folded;
  const icu::UnicodeString u =
      nfd->normalize(icu::UnicodeString::fromUTF8(
                         icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size()))),
                     status);
  if (U_FAILURE(status)) return folded;
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) out.append(c);
    i += U16_LENGTH(c);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

EntityLookup LookupEntity(const ArchiveData& data, const std::string& name) {
  EntityLookup out;
  const std::string f = text::Fold(name);
  if (f.empty()) return out;
  const std::string fa = FoldAccents(name);
  // The entities `match` finds: one is the answer, several are candidates.
  auto decide = [&](const std::vector<const Entity*>& found) {
    if (found.size() == 1) {
      out.entity = found[0];
    } else {
      out.candidates = found;
      std::stable_sort(out.candidates.begin(), out.candidates.end(),
                       [](const Entity* a, const Entity* b) { return a->mentions > b->mentions; });
    }
  };
  auto names_of = [](const Entity& e, const auto& fn) {
    if (fn(e.name)) return true;
    for (const std::string& a : e.aliases) {
      if (fn(a)) return true;
    }
    return false;
  };
  // 1 and 2: canonical names first, then aliases.
  for (const bool accents : {false, true}) {
    const std::string& want = accents ? fa : f;
    auto fold = [&](const std::string& x) { return accents ? FoldAccents(x) : text::Fold(x); };
    std::vector<const Entity*> canonical, alias;
    for (const Entity& e : data.entities) {
      if (fold(e.name) == want) {
        canonical.push_back(&e);
      } else if (names_of(e, [&](const std::string& x) { return fold(x) == want; })) {
        alias.push_back(&e);
      }
    }
    if (!canonical.empty()) {
      decide(canonical);
      return out;
    }
    if (!alias.empty()) {
      decide(alias);
      return out;
    }
  }
  // 3: a surname, of a person's name or alias of two words or more.
  if (fa.find(' ') == std::string::npos) {
    std::vector<const Entity*> found;
    for (const Entity& e : data.entities) {
      if (e.type != EntityType::kPerson) continue;
      const bool hit = names_of(e, [&](const std::string& x) {
        const std::string n = FoldAccents(x);
        const size_t sp = n.rfind(' ');
        return sp != std::string::npos && std::string_view(n).substr(sp + 1) == fa;
      });
      if (hit) found.push_back(&e);
    }
    if (!found.empty()) {
      decide(found);
      return out;
    }
  }
  // 4: the start of a name or alias.
  std::vector<const Entity*> found;
  for (const Entity& e : data.entities) {
    if (names_of(e, [&](const std::string& x) { return FoldAccents(x).starts_with(fa); })) {
      found.push_back(&e);
    }
  }
  if (!found.empty()) decide(found);
  return out;
}

std::vector<const Entity*> ListEntities(const ArchiveData& data, const EntityType* type) {
  std::vector<const Entity*> list;
  for (const Entity& e : data.entities) {
    if (type == nullptr || e.type == *type) list.push_back(&e);
  }
  // Ties of mentions and name (two types of one name) by id: a total order,
  // which the server's cursors page through.
  std::stable_sort(list.begin(), list.end(), [](const Entity* a, const Entity* b) {
    if (a->mentions != b->mentions) return a->mentions > b->mentions;
    if (a->name != b->name) return a->name < b->name;
    return a->id < b->id;
  });
  return list;
}

const Entity* EntityById(const ArchiveData& data, const std::string& id) {
  for (const Entity& e : data.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

KnowledgeIndex IndexKnowledge(const ArchiveData& data) {
  KnowledgeIndex x;
  std::unordered_map<std::string_view, uint32_t> story_at;
  for (uint32_t i = 0; i < data.stories.size(); ++i) story_at.emplace(data.stories[i].id, i);
  for (uint32_t i = 0; i < data.entities.size(); ++i) x.entity_at.emplace(data.entities[i].id, i);
  x.entity_stories.resize(data.entities.size());
  x.story_entities.resize(data.stories.size());
  std::vector<std::vector<uint32_t>> per_entity(data.entities.size());  // story of each mention
  for (const Mention& m : data.mentions) {
    auto s = story_at.find(m.story_id);
    auto e = x.entity_at.find(m.entity_id);
    if (s == story_at.end() || e == x.entity_at.end()) continue;
    per_entity[e->second].push_back(s->second);
    x.story_entities[s->second].push_back(e->second);
  }
  for (size_t e = 0; e < per_entity.size(); ++e) {
    std::vector<uint32_t>& v = per_entity[e];
    std::sort(v.begin(), v.end());
    for (size_t i = 0; i < v.size();) {
      size_t j = i;
      while (j < v.size() && v[j] == v[i]) ++j;
      x.entity_stories[e].push_back({v[i], static_cast<int>(j - i)});
      i = j;
    }
  }
  for (auto& v : x.story_entities) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  for (uint32_t i = 0; i < data.facts.size(); ++i) {
    const Fact& f = data.facts[i];
    if (f.type != FactType::kHoldsPost) continue;
    x.posts_by_person[f.person].push_back(i);
    x.posts_by_organization[f.organization].push_back(i);
  }
  for (uint32_t i = 0; i < data.events.size(); ++i) {
    const Event& e = data.events[i];
    auto add = [&](const std::string& name) {
      if (name.empty()) return;
      std::vector<uint32_t>& v = x.events_by_name[name];
      if (v.empty() || v.back() != i) v.push_back(i);
    };
    add(e.chair);
    add(e.place);
    for (const std::string& n : e.participants) add(n);
  }
  return x;
}

EntityPageIndex IndexEntityPages(const ArchiveData& data, const KnowledgeIndex& index) {
  EntityPageIndex x;
  const size_t n_entities = index.entity_stories.size();
  const size_t n_stories = data.stories.size();
  // Each story's month (an index in x.months), kNoMonth when undated.
  constexpr uint32_t kNoMonth = 0xFFFFFFFF;
  std::vector<uint32_t> month_of(n_stories, kNoMonth);
  {
    std::map<std::string_view, uint32_t> months;
    for (const Story& s : data.stories) {
      if (s.date.size() >= 7) months.emplace(std::string_view(s.date).substr(0, 7), 0);
    }
    for (auto& [m, i] : months) {
      i = static_cast<uint32_t>(x.months.size());
      x.months.emplace_back(m);
    }
    for (size_t i = 0; i < n_stories; ++i) {
      const std::string& date = data.stories[i].date;
      if (date.size() >= 7) month_of[i] = months.at(std::string_view(date).substr(0, 7));
    }
  }
  x.months_from.push_back(0);
  x.undated.assign(n_entities, 0);
  x.walk_cost.assign(n_entities, 0);
  std::vector<int> count(x.months.size(), 0);
  std::vector<uint32_t> touched;
  for (size_t e = 0; e < n_entities; ++e) {
    for (const auto& [si, n] : index.entity_stories[e]) {
      x.walk_cost[e] += index.story_entities[si].size();
      const uint32_t m = month_of[si];
      if (m == kNoMonth) {
        x.undated[e] += n;
      } else {
        if (count[m] == 0) touched.push_back(m);
        count[m] += n;
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t m : touched) {
      x.by_month.push_back({m, count[m]});
      count[m] = 0;
    }
    touched.clear();
    x.months_from.push_back(static_cast<uint32_t>(x.by_month.size()));
  }
  // The stories newest first (undated last), then in the archive's order:
  // each entity's, taken in this order, are those of a profile.
  std::vector<uint32_t> order(n_stories);
  for (uint32_t i = 0; i < n_stories; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const std::string& da = data.stories[a].date;
    const std::string& db = data.stories[b].date;
    if (da.empty() != db.empty()) return db.empty();
    return da > db;
  });
  x.stories_from.assign(n_entities + 1, 0);
  for (size_t e = 0; e < n_entities; ++e) {
    x.stories_from[e + 1] =
        x.stories_from[e] + static_cast<uint32_t>(index.entity_stories[e].size());
  }
  x.newest.resize(x.stories_from.back());
  {
    std::vector<uint32_t> at(x.stories_from.begin(), x.stories_from.end() - 1);
    for (uint32_t si : order) {
      for (uint32_t e : index.story_entities[si]) x.newest[at[e]++] = si;
    }
  }
  x.by_stories.resize(n_entities);
  for (uint32_t e = 0; e < n_entities; ++e) x.by_stories[e] = e;
  std::stable_sort(x.by_stories.begin(), x.by_stories.end(), [&](uint32_t a, uint32_t b) {
    return index.entity_stories[a].size() > index.entity_stories[b].size();
  });
  x.words = (n_stories + 63) / 64;
  x.bitmap.assign(n_entities, kNoEntity);
  uint32_t mapped = 0;
  for (uint32_t e : x.by_stories) {
    if (index.entity_stories[e].size() <= x.words) break;
    x.bitmap[e] = mapped++;
  }
  x.bits.assign(mapped * x.words, 0);
  for (uint32_t e = 0; e < n_entities; ++e) {
    if (x.bitmap[e] == kNoEntity) continue;
    uint64_t* bits = x.bits.data() + x.bitmap[e] * x.words;
    for (const auto& [si, n] : index.entity_stories[e]) bits[si >> 6] |= uint64_t{1} << (si & 63);
  }
  for (const auto& [name, events] : index.events_by_name) {
    std::vector<uint32_t>& v = x.events_by_date[name];
    v = events;
    std::stable_sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) {
      return data.events[a].date < data.events[b].date;
    });
  }
  return x;
}

namespace {

// Entity `o` before `c` among those named with one: in more of its stories,
// then the more mentioned, then the first in the archive.
bool CoMentionedBefore(const ArchiveData& data, std::pair<int, uint32_t> o,
                       std::pair<int, uint32_t> c) {
  if (o.first != c.first) return o.first > c.first;
  const int om = data.entities[o.second].mentions, cm = data.entities[c.second].mentions;
  if (om != cm) return om > cm;
  return o.second < c.second;
}

// The `keep` entities named in the most stories with entity `self`: each
// entity's stories in common with it counted by walking its stories.
std::vector<std::pair<int, const Entity*>> CoMentionedByWalk(const ArchiveData& data,
                                                             const KnowledgeIndex& index,
                                                             uint32_t self, size_t keep) {
  // Entity index -> stories shared with it (a count per entity: an entity
  // named in most stories shares them with nearly every other).
  std::vector<int> shared_count(data.entities.size(), 0);
  std::vector<uint32_t> touched;
  for (const auto& [si, n] : index.entity_stories[self]) {
    for (uint32_t o : index.story_entities[si]) {
      if (o != self && shared_count[o]++ == 0) touched.push_back(o);
    }
  }
  std::vector<std::pair<int, uint32_t>> co;
  for (uint32_t o : touched) co.push_back({shared_count[o], o});
  auto before = [&](const auto& a, const auto& b) { return CoMentionedBefore(data, a, b); };
  if (co.size() > keep) {
    std::partial_sort(co.begin(), co.begin() + static_cast<std::ptrdiff_t>(keep), co.end(), before);
    co.resize(keep);
  } else {
    std::sort(co.begin(), co.end(), before);
  }
  std::vector<std::pair<int, const Entity*>> out;
  for (const auto& [n, o] : co) out.push_back({n, &data.entities[o]});
  return out;
}

// The same from `pages`, for an entity with a bitmap of its stories: the
// other entities taken by the stories naming them, most first, each
// counted against the bitmap, until one is named in fewer stories than the
// last kept has in common with `self` (none after it can have more). Empty
// optional when that would cost more than the walk.
std::optional<std::vector<std::pair<int, const Entity*>>> CoMentionedByBits(
    const ArchiveData& data, const KnowledgeIndex& index, const EntityPageIndex& pages,
    uint32_t self, size_t keep) {
  const uint64_t* mine = pages.bits.data() + pages.bitmap[self] * pages.words;
  const uint64_t budget = pages.walk_cost[self];
  uint64_t spent = 0;
  std::vector<std::pair<int, uint32_t>> top;  // kept, in order
  auto before = [&](const auto& a, const auto& b) { return CoMentionedBefore(data, a, b); };
  for (uint32_t o : pages.by_stories) {
    const size_t named = index.entity_stories[o].size();
    if (keep == 0 || named == 0) break;
    if (top.size() == keep && named < static_cast<size_t>(top.back().first)) break;
    if (o == self) continue;
    int n = 0;
    if (pages.bitmap[o] != kNoEntity) {
      const uint64_t* theirs = pages.bits.data() + pages.bitmap[o] * pages.words;
      for (size_t w = 0; w < pages.words; ++w) n += std::popcount(mine[w] & theirs[w]);
      spent += pages.words;
    } else {
      for (const auto& [si, m] : index.entity_stories[o]) {
        n += static_cast<int>((mine[si >> 6] >> (si & 63)) & 1);
      }
      spent += named;
    }
    if (spent > budget) return std::nullopt;
    if (n == 0) continue;
    const std::pair<int, uint32_t> c{n, o};
    if (top.size() == keep && !before(c, top.back())) continue;
    top.insert(std::upper_bound(top.begin(), top.end(), c, before), c);
    if (top.size() > keep) top.pop_back();
  }
  std::vector<std::pair<int, const Entity*>> out;
  for (const auto& [n, o] : top) out.push_back({n, &data.entities[o]});
  return out;
}

}  // namespace

EntityProfile BuildEntityProfile(const ArchiveData& data, const Entity& entity,
                                 const EntityProfileOptions& options, const KnowledgeIndex* index,
                                 const EntityPageIndex* pages) {
  EntityProfile p;
  p.entity = &entity;
  KnowledgeIndex local;
  if (index == nullptr) {
    local = IndexKnowledge(data);
    index = &local;
    pages = nullptr;
  }
  static const std::vector<uint32_t> kNone;
  auto of = [&](const std::unordered_map<std::string, std::vector<uint32_t>>& m)
      -> const std::vector<uint32_t>& {
    auto it = m.find(entity.name);
    return it == m.end() ? kNone : it->second;
  };
  // Posts held, with the earliest and latest story that states them.
  std::map<std::pair<std::string, std::string>, PostSpan> posts;
  for (uint32_t fi : of(index->posts_by_person)) {
    const Fact& f = data.facts[fi];
    PostSpan& s = posts[{text::Fold(f.post), f.organization}];
    if (s.post.empty()) {
      s.post = f.post;
      s.organization = f.organization;
    }
    Attest(&s, f);
  }
  for (auto& [k, s] : posts) p.posts.push_back(std::move(s));
  // Stories that mention it, newest first; mentions by month; entities
  // mentioned with it.
  auto at = index->entity_at.find(entity.id);
  const uint32_t self = at == index->entity_at.end() ? kNoEntity : at->second;
  if (self != kNoEntity && pages != nullptr) {
    for (uint32_t x = pages->months_from[self]; x < pages->months_from[self + 1]; ++x) {
      const auto& [m, n] = pages->by_month[x];
      p.mentions_by_month.push_back({pages->months[m], n});
    }
    p.undated_mentions = pages->undated[self];
    const uint32_t from = pages->stories_from[self], to = pages->stories_from[self + 1];
    p.stories_total = to - from;
    const size_t shown =
        options.max_stories > 0 ? std::min<size_t>(options.max_stories, to - from) : to - from;
    for (size_t x = from; x < from + shown; ++x)
      p.stories.push_back(&data.stories[pages->newest[x]]);
    std::optional<std::vector<std::pair<int, const Entity*>>> co;
    if (pages->bitmap[self] != kNoEntity) {
      co = CoMentionedByBits(data, *index, *pages, self, options.co_mentioned);
    }
    p.co_mentioned =
        co ? std::move(*co) : CoMentionedByWalk(data, *index, self, options.co_mentioned);
  } else if (self != kNoEntity) {
    std::map<std::string, int> by_month;
    for (const auto& [si, n] : index->entity_stories[self]) {
      const Story& s = data.stories[si];
      p.stories.push_back(&s);
      if (s.date.size() >= 7) {
        by_month[s.date.substr(0, 7)] += n;
      } else {
        p.undated_mentions += n;
      }
    }
    p.mentions_by_month.assign(by_month.begin(), by_month.end());
    std::stable_sort(p.stories.begin(), p.stories.end(), [](const Story* a, const Story* b) {
      if (a->date.empty() != b->date.empty()) return b->date.empty();
      return a->date > b->date;
    });
    p.stories_total = p.stories.size();
    if (options.max_stories > 0 && p.stories.size() > options.max_stories) {
      p.stories.resize(options.max_stories);
    }
    p.co_mentioned = CoMentionedByWalk(data, *index, self, options.co_mentioned);
  }
  if (pages != nullptr) {
    const std::vector<uint32_t>& events = of(pages->events_by_date);
    p.events_total = events.size();
    const size_t skip = options.max_events > 0 && events.size() > options.max_events
                            ? events.size() - options.max_events
                            : 0;
    for (size_t i = skip; i < events.size(); ++i) p.events.push_back(&data.events[events[i]]);
    return p;
  }
  for (uint32_t ei : of(index->events_by_name)) p.events.push_back(&data.events[ei]);
  std::stable_sort(p.events.begin(), p.events.end(),
                   [](const Event* a, const Event* b) { return a->date < b->date; });
  p.events_total = p.events.size();
  if (options.max_events > 0 && p.events.size() > options.max_events) {
    p.events.erase(p.events.begin(),
                   p.events.end() - static_cast<std::ptrdiff_t>(options.max_events));
  }
  return p;
}

Result<std::vector<PostHolder>> PostHolders(const ArchiveData& data,
                                            const std::string& organization,
                                            const std::string& post, const KnowledgeIndex* index) {
  std::string org_name;
  if (!organization.empty()) {
    const Entity* o = FindEntity(data, organization);
    if (o == nullptr) return Fail(ErrorCode::kNotFound, "no entity named \"" + organization + "\"");
    org_name = o->name;
  }
  const std::string want_post = text::Fold(post);
  // (organization, post) -> holder -> span
  std::map<std::pair<std::string, std::string>, std::map<std::string, PostSpan>> by_post;
  std::map<std::pair<std::string, std::string>, std::string> post_text;
  // The facts read: with an organization and an index, its holds_post
  // facts only, in the same order.
  static const std::vector<uint32_t> kNone;
  const std::vector<uint32_t>* only = nullptr;
  if (!org_name.empty() && index != nullptr) {
    auto it = index->posts_by_organization.find(org_name);
    only = it == index->posts_by_organization.end() ? &kNone : &it->second;
  }
  const size_t n = only ? only->size() : data.facts.size();
  for (size_t k = 0; k < n; ++k) {
    const Fact& x = data.facts[only ? (*only)[k] : k];
    if (x.type != FactType::kHoldsPost) continue;
    if (!org_name.empty() && x.organization != org_name) continue;
    const std::string fp = text::Fold(x.post);
    if (!want_post.empty() && fp.find(want_post) == std::string::npos) continue;
    const auto key = std::make_pair(x.organization, fp);
    post_text.emplace(key, x.post);
    PostSpan& p = by_post[key][x.person];
    p.post = x.post;
    p.organization = x.organization;
    Attest(&p, x);
  }
  std::vector<PostHolder> rows;
  for (const auto& [key, holders] : by_post) {
    std::vector<PostHolder> group;  // by person (the map's order)
    for (const auto& [person, span] : holders) {
      group.push_back({key.first, post_text[key], person, span});
    }
    // Holders in the order they are attested: order[s] is the s-th of them.
    std::vector<uint32_t> order(group.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return std::tie(group[a].span.first, group[a].span.last) <
             std::tie(group[b].span.first, group[b].span.last);
    });
    const auto begin = static_cast<uint32_t>(rows.size());
    const auto end = static_cast<uint32_t>(rows.size() + group.size());
    for (const uint32_t k : order) {
      PostHolder& r = group[k];
      r.group_begin = begin;
      r.group_end = end;
      rows.push_back(std::move(r));
    }
    for (uint32_t s = 0; s < order.size(); ++s) rows[begin + order[s]].by_name = begin + s;
  }
  return rows;
}

std::vector<std::string> HolderOverlaps(const std::vector<PostHolder>& rows, size_t i) {
  std::vector<std::string> out;
  const PostHolder& a = rows[i];
  // In the order of the names (by_name), where PostHolders set it.
  bool by_name = true;
  for (size_t k = a.group_begin; k < a.group_end && k < rows.size(); ++k) {
    const uint32_t j = rows[k].by_name;
    if (j < a.group_begin || j >= a.group_end || j >= rows.size()) {
      by_name = false;
      break;
    }
    if (j != i && HeldAtOnce(a.span, rows[j].span)) out.push_back(rows[j].person);
  }
  if (by_name) return out;
  out.clear();
  for (size_t j = a.group_begin; j < a.group_end && j < rows.size(); ++j) {
    if (j != i && HeldAtOnce(a.span, rows[j].span)) out.push_back(rows[j].person);
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json EntityProfileJson(const EntityProfile& p,
                                 const std::unordered_map<std::string, const Story*>* stories) {
  auto story = [&](const std::string& id) -> const Story* {
    auto it = stories->find(id);
    return it == stories->end() ? nullptr : it->second;
  };
  const Entity& e = *p.entity;
  nlohmann::json j = EntityJson(e);
  j["id"] = e.id;
  j["mentions"] = e.mentions;
  j["first_seen"] = e.first_seen;
  j["last_seen"] = e.last_seen;
  j["posts"] = nlohmann::json::array();
  for (const PostSpan& s : p.posts) {
    j["posts"].push_back({{"post", s.post},
                          {"organization", s.organization},
                          {"first", s.first},
                          {"last", s.last},
                          {"first_story", s.first_story},
                          {"last_story", s.last_story},
                          {"stories", s.stories}});
    if (stories != nullptr) {
      j["posts"].back()["evidence"] = EvidenceJson(
          EvidenceOf(story(s.first_story), s.first_sentence_begin, s.first_sentence_end));
    }
  }
  j["stories"] = nlohmann::json::array();
  for (const Story* s : p.stories) {
    j["stories"].push_back({{"id", s->id}, {"date", s->date}, {"title", s->title}});
  }
  j["stories_total"] = p.stories_total;
  j["co_mentioned"] = nlohmann::json::array();
  for (const auto& [n, o] : p.co_mentioned) {
    j["co_mentioned"].push_back(
        {{"id", o->id}, {"name", o->name}, {"type", EntityTypeName(o->type)}, {"stories", n}});
  }
  j["mentions_by_month"] = nlohmann::json::array();
  for (const auto& [month, n] : p.mentions_by_month) {
    j["mentions_by_month"].push_back({{"month", month}, {"mentions", n}});
  }
  j["undated_mentions"] = p.undated_mentions;
  j["events"] = nlohmann::json::array();
  for (const Event* ev : p.events) {
    j["events"].push_back(EventJson(*ev));
    if (stories != nullptr) {
      j["events"].back()["evidence"] =
          EvidenceJson(EvidenceOf(story(ev->story_id), ev->sentence_begin, ev->sentence_end));
    }
  }
  j["events_total"] = p.events_total;
  return j;
}

Evidence PostHolderEvidence(const PostHolder& h,
                            const std::unordered_map<std::string, const Story*>& stories) {
  auto it = stories.find(h.span.first_story);
  return EvidenceOf(it == stories.end() ? nullptr : it->second, h.span.first_sentence_begin,
                    h.span.first_sentence_end);
}

nlohmann::json PostHolderJson(const PostHolder& r) {
  return {{"organization", OrNull(r.organization)},
          {"post", r.post},
          {"person", r.person},
          {"first", r.span.first},
          {"last", r.span.last},
          {"first_story", r.span.first_story},
          {"last_story", r.span.last_story},
          {"stories", r.span.stories},
          {"overlaps", r.overlaps}};
}

nlohmann::json PostHolderJson(const std::vector<PostHolder>& rows, size_t i) {
  nlohmann::json j = PostHolderJson(rows[i]);
  j["overlaps"] = HolderOverlaps(rows, i);
  return j;
}

}  // namespace annals::query
