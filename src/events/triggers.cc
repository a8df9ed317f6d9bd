#include "src/events/triggers.h"

#include "src/events/chars.h"
#include "src/events/lexicon.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace annals::events {
namespace {

enum Flag : uint8_t {
  kPast = 1,
  kCompletion = 2,
  kParticipation = 4,
  kPlural = 8,
  kPassiveOnly = 16,  // counts only after "was"/"were"/...: "was led by", "was taken"
};

// Extra checks some words need to be event words.
enum class Cond {
  kNone,
  kMet,         // "met with", "met in", "met the President": not "met the requirements"
  kReceived,    // "received the Secretary General": not "received support"
  kVisited,     // "visited Velgrad", "visited the Republic of ..."
  kArrived,     // "arrived in"
  kTold,        // "told ... correspondent / news agency / newspaper"
  kAnswered,    // "answered ... question(s)"
  kTraining,    // "joint training", "training “Name”": not "training area"
  kNotVerb,     // a noun that is also a verb: not after "to" ("to exercise")
  kOperation,   // not "put into operation", "in operation"
  kAddress,     // "an address", "his address": not "address the issue"
  kTake,        // "took part" / "took place"
  kGave,        // "gave an interview", "gave a speech": defers forward
  kPaid,        // "paid a working visit": defers forward; not "paid tribute"
  kConference,  // a meeting, but a "press conference" is a statement
  kCourse,      // "a training course": not "in the course of", "of course"
};

struct Entry {
  std::string_view word;
  std::string_view lemma;
  TriggerKind kind;
  EventType type;
  bool has_type;
  uint8_t flags;
  Cond cond;
};

constexpr TriggerKind N = TriggerKind::kNoun;
constexpr TriggerKind V = TriggerKind::kVerb;
constexpr TriggerKind D = TriggerKind::kDefer;
constexpr TriggerKind A = TriggerKind::kAnaphor;
constexpr EventType kMeet = EventType::kMeeting;
constexpr EventType kNone = EventType::kOther;

// The lexicon: general English news vocabulary of happenings.
constexpr Entry kLexicon[] = {
    // Meetings: sessions of bodies, talks, debates, conferences.
    {"meeting", "meeting", N, kMeet, true, 0, Cond::kNone},
    {"meetings", "meeting", N, kMeet, true, kPlural, Cond::kNone},
    {"session", "session", N, kMeet, true, 0, Cond::kNone},
    {"sessions", "session", N, kMeet, true, kPlural, Cond::kNone},
    {"talks", "talks", N, kMeet, true, kPlural, Cond::kNone},
    {"debate", "debate", N, kMeet, true, 0, Cond::kNone},
    {"debates", "debate", N, kMeet, true, kPlural, Cond::kNone},
    {"conference", "conference", N, kMeet, true, 0, Cond::kConference},
    {"conferences", "conference", N, kMeet, true, kPlural, Cond::kNone},
    {"videoconference", "conference", N, kMeet, true, 0, Cond::kNone},
    {"summit", "summit", N, kMeet, true, 0, Cond::kNone},
    {"summits", "summit", N, kMeet, true, kPlural, Cond::kNone},
    {"forum", "forum", N, kMeet, true, 0, Cond::kNone},
    {"consultations", "consultations", N, kMeet, true, kPlural, Cond::kNone},
    {"negotiations", "negotiations", N, kMeet, true, kPlural, Cond::kNone},
    {"congress", "congress", N, kMeet, true, 0, Cond::kNone},
    {"seminar", "seminar", N, kMeet, true, 0, Cond::kNone},
    {"seminars", "seminar", N, kMeet, true, kPlural, Cond::kNone},
    // A course of training held for some days: a happening of its own kind.
    {"course", "course", N, kNone, true, 0, Cond::kCourse},
    {"courses", "course", N, kNone, true, kPlural, Cond::kCourse},
    {"roundtable", "roundtable", N, kMeet, true, 0, Cond::kNone},
    {"workshop", "workshop", N, kMeet, true, 0, Cond::kNone},
    {"workshops", "workshop", N, kMeet, true, kPlural, Cond::kNone},
    {"symposium", "symposium", N, kMeet, true, 0, Cond::kNone},
    {"colloquium", "symposium", N, kMeet, true, 0, Cond::kNone},
    {"hearing", "hearing", N, kMeet, true, 0, Cond::kNone},
    {"hearings", "hearing", N, kMeet, true, kPlural, Cond::kNone},
    {"plenary", "session", N, kMeet, true, 0, Cond::kNone},
    // Visits.
    {"visit", "visit", N, EventType::kVisit, true, 0, Cond::kNotVerb},
    {"visits", "visit", N, EventType::kVisit, true, kPlural, Cond::kNotVerb},
    {"trip", "visit", N, EventType::kVisit, true, 0, Cond::kNone},
    // Exercises.
    {"exercise", "exercise", N, EventType::kExercise, true, 0, Cond::kNotVerb},
    {"exercises", "exercise", N, EventType::kExercise, true, kPlural, Cond::kNotVerb},
    {"trainings", "exercise", N, EventType::kExercise, true, kPlural, Cond::kNone},
    {"training", "exercise", N, EventType::kExercise, true, 0, Cond::kTraining},
    {"drill", "exercise", N, EventType::kExercise, true, 0, Cond::kNone},
    {"drills", "exercise", N, EventType::kExercise, true, kPlural, Cond::kNone},
    {"manoeuvres", "exercise", N, EventType::kExercise, true, kPlural, Cond::kNone},
    {"maneuvers", "exercise", N, EventType::kExercise, true, kPlural, Cond::kNone},
    // Operations.
    {"operation", "operation", N, EventType::kOperation, true, 0, Cond::kOperation},
    {"operations", "operation", N, EventType::kOperation, true, kPlural, Cond::kOperation},
    // Statements, interviews, speeches.
    {"statement", "statement", N, EventType::kStatement, true, 0, Cond::kNone},
    {"statements", "statement", N, EventType::kStatement, true, kPlural, Cond::kNone},
    {"communique", "statement", N, EventType::kStatement, true, 0, Cond::kNone},
    {"communiqu\xC3\xA9", "statement", N, EventType::kStatement, true, 0, Cond::kNone},
    {"interview", "interview", N, EventType::kInterview, true, 0, Cond::kNotVerb},
    {"interviews", "interview", N, EventType::kInterview, true, kPlural, Cond::kNone},
    {"commentary", "interview", N, EventType::kInterview, true, 0, Cond::kNone},
    {"speech", "speech", N, EventType::kSpeech, true, 0, Cond::kNone},
    {"speeches", "speech", N, EventType::kSpeech, true, kPlural, Cond::kNone},
    {"address", "speech", N, EventType::kSpeech, true, 0, Cond::kAddress},
    {"lecture", "speech", N, EventType::kSpeech, true, 0, Cond::kNotVerb},
    {"remarks", "speech", N, EventType::kSpeech, true, kPlural, Cond::kNone},
    // Decisions.
    {"decision", "decision", N, EventType::kDecision, true, 0, Cond::kNone},
    {"decisions", "decision", N, EventType::kDecision, true, kPlural, Cond::kNone},
    {"resolution", "resolution", N, EventType::kDecision, true, 0, Cond::kNone},
    {"resolutions", "resolution", N, EventType::kDecision, true, kPlural, Cond::kNone},
    {"decree", "decree", N, EventType::kDecision, true, 0, Cond::kNone},
    {"adoption", "adoption", N, EventType::kDecision, true, 0, Cond::kNone},
    // Anniversaries and other happenings.
    {"anniversary", "anniversary", N, EventType::kAnniversary, true, 0, Cond::kNone},
    {"jubilee", "anniversary", N, EventType::kAnniversary, true, 0, Cond::kNone},
    {"ceremony", "ceremony", N, kNone, true, 0, Cond::kNone},
    {"graduation", "graduation", N, kNone, true, 0, Cond::kNone},
    {"ceremonies", "ceremony", N, kNone, true, kPlural, Cond::kNone},
    {"exhibition", "exhibition", N, kNone, true, 0, Cond::kNone},
    {"competition", "competition", N, kNone, true, 0, Cond::kNone},
    {"competitions", "competition", N, kNone, true, kPlural, Cond::kNone},
    {"championship", "competition", N, kNone, true, 0, Cond::kNone},
    {"festival", "festival", N, kNone, true, 0, Cond::kNone},
    {"election", "election", N, kNone, true, 0, Cond::kNone},
    {"elections", "election", N, kNone, true, kPlural, Cond::kNone},
    {"event", "event", A, kNone, false, 0, Cond::kNone},
    {"events", "event", A, kNone, false, kPlural, Cond::kNone},
    // Verbs that report a happening by themselves.
    {"met", "meet", V, kMeet, true, kPast, Cond::kMet},
    {"meets", "meet", V, kMeet, true, 0, Cond::kMet},
    {"received", "receive", V, kMeet, true, kPast, Cond::kReceived},
    {"receives", "receive", V, kMeet, true, 0, Cond::kReceived},
    {"visited", "visit", V, EventType::kVisit, true, kPast, Cond::kVisited},
    {"arrived", "arrive", V, EventType::kVisit, true, kPast, Cond::kArrived},
    {"adopted", "adopt", V, EventType::kDecision, true, kPast, Cond::kNone},
    {"adopts", "adopt", V, EventType::kDecision, true, 0, Cond::kNone},
    {"approved", "approve", V, EventType::kDecision, true, kPast, Cond::kNone},
    {"approves", "approve", V, EventType::kDecision, true, 0, Cond::kNone},
    {"ratified", "ratify", V, EventType::kDecision, true, kPast, Cond::kNone},
    {"decided", "decide", V, EventType::kDecision, true, kPast, Cond::kNone},
    {"endorsed", "endorse", V, EventType::kDecision, true, kPast, Cond::kNone},
    {"signed", "sign", V, EventType::kDecision, true, kPast, Cond::kNone},
    {"signs", "sign", V, EventType::kDecision, true, 0, Cond::kNone},
    {"told", "tell", V, EventType::kInterview, true, kPast, Cond::kTold},
    {"condemned", "condemn", V, EventType::kStatement, true, kPast, Cond::kNone},
    {"condemns", "condemn", V, EventType::kStatement, true, 0, Cond::kNone},
    {"deplored", "condemn", V, EventType::kStatement, true, kPast, Cond::kNone},
    {"answered", "answer", V, EventType::kInterview, true, kPast, Cond::kAnswered},
    // Verbs that point at a noun ("took part in the talks"), some with a type of their own.
    {"took", "take", D, kNone, false, kPast, Cond::kTake},
    {"take", "take", D, kNone, false, 0, Cond::kTake},
    {"takes", "take", D, kNone, false, 0, Cond::kTake},
    {"taking", "take", D, kNone, false, 0, Cond::kTake},
    {"taken", "taken", D, kNone, false, kPassiveOnly, Cond::kNone},
    {"participated", "participate", D, kNone, false, kPast | kParticipation, Cond::kNone},
    {"participates", "participate", D, kNone, false, kParticipation, Cond::kNone},
    {"attended", "attend", D, kNone, false, kPast | kParticipation, Cond::kNone},
    {"attends", "attend", D, kNone, false, kParticipation, Cond::kNone},
    {"spoke", "speak", D, EventType::kSpeech, true, kPast, Cond::kNone},
    {"speaks", "speak", D, EventType::kSpeech, true, 0, Cond::kNone},
    {"addressed", "address", D, EventType::kSpeech, true, kPast, Cond::kNone},
    {"hosted", "host", D, kMeet, true, kPast, Cond::kNone},
    {"hosts", "host", D, kMeet, true, 0, Cond::kNone},
    {"held", "hold", D, kNone, false, kPast, Cond::kNone},
    {"holds", "hold", D, kNone, false, 0, Cond::kNone},
    {"hold", "hold", D, kNone, false, 0, Cond::kNone},
    {"conducted", "conduct", D, kNone, false, kPast, Cond::kNone},
    {"conducts", "conduct", D, kNone, false, 0, Cond::kNone},
    {"organized", "organize", D, kNone, false, kPast, Cond::kNone},
    {"organised", "organize", D, kNone, false, kPast, Cond::kNone},
    {"opened", "open", D, kNone, false, kPast, Cond::kNone},
    {"chaired", "chair", D, kNone, false, kPast, Cond::kNone},
    {"presided", "chair", D, kNone, false, kPast, Cond::kNone},
    {"completed", "complete", D, kNone, false, kPast | kCompletion, Cond::kNone},
    {"ended", "end", D, kNone, false, kPast | kCompletion, Cond::kNone},
    {"concluded", "complete", D, kNone, false, kPast | kCompletion, Cond::kNone},
    {"finished", "complete", D, kNone, false, kPast | kCompletion, Cond::kNone},
    {"began", "begin", D, kNone, false, kPast, Cond::kNone},
    {"started", "begin", D, kNone, false, kPast, Cond::kNone},
    {"launched", "begin", D, kNone, false, kPast, Cond::kNone},
    {"marks", "mark", D, kNone, false, 0, Cond::kNone},
    {"marked", "mark", D, kNone, false, kPast, Cond::kNone},
    {"celebrated", "celebrate", D, EventType::kAnniversary, true, kPast, Cond::kNone},
    {"celebrates", "celebrate", D, EventType::kAnniversary, true, 0, Cond::kNone},
    {"gave", "give", D, kNone, false, kPast, Cond::kGave},
    {"paid", "pay", D, kNone, false, kPast, Cond::kPaid},
    {"pays", "pay", D, kNone, false, 0, Cond::kPaid},
    {"led", "lead", D, kNone, false, kPast | kParticipation | kPassiveOnly, Cond::kNone},
    {"observed", "observe", D, kNone, false, kPast | kParticipation | kPassiveOnly, Cond::kNone},
    {"directed", "direct", D, kNone, false, kPast | kParticipation | kPassiveOnly, Cond::kNone},
};

// The lexicon in buckets by first letter and length: a word is compared
// with the few entries of its bucket, most words with none.
constexpr size_t kMaxWord = 16;
struct Lexicon {
  struct Item {
    const Entry* entry;
    uint16_t lemma;
  };
  std::array<std::vector<Item>, 26 * (kMaxWord + 1)> buckets;
  Lexicon() {
    std::vector<std::pair<std::string_view, uint16_t>> lemmas;
    for (const Entry& e : kLexicon) {
      uint16_t id = 0;
      for (const auto& [name, n] : lemmas) {
        if (name == e.lemma) id = n;
      }
      if (id == 0) {
        id = static_cast<uint16_t>(lemmas.size() + 1);
        lemmas.emplace_back(e.lemma, id);
      }
      buckets[Bucket(e.word)].push_back({&e, id});
    }
  }
  static size_t Bucket(std::string_view lower) {
    return static_cast<size_t>(lower[0] - 'a') * (kMaxWord + 1) + lower.size();
  }
  // The entry of a lower-cased word, or null.
  const Item* Find(std::string_view lower) const {
    if (lower.size() < 3 || lower.size() > kMaxWord || lower[0] < 'a' || lower[0] > 'z') {
      return nullptr;
    }
    for (const Item& it : buckets[Bucket(lower)]) {
      if (it.entry->word == lower) return &it;
    }
    return nullptr;
  }
};

const Lexicon& GetLexicon() {
  static const Lexicon kInstance;  // immutable after construction (thread-safe init)
  return kInstance;
}

// The event words of other languages than English, from their
// event_triggers tables (data/lang/ru/event_triggers.tsv says what the
// columns hold): read for words that start with a non-ASCII letter.
struct OtherEntry {
  TriggerKind kind = TriggerKind::kNoun;
  EventType type = EventType::kOther;
  bool has_type = false;
  uint8_t flags = 0;
  std::string_view next;  // the word that must follow, or ""
  uint16_t lemma = 0;
};
// Their lemma numbers start here, above the English lexicon's.
constexpr uint16_t kOtherLemmaBase = 1000;
// Words before a noun that make it refer back ("эта встреча") or set it in
// the circumstances of another happening ("в ходе встречи").
struct OtherLexicon {
  WordTable words{"event_triggers"};
  WordTable context{"event_noun_context"};  // word, role (determiner, circumstantial)
  std::unordered_map<const text::LangRow*, OtherEntry> entries;
  OtherLexicon() {
    std::vector<std::string_view> lemmas;
    for (const std::string& lang : text::Languages()) {
      for (const text::LangRow& row : text::LangRows(lang, "event_triggers")) {
        OtherEntry e;
        const std::string_view kind = Column(row, 1);
        e.kind = kind == "verb"      ? TriggerKind::kVerb
                 : kind == "defer"   ? TriggerKind::kDefer
                 : kind == "anaphor" ? TriggerKind::kAnaphor
                                     : TriggerKind::kNoun;
        e.has_type = ParseEventType(std::string(Column(row, 2)), &e.type);
        const std::string_view flags = Column(row, 4);
        if (flags.find("past") != std::string_view::npos) e.flags |= kPast;
        if (flags.find("completion") != std::string_view::npos) e.flags |= kCompletion;
        if (flags.find("participation") != std::string_view::npos) e.flags |= kParticipation;
        const std::string_view cond = Column(row, 5);
        if (cond.starts_with("next=")) e.next = cond.substr(5);
        // "passive" is kept in the lemma's sense below: the noun may come first.
        const std::string_view lemma = Column(row, 3);
        auto it = std::find(lemmas.begin(), lemmas.end(), lemma);
        if (it == lemmas.end()) it = lemmas.insert(lemmas.end(), lemma);
        e.lemma = static_cast<uint16_t>(kOtherLemmaBase + (it - lemmas.begin()));
        entries.emplace(&row, e);
      }
    }
  }
};
const OtherLexicon& GetOtherLexicon() {
  static const OtherLexicon kInstance;  // immutable after construction (thread-safe init)
  return kInstance;
}
bool PassiveRow(const text::LangRow& row) {
  return Column(row, 4).find("passive") != std::string_view::npos;
}

using chars::IsUpper;
using chars::IsWordByte;

struct Word {
  uint32_t begin;
  uint32_t end;
  std::string_view lower;  // into the sentence's lower-cased copy
};

// The words of `s`; `lower` receives its ASCII-lower-cased copy, which the
// words view (Finder::OtherLower lower-cases the other letters on demand).
std::vector<Word> Words(std::string_view s, std::string* lower) {
  lower->resize(s.size());
  for (size_t k = 0; k < s.size(); ++k) (*lower)[k] = chars::Lower(s[k]);
  const std::string_view low(*lower);
  std::vector<Word> out;
  out.reserve(s.size() / 5 + 1);  // English words average about 6 bytes with their space
  size_t i = 0;
  while (i < s.size()) {
    if (!IsWordByte(s[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < s.size() && (IsWordByte(s[i]) ||
                            (s[i] == '-' && i + 1 < s.size() && IsWordByte(s[i + 1]) && i > b))) {
      ++i;
    }
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), low.substr(b, i - b)});
  }
  return out;
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (w == x) return true;
  }
  return false;
}

