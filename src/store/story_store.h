// StoryStore: the archive file. SQLite with a versioned schema: pages read,
// stories with their sources, attachments and links, the dedup keys, an
// FTS5 index over title and text, and the derived entities, mentions,
// facts and events, plus the user's entity corrections.
// Thread safety: one thread at a time per StoryStore; open one per thread.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "annals/archive.h"
#include "annals/result.h"
#include "annals/types.h"
#include "src/common/line_counts.h"
#include "src/store/fts_rank.h"
#include "src/store/sqlite_db.h"

namespace annals::store {

inline constexpr int kSchemaVersion = 17;

struct CorrectionRow {
  std::string kind;  // "merge" | "split" | "rename" | "retype" (b: the type's name)
  std::string a, b;
  int64_t seq = 0;  // its number, kept when others are removed; set by AddCorrection
};

class StoryStore {
 public:
  // Opens or creates the archive. Errors: kDb when the file is not an
  // SQLite database; kCorrupt when its schema is newer than kSchemaVersion.
  static Result<std::unique_ptr<StoryStore>> Open(const std::string& path);
  // Opens an existing archive for reading only: nothing is written, not even
  // in a read-only directory or file (a WAL-mode archive whose -shm file
  // cannot be made there is read as immutable). Works while another
  // process writes (WAL). Errors: kNotFound when there is no file; kDb when
  // it is not an archive; kUnsupported when its schema is not kSchemaVersion
  // (upgrading it is a write).
  static Result<std::unique_ptr<StoryStore>> OpenReadOnly(const std::string& path);
  // A number that changes whenever another connection commits a change to
  // the archive (PRAGMA data_version): a reader compares it to know whether
  // what it read before is still current.
  Result<int64_t> DataVersion();
  // Past `deadline`, the connection's statements stop (they fail, kDb,
  // "interrupted"): a bound on the time one request of the server may
  // take. A default-constructed time point removes the bound.
  void SetDeadline(std::chrono::steady_clock::time_point deadline);

  // Writes go in transactions: stories changed in one are added to the
  // full-text index at Commit, in one statement.
  Status Begin();
  Status Commit();
  Status Rollback();
  // A read snapshot: reads between BeginRead and EndRead see one state of
  // the archive, whatever other connections commit meanwhile.
  Status BeginRead();
  Status EndRead();

  // True when a page of this name was read with this content hash before
  // (any of its captures: a crawl can hold one URL before and after a change).
  Result<bool> PageUnchanged(const std::string& name, uint64_t hash);
  Status RecordPage(const std::string& name, uint64_t hash, uint64_t bytes);
  // What the archive holds of page `name`, for a page read now with content
  // hash `hash`: the hash of the content stored last (0: none, or forgotten
  // by ForgetPageContent), whether `hash` is one of the contents read
  // before (PageUnchanged), and, when the stored content is another, whether
  // its text (PageText) or HTML stories (PutPageStories) are kept. Nullopt
  // when no page has the name.
  struct StoredPage {
    uint64_t hash = 0;
    bool version_known = false;
    bool kept = false;
  };
  Result<std::optional<StoredPage>> StoredPageOf(const std::string& name, uint64_t hash);
  // Forgets the content of page `name`, which changed (issue 24): its kept
  // text or stories and every content hash it was read with; its row stays
  // (hash 0), with its rowid. Call in a transaction, with the deletion of
  // its stories.
  Status ForgetPageContent(const std::string& name);

  // The crawl profile's counts (common/line_counts.h) of the pages stored:
  // AddProfileCounts adds a batch's to them (call it in the transaction that
  // records the batch's pages, so that they count exactly the pages stored);
  // ProfileCounts reads them all back. Pages stored by a version before 6
  // are not counted.
  Status AddProfileCounts(const LineCounts& counts);
  // Takes `counts` (those of pages counted before, whose content changed)
  // off the stored ones, as AddProfileCounts adds them; a line left on no
  // page is dropped. Call in the transaction that forgets those pages.
  Status SubtractProfileCounts(const LineCounts& counts);
  Result<LineCounts> ProfileCounts();
  // The totals of ProfileCounts (pages, slash dates), without the lines.
  Result<LineCounts> ProfileTotals();

