#include "src/dedup/deduplicator.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <tuple>
#include <cstdio>
#include <unordered_set>

#include <tsl/robin_map.h>

#include "src/common/text.h"
#include "src/dedup/simhash.h"

#include "src/common/xxhash_inline.h"

namespace annals::dedup {
namespace {

// Seeds that tag each kind of key, so keys of different kinds never collide.
constexpr uint64_t kTextSeed = 0x7465787431;
constexpr uint64_t kParaSeed = 0x7061726132;
constexpr uint64_t kPrefixSeed = 0x7072656633;
constexpr uint64_t kUrlSeed = 0x75726c3434;
constexpr uint64_t kBandSeed = 0x62616e6435;
constexpr uint64_t kIdSeed = 0x6964203636;
constexpr uint64_t kTopSeed = 0x746f702037;
// A paragraph's shortest prefix key covers its first words: enough to name
// a lead sentence, short enough to survive a teaser cut with "...".
constexpr size_t kPrefixTokens = 10;
// A first paragraph is keyed by its opening at each of these lengths that
// it reaches (the first is kPrefixTokens), and by its longest such opening
// once more as its "top" key. Two first paragraphs of which one starts the
// other share a key: the opening at the shorter one's top level (a top key
// of the shorter one, or a level key of both if the longer one is not
// longer by a level). A lookup asks for the sighting's own top level's key
// and the top keys of the levels below it, so that stories that only share
// a formulaic opening ("On <date>, the <post> of ...", 10 to 20 words) with
// it, and then part, are not candidates: at 100,000 synthetic pages, with
// one 10-word prefix key, 271,151 stored stories were loaded and compared
// for 3,452 that matched.
constexpr size_t kPrefixLevels[] = {kPrefixTokens, 20, 40, 80, 160};
// A paragraph or prefix key shared by more stories than this is boilerplate
// of the site (a standard closing line, a formulaic opening), not evidence
// that two texts are one story; such keys are not followed.
constexpr size_t kMaxPostings = 8;
// A text shorter than this is not matched by containment (in either
// direction): a few words ("News", a photo credit) are contained whole in
// many unrelated stories, and which of them such a sighting joins would
// depend on which are stored when it comes (issue 24). Exact texts and URLs
// still match it.
constexpr size_t kContainmentMinWords = 5;

uint64_t HashSeq(const uint64_t* t, size_t n, uint64_t seed) {
  return XXH64(t, n * sizeof(uint64_t), seed);
}

// The whole-text key (Folded::text_hash) of a text of the one paragraph `p`.
uint64_t WholeTextKey(const std::vector<uint64_t>& p) {
  return HashSeq(p.data(), p.size(), kTextSeed);
}

// The key of the first `level` words of paragraph `p` (the 10-word one is
// the same as before there were levels, so that older archives' keys find).
uint64_t LevelKey(const std::vector<uint64_t>& p, size_t level) {
  return HashSeq(p.data(), level, level == kPrefixTokens ? kPrefixSeed : kPrefixSeed + level);
}
uint64_t TopKey(const std::vector<uint64_t>& p, size_t level) {
  return HashSeq(p.data(), level, kTopSeed + level);
}

// The longest level that paragraph `p` reaches (0: shorter than all).
size_t TopLevel(const std::vector<uint64_t>& p) {
  size_t top = 0;
  for (size_t level : kPrefixLevels) {
    if (p.size() >= level) top = level;
  }
  return top;
}

// Texts that a sighting contains whole and that a story may hold as a
// sighting of their own (a teaser that linked it to another story, read
// before them, issue 24), to be looked up when a story that shares words
// with the sighting is not matched by its text:
//  - runs of kMaxRun paragraphs or fewer in a row, of 2 or more and not all
//    of them, of kContainmentMinWords words or more (one paragraph alone:
//    WholeTextKey in Apply);
//  - the openings of its first paragraph of kPrefixTokens words or more
//    (a teaser cut short), shorter than the paragraph and than
//    kMaxCutWords words, as a paragraph.
// A story holds such a text as a sighting when it has its whole-text key
// (Folded::text_hash: its words in a row) and the key of each of its
// paragraphs: those words, in those paragraphs (a sighting of the same
// words in other paragraphs, a line broken elsewhere, is not contained).
// Such a sighting is contained in this one (each of its paragraphs equal
// to one of this one, or the cut opening of the first), as it is in the
// story: one batch that had it come after both merged them through it.
constexpr size_t kMaxRun = 4;
constexpr size_t kMaxCutWords = 160;
// Whether sighting `s` (folded `f`) looks up the cut openings of its first
// paragraph: an article, or a text of several paragraphs, which one batch
// applies before a teaser of one paragraph (AddBatch); of two teasers of
// one paragraph, which comes first in a batch depends on their pages'
// names, not on what they hold.
bool CutsHeld(const segment::PageStory& s, const FoldedText& f) {
  return !f.paras.empty() && (s.role == SourceRole::kArticle || f.paras.size() > 1);
}
struct HeldText {
  uint64_t text = 0;
  std::vector<uint64_t> paras;  // paragraph keys
  // A key of the sighting's that every story holding the text has too (the
  // key of the run's first paragraph, the opening key of the cut's level).
  uint64_t anchor = 0;
};
// The held texts whose anchor is `anchored` (every one: nullptr).
using Anchored = std::function<bool(uint64_t)>;
void RunTexts(const FoldedText& f, const Anchored& anchored, std::vector<HeldText>* out) {
  const size_t n = f.paras.size();
  if (n < 3) return;
  for (size_t i = 0; i < n; ++i) {
    // A run opens with a paragraph of words (its holders have its key).
    if (f.paras[i].empty() || (anchored && !anchored(f.para_hashes[i]))) continue;
    XXH64_state_t run;
    XXH64_reset(&run, kTextSeed);
    size_t words = 0;
    for (size_t j = i; j < n && j < i + kMaxRun; ++j) {
      if (j - i + 1 == n) break;  // the whole text
      XXH64_update(&run, f.paras[j].data(), f.paras[j].size() * sizeof(uint64_t));
      words += f.paras[j].size();
      if (j == i || words < kContainmentMinWords) continue;
      HeldText h{XXH64_digest(&run), {}, f.para_hashes[i]};
      for (size_t k = i; k <= j; ++k) {
        if (!f.paras[k].empty()) h.paras.push_back(f.para_hashes[k]);
      }
      out->push_back(std::move(h));
    }
  }
}
void CutTexts(const std::vector<uint64_t>& first, const Anchored& anchored,
              std::vector<HeldText>* out) {
  const size_t end = std::min(first.size(), kMaxCutWords);
  if (end <= kPrefixTokens) return;
  // A cut of n words holds the keys of its top level, TopLevel(cut): the
  // first paragraph's top key of that level, or its level key when that is
  // the first paragraph's own top level (StoredPrefixKeys, PrefixLookups).
  const size_t top = TopLevel(first);
  auto anchor = [&](size_t n) {
    size_t level = 0;
    for (size_t l : kPrefixLevels) {
      if (n >= l) level = l;
    }
    return level == top ? LevelKey(first, level) : TopKey(first, level);
  };
  XXH64_state_t cut, para;
  XXH64_reset(&cut, kTextSeed);
  XXH64_reset(&para, kParaSeed);
  XXH64_update(&cut, first.data(), (kPrefixTokens - 1) * sizeof(uint64_t));
  XXH64_update(&para, first.data(), (kPrefixTokens - 1) * sizeof(uint64_t));
  uint64_t key = 0;
  bool wanted = false;
  for (size_t w = kPrefixTokens - 1; w + 1 < end; ++w) {
    XXH64_update(&cut, &first[w], sizeof(uint64_t));
    XXH64_update(&para, &first[w], sizeof(uint64_t));
    if (w + 1 == kPrefixTokens || std::find(std::begin(kPrefixLevels), std::end(kPrefixLevels),
                                            w + 1) != std::end(kPrefixLevels)) {
      key = anchor(w + 1);  // a level's first length: its anchor
      wanted = !anchored || anchored(key);
    }
    if (wanted) out->push_back(HeldText{XXH64_digest(&cut), {XXH64_digest(&para)}, key});
  }
}

// The keys stored for a first paragraph (see kPrefixLevels).
void StoredPrefixKeys(const std::vector<uint64_t>& p, std::vector<uint64_t>* keys) {
  const size_t top = TopLevel(p);
  if (top == 0) return;
  for (size_t level : kPrefixLevels) {
    if (level <= top) keys->push_back(LevelKey(p, level));
  }
  keys->push_back(TopKey(p, top));
}

// The keys a sighting's first paragraph looks up (see kPrefixLevels).
std::vector<uint64_t> PrefixLookups(const std::vector<uint64_t>& p) {
  std::vector<uint64_t> out;
  const size_t top = TopLevel(p);
  if (top == 0) return out;
  out.push_back(LevelKey(p, top));
  for (size_t level : kPrefixLevels) {
    if (level < top) out.push_back(TopKey(p, level));
  }
  return out;
}

std::vector<std::string> SplitParagraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t e = text.find("\n\n", at);
    if (e == std::string::npos) e = text.size();
    if (e > at) out.push_back(text.substr(at, e - at));
    at = e + 2;
  }
  return out;
}

