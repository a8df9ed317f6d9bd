// Internal to BuildEvents (event_builder.h): what its parts share, split
// by step. event_index.cc indexes the entities' names and finds them in a
// text; event_records.cc encodes a story's candidates; event_reader.cc reads
// one story (preparation, each sentence, the merge within the story);
// event_clues.cc holds the StoryReader's tests over one sentence (clauses,
// heads, dates, places, chairs, principals, participants); event_merge.cc
// merges reports across stories; event_builder.cc drives them.
// Not for use outside these files.
#pragma once

#include <algorithm>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "src/events/event_builder.h"
#include "src/common/date.h"
#include "src/common/hex.h"
#include "src/common/parallel.h"
#include "src/common/record_log.h"
#include "src/common/release.h"
#include "src/common/text.h"
#include "src/events/chars.h"
#include "src/events/date_expr.h"
#include "src/events/lexicon.h"
#include "src/events/sentences.h"
#include "src/events/triggers.h"

namespace annals::events::event_internal {


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
inline const EventTables& Tables() {
  static const EventTables kInstance;  // immutable after construction (thread-safe init)
  return kInstance;
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> list);

// Words of office and rank (the `event_post_words` tables): a body or state
// between one of these and a person's name is part of the person's title,
// not a participant.
inline bool IsPostWord(std::string_view w) {
  static const WordTable kPostWords("event_post_words");
  if (!w.empty() && chars::IsHigh(w[0])) return kPostWords.Contains(chars::LowerUtf8(w));
  return kPostWords.Contains(text::AsciiLower(w));
}

// Words that may sit inside a title phrase besides capitalized words.
inline bool IsTitleConnector(std::string_view w) {
  static const WordTable kConnectors("event_title_connectors");
  return kConnectors.Contains(text::AsciiLower(w));
}

// Lower-case words of `s` joined by single spaces: the key under which
// names are looked up in headlines.
struct WordSpan {
  uint32_t begin;
  uint32_t end;
};
std::vector<WordSpan> SplitWords(std::string_view s);
// Appends word `w` lower-cased: ASCII byte by byte, other letters by ICU
// ("Совета" and "СОВЕТА" give one key).
void AppendLower(std::string_view w, std::string* key);
std::string NameKey(std::string_view s);

// A 4-digit year written in a name ("Sea Shield-2024"), or 0.
int YearInName(std::string_view name);

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
  // Each entity's place in `countries` (kNone for those of other types),
  // and a digest of the countries' names and aliases in that order: all
  // that StoryReader::Demonym reads (event_kept.cc).
  std::vector<uint32_t> country_of;
  uint64_t countries_digest = 0;

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
                         const extract::MentionSource& mentions);

// Names found in a headline (which has no mentions of its own).
std::vector<Ment> FindNames(std::string_view s, const Index& ix);

// The headline as StoryReader reads it: one sentence, cut to
// kMaxSentenceBytes at a character's start.
std::string_view TitleText(const Story& story);

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
  // Demonym was asked: the reading read the names of all the countries.
  bool used_countries = false;
};

// A story's candidates, as they wait for the merge: varint-coded one after
// another, about 25 bytes each where a Candidate takes 112 (and an archive
// has about 5 a story). The merge reads each at its offset.
inline void PutDate(const date::Date& d, RecordWriter* w) {
  w->Int(d.year);
  w->Int(d.month);
  w->Int(d.day);
}
inline void PutList(const std::vector<uint32_t>& v, RecordWriter* w) {
  w->Uint(v.size());
  for (uint32_t x : v) w->Uint(x);
}

std::string EncodeCandidates(const std::vector<Candidate>& cs);

// The candidate at r's front into *c; false when it does not decode.
bool ReadCandidate(RecordReader* r, Candidate* c);

// What the reading of a story leaves for the merge.
struct StoryReports {
  std::string candidates;  // EncodeCandidates
  std::vector<RefLink> refs;
};