  // A text page's decoded text, kept so that the page can be segmented
  // again when the crawl profile's counts change its segmentation (issue
  // 24; HTML pages do not read the profile and are not kept).
  struct PageText {
    std::string name;        // the page's name (pages.name)
    std::string url;         // Document::url
    std::string fetched;     // Document::fetched
    std::string packed;      // the text, PackText'ed
    uint64_t segmentation = 0;  // a hash of the stories it was last segmented into
    // The crawl profile's answers that segmentation read
    // (segment::PackLookups); empty when not recorded (schema 9).
    std::string lookups;
  };
  // The text compressed (zstd) for PageText::packed, and back (also the
  // zlib rows of schema 9). Errors (UnpackText): kCorrupt when `packed` is
  // not what PackText made.
  static std::string PackText(std::string_view text);
  static Result<std::string> UnpackText(std::string_view packed);
  // Keeps (or replaces) page t.name's text; the page must be recorded
  // (RecordPage) in this transaction or before.
  Status PutPageText(const PageText& t);
  // Sets the segmentation hash and lookups of a page whose text is kept.
  Status SetPageSegmentation(const std::string& name, uint64_t segmentation,
                             const std::string& lookups);
  // Calls fn with the names and recorded lookups (PageText::lookups) of
  // the kept texts, in page-name order, `limit` rows at a time (the
  // statement is not held open while fn runs); stops at fn's first error.
  struct PageLookups {
    std::string name;
    std::string lookups;
  };
  Status ForEachPageLookups(const std::function<Status(std::vector<PageLookups>&&)>& fn,
                            size_t limit);
  // Calls fn for each kept page text, in page-name order, `limit` rows
  // read at a time (the statement is not held open while fn runs). Stops at
  // fn's first error and returns it.
  Status ForEachPageText(const std::function<Status(std::vector<PageText>&&)>& fn,
                         size_t limit);
  // The kept texts of `names` (those without one are left out), in the
  // order of `names`.
  Result<std::vector<PageText>> PageTexts(std::span<const std::string> names);
  // Whether any page's text is kept.
  Result<bool> HasPageTexts();

  // The kept pages by the keys of their recorded lookups (issue 24): an
  // ingest that adds a few pages checks again only the pages that asked
  // about a key whose answer the new pages change, not every kept page.
  // Postings (key, page) are appended, grouped by a bucket of the key, one
  // row per bucket and call; a page's earlier lookups stay listed (a page
  // listed for a key it no longer asks about is checked and found
  // unchanged: only a page missing from the index would be wrong).
  struct PageLookupKeys {
    std::string name;
    std::vector<uint64_t> keys;
  };
  Status AddLookupKeys(std::span<const PageLookupKeys> pages);
  // The names of the pages listed under any of `keys`, sorted, unique.
  Result<std::vector<std::string>> PagesWithLookupKeys(std::span<const uint64_t> keys);
  // The lookups (kind, key) some kept page recorded a yes to whose answer
  // can turn to no with no count of their own changing (a share of the
  // growing page count): listed once each.
  Status AddYesLookups(std::span<const std::pair<int64_t, uint64_t>> lookups);
  Result<std::vector<std::pair<int64_t, uint64_t>>> YesLookups();
  // Whether the index lists every kept page (set when the first page text
  // is kept, or once built from every page's lookups).
  Result<bool> LookupKeysComplete();
  Status SetLookupKeysComplete();
  // Whether every kept page's recorded answers are those the stored
  // counts (ProfileCounts) give with options of fingerprint `print`
  // (segment::LookupsPrint): cleared while an ingest checks the pages
  // against counts not all stored yet, set when its last page is stored.
  Result<bool> LookupsMatchCounts(uint64_t print);
  Status SetLookupsMatchCounts(std::optional<uint64_t> print);
  // The number of text pages the stored counts count (ProfileCounts().pages).
  Result<int64_t> ProfilePages();
  // The stored counts of the lines `keys` (long_line, key); a line never
  // counted is left out.
  Result<std::vector<LineCount>> ProfileLines(std::span<const std::pair<bool, uint64_t>> keys);

  // An HTML page's stories as it was segmented (pipeline/kept_stories.h:
  // packed by the pipeline, opaque here), kept so that a group of stories
  // that reaches the page can be built again (issue 24; schema 12: HTML
  // pages stored before have none). story_store_html.cc.
  struct KeptStories {
    std::string name;    // the page's name (pages.name)
    std::string packed;  // pipeline::PackPageStories
  };
  // Keeps (or replaces) page `name`'s stories; the page must be recorded
  // (RecordPage) in this transaction or before.
  Status PutPageStories(const std::string& name, std::string_view packed);
  // The kept stories of `names` (pages without are left out), in the order
  // of `names`.
  Result<std::vector<KeptStories>> PageStoriesOf(std::span<const std::string> names);