std::string JoinParagraphs(const std::vector<std::string>& paras) {
  std::string out;
  size_t size = 0;
  for (const std::string& p : paras) size += p.size() + 2;
  out.reserve(size);
  for (const std::string& p : paras) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

using Folded = Deduplicator::FoldedText;

Folded FoldParagraphs(const std::vector<std::string>& paras) {
  Folded f;
  f.paras.reserve(paras.size());
  f.para_hashes.reserve(paras.size());
  // HashSeq of all the paragraphs' words in a row, streamed: no copy of them.
  XXH64_state_t all;
  XXH64_reset(&all, kTextSeed);
  for (const std::string& p : paras) {
    f.paras.push_back(text::TokenHashes(p));
    const auto& t = f.paras.back();
    f.para_hashes.push_back(HashSeq(t.data(), t.size(), kParaSeed));
    XXH64_update(&all, t.data(), t.size() * sizeof(uint64_t));
    f.words += t.size();
  }
  f.text_hash = XXH64_digest(&all);
  return f;
}

// The keys a sighting's text and URLs give (its SimHash bands are added
// only when no text key finds its story: SimHashBandKeys).
void KeysOf(const Folded& f, const std::vector<std::string>& urls, std::vector<uint64_t>* keys) {
  keys->push_back(f.text_hash);
  for (size_t i = 0; i < f.paras.size(); ++i) {
    const auto& p = f.paras[i];
    if (p.empty()) continue;
    keys->push_back(f.para_hashes[i]);
    // Teasers are leads, often cut: only the first paragraph's opening is a key
    // (later paragraphs' openings are often formulaic and would only cost checks).
    if (i == 0) StoredPrefixKeys(p, keys);
  }
  for (const std::string& u : urls) {
    if (!u.empty()) keys->push_back(text::Hash64(u, kUrlSeed));
  }
}

// Jaccard overlap of the word 3-shingle sets of two texts.
double ShingleOverlap(const Folded& a, const Folded& b) {
  auto shingles = [](const Folded& f) {
    std::vector<uint64_t> all, out;
    for (const auto& p : f.paras) all.insert(all.end(), p.begin(), p.end());
    for (size_t i = 0; i + 2 < all.size(); ++i) out.push_back(HashSeq(&all[i], 3, 0x3368));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  const std::vector<uint64_t> sa = shingles(a), sb = shingles(b);
  std::vector<uint64_t> common;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
  const size_t uni = sa.size() + sb.size() - common.size();
  return uni ? static_cast<double>(common.size()) / static_cast<double>(uni) : 0.0;
}

bool IsUrl(const std::string& s) {
  return text::StartsWith(s, "http://") || text::StartsWith(s, "https://");
}

// Share of the words of `small` in paragraphs equal to, or a prefix of (or
// extended by), a paragraph of `big`.
double Containment(const Folded& small, const Folded& big) {
  size_t total = 0, matched = 0;
  for (size_t i = 0; i < small.paras.size(); ++i) {
    const auto& sp = small.paras[i];
    total += sp.size();
    if (sp.empty()) continue;
    if (std::find(big.para_hashes.begin(), big.para_hashes.end(), small.para_hashes[i]) !=
        big.para_hashes.end()) {
      matched += sp.size();
      continue;
    }
    if (sp.size() < kPrefixTokens) continue;
    for (const auto& bp : big.paras) {
      const size_t n = std::min(sp.size(), bp.size());
      if (n >= kPrefixTokens && std::equal(sp.begin(), sp.begin() + static_cast<long>(n), bp.begin())) {
        matched += n;
        break;
      }
    }
  }
  return total ? static_cast<double>(matched) / static_cast<double>(total) : 0.0;
}

void AddUnique(std::vector<std::string>* to, const std::vector<std::string>& from) {
  for (const std::string& s : from) {
    if (std::find(to->begin(), to->end(), s) == to->end()) to->push_back(s);
  }
}

bool HasArticle(const Story& s) {
  return std::any_of(s.sources.begin(), s.sources.end(),
                     [](const Source& src) { return src.role == SourceRole::kArticle; });
}

size_t WordCount(const std::string& s) { return text::Tokens(s).size(); }

// A story's date is a function of the set of its sightings, not of their
// order (issue 24): the date of the sightings of its text (of those, the
// one of the greatest title, then date) when that is not empty, else the
// earliest date of all its sightings. Story::earliest_date keeps what that
// needs: OwnDate, the date of its text's sightings ("" none), and
// EarliestDate, the earliest of all ("" none).
std::string OwnDate(const Story& s) { return s.earliest_date.empty() ? "" : s.date; }
const std::string& EarliestDate(const Story& s) {
  return s.earliest_date.empty() ? s.date : s.earliest_date;
}
// So is its title: the title of the sightings of its text (the greatest)
// when not empty, else the greatest title of all its sightings (bytewise;
// any fixed choice would do). Story::greatest_title keeps what that needs.
std::string OwnTitle(const Story& s) { return s.greatest_title.empty() ? "" : s.title; }
const std::string& GreatestTitle(const Story& s) {
  return s.greatest_title.empty() ? s.title : s.greatest_title;
}

// A value shown (a date, a title) and what is kept beside it, as
// Story::earliest_date and greatest_title are: the text's own value and
// the one of all its sightings when the own one is not empty, else that
// of all and "".
void Keep(std::string own, std::string all, std::string* shown, std::string* beside) {
  if (own.empty()) {
    *shown = std::move(all);
    beside->clear();
  } else {
    *shown = std::move(own);
    *beside = std::move(all);
  }
}

// Whether the story `into` merged with `from` shows from's text: an
// article's over a teaser's, else the longer (in words), else the greater
// bytewise.
bool TextWins(const Story& from, const Story& into) {
  const bool into_article = HasArticle(into), from_article = HasArticle(from);
  if (from_article != into_article) return from_article;
  if (from.text == into.text) return false;
  const size_t from_words = WordCount(from.text), into_words = WordCount(into.text);
  return from_words > into_words || (from_words == into_words && from.text > into.text);
}

// The shape of a sighting (Story::shapes): its paragraphs' keys and word
// counts, key, words, key, words.
std::vector<uint64_t> ShapeOf(const Folded& f) {
  std::vector<uint64_t> shape;
  for (size_t i = 0; i < f.paras.size(); ++i) {
    if (f.paras[i].empty()) continue;
    shape.push_back(f.para_hashes[i]);
    shape.push_back(f.paras[i].size());
  }
  return shape;
}

// Two sightings are one story when either is contained in the other: the
// words of its paragraphs that the other has (by key) reach `min` of its
// words, of kContainmentMinWords or more. `shape` is values [at, at + len)
// of `v` (a story's shape, ShapeOf).
template <typename Values>
bool ShapesContain(const Values& v, uint32_t at, uint32_t len, const Folded& f, double min) {
  // Each paragraph of either counts once, found or not (a paragraph can
  // be in a text twice).
  auto has = [&](uint64_t key) {
    for (uint32_t j = at; j + 1 < at + len; j += 2) {
      if (v[j] == key) return true;
    }
    return false;
  };
  size_t shape_words = 0, shape_in = 0, f_in = 0;
  for (uint32_t j = at; j + 1 < at + len; j += 2) {
    shape_words += v[j + 1];
    for (size_t i = 0; i < f.paras.size(); ++i) {
      if (!f.paras[i].empty() && f.para_hashes[i] == v[j]) {
        shape_in += v[j + 1];
        break;
      }
    }
  }
  for (size_t i = 0; i < f.paras.size(); ++i) {
    if (!f.paras[i].empty() && has(f.para_hashes[i])) f_in += f.paras[i].size();
  }
  auto reaches = [&](size_t in, size_t of) {
    return of >= kContainmentMinWords &&
           static_cast<double>(in) >= min * static_cast<double>(of);
  };
  return reaches(shape_in, shape_words) || reaches(f_in, f.words);
}

// Adds the shapes of `from` to those of `into`, sorted, each once; not
// known (empty) when either's are not.
void MergeShapes(std::vector<std::vector<uint64_t>>* into,
                 const std::vector<std::vector<uint64_t>>& from) {
  if (into->empty() || from.empty()) {
    into->clear();
    return;
  }
  into->insert(into->end(), from.begin(), from.end());
  std::sort(into->begin(), into->end());
  into->erase(std::unique(into->begin(), into->end()), into->end());
}

// Folds `from` into `into` (both whole stories).
// Returns whether the text is from's now. Of two texts of one kind, the
// longer is kept, and of two as long the greater (bytewise): the text is
// then the same whatever order the sightings come in (issue 24). Of one
// text, the title and date of the greater (title, then date) are kept;
// without them, the earliest date and the greatest title of all.
bool MergeStories(Story* into, const Story& from) {
  const bool into_article = HasArticle(*into), from_article = HasArticle(from);
  std::string own = OwnDate(*into), earliest = EarliestDate(*into);
  const std::string& from_earliest = EarliestDate(from);
  if (earliest.empty() || (!from_earliest.empty() && from_earliest < earliest)) {
    earliest = from_earliest;
  }
  std::string own_title = OwnTitle(*into);
  std::string greatest = std::max(GreatestTitle(*into), GreatestTitle(from));
  const bool took = TextWins(from, *into);
  if (took) {
    into->text = from.text;
    own_title = OwnTitle(from);
    own = OwnDate(from);
  } else if (from_article == into_article && from.text == into->text) {
    std::string from_title = OwnTitle(from), from_own = OwnDate(from);
    if (std::tie(from_title, from_own) > std::tie(own_title, own)) {
      own_title = std::move(from_title);
      own = std::move(from_own);
    }
  }
  Keep(std::move(own), std::move(earliest), &into->date, &into->earliest_date);
  Keep(std::move(own_title), std::move(greatest), &into->title, &into->greatest_title);
  MergeShapes(&into->shapes, from.shapes);
  for (const Source& s : from.sources) {
    if (std::find(into->sources.begin(), into->sources.end(), s) == into->sources.end()) {
      into->sources.push_back(s);
    }
  }
  // A story of several sightings lists their attachments and links sorted,
  // not in the order the sightings came (issue 24); a story of one sighting
  // keeps its page's order.
  for (auto [to, add] : {std::pair{&into->attachments, &from.attachments},
                         std::pair{&into->links, &from.links}}) {
    AddUnique(to, *add);
    std::sort(to->begin(), to->end());
  }
  return took;
}

Story FromSighting(const segment::PageStory& s, const std::string& page) {
  Story st;
  st.text = JoinParagraphs(s.paragraphs);
  st.title = s.title;
  st.date = s.date;
  st.earliest_date = s.date;   // its date is its text's own
  st.greatest_title = s.title;  // and so is its title
  st.sources.push_back({page, s.role});
  st.attachments = s.attachments;
  st.links = s.links;
  return st;
}

}  // namespace

std::vector<uint64_t> SimHashBandKeys(uint64_t simhash) {
  std::vector<uint64_t> keys;
  for (uint64_t band = 0; band < 4; ++band) {
    const uint64_t v = (simhash >> (band * 16)) & 0xFFFF;
    keys.push_back(HashSeq(&v, 1, kBandSeed + band));
  }
  return keys;
}

namespace {

std::string IdOfFoldHash(uint64_t fold_hash) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "s%012llx", static_cast<unsigned long long>(fold_hash >> 16));
  return buf;
}

