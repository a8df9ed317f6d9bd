// Archive: the embedded API over one archive file (SQLite). Everything the
// CLI and the server do goes through this class.
// Thread safety: an Archive is used by one thread at a time; open one per
// thread. Several processes may read one file; one writes at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "annals/options.h"
#include "annals/result.h"
#include "annals/types.h"

namespace annals {

struct SkippedInput {
  std::string name;    // file or URL
  std::string reason;  // why it was skipped
};

// What one ingest did.
struct IngestReport {
  int pages_read = 0;
  int pages_unchanged = 0;  // read before with the same bytes: nothing to do
  // Stored pages read again with other content (a file changed in place):
  // their old content gave way to the new, their stories were rebuilt.
  int pages_changed = 0;
  // Stored pages read again with other content that gives the same stories
  // (markup, menus or counters changed): their new content was recorded,
  // their stories kept as they were.
  int pages_changed_same = 0;
  int pages_skipped = 0;
  std::vector<SkippedInput> skipped;
  // Pages read with a warning, each with its file or URL (`reason`: the
  // warning; a declared charset that the bytes contradict, say).
  std::vector<SkippedInput> warnings;
  int records_read = 0;     // WARC records
  int records_skipped = 0;  // WARC records that are not pages
  std::vector<std::pair<std::string, int>> records_skipped_by_reason;
  double megabytes = 0;
  int stories_new = 0;
  int stories_seen_again = 0;  // sightings that merged into a story already stored
  int stories_updated = 0;     // stored stories whose text, date or title changed
  // Stories built again because a paragraph that joined their sightings
  // turned out to be in too many sightings of the archive to be followed
  // (issue 24: what any order of the pages gives).
  int stories_rebuilt = 0;
  std::vector<std::string> new_story_ids;
  // Seconds spent per stage, summed over threads.
  double read_s = 0, parse_s = 0, dedup_s = 0, store_s = 0, relate_s = 0, events_s = 0;
  double wall_s = 0;
  bool interrupted = false;  // stopped by PipelineOptions::stop; what was read is stored
};

// Called while ingesting: pages done, pages total (0 if unknown), bytes done, stories so far.
using ProgressFn = std::function<void(int, int, double, int)>;

struct StoryQuery {
  std::string since;  // "YYYY-MM-DD" or ""
  std::string until;
  int limit = 0;  // 0: all
  std::string language;  // "ru": only the stories of that language; "" all
};

struct SearchHit {
  Story story;
  std::string snippet;  // with [ and ] around matched terms
  double score = 0;     // BM25, lower is better (SQLite convention)
};

// A user's correction of the entities, as stored.
struct Correction {
  // "merge" (b folded into a) | "split" (alias b off a) | "rename" (a to b)
  // | "retype" (a's type to b: "person", "organization", ...)
  std::string kind;
  std::string a, b;
  int64_t number = 0;  // what UndoCorrection takes; never given to another
};

// A search match before its snippet and story are read (Archive::SearchRanked).
struct RankedHit {
  int64_t rowid = 0;  // the story's row in the archive, for LoadHits
  std::string id;
  std::string date;  // "" when unknown
  double score = 0;  // BM25, lower is better
};

// A match as Archive::RankMatches gives it: its row and score only (16
// bytes: a server ranking 17,000 matches a search moves no strings).
struct RankedRow {
  int64_t rowid = 0;
  double score = 0;  // BM25, lower is better
};

// How many rows the archive holds.
struct ArchiveCounts {
  int64_t stories = 0, entities = 0, mentions = 0, facts = 0, events = 0;
};

class Archive {
 public:
  struct Impl;  // declared here, defined in archive.cc only
  // Opens (creating if absent) the archive file at `path`.
  // Errors: kDb when the file is not an annals archive or cannot be opened;
  // kCorrupt when its schema version is newer than this program.
  static Result<std::unique_ptr<Archive>> Open(const std::string& path);
  // Opens an existing archive to read it only (the read commands, annals
  // serve): nothing is created, migrated or written, even in a read-only
  // folder or file; Ingest, Relate and the corrections fail. Reads while
  // another process ingests. Errors: kNotFound (no file), kDb (not an
  // archive), kUnsupported when its schema needs an upgrade (which writes).
  static Result<std::unique_ptr<Archive>> OpenReadOnly(const std::string& path);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // Reads every input (files, directories recursively, "-" for stdin, WARC),
  // adds what is new, and reruns relate when the knowledge is stale (unless
  // options.relate is false). Unreadable inputs are reported in the report,
  // never fatal. Errors: kDb when the archive cannot be written.
  Result<IngestReport> Ingest(const std::vector<std::string>& inputs,
                              const PipelineOptions& options, const ProgressFn& progress = {});
  // Rebuilds the entities, mentions, facts and events from every stored
  // story (and the corrections), stale or not. The report has the seconds
  // (store_s, relate_s, events_s, wall_s). Errors: kDb.
  Result<IngestReport> Relate(const PipelineOptions& options);
  // True when stories were added, changed or merged (or a correction made)
  // since the knowledge was last rebuilt: an ingest with options.relate
  // false, or one that stopped before its relate.
  Result<bool> KnowledgeStale();
  // Writes (Ingest, Relate, the entity corrections) take the archive's
  // writer lock, one process at a time; `fn` is called with a line for the
  // user when one waits for another process's write to finish.
  void OnWait(std::function<void(const std::string&)> fn);
  // SQLite's integrity check of the whole file: empty when the archive is
  // sound, else one line per problem, naming the tables it affects.
  // Errors: kCorrupt or kDb when the check itself cannot run.
  Result<std::vector<std::string>> Check();
  Result<ArchiveCounts> Stats();