  // The stories on `pages` (with a source on them) and the pages of those
  // stories, one hop: what a rebuild of those stories deletes (the stories)
  // and deduplicates again (every sighting of them is on those pages; a
  // page's sightings of other stories rejoin their stories, which are
  // stored). Reaches that share a page are one group, each with its
  // stories' ids and its pages' names (sorted), in the order of their first
  // page in `pages`, and whether every one of its pages has a kept text
  // (PageText) or kept stories (PutPageStories), so that the group can be
  // built again from what is kept alone.
  struct Connected {
    std::vector<std::string> stories;
    std::vector<std::string> pages;
    bool all_texts_kept = true;
  };
  Result<std::vector<Connected>> ConnectedStories(std::span<const std::string> pages);
  // Deletes stories `ids` whole: their rows, sources, full-text rows, dedup
  // keys, relate readings, and the keys and redirects of the stories merged
  // into them. Marks the knowledge stale. Call in a transaction.
  Status DeleteStories(std::span<const std::string> ids);

  // The story (following redirects), its sources article first, then by
  // page name (not the order they were seen in, which depends on how the
  // pages were split across ingests).
  Result<std::optional<Story>> LoadStory(const std::string& id);
  // Inserts or replaces the story, its attachments and links, and adds its
  // sources from index `first_new_source` on (those before are stored).
  Status UpsertStory(const Story& story, size_t first_new_source = 0);
  // Deletes `old_id` (merged into `new_id`); lookups of old_id then find new_id.
  Status Redirect(const std::string& old_id, const std::string& new_id);
  // Dedup keys of a story, and the SimHashes whose bands are among them.
  Status AddKeys(const std::string& id, const std::vector<uint64_t>& keys,
                 const std::vector<uint64_t>& simhashes = {});
  // The rowid of the last key set stored (0: none), for ForEachKeySetUpTo.
  Result<int64_t> LastKeySet();
  // Calls fn(id, keys, simhashes) for each AddKeys call stored (so maybe
  // several times for one story) with a rowid up to `last`, in the order
  // they were made, without copies: the views are valid during the call
  // only. Key sets added after LastKeySet gave `last` are left out, so that
  // every scan reads the same ones. The keys of a story merged into another
  // stay under its old id: see ForEachRedirect.
  using KeySetViewFn = std::function<void(std::string_view id, std::span<const uint64_t> keys,
                                          std::span<const uint64_t> simhashes)>;
  Status ForEachKeySetUpTo(int64_t last, const KeySetViewFn& fn);
  // The version of dedup's keys that every stored story has (0 for an
  // archive that never recorded one), and recording it.
  Result<int64_t> DedupKeysVersion();
  Status SetDedupKeysVersion(int64_t version);
  // Every stored story's id and shapes (Story::shapes; a story stored
  // before they were kept, or whose row is damaged, has none).
  Status ForEachShapes(
      const std::function<void(std::string_view id,
                               const std::vector<std::vector<uint64_t>>& shapes)>& fn);
  // The paragraph keys found too common to follow (dedup::FindCommonLinks),
  // and adding to them (call in a transaction).
  Result<std::vector<uint64_t>> CommonKeys();
  Status AddCommonKeys(std::span<const uint64_t> keys);
  // Whether the stories stored since were checked for keys too common to
  // join them (an ingest's last step): cleared by every write of dedup's
  // changes, in its transaction, so that an ingest killed before the check
  // leaves it to the next (false for an archive that never had one).
  Result<bool> CommonLinksSettled();
  Status SetCommonLinksSettled(bool settled);
  // The names of the pages the stories `ids` have a source on, sorted.
  Result<std::vector<std::string>> PagesOfStories(std::span<const std::string> ids);
  // Calls fn(old_id, new_id) for every story merged into another.
  Status ForEachRedirect(
      const std::function<void(const std::string& old_id, const std::string& new_id)>& fn);