// StoryId of the text whose paragraphs `f` folds, without folding it again:
// the tokens of paragraphs joined by blank lines are the paragraphs' tokens
// in a row, so their text::FoldHash is that of the concatenation.
// Streamed over the paragraphs (XXH64 of the tokens in a row, with the seed
// of text::FoldHashOfTokens), without copying them into one vector;
// deduplicator_test checks that a new story's id is StoryId of its text.
std::string IdOfFolded(const Folded& f) {
  XXH64_state_t all;
  XXH64_reset(&all, text::kFoldHashSeed);
  for (const auto& p : f.paras) XXH64_update(&all, p.data(), p.size() * sizeof(uint64_t));
  return IdOfFoldHash(XXH64_digest(&all));
}

}  // namespace

std::vector<uint64_t> UpgradeKeys(const std::string& text_value) {
  // The first paragraph as KeysOf sees it (SplitParagraphs skips empty ones).
  std::vector<uint64_t> keys;
  const std::vector<std::string> paras = SplitParagraphs(text_value);
  if (!paras.empty()) StoredPrefixKeys(text::TokenHashes(paras.front()), &keys);
  return keys;
}

std::string StoryId(const std::string& text_value) {
  return IdOfFoldHash(text::FoldHash(text_value));
}

Deduplicator::Deduplicator(const DedupOptions& options, Loader loader)
    : options_(options), loader_(std::move(loader)) {}

