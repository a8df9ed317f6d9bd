// The steps that join the forms of one entity across stories: explicit
// aliases, aligned stories, persons, acronyms, anaphors, bodies, word orders,
// short document names.
#include "src/extract/resolve_internal.h"

namespace annals::extract::resolve_internal {

Status Resolver::ExplicitAliases() {
  return ForEachStory([&](uint32_t, HeldStory& story) {
    for (const HeldMention& m : story.mentions) {
      if (m.alias_of < 0 || m.node < 0) continue;
      const int other = story.Node(m.alias_of);
      if (other >= 0) uf_.Union(m.node, other);
    }
  });
}

Status Resolver::AlignedStories() {
  struct Sketch {
    bool cyrillic = false;
    std::set<int> shared;    // roots of the people and states it names
    std::set<int> acronyms;  // nodes of its "(ABC)" acronyms
  };
  std::map<std::string, std::vector<Sketch>> by_date;
  // Of each node's first form: 1 Cyrillic, 0 Latin, -1 none; an acronym.
  std::vector<int8_t> script(nodes_.size(), -1);
  std::vector<uint8_t> acronym(nodes_.size(), 0);
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].forms.empty()) continue;
    const std::string& form = nodes_[n].forms.begin()->first;
    std::string lower;
    AppendLower(form, &lower);
    script[n] = IsCyrillicWord(lower) ? 1 : 0;
    acronym[n] = IsAcronymName(form) ? 1 : 0;
  }
  const std::vector<int> roots = Roots();
  // A story's sketch on the workers, as [cyrillic, acronym, shared...]
  // when it is kept; kept by date in order.
  Status st = ForEachStory(
      [&](uint32_t s, HeldStory& story) {
        const std::vector<int>& x = story.mapped;
        if (x.empty()) return;
        Sketch k{.cyrillic = x[0] != 0, .shared = {x.begin() + 2, x.end()}, .acronyms = {x[1]}};
        by_date[heads_[s].date].push_back(std::move(k));
      },
      [&](uint32_t s, HeldStory& story) {
        if (s >= heads_.size() || heads_[s].date.empty()) return;
        std::set<int> shared, acronyms;
        int cyrillic = 0, latin = 0;
        for (const HeldMention& m : story.mentions) {
          if (m.node < 0) continue;
          const auto n = static_cast<size_t>(m.node);
          if (script[n] < 0) continue;
          ++(script[n] == 1 ? cyrillic : latin);
          if (m.type == EntityType::kPerson || m.type == EntityType::kCountry) {
            shared.insert(roots[n]);
          }
          if (m.alias_of >= 0 && m.type == EntityType::kOrganization && acronym[n]) {
            acronyms.insert(m.node);
          }
        }
        if (shared.size() < 2 || acronyms.size() != 1) return;
        story.mapped = {cyrillic > latin ? 1 : 0, *acronyms.begin()};
        story.mapped.insert(story.mapped.end(), shared.begin(), shared.end());
      });
  if (!st) return st;
  for (const auto& [date, sketches] : by_date) {
    for (const Sketch& a : sketches) {
      if (!a.cyrillic) continue;
      for (const Sketch& b : sketches) {
        if (b.cyrillic) continue;
        int common = 0;
        for (int r : a.shared) common += b.shared.count(r) != 0 ? 1 : 0;
        if (common >= 2) uf_.Union(*a.acronyms.begin(), *b.acronyms.begin());
      }
    }
  }
  return st;
}