  Result<std::vector<Story>> Stories(const StoryQuery& query);
  // Every story's head, newest first (as Stories), and in `rowids` the
  // stories' rowids in the same order, for StoryTexts. Without
  // `text_sizes`, each head's text_size is 0 and no text is read (reading
  // every text for its length took a tenth of an ingest's relate).
  Result<std::vector<StoryHead>> StoryHeads(std::vector<int64_t>* rowids,
                                            bool text_sizes = true);
  // The id, date, title and text of the stories with these rowids (from
  // StoryHeads), in the same order, without sources, attachments or links:
  // what relate and events read. A rowid with no story is an error (kNotFound).
  Result<std::vector<Story>> StoryTexts(std::span<const int64_t> rowids);
  // The same with each text left empty, unread (a row's text, stored
  // before its language, is passed over).
  Result<std::vector<Story>> StoryTitles(std::span<const int64_t> rowids);
  // Full-text search (FTS5, BM25). Errors: kInvalidInput for a malformed query.
  Result<std::vector<SearchHit>> Search(const std::string& query, const StoryQuery& filter);
  // Search in two steps, for a caller that pages: every match ranked as
  // Search ranks them (same query, filter and order; filter.limit applies),
  // without snippets or stories; then the snippets and stories of some of
  // them. Errors: kInvalidInput for a malformed query (SearchRanked).
  Result<std::vector<RankedHit>> SearchRanked(const std::string& query, const StoryQuery& filter);
  Result<std::vector<SearchHit>> LoadHits(const std::string& query,
                                          std::span<const RankedHit> hits);
  // Search's ranking for a caller that holds the stories (annals serve):
  // every match's rowid and score, ranked as SearchRanked ranks them, with
  // `id` and `date` left empty and no date filter: no story row is read (at
  // 20,000 stories reading them took four times as long as the ranking).
  // Errors: kInvalidInput for a malformed query.
  // With `top` > 0, only the first `top` are in that order; the others
  // follow them unordered (FtsRank::SortTop), each ranking after them.
  Result<std::vector<RankedRow>> RankRows(const std::string& query, size_t top = 0);
  // Every story's rowid and id, read from the index on id alone.
  Result<std::vector<std::pair<int64_t, std::string>>> StoryRowids();
  // The snippet of `query` in each of these rows, in their order ("" for a
  // row it does not match), as LoadHits makes them.
  Result<std::vector<std::string>> Snippets(const std::string& query,
                                            std::span<const int64_t> rowids);
  // How many stories `query`'s dates select (its limit ignored), and how
  // many stories of the archive have no date.
  Result<std::pair<int64_t, int64_t>> CountStories(const StoryQuery& query);
  Result<int64_t> StoryCount();
  Result<ArchiveCounts> Counts();

  // What ReplaceKnowledge writes. Each mention takes the ids of
  // entities[m.entity] and stories[m.story]; each fact its entities' names
  // and its story's id and date.
  struct KnowledgeRows {
    std::span<const StoryHead> stories;
    std::span<const Entity> entities;
    std::span<const MentionRef> mentions;
    std::span<const FactRef> facts;
    std::span<const Event> events;
  };
  // Replaces every derived row (entities, mentions, facts, events).
  // Errors: kInvalidInput for a mention whose index is out of range, or a
  // fact whose story is (nothing is written; the caller rolls back).
  // The rows are recorded as derived from the inputs of `generation` (see
  // InputGeneration).
  Status ReplaceKnowledge(const KnowledgeRows& derived, int64_t generation);
  // Adds events one at a time after a ReplaceKnowledge, in its transaction,
  // for a caller that makes them one at a time (rows.events then empty).
  class EventWriter {
   public:
    Status Add(const Event& e);

   private:
    friend class StoryStore;
    explicit EventWriter(Stmt stmt) : stmt_(std::move(stmt)) {}
    Stmt stmt_;
  };
  Result<EventWriter> WriteEvents();
  // Adds mentions, then facts, after a ReplaceKnowledge, in its
  // transaction, for a caller that reads them back a story at a time
  // (rows.mentions and rows.facts then empty). Each takes the ids and names
  // of `stories` and `entities`, as ReplaceKnowledge's own. Errors:
  // kInvalidInput for an index out of range (the caller rolls back); kDb.
  class MentionWriter {
   public:
    Status Add(const MentionRef& m);
    // Writes the mentions still held. Call once, after the last Add.
    Status Finish();

