// The Knowledge written from the resolved entities, mentions and facts.
#include "src/extract/resolve_internal.h"

namespace annals::extract::resolve_internal {

Result<Knowledge> Resolver::Output(bool park) {
  Knowledge k;
  std::vector<int> out_index(recs_.size(), -1);
  // Each entity's mention count and earliest and latest dated story.
  struct Seen {
    int mentions = 0;
    int in_titles = 0;
    int alone = 0;  // not only a parent inside a longer name
    const std::string* first = nullptr;
    const std::string* last = nullptr;
  };
  std::vector<Seen> seen_of(recs_.size());
  for (uint32_t s = 0; s < heads_.size(); ++s) {
    const std::string& d = heads_[s].date;
    ForEachMentionOf(s, [&](size_t i) {
      Seen& x = seen_of[mention_rec_[i]];
      if (i >= inner_parent_.size() || !inner_parent_[i]) ++x.alone;
      // A name of a title keeps its entity, but is no mention of the text.
      if (i < in_title_.size() && in_title_[i]) {
        ++x.in_titles;
      } else {
        ++x.mentions;
      }
      if (d.empty()) return;
      if (!x.first || d < *x.first) x.first = &d;
      if (!x.last || d > *x.last) x.last = &d;
    });
  }
  // The entities a fact names stay, however they are mentioned.
  std::vector<bool> in_fact(recs_.size(), false);
  if (Status st = ForEachFact([&](const FactRec& f) {
        for (int r : {f.person, f.organization, f.country}) {
          if (r >= 0) in_fact[static_cast<size_t>(r)] = true;
        }
      });
      !st) {
    return tl::unexpected(st.error());
  }
  // A body only ever named as the parent inside another body's name
  // ("Institute of X of the Academy of Sciences", "Y of the Ministry of
  // Defence of A") is part of that name, not an entity of the archive;
  // unless a fact names it, or it is itself a body of an organization
  // ("Centre Z of the Academy W of the Ministry V": the Academy is one).
  std::vector<bool> inner_only(recs_.size(), false);
  for (size_t r = 0; r < recs_.size(); ++r) {
    const int p = recs_[r].parent;
    inner_only[r] = seen_of[r].alone == 0 && !in_fact[r] &&
                    recs_[r].entity.type == EntityType::kOrganization &&
                    (p < 0 ||
                     recs_[static_cast<size_t>(p)].entity.type != EntityType::kOrganization);
  }
  for (size_t r = 0; r < recs_.size(); ++r) {
    const Seen& x = seen_of[r];
    if (!recs_[r].alive || x.mentions + x.in_titles == 0 || inner_only[r]) continue;
    Entity e = std::move(recs_[r].entity);  // recs_ is not read past here
    e.id = EntityId(e.type, e.name);
    e.mentions = x.mentions;
    if (x.first) e.first_seen = *x.first;
    if (x.last) e.last_seen = *x.last;
    out_index[r] = static_cast<int>(k.entities.size());
    k.entities.push_back(std::move(e));
  }
  // Mentions of the entities kept, by story and place (the entity orders
  // two of one span): story by story, those BuildEntities found and those
  // of the second pass, sorted. Into the file when parked, else the list.
  auto by_place = [](const MentionRef& a, const MentionRef& b) {
    return std::tie(a.begin, a.end, a.entity) < std::tie(b.begin, b.end, b.entity);
  };
  if (park) {
    k.parked_mentions = std::make_shared<ParkedMentions>();
  } else {
    size_t kept = 0;
    mention_rec_.ForEach([&](uint32_t r) { kept += out_index[r] >= 0; });
    k.mentions.reserve(kept);
  }
  {
    PlaceCursor places(*this);
    std::vector<MentionRef> story;
    for (uint32_t s = 0; s < heads_.size(); ++s) {
      story.clear();
      Status st = places.Next(s, [&](size_t i, Place p) {
        const int out = out_index[mention_rec_[i]];
        // A name of the title counted for its entity; it has no place in the text.
        if (out >= 0 && (p.begin & kInTitle) == 0) story.push_back({AsRec(out), s, p.begin, p.end});
      });
      if (!st) return tl::unexpected(st.error());
      std::sort(story.begin(), story.end(), by_place);
      if (park) {
        k.parked_mentions->Add(s, story);
      } else {
        k.mentions.insert(k.mentions.end(), story.begin(), story.end());
      }
    }
  }
  mention_rec_.Drain([](uint32_t) {});  // frees the blocks
  if (park) {
    if (auto st = k.parked_mentions->status(); !st) return tl::unexpected(st.error());
  }
  auto index = [&](int r) -> uint32_t {
    if (r < 0 || out_index[static_cast<size_t>(r)] < 0) return kNoEntity;
    return static_cast<uint32_t>(out_index[static_cast<size_t>(r)]);
  };
  static const std::string kNone;
  auto name = [&](uint32_t e) -> const std::string& {
    return e == kNoEntity ? kNone : k.entities[e].name;
  };
  // The fact a FactRec gives, or nullopt when one of its entities is gone.
  auto fact = [&](const FactRec& f) -> std::optional<FactRef> {
    FactRef x{.type = f.type,
              .year = f.year,
              .story = f.story,
              .sentence_begin = f.sentence_begin,
              .sentence_end = f.sentence_end};
    if (f.type == FactType::kHoldsPost) {
      x.person = index(f.person);
      x.post = posts_[f.post];
      x.organization = index(f.organization);
      if (name(x.person).empty()) return std::nullopt;
    } else {
      x.country = index(f.country);
      x.organization = index(f.organization);
      if (name(x.country).empty() || name(x.organization).empty()) return std::nullopt;
    }
    return x;
  };
  // A fact stated twice in one story is output once. The facts come story by
  // story (BuildFacts), so the facts seen are those of the current story.
  std::set<std::tuple<uint32_t, int, std::string, std::string, std::string, int>> seen;
  // f's fact, or nullopt when it is gone or stated before in its story.
  auto kept = [&](const FactRec& f) -> std::optional<FactRef> {
    if (!seen.empty() && std::get<0>(*seen.begin()) != f.story) seen.clear();
    std::optional<FactRef> x = fact(f);
    // By names, as the output will read.
    if (!x || !seen.insert({f.story, static_cast<int>(f.type),
                            name(x->person) + "\n" + name(x->country), post_keys_[f.post],
                            name(x->organization), x->year})
                   .second) {
      return std::nullopt;
    }
    return x;
  };
  if (park) {
    k.parked_facts = std::make_shared<ParkedFacts>();
    Status st = ForEachFact([&](const FactRec& f) {
      if (std::optional<FactRef> x = kept(f)) k.parked_facts->Add(*x);
    });
    if (st) st = k.parked_facts->status();
    if (!st) return tl::unexpected(st.error());
    return k;
  }
  // Which are kept is known first, so that the list takes its exact size.
  std::vector<bool> keep;
  keep.reserve(facts_->size());
  size_t kept_facts = 0;
  Status st = ForEachFact([&](const FactRec& f) {
    keep.push_back(kept(f).has_value());
    kept_facts += keep.back();
  });
  if (!st) return tl::unexpected(st.error());
  k.facts.reserve(kept_facts);
  size_t at = 0;
  st = ForEachFact([&](const FactRec& f) {
    if (keep[at++]) k.facts.push_back(*fact(f));
  });
  if (!st) return tl::unexpected(st.error());
  return k;
}

}  // namespace annals::extract::resolve_internal
