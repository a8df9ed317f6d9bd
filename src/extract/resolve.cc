#include "src/extract/resolve.h"
#include "src/text/translit.h"

#include <algorithm>
#include <cstdio>
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

#include "src/common/parallel.h"
#include "src/common/record_log.h"
#include "src/common/release.h"
#include "src/common/string_map.h"
#include "src/common/text.h"
#include "src/extract/lexicon.h"
#include "src/extract/parked.h"
#include "src/extract/tokens.h"

namespace annals::extract {
namespace {

// A post read from Russian text (reader_ru.cc) holds its body already
// ("Председатель Военного комитета", of the organization).
bool TitleIsCyrillic(std::string_view title) {
  std::string lower;
  AppendLower(title, &lower);
  return IsCyrillicWord(lower);
}

class UnionFind {
 public:
  int Add() {
    parent_.push_back(static_cast<int>(parent_.size()));
    return parent_.back();
  }
  int Find(int x) {
    while (parent_[static_cast<size_t>(x)] != x) {
      parent_[static_cast<size_t>(x)] = parent_[static_cast<size_t>(parent_[static_cast<size_t>(x)])];
      x = parent_[static_cast<size_t>(x)];
    }
    return x;
  }
  void Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    // The smaller index stays root: results do not depend on merge order.
    if (b < a) std::swap(a, b);
    parent_[static_cast<size_t>(b)] = a;
  }

 private:
  std::vector<int> parent_;
};

// One distinct name of one type (or one gazetteer entry).
struct Node {
  EntityType type = EntityType::kOrganization;
  int gazetteer = -1;
  std::string key;
  bool acronym = false;
  std::map<std::string, int> forms;  // surface -> mentions
  std::set<std::string> bodies;      // body names written under a parent
};

bool AllCapsWord(std::string_view w) {
  int upper = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2;
}

size_t CodePoints(std::string_view s) { return text::CodePoints(s); }

// The head of a folded name: its last word before the first connector
// ("treaty of linz" -> "treaty").
std::string HeadKey(const std::string& key) {
  size_t start = 0, last = 0;
  while (start < key.size()) {
    size_t sp = key.find(' ', start);
    if (sp == std::string::npos) sp = key.size();
    const std::string w = key.substr(start, sp - start);
    if (start > 0 && IsConnector(w)) break;
    last = start;
    start = sp + 1;
  }
  const size_t end = key.find(' ', last);
  return key.substr(last, end == std::string::npos ? std::string::npos : end - last);
}

std::string LastWordKey(const std::string& key) {
  const size_t sp = key.rfind(' ');
  return sp == std::string::npos ? key : key.substr(sp + 1);
}

// One word of a person's name (a NameKey word) with the spellings that
// transliterations of one name differ by folded together, past its first
// letter (which initials are compared with): y and i ("Grigory", "Grigori"; "-ykov",
// "-ikov"), "-yev" and "-ev", kh and h, ks and x, doubled letters.
std::string TransliterationKey(std::string_view w) {
  if (w.size() < 3) return std::string(w);
  std::string out(1, w[0]);
  for (size_t i = 1; i < w.size(); ++i) {
    char c = w[i];
    if (c == 'h' && out.back() == 'k' && out.size() > 1) {
      out.back() = 'h';
      continue;
    }
    if (c == 's' && out.back() == 'k' && out.size() > 1) {
      out.back() = 'x';
      continue;
    }
    if (c == 'y') c = 'i';
    // "-iev" (from "-yev") after a vowel is "-ev".
    if (c == 'e' && out.back() == 'i' && out.size() > 1 && i + 1 < w.size() && w[i + 1] == 'v' &&
        std::string_view("aeiou").find(out[out.size() - 2]) != std::string_view::npos) {
      out.back() = 'e';
      continue;
    }
    if (c == out.back() && out.size() > 1) continue;
    out += c;
  }
  return out;
}

// A body's NameKey with the connectors that vary between writings of one
// name made one: "for" and "on" after a word are "of" ("Commission for X",
// "Commission on X"), "of ministers of X" is "of X ministers" ("Council of
// Ministers of Defense"). "" when the key has no "of", "for" or "on".
std::string ConnectorKey(const std::string& key) {
  if (key.find(" for ") == std::string::npos && key.find(" on ") == std::string::npos &&
      key.find(" of ") == std::string::npos) {
    return {};
  }
  std::vector<std::string> w;
  size_t start = 0;
  while (start <= key.size()) {
    const size_t sp = key.find(' ', start);
    w.push_back(key.substr(start, sp == std::string::npos ? std::string::npos : sp - start));
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] == "for" || w[i] == "on") w[i] = "of";
  }
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    // "ministers of defense" -> "defense ministers" (one word after "of").
    if (w[i] == "ministers" && i + 2 < w.size() && w[i + 1] == "of" &&
        (i + 3 == w.size() || w[i + 3] == "of")) {
      out += (out.empty() ? "" : " ") + w[i + 2] + " ministers";
      i += 2;
      continue;
    }
    out += (out.empty() ? "" : " ") + w[i];
  }
  return out;
}

// A Cyrillic initial ("Т" of "Т. Петров"): one upper-case letter outside
// ASCII, a period right after it. (Tokenize marks only ASCII initials.)
bool IsOtherInitial(std::string_view form, const std::vector<Token>& toks, size_t i) {
  std::string_view w = TokenText(form, toks[i]);
  if (w.empty() || static_cast<unsigned char>(w[0]) < 0x80 || text::CodePoints(w) != 1 ||
      !text::StartsUpper(w) || i + 1 >= toks.size()) {
    return false;
  }
  const Token& dot = toks[i + 1];
  return dot.kind == TokenKind::kPunct && dot.begin == toks[i].end &&
         TokenText(form, dot) == ".";
}

// The words of a person's name: initials ("I.V.") apart from full words.
struct PersonName {
  std::vector<std::string> initials;  // upper-case letters of initials (UTF-8), in order
  std::vector<std::string> words;     // full words, lower case (NameKey)
};

// `fold`: words through TransliterationKey (to compare names), else as
// NameKey writes them (to find them in a text).
PersonName ParsePerson(const std::string& form, bool fold = true) {
  PersonName p;
  std::vector<Token> toks;
  Tokenize(form, &toks);
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind != TokenKind::kWord) continue;
    std::string_view w = TokenText(form, t);
    if (t.Has(kInitials)) {
      for (char c : w) {
        if (c >= 'A' && c <= 'Z') p.initials.push_back(std::string(1, c));
      }
    } else if (IsOtherInitial(form, toks, i)) {
      p.initials.emplace_back(w);
    } else {
      std::string k;
      AppendTokenKey(w, &k);
      p.words.push_back(fold ? TransliterationKey(k) : k);
    }
  }
  return p;
}

// The first letter of a word in upper case, as initials are written ("t",
// "тимур" -> "T", "Т").
std::string Upper1(const std::string& lower_word) {
  if (lower_word.empty()) return {};
  char c = lower_word[0];
  if (static_cast<unsigned char>(c) < 0x80) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return std::string(1, c);
  }
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(lower_word);
  std::string out;
  icu::UnicodeString(u_toupper(u.char32At(0))).toUTF8String(out);
  return out;
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

struct EntityRec {
  Entity entity;
  int parent = -1;  // index of the parent EntityRec
  bool alive = true;
};

uint32_t AsRec(int rec) { return static_cast<uint32_t>(rec); }

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
std::string Encode(const StoryReading& r, const std::vector<int>& nodes) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(r.mentions.size());
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    const RawMention& m = r.mentions[i];
    w.Uint(static_cast<uint64_t>(m.type));
    w.Uint(m.begin);
    w.Uint(m.end);
    w.Int(m.parent);
    w.Int(m.alias_of);
    w.Int(nodes[i]);
    w.Bytes(m.body.str());
    w.Bytes(m.parent_head.str());
    w.Bytes(m.anaphor_head.str());
  }
  w.Uint(r.facts.size());
  for (const RawFact& f : r.facts) {
    w.Uint(static_cast<uint64_t>(f.type));
    w.Int(f.person);
    w.Int(f.organization);
    w.Int(f.country);
    w.Bytes(f.title);
    w.Int(f.year);
    w.Uint(f.sentence_begin);
    w.Uint(f.sentence_end);
  }
  return out;
}