bool Capitalized(std::string_view s, const Word& w) {
  const char c = s[w.begin];
  return IsUpper(c) || static_cast<unsigned char>(c) >= 0xC0 || (c >= '0' && c <= '9');
}

class Finder {
 public:
  explicit Finder(std::string_view s) : s_(s), words_(Words(s, &lower_)) {}

  std::vector<Trigger> Run() {
    const Lexicon& lex = GetLexicon();
    std::vector<Trigger> out;
    for (size_t i = 0; i < words_.size(); ++i) {
      if (chars::IsCyrillicLead(s_[words_[i].begin])) {
        Other(i, &out);
        continue;
      }
      const Lexicon::Item* item = lex.Find(words_[i].lower);
      // A compound is what its last part is: "seminar-meeting", "video-conference".
      const size_t dash = words_[i].lower.rfind('-');
      if (item == nullptr && dash != std::string_view::npos) {
        item = lex.Find(words_[i].lower.substr(dash + 1));
        if (item != nullptr && item->entry->kind != TriggerKind::kNoun) item = nullptr;
      }
      if (item == nullptr) continue;
      const Entry& e = *item->entry;
      Trigger t = At(i, e);
      t.plural = (e.flags & kPlural) != 0;
      t.lemma = item->lemma;
      t.passive = AfterAuxiliary(i);
      if ((e.flags & kPassiveOnly) && !t.passive) continue;
      if (!Check(e.cond, i, &t)) continue;
      if (t.kind == TriggerKind::kNoun || t.kind == TriggerKind::kAnaphor) Determiners(i, &t);
      out.push_back(t);
    }
    return out;
  }