inline void AddUnique(std::vector<uint32_t>* v, uint32_t x) {
  if (x != kNone && std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

inline bool Contains(std::span<const uint32_t> v, uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

int RankPlace(EntityType t);

class StoryReader {
 public:
  // `mentions`: the story's, as Index::MentionsOf gives them. `title_names`:
  // FindNames of its TitleText when the caller has them (else found here).
  StoryReader(const Story& story, size_t index, const Index& ix, std::vector<Ment> mentions,
              std::vector<Ment>* title_names = nullptr)
      : story_(story),
        index_(index),
        ix_(ix),
        mentions_(std::move(mentions)),
        title_names_(title_names) {
    has_story_date_ = date::ParseIso(story.date, &story_date_) && story_date_.day != 0;
  }

  StoryResult Run();

 private:
  // ---- Preparation -------------------------------------------------------

  void Prepare();

  // A story without a date that names something by its year ("the
  // exhibition X-2022, which will be held on October 18-20"): that year,
  // when all such names agree, is the year of its yearless dates.
  int YearOfNames() const;

  void Annotate(Sent* s) const;

  // ---- Helpers over one sentence -----------------------------------------

  bool FutureOf(const Sent& s) const {
    if (s.future < 0) s.future = SpeaksOfFuture(s.text) ? 1 : 0;
    return s.future > 0;
  }

  // The date expressions of the sentence, but those inside names ("Strategy
  // up to 2030", "Sea Shield-2024").
  const std::vector<DateExpr>& DatesOf(const Sent& s) const;

  int ClauseOf(const Sent& s, uint32_t pos) const;

  bool InQuote(const Sent& s, uint32_t pos) const;

  // The lower-case words just before `pos`, nearest first.
  std::vector<std::string_view> WordsBefore(const Sent& s, uint32_t pos, size_t n) const;

  // A body or state inside a person's title: "NDU Secretary General X",
  // "President of the Republic of Norland X".
  bool IsAttribute(const Sent& s, size_t mi) const;

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
  int NounFor(const Sent& s, size_t vi) const;

  std::optional<Head> SelectHead(const Sent& s) const;

  // "the meeting", "this event", "During the session," with nothing that
  // names it anew ("the meeting of the Council ..." does).
  bool IsAnaphoricNoun(const Sent& s, const Trigger& t) const;

  // Dates of the sentence that can be the time of the head.
  std::vector<const DateExpr*> EligibleDates(const Sent& s, const Head& h) const;

  static bool IsDayWord(std::string_view w) {
    return text::StartsWithIgnoreCase(w, "today") || text::StartsWithIgnoreCase(w, "yesterday") ||
           text::StartsWithIgnoreCase(w, "tomorrow");
  }

  const DateExpr* BestDate(const std::vector<const DateExpr*>& dates, uint32_t pos) const;

  // The place a mention can be: "in Velgrad", "at ...", "near Ostrava", "the
  // Republic of Norland hosted", "(7.02 2025 Velgrad)", "visited Velgrad".
  bool PlaceMarked(const Sent& s, const Ment& m, EventType type) const;

  // The same by the place_marks table of the name's language: "в Нордбурге",
  // "в г. Нордбурге", "в городе Нордбурге".
  bool PlaceMarkedOther(const Sent& s, const Ment& m, EventType type) const;

  // A body as the venue: "took place in the National Assembly", "held at the Palace of Congresses".
  bool VenueMarked(const Sent& s, const Ment& m) const;

  // The best place among the mentions of [from, to), for an event of `type`.
  void FindPlace(const Sent& s, const std::vector<bool>& attr, EventType type, uint32_t from,
                 uint32_t to, int head_clause, Candidate* c) const;

  // The state, person or body chairing: "under the chairmanship of X",
  // "chaired by X", "presided over by X", "X chaired".
  uint32_t FindChair(const Sent& s, const std::vector<bool>& attr) const;

  // "the Polish side", "the Finnish chairmanship": the state whose name
  // shares the adjective's stem.
  uint32_t Demonym(std::string_view rest) const;

  // Who met whom: the subject before a meeting verb and its object after.
  std::vector<uint32_t> VerbPrincipal(const Sent& s, const std::vector<bool>& attr,
                                      const Trigger& v) const;

  // The body a meeting noun belongs to: "NDU Council meeting", "meeting of
  // the Council ...", "debate ... at the Standing Council".
  std::vector<uint32_t> NounPrincipal(const Sent& s, const std::vector<bool>& attr,
                                      const Trigger& n) const;

  std::vector<bool> Attributes(const Sent& s) const {
    std::vector<bool> attr(s.ms.size());
    for (size_t i = 0; i < s.ms.size(); ++i) attr[i] = IsAttribute(s, i);
    return attr;
  }

  void AddParticipants(const Sent& s, const std::vector<bool>& attr, Candidate* c) const;

  // ---- Reading one sentence ----------------------------------------------

  bool LeadNews(const Sent& s, const Head& h) const;

  Candidate NewCandidate(size_t si, const Head& h) const;

  void Fill(const Sent& s, const Head& h, const std::vector<bool>& attr, uint32_t from, uint32_t to,
            Candidate* c);

  void ReadSentence(size_t si);

  // Names an exercise or an operation.
  bool NamesHappening(const Sent& s) const;

  bool HasParticipationVerb(const Sent& s) const;

  bool FromHead(size_t si, const Head& h, const std::vector<bool>& attr);

  std::vector<const DateExpr*> Coordinated(const Sent& s,
                                           const std::vector<const DateExpr*>& dates) const;

  // "completed the operation on 30 September" with "From 16 September, ..."
  // in one of the next sentences: the span 16-30 September.
  void Completion(size_t si, Candidate* c);

  // Cheap test before FromDatedLead reads the dates: "On 5 May", "15 May", "On May 5".
  static bool MayOpenWithDate(const Sent& s);

  // A sentence that opens with a day ("On 14 May, ...", "On 1 January 2025,
  // Norland took over ...") reports a happening even without an event word.
  bool FromDatedLead(size_t si, const std::vector<bool>& attr);

  // A sentence that goes on about the event before it: "The event took place
  // in the National Assembly", "It was chaired by ...", "The exercise was directed by ...".
  void Augment(const Sent& s, const std::vector<bool>& attr);

  // An event named without a date of its own: kept aside, to lend its
  // participants to the dated event of the same name in this story.
  void Undated(size_t si, const Head& h, const std::vector<bool>& attr);

  // "After this rescue operation, the ministers ...": the
  // happening is the one the sentence before dates.
  void BackwardAnaphora(size_t si, const std::optional<Head>& head, bool made);

  // Named exercises and operations mentioned in the sentence.
  void Refs(size_t si, const std::vector<bool>& attr, bool made);

  // "10 June 2022 Velgrad city" closing a statement: the place of the day's event.
  void SignOffs();

  // ---- Merging within the story -------------------------------------------

  static std::optional<EventType> MergedType(EventType a, EventType b);

  bool Overlap(const Candidate& a, const Candidate& b) const;

  static void Absorb(Candidate* into, const Candidate& from, EventType type);

  void MergeWithinStory();

  const Story& story_;
  size_t index_;
  const Index& ix_;
  std::vector<Ment> mentions_;           // until Prepare
  std::vector<Ment>* title_names_;       // not owned; null: FindNames
  mutable bool used_countries_ = false;  // Demonym was asked (StoryResult::used_countries)
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
bool SameScript(std::string_view a, std::string_view b);

bool DateWithin(const date::Date& coarse, const date::Date& fine);

inline bool InSpan(const Candidate& span, const date::Date& d) {
  return span.last.year != 0 && PrecisionOf(span.start) == Precision::kDay &&
         PrecisionOf(d) == Precision::kDay && !(d < span.start) && !(span.last < d);
}

class Merger {
 public:
  explicit Merger(const Index& ix) : ix_(ix) {}

  // Candidates must come most precise first (days, then months, then
  // years), so that a vaguer report finds the event it is about.
  void Add(Candidate c);

  // A named exercise or operation mentioned in passing joins the event of
  // that name whose date fits; one mentioned without a date joins it only
  // when a single event has that name (series recur every year).
  void Link(const RefLink& r);

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
  void KeyCluster(size_t k, uint32_t entity);
  void IndexKeys(size_t k) {
    for (uint32_t p : clusters_[k].named()) KeyCluster(k, p);
    for (uint32_t p : clusters_[k].c.principal) KeyCluster(k, p);
    KeyCluster(k, clusters_[k].c.place);
  }
  std::vector<size_t> SharingKeys(const Candidate& c) const;

  // Whether a report and an event are of one happening: strong evidence is a
  // shared named exercise, operation or document, or the same principals
  // (who met whom, whose session); medium is a shared participant that is
  // not one of the site's regulars, or the same place where one side names
  // no one else. Different principals, or different cities, conflict.
  void Evidence(const Cluster& cl, const Candidate& c, bool* strong, bool* medium,
                bool* conflict) const;

  // Names someone besides the site's regulars.
  bool Named(const Candidate& c) const;

  static std::optional<EventType> Compatible(EventType a, EventType b);

  bool TryMerge(size_t k, const Candidate& c);

  // The clusters a report dated `d` may be about: of the same day (or a
  // span over it), of the same month, or of the same year, as precise as `d`.
  const std::vector<size_t>& Nearby(const date::Date& d);

  // Each day of a cluster's start..last (spans longer than two months are
  // indexed by their first day only).
  void IndexDays(size_t k);

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

// ---- Readings kept between runs (event_kept.cc) ----------------------------

// All that StoryReader reads of a story besides the program and its word
// lists: the story's title, text and date, its mentions (Index::MentionsOf),
// the names found in its headline (FindNames over every entity's names and
// aliases), and of each entity these name, its type and name year; the
// entities by their order of first appearance, so that the key holds which
// mentions name one entity, not where the entities stand in the archive's
// list. What Demonym reads (every country's names) is kept in the record
// and compared when it is used (KeptCountries), not in the key: few stories
// ask it, and every story's key would change with a country's new alias.
struct KeptInputs {
  std::vector<Ment> mentions;     // of the text, as MentionsOf gives them
  std::vector<Ment> title_names;  // FindNames(TitleText(story))
  std::vector<uint32_t> used;     // the entities of both, each once, first seen first
  uint64_t key = 0;               // 0: no reading may be kept
};
// `program`: KeptProgram(); 0 gives a key of 0. The story's text is read
// only by its size and its extract::TextDigest (it may be left out).
KeptInputs ReadingInputs(const Story& story, size_t text_size, uint64_t text_digest, size_t index,
                         const Index& ix, std::span<const MentionRef> raw, uint64_t program);
// What identifies the reading apart from the story (this program's build
// and the format of the record); 0 when the program cannot be identified.
uint64_t KeptProgram();
// The story's reading as a record: its candidates and references with
// their entities as places in `in.used` (or, for a country Demonym found,
// past them, its place in ix.countries), and, when Demonym was asked,
// KeptCountries. nullopt when an entity is neither (none should be).
std::optional<std::string> EncodeKept(const StoryResult& read, const KeptInputs& in,
                                      const Index& ix);
// The record back into story `index`'s reports; false when it does not
// decode whole, names an entity out of range, or read countries that are
// not those of `ix` now (then the story is read again).
bool DecodeKept(std::string_view record, const KeptInputs& in, const Index& ix, size_t index,
                StoryReports* out);



}  // namespace annals::events::event_internal