void Resolver::Persons() {
  // Full names (no initials, two words or more) by surname.
  std::map<std::string, std::vector<int>> full_by_surname;
  std::vector<PersonName> names(nodes_.size());
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].type != EntityType::kPerson || nodes_[n].forms.empty()) continue;
    names[n] = ParsePerson(nodes_[n].forms.begin()->first);
    if (names[n].initials.empty() && names[n].words.size() >= 2) {
      full_by_surname[names[n].words.back()].push_back(static_cast<int>(n));
    }
  }
  // Full names that differ only in middle names: "Ivan Petrovich Smith" = "Ivan Smith".
  for (auto& [surname, full] : full_by_surname) {
    for (size_t i = 0; i < full.size(); ++i) {
      for (size_t j = i + 1; j < full.size(); ++j) {
        const auto& a = names[static_cast<size_t>(full[i])].words;
        const auto& b = names[static_cast<size_t>(full[j])].words;
        if (a.front() == b.front()) uf_.Union(full[i], full[j]);
      }
    }
  }
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].type != EntityType::kPerson || nodes_[n].forms.empty()) continue;
    const PersonName& p = names[n];
    if (p.words.empty()) continue;
    if (p.initials.empty() && p.words.size() >= 2) continue;
    auto it = full_by_surname.find(p.words.back());
    if (it == full_by_surname.end()) continue;
    std::set<int> roots;
    for (int f : it->second) {
      const auto& fw = names[static_cast<size_t>(f)].words;
      // Initials must match the given names they stand for.
      bool ok = true;
      for (size_t k = 0; k < p.initials.size() && k + 1 < fw.size(); ++k) {
        ok = ok && Upper1(fw[k]) == p.initials[k];
      }
      if (!p.initials.empty() && p.initials[0] != Upper1(fw[0])) ok = false;
      if (ok) roots.insert(uf_.Find(f));
    }
    if (roots.size() == 1) uf_.Union(static_cast<int>(n), *roots.begin());
  }
}

void Resolver::Acronyms() {
  // initials -> the distinct name keys that have them.
  std::unordered_map<std::string, std::set<std::string>> by_initials;
  std::unordered_map<std::string, std::vector<int>> nodes_by_key;  // name or body key
  for (size_t n = 0; n < nodes_.size(); ++n) {
    const Node& node = nodes_[n];
    if (node.forms.empty()) continue;
    for (const auto& [form, count] : node.forms) {
      if (AllCapsWord(form)) continue;
      const std::string key = NameKey(form);
      nodes_by_key[TypeKey(node.type, key)].push_back(static_cast<int>(n));
      for (const std::string& ini : Initials(form)) {
        by_initials[TypeKey(node.type, ini)].insert(key);
      }
    }
    for (const std::string& body : node.bodies) {
      const std::string key = NameKey(body);
      nodes_by_key[TypeKey(node.type, key)].push_back(static_cast<int>(n));
      for (const std::string& ini : Initials(body)) {
        by_initials[TypeKey(node.type, ini)].insert(key);
      }
    }
  }
  for (size_t n = 0; n < nodes_.size(); ++n) {
    const Node& node = nodes_[n];
    if (!node.acronym) continue;
    for (const auto& [form, count] : node.forms) {
      if (!AllCapsWord(form)) continue;
      std::string letters;
      for (char c : form) {
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) letters += c;
      }
      auto it = by_initials.find(TypeKey(node.type, letters));
      if (it == by_initials.end()) continue;
      // The names with these initials must be one entity's, though they
      // may be several spellings ("Commission for X", "Commission on X").
      std::set<int> roots;
      for (const std::string& key : it->second) {
        for (int other : nodes_by_key[TypeKey(node.type, key)]) roots.insert(uf_.Find(other));
      }
      if (roots.size() != 1) continue;
      for (int other : nodes_by_key[TypeKey(node.type, *it->second.begin())]) {
        uf_.Union(static_cast<int>(n), other);
      }
    }
  }
}

std::unordered_map<int, std::string> Resolver::Expansions() {
  std::unordered_map<int, std::string> out;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    for (const auto& [form, count] : nodes_[n].forms) {
      if (AllCapsWord(form) || form.find(' ') == std::string::npos) continue;
      std::string& best = out[uf_.Find(static_cast<int>(n))];
      if (form.size() > best.size()) best = form;
    }
    if (nodes_[n].gazetteer >= 0) {
      const GazetteerEntry& e = gaz_.entry(nodes_[n].gazetteer);
      std::string& best = out[uf_.Find(static_cast<int>(n))];
      if (best.empty()) best = e.name;
    }
  }
  return out;
}

