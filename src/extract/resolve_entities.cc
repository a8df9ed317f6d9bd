// The entities built from the joined names, and the second pass that finds
// their shorter forms again in every story.
#include <future>

#include "src/extract/resolve_internal.h"

namespace annals::extract::resolve_internal {

Status Resolver::BuildEntities() {
  std::map<int, int> rec_of_root;
  // Roots in order of first appearance, so that output order is stable.
  std::vector<int> mention_of;
  std::vector<uint8_t> inner;
  std::vector<Place> places;
  first_mention_[kReadPass] = {0};
  Status st = ForEachStory([&](uint32_t, HeldStory& story) {
    const auto& ms = story.mentions;
    mention_of.assign(ms.size(), -1);
    places.clear();
    // The parents named only inside their child's name ("the Academy of
    // Sciences" in "Institute of X of the Academy of Sciences").
    inner.assign(ms.size(), 0);
    for (const HeldMention& m : ms) {
      if (m.parent < 0 || static_cast<size_t>(m.parent) >= ms.size()) continue;
      const HeldMention& p = ms[static_cast<size_t>(m.parent)];
      if (p.begin >= m.begin && p.end <= m.end && (p.begin != m.begin || p.end != m.end)) {
        inner[static_cast<size_t>(m.parent)] = 1;
      }
    }
    for (uint32_t i = 0; i < ms.size(); ++i) {
      int node = ms[i].node;
      if (node < 0) node = HeldStory::At(story.anaphor, static_cast<int>(i));
      if (node < 0) continue;
      const int root = uf_.Find(node);
      auto [it, fresh] = rec_of_root.emplace(root, static_cast<int>(recs_.size()));
      if (fresh) recs_.push_back({});
      mention_of[i] = static_cast<int>(mention_rec_.size());
      mention_rec_.push_back(AsRec(it->second));
      in_title_.push_back((ms[i].begin & kInTitle) != 0);
      inner_parent_.push_back(inner[i] != 0);
      places.push_back({ms[i].begin, ms[i].end});
    }
    mention_of_->Append(EncodeColumn(mention_of));
    places_[kReadPass]->Append(EncodePlaces(places));
    first_mention_[kReadPass].push_back(mention_rec_.size());
  });
  if (st) st = mention_of_->status();
  if (st) st = places_[kReadPass]->status();
  if (!st) return st;
  // Names.
  std::vector<std::map<std::string, int>> forms(recs_.size());
  std::vector<int> gazetteer(recs_.size(), -1);
  std::vector<EntityType> type(recs_.size(), EntityType::kOrganization);
  for (size_t n = 0; n < nodes_.size(); ++n) {
    auto it = rec_of_root.find(uf_.Find(static_cast<int>(n)));
    if (it == rec_of_root.end()) continue;
    const auto r = static_cast<size_t>(it->second);
    for (const auto& [f, c] : nodes_[n].forms) forms[r][f] += c;
    if (nodes_[n].gazetteer >= 0) gazetteer[r] = nodes_[n].gazetteer;
    type[r] = nodes_[n].type;
  }
  for (size_t r = 0; r < recs_.size(); ++r) {
    Entity& e = recs_[r].entity;
    e.type = type[r];
    std::vector<std::string> names;
    if (gazetteer[r] >= 0) {
      const GazetteerEntry& g = gaz_.entry(gazetteer[r]);
      e.name = g.name;
      e.type = g.type;
      for (const std::string& n : g.names) names.push_back(n);
    } else {
      auto better = [&](const std::string& a, int ca, const std::string& b, int cb) {
        const bool pa = e.type == EntityType::kPerson && ParsePerson(a).initials.empty();
        const bool pb = e.type == EntityType::kPerson && ParsePerson(b).initials.empty();
        if (pa != pb) return pa;
        const bool aa = AllCapsWord(a) && a.find(' ') == std::string::npos;
        const bool ab = AllCapsWord(b) && b.find(' ') == std::string::npos;
        if (aa != ab) return !aa;
        if (IsCyrillicWord(a) && IsCyrillicWord(b)) {
          // Russian forms of one name differ by their case endings: the
          // shortest of the fullest is the nominative most often
          // ("Хромин", not "Хроминым"; "Совет ...", not "Совета ...").
          const auto wa = std::count(a.begin(), a.end(), ' ');
          const auto wb = std::count(b.begin(), b.end(), ' ');
          if (wa != wb) return wa > wb;
          if (CodePoints(a) != CodePoints(b)) return CodePoints(a) < CodePoints(b);
        }
        if (CodePoints(a) != CodePoints(b)) return CodePoints(a) > CodePoints(b);
        if (ca != cb) return ca > cb;
        return a < b;
      };
      std::string best;
      int best_c = -1;
      for (const auto& [f, c] : forms[r]) {
        if (best_c < 0 || better(f, c, best, best_c)) {
          best = f;
          best_c = c;
        }
      }
      e.name = best;
    }
    for (const auto& [f, c] : forms[r]) names.push_back(f);
    std::set<std::string> seen = {e.name};
    for (const std::string& n : names) {
      if (seen.insert(n).second) e.aliases.push_back(n);
    }
  }
  // Parents: the one parent entity the mentions name, if only one.
  // A story's [entity, parent] pairs on the workers, added in order.
  std::vector<std::set<int>> parents(recs_.size());
  const std::vector<int> roots = Roots();
  st = ForEachStory(
      [&](uint32_t, HeldStory& story) {
        const std::vector<int>& x = story.mapped;
        for (size_t j = 0; j + 1 < x.size(); j += 2) {
          parents[static_cast<size_t>(x[j])].insert(x[j + 1]);
        }
      },
      [&](uint32_t, HeldStory& story) {
        for (uint32_t i = 0; i < story.mentions.size(); ++i) {
          const int m = HeldStory::At(story.mention_of, static_cast<int>(i));
          if (m < 0) continue;
          const int p = ParentNode(story, i);
          if (p < 0) continue;
          auto pr = rec_of_root.find(roots[static_cast<size_t>(p)]);
          const int self = RecOfMention(m);
          if (pr != rec_of_root.end() && pr->second != self) {
            story.mapped.push_back(self);
            story.mapped.push_back(pr->second);
          }
        }
      });
  if (!st) return st;
  for (size_t r = 0; r < recs_.size(); ++r) {
    if (parents[r].size() == 1) recs_[r].parent = *parents[r].begin();
  }
  rec_of_root_ = std::move(rec_of_root);
  return Ok();
}

Status Resolver::SecondPass() {
  struct Alias {
    int rec = -1;
    bool single_word_ok = false;  // may match as one word outside quotes
  };
  // Looked up for every capitalized word of the archive: StringMap.
  StringMap<Alias> aliases;
  StringSet ambiguous;
  size_t max_words = 1;
  auto add = [&](const std::string& key, int rec, bool single_ok) {
    if (key.empty()) return;
    auto [it, fresh] = aliases.emplace(key, Alias{rec, single_ok});
    if (!fresh && it->second.rec != rec) ambiguous.insert(key);
    if (!fresh && it->second.rec == rec) it.value().single_word_ok |= single_ok;
    max_words = std::max(max_words,
                         static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
  };
  std::map<std::string, std::set<int>> surnames;
  for (size_t r = 0; r < recs_.size(); ++r) {
    const Entity& e = recs_[r].entity;
    if (e.type == EntityType::kCountry || e.type == EntityType::kPlace) continue;
    std::vector<std::string> names = e.aliases;
    names.push_back(e.name);
    for (const std::string& n : names) {
      const bool acr = AllCapsWord(n) && n.find(' ') == std::string::npos;
      add((acr ? "#" : "") + NameKey(n), static_cast<int>(r), acr);
      if (e.type == EntityType::kPerson) {
        PersonName p = ParsePerson(n, false);
        if (!p.words.empty()) surnames[p.words.back()].insert(static_cast<int>(r));
      }
    }
  }
  for (const auto& [surname, rs] : surnames) {
    if (rs.size() == 1) add(surname, *rs.begin(), true);
    else ambiguous.insert(surname);
  }
  for (const std::string& k : ambiguous) aliases.erase(k);
  // First word of every alias -> most words of an alias starting so.
  StringMap<size_t> first_words;
  for (const auto& [key, alias] : aliases) {
    const size_t words = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
    size_t& most = first_words[key.substr(0, key.find(' '))];
    most = std::max(most, words);
  }

  // The stories a chunk at a time, with the places of the mentions
  // already found in them: `taken[c]` are those of story first + c, and
  // `found[c]` is what the pass finds there.
  struct Scratch {
    std::vector<Token> toks;
    std::vector<uint8_t> covered;
  };
  std::vector<Scratch> scratch(static_cast<size_t>(threads_));  // one a worker
  struct Found {
    int rec = -1;
    uint32_t begin = 0, end = 0;
    std::string form;  // as written, spaces squeezed
  };
  RecordLog::Reader taken_places = places_[kReadPass]->Read();
  std::vector<std::vector<Place>> taken;
  first_mention_[kSecondPass] = {mention_rec_.size()};
  // Each entity's name and aliases, to tell a new form (kept in the order
  // found, as aliases are).
  std::vector<StringSet> names(recs_.size());
  for (size_t r = 0; r < recs_.size(); ++r) {
    names[r].insert(recs_[r].entity.name);
    names[r].insert(recs_[r].entity.aliases.begin(), recs_[r].entity.aliases.end());
  }
  // What was found in a chunk, taken story by story, in order: with several
  // threads on a thread of its own while the next chunk is read.
  auto take = [&](std::vector<std::vector<Found>> found) -> Status {
    std::vector<Place> places;
    for (std::vector<Found>& story : found) {
      places.clear();
      for (Found& m : story) {
        // What the second pass found are forms of the entities too ("Smith", "I. Smith").
        const auto r = static_cast<size_t>(m.rec);
        if (names[r].insert(m.form).second) recs_[r].entity.aliases.push_back(std::move(m.form));
        mention_rec_.push_back(AsRec(m.rec));
        places.push_back({m.begin, m.end});
      }
      places_[kSecondPass]->Append(EncodePlaces(places));
      first_mention_[kSecondPass].push_back(mention_rec_.size());
    }
    return places_[kSecondPass]->status();
  };
  std::future<Status> taking;
  size_t stories_read = 0;
  auto chunk_pass = [&](size_t first, std::span<const Story> chunk) -> Status {
    if (first != stories_read) return Fail(ErrorCode::kInvalidInput, "stories read out of order");
    chunk = chunk.first(std::min(chunk.size(), heads_.size() - std::min(first, heads_.size())));
    stories_read += chunk.size();
    taken.resize(chunk.size());
    for (std::vector<Place>& t : taken) {
      std::string_view record;
      if (!taken_places.Next(&record) || !DecodePlaces(record, &t)) {
        return LogCutShort(taken_places);
      }
    }
    std::vector<std::vector<Found>> found(chunk.size());
    ParallelFor(chunk.size(), threads_, [&](size_t c, size_t worker) {
      std::vector<Token>& toks = scratch[worker].toks;
      std::vector<uint8_t>& covered = scratch[worker].covered;
      const std::string& text = chunk[c].text;
      covered.assign(text.size() + 1, 0);
      for (const Place& p : taken[c]) {
        for (uint32_t x = p.begin; x < p.end && x < text.size(); ++x) covered[x] = 1;
      }
      auto overlaps = [&](uint32_t b, uint32_t e) {
        for (uint32_t x = b; x < e && x < text.size(); ++x) {
          if (covered[x]) return true;
        }
        return false;
      };
      Tokenize(text, &toks);
      std::string key;
      for (size_t k = 0; k < toks.size(); ++k) {
        const Token& t = toks[k];
        if (t.kind != TokenKind::kWord || !(t.Has(kCap) || t.Has(kAllCaps))) continue;
        if (covered[t.begin]) continue;
        key.clear();
        if (t.Has(kAllCaps)) key += '#';
        AppendTokenKey(TokenText(text, t), &key);
        const std::string_view kv = key;
        auto fw = first_words.find(kv.substr(0, kv.find(' ')));
        const size_t plain_words = [&] {
          auto p = first_words.find(kv.substr(t.Has(kAllCaps) ? 1 : 0, kv.find(' ')));
          return p == first_words.end() ? 0 : p->second;
        }();
        if (fw == first_words.end() && plain_words == 0) continue;
        const size_t most =
            std::max(fw == first_words.end() ? size_t{0} : fw->second, plain_words);
        key.clear();
        size_t best_len = 0;
        int best_rec = -1;
        size_t words = 0;
        for (size_t j = k; j < toks.size() && words < std::min(max_words, most); ++j) {
          const Token& w = toks[j];
          if (w.kind != TokenKind::kWord && w.kind != TokenKind::kNumber) break;
          if (j > k && w.Has(kNewlineBefore)) break;
          if (!key.empty()) key += ' ';
          AppendTokenKey(TokenText(text, w), &key);
          ++words;
          if (!(w.Has(kCap) || w.Has(kAllCaps) || w.kind == TokenKind::kNumber)) continue;
          const bool acr = words == 1 && t.Has(kAllCaps);
          auto it = acr ? aliases.find("#" + key) : aliases.find(std::string_view(key));
          if (it == aliases.end()) continue;
          if (words == 1 && !it->second.single_word_ok) {
            const bool quoted =
                k > 0 && k + 1 < toks.size() && toks[k - 1].kind == TokenKind::kPunct &&
                toks[k + 1].kind == TokenKind::kPunct && TokenText(text, toks[k - 1]) != "(" &&
                TokenText(text, toks[k - 1]) != ",";
            if (!quoted) continue;
          }
          best_len = j - k + 1;
          best_rec = it->second.rec;
        }
        if (best_rec < 0) continue;
        const uint32_t b = t.begin, e = toks[k + best_len - 1].end;
        if (overlaps(b, e)) continue;
        found[c].push_back(
            {best_rec, b, e, text::Squeeze(std::string_view(text).substr(b, e - b))});
        k += best_len - 1;
      }
    });
    if (threads_ == 1) return take(std::move(found));
    if (taking.valid()) {
      if (Status st = taking.get(); !st) return st;
    }
    taking = std::async(std::launch::async, take, std::move(found));
    return Ok();
  };
  Status read = source_.ForEachChunk(chunk_pass);
  if (taking.valid()) {
    Status st = taking.get();
    if (read) read = st;
  }
  if (!read) return read;
  if (first_mention_[kSecondPass].size() != heads_.size() + 1) {
    return Fail(ErrorCode::kInvalidInput, "stories read in part");
  }
  return Ok();
}

int Resolver::Top(int rec) const {
  for (int guard = 0; guard < 8 && rec >= 0 && recs_[static_cast<size_t>(rec)].parent >= 0;
       ++guard) {
    rec = recs_[static_cast<size_t>(rec)].parent;
  }
  return rec;
}

int Resolver::StoryOrganization(uint32_t s) {
  if (story_org_.empty()) {
    story_org_.assign(heads_.size(), -2);
    std::vector<std::map<int, int>> counts(heads_.size());
    std::map<int, int> total;
    for (uint32_t s = 0; s < heads_.size(); ++s) {
      ForEachMentionOf(s, [&](size_t i) {
        const auto r = static_cast<int>(mention_rec_[i]);
        const EntityRec& rec = recs_[static_cast<size_t>(r)];
        if (rec.entity.type != EntityType::kOrganization || rec.parent >= 0) return;
        ++counts[s][r];
        ++total[r];
      });
    }
    auto top = [](const std::map<int, int>& c) {
      int best = -1, best_n = 0;
      for (const auto& [r, n] : c) {
        if (n > best_n) {
          best = r;
          best_n = n;
        }
      }
      return best;
    };
    archive_org_ = top(total);
    for (size_t i = 0; i < heads_.size(); ++i) story_org_[i] = top(counts[i]);
  }
  return story_org_[s] >= 0 ? story_org_[s] : archive_org_;
}

}  // namespace annals::extract::resolve_internal
