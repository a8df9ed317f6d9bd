#include "src/dedup/deduplicator.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "src/common/text.h"
#include "src/dedup/simhash.h"

namespace annals::dedup {
namespace {

// Seeds that tag each kind of key, so keys of different kinds never collide.
constexpr uint64_t kTextSeed = 0x7465787431;
constexpr uint64_t kParaSeed = 0x7061726132;
constexpr uint64_t kPrefixSeed = 0x7072656633;
constexpr uint64_t kUrlSeed = 0x75726c3434;
constexpr uint64_t kBandSeed = 0x62616e6435;
// A paragraph's prefix key covers its first words: enough to name a lead
// sentence, short enough to survive a teaser cut with "...".
constexpr size_t kPrefixTokens = 10;

std::string JoinTokens(const std::vector<std::string>& t, size_t n) {
  std::string out;
  for (size_t i = 0; i < std::min(n, t.size()); ++i) {
    if (i) out.push_back(' ');
    out += t[i];
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
  for (const std::string& p : paras) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

struct Folded {
  std::vector<std::vector<std::string>> paras;  // tokens per paragraph
  std::vector<std::string> all;                 // all tokens
};

Folded FoldParagraphs(const std::vector<std::string>& paras) {
  Folded f;
  for (const std::string& p : paras) {
    f.paras.push_back(text::Tokens(p));
    f.all.insert(f.all.end(), f.paras.back().begin(), f.paras.back().end());
  }
  return f;
}

void KeysOf(const Folded& f, const std::vector<std::string>& urls, bool with_simhash,
            std::vector<uint64_t>* keys) {
  keys->push_back(text::Hash64(JoinTokens(f.all, f.all.size()), kTextSeed));
  for (const auto& p : f.paras) {
    if (p.empty()) continue;
    keys->push_back(text::Hash64(JoinTokens(p, p.size()), kParaSeed));
    if (p.size() >= kPrefixTokens) keys->push_back(text::Hash64(JoinTokens(p, kPrefixTokens), kPrefixSeed));
  }
  for (const std::string& u : urls) {
    if (!u.empty()) keys->push_back(text::Hash64(u, kUrlSeed));
  }
  if (with_simhash) {
    uint64_t sh = SimHash(f.all);
    for (uint64_t band = 0; band < 4; ++band) {
      keys->push_back(text::Hash64(std::to_string((sh >> (band * 16)) & 0xFFFF), kBandSeed + band));
    }
  }
}

bool IsUrl(const std::string& s) {
  return text::StartsWith(s, "http://") || text::StartsWith(s, "https://");
}

// Share of the words of `small` in paragraphs equal to, or a prefix of (or
// extended by), a paragraph of `big`.
double Containment(const Folded& small, const Folded& big) {
  std::unordered_set<std::string> big_full;
  for (const auto& p : big.paras) big_full.insert(JoinTokens(p, p.size()));
  size_t total = 0, matched = 0;
  for (const auto& sp : small.paras) {
    total += sp.size();
    if (sp.empty()) continue;
    if (big_full.count(JoinTokens(sp, sp.size()))) {
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

// Folds `from` into `into` (both whole stories).
void MergeStories(Story* into, const Story& from) {
  const bool into_article = HasArticle(*into), from_article = HasArticle(from);
  if ((from_article && !into_article) ||
      (from_article == into_article && WordCount(from.text) > WordCount(into->text))) {
    into->text = from.text;
    if (!from.title.empty()) into->title = from.title;
    if (!from.date.empty() && (from_article || into->date.empty())) into->date = from.date;
  }
  if (into->date.empty()) into->date = from.date;
  if (into->title.empty()) into->title = from.title;
  for (const Source& s : from.sources) {
    if (std::find(into->sources.begin(), into->sources.end(), s) == into->sources.end()) {
      into->sources.push_back(s);
    }
  }
  AddUnique(&into->attachments, from.attachments);
  AddUnique(&into->links, from.links);
}

Story FromSighting(const segment::PageStory& s, const std::string& page) {
  Story st;
  st.text = JoinParagraphs(s.paragraphs);
  st.title = s.title;
  st.date = s.date;
  st.sources.push_back({page, s.role});
  st.attachments = s.attachments;
  st.links = s.links;
  return st;
}

}  // namespace

std::string StoryId(const std::string& text_value) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "s%012llx",
                static_cast<unsigned long long>(text::Hash64(text::Fold(text_value)) >> 16));
  return buf;
}

StoryKeys ComputeKeys(const Story& story, const std::vector<std::string>& urls) {
  StoryKeys k;
  k.id = story.id;
  Folded f = FoldParagraphs(SplitParagraphs(story.text));
  KeysOf(f, urls, true, &k.keys);
  return k;
}

Deduplicator::Deduplicator(const DedupOptions& options, Loader loader)
    : options_(options), loader_(std::move(loader)) {}

void Deduplicator::Index(const std::string& id, const std::vector<uint64_t>& keys) {
  for (uint64_t k : keys) {
    auto range = index_.equal_range(k);
    bool present = false;
    for (auto it = range.first; it != range.second && !present; ++it) present = it->second == id;
    if (!present) index_.emplace(k, id);
  }
}

void Deduplicator::AddKnown(const StoryKeys& keys) { Index(keys.id, keys.keys); }

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
  touched_order_.push_back(id);
  return &touched_.emplace(id, std::move(t)).first->second;
}

bool Deduplicator::Matches(const Story& story, const segment::PageStory& s,
                           uint64_t simhash) const {
  Folded a = FoldParagraphs(SplitParagraphs(story.text));
  Folded b = FoldParagraphs(s.paragraphs);
  if (a.all == b.all) return true;
  if (!s.url.empty()) {
    for (const Source& src : story.sources) {
      if (src.role == SourceRole::kArticle && src.page == s.url) return true;
    }
  }
  if (Containment(b, a) >= options_.containment_min || Containment(a, b) >= options_.containment_min) {
    return true;
  }
  const size_t min_words = static_cast<size_t>(options_.min_words_for_similarity);
  return a.all.size() >= min_words && b.all.size() >= min_words &&
         HammingDistance(SimHash(a.all), simhash) <= options_.simhash_max_distance;
}

void Deduplicator::Apply(const Sighting& sg) {
  const segment::PageStory& s = *sg.story;
  Folded f = FoldParagraphs(s.paragraphs);
  if (f.all.empty()) return;
  std::vector<std::string> urls;
  if (!s.url.empty()) urls.push_back(s.url);
  if (s.role == SourceRole::kArticle && IsUrl(*sg.page)) urls.push_back(*sg.page);
  std::vector<uint64_t> keys;
  const bool similar = f.all.size() >= static_cast<size_t>(options_.min_words_for_similarity);
  KeysOf(f, urls, similar, &keys);
  const uint64_t simhash = SimHash(f.all);

  std::vector<std::string> matched;
  for (uint64_t k : keys) {
    auto range = index_.equal_range(k);
    for (auto it = range.first; it != range.second; ++it) {
      std::string id = Resolve(it->second);
      if (std::find(matched.begin(), matched.end(), id) != matched.end()) continue;
      Touched* t = Load(id);
      if (t && Matches(t->story, s, simhash)) matched.push_back(id);
    }
  }
  Story sighting = FromSighting(s, *sg.page);
  if (matched.empty()) {
    std::string id = StoryId(sighting.text);
    while (touched_.count(id) || (loader_ && loader_(id))) id += "x";  // a hash collision
    sighting.id = id;
    Touched t;
    t.story = std::move(sighting);
    t.new_keys = keys;
    t.is_new = true;
    t.dirty = true;
    touched_order_.push_back(id);
    touched_.emplace(id, std::move(t));
    Index(id, keys);
    ++stories_new_;
    return;
  }
  ++seen_again_;
  const std::string kept = matched.front();
  Touched* into = Load(kept);
  for (size_t i = 1; i < matched.size(); ++i) {
    Touched* other = Load(matched[i]);
    if (!other) continue;
    MergeStories(&into->story, other->story);
    into->new_keys.insert(into->new_keys.end(), other->new_keys.begin(), other->new_keys.end());
    redirect_[matched[i]] = kept;
    merged_.emplace_back(matched[i], kept);
    if (other->is_new) --stories_new_;
    touched_.erase(matched[i]);
    into = &touched_.at(kept);
  }
  MergeStories(&into->story, sighting);
  into->dirty = true;
  into->new_keys.insert(into->new_keys.end(), keys.begin(), keys.end());
  Index(kept, keys);
}

void Deduplicator::AddBatch(const std::vector<segment::PageStories>& pages) {
  std::vector<Sighting> all;
  for (const auto& p : pages) {
    for (const auto& s : p.stories) all.push_back({&s, &p.page});
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
  for (const Sighting& s : all) Apply(s);
}

Deduplicator::Changes Deduplicator::Flush() {
  Changes c;
  for (const std::string& id : touched_order_) {
    auto it = touched_.find(id);
    if (it == touched_.end() || !it->second.dirty) continue;
    StoryKeys k;
    k.id = id;
    std::sort(it->second.new_keys.begin(), it->second.new_keys.end());
    it->second.new_keys.erase(std::unique(it->second.new_keys.begin(), it->second.new_keys.end()),
                              it->second.new_keys.end());
    k.keys = std::move(it->second.new_keys);
    if (it->second.is_new) c.new_ids.push_back(id);
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