Resolver::AcronymSpelling Resolver::Spelling() {
  AcronymSpelling s{Expansions(), {}, {}};
  for (size_t n = 0; n < nodes_.size(); ++n) {
    for (const auto& [form, count] : nodes_[n].forms) {
      if (!AllCapsWord(form) || form.find(' ') != std::string::npos) continue;
      const int r = uf_.Find(static_cast<int>(n));
      auto [it, fresh] = s.acronym_root.emplace(form, r);
      if (!fresh && it->second != r) s.ambiguous.insert(form);
    }
  }
  return s;
}

std::string Resolver::SpellOut(const AcronymSpelling& s, const std::string& form, bool* changed) {
  std::vector<Token> toks;
  Tokenize(form, &toks);
  std::string out;
  for (const Token& t : toks) {
    if (t.kind == TokenKind::kPunct) continue;
    const std::string w(TokenText(form, t));
    if (!out.empty()) out += ' ';
    auto it = s.acronym_root.find(w);
    if (t.Has(kAllCaps) && it != s.acronym_root.end() && !s.ambiguous.count(w)) {
      auto ex = s.expansions.find(it->second);
      if (ex != s.expansions.end() && !ex->second.empty()) {
        out += ex->second;
        *changed = true;
        continue;
      }
    }
    out += w;
  }
  return out;
}

void Resolver::ExpandedAcronyms() {
  const AcronymSpelling spelling = Spelling();
  std::unordered_map<std::string, int> by_key;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    by_key.emplace(TypeKey(nodes_[n].type, nodes_[n].key), static_cast<int>(n));
  }
  for (size_t n = 0; n < nodes_.size(); ++n) {
    for (const auto& [form, count] : nodes_[n].forms) {
      if (form.find(' ') == std::string::npos) continue;
      bool changed = false;
      const std::string expanded = SpellOut(spelling, form, &changed);
      if (!changed) continue;
      auto hit = by_key.find(TypeKey(nodes_[n].type, NameKey(expanded)));
      if (hit != by_key.end()) uf_.Union(static_cast<int>(n), hit->second);
    }
  }
}

void Resolver::WordOrders() {
  const AcronymSpelling spelling = Spelling();
  std::unordered_map<std::string, int> by_bag;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].type != EntityType::kOrganization) continue;
    for (const auto& [form, count] : nodes_[n].forms) {
      if (form.find(' ') == std::string::npos) continue;
      bool changed = false;
      const std::string spelled = SpellOut(spelling, form, &changed);
      std::vector<std::string> words;
      std::string key = NameKey(spelled);
      size_t start = 0;
      while (start < key.size()) {
        size_t sp = key.find(' ', start);
        if (sp == std::string::npos) sp = key.size();
        const std::string w = key.substr(start, sp - start);
        if (!w.empty() && !IsConnector(w) && w != "a") words.push_back(w);
        start = sp + 1;
      }
      if (words.size() < 5) continue;
      std::sort(words.begin(), words.end());
      std::string bag;
      for (const std::string& w : words) bag += w + ' ';
      auto [hit, fresh] = by_bag.emplace(bag, static_cast<int>(n));
      if (!fresh) uf_.Union(static_cast<int>(n), hit->second);
    }
  }
}