void Deduplicator::Index(const std::string& id, const std::vector<uint64_t>& keys,
                         const std::vector<uint64_t>& simhashes) {
  IndexStory(index_.Intern(id), keys, simhashes);
}

void Deduplicator::IndexStory(uint32_t story, std::span<const uint64_t> keys,
                              std::span<const uint64_t> simhashes) {
  for (uint64_t k : keys) index_.Add(k, story, kMaxPostings);
  if (simhashes.empty()) return;
  if (story >= simhash_.size()) {
    simhash_.resize(story + 1, 0);
    has_simhash_.resize(story + 1, false);
  }
  for (uint64_t h : simhashes) {
    if (!has_simhash_[story]) {
      simhash_[story] = h;
      has_simhash_[story] = true;
    } else if (simhash_[story] != h) {
      std::vector<uint64_t>& more = more_simhashes_[story];
      if (std::find(more.begin(), more.end(), h) == more.end()) more.push_back(h);
    }
  }
}

Deduplicator::ShapeSpan Deduplicator::CachedShapes(const std::string& id) const {
  auto n = index_.Find(id);
  return n && *n < shapes_.size() ? shapes_[*n] : ShapeSpan{};
}

void Deduplicator::CacheShapes(const std::string& id, const Shapes& shapes) {
  const uint32_t n = index_.Intern(id);
  if (n >= shapes_.size()) shapes_.resize(n + 1);
  ShapeSpan& at = shapes_[n];
  if (at.known) {  // the same as kept: not added again
    uint32_t k = at.first;
    bool same = true;
    for (const std::vector<uint64_t>& shape : shapes) {
      if (!same || k >= at.first + at.size || shape_values_[k] != shape.size()) {
        same = false;
        break;
      }
      same = std::equal(shape.begin(), shape.end(), shape_values_.begin() + k + 1);
      k += 1 + static_cast<uint32_t>(shape.size());
    }
    if (same && k == at.first + at.size) return;
  }
  at = {static_cast<uint32_t>(shape_values_.size()), 0, true};
  for (const std::vector<uint64_t>& shape : shapes) {
    shape_values_.push_back(shape.size());
    shape_values_.insert(shape_values_.end(), shape.begin(), shape.end());
  }
  at.size = static_cast<uint32_t>(shape_values_.size() - at.first);
}

void Deduplicator::AddKnown(const StoryKeys& keys) {
  // After the stored stories, numbered as an AddKnown of each would.
  if (stored_ && !stored_numbered_) ScanStored({});
  Index(keys.id, keys.keys, keys.simhashes);
}

// Stored key sets read on demand (UseStored).
//
// Why the result is that of an AddKnown of every stored key set first: what
// dedup reads of the index is (1) the postings of the keys it looks up
// (Postings, Contains: only through Ask, which reads a key's stored
// postings first), listed by story number; (2) the story numbers of ids
// (Words, Intern); (3) the SimHashes of stories (Apply's `near`). For (2)
// and (3) the first scan numbers every stored story in the order of its
// first key set, as AddKnown of each did, and indexes every stored
// SimHash. For (1): a key's postings are added unless present or the key
// has more than kMaxPostings, and a key of more is not followed; so what a
// look-up sees is a function of the set of stories given the key (stored
// and added by this deduplicator before the look-up): all of them, by
// number, when they are kMaxPostings or fewer, else "too common". The order
// of the adds only changes which of a common key's stories are kept, which
// nothing reads. A key looked up has had its stored postings added before
// its first look-up, and its later adds are as before; keys never looked up
// are never read.
namespace {

// The stored keys are indexed whole (as AddKnown of each did) once the
// scans would cost more than that, counted in stored keys: a scan reads
// each once (against a hash set of the wanted ones), and the keys asked for
// are kept in another; indexing each costs about kLoadAllCost times reading
// it (100,000 generated pages, 2.6 M keys: about 2.4 s of CPU against 0.12
// s a scan, bench/README.md). Paid as rent until it would buy the index:
// at most about twice the cheaper of the two, whatever the ingest's size.
constexpr size_t kLoadAllCost = 16;

}  // namespace

void Deduplicator::UseStored(KeySetScan scan) {
  stored_ = std::move(scan);
  stored_numbered_ = false;
}

void Deduplicator::ScanStored(const tsl::robin_set<uint64_t>& wanted) {
  const bool first = !stored_numbered_;
  stored_([&](std::string_view id, std::span<const uint64_t> keys,
              std::span<const uint64_t> simhashes) {
    std::optional<uint32_t> story;
    if (first) {
      story = index_.Intern(id);
      stored_keys_ += keys.size();
      IndexStory(*story, {}, simhashes);
    }
    if (wanted.empty()) return;
    for (uint64_t k : keys) {
      if (!wanted.contains(k)) continue;
      if (!story) story = index_.Intern(id);  // numbered by the first scan
      index_.Add(k, *story, kMaxPostings);
    }
  });
  if (first) stored_stories_ = static_cast<uint32_t>(index_.stories());
  stored_numbered_ = true;
  ++stored_stats_.scans;
}

void Deduplicator::LoadStored() {
  const bool first = !stored_numbered_;
  stored_([&](std::string_view id, std::span<const uint64_t> keys,
              std::span<const uint64_t> simhashes) {
    if (first) stored_keys_ += keys.size();
    IndexStory(index_.Intern(id), keys, simhashes);
  });
  stored_numbered_ = true;
  stored_ = nullptr;
  tsl::robin_set<uint64_t>().swap(asked_);
  ++stored_stats_.scans;
  stored_stats_.all_loaded = true;
}

void Deduplicator::Ask(uint64_t key) {
  if (!stored_ || asked_.contains(key)) return;
  ++stored_stats_.late_scans;
  ++stored_stats_.keys_asked;
  ScanStored(tsl::robin_set<uint64_t>{key});
  asked_.insert(key);
}

std::vector<uint32_t> Deduplicator::Postings(uint64_t key) {
  Ask(key);
  return index_.Postings(key);
}

bool Deduplicator::Contains(uint64_t key) {
  Ask(key);
  return index_.Contains(key);
}

void Deduplicator::AddRedirect(const std::string& old_id, const std::string& new_id) {
  redirect_[old_id] = new_id;
}

