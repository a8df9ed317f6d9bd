// Deduplicator: sightings of stories on pages (segment::PageStories) to
// Stories, one per news item, across pages and across runs.
//
// Two sightings are one story when (checked in this order):
//  1. their folded texts are equal (exact hash);
//  2. one's link URL is the other's page URL (a teaser and its article page);
//  3. the paragraphs of one are contained in the other: DedupOptions::
//     containment_min of its words are in paragraphs the other has (a
//     teaser and the article it leads), the contained text being of 5
//     words or more (a label such as "News" is contained in many stories).
//     Decided between the new sighting and each sighting the story took
//     (Story::shapes), not the text the story shows when it comes, so that
//     which sightings are one story is a function of the pairs of them, not
//     of their order (issue 24). Also matched: a story holding a sighting
//     contained whole in this one (of one paragraph of it, of a run of its
//     paragraphs, or the cut opening of its first), and, by its text, a
//     story whose first paragraph starts like the sighting's (first
//     kPrefixTokens words: a teaser shown whole on one page and cut on
//     another). A story stored before the shapes were kept is decided as
//     before: the sighting contained in the paragraphs of all its sightings;
//  4. their SimHash fingerprints are within simhash_max_distance bits.
// The merged story takes the text, title and date of its longest article
// sighting when it has one (of two as long, the greater text bytewise);
// else those of its longest teaser; of sightings of one text, the title and
// date of the greatest (title, then date). When the sightings of its text
// have no date, its date is the earliest of its other sightings'; when
// they have no title, its title is the greatest (bytewise) of its other
// sightings' (Story::earliest_date and greatest_title keep what that
// needs, so that neither depends on the order the sightings came in).
// Its attachments and links:
// its page's order for one sighting, sorted for more.
// A sighting that matches several stories merges them into the one whose
// text the merged story shows (its id is that text's already).
// A story's id is StoryId of its text, and follows it: when the text
// changes (a longer teaser, an article, a longer article) the old id
// redirects to the new one. Ids then do not depend on how pages were split
// across batches and ingests.
//
// Memory: full Story values are kept only for stories touched since the
// last Flush; for the rest only their keys (a few integers per paragraph,
// 12 bytes each; see KeyIndex) and their sightings' shapes (16 bytes a
// paragraph of each distinct sighting, 8 a sighting, 12 a story); of stored
// stories read on demand (UseStored), only the keys looked up, their ids
// and SimHashes, and the shapes of those loaded.
// Thread safety: not thread-safe; one owner (the pipeline's writer thread).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tsl/robin_set.h>
#include <unordered_map>
#include <utility>
#include <vector>

#include "annals/options.h"
#include "annals/result.h"
#include "annals/types.h"
#include "src/dedup/key_index.h"
#include "src/segment/page_stories.h"

