// The StoryReader over one story: its preparation, each sentence read for
// a happening, and the merge of its reports within the story.
#include "src/events/event_builder_internal.h"

namespace annals::events::event_internal {

std::string_view TitleText(const Story& story) {
  std::string_view t(story.title);
  if (t.size() > kMaxSentenceBytes) {
    size_t cut = kMaxSentenceBytes;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    t = t.substr(0, cut);
  }
  return t;
}

StoryResult StoryReader::Run() {
  Prepare();
  for (size_t i = 0; i < sents_.size(); ++i) {
    if (consumed_.count(i)) continue;
    ReadSentence(i);
  }
  SignOffs();
  MergeWithinStory();
  out_.used_countries = used_countries_;
  return std::move(out_);
}

void StoryReader::Prepare() {
  const std::string& t = story_.text;
  std::vector<TextSpan> quotes = SpeechQuotes(t);
  const std::vector<Ment> ms = std::move(mentions_);
  if (!story_.title.empty()) {
    Sent s;
    // A title is one sentence; an overlong one is read to kMaxSentenceBytes.
    s.text = TitleText(story_);
    s.paragraph = -1;
    s.ms = title_names_ ? std::move(*title_names_) : FindNames(s.text, ix_);
    Annotate(&s);
    sents_.push_back(std::move(s));
  }
  size_t m = 0, qi = 0;
  std::vector<SentenceSpan> spans = SplitSentences(t);
  if (spans.size() > kMaxSentencesPerStory) spans.resize(kMaxSentencesPerStory);
  for (const SentenceSpan& span : spans) {
    Sent s;
    s.text = std::string_view(t).substr(span.begin, span.end - span.begin);
    s.offset = span.begin;
    s.paragraph = span.paragraph;
    while (m < ms.size() && ms[m].begin < span.begin) ++m;
    for (size_t k = m; k < ms.size() && ms[k].begin < span.end; ++k) {
      if (ms[k].end <= span.end) {
        s.ms.push_back({ms[k].begin - span.begin, ms[k].end - span.begin, ms[k].entity});
      }
    }
    // The quotes are in order and do not overlap, as are the sentences:
    // one walk over both.
    while (qi < quotes.size() && quotes[qi].end <= span.begin) ++qi;
    for (size_t k = qi; k < quotes.size() && quotes[k].begin < span.end; ++k) {
      const TextSpan& q = quotes[k];
      s.quotes.push_back({q.begin > span.begin ? q.begin - span.begin : 0,
                          std::min(q.end, span.end) - span.begin});
    }
    Annotate(&s);
    sents_.push_back(std::move(s));
  }
  if (!has_story_date_) year_hint_ = YearOfNames();
}

int StoryReader::YearOfNames() const {
  int year = 0;
  for (const Sent& s : sents_) {
    for (const Ment& m : s.ms) {
      const int y = YearInName(s.text.substr(m.begin, m.end - m.begin));
      if (y == 0) continue;
      if (year != 0 && y != year) return 0;
      year = y;
    }
  }
  return year;
}

void StoryReader::Annotate(Sent* s) const {
  s->triggers = FindTriggers(s->text);
  // Event words inside a name ("Programme of the Jubilee
  // Conference", "Standing Meeting of ...") are part of the name.
  std::erase_if(s->triggers, [&](const Trigger& t) {
    for (const Ment& m : s->ms) {
      if (t.begin >= m.begin && t.end <= m.end) return true;
    }
    return false;
  });
  // Clause boundaries: a relative or infinitive clause brings its own time.
  for (size_t p = 0; p < s->text.size(); ++p) {
    if (s->text[p] != ',' && s->text[p] != ';') continue;
    std::string_view rest = s->text.substr(p);
    if (rest[0] == ';') {
      s->clauses.push_back(static_cast<uint32_t>(p));
      continue;
    }
    for (std::string_view b :
         {", which", ", who", ", whose", ", where", ", when", ", to be", ", while"}) {
      if (rest.starts_with(b)) {
        s->clauses.push_back(static_cast<uint32_t>(p));
        break;
      }
    }
    if (rest.size() > 2 && rest[1] == ' ' && chars::IsCyrillicLead(rest[2])) {  // ", который"
      size_t e = 2;
      while (e < rest.size() && IsWordByte(rest[e])) ++e;
      if (Tables().clause_starts.Contains(chars::LowerUtf8(rest.substr(2, e - 2)))) {
        s->clauses.push_back(static_cast<uint32_t>(p));
      }
    }
  }
}

bool StoryReader::LeadNews(const Sent& s, const Head& h) const {
  if (!has_story_date_ || FutureOf(s)) return false;
  static const std::vector<std::string> kPastMarks = [] {  // event_past_marks
    std::vector<std::string> out;
    for (const std::string& lang : text::Languages()) {
      for (const text::LangRow& row : text::LangRows(lang, "event_past_marks")) {
        out.push_back((Column(row, 1) == "space" ? " " : "") + std::string(row[0]));
      }
    }
    return out;
  }();
  for (const std::string& w : kPastMarks) {
    if (s.text.find(w) != std::string_view::npos) return false;
  }
  if (s.title()) return true;
  return s.paragraph == 0 && h.verb >= 0 && h.past;
}

Candidate StoryReader::NewCandidate(size_t si, const Head& h) const {
  const Sent& s = sents_[si];
  Candidate c;
  c.type = h.type;
  c.lemma = h.lemma;
  c.from_title = s.title();
  c.story = index_;
  c.sentence = static_cast<int>(si);
  if (!s.title()) {
    c.sentence_begin = s.offset;
    c.sentence_end = s.offset + static_cast<uint32_t>(s.text.size());
  }
  return c;
}

void StoryReader::Fill(const Sent& s, const Head& h, const std::vector<bool>& attr, uint32_t from, uint32_t to,
                       Candidate* c) {
  const int clause = ClauseOf(s, h.pos);
  anniversary_pos_ = h.type == EventType::kAnniversary ? h.pos : UINT32_MAX;
  FindPlace(s, attr, c->type, from, to, clause, c);
  if (c->place == kNone) {
    FindPlace(s, attr, c->type, 0, static_cast<uint32_t>(s.text.size()), clause, c);
  }
  c->chair = FindChair(s, attr);
  AddParticipants(s, attr, c);
  if (h.verb >= 0 && s.triggers[static_cast<size_t>(h.verb)].kind == TriggerKind::kVerb &&
      c->type == EventType::kMeeting) {
    c->principal = VerbPrincipal(s, attr, s.triggers[static_cast<size_t>(h.verb)]);
  } else if (h.noun >= 0 && c->type == EventType::kMeeting) {
    c->principal = NounPrincipal(s, attr, s.triggers[static_cast<size_t>(h.noun)]);
  }
}

void StoryReader::ReadSentence(size_t si) {
  const Sent& s = sents_[si];
  if (s.triggers.empty() && !MayOpenWithDate(s) && !NamesHappening(s)) return;
  const std::vector<bool> attr = Attributes(s);
  std::optional<Head> head = SelectHead(s);
  bool made = false;
  if (head && !head->anaphor) {
    made = FromHead(si, *head, attr);
  } else if (head && head->anaphor) {
    if (EligibleDates(s, *head).empty()) {
      Augment(s, attr);
    } else {
      Head h = *head;
      if (h.noun >= 0 && s.triggers[static_cast<size_t>(h.noun)].kind == TriggerKind::kNoun) {
        h.anaphor = false;
        made = FromHead(si, h, attr);
      }
    }
  } else if (HasParticipationVerb(s) && DatesOf(s).empty()) {
    Augment(s, attr);  // "... from Romania, Serbia and Hungary took part."
  } else {
    made = FromDatedLead(si, attr);
  }
  BackwardAnaphora(si, head, made);
  Refs(si, attr, made);
  if (made) last_with_event_ = static_cast<int>(si);
}

bool StoryReader::NamesHappening(const Sent& s) const {
  for (const Ment& m : s.ms) {
    const EntityType t = ix_.Type(m.entity);
    if (t == EntityType::kExercise || t == EntityType::kOperation) return true;
  }
  return false;
}

bool StoryReader::HasParticipationVerb(const Sent& s) const {
  for (const Trigger& t : s.triggers) {
    if (t.participation) return true;
  }
  return false;
}

bool StoryReader::FromHead(size_t si, const Head& h, const std::vector<bool>& attr) {
  const Sent& s = sents_[si];
  std::vector<const DateExpr*> dates = EligibleDates(s, h);
  if (dates.empty()) {
    if (!LeadNews(s, h)) {
      if (!FutureOf(s) && !s.title()) Undated(si, h, attr);
      return false;
    }
    Candidate c = NewCandidate(si, h);
    c.start = story_date_;
    c.news_date = true;
    // "... held talks in Paris yesterday. The two ministers ... signed a
    // memorandum.": the narrative goes on in the day the sentence before dates.
    if (si > 0 && !s.title() && !out_.events.empty() &&
        last_with_event_ == static_cast<int>(si) - 1 && sents_[si - 1].paragraph == s.paragraph &&
        !out_.events.back().from_title) {
      c.start = out_.events.back().start;
      c.last = out_.events.back().last;
      c.news_date = out_.events.back().news_date;
    }
    Fill(s, h, attr, 0, static_cast<uint32_t>(s.text.size()), &c);
    out_.events.push_back(std::move(c));
    return true;
  }
  // Coordinated dates, one happening each: "in June (Velgrad) and December 2023 (Ostrava)".
  std::vector<const DateExpr*> coordinated = Coordinated(s, dates);
  if (coordinated.size() >= 2) {
    for (size_t k = 0; k < coordinated.size(); ++k) {
      const DateExpr* d = coordinated[k];
      Candidate c = NewCandidate(si, h);
      c.start = d->start;
      const uint32_t to = k + 1 < coordinated.size() ? coordinated[k + 1]->begin : d->end + 30;
      Fill(s, h, attr, d->end, to, &c);
      out_.events.push_back(std::move(c));
    }
    return true;
  }
  const DateExpr* d = BestDate(dates, h.pos);
  if (PrecisionOf(d->start) == Precision::kYear && d->begin > 3 && LeadNews(s, h)) {
    // "gave an interview about the results of the chairmanship in 2024": the
    // year dates the topic; the story reports the interview as news of its day.
    Candidate c = NewCandidate(si, h);
    c.start = story_date_;
    c.news_date = true;
    Fill(s, h, attr, 0, static_cast<uint32_t>(s.text.size()), &c);
    out_.events.push_back(std::move(c));
    return true;
  }
  Candidate c = NewCandidate(si, h);
  c.start = d->start;
  c.last = d->last;
  if (h.completion) Completion(si, &c);
  Fill(s, h, attr, d->end, d->end + 40, &c);
  out_.events.push_back(std::move(c));
  return true;
}

std::vector<const DateExpr*> StoryReader::Coordinated(const Sent& s,
                                                      const std::vector<const DateExpr*>& dates) const {
  std::vector<const DateExpr*> out;
  for (const DateExpr* d : dates) {
    if (d->last.year != 0 || PrecisionOf(d->start) == Precision::kYear) return {};
    if (!out.empty()) {
      const DateExpr* p = out.back();
      if (PrecisionOf(p->start) != PrecisionOf(d->start) || d->start == p->start) return {};
      std::string_view gap = s.text.substr(p->end, d->begin - p->end);
      if (gap.size() > kMaxCoordinationGap || (gap.find(" and ") == std::string_view::npos &&
                                               gap.find(',') == std::string_view::npos)) {
        return {};
      }
    }
    out.push_back(d);
  }
  return out;
}

void StoryReader::Completion(size_t si, Candidate* c) {
  if (PrecisionOf(c->start) != Precision::kDay || c->last.year != 0) return;
  for (size_t k = si + 1; k < sents_.size() && k <= si + 3; ++k) {
    const Sent& n = sents_[k];
    if (!(text::StartsWithIgnoreCase(n.text, "from ") ||
          text::StartsWithIgnoreCase(n.text, "since "))) {
      continue;
    }
    for (const DateExpr& d : DatesOf(n)) {
      if (d.begin > 6) break;
      if (PrecisionOf(d.start) == Precision::kDay && d.start < c->start) {
        c->last = c->start;
        c->start = d.start;
        consumed_.insert(k);
        for (const Ment& m : n.ms) {
          if (ix_.Type(m.entity) != EntityType::kPlace) AddUnique(&c->participants, m.entity);
        }
        return;
      }
    }
  }
}

bool StoryReader::MayOpenWithDate(const Sent& s) {
  if (s.ms.empty() || s.text.size() < 4) return false;
  const bool on = text::StartsWithIgnoreCase(s.text, "on ");
  const char first = s.text[on ? 3 : 0];
  return (first >= '0' && first <= '9') || (on && IsUpper(first));
}

bool StoryReader::FromDatedLead(size_t si, const std::vector<bool>& attr) {
  const Sent& s = sents_[si];
  if (s.title() || !MayOpenWithDate(s) || DatesOf(s).empty()) return false;
  const DateExpr& d = DatesOf(s).front();
  if (PrecisionOf(d.start) != Precision::kDay || d.period) return false;
  std::string_view before = text::Trim(s.text.substr(0, d.begin));
  if (!before.empty() && !text::EqualsIgnoreCase(before, "on")) return false;
  std::string_view after = s.text.substr(d.end);
  if (!after.starts_with(",") && !text::StartsWithIgnoreCase(text::Trim(after), "marks")) {
    return false;
  }
  if (InQuote(s, d.begin)) return false;
  Head h;
  h.type = EventType::kOther;
  h.pos = d.begin;
  Candidate c = NewCandidate(si, h);
  c.start = d.start;
  c.last = d.last;
  Fill(s, h, attr, d.end, d.end + 40, &c);
  if (c.participants.empty() && c.place == kNone) return false;
  out_.events.push_back(std::move(c));
  return true;
}

void StoryReader::Augment(const Sent& s, const std::vector<bool>& attr) {
  if (out_.events.empty() || s.title() || FutureOf(s)) return;
  Candidate& c = out_.events.back();
  if (c.from_title) return;
  const Sent& prev = sents_[static_cast<size_t>(c.sentence)];
  if (s.paragraph - prev.paragraph > 1) return;
  Candidate extra;
  extra.type = c.type;
  FindPlace(s, attr, c.type, 0, static_cast<uint32_t>(s.text.size()), 0, &extra);
  if (extra.place_rank > c.place_rank) {
    if (c.place != kNone && ix_.Type(c.place) != EntityType::kPlace) {
      AddUnique(&c.participants, c.place);
    }
    c.place = extra.place;
    c.place_rank = extra.place_rank;
  }
  if (c.chair == kNone) c.chair = FindChair(s, attr);
  extra.place = c.place;
  extra.chair = c.chair;
  AddParticipants(s, attr, &extra);
  for (uint32_t p : extra.participants) AddUnique(&c.participants, p);
}

void StoryReader::Undated(size_t si, const Head& h, const std::vector<bool>& attr) {
  if (h.lemma == 0) return;
  Candidate c = NewCandidate(si, h);
  const Sent& s = sents_[si];
  Fill(s, h, attr, 0, static_cast<uint32_t>(s.text.size()), &c);
  undated_.push_back(std::move(c));
}

void StoryReader::BackwardAnaphora(size_t si, const std::optional<Head>& head, bool made) {
  if (si == 0) return;
  const Sent& s = sents_[si];
  const Sent& prev = sents_[si - 1];
  if (prev.title() || prev.paragraph != s.paragraph) return;
  if (last_with_event_ == static_cast<int>(si - 1)) return;
  for (size_t i = 0; i < s.triggers.size(); ++i) {
    const Trigger& t = s.triggers[i];
    if (t.kind != TriggerKind::kNoun || !t.determiner) continue;
    if (made && head && head->noun == static_cast<int>(i)) continue;
    Head h;
    h.type = t.type;
    h.lemma = t.lemma;
    h.pos = static_cast<uint32_t>(prev.text.size());
    std::vector<const DateExpr*> dates = EligibleDates(prev, h);
    if (dates.empty()) return;
    const DateExpr* d = BestDate(dates, h.pos);
    Candidate c = NewCandidate(si - 1, h);
    c.start = d->start;
    c.last = d->last;
    const std::vector<bool> prev_attr = Attributes(prev);
    Fill(prev, h, prev_attr, 0, static_cast<uint32_t>(prev.text.size()), &c);
    out_.events.push_back(std::move(c));
    last_with_event_ = static_cast<int>(si - 1);
    return;
  }
}

void StoryReader::Refs(size_t si, const std::vector<bool>& attr, bool made) {
  const Sent& s = sents_[si];
  for (size_t i = 0; i < s.ms.size(); ++i) {
    const uint32_t e = s.ms[i].entity;
    const EntityType t = ix_.Type(e);
    if (t != EntityType::kExercise && t != EntityType::kOperation) continue;
    const EventType et =
        t == EntityType::kExercise ? EventType::kExercise : EventType::kOperation;
    if (made && !out_.events.empty() && out_.events.back().type == et &&
        Contains(out_.events.back().participants, e)) {
      continue;  // the sentence's own event is this exercise
    }
    RefLink r;
    r.entity = e;
    r.story = index_;
    for (const DateExpr& d : DatesOf(s)) {
      if (!d.period) r.dates.push_back(d.start);
    }
    const int year = ix_.name_year[e];
    if (!made && r.dates.size() == 1 && !s.title() && (year == 0 || r.dates[0].year == year)) {
      Head h;
      h.type = et;
      h.pos = s.ms[i].begin;
      Candidate c = NewCandidate(si, h);
      for (const DateExpr& d : DatesOf(s)) {
        if (!d.period) {
          c.start = d.start;
          c.last = d.last;
        }
      }
      Fill(s, h, attr, 0, static_cast<uint32_t>(s.text.size()), &c);
      std::erase_if(c.participants, [&](uint32_t p) {  // other named happenings are not part
        const EntityType pt = ix_.Type(p);
        return p != e && (pt == EntityType::kExercise || pt == EntityType::kOperation);
      });
      AddUnique(&c.participants, e);
      out_.events.push_back(std::move(c));
      continue;
    }
    out_.refs.push_back(std::move(r));
  }
}

void StoryReader::SignOffs() {
  for (const Sent& s : sents_) {
    if (s.title() || !s.triggers.empty() || s.ms.empty() || s.text.size() > 80 ||
        DatesOf(s).size() != 1) {
      continue;
    }
    const DateExpr& d = DatesOf(s)[0];
    if (PrecisionOf(d.start) != Precision::kDay) continue;
    uint32_t place = kNone;
    bool only_places = true;
    for (const Ment& m : s.ms) {
      const EntityType t = ix_.Type(m.entity);
      if (t != EntityType::kPlace && t != EntityType::kCountry) {
        only_places = false;
      } else if (place == kNone) {
        place = m.entity;
      }
    }
    if (!only_places || place == kNone) continue;
    bool other_words = false;
    for (const WordSpan& w : SplitWords(s.text)) {
      if (w.begin >= d.begin && w.end <= d.end) continue;
      bool in_name = false;
      for (const Ment& m : s.ms) in_name = in_name || (w.begin >= m.begin && w.end <= m.end);
      if (in_name) continue;
      if (!OneOf(s.text.substr(w.begin, w.end - w.begin), {"city", "town", "the", "of", "in"})) {
        other_words = true;
        break;
      }
    }
    if (other_words) continue;
    for (Candidate& c : out_.events) {
      if (c.start == d.start && c.place == kNone) {
        c.place = place;
        c.place_rank = RankPlace(ix_.Type(place));
      }
    }
  }
}

std::optional<EventType> StoryReader::MergedType(EventType a, EventType b) {
  if (a == b) return a;
  auto pair = [&](EventType x, EventType y) { return (a == x && b == y) || (a == y && b == x); };
  if (pair(EventType::kMeeting, EventType::kSpeech) ||
      pair(EventType::kMeeting, EventType::kStatement) ||
      pair(EventType::kMeeting, EventType::kDecision) ||
      pair(EventType::kMeeting, EventType::kOther) ||
      pair(EventType::kExercise, EventType::kOther) ||
      pair(EventType::kOperation, EventType::kOther)) {
    return a == EventType::kOther ? b : (b == EventType::kOther ? a : EventType::kMeeting);
  }
  return std::nullopt;
}

bool StoryReader::Overlap(const Candidate& a, const Candidate& b) const {
  for (uint32_t p : a.participants) {
    if (Contains(b.participants, p)) return true;
  }
  return false;
}

void StoryReader::Absorb(Candidate* into, const Candidate& from, EventType type) {
  into->type = type;
  for (uint32_t p : from.participants) AddUnique(&into->participants, p);
  for (uint32_t p : from.principal) AddUnique(&into->principal, p);
  if (from.place_rank > into->place_rank) {
    if (into->place != kNone) AddUnique(&into->participants, into->place);
    into->place = from.place;
    into->place_rank = from.place_rank;
  }
  if (into->chair == kNone) into->chair = from.chair;
  std::erase(into->participants, into->place);
  std::erase(into->participants, into->chair);
  if (into->lemma == 0) into->lemma = from.lemma;
}

void StoryReader::MergeWithinStory() {
  std::vector<Candidate>& ev = out_.events;
  std::vector<bool> gone(ev.size());
  // The headline tells of the body's event.
  for (size_t i = 0; i < ev.size(); ++i) {
    if (!ev[i].from_title) continue;
    int target = -1;
    // The body's event of the same kind, or of a kindred one in the lead
    // ("Heads of state signed the Declaration" over "held a meeting ... and signed").
    for (size_t j = 0; j < ev.size(); ++j) {
      if (j == i || gone[j] || ev[j].from_title) continue;
      auto type = MergedType(ev[i].type, ev[j].type);
      const bool same = ev[j].type == ev[i].type;
      if (!type || (!same && sents_[static_cast<size_t>(ev[j].sentence)].paragraph != 0)) {
        continue;
      }
      if (target < 0 || (same && ev[static_cast<size_t>(target)].type != ev[i].type)) {
        target = static_cast<int>(j);
      }
    }
    if (target >= 0) {
      Candidate& t = ev[static_cast<size_t>(target)];
      Absorb(&t, ev[i], *MergedType(ev[i].type, t.type));
      // A headline that dates the happening ("On 26 November the Council
      // met in X") over a body that only reports it as news of the day.
      if (t.news_date && !ev[i].news_date && ev[i].start.year != 0) {
        t.start = ev[i].start;
        t.last = ev[i].last;
        t.news_date = false;
      }
      gone[i] = true;
    }
  }
  // Reports of one happening within the body: same day, same kind.
  for (size_t i = 0; i < ev.size(); ++i) {
    if (gone[i]) continue;
    for (size_t j = i + 1; j < ev.size(); ++j) {
      if (gone[j] || !(ev[i].start == ev[j].start) ||
          !(ev[i].last == ev[j].last || ev[j].last.year == 0)) {
        continue;
      }
      auto type = MergedType(ev[i].type, ev[j].type);
      if (!type) continue;
      const bool empty = ev[i].participants.empty() || ev[j].participants.empty();
      if (!empty && !Overlap(ev[i], ev[j]) && ev[i].lemma != ev[j].lemma) continue;
      if (!ev[i].principal.empty() && !ev[j].principal.empty() &&
          std::none_of(ev[j].principal.begin(), ev[j].principal.end(),
                       [&](uint32_t p) { return Contains(ev[i].principal, p); })) {
        continue;
      }
      if (ev[i].place != kNone && ev[j].place != kNone && ev[i].place != ev[j].place &&
          ev[i].place_rank == 3 && ev[j].place_rank == 3) {
        continue;
      }
      Absorb(&ev[i], ev[j], *type);
      gone[j] = true;
    }
  }
  // An undated mention of the same happening lends its names: "the talks" and "today's talks".
  for (const Candidate& u : undated_) {
    int target = -1;
    for (size_t j = 0; j < ev.size(); ++j) {
      if (gone[j] || ev[j].lemma != u.lemma) continue;
      if (target >= 0) {
        target = -2;  // more than one: no telling which
        break;
      }
      target = static_cast<int>(j);
    }
    if (target < 0) continue;
    Candidate& t = ev[static_cast<size_t>(target)];
    // "The results of the operation “X” showed ...": another named happening, not this one.
    const bool other_named =
        std::any_of(u.participants.begin(), u.participants.end(), [&](uint32_t p) {
          const EntityType pt = ix_.Type(p);
          return (pt == EntityType::kExercise || pt == EntityType::kOperation) &&
                 !Contains(t.participants, p);
        });
    if (other_named) continue;
    for (uint32_t p : u.participants) AddUnique(&t.participants, p);
  }
  std::vector<Candidate> kept;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (!gone[i] && ev[i].start.year != 0) kept.push_back(std::move(ev[i]));
  }
  ev = std::move(kept);
}

}  // namespace annals::events::event_internal