std::string Deduplicator::Resolve(std::string id) const {
  for (int hops = 0; hops < 64; ++hops) {
    auto it = redirect_.find(id);
    if (it == redirect_.end()) break;
    id = it->second;
  }
  return id;
}

Deduplicator::Touched* Deduplicator::Load(const std::string& id) {
  auto it = touched_.find(id);
  if (it != touched_.end()) return &it->second;
  std::optional<Story> s = loader_ ? loader_(id) : std::nullopt;
  if (!s) return nullptr;
  Touched t;
  t.story = std::move(*s);
  t.stored_sources = t.story.sources.size();
  touched_order_.push_back(id);
  return &touched_.emplace(id, std::move(t)).first->second;
}

Deduplicator::Touched* Deduplicator::Rekey(Touched* story, std::string* id, std::string new_id) {
  // The id already made of this text (with the suffix of a collision).
  if (id->starts_with(new_id) &&
      id->find_first_not_of('x', new_id.size()) == std::string::npos) {
    return story;
  }
  // An id taken by a former id of this story (a redirect to it) is the
  // story's to take back: a story that showed this text before, and showed
  // another one since, gets its id, not one with a collision's suffix that
  // the same pages in other batches do not give (issue 24).
  while (touched_.count(new_id) || Contains(text::Hash64(new_id, kIdSeed))) {
    if (!touched_.count(new_id) && Resolve(new_id) == *id) break;
    new_id += "x";
  }
  Touched moved = std::move(*story);
  touched_.erase(*id);
  moved.story.id = new_id;
  moved.stored_sources = 0;  // the row of the new id holds none yet
  moved.dirty = true;
  moved.new_keys.push_back(text::Hash64(new_id, kIdSeed));
  redirect_.erase(new_id);  // a story's id again, if it was a former one
  redirect_[*id] = new_id;
  merged_.emplace_back(*id, new_id);  // the store removes the old row, keeps the old id findable
  Index(new_id, {text::Hash64(new_id, kIdSeed)});
  touched_order_.push_back(new_id);
  *id = new_id;
  return &touched_.emplace(new_id, std::move(moved)).first->second;
}

bool Deduplicator::Matches(Touched* story, FoldedText& b) const {
  if (!story->fold) {
    story->fold = FoldParagraphs(SplitParagraphs(story->story.text));
  }
  FoldedText& a = *story->fold;
  if (a.text_hash == b.text_hash) return true;
  if ((b.words >= kContainmentMinWords && Containment(b, a) >= options_.containment_min) ||
      (a.words >= kContainmentMinWords && Containment(a, b) >= options_.containment_min)) {
    return true;
  }
  const size_t min_words = static_cast<size_t>(options_.min_words_for_similarity);
  if (a.words < min_words || b.words < min_words) return false;
  // Only now the SimHashes: most matches end above.
  if (a.simhash == 0) a.simhash = SimHash(a.paras);
  if (b.simhash == 0) b.simhash = SimHash(b.paras);
  if (HammingDistance(a.simhash, b.simhash) > options_.simhash_max_distance) {
    return false;
  }
  // A few bits apart can still be chance between long texts of one site;
  // near-duplicates also share most of their word 3-shingles.
  return ShingleOverlap(a, b) >= options_.simhash_min_shingle_overlap;
}

bool Deduplicator::Decide(const std::string& id, bool sure, bool verify, size_t words_in,
                          FoldedText& f) {
  if (sure) return true;
  if (words_in == 0 && !verify) return false;
  // The shapes of the story's sightings: of a story touched in this batch,
  // of one seen before in this process (Flush keeps them), else loaded.
  bool shaped = false;
  auto it = touched_.find(id);
  if (it == touched_.end()) {
    const ShapeSpan cached = CachedShapes(id);
    if (cached.known) {
      shaped = cached.size > 0;
      for (uint32_t at = cached.first; at < cached.first + cached.size;) {
        const auto len = static_cast<uint32_t>(shape_values_[at++]);
        if (ShapesContain(shape_values_, at, len, f, options_.containment_min)) return true;
        at += len;
      }
    } else if (Load(id) != nullptr) {
      it = touched_.find(id);
    } else {
      return false;
    }
  }
  if (it != touched_.end()) {
    shaped = !it->second.story.shapes.empty();
    for (const std::vector<uint64_t>& shape : it->second.story.shapes) {
      const auto len = static_cast<uint32_t>(shape.size());
      if (ShapesContain(shape, 0, len, f, options_.containment_min)) return true;
    }
  }
  if (!shaped) {
    // A story stored before its sightings' shapes were kept: the sighting
    // contained in the paragraphs of all its sightings, as before.
    const double in = static_cast<double>(words_in);
    if (f.words >= kContainmentMinWords &&
        in >= options_.containment_min * static_cast<double>(f.words)) {
      return true;
    }
  }
  if (verify || (words_in > 0 && !shaped)) {
    Touched* t = Load(id);
    if (!t) return false;
    return Matches(t, f);
  }
  return false;
}

PreparedPage Prepare(segment::PageStories page, const DedupOptions& options) {
  PreparedPage out;
  out.folds.reserve(page.stories.size());
  for (const segment::PageStory& s : page.stories) {
    out.folds.push_back(FoldParagraphs(s.paragraphs));
    Folded& f = out.folds.back();
    if (s.role == SourceRole::kArticle &&
        f.words >= static_cast<size_t>(options.min_words_for_similarity)) {
      f.simhash = SimHash(f.paras);
    }
  }
  out.page = std::move(page);
  return out;
}