// Encode's record into *h (mentions and facts), or false when it is cut.
bool Decode(std::string_view record, HeldStory* h) {
  RecordReader r(record);
  const auto int_of = [&r] { return static_cast<int>(r.Int()); };
  const auto u32_of = [&r] { return static_cast<uint32_t>(r.Uint()); };
  const uint64_t n = r.Uint();
  if (n > record.size()) return false;
  h->mentions.resize(static_cast<size_t>(n));
  for (HeldMention& m : h->mentions) {
    m.type = static_cast<EntityType>(r.Uint());
    m.begin = u32_of();
    m.end = u32_of();
    m.parent = int_of();
    m.alias_of = int_of();
    m.node = int_of();
    m.body = r.Bytes();
    m.parent_head = r.Bytes();
    m.anaphor_head = r.Bytes();
  }
  const uint64_t f = r.Uint();
  if (f > record.size()) return false;
  h->facts.resize(static_cast<size_t>(f));
  for (HeldFact& x : h->facts) {
    x.type = static_cast<FactType>(r.Uint());
    x.person = int_of();
    x.organization = int_of();
    x.country = int_of();
    x.title = r.Bytes();
    x.year = int_of();
    x.sentence_begin = u32_of();
    x.sentence_end = u32_of();
  }
  return r.ok() && r.done();
}

// A column of one int a mention, as a record.
std::string EncodeColumn(const std::vector<int>& column) {
  std::string out;
  RecordWriter w(&out);
  for (int v : column) w.Int(v);
  return out;
}

bool DecodeColumn(std::string_view record, size_t n, std::vector<int>* column) {
  RecordReader r(record);
  column->resize(n);
  for (int& v : *column) v = static_cast<int>(r.Int());
  return r.ok() && r.done();
}

// The error of a log of relate's that ended early or did not decode: the
// reader's own (an I/O error), else kCorrupt.
Status LogCutShort(const RecordLog::Reader& r) {
  if (!r.status()) return r.status();
  return Fail(ErrorCode::kCorrupt, "relate's temporary log of the stories is cut short");
}

// One story's places, as one record.
std::string EncodePlaces(const std::vector<Place>& places) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(places.size());
  for (const Place& p : places) {
    w.Uint(p.begin);
    w.Int(static_cast<int64_t>(p.end) - static_cast<int64_t>(p.begin));
  }
  return out;
}

bool DecodePlaces(std::string_view record, std::vector<Place>* places) {
  RecordReader r(record);
  const uint64_t n = r.Uint();
  places->clear();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    const uint64_t begin = r.Uint();
    const int64_t end = static_cast<int64_t>(begin) + r.Int();
    if (begin > UINT32_MAX || end < 0 || end > UINT32_MAX) return false;
    places->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }
  return r.ok() && r.done();
}

// A FactRec as one record.
std::string EncodeFact(const FactRec& f) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(static_cast<uint64_t>(f.type));
  for (int v : {f.person, f.organization, f.country, f.person_mention, f.organization_mention,
                f.country_mention, f.year}) {
    w.Int(v);
  }
  for (uint32_t v : {f.post, f.story, f.sentence_begin, f.sentence_end}) w.Uint(v);
  return out;
}

bool DecodeFact(std::string_view record, FactRec* f) {
  RecordReader r(record);
  f->type = static_cast<FactType>(r.Uint());
  for (int* v : {&f->person, &f->organization, &f->country, &f->person_mention,
                 &f->organization_mention, &f->country_mention, &f->year}) {
    *v = static_cast<int>(r.Int());
  }
  for (uint32_t* v : {&f->post, &f->story, &f->sentence_begin, &f->sentence_end}) {
    *v = static_cast<uint32_t>(r.Uint());
  }
  return r.ok() && r.done();
}

}  // namespace

class Resolver {
 public:
  Resolver(const StorySource& stories, const Gazetteer& gaz, int threads)
      : source_(stories), heads_(stories.Heads()), gaz_(gaz), threads_(std::max(threads, 1)) {}

  // The readings of the next stories, in order: their names become nodes,
  // and what the later steps read of them goes to the log.
  void Add(std::vector<StoryReading> chunk) {
    std::vector<int> nodes;
    for (StoryReading& r : chunk) {
      AddNodes(r, &nodes);
      readings_->Append(Encode(r, nodes));
      r = {};
    }
  }

  Result<Knowledge> Run(std::span<const Correction> corrections, bool park) {
    Release(key_cache_);
    Status st = ExplicitAliases();  // the first read of the log reports its write errors
    if (st) st = AlignedStories();
    if (!st) return tl::unexpected(st.error());
    Persons();
    Acronyms();
    ExpandedAcronyms();
    if (st = ResolveAnaphors(); st) st = Bodies();
    if (!st) return tl::unexpected(st.error());
    // Again, now that the spellings of one body are joined: an acronym of a
    // body spelled two ways ("Commission for X", "Commission on X").
    Acronyms();
    WordOrders();
    ShortDocumentNames();
    if (st = BuildEntities(); st) st = SecondPass();
    if (st) st = BuildFacts();
    if (!st) return tl::unexpected(st.error());
    // From here on only entities, mentions and facts are read: the logs and
    // the maps over the names go before the output is built beside them.
    readings_.reset();
    anaphors_.reset();
    mention_of_.reset();
    Release(nodes_);
    Release(node_index_);
    for (const Correction& c : corrections) {
      if (auto applied = Apply(c); !applied) return tl::unexpected(applied.error());
    }
    return Output(park);
  }

 private:
  using StoryFn = std::function<void(uint32_t s, HeldStory& story)>;

  // fn(s, story) for every story, in order, read back from the logs: with
  // its anaphors once ResolveAnaphors wrote them, and its mentions' indices
  // once BuildEntities did.
  Status ForEachStory(const StoryFn& fn) {
    const size_t n = readings_->size();
    RecordLog::Reader readings = readings_->Read();
    std::optional<RecordLog::Reader> anaphors, mention_of;
    if (anaphors_->size() == n) anaphors = anaphors_->Read();
    if (mention_of_->size() == n) mention_of = mention_of_->Read();
    // Decoding is about half of a step's pass: with several threads, the
    // records of kDecodeBatch stories are copied out of the logs and decoded
    // on every core, then given to fn one by one, in order, as below.
    if (threads_ > 1) return ForEachStoryBatched(fn, n, readings, anaphors, mention_of);
    HeldStory story;
    std::string_view reading, anaphor, index;
    for (uint32_t s = 0; s < n; ++s) {
      if (!readings.Next(&reading)) return LogCutShort(readings);
      if (anaphors && !anaphors->Next(&anaphor)) return LogCutShort(*anaphors);
      if (mention_of && !mention_of->Next(&index)) return LogCutShort(*mention_of);
      if (const int bad = DecodeHeld(reading, anaphors ? &anaphor : nullptr,
                                     mention_of ? &index : nullptr, &story);
          bad != 0) {
        return BadRecord(bad, readings, anaphors, mention_of);
      }
      fn(s, story);
    }
    return Ok();
  }

  // One story's records decoded into *story: its reading, and its
  // anaphors' and mentions' index columns where given. 0, or the record that
  // does not decode: 1 the reading, 2 the anaphors, 3 the indices.
  static int DecodeHeld(std::string_view reading, const std::string_view* anaphor,
                        const std::string_view* index, HeldStory* story) {
    if (!Decode(reading, story)) return 1;
    story->anaphor.clear();
    story->mention_of.clear();
    if (anaphor && !DecodeColumn(*anaphor, story->mentions.size(), &story->anaphor)) return 2;
    if (index && !DecodeColumn(*index, story->mentions.size(), &story->mention_of)) return 3;
    return 0;
  }

