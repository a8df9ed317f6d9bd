// Internal to Resolution (resolve.h): the Resolver and the helpers its parts
// share, split by step. resolve.cc takes the readings and drives the steps;
// resolve_keys.cc folds names into the keys that join them;
// resolve_records.cc encodes what a story holds for the later steps;
// resolve_names.cc joins the forms of one entity (aliases, persons,
// acronyms, anaphors, bodies, word orders, documents);
// resolve_entities.cc builds the entities and finds the shorter forms again;
// resolve_facts.cc builds the facts and applies the corrections;
// resolve_output.cc writes the Knowledge. Not for use outside these files.
#pragma once

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <sys/mman.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "src/extract/resolve.h"
#include "src/text/translit.h"
#include "src/common/hex.h"
#include "src/common/parallel.h"
#include "src/common/record_log.h"
#include "src/common/union_find.h"
#include "src/common/release.h"
#include "src/common/string_map.h"
#include "src/common/text.h"
#include "src/extract/lexicon.h"
#include "src/extract/parked.h"
#include "src/extract/tokens.h"

namespace annals::extract::resolve_internal {


// A post read from Russian text (reader_ru.cc) holds its body already
// ("Председатель Военного комитета", of the organization).
inline bool TitleIsCyrillic(std::string_view title) {
  std::string lower;
  AppendLower(title, &lower);
  return IsCyrillicWord(lower);
}

// One distinct name of one type (or one gazetteer entry).
struct Node {
  EntityType type = EntityType::kOrganization;
  int gazetteer = -1;
  std::string key;
  bool acronym = false;
  std::map<std::string, int> forms;  // surface -> mentions
  std::set<std::string> bodies;      // body names written under a parent
};

bool AllCapsWord(std::string_view w);

inline size_t CodePoints(std::string_view s) { return text::CodePoints(s); }

// The head of a folded name: its last word before the first connector
// ("treaty of linz" -> "treaty").
std::string HeadKey(const std::string& key);

inline std::string LastWordKey(const std::string& key) {
  const size_t sp = key.rfind(' ');
  return sp == std::string::npos ? key : key.substr(sp + 1);
}

// One word of a person's name (a NameKey word) with the spellings that
// transliterations of one name differ by folded together, past its first
// letter (which initials are compared with): y and i ("Grigory", "Grigori"; "-ykov",
// "-ikov"), "-yev" and "-ev", kh and h, ks and x, doubled letters.
std::string TransliterationKey(std::string_view w);

// A body's NameKey with the connectors that vary between writings of one
// name made one: "for" and "on" after a word are "of" ("Commission for X",
// "Commission on X"), "of ministers of X" is "of X ministers" ("Council of
// Ministers of Defense"). "" when the key has no "of", "for" or "on".
std::string ConnectorKey(const std::string& key);

// A Cyrillic initial ("Т" of "Т. Петров"): one upper-case letter outside
// ASCII, a period right after it. (Tokenize marks only ASCII initials.)
bool IsOtherInitial(std::string_view form, const std::vector<Token>& toks, size_t i);

// The words of a person's name: initials ("I.V.") apart from full words.
struct PersonName {
  std::vector<std::string> initials;  // upper-case letters of initials (UTF-8), in order
  std::vector<std::string> words;     // full words, lower case (NameKey)
};

// `fold`: words through TransliterationKey (to compare names), else as
// NameKey writes them (to find them in a text).
PersonName ParsePerson(const std::string& form, bool fold = true);

// The first letter of a word in upper case, as initials are written ("t",
// "тимур" -> "T", "Т").
std::string Upper1(const std::string& lower_word);

struct EntityRec {
  Entity entity;
  int parent = -1;  // index of the parent EntityRec
  bool alive = true;
};

inline uint32_t AsRec(int rec) { return static_cast<uint32_t>(rec); }

// Where a mention lies in its story's text. Resolution holds each mention's
// entity in memory (4 bytes), its place in a temporary file (a record a
// story): the places are read story by story, the entities looked up by index.
struct Place {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// n items in memory mapped for them alone and unmapped when they go. From
// malloc, a block of a megabyte or so lands in its heap once glibc has
// raised its mmap threshold (to the largest mapped chunk freed, up to 32
// MiB), and when freed it stays with the process: BlockList::Drain then
// held the drained blocks beside what they were drained into (about 100 MB
// more at 100,000 stories).
template <class T>
class MappedArray {
 public:
  explicit MappedArray(size_t n) : n_(n) {
    void* p = mmap(nullptr, n * sizeof(T), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    items_ = static_cast<T*>(p);
    std::uninitialized_value_construct_n(items_, n);
  }
  MappedArray(MappedArray&& o) noexcept
      : items_(std::exchange(o.items_, nullptr)), n_(std::exchange(o.n_, 0)) {}
  MappedArray& operator=(MappedArray&& o) noexcept {
    std::swap(items_, o.items_);
    std::swap(n_, o.n_);
    return *this;
  }
  ~MappedArray() { Reset(); }
  void Reset() {
    if (!items_) return;
    std::destroy_n(items_, n_);
    munmap(items_, n_ * sizeof(T));
    items_ = nullptr;
    n_ = 0;
  }
  T& operator[](size_t i) { return items_[i]; }
  const T& operator[](size_t i) const { return items_[i]; }

 private:
  T* items_ = nullptr;
  size_t n_ = 0;
};

// A list that grows a block at a time. The mentions of an archive run to
// millions (about 85 a story); a vector grown by doubling held up to twice
// their bytes, and both copies at each growth.
template <class T>
class BlockList {
 public:
  static constexpr size_t kBlock = size_t{1} << 16;

