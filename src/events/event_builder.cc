// How BuildEvents works.
//
// Per story (in parallel): the headline and each sentence of the text are
// read for event words (triggers.h), date expressions (date_expr.h) and the
// names Relate found there. A sentence's head is the first happening a verb
// anchors ("met with", "took part in the debate", "a meeting ... was held"),
// else its first event noun. Its date is the most precise date of the same
// clause (not a horizon such as "for 2026-2028", not quoted speech's own
// time, not what a statement speaks of); with none, a past-tense report in
// the lead, or the headline, takes the story's date ("news of the day").
// Place: a city, venue or state marked by "in", "at", "near", a host
// ("X hosted"), a visit's object or a date's neighbour ("(7.02 2025 X)").
// Participants: the other names, less those that are only part of a
// person's title ("NDU Secretary General X"). Neighbouring sentences add to
// the event before them ("The event was attended by ...", "It was chaired
// by ..."), date an anaphor ("this operation") or end a span ("From 16
// September ..."). Reports of one happening within a story merge.
//
// Across stories (one thread): reports merge into one event when their
// dates agree (the same day, or a vaguer date containing a precise one) and
// the evidence says they are the same happening: a shared named exercise,
// operation or document, the same principals (who met whom, whose session),
// or, for the same day, a shared participant that is not one of the site's
// regulars. Different principals or different cities keep them apart, so two
// meetings of one day in one city stay two. Named exercises and operations
// mentioned in passing list their story on the event of that name.
#include "src/events/event_builder.h"

#include "src/common/date.h"
#include "src/common/parallel.h"
#include "src/common/record_log.h"
#include "src/common/release.h"
#include "src/common/text.h"
#include "src/events/chars.h"
#include "src/events/date_expr.h"
#include "src/events/lexicon.h"
#include "src/events/sentences.h"
#include "src/events/triggers.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

namespace annals::events {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Thresholds, with where the numbers come from.
// A title phrase between a body and its office holder ("NDU Secretary
// General", "President of the Republic of Norland") is a few words; 80 bytes
// also covers long diplomatic titles ("Ambassador of the Republic of X to
// the Kingdom of Y and Permanent Representative to Z").
constexpr size_t kMaxTitleGap = 80;
// A deferring verb and its noun: "took part in the talks", "spoke in Velgrad
// at the international conference" (32 bytes between).
constexpr uint32_t kNearNoun = 48;
constexpr uint32_t kFarNoun = 110;
// Names that appear in more than this share of the stories (and in at least
// kUbiquitousMinStories) are the site's own organization and its regulars:
// sharing them is no evidence that two reports are of one happening.
constexpr double kUbiquitousShare = 0.25;
constexpr int kUbiquitousMinStories = 4;
// Dates coordinated in one sentence ("in June (Velgrad) and December 2023
// (Ostrava)") are at most this far apart.
constexpr size_t kMaxCoordinationGap = 40;
// The sentences of one story that are read for events. Merging a story's
// reports compares each with each, so a "story" of millions of sentences (a
// huge page of one block) would cost their square; a news story has tens
// (the longest in ../shared/data has under 100), and the events of one are
// told in its first sentences.
constexpr size_t kMaxSentencesPerStory = 2000;

using chars::IsAlpha;
using chars::IsUpper;
using chars::IsWordByte;
using chars::Lower;

// Word lists of data/lang/LANG/event_*.tsv: the place marks of every language
// (a word's own script's rows are read: PlaceMarked, PlaceMarkedOther) and
// the clause starts of other languages than English.
struct EventTables {
  WordTable place_marks{"event_place_marks"};  // word, role (at, to, skip)
  WordTable clause_starts{"event_clause_starts"};
};
const EventTables& Tables() {
  static const EventTables kInstance;  // immutable after construction (thread-safe init)
  return kInstance;
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (text::EqualsIgnoreCase(w, x)) return true;
  }
  return false;
}

// Words of office and rank (the `event_post_words` tables): a body or state
// between one of these and a person's name is part of the person's title,
// not a participant.
bool IsPostWord(std::string_view w) {
  static const WordTable kPostWords("event_post_words");
  if (!w.empty() && chars::IsHigh(w[0])) return kPostWords.Contains(chars::LowerUtf8(w));
  return kPostWords.Contains(text::AsciiLower(w));
}

// Words that may sit inside a title phrase besides capitalized words.
bool IsTitleConnector(std::string_view w) {
  static const WordTable kConnectors("event_title_connectors");
  return kConnectors.Contains(text::AsciiLower(w));
}

