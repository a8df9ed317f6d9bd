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

// An English event word (data/lang/en/event_triggers.tsv).
struct Entry {
  std::string_view word;
  std::string_view lemma;
  TriggerKind kind = TriggerKind::kNoun;
  EventType type = EventType::kOther;
  bool has_type = false;
  uint8_t flags = 0;
  Cond cond = Cond::kNone;
};

// The longest English event word.
constexpr size_t kMaxWord = 16;

// An entry of an event_triggers table whose form is in ASCII letters (the
// header of data/lang/en/event_triggers.tsv says what the columns hold);
// false for a row of another script or a malformed one.
bool ParseEntry(const text::LangRow& row, Entry* e) {
  const std::string_view word = row.empty() ? std::string_view() : row[0];
  if (word.size() < 3 || word.size() > kMaxWord || word[0] < 'a' || word[0] > 'z') return false;
  static const std::pair<std::string_view, TriggerKind> kKinds[] = {
      {"noun", TriggerKind::kNoun},
      {"verb", TriggerKind::kVerb},
      {"defer", TriggerKind::kDefer},
      {"anaphor", TriggerKind::kAnaphor}};
  static const std::pair<std::string_view, Flag> kFlags[] = {{"past", kPast},
                                                             {"completion", kCompletion},
                                                             {"participation", kParticipation},
                                                             {"plural", kPlural},
                                                             {"passive", kPassiveOnly}};
  static const std::pair<std::string_view, Cond> kConds[] = {{"met", Cond::kMet},
                                                             {"received", Cond::kReceived},
                                                             {"visited", Cond::kVisited},
                                                             {"arrived", Cond::kArrived},
                                                             {"told", Cond::kTold},
                                                             {"answered", Cond::kAnswered},
                                                             {"training", Cond::kTraining},
                                                             {"not_verb", Cond::kNotVerb},
                                                             {"operation", Cond::kOperation},
                                                             {"address", Cond::kAddress},
                                                             {"take", Cond::kTake},
                                                             {"gave", Cond::kGave},
                                                             {"paid", Cond::kPaid},
                                                             {"conference", Cond::kConference},
                                                             {"course", Cond::kCourse}};
  Entry out{.word = word, .lemma = Column(row, 3)};
  bool kind_ok = false;
  for (const auto& [name, kind] : kKinds) {
    if (Column(row, 1) == name) {
      out.kind = kind;
      kind_ok = true;
    }
  }
  if (!kind_ok || out.lemma.empty()) return false;
  const std::string_view type = Column(row, 2);
  out.has_type = type != "-" && ParseEventType(std::string(type), &out.type);
  if (!out.has_type) out.type = EventType::kOther;
  const std::string_view flags = Column(row, 4);
  size_t at = 0;
  while (at < flags.size()) {
    size_t comma = flags.find(',', at);
    if (comma == std::string_view::npos) comma = flags.size();
    const std::string_view f = flags.substr(at, comma - at);
    for (const auto& [name, flag] : kFlags) {
      if (f == name) out.flags = static_cast<uint8_t>(out.flags | flag);
    }
    at = comma + 1;
  }
  const std::string_view cond = Column(row, 5);
  for (const auto& [name, c] : kConds) {
    if (cond == name) out.cond = c;
  }
  *e = out;
  return true;
}

// The lexicon in buckets by first letter and length: a word is compared
// with the few entries of its bucket, most words with none.
struct Lexicon {
  struct Item {
    const Entry* entry;
    uint16_t lemma;
  };
  std::vector<Entry> entries;  // the rows in ASCII letters of every event_triggers table
  std::array<std::vector<Item>, 26 * (kMaxWord + 1)> buckets;
  Lexicon() {
    for (const std::string& lang : text::Languages()) {
      for (const text::LangRow& row : text::LangRows(lang, "event_triggers")) {
        Entry e;
        if (ParseEntry(row, &e)) entries.push_back(e);
      }
    }
    std::vector<std::pair<std::string_view, uint16_t>> lemmas;
    for (const Entry& e : entries) {
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
        Entry ascii;
        if (ParseEntry(row, &ascii)) continue;  // the English lexicon's (Lexicon)
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
    // The tables' rows in ASCII letters are the English lexicon's, not these.
    auto other = [&lex](const text::LangRow* r) {
      return r != nullptr && lex.entries.contains(r) ? r : nullptr;
    };
    const text::LangRow* row = other(lex.words.Find(w));
    if (row == nullptr) {
      // A compound is what its last part is: "семинар-совещание".
      const size_t dash = w.rfind('-');
      if (dash == std::string::npos) return;
      row = other(lex.words.Find(std::string_view(w).substr(dash + 1)));
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