 private:
  // A trigger on word i of what an entry (English or another language's)
  // says of its word: kind, type and the flags both kinds of entry have.
  template <class E>
  Trigger At(size_t i, const E& e) const {
    Trigger t;
    t.begin = words_[i].begin;
    t.end = words_[i].end;
    t.kind = e.kind;
    t.type = e.type;
    t.has_type = e.has_type;
    t.past = (e.flags & kPast) != 0;
    t.completion = (e.flags & kCompletion) != 0;
    t.participation = (e.flags & kParticipation) != 0;
    return t;
  }

  // The lower-cased word i of another script than Latin.
  // The view lives as long as the Finder or until the next call with `scratch`.
  std::string_view OtherLower(size_t i, std::string* scratch) const {
    if (i >= words_.size()) return {};
    if (!unicode_checked_) {
      // On the first word of another script: the sentence's letters
      // lower-cased by ICU, in place where that keeps the byte length (it
      // does for Cyrillic), so the words' views stay valid; else each such
      // word is lower-cased on its own.
      unicode_checked_ = true;
      const std::string u = chars::LowerUtf8(s_);
      if (u.size() == lower_.size()) {
        std::copy(u.begin(), u.end(), lower_.begin());
        unicode_ = true;
      }
    }
    if (unicode_) return words_[i].lower;
    *scratch = chars::LowerUtf8(words_[i].lower);
    return *scratch;
  }