  void push_back(T v) {
    if (size_ % kBlock == 0) blocks_.emplace_back(kBlock);
    blocks_.back()[size_ % kBlock] = std::move(v);
    ++size_;
  }
  T& operator[](size_t i) { return blocks_[i / kBlock][i % kBlock]; }
  const T& operator[](size_t i) const { return blocks_[i / kBlock][i % kBlock]; }
  size_t size() const { return size_; }

  // fn(entry) for every entry in order.
  template <class Fn>
  void ForEach(Fn fn) {
    for (size_t i = 0; i < size_; ++i) fn((*this)[i]);
  }
  template <class Fn>
  void ForEach(Fn fn) const {
    for (size_t i = 0; i < size_; ++i) fn((*this)[i]);
  }
  // The same, freeing each block once it is read; the list is empty after.
  template <class Fn>
  void Drain(Fn fn) {
    for (size_t i = 0; i < size_; ++i) {
      fn(blocks_[i / kBlock][i % kBlock]);
      if ((i + 1) % kBlock == 0) blocks_[i / kBlock].Reset();
    }
    blocks_.clear();
    size_ = 0;
  }

 private:
  std::vector<MappedArray<T>> blocks_;
  size_t size_ = 0;
};

struct FactRec {
  FactType type = FactType::kHoldsPost;
  int person = -1, organization = -1, country = -1;  // EntityRec indices
  int person_mention = -1, organization_mention = -1, country_mention = -1;  // mention_rec_
  uint32_t post = 0;  // Resolver::posts_; 0: none
  int year = 0;
  uint32_t story = 0;
  uint32_t sentence_begin = 0, sentence_end = 0;
};

// What resolution keeps of a RawMention once its node is known: not its
// surface forms, which are counted in the nodes. The names are views into
// the story's record (Encode below).
struct HeldMention {
  EntityType type = EntityType::kOrganization;
  uint32_t begin = 0;
  uint32_t end = 0;
  int parent = -1;
  int alias_of = -1;
  int node = -1;  // the node of its name, or -1 (an anaphor; a name that folds to nothing)
  std::string_view body;
  std::string_view parent_head;
  std::string_view anaphor_head;
};

// A RawFact, its title a view into the story's record.
struct HeldFact {
  FactType type = FactType::kHoldsPost;
  int person = -1;
  int organization = -1;
  int country = -1;
  std::string_view title;
  int year = 0;
  uint32_t sentence_begin = 0;
  uint32_t sentence_end = 0;
};

// One story as the steps after reading see it, decoded from the logs.
struct HeldStory {
  std::vector<HeldMention> mentions;
  std::vector<HeldFact> facts;
  std::vector<int> anaphor;     // [mention] -> node the anaphor names, or -1 (ResolveAnaphors on)
  std::vector<int> mention_of;  // [mention] -> index in mention_rec_, or -1 (BuildEntities on)
  // What a pass's MapFn made of the story, for its StoryFn.
  std::vector<int> mapped;
  std::string mapped_record;
  std::vector<std::string> mapped_keys;
  std::vector<FactRec> mapped_facts;

