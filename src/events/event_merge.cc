// Reports merged across stories into events (Merger).
#include "src/events/event_builder_internal.h"

namespace annals::events::event_internal {

bool SameScript(std::string_view a, std::string_view b) {
  auto cyrillic = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return chars::IsCyrillicLead(c); });
  };
  return cyrillic(a) == cyrillic(b);
}

bool DateWithin(const date::Date& coarse, const date::Date& fine) {
  if (coarse.year != fine.year) return false;
  if (coarse.month == 0) return true;
  if (coarse.month != fine.month) return false;
  return coarse.day == 0 || coarse.day == fine.day;
}

void Merger::Add(Candidate c) {
  const bool by_day = PrecisionOf(c.start) == Precision::kDay;
  std::vector<size_t> sharing;
  if (!by_day) sharing = SharingKeys(c);
  for (size_t k : by_day ? Nearby(c.start) : sharing) {
    const date::Date last = clusters_[k].c.last;
    if (TryMerge(k, c)) {
      if (!(clusters_[k].c.last == last)) IndexDays(k);
      return;
    }
  }
  Cluster cl;
  for (uint32_t p : c.participants) {
    const EntityType t = ix_.Type(p);
    if (t == EntityType::kExercise || t == EntityType::kOperation || t == EntityType::kDocument) {
      cl.Grow().named.push_back(p);
    }
  }
  cl.c = std::move(c);
  const size_t k = clusters_.size();
  clusters_.push_back(std::move(cl));
  const date::Date& d = clusters_[k].c.start;
  by_year_[d.year].push_back(k);
  if (d.month != 0) {
    by_month_[d.year * 100 + d.month].push_back(k);
    clusters_[k].month_key = d.year * 100 + d.month;
  }
  IndexDays(k);
  for (uint32_t p : clusters_[k].named()) by_named_[p].push_back(k);
  IndexKeys(k);
}

void Merger::Link(const RefLink& r) {
  const EventType type =
      ix_.Type(r.entity) == EntityType::kExercise ? EventType::kExercise : EventType::kOperation;
  auto it = by_named_.find(r.entity);
  if (it == by_named_.end()) return;
  std::vector<size_t> fits;
  for (size_t k : it->second) {
    const Cluster& cl = clusters_[k];
    if (cl.c.type != type) continue;
    bool ok = r.dates.empty();
    for (const date::Date& d : r.dates) {
      ok = ok || DateWithin(d, cl.c.start) || DateWithin(cl.c.start, d) || InSpan(cl.c, d);
    }
    if (ok) fits.push_back(k);
  }
  if (r.dates.empty() && fits.size() != 1) return;
  for (size_t k : fits) {
    clusters_[k].AddStory(r.story);
  }
}

void Merger::KeyCluster(size_t k, uint32_t entity) {
  Cluster& cl = clusters_[k];
  if (entity == kNone || cl.HasKey(entity)) return;
  cl.Grow().keyed.push_back(entity);
  by_year_entity_[YearKey(cl.c.start.year, entity)].push_back(k);
}

