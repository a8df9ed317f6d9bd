// The StoryReader's tests over one sentence: its clauses and quotes, the
// head of its happening, its dates, place, chair, principals and participants.
#include "src/events/event_builder_internal.h"

namespace annals::events::event_internal {

const std::vector<DateExpr>& StoryReader::DatesOf(const Sent& s) const {
  if (s.dates_read) return s.dates;
  s.dates_read = true;
  DateContext ctx;
  if (has_story_date_) {
    ctx.story = story_date_;
  } else if (year_hint_ != 0) {
    ctx.story = {year_hint_, 0, 0};
  }
  ctx.future = FutureOf(s);
  s.dates = FindDateExprs(s.text, ctx);
  std::erase_if(s.dates, [&](const DateExpr& d) {
    for (const Ment& m : s.ms) {
      if (d.begin < m.end && d.end > m.begin) return true;
    }
    // "the protocol on joint patrols of March 3, 2011": a date
    // after "of" dates the thing named before it, unless that is a
    // happening ("the meeting of 5 May").
    const std::vector<std::string_view> before = WordsBefore(s, d.begin, 2);
    if (before.size() == 2 && text::EqualsIgnoreCase(before[0], "of")) {
      const auto end = static_cast<uint32_t>(
          static_cast<size_t>(before[1].data() - s.text.data()) + before[1].size());
      bool happening = false;
      for (const Trigger& t : s.triggers) happening = happening || t.end == end;
      if (!happening) return true;
    }
    return false;
  });
  return s.dates;
}

int StoryReader::ClauseOf(const Sent& s, uint32_t pos) const {
  int c = 0;
  for (uint32_t b : s.clauses) {
    if (b < pos) ++c;
  }
  return c;
}

bool StoryReader::InQuote(const Sent& s, uint32_t pos) const {
  for (const TextSpan& q : s.quotes) {
    if (pos >= q.begin && pos < q.end) return true;
  }
  return false;
}

std::vector<std::string_view> StoryReader::WordsBefore(const Sent& s, uint32_t pos, size_t n) const {
  std::vector<std::string_view> out;
  size_t p = pos;
  while (out.size() < n) {
    while (p > 0 && !IsWordByte(s.text[p - 1])) {
      if (s.text[p - 1] == ',' || s.text[p - 1] == '.' || s.text[p - 1] == ';') return out;
      --p;
    }
    size_t e = p;
    while (p > 0 && IsWordByte(s.text[p - 1])) --p;
    if (e == p) break;
    out.push_back(s.text.substr(p, e - p));
  }
  return out;
}

bool StoryReader::IsAttribute(const Sent& s, size_t mi) const {
  const Ment& m = s.ms[mi];
  const EntityType t = ix_.Type(m.entity);
  if (t != EntityType::kOrganization && t != EntityType::kCountry && t != EntityType::kPlace) {
    return false;
  }
  const Ment* person = nullptr;
  for (size_t k = mi + 1; k < s.ms.size(); ++k) {
    if (ix_.Type(s.ms[k].entity) == EntityType::kPerson) {
      person = &s.ms[k];
      break;
    }
  }
  if (!person || person->begin - m.end > kMaxTitleGap) return false;
  std::string_view gap = s.text.substr(m.end, person->begin - m.end);
  bool post = false;
  for (const WordSpan& w : SplitWords(gap)) {
    std::string_view word = gap.substr(w.begin, w.end - w.begin);
    if (IsPostWord(word)) post = true;
    if (!IsUpper(word[0]) && static_cast<unsigned char>(word[0]) < 0x80 &&
        !IsTitleConnector(word)) {
      return false;
    }
  }
  if (gap.find_first_of(".;:()") != std::string_view::npos) return false;
  // A post word before the body: "President of the <Republic of Norland> <Anna Berg>".
  bool post_before = false;
  for (std::string_view w : WordsBefore(s, m.begin, 8)) {
    if (IsPostWord(w)) {
      post_before = true;
      break;
    }
    // A title's lower-case words in other letters are its qualifiers in the
    // genitive ("министром иностранных дел <государства>"), as in the gap.
    if (!IsUpper(w[0]) && static_cast<unsigned char>(w[0]) < 0x80 && !IsTitleConnector(w)) {
      break;
    }
  }
  // After a comma a new title may start ("Chairman of the Council, President
  // of ..."), but so may an apposition ("in Velgrad, the President of ...").
  if (gap.find(',') != std::string_view::npos) return post_before;
  return post || post_before;
}

int StoryReader::NounFor(const Sent& s, size_t vi) const {
  const Trigger& v = s.triggers[vi];
  auto forward = [&](uint32_t limit) -> int {
    for (size_t k = vi + 1; k < s.triggers.size(); ++k) {
      const Trigger& t = s.triggers[k];
      if (t.begin - v.end > limit) return -1;
      if (IsVerb(t)) return -1;
      if (IsNoun(t) && ClauseOf(s, t.begin) == ClauseOf(s, v.begin)) return static_cast<int>(k);
    }
    return -1;
  };
  auto backward = [&](uint32_t limit) -> int {
    for (size_t k = vi; k-- > 0;) {
      const Trigger& t = s.triggers[k];
      if (v.begin - t.end > limit) return -1;
      if (IsVerb(t)) return -1;
      if (IsNoun(t)) return static_cast<int>(k);
    }
    return -1;
  };
  if (v.passive) {
    int n = backward(kFarNoun);
    return n >= 0 ? n : forward(kNearNoun);
  }
  if (vi > 0 && IsNoun(s.triggers[vi - 1]) && v.begin - s.triggers[vi - 1].end <= 2) {
    return static_cast<int>(vi - 1);  // a participle after its noun: "the debate held on ..."
  }
  int n = forward(kNearNoun);
  if (n < 0) n = backward(kNearNoun);
  if (n < 0) n = forward(kFarNoun);
  return n;
}

std::optional<Head> StoryReader::SelectHead(const Sent& s) const {
  std::optional<Head> best;
  for (size_t i = 0; i < s.triggers.size(); ++i) {
    const Trigger& t = s.triggers[i];
    if (!IsVerb(t)) continue;
    Head h;
    h.verb = static_cast<int>(i);
    h.past = t.past;
    h.completion = t.completion;
    h.pos = t.begin;
    if (t.kind == TriggerKind::kVerb) {
      h.type = t.type;
    } else {
      int n = NounFor(s, i);
      if (n >= 0 && s.triggers[static_cast<size_t>(n)].kind == TriggerKind::kNoun) {
        const Trigger& noun = s.triggers[static_cast<size_t>(n)];
        h.noun = n;
        h.type = noun.type;
        h.lemma = noun.lemma;
        h.pos = std::min(t.begin, noun.begin);
      } else if (n >= 0) {
        h.noun = n;
        h.anaphor = true;
        h.pos = std::min(t.begin, s.triggers[static_cast<size_t>(n)].begin);
      } else if (t.has_type) {
        h.type = t.type;
      } else {
        continue;
      }
    }
    if (!best || h.pos < best->pos) best = h;
  }
  if (best) {
    if (best->noun >= 0 && !best->anaphor) {
      const Trigger& noun = s.triggers[static_cast<size_t>(best->noun)];
      best->anaphor = IsAnaphoricNoun(s, noun);
    }
    return best;
  }
  // No verb: the first noun, passing over circumstantial ones ("during the meeting").
  int pick = -1;
  for (size_t i = 0; i < s.triggers.size(); ++i) {
    const Trigger& t = s.triggers[i];
    if (!IsNoun(t)) continue;
    if (pick < 0) pick = static_cast<int>(i);
    if (!t.circumstantial) {
      pick = static_cast<int>(i);
      break;
    }
  }
  if (pick < 0) return std::nullopt;
  const Trigger& t = s.triggers[static_cast<size_t>(pick)];
  Head h;
  h.noun = pick;
  h.type = t.type;
  h.lemma = t.lemma;
  h.pos = t.begin;
  h.anaphor = t.kind == TriggerKind::kAnaphor || IsAnaphoricNoun(s, t);
  return h;
}

bool StoryReader::IsAnaphoricNoun(const Sent& s, const Trigger& t) const {
  if (!t.determiner && !t.definite) return false;
  // "The meeting was held in Velgrad ..." opening a story that names no
  // happening before: the news itself, not one told of earlier.
  if (!s.title() && s.offset == 0 && out_.events.empty() && t.kind == TriggerKind::kNoun) {
    return false;
  }
  if (t.kind == TriggerKind::kAnaphor) return true;
  std::string_view rest = s.text.substr(t.end);
  size_t k = 0;
  while (k < rest.size() && rest[k] == ' ') ++k;
  rest = rest.substr(k);
  if (text::StartsWithIgnoreCase(rest, "of ") || text::StartsWithIgnoreCase(rest, "on ")) {
    return false;
  }
  // A name right after ("the exercise “Sea Shield-2024”") makes it specific.
  for (const Ment& m : s.ms) {
    if (m.begin >= t.end && m.begin <= t.end + 4) return false;
  }
  return true;
}

std::vector<const DateExpr*> StoryReader::EligibleDates(const Sent& s, const Head& h) const {
  std::vector<const DateExpr*> out;
  const int head_clause = ClauseOf(s, h.pos);
  for (const DateExpr& d : DatesOf(s)) {
    if (d.period) continue;
    const int c = ClauseOf(s, d.begin);
    if (c != head_clause && c != 0) continue;
    if (c != head_clause && d.begin > h.pos) continue;
    // Quoted speech has its own time: its dates serve only the words quoted with them.
    if (InQuote(s, d.begin) != InQuote(s, h.pos)) continue;
    if (InQuote(s, d.begin) && IsDayWord(s.text.substr(d.begin, d.end - d.begin))) continue;
    if (h.verb >= 0 && s.triggers[static_cast<size_t>(h.verb)].kind == TriggerKind::kVerb &&
        d.begin > h.pos) {
      if (s.text.substr(h.pos, d.begin - h.pos).find(" that ") != std::string_view::npos) {
        continue;  // "decided that Norland would chair the Union in 2025": the content's time
      }
      if (h.type == EventType::kStatement || h.type == EventType::kInterview) {
        continue;  // "condemns the attack on 27 November": the time of what is spoken of
      }
    }
    if (PrecisionOf(d.start) == Precision::kYear) {
      if (h.type == EventType::kAnniversary && d.begin > h.pos) {
        continue;  // "the 75th anniversary of the Victory": the origin
      }
      std::vector<std::string_view> before = WordsBefore(s, d.begin, 1);
      if (!before.empty() && text::EqualsIgnoreCase(before[0], "of")) {
        continue;  // "the War of 1914-1918", "the floods of 1997": a name, not a time
      }
    }
    out.push_back(&d);
  }
  return out;
}

const DateExpr* StoryReader::BestDate(const std::vector<const DateExpr*>& dates, uint32_t pos) const {
  const DateExpr* best = nullptr;
  auto distance = [&](const DateExpr* d) {
    return d->begin > pos ? d->begin - pos : pos - d->begin;
  };
  for (const DateExpr* d : dates) {
    if (!best || PrecisionOf(d->start) > PrecisionOf(best->start) ||
        (PrecisionOf(d->start) == PrecisionOf(best->start) && distance(d) < distance(best))) {
      best = d;
    }
  }
  return best;
}

bool StoryReader::PlaceMarked(const Sent& s, const Ment& m, EventType type) const {
  if (chars::IsCyrillicLead(s.text[m.begin]) && PlaceMarkedOther(s, m, type)) return true;
  std::vector<std::string_view> before = WordsBefore(s, m.begin, 4);
  // The role of a word in ASCII letters in the place_marks tables (the
  // rows of other scripts are PlaceMarkedOther's).
  auto role = [](std::string_view w) {
    if (w.empty() || chars::IsHigh(w[0])) return std::string_view();
    const text::LangRow* row = Tables().place_marks.Find(text::AsciiLower(w));
    return row == nullptr ? std::string_view() : Column(*row, 1);
  };
  size_t k = 0;
  while (k < before.size() && role(before[k]) == "skip") ++k;
  if (k < before.size()) {
    const std::string_view r = role(before[k]);
    if (r == "at") return true;
    if (type == EventType::kVisit && r == "to") return true;
  }
  std::string_view after = s.text.substr(m.end);
  size_t a = 0;
  while (a < after.size() && after[a] == ' ') ++a;
  if (text::StartsWithIgnoreCase(after.substr(a), "hosted") ||
      text::StartsWithIgnoreCase(after.substr(a), "hosts")) {
    return true;
  }
  for (const DateExpr& d : DatesOf(s)) {  // right after a date: "10 June 2022 Velgrad"
    if (m.begin > d.end && m.begin <= d.end + 3 &&
        s.text.substr(d.end, m.begin - d.end).find_first_not_of(" (") == std::string_view::npos) {
      return true;  // "10 June 2022 Velgrad", "in June (Velgrad)"
    }
  }
  return false;
}

bool StoryReader::PlaceMarkedOther(const Sent& s, const Ment& m, EventType type) const {
  size_t p = m.begin;
  for (int n = 0; n < 4; ++n) {
    while (p > 0 && (s.text[p - 1] == ' ' || s.text[p - 1] == '.')) --p;  // "г. "
    const size_t e = p;
    while (p > 0 && IsWordByte(s.text[p - 1])) --p;
    if (e == p) return false;
    const text::LangRow* row =
        Tables().place_marks.Find(chars::LowerUtf8(s.text.substr(p, e - p)));
    if (row == nullptr || !chars::IsHigh(row->front()[0])) return false;  // another script's
    const std::string_view role = Column(*row, 1);
    if (role == "at") return true;
    if (role == "to") return type == EventType::kVisit;
  }
  return false;
}

bool StoryReader::VenueMarked(const Sent& s, const Ment& m) const {
  std::string_view before = s.text.substr(0, m.begin);
  static const std::vector<std::string> kMarks = [] {  // event_venue_marks, and a space
    std::vector<std::string> out;
    for (const std::string& lang : text::Languages()) {
      for (std::string_view w : text::LangWords(lang, "event_venue_marks")) {
        out.push_back(std::string(w) + " ");
      }
    }
    return out;
  }();
  for (std::string_view p : kMarks) {
    if (before.size() >= p.size() &&
        text::EqualsIgnoreCase(before.substr(before.size() - p.size()), p)) {
      return true;
    }
  }
  return false;
}

void StoryReader::FindPlace(const Sent& s, const std::vector<bool>& attr, EventType type, uint32_t from,
                            uint32_t to, int head_clause, Candidate* c) const {
  for (size_t i = 0; i < s.ms.size(); ++i) {
    const Ment& m = s.ms[i];
    if (m.begin < from || m.begin >= to || attr[i]) continue;
    // "marks the 11th anniversary of the signing of the Plan in Faro": the origin's place.
    if (type == EventType::kAnniversary && m.begin > anniversary_pos_) continue;
    const EntityType t = ix_.Type(m.entity);
    int rank = 0;
    if ((t == EntityType::kPlace || t == EntityType::kCountry) && PlaceMarked(s, m, type)) {
      rank = RankPlace(t);
    } else if (t == EntityType::kOrganization && VenueMarked(s, m)) {
      rank = 2;
    }
    if (rank == 0) continue;
    const int clause = ClauseOf(s, m.begin);
    if (clause != head_clause && clause != 0 && rank < 3) continue;
    if (rank > c->place_rank) {
      c->place = m.entity;
      c->place_rank = rank;
    }
  }
}

uint32_t StoryReader::FindChair(const Sent& s, const std::vector<bool>& attr) const {
  static constexpr std::string_view kPhrases[] = {
      "under the chairmanship of ", "under the presidency of ",
      "under the chairship of ",    "chaired by ",
      "presided over by ",          "under the chair of "};
  std::string lower(s.text);
  for (char& c : lower) c = Lower(c);
  std::vector<std::string_view> phrases(std::begin(kPhrases), std::end(kPhrases));
  if (s.text.find_first_of("\xD0\xD1") != std::string_view::npos) {
    // "под председательством": the phrases of other languages, over the
    // sentence lower-cased letter by letter (Cyrillic keeps its byte length).
    lower = chars::LowerUtf8(s.text);
    if (lower.size() != s.text.size()) return kNone;
    for (const std::string& lang : text::Languages()) {
      for (const text::LangRow& row : text::LangRows(lang, "event_chair_phrases")) {
        phrases.push_back(row[0]);
      }
    }
  }
  for (std::string_view p : phrases) {
    size_t at = lower.find(p);
    if (at == std::string::npos) continue;
    uint32_t from = static_cast<uint32_t>(at + p.size());
    while (from < s.text.size() && s.text[from] == ' ') ++from;
    for (size_t i = 0; i < s.ms.size(); ++i) {
      const Ment& m = s.ms[i];
      if (m.begin < from || attr[i]) continue;
      if (m.begin > from + 60) break;
      const EntityType t = ix_.Type(m.entity);
      if (t == EntityType::kPerson || t == EntityType::kCountry ||
          t == EntityType::kOrganization) {
        return m.entity;
      }
    }
    return Demonym(s.text.substr(from));
  }
  return kNone;
}

uint32_t StoryReader::Demonym(std::string_view rest) const {
  std::vector<WordSpan> words = SplitWords(rest.substr(0, 40));
  size_t k = 0;
  if (k < words.size() &&
      text::EqualsIgnoreCase(rest.substr(words[k].begin, words[k].end - words[k].begin), "the")) {
    ++k;
  }
  if (k >= words.size()) return kNone;
  std::string_view w = rest.substr(words[k].begin, words[k].end - words[k].begin);
  if (w.size() < 4 || !IsUpper(w[0])) return kNone;
  used_countries_ = true;
  uint32_t found = kNone;
  for (uint32_t c : ix_.countries) {
    auto matches = [&](std::string_view name) {
      size_t common = 0;
      while (common < name.size() && common < w.size() && name[common] == w[common]) ++common;
      return common >= 4 && common + 1 >= std::min(name.size(), w.size());
    };
    bool hit = matches(ix_.entities[c].name);
    for (const std::string& a : ix_.entities[c].aliases) hit = hit || matches(a);
    if (hit) {
      if (found != kNone && found != c) return kNone;  // ambiguous
      found = c;
    }
  }
  return found;
}

std::vector<uint32_t> StoryReader::VerbPrincipal(const Sent& s, const std::vector<bool>& attr,
                                                 const Trigger& v) const {
  std::vector<uint32_t> out;
  uint32_t subject = kNone, object = kNone, object_body = kNone;
  for (size_t i = 0; i < s.ms.size(); ++i) {
    const Ment& m = s.ms[i];
    if (attr[i]) continue;
    const EntityType t = ix_.Type(m.entity);
    if (t == EntityType::kPlace) continue;
    if (m.end <= v.begin && ClauseOf(s, m.begin) == ClauseOf(s, v.begin)) {
      if (t == EntityType::kPerson || subject == kNone ||
          ix_.Type(subject) != EntityType::kPerson) {
        subject = m.entity;
      }
    } else if (m.begin >= v.end) {
      if (t == EntityType::kPerson && object == kNone) object = m.entity;
      if (t != EntityType::kPerson && object_body == kNone) object_body = m.entity;
    }
  }
  AddUnique(&out, subject);
  AddUnique(&out, object != kNone ? object : object_body);
  return out;
}

std::vector<uint32_t> StoryReader::NounPrincipal(const Sent& s, const std::vector<bool>& attr,
                                                 const Trigger& n) const {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.ms.size(); ++i) {
    const Ment& m = s.ms[i];
    if (attr[i] || ix_.Type(m.entity) != EntityType::kOrganization) continue;
    if (m.end <= n.begin && n.begin - m.end <= 2) {
      AddUnique(&out, m.entity);
      return out;
    }
    if (m.begin >= n.end && m.begin - n.end <= 100 &&
        ClauseOf(s, m.begin) == ClauseOf(s, n.begin)) {
      std::string_view before = s.text.substr(n.end, m.begin - n.end);
      // "заседание Совета ...": a body in the genitive right after the noun.
      const bool genitive = before == " " && chars::IsCyrillicLead(s.text[n.begin]);
      if (genitive || before.ends_with("of the ") || before.ends_with("of ") ||
          before.ends_with("at the ") || before.ends_with("at ")) {
        AddUnique(&out, m.entity);
        return out;
      }
    }
  }
  return out;
}

void StoryReader::AddParticipants(const Sent& s, const std::vector<bool>& attr, Candidate* c) const {
  for (size_t i = 0; i < s.ms.size(); ++i) {
    const Ment& m = s.ms[i];
    if (attr[i] || m.entity == c->place || m.entity == c->chair) continue;
    if (ix_.Type(m.entity) == EntityType::kPlace) continue;
    AddUnique(&c->participants, m.entity);
  }
}

}  // namespace annals::events::event_internal