namespace annals::dedup {

// The keys by which a stored story is found again.
struct StoryKeys {
  std::string id;
  std::vector<uint64_t> keys;  // tagged hashes: text, paragraphs, prefixes, url, simhash
  // The SimHashes whose bands are among `keys` (sightings matched by no
  // text), so that a band shared by chance is told apart without a load.
  std::vector<uint64_t> simhashes;
  bool operator==(const StoryKeys&) const = default;
};

// The index keys of a SimHash's four 16-bit bands: two fingerprints at
// most 3 bits apart share at least one band.
std::vector<uint64_t> SimHashBandKeys(uint64_t simhash);

// The version of the keys a story is stored with. Version 1 had one prefix
// key of the first paragraph, version 2 has one at each of several lengths
// (deduplicator.cc, kPrefixLevels): a stored story with keys of version 1
// is found by a longer sighting only once it has those of UpgradeKeys.
inline constexpr int64_t kKeysVersion = 2;
// The keys of version kKeysVersion that a stored story of `text` lacks when
// stored with older keys.
std::vector<uint64_t> UpgradeKeys(const std::string& text);

// The stable id of a story first seen with `text`.
std::string StoryId(const std::string& text);

// A text as hashes of its folded word tokens, per paragraph, with the
// hash of each paragraph, the word count and the SimHash (0: not computed).
struct FoldedText {
  std::vector<std::vector<uint64_t>> paras;
  std::vector<uint64_t> para_hashes;
  uint64_t text_hash = 0;
  size_t words = 0;
  uint64_t simhash = 0;
};

// A page's sightings with their folded texts, one per story: the part of
// dedup that is a pure function of the page, so the pipeline computes it
// on all cores. The SimHash is computed too for an article long enough
// for it: an article is most often a new story, which needs it.
struct PreparedPage {
  segment::PageStories page;
  std::vector<FoldedText> folds;
};
PreparedPage Prepare(segment::PageStories page, const DedupOptions& options = {});

// The paragraph keys that join sightings of a story and are too common to:
// a key in two or more of the sightings of one story (Story::shapes), of
// kContainmentMinWords words or more, that is in more than kMaxPostings
// distinct sightings of the archive's stories. Such a key is not followed
// from the last of those sightings on (too common: boilerplate of the site),
// but was while fewer held it, so a sighting that came early joined what
// one that came later would not (a line shared by articles, and a page of
// that line alone, first: issue 24). Counted on the sightings, not the
// stories, which merge through the key and so hide how many hold it. The
// stories those keys join (two of their sightings hold one) are to be built
// again with the keys not followed (Deduplicator::AddCommon), which is what
// any order of the pages then gives. `scan` calls its argument with every
// stored story's id and shapes (two or three times); keys in `known` are
// left out.
struct CommonLinks {
  std::vector<uint64_t> keys;        // sorted
  std::vector<std::string> stories;  // ids, sorted
};
using ShapesFn =
    std::function<void(std::string_view id, const std::vector<std::vector<uint64_t>>& shapes)>;
using ShapesScan = std::function<Status(const ShapesFn& fn)>;
Result<CommonLinks> FindCommonLinks(const ShapesScan& scan, const tsl::robin_set<uint64_t>& known);
// The keys of the sightings' paragraphs of kContainmentMinWords words or
// more (those FindCommonLinks counts), into `keys`.
void ParagraphKeys(std::span<const PreparedPage> pages, tsl::robin_set<uint64_t>* keys);
// The stories two of whose shapes hold one of `keys` (pass 3 of
// FindCommonLinks, for keys found common otherwise: CommonAmong), sorted.
Result<std::vector<std::string>> StoriesLinkedBy(const ShapesScan& scan,
                                                 std::span<const uint64_t> keys);

class Deduplicator {
 public:
  using FoldedText = dedup::FoldedText;

  // Loads a stored story by id (for stories not in memory), or nullopt.
  using Loader = std::function<std::optional<Story>(const std::string& id)>;

  Deduplicator(const DedupOptions& options, Loader loader);
  Deduplicator(const Deduplicator&) = delete;
  Deduplicator& operator=(const Deduplicator&) = delete;

  // Makes a stored story findable (may be called more than once per story).
  void AddKnown(const StoryKeys& keys);