Status Resolver::ResolveAnaphors() {
  std::unordered_map<int, std::set<std::string>> heads;  // root -> last words
  std::unordered_map<int, int> total;                     // root -> mentions
  for (size_t n = 0; n < nodes_.size(); ++n) {
    const int r = uf_.Find(static_cast<int>(n));
    for (const auto& [form, count] : nodes_[n].forms) {
      total[r] += count;
      if (AllCapsWord(form)) continue;
      heads[r].insert(HeadKey(NameKey(form)));
    }
  }
  // Across the archive, the roots Pick would weigh for a type and head
  // (those of that type with that head), in the order of their roots.
  const std::map<int, int> total_ordered(total.begin(), total.end());
  std::unordered_map<std::string, std::map<int, int>> by_head;
  for (const auto& [root, n] : total_ordered) {
    const auto h = heads.find(root);
    if (h == heads.end()) continue;
    for (const std::string& head : h->second) {
      by_head[TypeKey(nodes_[static_cast<size_t>(root)].type, head)].emplace(root, n);
    }
  }
  const std::map<int, int> none;
  const std::vector<int> roots = Roots();
  // Each story's anaphors on the workers; their columns written in order.
  Status st = ForEachStory(
      [&](uint32_t, HeldStory& story) { anaphors_->Append(story.mapped_record); },
      [&](uint32_t, HeldStory& story) {
        const auto& ms = story.mentions;
        std::vector<int>& picked = story.mapped;
        picked.assign(ms.size(), -1);
        std::map<int, int> in_story;  // root -> mentions in this story
        for (const HeldMention& m : ms) {
          if (m.node >= 0) ++in_story[roots[static_cast<size_t>(m.node)]];
        }
        for (uint32_t i = 0; i < ms.size(); ++i) {
          const std::string_view head =
              !ms[i].anaphor_head.empty() ? ms[i].anaphor_head : ms[i].parent_head;
          if (head.empty()) continue;
          const std::string h = std::string(SpellingVariant(head));
          picked[i] = Pick(h, in_story, heads, ms[i].type, /*archive=*/false);
          if (picked[i] >= 0) continue;
          const auto candidates = by_head.find(TypeKey(ms[i].type, h));
          picked[i] = Pick(h, candidates == by_head.end() ? none : candidates->second, heads,
                           ms[i].type, /*archive=*/true);
        }
        story.mapped_record = EncodeColumn(picked);
      });
  return st ? anaphors_->status() : st;
}

int Resolver::Pick(const std::string& head, const std::map<int, int>& counts,
                   const std::unordered_map<int, std::set<std::string>>& heads, EntityType type,
                   bool archive) const {
  int best = -1, best_n = 0, second_n = 0;
  for (const auto& [root, n] : counts) {
    if (nodes_[static_cast<size_t>(root)].type != type) continue;
    const auto h = heads.find(root);
    if (h == heads.end() || !h->second.count(head)) continue;
    if (n > best_n) {
      second_n = best_n;
      best = root;
      best_n = n;
    } else if (n > second_n) {
      second_n = n;
    }
  }
  if (archive) return best_n >= 2 * second_n && best_n > 0 ? best : -1;
  return best_n > second_n ? best : -1;
}

int Resolver::ParentNode(const HeldStory& story, uint32_t i) {
  const HeldMention& m = story.mentions[i];
  if (m.parent >= 0) {
    const int n = story.Node(m.parent);
    if (n >= 0) return n;
    return HeldStory::At(story.anaphor, m.parent);
  }
  const int a = HeldStory::At(story.anaphor, static_cast<int>(i));
  if (!m.parent_head.empty() && a >= 0) return a;
  return -1;
}

