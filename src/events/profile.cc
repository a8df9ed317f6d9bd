#include "src/events/profile.h"

#include "src/common/text.h"
#include "src/events/lexicon.h"
#include "src/events/timeline.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace annals::events {

// The stories by number (those of data.stories, then any story id a
// mention names that is not among them, dated ""), and per entity id its
// stories' numbers, sorted, and its earliest story's number. What the
// sections read of the facts and entities, by organization, so that a
// profile reads its organization's facts only. The sections that are the
// same for every organization (exercises, operations, documents, the events
// latest first) are made at the first profile that asks for them.
struct ProfileIndex::Tables {
  explicit Tables(const ArchiveData& data) {
    for (const Story& s : data.stories) Number(s.id, s.date, /*story=*/true);
    for (const Mention& m : data.mentions) {
      const uint32_t n = Number(m.story_id, "", /*story=*/false);
      auto [it, inserted] = first_story.emplace(m.entity_id, n);
      if (!inserted && Earlier(ids[n], dates[n], ids[it->second], dates[it->second])) {
        it->second = n;
      }
      stories_of[m.entity_id].push_back(n);
    }
    for (auto& [entity, list] : stories_of) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    // The facts a section reads, by their organization folded (each name
    // folded once).
    std::unordered_map<std::string_view, std::vector<uint32_t>*> lists[kFactTypes];
    for (uint32_t i = 0; i < data.facts.size(); ++i) {
      const Fact& f = data.facts[i];
      if (f.type == FactType::kChairs && f.year != 0) chairs_named[f.organization].push_back(i);
      const int t = Slot(f.type);
      if (t < 0) continue;
      auto [it, inserted] = lists[t].emplace(f.organization, nullptr);
      if (inserted) it->second = &facts_of[t][text::Fold(f.organization)];
      it->second->push_back(i);
    }
    for (uint32_t i = 0; i < data.entities.size(); ++i) {
      const Entity& e = data.entities[i];
      if (e.type != EntityType::kOrganization) continue;
      Org o{.entity = i, .padded = " " + text::Fold(e.name) + " "};
      for (const std::string& a : e.aliases) o.aliases.push_back(text::Fold(a));
      o.force = IsForceName(text::Fold(e.name));
      orgs.push_back(std::move(o));
    }
  }

  // The fact types the sections read: member_of, holds_post, chairs.
  static constexpr int kFactTypes = 3;
  static int Slot(FactType t) {
    switch (t) {
      case FactType::kMemberOf:
        return 0;
      case FactType::kHoldsPost:
        return 1;
      case FactType::kChairs:
        return 2;
      default:
        return -1;
    }
  }

  // Head words of the names of armed formations: the entity_force_heads
  // tables of every language.
  static bool IsForceName(const std::string& folded) {
    static const WordTable kHeads("entity_force_heads");
    for (const std::string& w : text::Tokens(folded)) {
      if (kHeads.Contains(w)) return true;
    }
    return false;
  }

  // By date ("" last), then id.
  static bool Earlier(std::string_view a, std::string_view date_a, std::string_view b,
                      std::string_view date_b) {
    const std::string_view x = date_a.empty() ? "9999" : date_a;
    const std::string_view y = date_b.empty() ? "9999" : date_b;
    return x != y ? x < y : a < b;
  }
  std::string_view DateOf(std::string_view id) const {
    auto it = at.find(id);
    return it == at.end() ? std::string_view() : dates[it->second];
  }