   private:
    friend class StoryStore;
    MentionWriter(SqliteDb* db, Stmt many, std::span<const StoryHead> stories,
                  std::span<const Entity> entities);
    // Binds the held mentions to `stmt` (one row each) and runs it.
    Status Write(Stmt& stmt);
    // Each row is given rowid next_rowid_ and the next on (KnowledgeWriter),
    // when not 0; else SQLite's.
    int64_t next_rowid_ = 0;
    SqliteDb* db_;
    Stmt many_;  // a statement of kMentionRows rows
    std::span<const StoryHead> stories_;
    std::span<const Entity> entities_;
    std::vector<MentionRef> held_;
  };
  Result<MentionWriter> WriteMentions(std::span<const StoryHead> stories,
                                      std::span<const Entity> entities);
  class FactWriter {
   public:
    Status Add(const FactRef& f);

   private:
    friend class StoryStore;
    FactWriter(Stmt stmt, std::span<const StoryHead> stories, std::span<const Entity> entities)
        : stmt_(std::move(stmt)), stories_(stories), entities_(entities) {}
    Stmt stmt_;
    std::span<const StoryHead> stories_;
    std::span<const Entity> entities_;
    int64_t next_rowid_ = 0;  // as MentionWriter's
  };
  Result<FactWriter> WriteFacts(std::span<const StoryHead> stories,
                                std::span<const Entity> entities);
  // The derived rows of a relate written as changes to those stored: only
  // the entities and events whose rows differ, and only the mentions and
  // facts of the stories whose rows differ, are deleted and written again.
  // A story's rows are compared by a digest (XXH3, 128 bits) of exactly the
  // values its mention rows and fact rows hold, kept per story
  // (knowledge_digests) with the rowids its rows were written under (a
  // story's are consecutive, past every row stored when written), by which
  // they are deleted; entities and events by their stored rows, read back. With `full`, or where no digest is kept (an archive of before
  // version 11, or one whose knowledge ReplaceKnowledge wrote), every row
  // is deleted and written. The result, as LoadAll reads it, is the same
  // either way. Call in a transaction: UpdateKnowledge, then Story for each
  // story in order, then Event for each event, then Finish.
  class KnowledgeWriter {
   public:
    // Story `s`'s mentions and facts (each naming `s`), for s = 0, 1, ...
    // in order, every story once. Errors: kInvalidInput for an index out
    // of range or a story out of order (the caller rolls back); kDb.
    Status Story(uint32_t s, std::span<const MentionRef> mentions, std::span<const FactRef> facts);
    // Writes `e` unless the same row is stored. Two of one id: the last
    // is kept (as INSERT OR REPLACE).
    Status Event(const annals::Event& e);
    // Deletes the rows of stories, entities and events not given, records
    // the rows as derived from `generation` (InputGeneration).
    Status Finish(int64_t generation);
    // What was written: stories whose mentions or facts were, entities, events.
    size_t stories_written() const { return stories_written_; }
    size_t entities_written() const { return entities_written_; }
    size_t events_written() const { return events_written_; }

   private:
    friend class StoryStore;
    KnowledgeWriter(StoryStore* store, std::span<const StoryHead> stories,
                    std::span<const Entity> entities, bool full, MentionWriter mentions,
                    FactWriter facts, EventWriter events)
        : store_(store), stories_(stories), entities_(entities), full_(full),
          mentions_(std::move(mentions)), facts_(std::move(facts)), events_(std::move(events)) {}
    // A digest as stored (knowledge_digests): XXH3's 128 bits, low half first.
    using Digest = std::array<char, 16>;
    struct Digests {
      Digest mentions{}, facts{};
      // False where a stored digest is not 16 bytes: it equals no digest.
      bool valid = true;
      int64_t mentions_first = 0, mentions_count = 0;  // rowids
      int64_t facts_first = 0, facts_count = 0;
    };
    // An event stored: the digest of its row's values, and whether an event
    // of its id was given.
    struct StoredEvent {
      Digest row{};
      bool given = false;
    };
    // The events stored, by id. An id of 16 lowercase hex digits (each id
    // relate makes) is kept as its value in an array sorted by it, 32 bytes
    // an event; any other id in a map. A map of strings took about 100 bytes
    // an event with malloc's own: some 40 MB at the peak of an add to 100,000
    // stories (388,275 events).
    class StoredEvents {
     public:
      void Add(std::string_view id, const Digest& row);
      // After the last Add: sorts the array.
      void Seal();
      // The event of `id` stored, or null.
      StoredEvent* Find(std::string_view id);
      // Calls f(id) for each event not given, in no set order.
      Status ForEachNotGiven(const std::function<Status(const std::string&)>& f) const;
      void Clear();