  // The stored stories' key sets, read on demand in place of an AddKnown of
  // each: `scan` calls its argument with every stored key set (id, keys,
  // SimHashes), always the same ones in the same order (those stored when
  // the deduplicator was made; the views valid during the call only).
  // The result is that of AddKnown of each key set in that order, before
  // anything else (the tests compare them); what it costs is one scan per
  // batch that keeps only the keys the batch looks up, instead of an index
  // of every key of the archive (indexed whole once that is cheaper:
  // kLoadAllCost in deduplicator.cc). A scan that fails is the caller's to
  // report (as the loader's failures).
  using KeySetFn = std::function<void(std::string_view id, std::span<const uint64_t> keys,
                                      std::span<const uint64_t> simhashes)>;
  using KeySetScan = std::function<void(const KeySetFn& fn)>;
  void UseStored(KeySetScan scan);
  // What the stored key sets cost so far: scans of them, the scans that a
  // key looked up outside a batch's prefetch took (one key each), and
  // whether every stored key is indexed now.
  struct StoredStats {
    size_t scans = 0;
    size_t late_scans = 0;
    size_t keys_asked = 0;
    size_t held_scans = 0;  // second scans of a batch, for the texts it holds (AskFor)
    bool all_loaded = false;
  };
  StoredStats stored_stats() const { return stored_stats_; }
  // Makes `old_id`, merged into `new_id` in an earlier run, resolve to it.
  void AddRedirect(const std::string& old_id, const std::string& new_id);
  // Paragraph keys held in more distinct sightings across the archive than a
  // key is followed for (FindCommonLinks): not followed, however few stories
  // hold them when a sighting comes (issue 24).
  void AddCommon(std::span<const uint64_t> keys) { common_.insert(keys.begin(), keys.end()); }
  // Of `keys` (paragraph keys of kContainmentMinWords words or more), those
  // not made common yet that more than kMaxPostings sightings of the
  // stories known to this deduplicator hold, sorted: FindCommonLinks's
  // count, read from the index (a key of more stories is held by more
  // sightings) and the shapes of the few stories of the others (loaded
  // when not known), not from a scan of every stored story's shapes. Exact
  // while every story holding a key is stored or made here. A key of more
  // than kMaxPostings postings (stories, and a story under each id it took:
  // the index keeps no more) is left out unless a look-up followed it since
  // TrackFollowed (it had fewer then) or it is in `always`: one never
  // followed here joined nothing here, and was as common when the archive
  // was last settled (its sightings were more than its stories).
  std::vector<uint64_t> CommonAmong(std::span<const uint64_t> keys,
                                    const tsl::robin_set<uint64_t>& always = {});
  // Records the keys look-ups follow (for CommonAmong) from now on, or
  // stops and forgets them.
  void TrackFollowed(bool on) {
    track_followed_ = on;
    if (!on) tsl::robin_set<uint64_t>().swap(followed_);
  }
  const tsl::robin_set<uint64_t>& followed() const { return followed_; }

  // Adds the sightings of a batch of pages. Sightings are applied in a fixed
  // order (articles first, then longer teasers), so the result does not
  // depend on the order of pages within the batch.
  // The folds' SimHashes are filled in where computed.
  void AddBatch(std::vector<PreparedPage>& pages);
  void AddBatch(const std::vector<segment::PageStories>& pages);  // prepares them first

  struct Changes {
    std::vector<Story> upserts;  // new or changed stories, whole
    std::vector<size_t> stored_sources;  // per upsert: how many of its sources were stored before
    std::vector<StoryKeys> keys;  // new keys of those stories (to persist)
    std::vector<std::pair<std::string, std::string>> merged;  // removed id -> kept id
    std::vector<std::string> new_ids;  // ids of the new stories among upserts
    int stories_new = 0;
    int seen_again = 0;  // sightings that matched a story stored before this batch
  };
  // The changes since the last Flush; forgets the full stories touched.
  Changes Flush();