  // The entry of `column` for mention i, or -1 when there is none.
  static int At(const std::vector<int>& column, int i) {
    return i >= 0 && static_cast<size_t>(i) < column.size() ? column[static_cast<size_t>(i)] : -1;
  }
  int Node(int i) const {
    return i >= 0 && static_cast<size_t>(i) < mentions.size()
               ? mentions[static_cast<size_t>(i)].node
               : -1;
  }
};

// A story's reading and the nodes of its mentions, as one record.
std::string Encode(const StoryReading& r, const std::vector<int>& nodes);

// Encode's record into *h (mentions and facts), or false when it is cut.
bool Decode(std::string_view record, HeldStory* h);

// A column of one int a mention, as a record.
std::string EncodeColumn(const std::vector<int>& column);

bool DecodeColumn(std::string_view record, size_t n, std::vector<int>* column);

// The error of a log of relate's that ended early or did not decode: the
// reader's own (an I/O error), else kCorrupt.
inline Status LogCutShort(const RecordLog::Reader& r) {
  if (!r.status()) return r.status();
  return Fail(ErrorCode::kCorrupt, "relate's temporary log of the stories is cut short");
}

// One story's places, as one record.
std::string EncodePlaces(const std::vector<Place>& places);

bool DecodePlaces(std::string_view record, std::vector<Place>* places);

// A FactRec as one record.
std::string EncodeFact(const FactRec& f);

bool DecodeFact(std::string_view record, FactRec* f);


class Resolver {
 public:
  Resolver(const StorySource& stories, const Gazetteer& gaz, int threads)
      : source_(stories), heads_(stories.Heads()), gaz_(gaz), threads_(std::max(threads, 1)) {}

  // The readings of the next stories, in order: their names become nodes,
  // and what the later steps read of them goes to the log.
  void Add(std::vector<StoryReading> chunk);

  Result<Knowledge> Run(std::span<const Correction> corrections, bool park);

 private:
  using StoryFn = std::function<void(uint32_t s, HeldStory& story)>;
  // The part of a pass that is a function of one story and of what no
  // thread changes during the pass: run on any worker, in any order.
  using MapFn = std::function<void(uint32_t s, HeldStory& story)>;

  // fn(s, story) for every story, in order, read back from the logs: with
  // its anaphors once ResolveAnaphors wrote them, and its mentions' indices
  // once BuildEntities did. With `map`, map(s, story) first, on the workers
  // that decode the stories (story.mapped and mapped_record are cleared
  // before).
  Status ForEachStory(const StoryFn& fn, const MapFn& map = nullptr);

  // Every node's root (UnionFind::Find), for the passes that join no nodes
  // and read roots on several threads.
  std::vector<int> Roots();

  // One story's records decoded into *story: its reading, and its
  // anaphors' and mentions' index columns where given. 0, or the record that
  // does not decode: 1 the reading, 2 the anaphors, 3 the indices.
  static int DecodeHeld(std::string_view reading, const std::string_view* anaphor,
                        const std::string_view* index, HeldStory* story);
  // DecodeHeld, then map(s, story) when it decoded and there is a map.
  static int DecodeAndMap(std::string_view reading, const std::string_view* anaphor,
                          const std::string_view* index, const MapFn& map, uint32_t s,
                          HeldStory* story);

  // The error of DecodeHeld's `bad`: the log whose record did not decode.
  static Status BadRecord(int bad, const RecordLog::Reader& readings,
                          const std::optional<RecordLog::Reader>& anaphors,
                          const std::optional<RecordLog::Reader>& mention_of) {
    if (bad == 2) return LogCutShort(*anaphors);
    if (bad == 3) return LogCutShort(*mention_of);
    return LogCutShort(readings);
  }

  static constexpr size_t kDecodeBatch = 512;
  // The fewest threads that decode in batches. Measured on 2 cores
  // (relate --full of 10,000 bench stories, --threads 2): with its one
  // decoding worker a batched pass took 1.6 to 1.9 times the wall time of
  // the pass on one thread (likely the records copied and the decoded
  // stories read from another core's cache). With w workers that is about
  // 1/w of it: 2 would barely gain, 3 (4 threads) leave a margin. Not
  // measured on more than 2 cores.
  static constexpr int kBatchedThreads = 4;

  // ForEachStory on threads_ workers: the same stories, decoded the same
  // way, given to fn in the same order; a record that does not decode stops
  // the pass at that story, as there.
  Status ForEachStoryBatched(const StoryFn& fn, const MapFn& map, size_t n,
                             RecordLog::Reader& readings,
                             std::optional<RecordLog::Reader>& anaphors,
                             std::optional<RecordLog::Reader>& mention_of);