     private:
      struct Packed {
        uint64_t id = 0;
        StoredEvent event;
      };
      std::vector<Packed> packed_;
      std::unordered_map<std::string, StoredEvent> other_;
    };
    StoryStore* store_;
    std::span<const StoryHead> stories_;
    std::span<const Entity> entities_;
    bool full_;
    MentionWriter mentions_;
    FactWriter facts_;
    EventWriter events_;
    uint32_t next_ = 0;  // the next story
    std::unordered_map<std::string, Digests> digests_;  // stored, of stories not given yet
    StoredEvents events_stored_;
    std::string row_;  // scratch
    size_t stories_written_ = 0, entities_written_ = 0, events_written_ = 0;
  };
  Result<std::unique_ptr<KnowledgeWriter>> UpdateKnowledge(std::span<const StoryHead> stories,
                                                           std::span<const Entity> entities,
                                                           bool full);
  // The per-story readings kept between runs: relate's (extract::
  // ReadingCache, table readings) and the events' (events::EventOptions::
  // cache, table event_readings), a record a story id, stored under the key
  // it was made with.
  enum class Readings { kRelate, kEvents };
  // The record kept for story `id` under `key`; nullopt when there is none,
  // or one under another key. Errors: kDb.
  Result<std::optional<std::string>> Reading(Readings of, const std::string& id, uint64_t key);
  // Whether any reading of `of` is kept. Errors: kDb.
  Result<bool> HasReadings(Readings of);
  // Keeps `record` for story `id` under `key`, replacing any. Errors: kDb.
  Status PutReading(Readings of, const std::string& id, uint64_t key, std::string_view record);
  // Drops the readings of stories the archive no longer holds (merged away).
  Status DropOrphanReadings(Readings of);
  // Whether this connection reads the file's pages through a mapping of it
  // (as a read-only store always does), not copied by pread into its cache:
  // a relate reads every text three times, and its cache holds less than
  // an archive's texts. Errors: kDb.
  Status MapReads(bool on);
  // The most memory this connection's page cache may take (SQLite's
  // cache_size), in KiB; Open sets kCacheKiB. Errors: kDb.
  static constexpr int64_t kCacheKiB = 65536;
  Status SetCacheKiB(int64_t kib);
  // The generation of what the knowledge is derived from, the stories and
  // the corrections: it goes up by one with each transaction that adds,
  // changes (id, date, title or text) or merges away a story, or adds a
  // correction, in that transaction. Read it in the snapshot the knowledge
  // is derived from.
  Result<int64_t> InputGeneration();
  // True when the entities, facts and events were derived from an older
  // generation than the current one (or never, while there are stories):
  // an ingest that stops between its stories and its relate, or one that
  // skips relate, leaves them stale.
  Result<bool> KnowledgeStale();
  // Entities, the most mentioned first.
  Result<std::vector<Entity>> Entities();
  // Stories, entities, mentions, facts and events.
  Result<ArchiveData> LoadAll();

  // For the server (story_store_serve.cc). LoadHeads: LoadAll, in the same
  // order, without the stories' texts (each text ""), and every story's
  // rowid and id in `rowids` (StoryRowids'), read in two passes over the
  // stories and their sources. StoryTextsById: the texts of the stories `ids`,
  // in their order ("" for an id not stored). Call both in one read
  // snapshot (BeginRead) to read one state of the archive. Errors: kDb.
  Result<ArchiveData> LoadHeads(std::vector<std::pair<int64_t, std::string>>* rowids);
  Result<std::vector<std::string>> StoryTextsById(std::span<const std::string> ids);
  // LoadHeads' parts that annals posts reads (story_store_serve.cc): the
  // entities and the holds_post facts in LoadAll's order, no mentions, other
  // facts or events; the stories in LoadAll's order, without their texts
  // with `story_heads`, else their ids alone (each field but `id` empty).
  Result<ArchiveData> LoadPostFacts(bool story_heads);

  // SQLite's integrity check (see Archive::Check): empty when sound, else
  // SQLite's findings (at most 100), then a line per table they affect,
  // saying what it holds.
  Result<std::vector<std::string>> Check();