  // Each read below reads one snapshot of the archive, whatever another
  // process commits meanwhile. Errors: kCorrupt ("the archive is damaged:
  // ...") when a page of the file is damaged; kDb.
  // Between HoldSnapshot and ReleaseSnapshot, every read sees the same one:
  // for a command that reads in several steps (the stories without their
  // texts, then the texts of those it shows), so that a story another
  // process merges away meanwhile is still there with its text. Holds one
  // read transaction (no writer waits for it; the write-ahead log is not
  // checkpointed past it). Calls nest; closing the archive releases a
  // snapshot still held. Errors: kDb.
  Status HoldSnapshot();
  Status ReleaseSnapshot();
  Result<std::vector<Story>> Stories(const StoryQuery& query);
  // How many stories Stories(query) would list without its limit, and how
  // many stories have no date (which since/until leave out).
  struct StoryTotals {
    int64_t matching = 0;
    int64_t undated = 0;
  };
  Result<StoryTotals> CountStories(const StoryQuery& query);
  // Errors: kNotFound.
  Result<Story> GetStory(const std::string& id);
  // Errors: kInvalidInput with a one-line explanation for a malformed query.
  Result<std::vector<SearchHit>> Search(const std::string& query, const StoryQuery& filter);

  // Search in two steps, for paging: every match ranked, as Search ranks
  // them, without snippets or stories (cheap); then the snippets and
  // stories of the page shown. Errors: as Search.
  Result<std::vector<RankedHit>> SearchRanked(const std::string& query, const StoryQuery& filter);
  Result<std::vector<SearchHit>> LoadHits(const std::string& query,
                                          const std::vector<RankedHit>& hits);
  // For a caller that holds the stories (the server's snapshot): every
  // match's rowid and score, ranked as SearchRanked ranks them (BM25, ties by
  // rowid), with no date filter; no story is read. Errors: as Search.
  // With `top` > 0, only the first `top` are in that order: the others
  // follow them, unordered, each ranking after them (a page of 20 does not
  // sort 17,000 matches).
  Result<std::vector<RankedRow>> RankMatches(const std::string& query, size_t top = 0);
  // Every story's rowid and id (what RankMatches' rowids are).
  Result<std::vector<std::pair<int64_t, std::string>>> StoryRowids();
  // The snippets of `query` in these rows, in their order, as LoadHits makes
  // them ("" where it does not match). Errors: as Search.
  Result<std::vector<std::string>> Snippets(const std::string& query,
                                            const std::vector<int64_t>& rowids);