  // The error of DecodeHeld's `bad`: the log whose record did not decode.
  static Status BadRecord(int bad, const RecordLog::Reader& readings,
                          const std::optional<RecordLog::Reader>& anaphors,
                          const std::optional<RecordLog::Reader>& mention_of) {
    if (bad == 2) return LogCutShort(*anaphors);
    if (bad == 3) return LogCutShort(*mention_of);
    return LogCutShort(readings);
  }

  static constexpr size_t kDecodeBatch = 512;

  // ForEachStory on threads_ workers: the same stories, decoded the same
  // way, given to fn in the same order; a record that does not decode stops
  // the pass at that story, as there.
  Status ForEachStoryBatched(const StoryFn& fn, size_t n, RecordLog::Reader& readings,
                             std::optional<RecordLog::Reader>& anaphors,
                             std::optional<RecordLog::Reader>& mention_of) {
    struct Item {
      std::string reading, anaphor, mention_of;  // the records (the story's views point here)
      HeldStory story;
      int bad = 0;  // DecodeHeld's
    };
    std::vector<Item> batch(std::min(n, kDecodeBatch));
    std::string_view record;
    for (size_t first = 0; first < n; first += kDecodeBatch) {
      const size_t count = std::min(kDecodeBatch, n - first);
      // The records, copied in order; a log cut short fails here, as it
      // would when its story came.
      size_t got = 0;
      Status cut = Ok();
      for (; got < count; ++got) {
        Item& it = batch[got];
        if (!readings.Next(&record)) {
          cut = LogCutShort(readings);
          break;
        }
        it.reading.assign(record);
        if (anaphors) {
          if (!anaphors->Next(&record)) {
            cut = LogCutShort(*anaphors);
            break;
          }
          it.anaphor.assign(record);
        }
        if (mention_of) {
          if (!mention_of->Next(&record)) {
            cut = LogCutShort(*mention_of);
            break;
          }
          it.mention_of.assign(record);
        }
      }
      ParallelFor(got, threads_, [&](size_t i, size_t) {
        Item& it = batch[i];
        const std::string_view anaphor(it.anaphor), index(it.mention_of);
        it.bad = DecodeHeld(it.reading, anaphors ? &anaphor : nullptr,
                            mention_of ? &index : nullptr, &it.story);
      });
      for (size_t i = 0; i < got; ++i) {
        Item& it = batch[i];
        if (it.bad != 0) return BadRecord(it.bad, readings, anaphors, mention_of);
        fn(static_cast<uint32_t>(first + i), it.story);
      }
      if (!cut) return cut;
    }
    return Ok();
  }

  int GetNode(const std::string& id, EntityType type, int gazetteer, const std::string& key) {
    auto [it, fresh] = node_index_.emplace(id, static_cast<int>(nodes_.size()));
    if (fresh) {
      nodes_.push_back({.type = type, .gazetteer = gazetteer, .key = key});
      uf_.Add();
    }
    return it->second;
  }

  static std::string TypeKey(EntityType t, const std::string& key) {
    return std::string(EntityTypeName(t)) + ":" + key;
  }

  // The nodes of a story's names, one a mention (-1: none), into *nodes.
  void AddNodes(const StoryReading& reading, std::vector<int>* nodes) {
    StringMap<std::string>& key_cache = key_cache_;
    {
      const auto& ms = reading.mentions;
      nodes->assign(ms.size(), -1);
      for (uint32_t i = 0; i < ms.size(); ++i) {
        const RawMention& m = ms[i];
        if (!m.anaphor_head.empty()) continue;
        int node;
        if (m.gazetteer >= 0) {
          const GazetteerEntry& e = gaz_.entry(m.gazetteer);
          // A state or city is named in most stories: its key is made once.
          const std::string id = "g:" + e.code;
          const auto known = node_index_.find(id);
          node = known != node_index_.end() ? known->second
                                             : GetNode(id, e.type, m.gazetteer, NameKey(e.name));
        } else {
          // Forms repeat from story to story: fold each once.
          auto [it, fresh] = key_cache.try_emplace(m.form);
          if (fresh) it.value() = NameKey(m.form);
          const std::string& key = it->second;
          if (key.empty()) continue;
          node = GetNode(TypeKey(m.type, key), m.type, -1, key);
        }
        Node& n = nodes_[static_cast<size_t>(node)];
        ++n.forms[m.form];
        if (m.acronym && AllCapsWord(m.form)) n.acronym = true;
        if (!m.body.empty()) {
          n.bodies.insert(m.body);
          n.forms.emplace(m.body, 0);
        }
        (*nodes)[i] = node;
        if (m.gazetteer < 0 && m.type == EntityType::kPerson) {
          // One person across scripts (issue 25): "В.Хроминым" and "V.
          // Khromin" meet under their Latin key (text/translit.h).
          auto [lt, fresh_latin] = latin_cache_.try_emplace(m.form);
          if (fresh_latin) lt.value() = "~latin " + text::LatinKey(m.form);
          const std::string& latin = lt->second;
          if (latin.size() > 7) uf_.Union(node, GetNode(TypeKey(m.type, latin), m.type, -1, latin));
        }
        if (m.gazetteer < 0 &&
            (m.type == EntityType::kOrganization || m.type == EntityType::kDocument)) {
          // "Commission on X" = "Commission for X"; "Council of Ministers of
          // Fisheries" = "Council of Fisheries Ministers": one node under the
          // folded key (which names no mention itself).
          const std::string folded = ConnectorKey(nodes_[static_cast<size_t>(node)].key);
          if (!folded.empty()) {
            uf_.Union(node, GetNode(TypeKey(m.type, "~" + folded), m.type, -1, "~" + folded));
          }
        }
        if (!m.alt_form.empty()) {
          const std::string key = NameKey(m.alt_form.str());
          const int alt = GetNode(TypeKey(m.type, key), m.type, -1, key);
          nodes_[static_cast<size_t>(alt)].forms.emplace(m.alt_form, 0);
          uf_.Union(node, alt);
        }
      }
    }
  }

  Status ExplicitAliases() {
    return ForEachStory([&](uint32_t, HeldStory& story) {
      for (const HeldMention& m : story.mentions) {
        if (m.alias_of < 0 || m.node < 0) continue;
        const int other = story.Node(m.alias_of);
        if (other >= 0) uf_.Union(m.node, other);
      }
    });
  }