std::vector<size_t> Merger::SharingKeys(const Candidate& c) const {
  std::vector<size_t> out;
  auto add = [&](uint32_t e) {
    if (e == kNone) return;
    auto it = by_year_entity_.find(YearKey(c.start.year, e));
    if (it != by_year_entity_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  for (uint32_t p : c.participants) add(p);
  for (uint32_t p : c.principal) add(p);
  add(c.place);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (PrecisionOf(c.start) == Precision::kMonth) {  // Nearby: by_month_
    const int key = c.start.year * 100 + c.start.month;
    std::erase_if(out, [&](size_t k) { return clusters_[k].month_key != key; });
  }
  return out;
}

void Merger::Evidence(const Cluster& cl, const Candidate& c, bool* strong, bool* medium,
                      bool* conflict) const {
  *strong = *medium = *conflict = false;
  bool shared_rare = false, shared_common = false;
  for (uint32_t p : c.participants) {
    if (cl.HasNamed(p)) *strong = true;
    if (Contains(cl.c.participants, p)) (ix_.ubiquitous[p] ? shared_common : shared_rare) = true;
  }
  // Regulars shared, but no one else named on one side: as good as a shared name.
  const bool one_side_plain = !Named(cl.c) || !Named(c);
  if (shared_rare || (shared_common && one_side_plain)) *medium = true;
  if (!cl.c.principal.empty() && !c.principal.empty()) {
    bool equal = cl.c.principal.size() == c.principal.size();
    for (uint32_t p : c.principal) equal = equal && Contains(cl.c.principal, p);
    if (equal) {
      *strong = true;
    } else {
      *conflict = true;
    }
  }
  if (cl.c.place != kNone && c.place != kNone) {
    if (cl.c.place == c.place) {
      if (one_side_plain) *medium = true;
    } else if (cl.c.place_rank == 3 && c.place_rank == 3 &&
               SameScript(ix_.entities[cl.c.place].name, ix_.entities[c.place].name)) {
      // Two cities conflict when their names can be compared: a city
      // named in Cyrillic and one in Latin letters may be one city whose
      // names the gazetteer does not link (its Russian and English city
      // lists share no key), so they are no evidence either way.
      *conflict = true;
    }
  }
}

bool Merger::Named(const Candidate& c) const {
  for (uint32_t p : c.participants) {
    if (!ix_.ubiquitous[p]) return true;
  }
  return false;
}

std::optional<EventType> Merger::Compatible(EventType a, EventType b) {
  if (a == b) return a;
  for (EventType x : {EventType::kDecision, EventType::kSpeech, EventType::kStatement}) {
    if ((a == EventType::kMeeting && b == x) || (b == EventType::kMeeting && a == x)) {
      return EventType::kMeeting;
    }
  }
  return std::nullopt;
}

bool Merger::TryMerge(size_t k, const Candidate& c) {
  Cluster* cl = &clusters_[k];
  auto type = Compatible(cl->c.type, c.type);
  if (!type) return false;
  const bool same_type = cl->c.type == c.type;
  const bool same_date = cl->c.start == c.start;
  const bool within = !same_date && (DateWithin(c.start, cl->c.start) ||
                                     DateWithin(cl->c.start, c.start) || InSpan(cl->c, c.start));
  if (!same_date && !within) return false;
  bool strong = false, medium = false, conflict = false;
  Evidence(*cl, c, &strong, &medium, &conflict);
  if (conflict) return false;
  const bool bare = (c.participants.empty() && c.place == kNone) ||
                    (cl->c.participants.empty() && cl->c.place == kNone);
  bool merge = false;
  if (same_date && PrecisionOf(c.start) != Precision::kDay) {
    // "In 2003 the member states approved a programme": a month or a year
    // is too wide to join reports on anything but a shared name or principal.
    merge = strong || (same_type && medium && c.place != kNone && c.place == cl->c.place);
  } else if (same_date) {
    merge = same_type ? (strong || medium || bare) : strong;
  } else {
    const bool same_place = c.place != kNone && c.place == cl->c.place;
    merge = strong || (same_type && same_place);
  }
  if (!merge) return false;
  // The more precise date wins.
  if (PrecisionOf(c.start) > PrecisionOf(cl->c.start)) {
    cl->c.start = c.start;
    cl->c.last = c.last;
  }
  if (cl->c.last.year == 0 && c.last.year != 0 && cl->c.start == c.start) cl->c.last = c.last;
  cl->c.type = *type;
  for (uint32_t p : c.participants) {
    AddUnique(&cl->c.participants, p);
    const EntityType t = ix_.Type(p);
    if ((t == EntityType::kExercise || t == EntityType::kOperation ||
         t == EntityType::kDocument) &&
        !cl->HasNamed(p)) {
      cl->Grow().named.push_back(p);
      by_named_[p].push_back(k);
    }
  }
  if (cl->c.principal.empty()) cl->c.principal = c.principal;
  if (c.place_rank > cl->c.place_rank) {
    cl->c.place = c.place;
    cl->c.place_rank = c.place_rank;
  }
  if (cl->c.chair == kNone) cl->c.chair = c.chair;
  std::erase(cl->c.participants, cl->c.place);
  IndexKeys(k);
  cl->AddStory(c.story);
  cl->Grow().more_evidence.push_back({c.story, c.sentence_begin, c.sentence_end});
  return true;
}

const std::vector<size_t>& Merger::Nearby(const date::Date& d) {
  switch (PrecisionOf(d)) {
    case Precision::kDay:
      return by_day_[DaysFromCivil(d.year, d.month, d.day)];
    case Precision::kMonth:
      return by_month_[d.year * 100 + d.month];
    case Precision::kYear:
      break;
  }
  return by_year_[d.year];
}

void Merger::IndexDays(size_t k) {
  const Candidate& c = clusters_[k].c;
  if (PrecisionOf(c.start) != Precision::kDay) return;
  const int64_t first = DaysFromCivil(c.start.year, c.start.month, c.start.day);
  int64_t last = first;
  if (c.last.year != 0 && PrecisionOf(c.last) == Precision::kDay) {
    last = DaysFromCivil(c.last.year, c.last.month, c.last.day);
    if (last - first > 62) last = first;
  }
  for (int64_t day = first; day <= last; ++day) {
    std::vector<size_t>& v = by_day_[day];
    if (std::find(v.begin(), v.end(), k) == v.end()) v.push_back(k);
  }
}

}  // namespace annals::events::event_internal