// Lower-case words of `s` joined by single spaces: the key under which
// names are looked up in headlines.
struct WordSpan {
  uint32_t begin;
  uint32_t end;
};
std::vector<WordSpan> SplitWords(std::string_view s) {
  std::vector<WordSpan> out;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsWordByte(s[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < s.size() &&
           (IsWordByte(s[i]) || (s[i] == '-' && i + 1 < s.size() && IsWordByte(s[i + 1])))) {
      ++i;
    }
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
  return out;
}
// Appends word `w` lower-cased: ASCII byte by byte, other letters by ICU
// ("Совета" and "СОВЕТА" give one key).
void AppendLower(std::string_view w, std::string* key) {
  for (char c : w) {
    if (chars::IsHigh(c)) {
      key->append(chars::LowerUtf8(w));
      return;
    }
  }
  for (char c : w) key->push_back(Lower(c));
}
std::string NameKey(std::string_view s) {
  std::string key;
  for (const WordSpan& w : SplitWords(s)) {
    if (!key.empty()) key.push_back(' ');
    AppendLower(s.substr(w.begin, w.end - w.begin), &key);
  }
  return key;
}

// A 4-digit year written in a name ("Sea Shield-2024"), or 0.
int YearInName(std::string_view name) {
  for (size_t i = 0; i + 4 <= name.size(); ++i) {
    if (i > 0 && IsWordByte(name[i - 1]) && !(name[i - 1] == '-')) {
      if (name[i - 1] >= '0' && name[i - 1] <= '9') continue;
    }
    bool digits = true;
    for (size_t k = 0; k < 4; ++k) digits = digits && name[i + k] >= '0' && name[i + k] <= '9';
    if (!digits || (i + 4 < name.size() && name[i + 4] >= '0' && name[i + 4] <= '9')) continue;
    if (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') continue;
    int y = (name[i] - '0') * 1000 + (name[i + 1] - '0') * 100 + (name[i + 2] - '0') * 10 +
            (name[i + 3] - '0');
    if (y >= 1900 && y <= 2099) return y;
  }
  return 0;
}

struct Ment {
  uint32_t begin;  // relative to the text it was found in
  uint32_t end;
  uint32_t entity;
};

// Everything BuildEvents looks up, built once from the Knowledge.
struct Index {
  std::span<const Entity> entities;
  std::span<const StoryHead> stories;
  std::unordered_map<std::string, uint32_t> names;  // NameKey -> entity, kNone when ambiguous
  std::unordered_set<std::string> first_words;      // the first word of every key
  size_t max_name_words = 0;
  std::vector<uint32_t> countries;
  std::vector<int> name_year;
  std::vector<bool> ubiquitous;

  EntityType Type(uint32_t e) const { return entities[e].type; }
  // Of story i's mentions (`raw`), those inside its text and of a known
  // entity, ordered, not overlapping (of two, the one that starts first,
  // else the longer, wins).
  std::vector<Ment> MentionsOf(size_t story, std::span<const MentionRef> raw) const {
    std::vector<Ment> out;
    for (const MentionRef& m : raw) {
      if (m.entity < entities.size() && m.begin < m.end && m.end <= stories[story].text_size) {
        out.push_back({m.begin, m.end, m.entity});
      }
    }
    std::sort(out.begin(), out.end(), [](const Ment& x, const Ment& y) {
      return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
    });
    size_t kept = 0;
    for (const Ment& m : out) {
      if (kept == 0 || m.begin >= out[kept - 1].end) out[kept++] = m;
    }
    out.resize(kept);
    return out;
  }
};

// The index of `entities`, and which of them are the site's regulars, from
// one pass over the mentions. Errors: those of reading the mentions.
Result<Index> BuildIndex(std::span<const StoryHead> stories, std::span<const Entity> entities,
                         const extract::MentionSource& mentions) {
  Index ix;
  ix.entities = entities;
  ix.stories = stories;
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    ix.name_year.push_back(YearInName(e.name));
    if (e.type == EntityType::kCountry) ix.countries.push_back(i);
    auto add = [&](std::string_view name) {
      std::string key = NameKey(name);
      if (key.size() < 2) return;
      ix.first_words.insert(key.substr(0, key.find(' ')));
      auto [it, inserted] = ix.names.emplace(key, i);
      if (!inserted && it->second != i) it->second = kNone;
      ix.max_name_words = std::max(
          ix.max_name_words, static_cast<size_t>(std::count(key.begin(), key.end(), ' ') + 1));
    };
    add(e.name);
    for (const std::string& a : e.aliases) add(a);
  }
  std::vector<uint32_t> seen_in(entities.size()), seen_last(entities.size(), kNone);
  std::unique_ptr<extract::MentionCursor> cursor = mentions.Open();
  std::vector<MentionRef> raw;
  for (uint32_t si = 0; si < stories.size(); ++si) {
    if (auto st = cursor->Next(si, &raw); !st) return tl::unexpected(st.error());
    for (const Ment& m : ix.MentionsOf(si, raw)) {
      if (seen_last[m.entity] != si) {
        seen_last[m.entity] = si;
        ++seen_in[m.entity];
      }
    }
  }
  const double n = static_cast<double>(stories.size());
  ix.ubiquitous.resize(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    const double c = static_cast<double>(seen_in[i]);
    ix.ubiquitous[i] = c >= kUbiquitousMinStories && c > kUbiquitousShare * n;
  }
  return ix;
}

// Names found in a headline (which has no mentions of its own).
std::vector<Ment> FindNames(std::string_view s, const Index& ix) {
  std::vector<Ment> out;
  std::vector<WordSpan> words = SplitWords(s);
  size_t i = 0;
  std::string first;
  while (i < words.size()) {
    bool found = false;
    first.clear();
    AppendLower(s.substr(words[i].begin, words[i].end - words[i].begin), &first);
    if (!ix.first_words.count(first)) {
      ++i;
      continue;
    }
    for (size_t n = std::min(ix.max_name_words, words.size() - i); n >= 1; --n) {
      std::string key;
      for (size_t k = i; k < i + n; ++k) {
        if (!key.empty()) key.push_back(' ');
        AppendLower(s.substr(words[k].begin, words[k].end - words[k].begin), &key);
      }
      auto it = ix.names.find(key);
      if (it != ix.names.end() && it->second != kNone) {
        out.push_back({words[i].begin, words[i + n - 1].end, it->second});
        i += n;
        found = true;
        break;
      }
    }
    if (!found) ++i;
  }
  return out;
}

// One sentence (or the headline) with what was found in it. Offsets are
// relative to the sentence.
struct Sent {
  std::string_view text;
  uint32_t offset = 0;  // in the story text; the headline has 0
  int paragraph = 0;    // -1 for the headline
  std::vector<Ment> ms;
  std::vector<Trigger> triggers;
  std::vector<uint32_t> clauses;  // starts of clauses after the first
  std::vector<TextSpan> quotes;   // speech quotes
  bool title() const { return paragraph < 0; }
  // Read on first use (StoryReader::DatesOf, FutureOf): most sentences need neither.
  mutable bool dates_read = false;
  mutable int8_t future = -1;
  mutable std::vector<DateExpr> dates;
};

struct Head {
  EventType type = EventType::kOther;
  uint32_t pos = 0;
  int noun = -1;  // trigger indices
  int verb = -1;
  uint16_t lemma = 0;
  bool past = false;
  bool completion = false;
  bool anaphor = false;  // "the event", "the meeting" with nothing more: refers back
};

// An event read from one story.
struct Candidate {
  // In an order that leaves no padding (112 bytes): an archive holds about
  // 4 candidates a story.
  EventType type = EventType::kOther;
  bool from_title = false;
  bool news_date = false;  // dated by the story's date ("news of the day"), not by the text
  uint16_t lemma = 0;
  date::Date start;  // year 0: undated
  date::Date last;   // year 0: no span
  uint32_t place = kNone;
  int place_rank = 0;  // 3 city or venue place, 2 body as venue, 1 state
  uint32_t chair = kNone;
  int sentence = 0;
  std::vector<uint32_t> participants;
  std::vector<uint32_t> principal;
  size_t story = 0;
  uint32_t sentence_begin = 0;
  uint32_t sentence_end = 0;
};

// A named exercise or operation mentioned in passing, to be linked to the
// event of that name.
struct RefLink {
  uint32_t entity = kNone;
  std::vector<date::Date> dates;
  size_t story = 0;
};

struct StoryResult {
  std::vector<Candidate> events;
  std::vector<RefLink> refs;
};

// A story's candidates, as they wait for the merge: varint-coded one after
// another, about 25 bytes each where a Candidate takes 112 (and an archive
// has about 5 a story). The merge reads each at its offset.
void PutDate(const date::Date& d, RecordWriter* w) {
  w->Int(d.year);
  w->Int(d.month);
  w->Int(d.day);
}
void PutList(const std::vector<uint32_t>& v, RecordWriter* w) {
  w->Uint(v.size());
  for (uint32_t x : v) w->Uint(x);
}

std::string EncodeCandidates(const std::vector<Candidate>& cs) {
  std::string out;
  RecordWriter w(&out);
  auto entity = [&](uint32_t e) { w.Uint(e == kNone ? 0 : uint64_t{e} + 1); };
  for (const Candidate& c : cs) {
    w.Uint(static_cast<uint64_t>(c.type));
    w.Uint(c.from_title);
    w.Uint(c.lemma);
    PutDate(c.start, &w);
    PutDate(c.last, &w);
    entity(c.place);
    w.Int(c.place_rank);
    entity(c.chair);
    w.Int(c.sentence);
    PutList(c.participants, &w);
    PutList(c.principal, &w);
    w.Uint(c.story);
    w.Uint(c.sentence_begin);
    w.Uint(c.sentence_end);
  }
  return out;
}

// The candidate at r's front into *c; false when it does not decode.
bool ReadCandidate(RecordReader* r, Candidate* c) {
  auto num = [&](auto* x) { *x = static_cast<std::remove_pointer_t<decltype(x)>>(r->Uint()); };
  auto entity = [&](uint32_t* e) {
    const uint64_t v = r->Uint();
    *e = v == 0 ? kNone : static_cast<uint32_t>(v - 1);
  };
  auto date = [&](date::Date* d) {
    d->year = static_cast<int>(r->Int());
    d->month = static_cast<int>(r->Int());
    d->day = static_cast<int>(r->Int());
  };
  auto list = [&](std::vector<uint32_t>* v) {
    const uint64_t k = r->Uint();
    v->clear();
    for (uint64_t i = 0; i < k && r->ok(); ++i) v->push_back(static_cast<uint32_t>(r->Uint()));
  };
  c->type = static_cast<EventType>(r->Uint());
  c->from_title = r->Uint() != 0;
  num(&c->lemma);
  date(&c->start);
  date(&c->last);
  entity(&c->place);
  c->place_rank = static_cast<int>(r->Int());
  entity(&c->chair);
  c->sentence = static_cast<int>(r->Int());
  list(&c->participants);
  list(&c->principal);
  num(&c->story);
  num(&c->sentence_begin);
  num(&c->sentence_end);
  return r->ok();
}

// What the reading of a story leaves for the merge.
struct StoryReports {
  std::string candidates;  // EncodeCandidates
  std::vector<RefLink> refs;
};

void AddUnique(std::vector<uint32_t>* v, uint32_t x) {
  if (x != kNone && std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

bool Contains(std::span<const uint32_t> v, uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

int RankPlace(EntityType t) {
  switch (t) {
    case EntityType::kPlace:
      return 3;
    case EntityType::kOrganization:
      return 2;
    case EntityType::kCountry:
      return 1;
    default:
      return 0;
  }
}

class StoryReader {
 public:
  // `mentions`: the story's, as Index::MentionsOf gives them.
  StoryReader(const Story& story, size_t index, const Index& ix, std::vector<Ment> mentions)
      : story_(story), index_(index), ix_(ix), mentions_(std::move(mentions)) {
    has_story_date_ = date::ParseIso(story.date, &story_date_) && story_date_.day != 0;
  }

  StoryResult Run() {
    Prepare();
    for (size_t i = 0; i < sents_.size(); ++i) {
      if (consumed_.count(i)) continue;
      ReadSentence(i);
    }
    SignOffs();
    MergeWithinStory();
    return std::move(out_);
  }

 private:
  // ---- Preparation -------------------------------------------------------

  void Prepare() {
    const std::string& t = story_.text;
    std::vector<TextSpan> quotes = SpeechQuotes(t);
    const std::vector<Ment> ms = std::move(mentions_);
    if (!story_.title.empty()) {
      Sent s;
      // A title is one sentence; an overlong one is read to kMaxSentenceBytes.
      s.text = std::string_view(story_.title);
      if (s.text.size() > kMaxSentenceBytes) {
        size_t cut = kMaxSentenceBytes;
        while (cut > 0 && (static_cast<unsigned char>(s.text[cut]) & 0xC0) == 0x80) --cut;
        s.text = s.text.substr(0, cut);
      }
      s.paragraph = -1;
      s.ms = FindNames(s.text, ix_);
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

  // A story without a date that names something by its year ("the
  // exhibition X-2022, which will be held on October 18-20"): that year,
  // when all such names agree, is the year of its yearless dates.
  int YearOfNames() const {
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

  void Annotate(Sent* s) const {
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

  // ---- Helpers over one sentence -----------------------------------------

  bool FutureOf(const Sent& s) const {
    if (s.future < 0) s.future = SpeaksOfFuture(s.text) ? 1 : 0;
    return s.future > 0;
  }

  // The date expressions of the sentence, but those inside names ("Strategy
  // up to 2030", "Sea Shield-2024").
  const std::vector<DateExpr>& DatesOf(const Sent& s) const {
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

  int ClauseOf(const Sent& s, uint32_t pos) const {
    int c = 0;
    for (uint32_t b : s.clauses) {
      if (b < pos) ++c;
    }
    return c;
  }

  bool InQuote(const Sent& s, uint32_t pos) const {
    for (const TextSpan& q : s.quotes) {
      if (pos >= q.begin && pos < q.end) return true;
    }
    return false;
  }

  // The lower-case words just before `pos`, nearest first.
  std::vector<std::string_view> WordsBefore(const Sent& s, uint32_t pos, size_t n) const {
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

  // A body or state inside a person's title: "NDU Secretary General X",
  // "President of the Republic of Norland X".
  bool IsAttribute(const Sent& s, size_t mi) const {
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

  // Trigger usable as a head noun (not a deferring verb).
  static bool IsNoun(const Trigger& t) {
    return t.kind == TriggerKind::kNoun || t.kind == TriggerKind::kAnaphor;
  }
  static bool IsVerb(const Trigger& t) {
    return t.kind == TriggerKind::kVerb || t.kind == TriggerKind::kDefer;
  }

  // The noun a deferring verb points at: after it ("took part in the
  // talks"), or before it when passive ("a meeting ... was held") or a
  // participle after its noun ("the session ... held on").
  int NounFor(const Sent& s, size_t vi) const {
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

  std::optional<Head> SelectHead(const Sent& s) const {
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

  // "the meeting", "this event", "During the session," with nothing that
  // names it anew ("the meeting of the Council ..." does).
  bool IsAnaphoricNoun(const Sent& s, const Trigger& t) const {
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

  // Dates of the sentence that can be the time of the head.
  std::vector<const DateExpr*> EligibleDates(const Sent& s, const Head& h) const {
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

  static bool IsDayWord(std::string_view w) {
    return text::StartsWithIgnoreCase(w, "today") || text::StartsWithIgnoreCase(w, "yesterday") ||
           text::StartsWithIgnoreCase(w, "tomorrow");
  }

  const DateExpr* BestDate(const std::vector<const DateExpr*>& dates, uint32_t pos) const {
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

  // The place a mention can be: "in Velgrad", "at ...", "near Ostrava", "the
  // Republic of Norland hosted", "(7.02 2025 Velgrad)", "visited Velgrad".
  bool PlaceMarked(const Sent& s, const Ment& m, EventType type) const {
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

  // The same by the place_marks table of the name's language: "в Нордбурге",
  // "в г. Нордбурге", "в городе Нордбурге".
  bool PlaceMarkedOther(const Sent& s, const Ment& m, EventType type) const {
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

  // A body as the venue: "took place in the National Assembly", "held at the Palace of Congresses".
  bool VenueMarked(const Sent& s, const Ment& m) const {
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

  // The best place among the mentions of [from, to), for an event of `type`.
  void FindPlace(const Sent& s, const std::vector<bool>& attr, EventType type, uint32_t from,
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

  // The state, person or body chairing: "under the chairmanship of X",
  // "chaired by X", "presided over by X", "X chaired".
  uint32_t FindChair(const Sent& s, const std::vector<bool>& attr) const {
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

  // "the Polish side", "the Finnish chairmanship": the state whose name
  // shares the adjective's stem.
  uint32_t Demonym(std::string_view rest) const {
    std::vector<WordSpan> words = SplitWords(rest.substr(0, 40));
    size_t k = 0;
    if (k < words.size() &&
        text::EqualsIgnoreCase(rest.substr(words[k].begin, words[k].end - words[k].begin), "the")) {
      ++k;
    }
    if (k >= words.size()) return kNone;
    std::string_view w = rest.substr(words[k].begin, words[k].end - words[k].begin);
    if (w.size() < 4 || !IsUpper(w[0])) return kNone;
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

  // Who met whom: the subject before a meeting verb and its object after.
  std::vector<uint32_t> VerbPrincipal(const Sent& s, const std::vector<bool>& attr,
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

  // The body a meeting noun belongs to: "NDU Council meeting", "meeting of
  // the Council ...", "debate ... at the Standing Council".
  std::vector<uint32_t> NounPrincipal(const Sent& s, const std::vector<bool>& attr,
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

  std::vector<bool> Attributes(const Sent& s) const {
    std::vector<bool> attr(s.ms.size());
    for (size_t i = 0; i < s.ms.size(); ++i) attr[i] = IsAttribute(s, i);
    return attr;
  }

  void AddParticipants(const Sent& s, const std::vector<bool>& attr, Candidate* c) const {
    for (size_t i = 0; i < s.ms.size(); ++i) {
      const Ment& m = s.ms[i];
      if (attr[i] || m.entity == c->place || m.entity == c->chair) continue;
      if (ix_.Type(m.entity) == EntityType::kPlace) continue;
      AddUnique(&c->participants, m.entity);
    }
  }

  // ---- Reading one sentence ----------------------------------------------

  bool LeadNews(const Sent& s, const Head& h) const {
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

  Candidate NewCandidate(size_t si, const Head& h) const {
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

  void Fill(const Sent& s, const Head& h, const std::vector<bool>& attr, uint32_t from, uint32_t to,
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

  void ReadSentence(size_t si) {
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

  // Names an exercise or an operation.
  bool NamesHappening(const Sent& s) const {
    for (const Ment& m : s.ms) {
      const EntityType t = ix_.Type(m.entity);
      if (t == EntityType::kExercise || t == EntityType::kOperation) return true;
    }
    return false;
  }

  bool HasParticipationVerb(const Sent& s) const {
    for (const Trigger& t : s.triggers) {
      if (t.participation) return true;
    }
    return false;
  }

  bool FromHead(size_t si, const Head& h, const std::vector<bool>& attr) {
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

  std::vector<const DateExpr*> Coordinated(const Sent& s,
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

  // "completed the operation on 30 September" with "From 16 September, ..."
  // in one of the next sentences: the span 16-30 September.
  void Completion(size_t si, Candidate* c) {
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

  // Cheap test before FromDatedLead reads the dates: "On 5 May", "15 May", "On May 5".
  static bool MayOpenWithDate(const Sent& s) {
    if (s.ms.empty() || s.text.size() < 4) return false;
    const bool on = text::StartsWithIgnoreCase(s.text, "on ");
    const char first = s.text[on ? 3 : 0];
    return (first >= '0' && first <= '9') || (on && IsUpper(first));
  }

  // A sentence that opens with a day ("On 14 May, ...", "On 1 January 2025,
  // Norland took over ...") reports a happening even without an event word.
  bool FromDatedLead(size_t si, const std::vector<bool>& attr) {
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

  // A sentence that goes on about the event before it: "The event took place
  // in the National Assembly", "It was chaired by ...", "The exercise was directed by ...".
  void Augment(const Sent& s, const std::vector<bool>& attr) {
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

  // An event named without a date of its own: kept aside, to lend its
  // participants to the dated event of the same name in this story.
  void Undated(size_t si, const Head& h, const std::vector<bool>& attr) {
    if (h.lemma == 0) return;
    Candidate c = NewCandidate(si, h);
    const Sent& s = sents_[si];
    Fill(s, h, attr, 0, static_cast<uint32_t>(s.text.size()), &c);
    undated_.push_back(std::move(c));
  }

  // "After this rescue operation, the ministers ...": the
  // happening is the one the sentence before dates.
  void BackwardAnaphora(size_t si, const std::optional<Head>& head, bool made) {
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

  // Named exercises and operations mentioned in the sentence.
  void Refs(size_t si, const std::vector<bool>& attr, bool made) {
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

  // "10 June 2022 Velgrad city" closing a statement: the place of the day's event.
  void SignOffs() {
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

  // ---- Merging within the story -------------------------------------------

  static std::optional<EventType> MergedType(EventType a, EventType b) {
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

  bool Overlap(const Candidate& a, const Candidate& b) const {
    for (uint32_t p : a.participants) {
      if (Contains(b.participants, p)) return true;
    }
    return false;
  }

  static void Absorb(Candidate* into, const Candidate& from, EventType type) {
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

  void MergeWithinStory() {
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

  const Story& story_;
  size_t index_;
  const Index& ix_;
  std::vector<Ment> mentions_;  // until Prepare
  date::Date story_date_;
  bool has_story_date_ = false;
  int year_hint_ = 0;  // without a story date: YearOfNames()
  std::vector<Sent> sents_;
  std::unordered_set<size_t> consumed_;
  std::vector<Candidate> undated_;
  int last_with_event_ = -1;
  uint32_t anniversary_pos_ = UINT32_MAX;  // the head word of the anniversary being filled
  StoryResult out_;
};

// ---- Merging across stories ------------------------------------------------

// An event as the merger builds it. An archive has about 4 a story, most of
// them of one report and naming no exercise or principal: that first
// report's story and sentence are c's own, and the lists of the others, of
// the names and of the keys are held apart, made when first needed.
struct Cluster {
  struct Evidence {
    size_t story;
    uint32_t begin;
    uint32_t end;
  };
  struct Lists {
    std::vector<size_t> more_stories;  // the other stories, besides c.story
    std::vector<uint32_t> named;       // exercises, operations and documents among the participants
    std::vector<uint32_t> keyed;       // entities under which by_year_entity_ lists the cluster
    std::vector<Evidence> more_evidence;  // where each other report was read
  };

  Candidate c;                   // merged attributes; c.story, c.sentence_* are the first report's
  int month_key = 0;             // year * 100 + month of the first report's start, 0 if none
  std::unique_ptr<Lists> lists;  // null while all are empty

  Lists& Grow() {
    if (!lists) lists = std::make_unique<Lists>();
    return *lists;
  }
  std::span<const size_t> more_stories() const {
    return lists ? std::span<const size_t>(lists->more_stories) : std::span<const size_t>();
  }
  std::span<const uint32_t> named() const {
    return lists ? std::span<const uint32_t>(lists->named) : std::span<const uint32_t>();
  }
  std::span<const Evidence> more_evidence() const {
    return lists ? std::span<const Evidence>(lists->more_evidence) : std::span<const Evidence>();
  }
  bool HasNamed(uint32_t e) const { return Contains(named(), e); }
  bool HasKey(uint32_t e) const { return lists && Contains(lists->keyed, e); }
  void AddStory(size_t s) {
    const std::span<const size_t> more = more_stories();
    if (c.story != s && std::find(more.begin(), more.end(), s) == more.end()) {
      Grow().more_stories.push_back(s);
    }
  }
};

// Whether two names are written in the same script: both with Cyrillic
// letters, or both without.
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

bool InSpan(const Candidate& span, const date::Date& d) {
  return span.last.year != 0 && PrecisionOf(span.start) == Precision::kDay &&
         PrecisionOf(d) == Precision::kDay && !(d < span.start) && !(span.last < d);
}

class Merger {
 public:
  explicit Merger(const Index& ix) : ix_(ix) {}

  // Candidates must come most precise first (days, then months, then
  // years), so that a vaguer report finds the event it is about.
  void Add(Candidate c) {
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

  // A named exercise or operation mentioned in passing joins the event of
  // that name whose date fits; one mentioned without a date joins it only
  // when a single event has that name (series recur every year).
  void Link(const RefLink& r) {
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

  std::deque<Cluster>& clusters() { return clusters_; }

 private:
  // A month or year is too wide to join reports on anything but a shared
  // named exercise, operation or document, the same principals, or the same
  // place (TryMerge). So a report that is not day-precise is compared only
  // with the clusters of its year keyed so, in the order of Nearby: the
  // same clusters TryMerge could accept, without the whole year's scan.
  static uint64_t YearKey(int year, uint32_t entity) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(year)) << 32) | entity;
  }
  void KeyCluster(size_t k, uint32_t entity) {
    Cluster& cl = clusters_[k];
    if (entity == kNone || cl.HasKey(entity)) return;
    cl.Grow().keyed.push_back(entity);
    by_year_entity_[YearKey(cl.c.start.year, entity)].push_back(k);
  }
  void IndexKeys(size_t k) {
    for (uint32_t p : clusters_[k].named()) KeyCluster(k, p);
    for (uint32_t p : clusters_[k].c.principal) KeyCluster(k, p);
    KeyCluster(k, clusters_[k].c.place);
  }
  std::vector<size_t> SharingKeys(const Candidate& c) const {
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

  // Whether a report and an event are of one happening: strong evidence is a
  // shared named exercise, operation or document, or the same principals
  // (who met whom, whose session); medium is a shared participant that is
  // not one of the site's regulars, or the same place where one side names
  // no one else. Different principals, or different cities, conflict.
  void Evidence(const Cluster& cl, const Candidate& c, bool* strong, bool* medium,
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

  // Names someone besides the site's regulars.
  bool Named(const Candidate& c) const {
    for (uint32_t p : c.participants) {
      if (!ix_.ubiquitous[p]) return true;
    }
    return false;
  }

  static std::optional<EventType> Compatible(EventType a, EventType b) {
    if (a == b) return a;
    for (EventType x : {EventType::kDecision, EventType::kSpeech, EventType::kStatement}) {
      if ((a == EventType::kMeeting && b == x) || (b == EventType::kMeeting && a == x)) {
        return EventType::kMeeting;
      }
    }
    return std::nullopt;
  }

  bool TryMerge(size_t k, const Candidate& c) {
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

  // The clusters a report dated `d` may be about: of the same day (or a
  // span over it), of the same month, or of the same year, as precise as `d`.
  const std::vector<size_t>& Nearby(const date::Date& d) {
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

  // Each day of a cluster's start..last (spans longer than two months are
  // indexed by their first day only).
  void IndexDays(size_t k) {
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

  const Index& ix_;
  // A deque: an archive has about 4 events a story, and a vector grown by
  // doubling moved them all, holding both copies, at each growth.
  std::deque<Cluster> clusters_;
  std::unordered_map<int64_t, std::vector<size_t>> by_day_;
  std::unordered_map<int, std::vector<size_t>> by_month_;
  std::unordered_map<int, std::vector<size_t>> by_year_;
  std::unordered_map<uint32_t, std::vector<size_t>> by_named_;
  std::unordered_map<uint64_t, std::vector<size_t>> by_year_entity_;  // YearKey -> clusters
};

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

}  // namespace

struct Reports::Impl {
  Index ix;                                 // its stories are the source's heads
  std::vector<StoryReports> stories;        // [story]
  const std::atomic<bool>* stop = nullptr;  // EventOptions::stop
};

Reports::Reports(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reports::Reports(Reports&&) noexcept = default;
Reports& Reports::operator=(Reports&&) noexcept = default;
Reports::~Reports() = default;

Result<Reports> ReadReports(const extract::StorySource& all_stories,
                            std::span<const Entity> entities,
                            const extract::MentionSource& mentions, const EventOptions& options) {
  const extract::StoppableSource source(all_stories, options.stop);
  auto r = std::make_unique<Reports::Impl>();
  r->stop = options.stop;
  auto ix = BuildIndex(source.Heads(), entities, mentions);
  if (!ix) return tl::unexpected(ix.error());
  r->ix = std::move(*ix);
  r->stories.resize(r->ix.stories.size());
  const int max_threads = ThreadCount(options.threads);
  // The mentions come a chunk of stories at a time, in story order.
  std::unique_ptr<extract::MentionCursor> cursor = mentions.Open();
  std::vector<std::vector<MentionRef>> raw;
  Status read = source.ForEachChunk([&](size_t first, std::span<const Story> chunk) -> Status {
    const size_t n =
        first < r->stories.size() ? std::min(chunk.size(), r->stories.size() - first) : 0;
    if (raw.size() < n) raw.resize(n);
    for (size_t i = 0; i < n; ++i) {
      if (auto st = cursor->Next(static_cast<uint32_t>(first + i), &raw[i]); !st) return st;
    }
    // A thread for every 16 stories at most: a story is quick to read.
    const int threads = std::min(max_threads, static_cast<int>(std::max<size_t>(1, n / 16)));
    ParallelFor(n, threads, [&](size_t i, size_t) {
      if (extract::Stopped(options.stop)) return;
      StoryResult read =
          StoryReader(chunk[i], first + i, r->ix, r->ix.MentionsOf(first + i, raw[i])).Run();
      r->stories[first + i] = {EncodeCandidates(read.events), std::move(read.refs)};
    });
    if (extract::Stopped(options.stop)) return extract::Interrupted();
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return Reports(std::move(r));
}

Result<Reports> ReadReports(const extract::StorySource& source, const extract::Knowledge& knowledge,
                            const EventOptions& options) {
  return ReadReports(source, knowledge.entities,
                     extract::MentionSpan(knowledge.mentions, source.Heads().size()), options);
}

Status MergeReports(Reports reports, const std::function<Status(Event&&)>& sink) {
  std::unique_ptr<Reports::Impl> r = std::move(reports.impl_);
  const Index& ix = r->ix;
  const std::span<const StoryHead> stories = ix.stories;
  std::vector<StoryReports>& read = r->stories;
  // Day-precise reports first, so that a vaguer report joins the event they
  // date. The candidates are sorted by reference (story, offset, and what
  // orders them) and each decoded as it goes into the merger.
  struct Ref {
    date::Date start;
    Precision precision;
    uint32_t story;
    uint32_t offset;  // in the story's encoded candidates
  };
  const Status corrupt = Fail(ErrorCode::kCorrupt, "the events' reports of a story do not decode");
  std::vector<Ref> order;
  Candidate c;
  for (uint32_t s = 0; s < read.size(); ++s) {
    const std::string& encoded = read[s].candidates;
    for (RecordReader in(encoded); !in.done();) {
      const auto offset = static_cast<uint32_t>(encoded.size() - in.left());
      if (!ReadCandidate(&in, &c)) return corrupt;
      order.push_back({c.start, PrecisionOf(c.start), s, offset});
    }
  }
  std::stable_sort(order.begin(), order.end(), [](const Ref& a, const Ref& b) {
    if (a.precision != b.precision) return a.precision > b.precision;
    return a.start < b.start;
  });
  Merger merger(ix);
  size_t added = 0;
  for (const Ref& ref : order) {
    if (++added % 4096 == 0 && extract::Stopped(r->stop)) return extract::Interrupted();
    RecordReader in(std::string_view(read[ref.story].candidates).substr(ref.offset));
    if (!ReadCandidate(&in, &c)) return corrupt;
    merger.Add(std::move(c));
  }
  Release(order);
  for (StoryReports& sr : read) {
    Release(sr.candidates);
    for (const RefLink& link : sr.refs) merger.Link(link);
  }
  Release(read);
  // The events go out of the merger one at a time.
  std::deque<Cluster>& clusters = merger.clusters();
  for (; !clusters.empty(); clusters.pop_front()) {
    if (extract::Stopped(r->stop)) return extract::Interrupted();
    Cluster& cl = clusters.front();
    const Candidate& c = cl.c;
    Event e;
    e.type = c.type;
    e.date = date::Iso(c.start);
    if (c.last.year != 0) e.date_end = date::Iso(c.last);
    if (c.place != kNone) e.place = ix.entities[c.place].name;
    if (c.chair != kNone) e.chair = ix.entities[c.chair].name;
    for (uint32_t p : c.participants) {
      if (p != c.place && p != c.chair) e.participants.push_back(ix.entities[p].name);
    }
    std::vector<size_t> in(cl.more_stories().begin(), cl.more_stories().end());
    in.push_back(c.story);
    std::sort(in.begin(), in.end(), [&](size_t a, size_t b) {
      if (stories[a].date != stories[b].date) return stories[a].date < stories[b].date;
      return stories[a].id < stories[b].id;
    });
    for (size_t s : in) e.stories.push_back(stories[s].id);
    // Provenance and id: the first report by story id and position.
    const Cluster::Evidence own{c.story, c.sentence_begin, c.sentence_end};
    auto before = [&](const Cluster::Evidence& a, const Cluster::Evidence& b) {
      if (stories[a.story].id != stories[b.story].id) {
        return stories[a.story].id < stories[b.story].id;
      }
      return a.begin < b.begin;
    };
    const Cluster::Evidence* first = &own;
    for (const Cluster::Evidence& x : cl.more_evidence()) {
      if (before(x, *first)) first = &x;
    }
    e.story_id = stories[first->story].id;
    e.sentence_begin = first->begin;
    e.sentence_end = first->end;
    const std::string key = e.date + "|" + EventTypeName(e.type) + "|" + e.story_id + "|" +
                            std::to_string(e.sentence_begin);
    e.id = Hex(text::Hash64(key));
    if (auto st = sink(std::move(e)); !st) return st;
  }
  return Ok();
}

std::vector<Event> MergeReports(Reports reports) {
  std::vector<Event> out;
  // The sink cannot fail.
  (void)MergeReports(std::move(reports), [&](Event&& e) -> Status {
    out.push_back(std::move(e));
    return Ok();
  });
  std::sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.id < b.id;
  });
  return out;
}

Result<std::vector<Event>> BuildEvents(const extract::StorySource& source,
                                       const extract::Knowledge& knowledge,
                                       const EventOptions& options) {
  auto reports = ReadReports(source, knowledge, options);
  if (!reports) return tl::unexpected(reports.error());
  return MergeReports(std::move(*reports));
}

std::vector<Event> BuildEvents(std::span<const Story> stories, const extract::Knowledge& knowledge,
                               const EventOptions& options) {
  // Stories in memory are one chunk, which cannot fail to read.
  return *BuildEvents(extract::StorySpan(stories), knowledge, options);
}

}  // namespace annals::events