  // The whole archive in the SCHEMA.md shape, read in one snapshot: what
  // another process commits meanwhile is not half seen.
  Result<ArchiveData> Export();
  // For the server's snapshot: Export without the stories' texts (each
  // text ""), with every story's rowid and id (StoryRowids') in `rowids`,
  // read in one snapshot; and the texts of the stories `ids`, in their
  // order ("" for an id not stored), for the page shown.
  Result<ArchiveData> ExportHeads(std::vector<std::pair<int64_t, std::string>>* rowids);
  Result<std::vector<std::string>> StoryTexts(const std::vector<std::string>& ids);
  // What annals posts reads (query::PostHolders), in one snapshot: Export's
  // entities and holds_post facts, in its order; its stories, in its order,
  // without their texts with `story_heads` (as ExportHeads), else their ids
  // alone. No mentions, other facts or events.
  Result<ArchiveData> ExportPostFacts(bool story_heads);
  // Changes whenever another connection commits to the archive: compare two
  // values to know whether what was read is still current.
  Result<int64_t> DataVersion();
  // Past `deadline`, reads of the archive fail (kDb, "interrupted") instead
  // of going on; a default-constructed time point removes the bound.
  void SetDeadline(std::chrono::steady_clock::time_point deadline);

  // The article text the reader finds in one page, without storing it
  // (annals extract --text). Errors: those of reading and decoding.
  static Result<std::string> ArticleText(const std::string& path, const PipelineOptions& options);
  // How the publication date of each HTML page in `path` (a file or a WARC)
  // was chosen: the date, the reason, every piece of evidence (annals
  // extract --explain-dates). Errors: those of reading.
  static Result<std::string> ExplainDates(const std::string& path, const PipelineOptions& options);
  // The lines of the text pages of `inputs`, read as one crawl, with the
  // features the text segmenter's line model reads: TSV with a header
  // (annals extract --dump-lines; scripts/fit_line_model.py reads it).
  // Errors: those of reading when no page could be read.
  static Result<std::string> DumpLines(const std::vector<std::string>& inputs,
                                       const PipelineOptions& options);

  // User corrections of entities: stored, applied now and after every ingest.
  // Names are found as relate finds them: a name or alias, case and
  // punctuation folded. Errors: kNotFound when a name matches no entity;
  // kInvalidInput for a rename to the name or alias of another entity (a
  // merge, asked for as one).
  // A merge is refused (kFailedPrecondition, saying why) unless `force`,
  // when the two are of different types, or are two people attested in the
  // same post of the same organization over overlapping dates.
  Status MergeEntities(const std::string& keep, const std::string& other, bool force = false);
  Status SplitEntity(const std::string& entity, const std::string& alias);
  Status RenameEntity(const std::string& entity, const std::string& new_name);
  // Gives an entity another type (a name EntityTypeName prints).
  // Errors: kInvalidInput for an unknown type, a type it has already, or
  // when an entity of that type has its name (merge them instead).
  Status RetypeEntity(const std::string& entity, const std::string& type);
  // Removes the correction numbered `number` (Corrections) and relates
  // again without it. Errors: kNotFound when no correction has that number.
  Status UndoCorrection(int64_t number);
  // The corrections stored, oldest first, with their numbers.
  Result<std::vector<Correction>> Corrections();

 private:
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The archive JSON for a set of pages, without a database (annals extract):
// the pages are segmented and deduplicated together exactly as Ingest would.
// Unreadable pages are listed in the report.
Result<ArchiveData> ExtractPages(const std::vector<std::string>& inputs,
                                 const PipelineOptions& options, IngestReport* report);

}  // namespace annals