 private:
  struct Sighting {
    const segment::PageStory* story;
    const std::string* page;
    FoldedText* fold;
  };
  struct Touched {
    Story story;
    std::optional<FoldedText> fold;  // of story.text, computed when first compared
    size_t stored_sources = 0;       // sources it had when loaded from the store
    std::vector<uint64_t> new_keys;
    std::vector<uint64_t> new_simhashes;
    bool is_new = false;
    bool dirty = false;  // changed since loaded
  };
  Touched* Load(const std::string& id);
  // Gives a story seen so far by teasers alone the id of its new text,
  // `new_id` (StoryId of its longest teaser, or of the article that came):
  // what one batch holding all its pages gives it, so that ids do not depend
  // on how pages were split across batches and ingests. Updates *id; the old
  // id redirects to the new one. The same id (up to a collision's suffix)
  // changes nothing.
  Touched* Rekey(Touched* story, std::string* id, std::string new_id);
  // Computes the SimHashes of either text when needed and not yet known.
  bool Matches(Touched* story, FoldedText& sighting) const;
  // Whether a candidate found through the index is the sighting's story:
  // `sure` (same text or URL); else, when it shares a paragraph with the
  // sighting (`words_in`, its words in paragraphs the story's sightings
  // have) or the opening of one (`verify`), one of the story's sightings
  // contained in the sighting or containing it (Story::shapes), decided
  // pair by pair so that which sightings join does not depend on the
  // order they came in (issue 24); `verify`: the texts compared (Matches).
  // A story whose shapes are not known (stored before they were kept) is
  // decided as before: the sighting contained in the paragraphs of all its
  // sightings, or the texts compared.
  bool Decide(const std::string& id, bool sure, bool verify, size_t words_in,
              FoldedText& sighting);
  void Apply(const Sighting& s);
  void Index(const std::string& id, const std::vector<uint64_t>& keys,
             const std::vector<uint64_t>& simhashes = {});
  void IndexStory(uint32_t story, std::span<const uint64_t> keys,
                  std::span<const uint64_t> simhashes);
  // The index's postings of `key` and whether it has any, the stored ones
  // read first when they are not yet (Ask).
  std::vector<uint32_t> Postings(uint64_t key);
  bool Contains(uint64_t key);
  // Stored key sets read on demand (UseStored): makes the stored postings
  // of `key` known if they are not; numbers every stored story and indexes
  // every stored SimHash at the first scan; indexes every stored key
  // (LoadStored) once that is cheaper than scans.
  void Ask(uint64_t key);
  void AskFor(std::vector<Sighting>& batch);
  // Reads the stored postings of `wanted` (not asked yet) in one scan, or
  // indexes every stored key once that is cheaper (then true).
  bool AskAll(const tsl::robin_set<uint64_t>& wanted);
  void ScanStored(const tsl::robin_set<uint64_t>& wanted);
  void LoadStored();
  // The keys that Apply looks up for `s` (computes its SimHash if it may be
  // looked up by its bands).
  void LookupKeys(const Sighting& s, std::vector<uint64_t>* keys);
  // The keys of the texts `s` holds (deduplicator.cc, RunTexts, CutTexts)
  // whose anchor key is `anchored`, which Apply looks up without Ask.
  void HeldKeys(const Sighting& s, const std::function<bool(uint64_t)>& anchored,
                std::vector<uint64_t>* keys);
  std::string Resolve(std::string id) const;

  DedupOptions options_;
  Loader loader_;
  // The shapes of the sightings of the stories seen in this process (kept
  // at each Flush; Story::shapes), by story number: where they are in
  // shape_values_ (each shape's length, then its values), and whether they
  // are known (a story loaded or made here; none: stored before shapes
  // were kept). A story whose shapes change is added again.
  using Shapes = std::vector<std::vector<uint64_t>>;
  struct ShapeSpan {
    uint32_t first = 0, size = 0;
    bool known = false;
  };
  ShapeSpan CachedShapes(const std::string& id) const;
  void CacheShapes(const std::string& id, const Shapes& shapes);

  tsl::robin_set<uint64_t> common_;  // AddCommon
  bool track_followed_ = false;
  tsl::robin_set<uint64_t> followed_;  // TrackFollowed
  KeyIndex index_;  // key -> stories
  std::unordered_map<std::string, std::string> redirect_;  // merged id -> kept id
  KeySetScan stored_;               // empty: every stored key is indexed (or none is stored)
  bool stored_numbered_ = false;    // the first scan numbered the stored stories
  tsl::robin_set<uint64_t> asked_;  // keys whose stored postings are indexed
  size_t stored_keys_ = 0;          // keys in the stored key sets (counted by the first scan)
  uint32_t stored_stories_ = 0;     // the stored stories are numbered below this (first scan)
  StoredStats stored_stats_;
  // Deques: grown by blocks, not doubled (`ingest --stories-only` of
  // 100,000 bench pages: peak 6.5 MB over the word count alone; vectors,
  // with their spare room, 18 MB).
  std::deque<ShapeSpan> shapes_;  // by story number (KeyIndex)
  std::deque<uint64_t> shape_values_;
  // The SimHashes of the stories, by story number: the first known in
  // simhash_ (where has_simhash_), any others apart (few stories have more
  // than one): 8 bytes a story, where a map of lists took about 90.
  std::vector<uint64_t> simhash_;
  std::vector<bool> has_simhash_;
  std::unordered_map<uint32_t, std::vector<uint64_t>> more_simhashes_;
  std::unordered_map<std::string, Touched> touched_;
  std::vector<std::string> touched_order_;
  std::vector<std::pair<std::string, std::string>> merged_;
  int stories_new_ = 0;
  int seen_again_ = 0;
};

}  // namespace annals::dedup