  // The facts of `type` (a slot of Slot) whose organization folds to one of
  // `names`: indexes in data.facts, ascending (the archive's order).
  std::vector<uint32_t> FactsOf(FactType type, const std::unordered_set<std::string>& names) const {
    std::vector<uint32_t> out;
    const auto& by_name = facts_of[Slot(type)];
    for (const std::string& n : names) {
      auto it = by_name.find(n);
      if (it != by_name.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<std::string_view> ids, dates;
  std::unordered_map<std::string_view, uint32_t> at;  // id -> number
  std::unordered_map<std::string_view, uint32_t> first_story;
  std::unordered_map<std::string_view, std::vector<uint32_t>> stories_of;
  // Per fact type (Slot), per organization folded: its facts, in order.
  std::unordered_map<std::string, std::vector<uint32_t>> facts_of[kFactTypes];
  // The chairs facts with a year, by organization as written ("" for none),
  // in order.
  std::unordered_map<std::string_view, std::vector<uint32_t>> chairs_named;
  // The organizations, in the order of data.entities: the entity's index,
  // its name folded between spaces (a key's words occur in a row among
  // its words where " key " is found in it), its aliases folded,
  // whether its name is that of a force.
  struct Org {
    uint32_t entity = 0;
    std::string padded;
    std::vector<std::string> aliases;
    bool force = false;
  };
  std::vector<Org> orgs;
  // The sections the same for every organization, and the events latest
  // first (indexes in data.events): made once, at the first profile.
  mutable std::once_flag same_once;
  mutable std::vector<ProfileSection> same;  // exercises, operations, documents
  mutable std::vector<uint32_t> latest;

 private:
  // The number of story `id`: a story of data.stories dates it (the last of
  // one id, as a map assigned in order would); a mention's id only finds it.
  uint32_t Number(std::string_view id, std::string_view date, bool story) {
    auto [it, inserted] = at.emplace(id, static_cast<uint32_t>(ids.size()));
    if (inserted) {
      ids.push_back(id);
      dates.push_back(date);
    } else if (story) {
      dates[it->second] = date;
    }
    return it->second;
  }
};

namespace {

// An acronym: two or more letters, all upper case ("NDU", "PA NDU").
bool IsAcronym(const std::string& s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

// The last 4-digit year in a name ("Sea Shield-2024"), or "".
std::string YearInName(const std::string& name) {
  for (size_t i = name.size(); i >= 4; --i) {
    const std::string_view y = std::string_view(name).substr(i - 4, 4);
    const bool digits =
        std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool alone = (i == name.size() || !(name[i] >= '0' && name[i] <= '9')) &&
                       (i == 4 || !(name[i - 5] >= '0' && name[i - 5] <= '9'));
    if (digits && alone && (y.starts_with("19") || y.starts_with("20"))) return std::string(y);
  }
  return "";
}

class ProfileBuilder {
 public:
  ProfileBuilder(const ArchiveData& data, const ProfileIndex::Tables& index,
                 const ProfileOptions& options)
      : data_(data), index_(index), options_(options) {}

  Result<size_t> Find(const std::string& name) const {
    const std::string want = text::Fold(name);
    const std::string padded_want = " " + want + " ";
    std::vector<size_t> exact, partial;
    for (const ProfileIndex::Tables::Org& o : index_.orgs) {
      const std::string_view folded =
          std::string_view(o.padded).substr(1, o.padded.size() - 2);  // Fold(name)
      bool hit = folded == want;
      for (const std::string& a : o.aliases) hit = hit || a == want;
      if (hit) {
        exact.push_back(o.entity);
      } else if (!want.empty() && o.padded.find(padded_want) != std::string::npos) {
        partial.push_back(o.entity);
      }
    }
    const std::vector<size_t>& pick = exact.empty() ? partial : exact;
    if (pick.empty()) return Fail(ErrorCode::kNotFound, "no organization named '" + name + "'");
    if (pick.size() == 1) return pick[0];
    if (!exact.empty()) {  // one name for several: the most mentioned
      return *std::max_element(exact.begin(), exact.end(), [&](size_t a, size_t b) {
        return data_.entities[a].mentions < data_.entities[b].mentions;
      });
    }
    std::string list;
    for (size_t i = 0; i < pick.size() && i < 10; ++i) {
      list += (i ? "; " : "") + data_.entities[pick[i]].name;
    }
    return Fail(ErrorCode::kInvalidInput, "'" + name + "' names several organizations: " + list);
  }

  OrganizationProfile Build(size_t org) {
    OrganizationProfile p;
    p.organization = data_.entities[org];
    const Entity& o = p.organization;
    org_names_.insert(text::Fold(o.name));
    for (const std::string& a : o.aliases) org_names_.insert(text::Fold(a));
    keys_.push_back(text::Fold(o.name));
    for (const std::string& a : o.aliases) {
      if (IsAcronym(a)) keys_.push_back(text::Fold(a));
    }
    for (const std::string& k : keys_) {
      if (!k.empty()) padded_keys_.push_back(" " + k + " ");
    }
    MakeShared();
    auto it = index_.stories_of.find(o.id);
    if (it != index_.stories_of.end()) org_stories_ = &it->second;

    p.sections.push_back(Members());
    p.sections.push_back(Bodies(org));
    p.sections.push_back(OfficeHolders());
    p.sections.push_back(Chairs());
    p.sections.push_back(Forces(org));
    for (ProfileSection& s : Shared(options_.shared_sections)) p.sections.push_back(std::move(s));
    return p;
  }

  // The sections the same for every organization: with their lines, or
  // their titles only.
  std::vector<ProfileSection> Shared(bool with_lines) const {
    MakeShared();
    std::vector<ProfileSection> out;
    for (const ProfileSection& s : index_.same) {
      out.push_back(with_lines ? s : ProfileSection{.title = s.title});
    }
    out.push_back(with_lines ? Latest() : ProfileSection{.title = "Latest events"});
    for (ProfileSection& s : out) s.shared = true;
    return out;
  }

 private:
  void MakeShared() const {
    std::call_once(index_.same_once, [&] {
      index_.same = {Exercises(), Operations(), Documents()};
      index_.latest = LatestOrder();
    });
  }

  bool Earlier(const std::string& a, const std::string& b) const {
    return index_.Earlier(a, index_.DateOf(a), b, index_.DateOf(b));
  }

  std::string DateOf(const std::string& story) const { return std::string(index_.DateOf(story)); }

  std::string FirstStory(const Entity& e) const {
    auto it = index_.first_story.find(e.id);
    return it == index_.first_story.end() ? "" : std::string(index_.ids[it->second]);
  }

  bool IsOrg(const std::string& name) const { return org_names_.count(text::Fold(name)) > 0; }

  // Whether the words of a key occur in a row among the words of the
  // organization's name.
  bool IsBody(const ProfileIndex::Tables::Org& e) const {
    for (const std::string& k : padded_keys_) {
      if (e.padded.find(k) != std::string::npos) return true;
    }
    return false;
  }

  ProfileSection Members() const {
    ProfileSection s{.title = "Members"};
    std::map<std::string, ProfileLine> by_country;
    for (uint32_t i : index_.FactsOf(FactType::kMemberOf, org_names_)) {
      const Fact& f = data_.facts[i];
      if (f.country.empty()) continue;
      const std::string date = f.date.empty() ? DateOf(f.story_id) : f.date;
      auto [it, inserted] = by_country.emplace(f.country, ProfileLine{});
      if (inserted) {
        it->second = {.text = f.country,
                      .date = date,
                      .story_id = f.story_id,
                      .sentence_story = f.story_id,
                      .sentence_begin = f.sentence_begin,
                      .sentence_end = f.sentence_end};
      }
      if (!inserted && Earlier(f.story_id, it->second.story_id)) {
        it->second.story_id = it->second.sentence_story = f.story_id;
        it->second.sentence_begin = f.sentence_begin;
        it->second.sentence_end = f.sentence_end;
        it->second.date = date;
      }
    }
    for (auto& [country, line] : by_country) s.lines.push_back(line);
    return s;
  }

  // A body or force: its name with its acronyms, dated by its first story.
  ProfileLine NamedLine(const Entity& e) const {
    std::string acronyms;
    for (const std::string& a : e.aliases) {
      if (IsAcronym(a) && !IsOrg(a)) acronyms += (acronyms.empty() ? "" : ", ") + a;
    }
    const std::string story = FirstStory(e);
    return {.text = acronyms.empty() ? e.name : e.name + " (" + acronyms + ")",
            .date = DateOf(story),
            .story_id = story};
  }

  ProfileSection Bodies(size_t org) const {
    ProfileSection s{.title = "Bodies"};
    for (const ProfileIndex::Tables::Org& o : index_.orgs) {
      if (o.entity == org || !IsBody(o)) continue;
      s.lines.push_back(NamedLine(data_.entities[o.entity]));
    }
    std::sort(s.lines.begin(), s.lines.end(),
              [](const ProfileLine& a, const ProfileLine& b) { return a.text < b.text; });
    return s;
  }

  // Who held which post of the organization, each holder with the first and
  // last dates the pages show them in it.
  ProfileSection OfficeHolders() const {
    ProfileSection s{.title = "Office holders"};
    // Views into the facts, the index and `folds`, which outlive them.
    struct Holder {
      std::string_view post, folded, person, first, last, story;  // folded: Fold(post)
      uint32_t sentence_begin = 0, sentence_end = 0;              // in `story`'s text
    };
    std::unordered_map<std::string_view, std::string> folds;  // post as written -> folded
    std::map<std::pair<std::string_view, std::string_view>, Holder> holders;  // (folded, person)
    std::map<std::string_view, std::string_view> post_names;  // folded -> the first as written
    for (uint32_t i : index_.FactsOf(FactType::kHoldsPost, org_names_)) {
      const Fact& f = data_.facts[i];
      if (f.person.empty()) continue;
      auto [fold, new_post] = folds.try_emplace(f.post);
      if (new_post) fold->second = text::Fold(f.post);
      const std::string_view post = fold->second;
      post_names.emplace(post, f.post);
      const std::string_view date =
          f.date.empty() ? index_.DateOf(f.story_id) : std::string_view(f.date);
      auto [it, inserted] = holders.try_emplace(
          std::make_pair(post, std::string_view(f.person)),
          Holder{f.post, post, f.person, date, date, f.story_id, f.sentence_begin, f.sentence_end});
      Holder& h = it->second;
      if (inserted) continue;
      if (!date.empty() && (h.first.empty() || date < h.first)) {
        h.first = date;
        h.story = f.story_id;
        h.sentence_begin = f.sentence_begin;
        h.sentence_end = f.sentence_end;
      }
      if (!date.empty() && date > h.last) h.last = date;
    }
    std::vector<Holder> list;
    for (auto& [key, h] : holders) list.push_back(h);
    std::sort(list.begin(), list.end(), [&](const Holder& a, const Holder& b) {
      if (a.folded != b.folded) return a.folded < b.folded;
      return a.first < b.first;
    });
    for (const Holder& h : list) {
      std::string when(h.first);
      if (h.last != h.first && !h.last.empty()) (when += " \xE2\x80\x93 ") += h.last;
      s.lines.push_back({.group = std::string(post_names[h.folded]),
                         .text = std::string(h.person),
                         .date = when,
                         .story_id = std::string(h.story),
                         .sentence_story = std::string(h.story),
                         .sentence_begin = h.sentence_begin,
                         .sentence_end = h.sentence_end});
    }
    return s;
  }

  ProfileSection Chairs() const {
    ProfileSection s{.title = "Chairmanship"};
    // (year, country) -> the fact of the earliest story that states it
    std::map<std::pair<int, std::string>, const Fact*> seen;
    for (uint32_t i : index_.FactsOf(FactType::kChairs, org_names_)) {
      const Fact& f = data_.facts[i];
      if (f.country.empty()) continue;
      auto [it, inserted] = seen.emplace(std::make_pair(f.year, f.country), &f);
      if (!inserted && Earlier(f.story_id, it->second->story_id)) it->second = &f;
    }
    for (const auto& [key, f] : seen) {
      s.lines.push_back({.group = key.first ? std::to_string(key.first) : "",
                         .text = key.second,
                         .date = key.first ? std::to_string(key.first) : "",
                         .story_id = f->story_id,
                         .sentence_story = f->story_id,
                         .sentence_begin = f->sentence_begin,
                         .sentence_end = f->sentence_end});
    }
    return s;
  }

  ProfileSection Forces(size_t org) const {
    ProfileSection s{.title = "Forces"};
    for (const ProfileIndex::Tables::Org& o : index_.orgs) {
      if (o.entity == org || !o.force) continue;
      const Entity& e = data_.entities[o.entity];
      bool related = IsBody(o);
      auto it = index_.stories_of.find(e.id);
      if (!related && it != index_.stories_of.end() && org_stories_) {
        for (uint32_t st : it->second) {
          related = std::binary_search(org_stories_->begin(), org_stories_->end(), st);
          if (related) break;
        }
      }
      if (!related) continue;
      s.lines.push_back(NamedLine(e));
    }
    return s;
  }

  static std::string When(const Event& e) {
    return e.date_end.empty() ? e.date : e.date + " \xE2\x80\x93 " + e.date_end;
  }

  static std::string FirstOf(const std::vector<std::string>& v) { return v.empty() ? "" : v[0]; }

  // Named exercises or operations: from the events of that type, then the
  // names no event dates.
  ProfileSection Named(const char* title, EventType type, EntityType entity_type,
                       bool by_year) const {
    ProfileSection s{.title = title};
    std::unordered_set<std::string> covered;
    std::unordered_set<std::string> names_of_type;
    for (const Entity& e : data_.entities) {
      if (e.type == entity_type) names_of_type.insert(e.name);
    }
    for (const Event& e : data_.events) {
      if (e.type != type) continue;
      std::string names;
      for (const std::string& p : e.participants) {
        if (!names_of_type.count(p)) continue;
        names += (names.empty() ? "" : ", ") + p;
        covered.insert(p);
      }
      if (names.empty()) continue;
      if (!e.place.empty()) names += " (" + e.place + ")";
      s.lines.push_back({.group = by_year ? e.date.substr(0, 4) : "",
                         .text = names,
                         .date = When(e),
                         .story_id = FirstOf(e.stories),
                         .sentence_story = e.story_id,
                         .sentence_begin = e.sentence_begin,
                         .sentence_end = e.sentence_end});
    }
    for (const Entity& e : data_.entities) {
      if (e.type != entity_type || covered.count(e.name)) continue;
      // No event dates it: the year its name carries, if any (not the year of
      // the story that mentions it, which may be years later).
      const std::string year = YearInName(e.name);
      s.lines.push_back(
          {.group = by_year ? year : "", .text = e.name, .date = year, .story_id = FirstStory(e)});
    }
    std::stable_sort(s.lines.begin(), s.lines.end(),
                     [](const ProfileLine& a, const ProfileLine& b) {
                       if (a.group != b.group) return a.group < b.group;
                       return a.date < b.date;
                     });
    return s;
  }

  ProfileSection Exercises() const {
    return Named("Exercises", EventType::kExercise, EntityType::kExercise, true);
  }
  ProfileSection Operations() const {
    return Named("Operations", EventType::kOperation, EntityType::kOperation, false);
  }

  ProfileSection Documents() const {
    ProfileSection s{.title = "Documents"};
    for (const Entity& e : data_.entities) {
      if (e.type != EntityType::kDocument) continue;
      const std::string story = FirstStory(e);
      s.lines.push_back({.text = e.name, .date = DateOf(story), .story_id = story});
    }
    std::sort(s.lines.begin(), s.lines.end(),
              [](const ProfileLine& a, const ProfileLine& b) { return a.text < b.text; });
    return s;
  }

  // The events latest first (by their first day, then id): indexes in data.events.
  std::vector<uint32_t> LatestOrder() const {
    std::vector<std::string> first(data_.events.size());
    for (size_t i = 0; i < data_.events.size(); ++i) {
      std::string last;
      EventDays(data_.events[i], &first[i], &last);
    }
    std::vector<uint32_t> order(data_.events.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return first[a] != first[b] ? first[a] > first[b] : data_.events[a].id < data_.events[b].id;
    });
    return order;
  }

  ProfileSection Latest() const {
    ProfileSection s{.title = "Latest events"};
    const std::vector<uint32_t>& events = index_.latest;
    for (size_t i = 0; i < events.size() && i < options_.latest_events; ++i) {
      const Event& e = data_.events[events[i]];
      std::string text = EventTypeName(e.type);
      for (size_t k = 0; k < e.participants.size() && k < 4; ++k) {
        text += (k ? ", " : ": ") + e.participants[k];
      }
      if (e.participants.size() > 4) text += ", ...";
      if (!e.place.empty()) text += " (" + e.place + ")";
      if (!e.chair.empty()) text += ", chaired by " + e.chair;
      s.lines.push_back({.text = text,
                         .date = When(e),
                         .story_id = FirstOf(e.stories),
                         .sentence_story = e.story_id,
                         .sentence_begin = e.sentence_begin,
                         .sentence_end = e.sentence_end});
    }
    return s;
  }

  const ArchiveData& data_;
  const ProfileIndex::Tables& index_;
  const ProfileOptions& options_;
  std::unordered_set<std::string> org_names_;
  const std::vector<uint32_t>* org_stories_ = nullptr;  // sorted
  std::vector<std::string> keys_;
  std::vector<std::string> padded_keys_;  // keys_ between spaces, the empty ones left out
};

}  // namespace

ProfileIndex::ProfileIndex(const ArchiveData& data) : tables_(std::make_unique<Tables>(data)) {}
ProfileIndex::~ProfileIndex() = default;

std::vector<uint32_t> ProfileIndex::ChairsOf(const std::string& organization) const {
  std::vector<uint32_t> out;
  for (const std::string_view name : {std::string_view(), std::string_view(organization)}) {
    auto it = tables_->chairs_named.find(name);
    if (it != tables_->chairs_named.end())
      out.insert(out.end(), it->second.begin(), it->second.end());
    if (organization.empty()) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<OrganizationProfile> BuildProfile(const ArchiveData& data, const ProfileIndex& index,
                                         const std::string& name, const ProfileOptions& options) {
  ProfileBuilder b(data, index.tables(), options);
  Result<size_t> org = b.Find(name);
  if (!org) return tl::unexpected(org.error());
  return b.Build(*org);
}

std::vector<ProfileSection> SharedSections(const ArchiveData& data, const ProfileIndex& index,
                                           const ProfileOptions& options) {
  return ProfileBuilder(data, index.tables(), options).Shared(true);
}

Result<OrganizationProfile> BuildProfile(const ArchiveData& data, const std::string& name,
                                         const ProfileOptions& options) {
  return BuildProfile(data, ProfileIndex(data), name, options);
}

}  // namespace annals::events