void Deduplicator::Apply(const Sighting& sg) {
  const segment::PageStory& s = *sg.story;
  Folded& f = *sg.fold;
  if (f.words == 0) return;
  std::vector<std::string> urls;
  if (!s.url.empty()) urls.push_back(s.url);
  if (s.role == SourceRole::kArticle && IsUrl(*sg.page)) urls.push_back(*sg.page);
  const bool similar = f.words >= static_cast<size_t>(options_.min_words_for_similarity);

  // Evidence per candidate story, read from the index alone: exact text or
  // URL, and how many of the sighting's words are in paragraphs the story
  // has verbatim. Only weaker evidence (a shared prefix, a SimHash band)
  // makes us load the story and compare texts.
  struct Evidence {
    bool sure = false;
    bool verify = false;
    bool checked = false;
    size_t words_in = 0;
  };
  std::vector<std::pair<std::string, Evidence>> cands;
  auto candidate = [&](std::string_view raw_id) -> size_t {  // its place in cands
    std::string id = Resolve(std::string(raw_id));
    for (size_t c = 0; c < cands.size(); ++c) {
      if (cands[c].first == id) return c;
    }
    cands.emplace_back(id, Evidence{});
    return cands.size() - 1;
  };
  auto evidence = [&](std::string_view raw_id) -> Evidence& {
    return cands[candidate(raw_id)].second;
  };
  // A key's stories, each once: a story's keys can be posted under its
  // former ids too (the store keeps them, with a redirect), and counted
  // twice, a shared paragraph's words made a teaser look contained.
  // Whether the key was followed to some story (held by some, not too
  // common).
  auto each = [&](uint64_t key, const std::function<void(Evidence&)>& fn,
                  const std::function<bool(uint32_t)>& keep = {}) {
    const std::vector<uint32_t> stories = Postings(key);
    if (stories.empty() || stories.size() > kMaxPostings) return false;
    std::vector<size_t> given;
    for (uint32_t n : stories) {
      if (keep && !keep(n)) continue;
      const size_t c = candidate(index_.Id(n));
      if (std::find(given.begin(), given.end(), c) != given.end()) continue;
      given.push_back(c);
      fn(cands[c].second);
    }
    return true;
  };
  std::vector<uint64_t> keys;
  KeysOf(f, urls, &keys);
  each(keys.front(), [](Evidence& e) { e.sure = true; });  // the whole text
  for (size_t i = 0; i < f.paras.size(); ++i) {
    const auto& p = f.paras[i];
    if (p.empty()) continue;
    const size_t words = p.size();
    // A paragraph too common across the archive is not followed, nor is
    // its text alone (AddCommon).
    const bool common = common_.contains(f.para_hashes[i]);
    bool followed =
        !common && each(f.para_hashes[i], [&](Evidence& e) { e.words_in += words; });
    // A story that has a sighting of this paragraph alone: that sighting is
    // contained in this one and in the story, so one batch that had it come
    // after both would have merged them through it (issue 24).
    if (!common && f.paras.size() > 1 && words >= kContainmentMinWords) {
      followed |= each(WholeTextKey(p), [](Evidence& e) { e.sure = true; });
    }
    if (followed && track_followed_ && words >= kContainmentMinWords) {
      followed_.insert(f.para_hashes[i]);  // CommonAmong
    }
    if (i == 0) {
      for (uint64_t k : PrefixLookups(p)) each(k, [](Evidence& e) { e.verify = true; });
    }
  }
  for (const std::string& u : urls) each(text::Hash64(u, kUrlSeed), [](Evidence& e) { e.sure = true; });
  std::vector<std::string> matched;
  auto decide = [&] {
    for (auto& [id, e] : cands) {
      if (e.checked) continue;
      e.checked = true;
      if (Decide(id, e.sure, e.verify, e.words_in, f)) matched.push_back(id);
    }
  };
  decide();
  // A candidate its text did not match may hold a sighting contained in
  // this one (RunTexts, CutTexts): looked up only then, as each such story
  // is a candidate (it holds this one's paragraphs, or the opening of its
  // first paragraph, found by the keys above).
  if (matched.size() < cands.size()) {
    bool shares_paras = false, shares_opening = false;
    for (const auto& [id, e] : cands) {
      if (std::find(matched.begin(), matched.end(), id) != matched.end()) continue;
      shares_paras |= e.words_in > 0;
      shares_opening |= e.verify;
    }
    std::vector<HeldText> held;
    if (shares_paras) RunTexts(f, nullptr, &held);
    if (shares_opening && CutsHeld(s, f)) CutTexts(f.paras.front(), nullptr, &held);
    // The stories (ids resolved) given a key, none when it is too common.
    // The stored ones were read by this batch's scan (AskFor), if any.
    auto holders = [&](uint64_t key) {
      std::vector<std::string> ids;
      const std::vector<uint32_t> stories = index_.Postings(key);
      if (stories.size() > kMaxPostings) return ids;
      for (uint32_t n : stories) ids.push_back(Resolve(std::string(index_.Id(n))));
      return ids;
    };
    for (const HeldText& h : held) {
      std::vector<std::string> ids = holders(h.text);
      for (uint64_t p : h.paras) {
        if (ids.empty()) break;
        const std::vector<std::string> has = holders(p);
        std::erase_if(ids, [&](const std::string& id) {
          return std::find(has.begin(), has.end(), id) == has.end();
        });
      }
      for (const std::string& id : ids) {
        Evidence& e = evidence(id);
        e.sure = true;
        e.checked = false;
      }
    }
    for (auto& [id, e] : cands) {
      if (std::find(matched.begin(), matched.end(), id) != matched.end()) e.checked = true;
    }
    decide();
    // In the candidates' order, as one look-up of all the keys gives them.
    std::vector<std::string> ordered;
    for (const auto& [id, e] : cands) {
      if (std::find(matched.begin(), matched.end(), id) != matched.end()) ordered.push_back(id);
    }
    matched = std::move(ordered);
  }
  bool banded = false;  // keys has the sighting's SimHash bands
  if (matched.empty() && similar) {
    // Only now the SimHash: most sightings are found by their text.
    if (f.simhash == 0) f.simhash = SimHash(f.paras);
    const std::vector<uint64_t> bands = SimHashBandKeys(f.simhash);
    // A band is shared by chance with about one story in 65,536, so in a
    // large archive most band candidates are strangers: those whose SimHash
    // when they were indexed is known and too far are not loaded at all.
    auto near = [&](uint32_t n) {
      // Not known (an older archive): compare texts.
      if (n >= has_simhash_.size() || !has_simhash_[n]) return true;
      auto close = [&](uint64_t h) {
        return HammingDistance(h, f.simhash) <= options_.simhash_max_distance;
      };
      if (close(simhash_[n])) return true;
      auto it = more_simhashes_.find(n);
      return it != more_simhashes_.end() &&
             std::any_of(it->second.begin(), it->second.end(), close);
    };
    for (uint64_t k : bands) {
      each(
          k,
          [](Evidence& e) {
            e.verify = true;
            e.checked = false;
          },
          near);
    }
    decide();
    keys.insert(keys.end(), bands.begin(), bands.end());
    banded = true;
  }
  Story sighting = FromSighting(s, *sg.page);
  sighting.shapes = {ShapeOf(f)};
  // A matched story the loader cannot give back (a damaged archive: the
  // pipeline fails the batch) leaves the sighting a story of its own.
  Touched* into = matched.empty() ? nullptr : Load(matched.front());
  if (!into) matched.clear();
  // Of several stories, the others merge into the one whose text the
  // merged story shows, whose id is that text's already: merged into
  // another, that id would be taken when the other took its text, and the
  // story would get a collision's suffix that the same pages in other
  // batches do not give it (issue 24).
  if (matched.size() > 1) {
    size_t shown = 0;
    for (size_t i = 1; i < matched.size(); ++i) {
      Touched* other = Load(matched[i]);
      if (other && TextWins(other->story, into->story)) {
        shown = i;
        into = other;
      }
    }
    const auto at = matched.begin() + static_cast<std::ptrdiff_t>(shown);
    std::rotate(matched.begin(), at, at + 1);
  }
  if (matched.empty()) {
    std::string id = IdOfFolded(f);  // = StoryId(sighting.text)
    while (touched_.count(id) || Contains(text::Hash64(id, kIdSeed))) id += "x";  // collision
    sighting.id = id;
    Touched t;
    t.story = std::move(sighting);
    t.new_keys = keys;
    t.is_new = true;
    t.dirty = true;
    t.new_keys.push_back(text::Hash64(id, kIdSeed));
    if (banded) t.new_simhashes.push_back(f.simhash);
    touched_order_.push_back(id);
    touched_.emplace(id, std::move(t));
    Index(id, keys, banded ? std::vector<uint64_t>{f.simhash} : std::vector<uint64_t>{});
    Index(id, {text::Hash64(id, kIdSeed)});
    ++stories_new_;
    return;
  }
  ++seen_again_;
  std::string kept = matched.front();
  bool text_changed = false;  // by the stories merged in or by the sighting
  for (size_t i = 1; i < matched.size(); ++i) {
    Touched* other = Load(matched[i]);
    if (!other) continue;
    text_changed |= MergeStories(&into->story, other->story);
    into->fold.reset();
    into->new_keys.insert(into->new_keys.end(), other->new_keys.begin(), other->new_keys.end());
    into->new_simhashes.insert(into->new_simhashes.end(), other->new_simhashes.begin(),
                               other->new_simhashes.end());
    redirect_[matched[i]] = kept;
    merged_.emplace_back(matched[i], kept);
    if (other->is_new) --stories_new_;
    touched_.erase(matched[i]);
    into = &touched_.at(kept);
  }
  const bool took_sighting = MergeStories(&into->story, sighting);
  text_changed |= took_sighting;
  into->dirty = true;
  // A story's id follows its text (its longest teaser, then its longest
  // article): what one batch of all its pages gives it, whatever batches
  // and ingests its pages come in (issue 24).
  if (text_changed) {
    into = Rekey(into, &kept,
                 into->story.text == sighting.text ? IdOfFolded(f) : StoryId(into->story.text));
  }
  if (took_sighting) into->fold.reset();
  into->new_keys.insert(into->new_keys.end(), keys.begin(), keys.end());
  if (banded) into->new_simhashes.push_back(f.simhash);
  Index(kept, keys, banded ? std::vector<uint64_t>{f.simhash} : std::vector<uint64_t>{});
}