  int GetNode(const std::string& id, EntityType type, int gazetteer, const std::string& key);

  static std::string TypeKey(EntityType t, const std::string& key) {
    return std::string(EntityTypeName(t)) + ":" + key;
  }

  // The nodes of a story's names, one a mention (-1: none), into *nodes.
  void AddNodes(const StoryReading& reading, std::vector<int>* nodes);

  // The node of a mention's form, not of the gazetteer, seen first (-1
  // when it folds to nothing), joined to the nodes of its Latin and
  // connector keys.
  int FormNode(const RawMention& m);

  Status ExplicitAliases();

  // One organization across languages (issue 25): a Russian and an English
  // story of one date that name at least two of the same people or states
  // (one entity across scripts: the gazetteer's states, persons joined by
  // their Latin key) report one news; when each spells out exactly one
  // acronym ("Name (ABC)"), the two acronyms name one organization.
  Status AlignedStories();

  void Persons();

  void Acronyms();

  // The longest spelled-out form among the nodes of each root.
  std::unordered_map<int, std::string> Expansions();

  // The acronyms that name one entity each, with its expansion, to spell
  // names out ("NDA Council" -> "Northern Defence Alliance Council").
  struct AcronymSpelling {
    std::unordered_map<int, std::string> expansions;   // root -> expansion
    std::unordered_map<std::string, int> acronym_root;  // acronym (upper case) -> root
    std::unordered_set<std::string> ambiguous;          // acronyms of several roots
  };
  AcronymSpelling Spelling();
  // `form`'s words (punctuation left out) joined by spaces, each acronym of
  // one entity with an expansion spelled out; *changed when one was.
  static std::string SpellOut(const AcronymSpelling& s, const std::string& form, bool* changed);

  void ExpandedAcronyms();

  // "Council of the Heads of X for Countering Y of the Member States of the
  // Z" = "Council of the Heads of X of the Z Member States for Countering
  // Y": a long body's name in another word order. Names of an organization
  // of five words or more (acronyms spelled out) with the same words, each
  // as often, are one organization's; connectors and articles are left out.
  void WordOrders();

  // Last words of every root's names ("alliance" for the NDA).
  Status ResolveAnaphors();

  // The root among `counts` (root -> mentions) whose names end with `head`,
  // when one clearly leads: in a story, named more often than the next;
  // across the archive (`archive`), at least twice as often.
  int Pick(const std::string& head, const std::map<int, int>& counts,
           const std::unordered_map<int, std::set<std::string>>& heads, EntityType type,
           bool archive) const;

  // A node of the parent of raw mention i of `story` (the parent is its
  // root), or -1.
  static int ParentNode(const HeldStory& story, uint32_t i);

  Status Bodies();

  // "Treaty of Linz" = "Treaty of Linz on Mutual Assistance": a document's
  // name cut before "on", "of", "for", "in" or "concerning", when one
  // document of the archive has that beginning.
  // The same for an organization's name cut before "of" ("Parliamentary
  // Assembly" = "Parliamentary Assembly of the Union State of A and B").
  void ShortDocumentNames();

  Status BuildEntities();

  // Finds the shorter and later forms of known entities in every story:
  // surnames, short names, acronyms, quoted names.
  Status SecondPass();

  static constexpr int kReadPass = 0;    // the mentions BuildEntities gives the readings
  static constexpr int kSecondPass = 1;  // those SecondPass finds

  int RecOfMention(int m) const { return static_cast<int>(mention_rec_[static_cast<size_t>(m)]); }

  // fn(i) for the index i of each mention of story s, both passes.
  template <class Fn>
  void ForEachMentionOf(uint32_t s, Fn fn) const {
    for (const std::vector<size_t>& first : first_mention_) {
      if (s + 1 >= first.size()) continue;
      for (size_t i = first[s]; i < first[s + 1]; ++i) fn(i);
    }
  }

  // Reads the places of the stories' mentions back from places_, story by
  // story from the first.
  class PlaceCursor {
   public:
    explicit PlaceCursor(const Resolver& r)
        : r_(r), readers_{r.places_[kReadPass]->Read(), r.places_[kSecondPass]->Read()} {}
    // fn(i, place) for each mention i of story s (the story after the last
    // one asked for), both passes.
    template <class Fn>
    Status Next(uint32_t s, Fn fn) {
      for (int p : {kReadPass, kSecondPass}) {
        const std::vector<size_t>& first = r_.first_mention_[p];
        std::string_view record;
        if (!readers_[p].Next(&record) || !DecodePlaces(record, &places_) ||
            s + 1 >= first.size() || places_.size() != first[s + 1] - first[s]) {
          return LogCutShort(readers_[p]);
        }
        size_t i = first[s];
        for (const Place& place : places_) fn(i++, place);
      }
      return Ok();
    }