  // Word i (of another script) as an event word of its language's table.
  void Other(size_t i, std::vector<Trigger>* out) const {
    const OtherLexicon& lex = GetOtherLexicon();
    std::string scratch, scratch2;
    const std::string_view w = OtherLower(i, &scratch);
    const text::LangRow* row = lex.words.Find(w);
    if (row == nullptr) {
      // A compound is what its last part is: "семинар-совещание".
      const size_t dash = w.rfind('-');
      if (dash == std::string::npos) return;
      row = lex.words.Find(std::string_view(w).substr(dash + 1));
      if (row == nullptr || Column(*row, 1) != "noun") return;
    }
    const OtherEntry& e = lex.entries.at(row);
    Trigger t = At(i, e);
    t.lemma = e.lemma;
    t.passive = PassiveRow(*row);
    if (!e.next.empty()) {
      if (OtherLower(i + 1, &scratch2) != e.next) return;
      t.end = words_[i + 1].end;
    }
    if (t.kind == TriggerKind::kNoun || t.kind == TriggerKind::kAnaphor) {
      for (size_t back = 1; back <= 2 && back <= i; ++back) {
        const text::LangRow* c = lex.context.Find(OtherLower(i - back, &scratch2));
        if (c == nullptr) continue;
        if (Column(*c, 1) == "determiner") t.determiner = true;
        if (Column(*c, 1) == "circumstantial") t.circumstantial = true;
      }
    }
    out->push_back(t);
  }