void Deduplicator::AddBatch(const std::vector<segment::PageStories>& pages) {
  std::vector<PreparedPage> prepared;
  prepared.reserve(pages.size());
  for (const segment::PageStories& p : pages) prepared.push_back(Prepare(p, options_));
  AddBatch(prepared);
}

void Deduplicator::AddBatch(std::vector<PreparedPage>& pages) {
  std::vector<Sighting> all;
  for (PreparedPage& p : pages) {
    for (size_t i = 0; i < p.page.stories.size(); ++i) {
      all.push_back({&p.page.stories[i], &p.page.page, &p.folds[i]});
    }
  }
  auto rank = [](const Sighting& s) {
    return std::make_tuple(s.story->role == SourceRole::kArticle ? 0 : 1,
                           s.story->date.empty() ? 1 : 0,
                           -static_cast<long>(s.story->paragraphs.size()));
  };
  std::stable_sort(all.begin(), all.end(), [&](const Sighting& a, const Sighting& b) {
    auto ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    return *a.page < *b.page;
  });
  if (stored_) AskFor(all);
  for (const Sighting& s : all) Apply(s);
}

void ParagraphKeys(std::span<const PreparedPage> pages, tsl::robin_set<uint64_t>* keys) {
  for (const PreparedPage& page : pages) {
    for (const FoldedText& f : page.folds) {
      for (size_t i = 0; i < f.paras.size(); ++i) {
        if (f.paras[i].size() >= kContainmentMinWords) keys->insert(f.para_hashes[i]);
      }
    }
  }
}

std::vector<uint64_t> Deduplicator::CommonAmong(std::span<const uint64_t> keys,
                                                const tsl::robin_set<uint64_t>& always) {
  // The sightings of story `id` that hold `key`.
  auto holding = [&](const std::string& id, uint64_t key) -> size_t {
    auto has = [key](auto first, auto last) {
      for (auto j = first; j + 1 < last; j += 2) {
        if (*j == key) return true;
      }
      return false;
    };
    size_t n = 0;
    const ShapeSpan at = CachedShapes(id);
    if (at.known) {
      for (uint32_t k = at.first; k < at.first + at.size;) {
        const auto len = static_cast<uint32_t>(shape_values_[k]);
        const auto first = shape_values_.begin() + k + 1;
        n += has(first, first + len);
        k += len + 1;
      }
      return n;
    }
    if (!loader_) return 0;
    std::optional<Story> story = loader_(id);
    if (!story) return 0;  // a damaged archive: the caller's loader reports it
    for (const std::vector<uint64_t>& shape : story->shapes) {
      n += has(shape.begin(), shape.end());
    }
    CacheShapes(id, story->shapes);
    return n;
  };
  // The stored postings of keys not looked up yet, at once (Ask scans for
  // each key).
  if (stored_) {
    tsl::robin_set<uint64_t> wanted;
    for (uint64_t key : keys) {
      if (!asked_.contains(key) && !common_.contains(key)) wanted.insert(key);
    }
    AskAll(wanted);
  }
  std::vector<uint64_t> out;
  std::vector<std::string> ids;
  for (uint64_t key : keys) {
    if (common_.contains(key)) continue;
    const std::vector<uint32_t> stories = Postings(key);
    if (stories.size() > kMaxPostings) {
      if (followed_.contains(key) || always.contains(key)) out.push_back(key);
      continue;
    }
    ids.clear();
    for (uint32_t s : stories) ids.push_back(Resolve(std::string(index_.Id(s))));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    size_t n = 0;
    for (const std::string& id : ids) n += holding(id, key);
    if (n > kMaxPostings) out.push_back(key);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// A shape's keys of paragraphs of kContainmentMinWords words or more, each
// once (a paragraph can be in a text twice).
void KeysOfShape(const std::vector<uint64_t>& shape, std::vector<uint64_t>* keys) {
  keys->clear();
  for (size_t j = 0; j + 1 < shape.size(); j += 2) {
    if (shape[j + 1] >= kContainmentMinWords) keys->push_back(shape[j]);
  }
  std::sort(keys->begin(), keys->end());
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
}

// The keys for which `in` is true that two shapes or more of `shapes` hold.
void LinksOf(const std::vector<std::vector<uint64_t>>& shapes,
             const std::function<bool(uint64_t)>& in, std::vector<uint64_t>* linking) {
  linking->clear();
  if (shapes.size() < 2) return;
  std::vector<uint64_t> all, keys;
  for (const std::vector<uint64_t>& shape : shapes) {
    KeysOfShape(shape, &keys);
    for (uint64_t k : keys) {
      if (in(k)) all.push_back(k);
    }
  }
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i + 1 < all.size(); ++i) {
    if (all[i] == all[i + 1] && (linking->empty() || linking->back() != all[i])) {
      linking->push_back(all[i]);
    }
  }
}

}  // namespace

Result<std::vector<std::string>> StoriesLinkedBy(const ShapesScan& scan,
                                                 std::span<const uint64_t> keys) {
  const tsl::robin_set<uint64_t> wanted(keys.begin(), keys.end());
  std::vector<std::string> out;
  std::vector<uint64_t> linking;
  Status st = scan([&](std::string_view id, const std::vector<std::vector<uint64_t>>& shapes) {
    LinksOf(shapes, [&](uint64_t k) { return wanted.contains(k); }, &linking);
    if (!linking.empty()) out.emplace_back(id);
  });
  if (!st) return tl::unexpected(st.error());
  std::sort(out.begin(), out.end());
  return out;
}

