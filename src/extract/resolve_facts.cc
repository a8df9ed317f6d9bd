// The facts built from the stories' raw facts, and the user's corrections
// (merge, split, rename) applied in order.
#include "src/extract/resolve_internal.h"

namespace annals::extract::resolve_internal {

Status Resolver::BuildFacts() {
  // The organizations of the stories, made before the workers read them.
  if (!heads_.empty()) StoryOrganization(0);
  // A story's facts on the workers, their posts (mapped_keys) named in
  // order, here.
  Status st = ForEachStory(
      [&](uint32_t, HeldStory& story) {
        for (size_t j = 0; j < story.mapped_facts.size(); ++j) {
          FactRec& r = story.mapped_facts[j];
          if (r.type == FactType::kHoldsPost) r.post = PostId(std::move(story.mapped_keys[j]));
          facts_->Append(EncodeFact(r));
        }
      },
      [&](uint32_t s, HeldStory& story) {
        story.mapped_facts.clear();
        for (const HeldFact& f : story.facts) {
          std::string post;
          FactRec r{.type = f.type, .year = f.year, .story = s,
                    .sentence_begin = f.sentence_begin, .sentence_end = f.sentence_end};
          r.person = RecOfRaw(story, f.person);
          r.person_mention = HeldStory::At(story.mention_of, f.person);
          r.country = RecOfRaw(story, f.country);
          r.country_mention = HeldStory::At(story.mention_of, f.country);
          if (f.organization == kStoryOrganization) {
            r.organization = story_org_[s] >= 0 ? story_org_[s] : archive_org_;
          } else {
            r.organization = RecOfRaw(story, f.organization);
            r.organization_mention = HeldStory::At(story.mention_of, f.organization);
          }
          switch (f.type) {
            case FactType::kHoldsPost: {
              if (r.person < 0 || Rec(r.person).type != EntityType::kPerson) continue;
              post = std::string(f.title);
              if (r.organization >= 0) {
                const EntityRec& o = recs_[static_cast<size_t>(r.organization)];
                if (o.entity.type == EntityType::kPerson) {
                  r.organization = -1;
                } else if (o.parent >= 0 && o.entity.type == EntityType::kOrganization &&
                           !TitleIsCyrillic(f.title) &&
                           Rec(Top(r.organization)).type == EntityType::kOrganization) {
                  // A state's body ("Norland Security Council", "General Staff
                  // of the Armed Forces of A") owns its posts itself.
                  // "Chief of the NDA Joint Staff": the post is "Chief of the
                  // Joint Staff", of the NDA.
                  const std::string_view b =
                      f.organization >= 0 &&
                              static_cast<size_t>(f.organization) < story.mentions.size()
                          ? story.mentions[static_cast<size_t>(f.organization)].body
                          : std::string_view();
                  std::string body = !b.empty() ? std::string(b) : ShortName(r.organization);
                  // "Head of the Department of the NDA Secretariat": of the NDA.
                  post = std::string(f.title) + " of the " + body;
                  r.organization = Top(r.organization);
                  r.organization_mention = -1;
                }
              }
              break;
            }
            case FactType::kChairs:
              if (r.country < 0 || Rec(r.country).type != EntityType::kCountry) continue;
              r.organization = Top(r.organization);
              if (r.organization < 0 || Rec(r.organization).type != EntityType::kOrganization) {
                continue;
              }
              break;
            case FactType::kMemberOf:
              if (r.country < 0 || Rec(r.country).type != EntityType::kCountry) continue;
              if (r.organization < 0 || Rec(r.organization).type != EntityType::kOrganization) {
                continue;
              }
              break;
          }
          story.mapped_facts.push_back(r);
          story.mapped_keys.push_back(std::move(post));
        }
      });
  if (st) st = facts_->status();
  if (!st) return st;
  // A post stated without its organization takes the one the archive
  // states for the same person and post, when only one.
  std::map<std::pair<int, std::string>, std::set<int>> orgs;
  bool without = false;
  st = ForEachFact([&](const FactRec& f) {
    if (f.type != FactType::kHoldsPost) return;
    if (f.organization >= 0) {
      orgs[{f.person, post_keys_[f.post]}].insert(f.organization);
    } else {
      without = true;
    }
  });
  if (!st || !without) return st;
  return RewriteFacts([&](FactRec& f) {
    if (f.type != FactType::kHoldsPost || f.organization >= 0) return;
    auto it = orgs.find({f.person, post_keys_[f.post]});
    if (it != orgs.end() && it->second.size() == 1) f.organization = *it->second.begin();
  });
}

Status Resolver::ForEachFact(const std::function<void(const FactRec&)>& fn) {
  RecordLog::Reader reader = facts_->Read();
  std::string_view record;
  FactRec f;
  for (size_t i = 0; i < facts_->size(); ++i) {
    if (!reader.Next(&record) || !DecodeFact(record, &f)) return LogCutShort(reader);
    fn(f);
  }
  return Ok();
}

Status Resolver::RewriteFacts(const std::function<void(FactRec&)>& fn) {
  auto fresh = std::make_unique<RecordLog>();
  Status st = ForEachFact([&](const FactRec& f) {
    FactRec changed = f;
    fn(changed);
    fresh->Append(EncodeFact(changed));
  });
  if (st) st = fresh->status();
  if (!st) return st;
  facts_ = std::move(fresh);
  return Ok();
}

uint32_t Resolver::PostId(std::string post) {
  auto [it, fresh] = post_ids_.try_emplace(post, static_cast<uint32_t>(posts_.size()));
  if (fresh) {
    post_keys_.push_back(NameKey(post));
    posts_.push_back(std::move(post));
  }
  return it->second;
}

std::string Resolver::ShortName(int r) const {
  const Entity& e = Rec(r);
  std::string best = e.name;
  for (const std::string& a : e.aliases) {
    if (!AllCapsWord(a) && a.size() < best.size()) best = a;
  }
  return best;
}

int Resolver::FindByName(const std::string& name) const {
  const std::string f = text::Fold(name);
  if (f.empty()) return -1;
  int best = -1;
  bool best_canonical = false;
  int best_mentions = -1;
  for (size_t r = 0; r < recs_.size(); ++r) {
    if (!recs_[r].alive) continue;
    const Entity& e = recs_[r].entity;
    const bool canonical = text::Fold(e.name) == f;
    bool hit = canonical;
    for (const std::string& a : e.aliases) hit = hit || text::Fold(a) == f;
    if (!hit) continue;
    const int n = MentionCount(static_cast<int>(r));
    if (best < 0 || (canonical && !best_canonical) ||
        (canonical == best_canonical && n > best_mentions)) {
      best = static_cast<int>(r);
      best_canonical = canonical;
      best_mentions = n;
    }
  }
  return best;
}

Status Resolver::Apply(const Correction& c) {
  const int a = FindByName(c.a);
  if (a < 0) return Ok();
  Entity& ea = recs_[static_cast<size_t>(a)].entity;
  switch (c.kind) {
    case Correction::Kind::kMerge: {
      const int b = FindByName(c.b);
      if (b < 0 || b == a) return Ok();
      EntityRec& rb = recs_[static_cast<size_t>(b)];
      std::set<std::string> seen(ea.aliases.begin(), ea.aliases.end());
      seen.insert(ea.name);
      for (const std::string& n : rb.entity.aliases) {
        if (seen.insert(n).second) ea.aliases.push_back(n);
      }
      if (seen.insert(rb.entity.name).second) ea.aliases.push_back(rb.entity.name);
      rb.alive = false;
      mention_rec_.ForEach([&](uint32_t& m) {
        if (static_cast<int>(m) == b) m = AsRec(a);
      });
      Status rewritten = RewriteFacts([&](FactRec& f) {
        if (f.person == b) f.person = a;
        if (f.organization == b) f.organization = a;
        if (f.country == b) f.country = a;
      });
      if (!rewritten) return rewritten;
      for (EntityRec& r : recs_) {
        if (r.parent == b) r.parent = a;
      }
      break;
    }
    case Correction::Kind::kSplit: {
      const std::string f = text::Fold(c.b);
      if (f.empty() || text::Fold(ea.name) == f) return Ok();
      auto it = std::find_if(ea.aliases.begin(), ea.aliases.end(),
                             [&](const std::string& x) { return text::Fold(x) == f; });
      if (it == ea.aliases.end()) return Ok();
      EntityRec nr;
      nr.entity.type = ea.type;
      nr.entity.name = *it;
      ea.aliases.erase(
          std::remove_if(ea.aliases.begin(), ea.aliases.end(),
                         [&](const std::string& x) { return text::Fold(x) == f; }),
          ea.aliases.end());
      recs_.push_back(std::move(nr));
      const int b = static_cast<int>(recs_.size()) - 1;
      // The mentions written so are read in their texts, a chunk at a time.
      std::vector<bool> moved(mention_rec_.size(), false);
      PlaceCursor places(*this);
      Status read = source_.ForEachChunk([&](size_t first, std::span<const Story> chunk) {
        for (size_t c = 0; c < chunk.size() && first + c < heads_.size(); ++c) {
          const std::string& t = chunk[c].text;
          Status st = places.Next(static_cast<uint32_t>(first + c), [&](size_t i, Place p) {
            if (static_cast<int>(mention_rec_[i]) != a || p.begin > p.end || p.end > t.size()) {
              return;
            }
            if (text::Fold(std::string_view(t).substr(p.begin, p.end - p.begin)) == f) {
              mention_rec_[i] = AsRec(b);
              moved[i] = true;
            }
          });
          if (!st) return st;
        }
        return Ok();
      });
      if (!read) return read;
      auto moved_mention = [&](int mi) { return mi >= 0 && moved[static_cast<size_t>(mi)]; };
      Status rewritten = RewriteFacts([&](FactRec& fr) {
        if (fr.person == a && moved_mention(fr.person_mention)) fr.person = b;
        if (fr.organization == a && moved_mention(fr.organization_mention)) fr.organization = b;
        if (fr.country == a && moved_mention(fr.country_mention)) fr.country = b;
      });
      if (!rewritten) return rewritten;
      break;
    }
    case Correction::Kind::kRename: {
      const std::string name(text::Trim(c.b));
      if (name.empty() || name == ea.name) return Ok();
      std::string old = ea.name;
      ea.name = name;
      ea.aliases.erase(std::remove(ea.aliases.begin(), ea.aliases.end(), name),
                       ea.aliases.end());
      if (std::find(ea.aliases.begin(), ea.aliases.end(), old) == ea.aliases.end()) {
        ea.aliases.push_back(old);
      }
      break;
    }
  }
  return Ok();
}

}  // namespace annals::extract::resolve_internal