Status Resolver::Bodies() {
  std::map<std::string, std::set<int>> parents_of_body;           // type:body key -> parents
  std::map<std::pair<int, std::string>, std::vector<int>> group;  // (parent, body) -> nodes
  const std::vector<int> roots = Roots();
  // A story's bodies on the workers: [parent, node] pairs and their body
  // keys; grouped in order.
  Status st = ForEachStory(
      [&](uint32_t, HeldStory& story) {
        for (size_t j = 0; j < story.mapped_keys.size(); ++j) {
          const int p = story.mapped[2 * j], node = story.mapped[2 * j + 1];
          parents_of_body[story.mapped_keys[j]].insert(p);
          group[{p, std::move(story.mapped_keys[j])}].push_back(node);
        }
      },
      [&](uint32_t, HeldStory& story) {
        const auto& ms = story.mentions;
        for (uint32_t i = 0; i < ms.size(); ++i) {
          if (ms[i].body.empty() || ms[i].node < 0) continue;
          const int p = ParentNode(story, i);
          if (p < 0) continue;
          story.mapped.push_back(roots[static_cast<size_t>(p)]);
          story.mapped.push_back(ms[i].node);
          story.mapped_keys.push_back(TypeKey(ms[i].type, NameKey(ms[i].body)));
        }
      });
  if (!st) return st;
  std::unordered_map<std::string, int> by_key;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    by_key.emplace(TypeKey(nodes_[n].type, nodes_[n].key), static_cast<int>(n));
  }
  // Bodies of one parent written with other connectors are one.
  std::map<std::pair<int, std::string>, int> by_folded;
  for (const auto& [pb, ns] : group) {
    const size_t colon = pb.second.find(':');
    const std::string folded = ConnectorKey(pb.second.substr(colon + 1));
    if (folded.empty()) continue;
    auto [it, fresh] = by_folded.emplace(std::make_pair(pb.first, pb.second.substr(0, colon) + folded), ns[0]);
    if (!fresh) uf_.Union(it->second, ns[0]);
  }
  for (const auto& [pb, ns] : group) {
    for (size_t i = 1; i < ns.size(); ++i) uf_.Union(ns[0], ns[i]);
    if (parents_of_body[pb.second].size() == 1) {
      auto it = by_key.find(pb.second);
      if (it != by_key.end()) uf_.Union(ns[0], it->second);
      // The body alone, written with other connectors.
      const size_t colon = pb.second.find(':');
      const std::string folded = ConnectorKey(pb.second.substr(colon + 1));
      it = folded.empty() ? by_key.end()
                          : by_key.find(pb.second.substr(0, colon + 1) + "~" + folded);
      if (it != by_key.end()) uf_.Union(ns[0], it->second);
    }
  }
  // A shorter name of a body under the same parent, with the same head and
  // a subset of the words, is that body when only one body has them all
  // ("NDA Rescue Forces" = "NDA Joint Rescue Forces").
  std::map<int, std::vector<std::pair<std::string, int>>> by_parent;
  for (const auto& [pb, ns] : group) by_parent[pb.first].push_back({pb.second, ns[0]});
  auto words = [](const std::string& type_key) {
    std::set<std::string> w;
    const std::string key = type_key.substr(type_key.find(':') + 1);
    size_t start = 0;
    while (start <= key.size()) {
      const size_t sp = key.find(' ', start);
      std::string part = key.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
      if (!part.empty() && !IsConnector(part)) w.insert(part);
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    return w;
  };
  for (const auto& [parent, bodies] : by_parent) {
    for (const auto& [ka, na] : bodies) {
      const std::set<std::string> wa = words(ka);
      int super = -1, supers = 0;
      for (const auto& [kb, nb] : bodies) {
        if (kb == ka || LastWordKey(kb) != LastWordKey(ka)) continue;
        if (ka.substr(0, ka.find(':')) != kb.substr(0, kb.find(':'))) continue;
        const std::set<std::string> wb = words(kb);
        if (wa.size() < wb.size() && std::includes(wb.begin(), wb.end(), wa.begin(), wa.end())) {
          super = nb;
          ++supers;
        }
      }
      if (supers == 1) uf_.Union(na, super);
    }
  }
  return Ok();
}

void Resolver::ShortDocumentNames() {
  std::map<std::pair<EntityType, std::string>, std::set<int>> by_prefix;
  auto cut = [](EntityType t, const std::string& w) {
    if (t == EntityType::kOrganization) return w == "of";
    return w == "on" || w == "of" || w == "for" || w == "in" || w == "concerning";
  };
  auto typed = [](EntityType t) {
    return t == EntityType::kDocument || t == EntityType::kOrganization;
  };
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (!typed(nodes_[n].type)) continue;
    const std::string& key = nodes_[n].key;
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      const size_t next = key.find(' ', sp + 1);
      const std::string w = key.substr(sp + 1, next == std::string::npos ? std::string::npos
                                                                          : next - sp - 1);
      if (cut(nodes_[n].type, w)) {
        by_prefix[{nodes_[n].type, key.substr(0, sp)}].insert(uf_.Find(static_cast<int>(n)));
      }
    }
  }
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (!typed(nodes_[n].type) || nodes_[n].acronym) continue;
    auto it = by_prefix.find({nodes_[n].type, nodes_[n].key});
    if (it == by_prefix.end() || it->second.size() != 1) continue;
    if (nodes_[n].key.find(' ') == std::string::npos) continue;
    uf_.Union(static_cast<int>(n), *it->second.begin());
  }
}

}  // namespace annals::extract::resolve_internal