   private:
    const Resolver& r_;
    RecordLog::Reader readers_[2];
    std::vector<Place> places_;
  };

  // The entity of raw mention i of `story`, or -1.
  int RecOfRaw(const HeldStory& story, int i) const {
    const int m = HeldStory::At(story.mention_of, i);
    return m < 0 ? -1 : RecOfMention(m);
  }

  // The topmost parent of an entity ("NDA Joint Staff" -> the NDA).
  int Top(int rec) const;

  // The organization a story is about: its most mentioned organization
  // without a parent; else the archive's.
  int StoryOrganization(uint32_t s);

  Status BuildFacts();

  // fn(fact) for every fact, in order, read back from facts_.
  Status ForEachFact(const std::function<void(const FactRec&)>& fn);

  // fn(fact) for every fact, which it may change: the facts are written anew.
  Status RewriteFacts(const std::function<void(FactRec&)>& fn);

  const Entity& Rec(int r) const { return recs_[static_cast<size_t>(r)].entity; }

  // The id of a post in posts_, added when new.
  uint32_t PostId(std::string post);

  // The shortest spelled-out name of an entity ("Joint Staff").
  std::string ShortName(int r) const;

  // The entity a user means by `name`: one whose name or alias folds to it;
  // the canonical name wins, then the most mentioned.
  int FindByName(const std::string& name) const;

  int MentionCount(int r) const {
    int n = 0;
    mention_rec_.ForEach([&](uint32_t m) { n += static_cast<int>(m) == r; });
    return n;
  }

  Status Apply(const Correction& c);

  Result<Knowledge> Output(bool park);

  const StorySource& source_;
  const std::vector<StoryHead>& heads_;
  // One record a story, in order: its mentions with their nodes, and facts.
  std::unique_ptr<RecordLog> readings_ = std::make_unique<RecordLog>();
  // One column a story, once written: anaphors' nodes; mentions' indices in mention_rec_.
  std::unique_ptr<RecordLog> anaphors_ = std::make_unique<RecordLog>();
  std::unique_ptr<RecordLog> mention_of_ = std::make_unique<RecordLog>();
  StringMap<std::string> key_cache_;  // form -> NameKey, while adding
  // While adding: [type] form -> its node (FormNode), -1 for none.
  std::array<StringMap<int>, static_cast<size_t>(EntityType::kDocument) + 1> form_node_;
  std::vector<int> gazetteer_node_;  // while adding: entry -> its node, or -1
  const Gazetteer& gaz_;
  const int threads_;
  std::vector<Node> nodes_;
  StringMap<int> node_index_;
  UnionFind uf_;
  std::vector<EntityRec> recs_;
  std::map<int, int> rec_of_root_;
  // Each read-pass mention (by mention_rec_ index): read in its story's title.
  std::vector<bool> in_title_;
  // Each read-pass mention: a parent named only inside its child's name.
  std::vector<bool> inner_parent_;
  // Each mention's EntityRec, by index: those of the readings, story by
  // story (BuildEntities), then those the second pass found, story by story.
  BlockList<uint32_t> mention_rec_;
  // [pass]: its mentions' places, a record a story; first_mention_[pass][s]
  // is the index of story s's first mention of the pass, and the entry after
  // the last story's is the pass's end.
  std::unique_ptr<RecordLog> places_[2] = {std::make_unique<RecordLog>(),
                                           std::make_unique<RecordLog>()};
  std::vector<size_t> first_mention_[2];
  // The facts, a record each (EncodeFact), from BuildFacts on: a step that
  // changes them writes them anew (RewriteFacts).
  std::unique_ptr<RecordLog> facts_ = std::make_unique<RecordLog>();
  // The posts of the facts, each held once (an archive states a few hundred
  // posts in about 12 facts a story), with their NameKeys.
  std::vector<std::string> posts_ = {""};
  std::vector<std::string> post_keys_ = {""};
  StringMap<uint32_t> post_ids_ = {{"", 0}};
  std::vector<int> story_org_;
  int archive_org_ = -1;
};

}  // namespace annals::extract::resolve_internal