  // The corrections: stored (c.seq is ignored; a new one is numbered past
  // every number used before), listed oldest first with their numbers, and
  // removed by number (false when none has it). Adding and removing mark
  // the knowledge stale (InputGeneration), in the same transaction.
  Status AddCorrection(const CorrectionRow& c);
  Result<std::vector<CorrectionRow>> Corrections();
  Result<bool> RemoveCorrection(int64_t seq);
  // The holds_post facts of the persons named `persons` (canonical names),
  // for checking a merge of two people.
  Result<std::vector<Fact>> PostsHeldBy(const std::vector<std::string>& persons);

  SqliteDb* db() { return db_.get(); }
  // The archive's file name, or "" for an archive in memory.
  std::string Path() const;

 private:
  explicit StoryStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Status Migrate();
  // The schema version the meta table records (0 for a new file).
  Result<int> SchemaVersion();
  Result<std::vector<Story>> QueryStories(const std::string& where, const StoryQuery& query);
  // StoryTexts, or with `texts` false StoryTitles.
  Result<std::vector<Story>> ReadStories(std::span<const int64_t> rowids, bool texts);
  // A prepared statement for `sql`, prepared once and reset for reuse;
  // nullptr when it does not prepare (db_->LastError() says why).
  Stmt* Cached(const char* sql);
  // Resets every cached statement. A statement left on a row keeps its read
  // transaction open, and while any is open SQLite cannot start the WAL file
  // over: it grew to the whole archive until the file was closed.
  void ReleaseReads();
  // Queues the removal of story `id`'s indexed title and text (if stored).
  // With `deleting` (DeleteStories), in a transaction, the story may take
  // its rowid back when written again (deleted_rows_).
  Status UnindexStory(const std::string& id, bool deleting = false);
  // The same for a row already read.
  void QueueUnindex(int64_t rowid, std::optional<std::string> title, std::string text);
  // Applies the queued full-text changes (at Commit, or after a write
  // outside a transaction).
  Status FlushFts();
  // Runs `sql`, a DELETE of rowids BETWEEN ?1 AND ?2, for the `count`
  // rowids from `first` (none when count is 0).
  Status DeleteRowids(const char* sql, int64_t first, int64_t count);
  // Moves the input generation on (once per transaction).
  Status MarkKnowledgeStale();
  // A number in the meta table (0 when absent), and writing one.
  Result<int64_t> MetaInt(const char* key);
  Status SetMetaInt(const char* key, int64_t value);
  // The page and slash-date totals of `counts` added to the stored ones
  // (sign 1) or taken off them (sign -1, none below 0).
  Status AddProfileTotals(const LineCounts& counts, int sign);
  // Makes the tables of the lookup index (kLookupTables) once.
  Status LookupTables();
  bool lookup_tables_ = false;
  // The rowid of page `name`, adding a row (hash 0) for one not recorded.
  Result<int64_t> PageRow(const std::string& name);

  struct FtsRow {
    int64_t rowid;
    std::optional<std::string> title;  // nullopt: stored as NULL
    std::string text;
  };
  std::unique_ptr<SqliteDb> db_;
  // annals_bm25 on db_ (RankRows), registered at its first use; after db_
  // so that it goes first.
  std::unique_ptr<FtsRank> rank_;
  bool in_transaction_ = false;
  bool marked_stale_ = false;  // in this transaction
  std::vector<FtsRow> fts_deletes_;            // old rows to take out of the index
  std::unordered_set<int64_t> fts_inserts_;  // rows to index
  // In this transaction: the queued deletes by rowid (fts_deletes_ index),
  // and the stories unindexed to be deleted, by id. A story deleted and
  // written again (a group built again, issue 24) takes back its rowid, and
  // with its title and text as they were, its delete from the index is
  // cancelled: rebuilding 10,000 stories rewrote the index of them all.
  // New stories of such a transaction are written past every rowid it
  // deleted (deleted_max_), so that none takes a row a story comes back to.
  std::unordered_map<int64_t, size_t> fts_delete_at_;
  std::unordered_map<std::string, int64_t> deleted_rows_;
  int64_t deleted_max_ = 0;
  std::unordered_map<std::string, int64_t> page_rows_;  // pages' rowids, in this transaction
  std::unordered_map<const char*, Stmt> cache_;  // by the address of a literal
  std::chrono::steady_clock::time_point deadline_{};  // SetDeadline; default: none
};

}  // namespace annals::store