  // One organization across languages (issue 25): a Russian and an English
  // story of one date that name at least two of the same people or states
  // (one entity across scripts: the gazetteer's states, persons joined by
  // their Latin key) report one news; when each spells out exactly one
  // acronym ("Name (ABC)"), the two acronyms name one organization.
  Status AlignedStories() {
    struct Sketch {
      bool cyrillic = false;
      std::set<int> shared;    // roots of the people and states it names
      std::set<int> acronyms;  // nodes of its "(ABC)" acronyms
    };
    std::map<std::string, std::vector<Sketch>> by_date;
    Status st = ForEachStory([&](uint32_t s, HeldStory& story) {
      if (s >= heads_.size() || heads_[s].date.empty()) return;
      Sketch k;
      int cyrillic = 0, latin = 0;
      for (const HeldMention& m : story.mentions) {
        if (m.node < 0) continue;
        const Node& n = nodes_[static_cast<size_t>(m.node)];
        if (n.forms.empty()) continue;
        const std::string& form = n.forms.begin()->first;
        std::string lower;
        AppendLower(form, &lower);
        ++(IsCyrillicWord(lower) ? cyrillic : latin);
        if (m.type == EntityType::kPerson || m.type == EntityType::kCountry) {
          k.shared.insert(uf_.Find(m.node));
        }
        if (m.alias_of >= 0 && m.type == EntityType::kOrganization && IsAcronymName(form)) {
          k.acronyms.insert(m.node);
        }
      }
      k.cyrillic = cyrillic > latin;
      if (k.shared.size() >= 2 && k.acronyms.size() == 1) by_date[heads_[s].date].push_back(std::move(k));
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

  void Persons() {
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

  void Acronyms() {
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

  // The longest spelled-out form among the nodes of each root.
  std::unordered_map<int, std::string> Expansions() {
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

  // The acronyms that name one entity each, with its expansion, to spell
  // names out ("NDA Council" -> "Northern Defence Alliance Council").
  struct AcronymSpelling {
    std::unordered_map<int, std::string> expansions;   // root -> expansion
    std::unordered_map<std::string, int> acronym_root;  // acronym (upper case) -> root
    std::unordered_set<std::string> ambiguous;          // acronyms of several roots
  };
  AcronymSpelling Spelling() {
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
  // `form`'s words (punctuation left out) joined by spaces, each acronym of
  // one entity with an expansion spelled out; *changed when one was.
  static std::string SpellOut(const AcronymSpelling& s, const std::string& form, bool* changed) {
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

  void ExpandedAcronyms() {
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

  // "Council of the Heads of X for Countering Y of the Member States of the
  // Z" = "Council of the Heads of X of the Z Member States for Countering
  // Y": a long body's name in another word order. Names of an organization
  // of five words or more (acronyms spelled out) with the same words, each
  // as often, are one organization's; connectors and articles are left out.
  void WordOrders() {
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

  // Last words of every root's names ("alliance" for the NDA).
  Status ResolveAnaphors() {
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
    std::vector<int> roots;
    Status st = ForEachStory([&](uint32_t, HeldStory& story) {
      const auto& ms = story.mentions;
      roots.assign(ms.size(), -1);
      std::map<int, int> in_story;  // root -> mentions in this story
      for (const HeldMention& m : ms) {
        if (m.node >= 0) ++in_story[uf_.Find(m.node)];
      }
      for (uint32_t i = 0; i < ms.size(); ++i) {
        const std::string_view head =
            !ms[i].anaphor_head.empty() ? ms[i].anaphor_head : ms[i].parent_head;
        if (head.empty()) continue;
        const std::string h = std::string(SpellingVariant(head));
        roots[i] = Pick(h, in_story, heads, ms[i].type);
        if (roots[i] < 0) roots[i] = Pick(h, total, heads, ms[i].type);
      }
      anaphors_->Append(EncodeColumn(roots));
    });
    return st ? anaphors_->status() : st;
  }

  // The root among `counts` whose names end with `head`, when one clearly leads.
  int Pick(const std::string& head, const std::map<int, int>& counts,
           std::unordered_map<int, std::set<std::string>>& heads, EntityType type) {
    int best = -1, best_n = 0, second_n = 0;
    for (const auto& [root, n] : counts) {
      if (nodes_[static_cast<size_t>(root)].type != type || !heads[root].count(head)) continue;
      if (n > best_n) {
        second_n = best_n;
        best = root;
        best_n = n;
      } else if (n > second_n) {
        second_n = n;
      }
    }
    return best_n > second_n ? best : -1;
  }
  int Pick(const std::string& head, const std::unordered_map<int, int>& counts,
           std::unordered_map<int, std::set<std::string>>& heads, EntityType type) {
    std::map<int, int> ordered(counts.begin(), counts.end());
    int best = -1, best_n = 0, second_n = 0;
    for (const auto& [root, n] : ordered) {
      if (nodes_[static_cast<size_t>(root)].type != type || !heads[root].count(head)) continue;
      if (n > best_n) {
        second_n = best_n;
        best = root;
        best_n = n;
      } else if (n > second_n) {
        second_n = n;
      }
    }
    // Across the archive the leader must be clear: twice the next.
    return best_n >= 2 * second_n && best_n > 0 ? best : -1;
  }

  // The root of the parent of raw mention i of `story`, or -1.
  int ParentRoot(const HeldStory& story, uint32_t i) {
    const HeldMention& m = story.mentions[i];
    if (m.parent >= 0) {
      const int n = story.Node(m.parent);
      if (n >= 0) return uf_.Find(n);
      const int a = HeldStory::At(story.anaphor, m.parent);
      return a >= 0 ? uf_.Find(a) : -1;
    }
    const int a = HeldStory::At(story.anaphor, static_cast<int>(i));
    if (!m.parent_head.empty() && a >= 0) return uf_.Find(a);
    return -1;
  }

  Status Bodies() {
    std::map<std::string, std::set<int>> parents_of_body;           // type:body key -> parents
    std::map<std::pair<int, std::string>, std::vector<int>> group;  // (parent, body) -> nodes
    Status st = ForEachStory([&](uint32_t, HeldStory& story) {
      const auto& ms = story.mentions;
      for (uint32_t i = 0; i < ms.size(); ++i) {
        if (ms[i].body.empty() || ms[i].node < 0) continue;
        const int p = ParentRoot(story, i);
        if (p < 0) continue;
        const std::string bk = TypeKey(ms[i].type, NameKey(ms[i].body));
        parents_of_body[bk].insert(p);
        group[{p, bk}].push_back(ms[i].node);
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

  // "Treaty of Linz" = "Treaty of Linz on Mutual Assistance": a document's
  // name cut before "on", "of", "for", "in" or "concerning", when one
  // document of the archive has that beginning.
  // The same for an organization's name cut before "of" ("Parliamentary
  // Assembly" = "Parliamentary Assembly of the Union State of A and B").
  void ShortDocumentNames() {
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

  Status BuildEntities() {
    std::map<int, int> rec_of_root;
    // Roots in order of first appearance, so that output order is stable.
    std::vector<int> mention_of;
    std::vector<uint8_t> inner;
    std::vector<Place> places;
    first_mention_[kReadPass] = {0};
    Status st = ForEachStory([&](uint32_t, HeldStory& story) {
      const auto& ms = story.mentions;
      mention_of.assign(ms.size(), -1);
      places.clear();
      // The parents named only inside their child's name ("the Academy of
      // Sciences" in "Institute of X of the Academy of Sciences").
      inner.assign(ms.size(), 0);
      for (const HeldMention& m : ms) {
        if (m.parent < 0 || static_cast<size_t>(m.parent) >= ms.size()) continue;
        const HeldMention& p = ms[static_cast<size_t>(m.parent)];
        if (p.begin >= m.begin && p.end <= m.end && (p.begin != m.begin || p.end != m.end)) {
          inner[static_cast<size_t>(m.parent)] = 1;
        }
      }
      for (uint32_t i = 0; i < ms.size(); ++i) {
        int node = ms[i].node;
        if (node < 0) node = HeldStory::At(story.anaphor, static_cast<int>(i));
        if (node < 0) continue;
        const int root = uf_.Find(node);
        auto [it, fresh] = rec_of_root.emplace(root, static_cast<int>(recs_.size()));
        if (fresh) recs_.push_back({});
        mention_of[i] = static_cast<int>(mention_rec_.size());
        mention_rec_.push_back(AsRec(it->second));
        in_title_.push_back((ms[i].begin & kInTitle) != 0);
        inner_parent_.push_back(inner[i] != 0);
        places.push_back({ms[i].begin, ms[i].end});
      }
      mention_of_->Append(EncodeColumn(mention_of));
      places_[kReadPass]->Append(EncodePlaces(places));
      first_mention_[kReadPass].push_back(mention_rec_.size());
    });
    if (st) st = mention_of_->status();
    if (st) st = places_[kReadPass]->status();
    if (!st) return st;
    // Names.
    std::vector<std::map<std::string, int>> forms(recs_.size());
    std::vector<int> gazetteer(recs_.size(), -1);
    std::vector<EntityType> type(recs_.size(), EntityType::kOrganization);
    for (size_t n = 0; n < nodes_.size(); ++n) {
      auto it = rec_of_root.find(uf_.Find(static_cast<int>(n)));
      if (it == rec_of_root.end()) continue;
      const auto r = static_cast<size_t>(it->second);
      for (const auto& [f, c] : nodes_[n].forms) forms[r][f] += c;
      if (nodes_[n].gazetteer >= 0) gazetteer[r] = nodes_[n].gazetteer;
      type[r] = nodes_[n].type;
    }
    for (size_t r = 0; r < recs_.size(); ++r) {
      Entity& e = recs_[r].entity;
      e.type = type[r];
      std::vector<std::string> names;
      if (gazetteer[r] >= 0) {
        const GazetteerEntry& g = gaz_.entry(gazetteer[r]);
        e.name = g.name;
        e.type = g.type;
        for (const std::string& n : g.names) names.push_back(n);
      } else {
        auto better = [&](const std::string& a, int ca, const std::string& b, int cb) {
          const bool pa = e.type == EntityType::kPerson && ParsePerson(a).initials.empty();
          const bool pb = e.type == EntityType::kPerson && ParsePerson(b).initials.empty();
          if (pa != pb) return pa;
          const bool aa = AllCapsWord(a) && a.find(' ') == std::string::npos;
          const bool ab = AllCapsWord(b) && b.find(' ') == std::string::npos;
          if (aa != ab) return !aa;
          if (IsCyrillicWord(a) && IsCyrillicWord(b)) {
            // Russian forms of one name differ by their case endings: the
            // shortest of the fullest is the nominative most often
            // ("Хромин", not "Хроминым"; "Совет ...", not "Совета ...").
            const auto wa = std::count(a.begin(), a.end(), ' ');
            const auto wb = std::count(b.begin(), b.end(), ' ');
            if (wa != wb) return wa > wb;
            if (CodePoints(a) != CodePoints(b)) return CodePoints(a) < CodePoints(b);
          }
          if (CodePoints(a) != CodePoints(b)) return CodePoints(a) > CodePoints(b);
          if (ca != cb) return ca > cb;
          return a < b;
        };
        std::string best;
        int best_c = -1;
        for (const auto& [f, c] : forms[r]) {
          if (best_c < 0 || better(f, c, best, best_c)) {
            best = f;
            best_c = c;
          }
        }
        e.name = best;
      }
      for (const auto& [f, c] : forms[r]) names.push_back(f);
      std::set<std::string> seen = {e.name};
      for (const std::string& n : names) {
        if (seen.insert(n).second) e.aliases.push_back(n);
      }
    }
    // Parents: the one parent entity the mentions name, if only one.
    std::vector<std::set<int>> parents(recs_.size());
    st = ForEachStory([&](uint32_t, HeldStory& story) {
      for (uint32_t i = 0; i < story.mentions.size(); ++i) {
        const int m = HeldStory::At(story.mention_of, static_cast<int>(i));
        if (m < 0) continue;
        const int p = ParentRoot(story, i);
        if (p < 0) continue;
        auto pr = rec_of_root.find(p);
        const int self = RecOfMention(m);
        if (pr != rec_of_root.end() && pr->second != self) {
          parents[static_cast<size_t>(self)].insert(pr->second);
        }
      }
    });
    if (!st) return st;
    for (size_t r = 0; r < recs_.size(); ++r) {
      if (parents[r].size() == 1) recs_[r].parent = *parents[r].begin();
    }
    rec_of_root_ = std::move(rec_of_root);
    return Ok();
  }

  // Finds the shorter and later forms of known entities in every story:
  // surnames, short names, acronyms, quoted names.
  Status SecondPass() {
    struct Alias {
      int rec = -1;
      bool single_word_ok = false;  // may match as one word outside quotes
    };
    // Looked up for every capitalized word of the archive: StringMap.
    StringMap<Alias> aliases;
    StringSet ambiguous;
    size_t max_words = 1;
    auto add = [&](const std::string& key, int rec, bool single_ok) {
      if (key.empty()) return;
      auto [it, fresh] = aliases.emplace(key, Alias{rec, single_ok});
      if (!fresh && it->second.rec != rec) ambiguous.insert(key);
      if (!fresh && it->second.rec == rec) it.value().single_word_ok |= single_ok;
      max_words = std::max(max_words,
                           static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
    };
    std::map<std::string, std::set<int>> surnames;
    for (size_t r = 0; r < recs_.size(); ++r) {
      const Entity& e = recs_[r].entity;
      if (e.type == EntityType::kCountry || e.type == EntityType::kPlace) continue;
      std::vector<std::string> names = e.aliases;
      names.push_back(e.name);
      for (const std::string& n : names) {
        const bool acr = AllCapsWord(n) && n.find(' ') == std::string::npos;
        add((acr ? "#" : "") + NameKey(n), static_cast<int>(r), acr);
        if (e.type == EntityType::kPerson) {
          PersonName p = ParsePerson(n, false);
          if (!p.words.empty()) surnames[p.words.back()].insert(static_cast<int>(r));
        }
      }
    }
    for (const auto& [surname, rs] : surnames) {
      if (rs.size() == 1) add(surname, *rs.begin(), true);
      else ambiguous.insert(surname);
    }
    for (const std::string& k : ambiguous) aliases.erase(k);
    // First word of every alias -> most words of an alias starting so.
    StringMap<size_t> first_words;
    for (const auto& [key, alias] : aliases) {
      const size_t words = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
      size_t& most = first_words[key.substr(0, key.find(' '))];
      most = std::max(most, words);
    }

    // The stories a chunk at a time, with the places of the mentions
    // already found in them: `taken[c]` are those of story first + c, and
    // `found[c]` is what the pass finds there.
    struct Scratch {
      std::vector<Token> toks;
      std::vector<uint8_t> covered;
    };
    std::vector<Scratch> scratch(static_cast<size_t>(threads_));  // one a worker
    struct Found {
      int rec = -1;
      uint32_t begin = 0, end = 0;
    };
    RecordLog::Reader taken_places = places_[kReadPass]->Read();
    std::vector<std::vector<Place>> taken;
    std::vector<Place> places;
    first_mention_[kSecondPass] = {mention_rec_.size()};
    auto chunk_pass = [&](size_t first, std::span<const Story> chunk) -> Status {
      if (first + 1 != first_mention_[kSecondPass].size()) {
        return Fail(ErrorCode::kInvalidInput, "stories read out of order");
      }
      chunk = chunk.first(std::min(chunk.size(), heads_.size() - std::min(first, heads_.size())));
      taken.resize(chunk.size());
      for (std::vector<Place>& t : taken) {
        std::string_view record;
        if (!taken_places.Next(&record) || !DecodePlaces(record, &t)) {
          return LogCutShort(taken_places);
        }
      }
      std::vector<std::vector<Found>> found(chunk.size());
      ParallelFor(chunk.size(), threads_, [&](size_t c, size_t worker) {
        std::vector<Token>& toks = scratch[worker].toks;
        std::vector<uint8_t>& covered = scratch[worker].covered;
        const std::string& text = chunk[c].text;
        covered.assign(text.size() + 1, 0);
        for (const Place& p : taken[c]) {
          for (uint32_t x = p.begin; x < p.end && x < text.size(); ++x) covered[x] = 1;
        }
        auto overlaps = [&](uint32_t b, uint32_t e) {
          for (uint32_t x = b; x < e && x < text.size(); ++x) {
            if (covered[x]) return true;
          }
          return false;
        };
        Tokenize(text, &toks);
        std::string key;
        for (size_t k = 0; k < toks.size(); ++k) {
          const Token& t = toks[k];
          if (t.kind != TokenKind::kWord || !(t.Has(kCap) || t.Has(kAllCaps))) continue;
          if (covered[t.begin]) continue;
          key.clear();
          if (t.Has(kAllCaps)) key += '#';
          AppendTokenKey(TokenText(text, t), &key);
          const std::string_view kv = key;
          auto fw = first_words.find(kv.substr(0, kv.find(' ')));
          const size_t plain_words = [&] {
            auto p = first_words.find(kv.substr(t.Has(kAllCaps) ? 1 : 0, kv.find(' ')));
            return p == first_words.end() ? 0 : p->second;
          }();
          if (fw == first_words.end() && plain_words == 0) continue;
          const size_t most =
              std::max(fw == first_words.end() ? size_t{0} : fw->second, plain_words);
          key.clear();
          size_t best_len = 0;
          int best_rec = -1;
          size_t words = 0;
          for (size_t j = k; j < toks.size() && words < std::min(max_words, most); ++j) {
            const Token& w = toks[j];
            if (w.kind != TokenKind::kWord && w.kind != TokenKind::kNumber) break;
            if (j > k && w.Has(kNewlineBefore)) break;
            if (!key.empty()) key += ' ';
            AppendTokenKey(TokenText(text, w), &key);
            ++words;
            if (!(w.Has(kCap) || w.Has(kAllCaps) || w.kind == TokenKind::kNumber)) continue;
            const bool acr = words == 1 && t.Has(kAllCaps);
            auto it = acr ? aliases.find("#" + key) : aliases.find(std::string_view(key));
            if (it == aliases.end()) continue;
            if (words == 1 && !it->second.single_word_ok) {
              const bool quoted =
                  k > 0 && k + 1 < toks.size() && toks[k - 1].kind == TokenKind::kPunct &&
                  toks[k + 1].kind == TokenKind::kPunct && TokenText(text, toks[k - 1]) != "(" &&
                  TokenText(text, toks[k - 1]) != ",";
              if (!quoted) continue;
            }
            best_len = j - k + 1;
            best_rec = it->second.rec;
          }
          if (best_rec < 0) continue;
          const uint32_t b = t.begin, e = toks[k + best_len - 1].end;
          if (overlaps(b, e)) continue;
          found[c].push_back({best_rec, b, e});
          k += best_len - 1;
        }
      });
      // What the second pass found are forms of the entities too ("Smith", "I. Smith").
      for (size_t c = 0; c < found.size(); ++c) {
        places.clear();
        for (const Found& m : found[c]) {
          Entity& e = recs_[static_cast<size_t>(m.rec)].entity;
          const std::string form =
              text::Squeeze(std::string_view(chunk[c].text).substr(m.begin, m.end - m.begin));
          if (form != e.name &&
              std::find(e.aliases.begin(), e.aliases.end(), form) == e.aliases.end()) {
            e.aliases.push_back(form);
          }
          mention_rec_.push_back(AsRec(m.rec));
          places.push_back({m.begin, m.end});
        }
        places_[kSecondPass]->Append(EncodePlaces(places));
        first_mention_[kSecondPass].push_back(mention_rec_.size());
      }
      return places_[kSecondPass]->status();
    };
    if (auto st = source_.ForEachChunk(chunk_pass); !st) return st;
    if (first_mention_[kSecondPass].size() != heads_.size() + 1) {
      return Fail(ErrorCode::kInvalidInput, "stories read in part");
    }
    return Ok();
  }

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
  int Top(int rec) const {
    for (int guard = 0; guard < 8 && rec >= 0 && recs_[static_cast<size_t>(rec)].parent >= 0;
         ++guard) {
      rec = recs_[static_cast<size_t>(rec)].parent;
    }
    return rec;
  }

  // The organization a story is about: its most mentioned organization
  // without a parent; else the archive's.
  int StoryOrganization(uint32_t s) {
    if (story_org_.empty()) {
      story_org_.assign(heads_.size(), -2);
      std::vector<std::map<int, int>> counts(heads_.size());
      std::map<int, int> total;
      for (uint32_t s = 0; s < heads_.size(); ++s) {
        ForEachMentionOf(s, [&](size_t i) {
          const auto r = static_cast<int>(mention_rec_[i]);
          const EntityRec& rec = recs_[static_cast<size_t>(r)];
          if (rec.entity.type != EntityType::kOrganization || rec.parent >= 0) return;
          ++counts[s][r];
          ++total[r];
        });
      }
      auto top = [](const std::map<int, int>& c) {
        int best = -1, best_n = 0;
        for (const auto& [r, n] : c) {
          if (n > best_n) {
            best = r;
            best_n = n;
          }
        }
        return best;
      };
      archive_org_ = top(total);
      for (size_t i = 0; i < heads_.size(); ++i) story_org_[i] = top(counts[i]);
    }
    return story_org_[s] >= 0 ? story_org_[s] : archive_org_;
  }

  Status BuildFacts() {
    Status st = ForEachStory([&](uint32_t s, HeldStory& story) {
      for (const HeldFact& f : story.facts) {
        FactRec r{.type = f.type, .year = f.year, .story = s,
                  .sentence_begin = f.sentence_begin, .sentence_end = f.sentence_end};
        r.person = RecOfRaw(story, f.person);
        r.person_mention = HeldStory::At(story.mention_of, f.person);
        r.country = RecOfRaw(story, f.country);
        r.country_mention = HeldStory::At(story.mention_of, f.country);
        if (f.organization == kStoryOrganization) {
          r.organization = StoryOrganization(s);
        } else {
          r.organization = RecOfRaw(story, f.organization);
          r.organization_mention = HeldStory::At(story.mention_of, f.organization);
        }
        switch (f.type) {
          case FactType::kHoldsPost: {
            if (r.person < 0 || Rec(r.person).type != EntityType::kPerson) continue;
            r.post = PostId(std::string(f.title));
            if (r.organization >= 0) {
              const EntityRec& o = recs_[static_cast<size_t>(r.organization)];
              if (o.entity.type == EntityType::kPerson) {
                r.organization = -1;
              } else if (o.parent >= 0 && o.entity.type == EntityType::kOrganization &&
                         !TitleIsCyrillic(f.title) &&
                         Rec(Top(r.organization)).type == EntityType::kOrganization) {
                // A state's body ("Norland Security Council", "General Staff
                // of the Armed Forces of A") owns its posts itself.
                // "Chief of the NDA Joint Staff": the post is "Chief of the
                // Joint Staff", of the NDA.
                const std::string_view b =
                    f.organization >= 0 && static_cast<size_t>(f.organization) < story.mentions.size()
                        ? story.mentions[static_cast<size_t>(f.organization)].body
                        : std::string_view();
                std::string body = !b.empty() ? std::string(b) : ShortName(r.organization);
                // "Head of the Department of the NDA Secretariat": of the NDA.
                r.post = PostId(std::string(f.title) + " of the " + body);
                r.organization = Top(r.organization);
                r.organization_mention = -1;
              }
            }
            break;
          }
          case FactType::kChairs:
            if (r.country < 0 || Rec(r.country).type != EntityType::kCountry) continue;
            r.organization = Top(r.organization);
            if (r.organization < 0 || Rec(r.organization).type != EntityType::kOrganization) {
              continue;
            }
            break;
          case FactType::kMemberOf:
            if (r.country < 0 || Rec(r.country).type != EntityType::kCountry) continue;
            if (r.organization < 0 || Rec(r.organization).type != EntityType::kOrganization) {
              continue;
            }
            break;
        }
        facts_->Append(EncodeFact(r));
      }
    });
    if (st) st = facts_->status();
    if (!st) return st;
    // A post stated without its organization takes the one the archive
    // states for the same person and post, when only one.
    std::map<std::pair<int, std::string>, std::set<int>> orgs;
    bool without = false;
    st = ForEachFact([&](const FactRec& f) {
      if (f.type != FactType::kHoldsPost) return;
      if (f.organization >= 0) {
        orgs[{f.person, post_keys_[f.post]}].insert(f.organization);
      } else {
        without = true;
      }
    });
    if (!st || !without) return st;
    return RewriteFacts([&](FactRec& f) {
      if (f.type != FactType::kHoldsPost || f.organization >= 0) return;
      auto it = orgs.find({f.person, post_keys_[f.post]});
      if (it != orgs.end() && it->second.size() == 1) f.organization = *it->second.begin();
    });
  }

  // fn(fact) for every fact, in order, read back from facts_.
  Status ForEachFact(const std::function<void(const FactRec&)>& fn) {
    RecordLog::Reader reader = facts_->Read();
    std::string_view record;
    FactRec f;
    for (size_t i = 0; i < facts_->size(); ++i) {
      if (!reader.Next(&record) || !DecodeFact(record, &f)) return LogCutShort(reader);
      fn(f);
    }
    return Ok();
  }

  // fn(fact) for every fact, which it may change: the facts are written anew.
  Status RewriteFacts(const std::function<void(FactRec&)>& fn) {
    auto fresh = std::make_unique<RecordLog>();
    Status st = ForEachFact([&](const FactRec& f) {
      FactRec changed = f;
      fn(changed);
      fresh->Append(EncodeFact(changed));
    });
    if (st) st = fresh->status();
    if (!st) return st;
    facts_ = std::move(fresh);
    return Ok();
  }

  const Entity& Rec(int r) const { return recs_[static_cast<size_t>(r)].entity; }

  // The id of a post in posts_, added when new.
  uint32_t PostId(std::string post) {
    auto [it, fresh] = post_ids_.try_emplace(post, static_cast<uint32_t>(posts_.size()));
    if (fresh) {
      post_keys_.push_back(NameKey(post));
      posts_.push_back(std::move(post));
    }
    return it->second;
  }

  // The shortest spelled-out name of an entity ("Joint Staff").
  std::string ShortName(int r) const {
    const Entity& e = Rec(r);
    std::string best = e.name;
    for (const std::string& a : e.aliases) {
      if (!AllCapsWord(a) && a.size() < best.size()) best = a;
    }
    return best;
  }

  // The entity a user means by `name`: one whose name or alias folds to it;
  // the canonical name wins, then the most mentioned.
  int FindByName(const std::string& name) const {
    const std::string f = text::Fold(name);
    if (f.empty()) return -1;
    int best = -1;
    bool best_canonical = false;
    int best_mentions = -1;
    for (size_t r = 0; r < recs_.size(); ++r) {
      if (!recs_[r].alive) continue;
      const Entity& e = recs_[r].entity;
      const bool canonical = text::Fold(e.name) == f;
      bool hit = canonical;
      for (const std::string& a : e.aliases) hit = hit || text::Fold(a) == f;
      if (!hit) continue;
      const int n = MentionCount(static_cast<int>(r));
      if (best < 0 || (canonical && !best_canonical) ||
          (canonical == best_canonical && n > best_mentions)) {
        best = static_cast<int>(r);
        best_canonical = canonical;
        best_mentions = n;
      }
    }
    return best;
  }

  int MentionCount(int r) const {
    int n = 0;
    mention_rec_.ForEach([&](uint32_t m) { n += static_cast<int>(m) == r; });
    return n;
  }

  Status Apply(const Correction& c) {
    const int a = FindByName(c.a);
    if (a < 0) return Ok();
    Entity& ea = recs_[static_cast<size_t>(a)].entity;
    switch (c.kind) {
      case Correction::Kind::kMerge: {
        const int b = FindByName(c.b);
        if (b < 0 || b == a) return Ok();
        EntityRec& rb = recs_[static_cast<size_t>(b)];
        std::set<std::string> seen(ea.aliases.begin(), ea.aliases.end());
        seen.insert(ea.name);
        for (const std::string& n : rb.entity.aliases) {
          if (seen.insert(n).second) ea.aliases.push_back(n);
        }
        if (seen.insert(rb.entity.name).second) ea.aliases.push_back(rb.entity.name);
        rb.alive = false;
        mention_rec_.ForEach([&](uint32_t& m) {
          if (static_cast<int>(m) == b) m = AsRec(a);
        });
        Status rewritten = RewriteFacts([&](FactRec& f) {
          if (f.person == b) f.person = a;
          if (f.organization == b) f.organization = a;
          if (f.country == b) f.country = a;
        });
        if (!rewritten) return rewritten;
        for (EntityRec& r : recs_) {
          if (r.parent == b) r.parent = a;
        }
        break;
      }
      case Correction::Kind::kSplit: {
        const std::string f = text::Fold(c.b);
        if (f.empty() || text::Fold(ea.name) == f) return Ok();
        auto it = std::find_if(ea.aliases.begin(), ea.aliases.end(),
                               [&](const std::string& x) { return text::Fold(x) == f; });
        if (it == ea.aliases.end()) return Ok();
        EntityRec nr;
        nr.entity.type = ea.type;
        nr.entity.name = *it;
        ea.aliases.erase(
            std::remove_if(ea.aliases.begin(), ea.aliases.end(),
                           [&](const std::string& x) { return text::Fold(x) == f; }),
            ea.aliases.end());
        recs_.push_back(std::move(nr));
        const int b = static_cast<int>(recs_.size()) - 1;
        // The mentions written so are read in their texts, a chunk at a time.
        std::vector<bool> moved(mention_rec_.size(), false);
        PlaceCursor places(*this);
        Status read = source_.ForEachChunk([&](size_t first, std::span<const Story> chunk) {
          for (size_t c = 0; c < chunk.size() && first + c < heads_.size(); ++c) {
            const std::string& t = chunk[c].text;
            Status st = places.Next(static_cast<uint32_t>(first + c), [&](size_t i, Place p) {
              if (static_cast<int>(mention_rec_[i]) != a || p.begin > p.end || p.end > t.size()) {
                return;
              }
              if (text::Fold(std::string_view(t).substr(p.begin, p.end - p.begin)) == f) {
                mention_rec_[i] = AsRec(b);
                moved[i] = true;
              }
            });
            if (!st) return st;
          }
          return Ok();
        });
        if (!read) return read;
        auto moved_mention = [&](int mi) { return mi >= 0 && moved[static_cast<size_t>(mi)]; };
        Status rewritten = RewriteFacts([&](FactRec& fr) {
          if (fr.person == a && moved_mention(fr.person_mention)) fr.person = b;
          if (fr.organization == a && moved_mention(fr.organization_mention)) fr.organization = b;
          if (fr.country == a && moved_mention(fr.country_mention)) fr.country = b;
        });
        if (!rewritten) return rewritten;
        break;
      }
      case Correction::Kind::kRename: {
        const std::string name(text::Trim(c.b));
        if (name.empty() || name == ea.name) return Ok();
        std::string old = ea.name;
        ea.name = name;
        ea.aliases.erase(std::remove(ea.aliases.begin(), ea.aliases.end(), name),
                         ea.aliases.end());
        if (std::find(ea.aliases.begin(), ea.aliases.end(), old) == ea.aliases.end()) {
          ea.aliases.push_back(old);
        }
        break;
      }
    }
    return Ok();
  }

  Result<Knowledge> Output(bool park) {
    Knowledge k;
    std::vector<int> out_index(recs_.size(), -1);
    // Each entity's mention count and earliest and latest dated story.
    struct Seen {
      int mentions = 0;
      int in_titles = 0;
      int alone = 0;  // not only a parent inside a longer name
      const std::string* first = nullptr;
      const std::string* last = nullptr;
    };
    std::vector<Seen> seen_of(recs_.size());
    for (uint32_t s = 0; s < heads_.size(); ++s) {
      const std::string& d = heads_[s].date;
      ForEachMentionOf(s, [&](size_t i) {
        Seen& x = seen_of[mention_rec_[i]];
        if (i >= inner_parent_.size() || !inner_parent_[i]) ++x.alone;
        // A name of a title keeps its entity, but is no mention of the text.
        if (i < in_title_.size() && in_title_[i]) {
          ++x.in_titles;
        } else {
          ++x.mentions;
        }
        if (d.empty()) return;
        if (!x.first || d < *x.first) x.first = &d;
        if (!x.last || d > *x.last) x.last = &d;
      });
    }
    // The entities a fact names stay, however they are mentioned.
    std::vector<bool> in_fact(recs_.size(), false);
    if (Status st = ForEachFact([&](const FactRec& f) {
          for (int r : {f.person, f.organization, f.country}) {
            if (r >= 0) in_fact[static_cast<size_t>(r)] = true;
          }
        });
        !st) {
      return tl::unexpected(st.error());
    }
    // A body only ever named as the parent inside another body's name
    // ("Institute of X of the Academy of Sciences", "Y of the Ministry of
    // Defence of A") is part of that name, not an entity of the archive;
    // unless a fact names it, or it is itself a body of an organization
    // ("Centre Z of the Academy W of the Ministry V": the Academy is one).
    std::vector<bool> inner_only(recs_.size(), false);
    for (size_t r = 0; r < recs_.size(); ++r) {
      const int p = recs_[r].parent;
      inner_only[r] = seen_of[r].alone == 0 && !in_fact[r] &&
                      recs_[r].entity.type == EntityType::kOrganization &&
                      (p < 0 ||
                       recs_[static_cast<size_t>(p)].entity.type != EntityType::kOrganization);
    }
    for (size_t r = 0; r < recs_.size(); ++r) {
      const Seen& x = seen_of[r];
      if (!recs_[r].alive || x.mentions + x.in_titles == 0 || inner_only[r]) continue;
      Entity e = std::move(recs_[r].entity);  // recs_ is not read past here
      e.id = EntityId(e.type, e.name);
      e.mentions = x.mentions;
      if (x.first) e.first_seen = *x.first;
      if (x.last) e.last_seen = *x.last;
      out_index[r] = static_cast<int>(k.entities.size());
      k.entities.push_back(std::move(e));
    }
    // Mentions of the entities kept, by story and place (the entity orders
    // two of one span): story by story, those BuildEntities found and those
    // of the second pass, sorted. Into the file when parked, else the list.
    auto by_place = [](const MentionRef& a, const MentionRef& b) {
      return std::tie(a.begin, a.end, a.entity) < std::tie(b.begin, b.end, b.entity);
    };
    if (park) {
      k.parked_mentions = std::make_shared<ParkedMentions>();
    } else {
      size_t kept = 0;
      mention_rec_.ForEach([&](uint32_t r) { kept += out_index[r] >= 0; });
      k.mentions.reserve(kept);
    }
    {
      PlaceCursor places(*this);
      std::vector<MentionRef> story;
      for (uint32_t s = 0; s < heads_.size(); ++s) {
        story.clear();
        Status st = places.Next(s, [&](size_t i, Place p) {
          const int out = out_index[mention_rec_[i]];
          // A name of the title counted for its entity; it has no place in the text.
          if (out >= 0 && (p.begin & kInTitle) == 0) story.push_back({AsRec(out), s, p.begin, p.end});
        });
        if (!st) return tl::unexpected(st.error());
        std::sort(story.begin(), story.end(), by_place);
        if (park) {
          k.parked_mentions->Add(s, story);
        } else {
          k.mentions.insert(k.mentions.end(), story.begin(), story.end());
        }
      }
    }
    mention_rec_.Drain([](uint32_t) {});  // frees the blocks
    if (park) {
      if (auto st = k.parked_mentions->status(); !st) return tl::unexpected(st.error());
    }
    auto index = [&](int r) -> uint32_t {
      if (r < 0 || out_index[static_cast<size_t>(r)] < 0) return kNoEntity;
      return static_cast<uint32_t>(out_index[static_cast<size_t>(r)]);
    };
    static const std::string kNone;
    auto name = [&](uint32_t e) -> const std::string& {
      return e == kNoEntity ? kNone : k.entities[e].name;
    };
    // The fact a FactRec gives, or nullopt when one of its entities is gone.
    auto fact = [&](const FactRec& f) -> std::optional<FactRef> {
      FactRef x{.type = f.type,
                .year = f.year,
                .story = f.story,
                .sentence_begin = f.sentence_begin,
                .sentence_end = f.sentence_end};
      if (f.type == FactType::kHoldsPost) {
        x.person = index(f.person);
        x.post = posts_[f.post];
        x.organization = index(f.organization);
        if (name(x.person).empty()) return std::nullopt;
      } else {
        x.country = index(f.country);
        x.organization = index(f.organization);
        if (name(x.country).empty() || name(x.organization).empty()) return std::nullopt;
      }
      return x;
    };
    // A fact stated twice in one story is output once. The facts come story by
    // story (BuildFacts), so the facts seen are those of the current story.
    std::set<std::tuple<uint32_t, int, std::string, std::string, std::string, int>> seen;
    // f's fact, or nullopt when it is gone or stated before in its story.
    auto kept = [&](const FactRec& f) -> std::optional<FactRef> {
      if (!seen.empty() && std::get<0>(*seen.begin()) != f.story) seen.clear();
      std::optional<FactRef> x = fact(f);
      // By names, as the output will read.
      if (!x || !seen.insert({f.story, static_cast<int>(f.type),
                              name(x->person) + "\n" + name(x->country), post_keys_[f.post],
                              name(x->organization), x->year})
                     .second) {
        return std::nullopt;
      }
      return x;
    };
    if (park) {
      k.parked_facts = std::make_shared<ParkedFacts>();
      Status st = ForEachFact([&](const FactRec& f) {
        if (std::optional<FactRef> x = kept(f)) k.parked_facts->Add(*x);
      });
      if (st) st = k.parked_facts->status();
      if (!st) return tl::unexpected(st.error());
      return k;
    }
    // Which are kept is known first, so that the list takes its exact size.
    std::vector<bool> keep;
    keep.reserve(facts_->size());
    size_t kept_facts = 0;
    Status st = ForEachFact([&](const FactRec& f) {
      keep.push_back(kept(f).has_value());
      kept_facts += keep.back();
    });
    if (!st) return tl::unexpected(st.error());
    k.facts.reserve(kept_facts);
    size_t at = 0;
    st = ForEachFact([&](const FactRec& f) {
      if (keep[at++]) k.facts.push_back(*fact(f));
    });
    if (!st) return tl::unexpected(st.error());
    return k;
  }

  const StorySource& source_;
  const std::vector<StoryHead>& heads_;
  // One record a story, in order: its mentions with their nodes, and facts.
  std::unique_ptr<RecordLog> readings_ = std::make_unique<RecordLog>();
  // One column a story, once written: anaphors' nodes; mentions' indices in mention_rec_.
  std::unique_ptr<RecordLog> anaphors_ = std::make_unique<RecordLog>();
  std::unique_ptr<RecordLog> mention_of_ = std::make_unique<RecordLog>();
  StringMap<std::string> key_cache_;  // form -> NameKey, while adding
  StringMap<std::string> latin_cache_;  // person's form -> "~latin " + LatinKey
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

Resolution::Resolution(const StorySource& stories, const Gazetteer& gazetteer, int threads)
    : r_(std::make_unique<Resolver>(stories, gazetteer, threads)) {}

Resolution::~Resolution() = default;

void Resolution::Add(std::vector<StoryReading> chunk) { r_->Add(std::move(chunk)); }

Result<Knowledge> Resolution::Finish(std::span<const Correction> corrections, bool park) {
  return r_->Run(corrections, park);
}

std::string EntityId(EntityType type, const std::string& name) {
  return Hex(text::Hash64(std::string(EntityTypeName(type)) + "\n" + name));
}

}  // namespace annals::extract