Result<CommonLinks> FindCommonLinks(const ShapesScan& scan, const tsl::robin_set<uint64_t>& known) {
  // 1. The keys that link sightings, not known to be common.
  tsl::robin_map<uint64_t, uint32_t> count;
  std::vector<uint64_t> keys;
  Status st = scan([&](std::string_view, const std::vector<std::vector<uint64_t>>& shapes) {
    LinksOf(shapes, [&](uint64_t k) { return !known.contains(k); }, &keys);
    for (uint64_t k : keys) count.emplace(k, 0);
  });
  if (!st) return tl::unexpected(st.error());
  if (count.empty()) return CommonLinks{};
  // 2. How many sightings of all stories hold each.
  st = scan([&](std::string_view, const std::vector<std::vector<uint64_t>>& shapes) {
    for (const std::vector<uint64_t>& shape : shapes) {
      KeysOfShape(shape, &keys);
      for (uint64_t k : keys) {
        if (auto it = count.find(k); it != count.end()) ++it.value();
      }
    }
  });
  if (!st) return tl::unexpected(st.error());
  CommonLinks out;
  for (const auto& [k, n] : count) {
    if (n > kMaxPostings) out.keys.push_back(k);
  }
  if (out.keys.empty()) return out;
  std::sort(out.keys.begin(), out.keys.end());
  // 3. The stories they link.
  auto linked = StoriesLinkedBy(scan, out.keys);
  if (!linked) return tl::unexpected(linked.error());
  out.stories = std::move(*linked);
  return out;
}

void Deduplicator::HeldKeys(const Sighting& sg, const std::function<bool(uint64_t)>& anchored,
                            std::vector<uint64_t>* keys) {
  const Folded& f = *sg.fold;
  if (f.words == 0) return;
  std::vector<HeldText> texts;
  RunTexts(f, anchored, &texts);
  if (CutsHeld(*sg.story, f)) CutTexts(f.paras.front(), anchored, &texts);
  for (const HeldText& h : texts) {
    keys->push_back(h.text);
    keys->insert(keys->end(), h.paras.begin(), h.paras.end());
  }
}

void Deduplicator::LookupKeys(const Sighting& sg, std::vector<uint64_t>* keys) {
  // As Apply looks them up.
  const segment::PageStory& s = *sg.story;
  Folded& f = *sg.fold;
  if (f.words == 0) return;
  keys->push_back(f.text_hash);
  for (size_t i = 0; i < f.paras.size(); ++i) {
    const auto& p = f.paras[i];
    if (p.empty()) continue;
    if (!common_.contains(f.para_hashes[i])) {
      keys->push_back(f.para_hashes[i]);
      if (f.paras.size() > 1 && p.size() >= kContainmentMinWords) keys->push_back(WholeTextKey(p));
    }
    if (i == 0) {
      for (uint64_t k : PrefixLookups(p)) keys->push_back(k);
    }
  }
  if (!s.url.empty()) keys->push_back(text::Hash64(s.url, kUrlSeed));
  if (s.role == SourceRole::kArticle && IsUrl(*sg.page)) {
    keys->push_back(text::Hash64(*sg.page, kUrlSeed));
  }
  if (f.words >= static_cast<size_t>(options_.min_words_for_similarity)) {
    if (f.simhash == 0) f.simhash = SimHash(f.paras);
    for (uint64_t k : SimHashBandKeys(f.simhash)) keys->push_back(k);
  }
  // The id of a new story of its text, and the ids a collision gives.
  std::string id = IdOfFolded(f);
  for (int i = 0; i < 3; ++i, id += "x") keys->push_back(text::Hash64(id, kIdSeed));
}

bool Deduplicator::AskAll(const tsl::robin_set<uint64_t>& wanted) {
  if (wanted.empty() && stored_numbered_) return false;
  // The scans so far and this one, against indexing every stored key
  // (the first scan counts them).
  if (stored_numbered_ && (stored_stats_.scans + 1) * stored_keys_ + asked_.size() +
                                  wanted.size() >
                              kLoadAllCost * stored_keys_) {
    LoadStored();
    return true;
  }
  ScanStored(wanted);
  stored_stats_.keys_asked += wanted.size();
  asked_.insert(wanted.begin(), wanted.end());
  return false;
}

void Deduplicator::AskFor(std::vector<Sighting>& batch) {
  tsl::robin_set<uint64_t> wanted;
  std::vector<uint64_t> keys;
  for (const Sighting& s : batch) {
    keys.clear();
    LookupKeys(s, &keys);
    for (uint64_t k : keys) {
      if (!asked_.contains(k)) wanted.insert(k);
    }
  }
  if (AskAll(wanted)) return;
  // The keys of the texts the sightings hold (RunTexts, CutTexts), which
  // Apply looks up without Ask: a stored story holding one has its anchor,
  // so only those whose anchor a stored story has (read above) are read,
  // by a second scan, for this batch (not kept among the keys asked: there
  // are up to hundreds a page). The others' stored postings are none.
  auto stored_anchor = [&](uint64_t anchor) {
    const std::vector<uint32_t> stories = index_.Postings(anchor);
    return stories.size() > kMaxPostings ||
           std::any_of(stories.begin(), stories.end(),
                       [&](uint32_t n) { return n < stored_stories_; });
  };
  tsl::robin_set<uint64_t> held;
  for (const Sighting& s : batch) {
    keys.clear();
    HeldKeys(s, stored_anchor, &keys);
    for (uint64_t k : keys) {
      if (!asked_.contains(k)) held.insert(k);
    }
  }
  if (!held.empty()) {
    ScanStored(held);
    ++stored_stats_.held_scans;
  }
}

Deduplicator::Changes Deduplicator::Flush() {
  Changes c;
  for (const std::string& id : touched_order_) {
    auto it = touched_.find(id);
    if (it == touched_.end()) continue;
    // Known now: later batches decide against them without a load.
    CacheShapes(id, it->second.story.shapes);
    if (!it->second.dirty) continue;
    StoryKeys k;
    k.id = id;
    std::sort(it->second.new_keys.begin(), it->second.new_keys.end());
    it->second.new_keys.erase(std::unique(it->second.new_keys.begin(), it->second.new_keys.end()),
                              it->second.new_keys.end());
    k.keys = std::move(it->second.new_keys);
    k.simhashes = std::move(it->second.new_simhashes);
    if (it->second.is_new) c.new_ids.push_back(id);
    c.stored_sources.push_back(it->second.stored_sources);
    c.upserts.push_back(std::move(it->second.story));
    c.keys.push_back(std::move(k));
  }
  c.merged = std::move(merged_);
  c.stories_new = stories_new_;
  c.seen_again = seen_again_;
  touched_.clear();
  touched_order_.clear();
  merged_.clear();
  stories_new_ = 0;
  seen_again_ = 0;
  return c;
}

}  // namespace annals::dedup