  std::string_view Lower(size_t i) const {
    return i < words_.size() ? words_[i].lower : std::string_view();
  }

  // "was held", "were successfully held", "will be held", "has been taken".
  bool AfterAuxiliary(size_t i) const {
    for (size_t back = 1; back <= 2 && back <= i; ++back) {
      std::string_view w = Lower(i - back);
      if (OneOf(w, {"was", "were", "is", "are", "be", "been", "being"})) return true;
      if (w.size() < 3 || w.compare(w.size() - 2, 2, "ly") != 0) break;  // an adverb between
    }
    return false;
  }

  // The next word after i, skipping articles.
  size_t NextContent(size_t i) const {
    size_t j = i + 1;
    while (j < words_.size() && OneOf(words_[j].lower, {"the", "a", "an"})) ++j;
    return j;
  }

  bool SentenceHasAny(std::initializer_list<std::string_view> list) const {
    for (const Word& w : words_) {
      if (OneOf(w.lower, list)) return true;
    }
    return false;
  }

  bool Check(Cond cond, size_t i, Trigger* t) const {
    switch (cond) {
      case Cond::kNone:
        return true;
      case Cond::kMet: {
        if (i + 1 >= words_.size()) return true;  // "The ministers met."
        std::string_view n = Lower(i + 1);
        if (OneOf(n,
                  {"with", "in", "at", "on", "behind", "twice", "again", "yesterday", "today"})) {
          return true;
        }
        size_t j = NextContent(i);
        return j < words_.size() && Capitalized(s_, words_[j]);
      }
      case Cond::kReceived: {
        size_t j = NextContent(i);
        if (j >= words_.size()) return false;
        return Capitalized(s_, words_[j]) ||
               OneOf(words_[j].lower,
                     {"participants", "delegation", "delegations", "heads", "head", "members",
                      "representatives", "ambassador", "ambassadors", "minister", "ministers",
                      "secretary", "chairman", "president", "envoy", "guests"});
      }
      case Cond::kVisited: {
        size_t j = NextContent(i);
        return j < words_.size() && Capitalized(s_, words_[j]);
      }
      case Cond::kArrived:
        return OneOf(Lower(i + 1), {"in", "at"});
      case Cond::kTold:
        return SentenceHasAny({"correspondent", "correspondents", "journalist", "journalists",
                               "reporter", "reporters", "newspaper", "agency", "interview",
                               "magazine", "channel", "radio", "tv", "television"});
      case Cond::kAnswered:
        return SentenceHasAny({"question", "questions"});
      case Cond::kTraining: {
        if (i > 0 && OneOf(Lower(i - 1), {"joint", "military", "staff", "tactical", "special",
                                          "command", "exercise"})) {
          return true;
        }
        // A named training: training “Name”.
        size_t k = t->end;
        while (k < s_.size() && s_[k] == ' ') ++k;
        return k < s_.size() &&
               (s_[k] == '"' || s_.substr(k, 3) == "\xE2\x80\x9C" || s_.substr(k, 2) == "\xC2\xAB");
      }
      case Cond::kCourse:
        return i > 0 && OneOf(Lower(i - 1), {"training", "refresher", "educational", "study",
                                             "qualification", "advanced"});
      case Cond::kNotVerb:
        return i == 0 || !OneOf(Lower(i - 1), {"to", "will", "would", "can", "could", "may", "must",
                                               "should", "shall", "not"});
      case Cond::kOperation:
        return i == 0 || !OneOf(Lower(i - 1), {"into", "in", "of"}) ||
               (Lower(i - 1) == "of" && i >= 2 && OneOf(Lower(i - 2), {"results", "course"}));
      case Cond::kAddress:
        return i > 0 && OneOf(Lower(i - 1), {"an", "his", "her", "their", "video", "welcome",
                                             "keynote", "opening", "televised", "annual"});
      case Cond::kTake: {
        std::string_view n = Lower(i + 1);
        if (n == "part") {
          t->end = words_[i + 1].end;
          t->participation = true;
          return true;
        }
        if (n == "place") {
          t->end = words_[i + 1].end;
          t->passive = true;
          return true;
        }
        return false;
      }
      case Cond::kConference:
        if (i > 0 && Lower(i - 1) == "press") t->type = EventType::kStatement;
        return true;
      case Cond::kPaid:
        for (size_t j = i + 1; j < words_.size() && j <= i + 4; ++j) {
          if (OneOf(words_[j].lower, {"visit", "visits"})) return true;
        }
        return false;
      case Cond::kGave:
        for (size_t j = i + 1; j < words_.size() && j <= i + 3; ++j) {
          if (OneOf(words_[j].lower,
                    {"interview", "interviews", "speech", "lecture", "address", "statement",
                     "briefing", "commentary", "conference", "remarks"})) {
            return true;
          }
        }
        return false;
    }
    return false;
  }

  void Determiners(size_t i, Trigger* t) const {
    // Up to three words back: "this rescue operation", "during the meeting".
    for (size_t back = 1; back <= 3 && back <= i; ++back) {
      std::string_view w = Lower(i - back);
      if (OneOf(w, {"this", "that", "these", "those", "said"})) {
        t->determiner = true;
      } else if (OneOf(w, {"the", "its", "their"})) {
        t->definite = true;
      } else if (OneOf(w, {"a", "an", "his", "her", "our"})) {
        // indefinite or possessive: neither
      } else {
        continue;
      }
      if (back < i && OneOf(Lower(i - back - 1),
                            {"during", "at", "following", "after", "before", "amid", "since"})) {
        t->circumstantial = true;
      }
      return;
    }
    if (i > 0 && OneOf(Lower(i - 1), {"during", "at", "following", "after", "before"})) {
      t->circumstantial = true;
    }
  }

  std::string_view s_;
  // lower_ has every letter lower-cased, not only ASCII ones (OtherLower).
  mutable bool unicode_checked_ = false;
  mutable bool unicode_ = false;
  mutable std::string lower_;
  std::vector<Word> words_;
};

}  // namespace

std::vector<Trigger> FindTriggers(std::string_view sentence) {
  if (sentence.size() > UINT32_MAX) sentence = sentence.substr(0, UINT32_MAX);
  return Finder(sentence).Run();
}

}  // namespace annals::events
