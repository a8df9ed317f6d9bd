#include "src/store/story_store.h"

#include "src/store/store_rows.h"

#include "src/common/hex.h"
#include "src/common/record_log.h"
#include "src/common/union_find.h"
#include "src/common/xxhash_inline.h"
#include "src/text/lang_data.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

namespace annals::store {
namespace {

// Schema version 5. A page name is known with each content it was read
// with (page_versions, version 5), so that two captures of one URL are both
// unchanged on the next ingest; `pages` holds a row a name, with the last.
// Lists (attachments, links, aliases, participants, story
// ids) are stored one item per line: none of them can contain a newline.
// Dedup keys are read by a scan of the table (all of them when an ingest
// starts, or once per batch: Deduplicator::UseStored), never by key, so they
// are written in the order they come, one row of blobs (Stmt::BindInts) per
// story and batch: version 1 kept a row per key in key order, and each
// batch's random inserts rewrote most of that B-tree.
// stories_fts is kept in step with stories by StoryStore itself, not by
// triggers (version 1 had triggers): FTS5 writes its pending terms to disk
// at every statement savepoint, so a trigger made one index segment per
// story; StoryStore indexes a whole transaction's stories in one statement.
// knowledge_digests (version 11) keeps a digest of each story's mention
// rows and fact rows and the range of rowids they hold, so that a relate
// deletes and writes only the rows of the stories whose rows changed
// (KnowledgeWriter); LoadAll orders them by story, so that the order they
// were written in does not show. (An index of mentions by story would do
// the same; kept up at each insert, it cost an ingest of 10,000 pages
// several CPU-seconds more.)
// readings (version 7) keeps relate's reading of each story (what
// extract::ReadStory found: its names and raw facts, about 2 KB a story),
// under a key of the story's title, text and date and of the program that
// read it, so that a relate reads again only the stories that are new or
// changed (extract::ReadingCache). event_readings (version 13) keeps the
// events' reading of each story the same way (events::EventOptions::cache:
// its reports, about 110 bytes a story; WITHOUT ROWID, so that the story
// ids are not kept twice, in the table and in an index of them).
// A source row names its story and page by their rowids (version 4): a
// story's rowid grows with the order stories are first seen, and a page is
// recorded in the batch its sightings come in, so a batch's sources go near
// the end of the table's B-tree. Version 3 keyed them by the story's id, a
// hash: each batch's inserts rewrote most of the table's pages, and the
// bytes written grew with the square of the archive (100,000 pages wrote
// 8 GB for a 1.5 GB archive).
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages(
  name TEXT PRIMARY KEY, hash INTEGER NOT NULL, bytes INTEGER NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE IF NOT EXISTS page_versions(
  name TEXT NOT NULL, hash INTEGER NOT NULL, PRIMARY KEY(name, hash)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories(
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT, title TEXT,
  text TEXT NOT NULL, attachments TEXT NOT NULL DEFAULT '', links TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL DEFAULT (datetime('now')), language TEXT NOT NULL DEFAULT '',
  earliest_date TEXT, greatest_title TEXT);
CREATE INDEX IF NOT EXISTS stories_date ON stories(date);
CREATE TABLE IF NOT EXISTS sources(
  story INTEGER NOT NULL, page INTEGER NOT NULL, role TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(story, page, role)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_key_sets(
  story_id TEXT NOT NULL, keys BLOB NOT NULL, simhashes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS story_redirects(old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_shapes(id TEXT PRIMARY KEY, shapes BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS common_keys(key INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS stories_fts USING fts5(
  title, text, content='stories', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS entities(
  id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL,
  mentions INTEGER NOT NULL, first_seen TEXT, last_seen TEXT);
CREATE TABLE IF NOT EXISTS mentions(
  entity_id TEXT NOT NULL, story_id TEXT NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS facts(
  type TEXT NOT NULL, person TEXT, post TEXT, organization TEXT, country TEXT, year INTEGER,
  date TEXT, story_id TEXT, sentence_begin INTEGER, sentence_end INTEGER);
CREATE TABLE IF NOT EXISTS events(
  id TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT, date_end TEXT, place TEXT,
  participants TEXT NOT NULL, chair TEXT, stories TEXT NOT NULL, story_id TEXT,
  sentence_begin INTEGER, sentence_end INTEGER);
CREATE TABLE IF NOT EXISTS corrections(
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS profile_lines(
  long_line INTEGER NOT NULL, key INTEGER NOT NULL, pages INTEGER NOT NULL,
  tail_pages INTEGER NOT NULL, PRIMARY KEY(long_line, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS knowledge_digests(
  story_id TEXT PRIMARY KEY, mentions BLOB NOT NULL, facts BLOB NOT NULL,
  mentions_first INTEGER NOT NULL, mentions_count INTEGER NOT NULL,
  facts_first INTEGER NOT NULL, facts_count INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS readings(
  story_id TEXT PRIMARY KEY, key INTEGER NOT NULL, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS event_readings(
  story_id TEXT PRIMARY KEY, key INTEGER NOT NULL, record BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_texts(
  page INTEGER PRIMARY KEY, url TEXT NOT NULL, fetched TEXT NOT NULL, text BLOB NOT NULL,
  segmentation INTEGER NOT NULL, lookups BLOB);
CREATE TABLE IF NOT EXISTS page_stories(page INTEGER PRIMARY KEY, stories BLOB NOT NULL);
)sql";
// The index of the kept pages' lookups (AddLookupKeys, AddYesLookups), made
// at its first use in an archive of any schema from 10 on (no new version:
// an archive without it checks every kept page, as before, and builds it).
constexpr const char* kLookupTables = R"sql(
CREATE TABLE IF NOT EXISTS lookup_keys(
  bucket INTEGER NOT NULL, seq INTEGER NOT NULL, postings BLOB NOT NULL,
  PRIMARY KEY(bucket, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lookup_yes(
  kind INTEGER NOT NULL, key INTEGER NOT NULL, PRIMARY KEY(kind, key)) WITHOUT ROWID;
)sql";

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out.push_back('\n');
    out += s;
  }
  return out;
}

// A stored story's row as the full-text index holds it (title may be NULL).
constexpr const char* kSelectIndexed = "SELECT rowid, title, text FROM stories WHERE id=?";

#define RETURN_IF_ERROR(expr)           \
  do {                                  \
    auto _st = (expr);                  \
    if (!_st) return tl::unexpected(_st.error()); \
  } while (0)

}  // namespace

std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t e = s.find('\n', at);
    if (e == std::string_view::npos) e = s.size();
    out.emplace_back(s.substr(at, e - at));
    at = e + 1;
  }
  return out;
}

Fact FactOfRow(const Stmt& q) {
  Fact x;
  const std::string_view t = q.TextView(0);
  x.type = t == "chairs"      ? FactType::kChairs
           : t == "member_of" ? FactType::kMemberOf
                              : FactType::kHoldsPost;
  x.person = q.Text(1);
  x.post = q.Text(2);
  x.organization = q.Text(3);
  x.country = q.Text(4);
  x.year = static_cast<int>(q.Int(5));
  x.date = q.Text(6);
  x.story_id = q.Text(7);
  x.sentence_begin = static_cast<uint32_t>(q.Int(8));
  x.sentence_end = static_cast<uint32_t>(q.Int(9));
  return x;
}

Event EventOfRow(const Stmt& q) {
  Event x;
  x.id = q.Text(0);
  ParseEventType(q.Text(1), &x.type);
  x.date = q.Text(2);
  x.date_end = q.Text(3);
  x.place = q.Text(4);
  x.participants = SplitLines(q.TextView(5));
  x.chair = q.Text(6);
  x.stories = SplitLines(q.TextView(7));
  x.story_id = q.Text(8);
  x.sentence_begin = static_cast<uint32_t>(q.Int(9));
  x.sentence_end = static_cast<uint32_t>(q.Int(10));
  return x;
}

Result<std::unique_ptr<StoryStore>> StoryStore::Open(const std::string& path) {
  auto db = SqliteDb::Open(path);
  if (!db) return tl::unexpected(db.error());
  std::unique_ptr<StoryStore> s(new StoryStore(std::move(*db)));
  auto not_archive = [&](const std::string& why) {
    return Fail(ErrorCode::kDb, path + " is not an annals archive (" + why + ")");
  };
  // The file is read before anything is written to it: a file that is not
  // an archive (an SQLite database of another program, or no database at
  // all) is refused as it was found, never switched to WAL.
  {
    auto tables = s->db_->Prepare(
        "SELECT count(*), count(*) FILTER (WHERE name='meta') FROM sqlite_master "
        "WHERE type='table'");
    Status st = Ok();
    if (!tables || !tables->Step(&st)) {
      const Error e = tables ? st.error() : tables.error();
      if (e.code == ErrorCode::kCorrupt &&
          (sqlite3_errcode(s->db_->handle()) & 0xFF) == SQLITE_NOTADB) {
        return not_archive("not an SQLite database");
      }
      return tl::unexpected(e);
    }
    const bool has_tables = tables->Int(0) > 0, has_meta = tables->Int(1) > 0;
    tables->Reset();
    // An archive records its schema version in the transaction that makes
    // its tables: tables without it are another program's, even one with
    // a table named meta.
    bool versioned = false;
    if (has_meta) {
      auto v = s->db_->Prepare("SELECT count(*) FROM meta WHERE key='schema_version'");
      if (!v && v.error().code == ErrorCode::kCorrupt) return tl::unexpected(v.error());
      if (!v) return not_archive("an SQLite file of another program");
      if (!v->Step(&st)) return tl::unexpected(st ? s->db_->LastFailure() : st.error());
      versioned = v->Int(0) > 0;
    }
    if (has_tables && !versioned) return not_archive("an SQLite file of another program");
  }
  // WAL: readers (search, the server) do not block the writer.
  // The page cache bounds the archive's memory; 64 MiB holds the B-tree
  // pages that random-keyed inserts (dedup keys) touch in an archive of
  // some 100,000 stories, where SQLite's default 2 MB made each insert a read.
  // 16 KiB pages (for a new file; an existing one keeps its size) hold the
  // FTS5 index's large blobs in fewer overflow pages: indexing is about a
  // quarter faster than with 4 KiB.
  // The WAL is copied into the file every 8,192 pages (128 MiB) instead of
  // 2,048: a page that many transactions rewrite (an index's, the FTS
  // index's) is copied once for more of them. The store's time for 10,000
  // pages was 0.85x of that with 2,048; the WAL file is at most that size
  // (and one transaction) while the archive is open, and goes at close.
  if (auto st = s->db_->Exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; "
                             "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; "
                             "PRAGMA wal_autocheckpoint=8192;");
      !st) {
    return tl::unexpected(st.error());
  }
  if (auto st = s->SetCacheKiB(kCacheKiB); !st) return tl::unexpected(st.error());
  if (auto st = s->Migrate(); !st) {
    if (IsDamaged(st.error())) return tl::unexpected(st.error());
    return Fail(st.error().code, store::NameFile(path, st.error().message));
  }
  return s;
}

Result<std::unique_ptr<StoryStore>> StoryStore::OpenReadOnly(const std::string& path) {
  std::error_code exists_ec;
  if (!std::filesystem::is_regular_file(path, exists_ec)) {
    return Fail(ErrorCode::kNotFound, "no archive at " + path);
  }
  Error last;
  for (const SqliteDb::Mode mode : {SqliteDb::Mode::kReadOnly, SqliteDb::Mode::kImmutable}) {
    auto db = SqliteDb::Open(path, mode);
    if (!db) return tl::unexpected(db.error());
    std::unique_ptr<StoryStore> s(new StoryStore(std::move(*db)));
    auto q = s->db_->Prepare("SELECT value FROM meta WHERE key='schema_version'");
    if (!q) {
      const int rc = sqlite3_errcode(s->db_->handle()) & 0xFF;
      last = q.error();
      // A WAL file in a directory where no -shm file can be made: read as immutable.
      if (mode == SqliteDb::Mode::kReadOnly && (rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY)) {
        // Immutable reading ignores a -wal file, whose commits it would miss.
        std::error_code ec;
        const auto wal = std::filesystem::file_size(path + "-wal", ec);
        if (!ec && wal > 0) {
          return Fail(ErrorCode::kIo,
                      path + " has commits in its journal " + path +
                          "-wal that cannot be read where no -shm file can be made (" +
                          q.error().message + "); read it once where its folder may be written");
        }
        continue;
      }
      if (rc == SQLITE_NOTADB) {
        return Fail(ErrorCode::kDb, path + " is not an annals archive (not an SQLite database)");
      }
      if (rc == SQLITE_ERROR) {  // no meta table
        return Fail(ErrorCode::kDb, path + " is not an annals archive");
      }
      return Fail(ErrorCode::kDb, path + " is not an annals archive (" + q.error().message + ")");
    }
    Status st = Ok();
    const std::string v = q->Step(&st) ? q->Text(0) : "";
    if (!st) return tl::unexpected(st.error());
    if (v.empty()) {
      return Fail(ErrorCode::kDb,
                  path + " is not an annals archive (an SQLite file of another program)");
    }
    if (v != std::to_string(kSchemaVersion)) {
      return Fail(ErrorCode::kUnsupported,
                  path + " is an archive of schema version " + (v.empty() ? "?" : v) + ", not " +
                      std::to_string(kSchemaVersion) +
                      "; a command that writes (annals relate) upgrades it where it may write");
    }
    q->Reset();
    // Pages read through a mapping of the file, not copied by pread into
    // each connection's cache: a cold search of the server read the
    // search index's and the stories' pages so (6-7% of its CPU time).
    (void)s->SetCacheKiB(kCacheKiB);
    (void)s->MapReads(true);
    return s;
  }
  return tl::unexpected(last);
}

Result<int64_t> StoryStore::DataVersion() {
  auto q = db_->Prepare("PRAGMA data_version");
  if (!q) return tl::unexpected(q.error());
  Status st = Ok();
  if (!q->Step(&st)) return tl::unexpected(st ? db_->LastFailure() : st.error());
  return q->Int(0);
}

void StoryStore::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  deadline_ = deadline;
  if (deadline == std::chrono::steady_clock::time_point{}) {
    sqlite3_progress_handler(db_->handle(), 0, nullptr, nullptr);
    return;
  }
  // Checked every 1,000 virtual-machine steps (a few microseconds).
  sqlite3_progress_handler(
      db_->handle(), 1000,
      [](void* self) -> int {
        return std::chrono::steady_clock::now() > static_cast<StoryStore*>(self)->deadline_ ? 1
                                                                                           : 0;
      },
      this);
}

Result<int> StoryStore::SchemaVersion() {
  auto q = db_->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  if (!q) {
    // No meta table: a new file (Open refused any other).
    if (q.error().code == ErrorCode::kCorrupt) return tl::unexpected(q.error());
    return 0;
  }
  Status st = Ok();
  int version = 0;
  if (q->Step(&st)) {
    const std::string v = q->Text(0);
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec != std::errc() || end != v.data() + v.size()) {
      return Fail(ErrorCode::kCorrupt, "archive schema version is not a number: '" + v + "'");
    }
  }
  if (!st) return tl::unexpected(st.error());
  return version;
}

Status StoryStore::Migrate() {
  auto seen = SchemaVersion();
  if (!seen) return tl::unexpected(seen.error());
  auto too_new = [](int version) {
    return Fail(ErrorCode::kCorrupt, "archive schema version " + std::to_string(version) +
                                         " is newer than this program's (" +
                                         std::to_string(kSchemaVersion) + ")");
  };
  if (*seen > kSchemaVersion) return too_new(*seen);
  if (*seen == kSchemaVersion) return Ok();
  // IMMEDIATE: the write lock first, waiting (busy timeout) for another
  // process's migration of the same new file, whose result is read again.
  RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  auto version_now = SchemaVersion();
  if (!version_now || *version_now >= kSchemaVersion) {
    (void)db_->Exec("ROLLBACK");
    if (!version_now) return tl::unexpected(version_now.error());
    return *version_now > kSchemaVersion ? too_new(*version_now) : Ok();
  }
  const int version = *version_now;
  auto failed = [&](Status st) {
    (void)db_->Exec("ROLLBACK");
    return st;
  };
  // 1 -> 2: the FTS triggers go (the index they kept stays valid), and so
  // does the index of mentions by entity, which no query used and which
  // cost a second sorted copy of every mention at each ingest.
  // 2 -> 3: FTS5 merges its segments 16 at a time instead of 4. Each ingest
  // transaction writes at least one segment; merging them less often made
  // indexing 30,000 stories, 1,000 a transaction, take 0.72x as long, and
  // ranked queries took the same time (within 1%).
  // 3 -> 4: sources name their story and page by rowid (see kSchema); the
  // old table, keyed by story id and page name, is copied over. A page a
  // source names that was never recorded (none should be) gets a row with
  // hash 0, as in PageRow.
  // Also FTS5 holds up to 16 MiB of new terms in memory (hashsize), not 1:
  // an ingest transaction of 1,000 stories (6 MB of text) was written as
  // several segments, which the index then merged. Indexing 100,000 such
  // stories, 1,000 a transaction, took 0.78x as long (9.2 s, not 11.9).
  // Whether `table` has `column` (in the file as it is before the schema
  // below is applied).
  auto has_column = [&](const char* table, const char* column) -> Result<bool> {
    auto q = db_->Prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name=?");
    if (!q) return tl::unexpected(db_->LastFailure());
    q->Bind(1, std::string_view(table));
    q->Bind(2, std::string_view(column));
    Status read = Ok();
    const bool has = q->Step(&read) && q->Int(0) > 0;
    q->Reset();
    if (!read) return tl::unexpected(read.error());
    return has;
  };
  // Runs `sql`, which adds `column` to `table`, when the table lacks it;
  // whether it ran.
  auto add_column = [&](const char* table, const char* column,
                        const char* sql) -> Result<bool> {
    auto has = has_column(table, column);
    if (!has) return tl::unexpected(has.error());
    if (*has) return false;
    if (auto st = db_->Exec(sql); !st) return tl::unexpected(st.error());
    return true;
  };
  auto copy_sources = has_column("sources", "story_id");
  if (!copy_sources) return failed(tl::unexpected(copy_sources.error()));
  if (*copy_sources) {
    if (auto st = db_->Exec("ALTER TABLE sources RENAME TO sources_v3"); !st) return failed(st);
  }
  const std::string sql = std::string(kSchema) +
                          "DROP TRIGGER IF EXISTS stories_ai; DROP TRIGGER IF EXISTS stories_ad; "
                          "DROP TRIGGER IF EXISTS stories_au; DROP INDEX IF EXISTS mentions_entity; "
                          "INSERT INTO stories_fts(stories_fts, rank) VALUES('automerge', 16); "
                          "INSERT INTO stories_fts(stories_fts, rank) VALUES('hashsize', 16777216);";
  if (auto st = db_->Exec(sql); !st) return failed(st);
  if (*copy_sources) {
    if (auto st = db_->Exec(
            "INSERT OR IGNORE INTO pages(name, hash, bytes) SELECT DISTINCT page, 0, 0 "
            "FROM sources_v3; "
            "INSERT OR IGNORE INTO sources(story, page, role, seq) "
            "SELECT s.rowid, p.rowid, o.role, o.seq FROM sources_v3 o "
            "JOIN stories s ON s.id = o.story_id JOIN pages p ON p.name = o.page; "
            "DROP TABLE sources_v3;");
        !st) {
      return failed(st);
    }
  }
  if (version < 5) {
    // 4 -> 5: every content a page name was read with (page_versions), not
    // the last one alone: a crawl holds one URL twice, captured before and
    // after the page changed (two WARCs, or a recrawl), and each ingest of
    // it read one capture as changed and stored it over the other.
    if (auto st = db_->Exec("INSERT OR IGNORE INTO page_versions(name, hash) "
                            "SELECT name, hash FROM pages WHERE hash != 0");
        !st) {
      return failed(st);
    }
  }
  // 5 -> 6: profile_lines, the crawl profile's counts (AddProfileCounts),
  // made by kSchema above; the pages stored before are not in them.
  // 6 -> 7: readings, relate's per-story readings, made empty by kSchema
  // above: the next relate reads every story, as before, and keeps them.
  // 8 -> 9: page_texts, the text pages' decoded texts (PutPageText), made
  // empty by kSchema above: the pages stored before have none, and their
  // stories are not segmented again when the profile changes.
  // 9 -> 10: page_texts.lookups, the profile's answers each kept page's
  // segmentation read (PageText::lookups); NULL for the rows of before,
  // which the next check segments again (pipeline.cc ResegmentStored).
  // Their texts stay zlib-compressed (UnpackText reads both).
  if (auto added =
          add_column("page_texts", "lookups", "ALTER TABLE page_texts ADD COLUMN lookups BLOB");
      !added) {
    return failed(tl::unexpected(added.error()));
  }
  // 10 -> 11: knowledge_digests, made empty by kSchema above; with no
  // digest kept, the next relate writes every derived row (KnowledgeWriter).
  // 11 -> 12: page_stories, the HTML pages' stories (PutPageStories), made
  // empty by kSchema above: a group of stories that reaches an HTML page
  // stored before is not built again (pipeline.cc ResegmentStored warns).
  // 12 -> 13: event_readings, made empty by kSchema above: the next relate
  // reads every story's events, as before, and keeps them.
  // 7 -> 8: each story's language (Story::language), detected here for the
  // stories stored before (a new file has the column from kSchema).
  auto added_language = add_column("stories", "language",
                                   "ALTER TABLE stories ADD COLUMN language TEXT NOT NULL "
                                   "DEFAULT ''");
  if (!added_language) return failed(tl::unexpected(added_language.error()));
  if (*added_language) {
    auto all = db_->Prepare("SELECT rowid, coalesce(title,''), text FROM stories");
    auto set = db_->Prepare("UPDATE stories SET language=? WHERE rowid=?");
    if (!all || !set) return failed(tl::unexpected(db_->LastFailure()));
    Status read = Ok();
    while (all->Step(&read)) {
      set->Reset();
      set->Bind(1, text::StoryLanguage(all->Text(1), all->Text(2)));
      set->Bind(2, all->Int(0));
      Status wrote = Ok();
      set->Step(&wrote);
      if (!wrote) return failed(wrote);
    }
    if (!read) return failed(read);
  }
  // 13 -> 14: each story's earliest_date (Story::earliest_date, dedup's),
  // which says whether its date is that of the sightings of its text. Of a
  // story stored before, the date is taken to be its text's own (as the
  // sightings of the text had it first in most stories): a later sighting
  // changes it only when it brings another text, as before.
  if (auto added = add_column("stories", "earliest_date",
                              "ALTER TABLE stories ADD COLUMN earliest_date TEXT; "
                              "UPDATE stories SET earliest_date = date WHERE date != ''");
      !added) {
    return failed(tl::unexpected(added.error()));
  }
  // 14 -> 15: each story's greatest_title (Story::greatest_title), which
  // says whether its title is that of the sightings of its text; as above,
  // a stored title is taken to be its text's own.
  if (auto added = add_column("stories", "greatest_title",
                              "ALTER TABLE stories ADD COLUMN greatest_title TEXT; "
                              "UPDATE stories SET greatest_title = title WHERE title != ''");
      !added) {
    return failed(tl::unexpected(added.error()));
  }
  // 15 -> 16: story_shapes, the shapes of each story's sightings
  // (Story::shapes), made empty by kSchema above: dedup decides for the
  // stories stored before as it did (against the text a story shows).
  // 16 -> 17: common_keys (CommonKeys), made empty by kSchema above: the
  // next ingest finds those of the stories stored with shapes.
  if (version == 1) {
    // Version 1's keys, a row per (key, story), become a row per story.
    auto old = db_->Prepare("SELECT story_id, key FROM story_keys ORDER BY story_id, key");
    if (!old) return failed(tl::unexpected(db_->LastFailure()));
    std::string id;
    std::vector<uint64_t> keys;
    while (true) {
      Status read_keys = Ok();
      const bool row = old->Step(&read_keys);
      if (!read_keys) return failed(read_keys);
      if (!keys.empty() && (!row || old->Text(0) != id)) {
        if (auto st = AddKeys(id, keys, {}); !st) return failed(st);
        keys.clear();
      }
      if (!row) break;
      id = old->Text(0);
      keys.push_back(static_cast<uint64_t>(old->Int(1)));
    }
    old->Reset();
    if (auto st = db_->Exec("DROP TABLE story_keys"); !st) return failed(st);
  }
  if (auto st = SetMetaInt("schema_version", kSchemaVersion); !st) return failed(st);
  return db_->Exec("COMMIT");
}

Stmt* StoryStore::Cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto prepared = db_->Prepare(sql);
    if (!prepared) return nullptr;
    it = cache_.emplace(sql, std::move(*prepared)).first;
  }
  it->second.Reset();
  return &it->second;
}

std::string StoryStore::Path() const {
  const char* f = sqlite3_db_filename(db_->handle(), "main");
  return f ? f : "";
}

Status StoryStore::Begin() {
  in_transaction_ = true;
  marked_stale_ = false;
  page_rows_.clear();
  deleted_rows_.clear();
  deleted_max_ = 0;
  return db_->Exec("BEGIN IMMEDIATE");
}

Status StoryStore::Commit() {
  in_transaction_ = false;
  marked_stale_ = false;
  page_rows_.clear();
  deleted_rows_.clear();
  deleted_max_ = 0;
  if (auto st = FlushFts(); !st) {
    (void)db_->Exec("ROLLBACK");
    return st;
  }
  ReleaseReads();
  return db_->Exec("COMMIT");
}

void StoryStore::ReleaseReads() {
  for (auto& [sql, stmt] : cache_) stmt.Reset();
}

Status StoryStore::BeginRead() { return db_->Exec("BEGIN"); }

Status StoryStore::EndRead() {
  ReleaseReads();
  return db_->Exec("COMMIT");
}

Status StoryStore::Rollback() {
  in_transaction_ = false;
  marked_stale_ = false;
  page_rows_.clear();  // rows this transaction added are gone
  deleted_rows_.clear();
  deleted_max_ = 0;
  fts_deletes_.clear();
  fts_delete_at_.clear();
  fts_inserts_.clear();
  return db_->Exec("ROLLBACK");
}

Status StoryStore::UnindexStory(const std::string& id, bool deleting) {
  Stmt* q = Cached(kSelectIndexed);
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, id);
  Status st = Ok();
  if (q->Step(&st)) {
    if (deleting && in_transaction_) {
      deleted_rows_[id] = q->Int(0);
      deleted_max_ = std::max(deleted_max_, q->Int(0));
    }
    QueueUnindex(q->Int(0), q->IsNull(1) ? std::nullopt : std::optional(q->Text(1)), q->Text(2));
  }
  return st;
}

void StoryStore::QueueUnindex(int64_t rowid, std::optional<std::string> title, std::string text) {
  // A row added in this transaction is not in the index yet.
  if (fts_inserts_.erase(rowid) == 0) {
    fts_delete_at_[rowid] = fts_deletes_.size();
    fts_deletes_.push_back({rowid, std::move(title), std::move(text)});
  }
}

Status StoryStore::FlushFts() {
  Status st = Ok();
  fts_delete_at_.clear();
  // Deletes first: an updated story's old terms go before its new ones come.
  for (const FtsRow& d : fts_deletes_) {
    if (d.rowid < 0) continue;  // cancelled: the row came back as it was
    Stmt* q = Cached(
        "INSERT INTO stories_fts(stories_fts, rowid, title, text) VALUES('delete', ?, ?, ?)");
    if (!q) return tl::unexpected(db_->LastFailure());
    q->Bind(1, d.rowid);
    if (d.title) q->Bind(2, *d.title); else q->BindNull(2);
    q->Bind(3, d.text);
    q->Step(&st);
    if (!st) return st;
  }
  fts_deletes_.clear();
  if (fts_inserts_.empty()) return Ok();
  std::string ids = "[";
  for (int64_t r : fts_inserts_) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(r);
  }
  ids += ']';
  fts_inserts_.clear();
  // One statement for the whole transaction: FTS5 builds one segment. (With
  // the statement journal spilled at 4 MiB, not 64 KiB, SQLite 3.40 failed
  // it at 7,500 stories: SqliteDb::Open.)
  Stmt* q = Cached(
      "INSERT INTO stories_fts(rowid, title, text) SELECT rowid, title, text FROM stories "
      "WHERE rowid IN (SELECT value FROM json_each(?))");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, ids);
  q->Step(&st);
  return st;
}

Result<bool> StoryStore::PageUnchanged(const std::string& name, uint64_t hash) {
  Stmt* q = Cached("SELECT 1 FROM page_versions WHERE name=? AND hash=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, name);
  q->Bind(2, static_cast<int64_t>(hash));
  Status st = Ok();
  const bool same = q->Step(&st);
  q->Reset();  // ends the read: an open one keeps the WAL from being reused
  if (!st) return tl::unexpected(st.error());
  return same;
}

Status StoryStore::RecordPage(const std::string& name, uint64_t hash, uint64_t bytes) {
  // An update keeps the page's rowid, which its sources hold.
  Stmt* q = Cached(
      "INSERT INTO pages(name, hash, bytes) VALUES(?,?,?) ON CONFLICT(name) DO UPDATE SET "
      "hash=excluded.hash, bytes=excluded.bytes, ingested_at=datetime('now') RETURNING rowid");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, name);
  q->Bind(2, static_cast<int64_t>(hash));
  q->Bind(3, static_cast<int64_t>(bytes));
  Status st = Ok();
  if (!q->Step(&st)) return st ? Fail(ErrorCode::kDb, "no row for page " + name) : st;
  if (in_transaction_) page_rows_[name] = q->Int(0);
  q->Reset();
  Stmt* v = Cached("INSERT OR IGNORE INTO page_versions(name, hash) VALUES(?,?)");
  if (!v) return tl::unexpected(db_->LastFailure());
  v->Bind(1, name);
  v->Bind(2, static_cast<int64_t>(hash));
  v->Step(&st);
  v->Reset();
  return st;
}

Result<std::optional<StoryStore::StoredPage>> StoryStore::StoredPageOf(const std::string& name,
                                                                       uint64_t hash) {
  // The other columns are read only when the stored content is another:
  // an unchanged page costs the one look-up by name.
  Stmt* q = Cached(
      "SELECT p.hash, CASE WHEN p.hash=?2 THEN 1 ELSE EXISTS(SELECT 1 FROM page_versions v "
      "WHERE v.name=p.name AND v.hash=?2) END, CASE WHEN p.hash=?2 THEN 0 ELSE "
      "EXISTS(SELECT 1 FROM page_texts t WHERE t.page=p.rowid) OR "
      "EXISTS(SELECT 1 FROM page_stories h WHERE h.page=p.rowid) END FROM pages p WHERE p.name=?1");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, name);
  q->Bind(2, static_cast<int64_t>(hash));
  Status st = Ok();
  std::optional<StoredPage> out;
  if (q->Step(&st)) {
    out = StoredPage{.hash = static_cast<uint64_t>(q->Int(0)),
                     .version_known = q->Int(1) != 0,
                     .kept = q->Int(2) != 0};
  }
  q->Reset();  // ends the read, as PageUnchanged
  if (!st) return tl::unexpected(st.error());
  return out;
}

Status StoryStore::ForgetPageContent(const std::string& name) {
  for (const char* sql :
       {"DELETE FROM page_texts WHERE page=(SELECT rowid FROM pages WHERE name=?)",
        "DELETE FROM page_stories WHERE page=(SELECT rowid FROM pages WHERE name=?)",
        "DELETE FROM page_versions WHERE name=?", "UPDATE pages SET hash=0 WHERE name=?"}) {
    Stmt* q = Cached(sql);
    if (!q) return tl::unexpected(db_->LastFailure());
    q->Bind(1, name);
    Status st = Ok();
    q->Step(&st);
    q->Reset();
    if (!st) return st;
  }
  return Ok();
}

Status StoryStore::SubtractProfileCounts(const LineCounts& counts) {
  Stmt* q = Cached(
      "UPDATE profile_lines SET pages = max(pages - ?3, 0), tail_pages = max(tail_pages - ?4, 0) "
      "WHERE long_line=?1 AND key=?2 RETURNING pages");
  Stmt* drop = Cached("DELETE FROM profile_lines WHERE long_line=?1 AND key=?2");
  if (!q || !drop) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  for (const LineCount& l : counts.lines) {
    q->Bind(1, int64_t{l.long_line ? 1 : 0});
    q->Bind(2, static_cast<int64_t>(l.key));
    q->Bind(3, int64_t{l.pages});
    q->Bind(4, int64_t{l.tail_pages});
    const bool left_on_none = q->Step(&st) && q->Int(0) == 0;
    q->Reset();
    if (!st) return st;
    if (!left_on_none) continue;
    drop->Bind(1, int64_t{l.long_line ? 1 : 0});
    drop->Bind(2, static_cast<int64_t>(l.key));
    drop->Step(&st);
    drop->Reset();
    if (!st) return st;
  }
  return AddProfileTotals(counts, -1);
}

Status StoryStore::AddProfileCounts(const LineCounts& counts) {
  Stmt* q = Cached(
      "INSERT INTO profile_lines(long_line, key, pages, tail_pages) VALUES(?,?,?,?) "
      "ON CONFLICT(long_line, key) DO UPDATE SET pages = pages + excluded.pages, "
      "tail_pages = tail_pages + excluded.tail_pages");
  if (!q) return tl::unexpected(db_->LastFailure());
  // In the table's key order (the counts come in a hash map's): each
  // insert then descends to the leaf the one before it touched, still in
  // the CPU's caches, not to a random one of the table's.
  std::vector<const LineCount*> order;
  order.reserve(counts.lines.size());
  for (const LineCount& l : counts.lines) order.push_back(&l);
  std::sort(order.begin(), order.end(), [](const LineCount* a, const LineCount* b) {
    return std::pair(a->long_line, static_cast<int64_t>(a->key)) <
           std::pair(b->long_line, static_cast<int64_t>(b->key));
  });
  Status st = Ok();
  for (const LineCount* line : order) {
    const LineCount& l = *line;
    q->Bind(1, int64_t{l.long_line ? 1 : 0});
    q->Bind(2, static_cast<int64_t>(l.key));
    q->Bind(3, int64_t{l.pages});
    q->Bind(4, int64_t{l.tail_pages});
    q->Step(&st);
    q->Reset();
    if (!st) return st;
  }
  return AddProfileTotals(counts, 1);
}

Status StoryStore::AddProfileTotals(const LineCounts& counts, int sign) {
  const std::pair<const char*, int64_t> totals[] = {
      {"profile_pages", counts.pages},
      {"profile_slash_day_first", counts.slash_day_first},
      {"profile_slash_month_first", counts.slash_month_first}};
  for (const auto& [key, n] : totals) {
    if (n == 0) continue;
    auto v = MetaInt(key);
    if (!v) return tl::unexpected(v.error());
    if (auto set = SetMetaInt(key, std::max<int64_t>(*v + sign * n, 0)); !set) return set;
  }
  return Ok();
}

Result<LineCounts> StoryStore::ProfileTotals() {
  LineCounts c;
  for (auto [key, out] : {std::pair{"profile_pages", &c.pages},
                          std::pair{"profile_slash_day_first", &c.slash_day_first},
                          std::pair{"profile_slash_month_first", &c.slash_month_first}}) {
    auto v = MetaInt(key);
    if (!v) return tl::unexpected(v.error());
    *out = *v;
  }
  return c;
}

Result<LineCounts> StoryStore::ProfileCounts() {
  auto totals = ProfileTotals();
  if (!totals) return totals;
  LineCounts c = std::move(*totals);
  auto q = db_->Prepare("SELECT long_line, key, pages, tail_pages FROM profile_lines");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  while (q->Step(&st)) {
    c.lines.push_back({.long_line = q->Int(0) != 0,
                       .key = static_cast<uint64_t>(q->Int(1)),
                       .pages = static_cast<uint32_t>(std::clamp<int64_t>(q->Int(2), 0, INT32_MAX)),
                       .tail_pages =
                           static_cast<uint32_t>(std::clamp<int64_t>(q->Int(3), 0, INT32_MAX))});
  }
  if (!st) return tl::unexpected(st.error());
  return c;
}

// PackText's format: a zstd frame (level 1, its content size in the
// header). Schema 9 kept the text's size (8 bytes, little-endian), then the
// text compressed by zlib's compress2 at level 1; a size that would start
// with zstd's magic number is over 4 GB, beyond any page, so the two never
// meet. On 10,000 generated pages (--stories-only, perf) zlib level 1 took
// 14% of the CPU.
std::string StoryStore::PackText(std::string_view text) {
  // One context per thread, kept: ZSTD_compress makes and clears a new one
  // at each call, which took 14% of an ingest's CPU (perf, 2,000 pages).
  struct Context {
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ~Context() { ZSTD_freeCCtx(cctx); }
  };
  thread_local Context context;
  if (context.cctx == nullptr) return {};
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t n =
      ZSTD_compressCCtx(context.cctx, out.data(), out.size(), text.data(), text.size(), 1);
  if (ZSTD_isError(n)) return {};  // only when out of memory: UnpackText then reports damage
  out.resize(n);
  return out;
}

Result<std::string> StoryStore::UnpackText(std::string_view packed) {
  auto damaged = [] { return Fail(ErrorCode::kCorrupt, "a page's kept text is damaged"); };
  // A page's text is at most ReadOptions::max_page_bytes; a size beyond any
  // page is damage, not an allocation to try.
  constexpr uint64_t kMaxSize = uint64_t{1} << 34;
  if (packed.size() >= 4 && static_cast<unsigned char>(packed[0]) == 0x28 &&
      static_cast<unsigned char>(packed[1]) == 0xB5 &&
      static_cast<unsigned char>(packed[2]) == 0x2F &&
      static_cast<unsigned char>(packed[3]) == 0xFD) {
    const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxSize) {
      return damaged();
    }
    std::string out(size, '\0');
    struct Context {
      ZSTD_DCtx* dctx = ZSTD_createDCtx();
      ~Context() { ZSTD_freeDCtx(dctx); }
    };
    thread_local Context context;
    if (context.dctx == nullptr) return damaged();
    const size_t got =
        ZSTD_decompressDCtx(context.dctx, out.data(), out.size(), packed.data(), packed.size());
    if (ZSTD_isError(got) || got != size) return damaged();
    return out;
  }
  if (packed.size() < 8) return damaged();
  uint64_t size = 0;
  for (int i = 0; i < 8; ++i) {
    size |= uint64_t{static_cast<unsigned char>(packed[static_cast<size_t>(i)])} << (8 * i);
  }
  if (size > kMaxSize) return damaged();
  std::string out(size, '\0');
  uLongf got = static_cast<uLongf>(size);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &got,
                 reinterpret_cast<const Bytef*>(packed.data() + 8),
                 static_cast<uLong>(packed.size() - 8)) != Z_OK ||
      got != size) {
    return damaged();
  }
  return out;
}

Status StoryStore::PutPageText(const PageText& t) {
  auto page = PageRow(t.name);
  if (!page) return tl::unexpected(page.error());
  Stmt* q = Cached(
      "INSERT OR REPLACE INTO page_texts(page, url, fetched, text, segmentation, lookups) "
      "VALUES(?,?,?,?,?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, *page);
  q->Bind(2, t.url);
  q->Bind(3, t.fetched);
  q->BindBlob(4, t.packed);
  q->Bind(5, static_cast<int64_t>(t.segmentation));
  q->BindBlob(6, t.lookups);
  Status st = Ok();
  q->Step(&st);
  q->Reset();
  return st;
}

Status StoryStore::SetPageSegmentation(const std::string& name, uint64_t segmentation,
                                       const std::string& lookups) {
  Stmt* q = Cached(
      "UPDATE page_texts SET segmentation=?, lookups=? "
      "WHERE page=(SELECT rowid FROM pages WHERE name=?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, static_cast<int64_t>(segmentation));
  q->BindBlob(2, lookups);
  q->Bind(3, name);
  Status st = Ok();
  q->Step(&st);
  q->Reset();
  return st;
}

namespace {
constexpr const char* kSelectPageText =
    "SELECT p.name, t.url, t.fetched, t.text, t.segmentation, t.lookups FROM page_texts t "
    "JOIN pages p ON p.rowid = t.page ";

StoryStore::PageText PageTextRow(const Stmt& q) {
  return {.name = q.Text(0),
          .url = q.Text(1),
          .fetched = q.Text(2),
          .packed = q.Blob(3),
          .segmentation = static_cast<uint64_t>(q.Int(4)),
          .lookups = q.Blob(5)};
}
}  // namespace

Status StoryStore::ForEachPageText(const std::function<Status(std::vector<PageText>&&)>& fn,
                                   size_t limit) {
  std::string after;
  bool first = true;
  while (true) {
    std::vector<PageText> rows;
    {
      // From the start, then past the last name read (a range of the
      // index on pages.name).
      auto q = db_->Prepare(std::string(kSelectPageText) +
                            (first ? "WHERE ?1 = ?1" : "WHERE p.name > ?1") +
                            " ORDER BY p.name LIMIT ?2");
      if (!q) return tl::unexpected(db_->LastFailure());
      q->Bind(1, after);
      q->Bind(2, static_cast<int64_t>(std::max<size_t>(limit, 1)));
      Status st = Ok();
      while (q->Step(&st)) rows.push_back(PageTextRow(*q));
      if (!st) return st;
    }
    if (rows.empty()) return Ok();
    first = false;
    after = rows.back().name;
    const bool last = rows.size() < std::max<size_t>(limit, 1);
    if (auto st = fn(std::move(rows)); !st) return st;
    if (last) return Ok();
  }
}

Status StoryStore::ForEachPageLookups(
    const std::function<Status(std::vector<PageLookups>&&)>& fn, size_t limit) {
  std::string after;
  bool first = true;
  limit = std::max<size_t>(limit, 1);
  while (true) {
    std::vector<PageLookups> rows;
    {
      auto q = db_->Prepare(
          std::string("SELECT p.name, t.lookups FROM page_texts t JOIN pages p ON p.rowid = "
                      "t.page ") +
          (first ? "WHERE ?1 = ?1" : "WHERE p.name > ?1") + " ORDER BY p.name LIMIT ?2");
      if (!q) return tl::unexpected(db_->LastFailure());
      q->Bind(1, after);
      q->Bind(2, static_cast<int64_t>(limit));
      Status st = Ok();
      while (q->Step(&st)) rows.push_back({.name = q->Text(0), .lookups = q->Blob(1)});
      if (!st) return st;
    }
    if (rows.empty()) return Ok();
    first = false;
    after = rows.back().name;
    const bool last = rows.size() < limit;
    if (auto st = fn(std::move(rows)); !st) return st;
    if (last) return Ok();
  }
}

Result<std::vector<StoryStore::PageText>> StoryStore::PageTexts(
    std::span<const std::string> names) {
  Stmt* q = Cached(
      "SELECT p.name, t.url, t.fetched, t.text, t.segmentation, t.lookups FROM page_texts t "
      "JOIN pages p ON p.rowid = t.page WHERE p.name=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<PageText> out;
  for (const std::string& name : names) {
    q->Reset();
    q->Bind(1, name);
    Status st = Ok();
    if (q->Step(&st)) out.push_back(PageTextRow(*q));
    if (!st) return tl::unexpected(st.error());
  }
  q->Reset();
  return out;
}

Result<bool> StoryStore::HasPageTexts() {
  Stmt* q = Cached("SELECT EXISTS(SELECT 1 FROM page_texts)");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  const bool any = q->Step(&st) && q->Int(0) != 0;
  q->Reset();
  if (!st) return tl::unexpected(st.error());
  return any;
}

namespace {
// lookup_keys' buckets: 1024, by the top bits of the (mixed) key. A bucket
// of 10,000 generated pages holds about 400 postings (16 bytes each).
constexpr int kLookupBucketBits = 10;
int64_t LookupBucket(uint64_t key) {
  return static_cast<int64_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - kLookupBucketBits));
}
}  // namespace

Status StoryStore::LookupTables() {
  if (lookup_tables_) return Ok();
  if (auto st = db_->Exec(kLookupTables); !st) return st;
  lookup_tables_ = true;
  return Ok();
}

Status StoryStore::AddLookupKeys(std::span<const PageLookupKeys> pages) {
  if (auto st = LookupTables(); !st) return st;
  // Postings as (key, page rowid) pairs in one BindInts blob per bucket.
  std::unordered_map<int64_t, std::vector<uint64_t>> buckets;
  for (const PageLookupKeys& p : pages) {
    auto row = PageRow(p.name);
    if (!row) return tl::unexpected(row.error());
    for (uint64_t key : p.keys) {
      std::vector<uint64_t>& b = buckets[LookupBucket(key)];
      b.push_back(key);
      b.push_back(static_cast<uint64_t>(*row));
    }
  }
  if (buckets.empty()) return Ok();
  auto seq = MetaInt("lookup_keys_seq");
  if (!seq) return tl::unexpected(seq.error());
  if (auto set = SetMetaInt("lookup_keys_seq", *seq + 1); !set) return set;
  std::vector<int64_t> order;
  order.reserve(buckets.size());
  for (const auto& [bucket, postings] : buckets) order.push_back(bucket);
  std::sort(order.begin(), order.end());
  Stmt* q = Cached("INSERT INTO lookup_keys(bucket, seq, postings) VALUES(?,?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  for (int64_t bucket : order) {
    q->Bind(1, bucket);
    q->Bind(2, *seq);
    q->BindInts(3, buckets[bucket]);
    Status st = Ok();
    q->Step(&st);
    q->Reset();
    if (!st) return st;
  }
  return Ok();
}

Result<std::vector<std::string>> StoryStore::PagesWithLookupKeys(std::span<const uint64_t> keys) {
  if (auto st = LookupTables(); !st) return tl::unexpected(st.error());
  std::unordered_set<uint64_t> wanted(keys.begin(), keys.end());
  std::vector<int64_t> buckets;
  for (uint64_t key : wanted) buckets.push_back(LookupBucket(key));
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  std::unordered_set<int64_t> rows;
  Stmt* q = Cached("SELECT postings FROM lookup_keys WHERE bucket=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  for (int64_t bucket : buckets) {
    q->Bind(1, bucket);
    Status st = Ok();
    while (q->Step(&st)) {
      const std::vector<uint64_t> postings = q->Ints(0);
      for (size_t i = 0; i + 1 < postings.size(); i += 2) {
        if (wanted.contains(postings[i])) rows.insert(static_cast<int64_t>(postings[i + 1]));
      }
    }
    q->Reset();
    if (!st) return tl::unexpected(st.error());
  }
  std::vector<std::string> names;
  Stmt* name = Cached("SELECT name FROM pages WHERE rowid=?");
  if (!name) return tl::unexpected(db_->LastFailure());
  for (int64_t row : rows) {
    name->Bind(1, row);
    Status st = Ok();
    if (name->Step(&st)) names.push_back(name->Text(0));
    name->Reset();
    if (!st) return tl::unexpected(st.error());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Status StoryStore::AddYesLookups(std::span<const std::pair<int64_t, uint64_t>> lookups) {
  if (auto st = LookupTables(); !st) return st;
  Stmt* q = Cached("INSERT OR IGNORE INTO lookup_yes(kind, key) VALUES(?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  for (const auto& [kind, key] : lookups) {
    q->Bind(1, kind);
    q->Bind(2, static_cast<int64_t>(key));
    Status st = Ok();
    q->Step(&st);
    q->Reset();
    if (!st) return st;
  }
  return Ok();
}

Result<std::vector<std::pair<int64_t, uint64_t>>> StoryStore::YesLookups() {
  if (auto st = LookupTables(); !st) return tl::unexpected(st.error());
  auto q = db_->Prepare("SELECT kind, key FROM lookup_yes");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<std::pair<int64_t, uint64_t>> out;
  Status st = Ok();
  while (q->Step(&st)) out.emplace_back(q->Int(0), static_cast<uint64_t>(q->Int(1)));
  if (!st) return tl::unexpected(st.error());
  return out;
}

Result<bool> StoryStore::LookupKeysComplete() {
  auto v = MetaInt("lookup_keys_complete");
  if (!v) return tl::unexpected(v.error());
  return *v == 1;
}

Status StoryStore::SetLookupKeysComplete() { return SetMetaInt("lookup_keys_complete", 1); }

// meta lookups_match: 0, or 1 and then lookups_print holds the print.
Result<bool> StoryStore::LookupsMatchCounts(uint64_t print) {
  auto v = MetaInt("lookups_match");
  if (!v) return tl::unexpected(v.error());
  auto p = MetaInt("lookups_print");
  if (!p) return tl::unexpected(p.error());
  return *v == 1 && static_cast<uint64_t>(*p) == print;
}

Status StoryStore::SetLookupsMatchCounts(std::optional<uint64_t> print) {
  if (print) {
    if (auto st = SetMetaInt("lookups_print", static_cast<int64_t>(*print)); !st) return st;
  }
  return SetMetaInt("lookups_match", print ? 1 : 0);
}

Result<int64_t> StoryStore::ProfilePages() { return MetaInt("profile_pages"); }

Result<std::vector<LineCount>> StoryStore::ProfileLines(
    std::span<const std::pair<bool, uint64_t>> keys) {
  Stmt* q = Cached("SELECT pages, tail_pages FROM profile_lines WHERE long_line=? AND key=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<LineCount> out;
  for (const auto& [long_line, key] : keys) {
    q->Bind(1, int64_t{long_line ? 1 : 0});
    q->Bind(2, static_cast<int64_t>(key));
    Status st = Ok();
    if (q->Step(&st)) {
      out.push_back(
          {.long_line = long_line,
           .key = key,
           .pages = static_cast<uint32_t>(std::clamp<int64_t>(q->Int(0), 0, INT32_MAX)),
           .tail_pages = static_cast<uint32_t>(std::clamp<int64_t>(q->Int(1), 0, INT32_MAX))});
    }
    q->Reset();
    if (!st) return tl::unexpected(st.error());
  }
  return out;
}

Result<std::vector<StoryStore::Connected>> StoryStore::ConnectedStories(
    std::span<const std::string> pages) {
  auto page_row = db_->Prepare(
      "SELECT p.rowid, t.page IS NOT NULL OR h.page IS NOT NULL FROM pages p "
      "LEFT JOIN page_texts t ON t.page = p.rowid LEFT JOIN page_stories h ON h.page = p.rowid "
      "WHERE p.name=?");
  auto page_name = db_->Prepare(
      "SELECT p.name, t.page IS NOT NULL OR h.page IS NOT NULL FROM pages p "
      "LEFT JOIN page_texts t ON t.page = p.rowid LEFT JOIN page_stories h ON h.page = p.rowid "
      "WHERE p.rowid=?");
  auto story_id = db_->Prepare("SELECT id FROM stories WHERE rowid=?");
  // The sources are keyed by story: a story's pages are a lookup, a page's
  // stories a scan (no index by page, which every ingest would pay to
  // write). One scan for the pages asked, its rows filtered by SQLite, then
  // a lookup per story found: what is held is what is reached, where the
  // whole table read into two maps took tens of MB at 100,000 pages.
  auto on_pages = db_->Prepare(
      "SELECT story, page FROM sources WHERE page IN (SELECT value FROM json_each(?))");
  auto pages_of = db_->Prepare("SELECT page FROM sources WHERE story=?");
  if (!page_row || !page_name || !story_id || !on_pages || !pages_of) {
    return tl::unexpected(db_->LastFailure());
  }
  Status st = Ok();
  // Each stored page asked for, once, in the order asked.
  std::vector<int64_t> starts;
  std::unordered_set<int64_t> started;
  for (const std::string& name : pages) {
    page_row->Reset();
    page_row->Bind(1, name);
    if (!page_row->Step(&st)) {
      if (!st) return tl::unexpected(st.error());
      continue;  // not a stored page
    }
    const int64_t start = page_row->Int(0);
    if (started.insert(start).second) starts.push_back(start);
  }
  std::unordered_map<int64_t, std::vector<int64_t>> page_stories, story_pages;
  if (!starts.empty()) {
    std::string list = "[";
    for (int64_t p : starts) {
      if (list.size() > 1) list += ',';
      list += std::to_string(p);
    }
    list += ']';
    on_pages->Bind(1, list);
    while (on_pages->Step(&st)) page_stories[on_pages->Int(1)].push_back(on_pages->Int(0));
    if (!st) return tl::unexpected(st.error());
  }
  for (const auto& [page, stories] : page_stories) {
    for (int64_t story : stories) {
      auto [it, added] = story_pages.try_emplace(story);
      if (!added) continue;
      pages_of->Reset();
      pages_of->Bind(1, story);
      while (pages_of->Step(&st)) it->second.push_back(pages_of->Int(0));
      if (!st) return tl::unexpected(st.error());
    }
  }
  // Each page asked for with what it reaches: its stories and their pages.
  // Reaches that share a page are one group (a union-find of the reaches,
  // by their first page in the order asked).
  std::unordered_map<int64_t, int> reach_of;  // page -> a reach holding it
  UnionFind reaches;
  for (int64_t start : starts) {
    const int r = reaches.Add();
    auto reach = [&](int64_t page) {
      auto [it, added] = reach_of.emplace(page, r);
      if (!added) reaches.Union(it->second, r);
    };
    reach(start);
    for (int64_t story : page_stories[start]) {
      for (int64_t p : story_pages[story]) reach(p);
    }
  }
  // The groups in the order of their first page asked for.
  std::vector<Connected> out;
  std::unordered_map<int, size_t> group_of;  // root reach -> index in out
  std::vector<std::vector<int64_t>> group_pages, group_stories;
  for (size_t r = 0; r < starts.size(); ++r) {
    const int root = reaches.Find(static_cast<int>(r));
    if (group_of.emplace(root, out.size()).second) {
      out.emplace_back();
      group_pages.emplace_back();
      group_stories.emplace_back();
    }
    std::vector<int64_t>& stories = group_stories[group_of[root]];
    const std::vector<int64_t>& on = page_stories[starts[r]];
    stories.insert(stories.end(), on.begin(), on.end());
  }
  for (const auto& [page, r] : reach_of) group_pages[group_of[reaches.Find(r)]].push_back(page);
  for (size_t g = 0; g < out.size(); ++g) {
    std::sort(group_stories[g].begin(), group_stories[g].end());
    group_stories[g].erase(std::unique(group_stories[g].begin(), group_stories[g].end()),
                           group_stories[g].end());
    for (int64_t story : group_stories[g]) {
      story_id->Reset();
      story_id->Bind(1, story);
      if (story_id->Step(&st)) out[g].stories.push_back(story_id->Text(0));
      if (!st) return tl::unexpected(st.error());
    }
    for (int64_t p : group_pages[g]) {
      page_name->Reset();
      page_name->Bind(1, p);
      if (page_name->Step(&st)) {
        out[g].pages.push_back(page_name->Text(0));
        if (page_name->Int(1) == 0) out[g].all_texts_kept = false;
      }
      if (!st) return tl::unexpected(st.error());
    }
    std::sort(out[g].stories.begin(), out[g].stories.end());
    std::sort(out[g].pages.begin(), out[g].pages.end());
  }
  return out;
}

Status StoryStore::DeleteStories(std::span<const std::string> ids) {
  if (ids.empty()) return Ok();
  RETURN_IF_ERROR(MarkKnowledgeStale());
  // The ids as a JSON array, so that each statement runs once for them all:
  // story_key_sets and story_redirects have no index on a story's id, and
  // a statement per story scanned them once per story.
  std::string list = "[";
  for (const std::string& id : ids) {
    if (auto st = UnindexStory(id, /*deleting=*/true); !st) return st;
    if (list.size() > 1) list += ',';
    list += '"';
    for (char c : id) {
      if (c == '"' || c == '\\') list += '\\';
      list += c;
    }
    list += '"';
  }
  list += ']';
  for (const char* sql :
       {"CREATE TEMP TABLE IF NOT EXISTS deleted_ids(id TEXT PRIMARY KEY); "
        "DELETE FROM deleted_ids",
        "INSERT OR IGNORE INTO deleted_ids SELECT value FROM json_each(?1)",
        "INSERT OR IGNORE INTO deleted_ids SELECT old_id FROM story_redirects "
        "WHERE new_id IN deleted_ids",
        "DELETE FROM sources WHERE story IN (SELECT rowid FROM stories WHERE id IN deleted_ids)",
        "DELETE FROM stories WHERE id IN deleted_ids",
        "DELETE FROM story_key_sets WHERE story_id IN deleted_ids",
        "DELETE FROM readings WHERE story_id IN deleted_ids",
        "DELETE FROM event_readings WHERE story_id IN deleted_ids",
        "DELETE FROM story_redirects WHERE new_id IN deleted_ids",
        "DELETE FROM story_shapes WHERE id IN deleted_ids", "DELETE FROM deleted_ids"}) {
    Status st = Ok();
    if (std::string_view(sql).find("?1") == std::string_view::npos) {
      st = db_->Exec(sql);
    } else {
      auto q = db_->Prepare(sql);
      if (!q) return tl::unexpected(db_->LastFailure());
      q->Bind(1, list);
      q->Step(&st);
    }
    if (!st) return st;
  }
  return in_transaction_ ? Ok() : FlushFts();
}

Result<int64_t> StoryStore::PageRow(const std::string& name) {
  if (auto it = page_rows_.find(name); it != page_rows_.end()) return it->second;
  Stmt* q = Cached("SELECT rowid FROM pages WHERE name=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, name);
  int64_t row = 0;
  Status found = Ok();
  if (q->Step(&found)) {
    row = q->Int(0);
    q->Reset();
  } else {
    if (!found) return tl::unexpected(found.error());
    // A source on a page not recorded (yet): a row with hash 0, which
    // RecordPage fills in, and which no page's content has in practice.
    Stmt* add = Cached("INSERT INTO pages(name, hash, bytes) VALUES(?, 0, 0)");
    if (!add) return tl::unexpected(db_->LastFailure());
    add->Bind(1, name);
    Status st = Ok();
    add->Step(&st);
    if (!st) return tl::unexpected(st.error());
    row = sqlite3_last_insert_rowid(db_->handle());
  }
  if (in_transaction_) page_rows_.emplace(name, row);
  return row;
}

namespace {

// Story::shapes as a record: the number of shapes, then each one's length
// (key, words, ...) and values.
std::string EncodeShapes(const std::vector<std::vector<uint64_t>>& shapes) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(shapes.size());
  for (const std::vector<uint64_t>& shape : shapes) {
    w.Uint(shape.size());
    for (uint64_t v : shape) w.Uint(v);
  }
  return out;
}

bool DecodeShapes(std::string_view record, std::vector<std::vector<uint64_t>>* out) {
  RecordReader r(record);
  const uint64_t n = r.Uint();
  // Each shape takes a byte at least, each value too: a count past what
  // the record holds is malformed (and is not allocated).
  if (!r.ok() || n > r.left()) return false;
  out->assign(n, {});
  for (std::vector<uint64_t>& shape : *out) {
    const uint64_t len = r.Uint();
    if (!r.ok() || len > r.left() || len % 2 != 0) return false;
    shape.resize(len);
    for (uint64_t& v : shape) v = r.Uint();
  }
  return r.ok() && r.done();
}

}  // namespace

Result<std::optional<Story>> StoryStore::LoadStory(const std::string& id_in) {
  std::string id = id_in;
  Stmt* r = Cached("SELECT new_id FROM story_redirects WHERE old_id=?");
  if (!r) return tl::unexpected(db_->LastFailure());
  Status read = Ok();
  for (int hops = 0; hops < 16; ++hops) {
    r->Reset();
    r->Bind(1, id);
    if (!r->Step(&read)) break;
    id = r->Text(0);
  }
  if (!read) return tl::unexpected(read.error());
  Stmt* st = Cached(
      "SELECT id, coalesce(date,''), coalesce(title,''), text, attachments, links, rowid, "
      "language, coalesce(earliest_date,''), coalesce(greatest_title,'') FROM stories "
      "WHERE id=?");
  if (!st) return tl::unexpected(db_->LastFailure());
  st->Bind(1, id);
  if (!st->Step(&read)) {
    if (!read) return tl::unexpected(read.error());
    return std::optional<Story>();
  }
  Story s;
  s.id = st->Text(0);
  s.date = st->Text(1);
  s.title = st->Text(2);
  s.text = st->Text(3);
  s.attachments = SplitLines(st->Text(4));
  s.links = SplitLines(st->Text(5));
  s.language = st->Text(7);
  s.earliest_date = st->Text(8);
  s.greatest_title = st->Text(9);
  Stmt* shapes = Cached("SELECT shapes FROM story_shapes WHERE id=?");
  if (!shapes) return tl::unexpected(db_->LastFailure());
  shapes->Bind(1, s.id);
  if (shapes->Step(&read)) {
    // Malformed (a damaged archive): not known, as a story of before.
    if (!DecodeShapes(shapes->Blob(0), &s.shapes)) s.shapes.clear();
  }
  shapes->Reset();
  if (!read) return tl::unexpected(read.error());
  Stmt* src = Cached(
      "SELECT p.name, so.role FROM sources so JOIN pages p ON p.rowid = so.page "
      "WHERE so.story=? ORDER BY so.role, p.name");
  if (!src) return tl::unexpected(db_->LastFailure());
  src->Bind(1, st->Int(6));
  while (src->Step(&read)) {
    s.sources.push_back(
        {src->Text(0), src->Text(1) == "article" ? SourceRole::kArticle : SourceRole::kTeaser});
  }
  ReleaseReads();
  if (!read) return tl::unexpected(read.error());
  return std::optional<Story>(std::move(s));
}

Status StoryStore::UpsertStory(const Story& s, size_t first_new_source) {
  std::optional<int64_t> rowid;  // of the stored row (an update keeps it)
  bool reindex = true;           // false when the title and text stay
  {
    Stmt* old = Cached(kSelectIndexed);
    if (!old) return tl::unexpected(db_->LastFailure());
    old->Bind(1, s.id);
    Status read = Ok();
    if (old->Step(&read)) {
      rowid = old->Int(0);
      std::optional<std::string> title =
          old->IsNull(1) ? std::nullopt : std::optional(old->Text(1));
      std::string text = old->Text(2);
      if (title.value_or("") == s.title && text == s.text) {
        reindex = false;
      } else {
        QueueUnindex(*rowid, std::move(title), std::move(text));
      }
    }
    if (!read) return read;
  }
  // A story deleted in this transaction and written again takes back its
  // rowid (deleted_rows_); a new story of such a transaction goes past the
  // rowids it deleted, so no other row can hold one of them.
  std::optional<int64_t> back;
  bool returning = false;  // `back` is the story's own former row
  if (!rowid && in_transaction_ && deleted_max_ > 0) {
    if (auto it = deleted_rows_.find(s.id); it != deleted_rows_.end()) {
      back = it->second;
      returning = true;
      deleted_rows_.erase(it);
    } else {
      Stmt* last = Cached("SELECT max(rowid) FROM stories");
      if (!last) return tl::unexpected(db_->LastFailure());
      Status read = Ok();
      const int64_t max = last->Step(&read) ? last->Int(0) : 0;
      last->Reset();
      if (!read) return read;
      back = std::max(max, deleted_max_) + 1;
    }
  }
  if (returning) {
    // Its index entry is still there, to be deleted at the commit: kept
    // instead when the title and text are those it indexes.
    if (auto at = fts_delete_at_.find(*back); at != fts_delete_at_.end()) {
      FtsRow& d = fts_deletes_[at->second];
      if (d.rowid == *back && d.title.value_or("") == s.title && d.text == s.text) {
        d.rowid = -1;
        fts_delete_at_.erase(at);
        reindex = false;
      }
    }
  }
  Stmt* up = Cached(
      back ? "INSERT INTO stories(rowid, id, date, title, text, attachments, links, language, "
             "earliest_date, greatest_title) VALUES(?10,?1,?2,?3,?4,?5,?6,?7,?8,?9)"
           : "INSERT INTO stories(id, date, title, text, attachments, links, language, "
             "earliest_date, greatest_title) VALUES(?,?,?,?,?,?,?,?,?) "
             "ON CONFLICT(id) DO UPDATE SET date=excluded.date, title=excluded.title, "
             "text=excluded.text, attachments=excluded.attachments, links=excluded.links, "
             "language=excluded.language, earliest_date=excluded.earliest_date, "
             "greatest_title=excluded.greatest_title "
             "WHERE date IS NOT excluded.date OR title IS NOT excluded.title "
             "OR text IS NOT excluded.text "
             "OR attachments IS NOT excluded.attachments OR links IS NOT excluded.links "
             "OR language IS NOT excluded.language "
             "OR earliest_date IS NOT excluded.earliest_date "
             "OR greatest_title IS NOT excluded.greatest_title");
  if (!up) return tl::unexpected(db_->LastFailure());
  up->Bind(1, s.id);
  if (s.date.empty()) up->BindNull(2); else up->Bind(2, s.date);
  if (s.title.empty()) up->BindNull(3); else up->Bind(3, s.title);
  up->Bind(4, s.text);
  up->Bind(5, JoinLines(s.attachments));
  up->Bind(6, JoinLines(s.links));
  up->Bind(7, s.language);
  if (s.earliest_date.empty())
    up->BindNull(8);
  else
    up->Bind(8, s.earliest_date);
  if (s.greatest_title.empty())
    up->BindNull(9);
  else
    up->Bind(9, s.greatest_title);
  if (back) up->Bind(10, *back);
  Status st = Ok();
  up->Step(&st);
  if (!st) return st;
  const int64_t story_row =
      rowid ? *rowid : back ? *back : sqlite3_last_insert_rowid(db_->handle());
  if (reindex) fts_inserts_.insert(story_row);
  // The upsert changes no row when only sources are new: what relate reads
  // (id, date, title, text) is as it was.
  if (sqlite3_changes(db_->handle()) > 0) RETURN_IF_ERROR(MarkKnowledgeStale());
  // Its sightings' shapes (dedup's, which relate does not read) in a table
  // of their own: a sighting of a new shape changes no row relate reads.
  Stmt* shapes = Cached(s.shapes.empty()
                            ? "DELETE FROM story_shapes WHERE id=?1"
                            : "INSERT INTO story_shapes(id, shapes) VALUES(?1, ?2) "
                              "ON CONFLICT(id) DO UPDATE SET shapes=excluded.shapes "
                              "WHERE shapes IS NOT excluded.shapes");
  if (!shapes) return tl::unexpected(db_->LastFailure());
  shapes->Bind(1, s.id);
  if (!s.shapes.empty()) shapes->BindBlob(2, EncodeShapes(s.shapes));
  shapes->Step(&st);
  if (!st) return st;
  Stmt* src = Cached("INSERT OR IGNORE INTO sources(story, page, role, seq) VALUES(?,?,?,?)");
  if (!src) return tl::unexpected(db_->LastFailure());
  for (size_t i = first_new_source; i < s.sources.size(); ++i) {
    const Source& so = s.sources[i];
    const int64_t seq = static_cast<int64_t>(i);
    auto page = PageRow(so.page);
    if (!page) return tl::unexpected(page.error());
    src->Reset();
    src->Bind(1, story_row);
    src->Bind(2, *page);
    src->Bind(3, SourceRoleName(so.role));
    src->Bind(4, seq);
    src->Step(&st);
    if (!st) return st;
  }
  return in_transaction_ ? Ok() : FlushFts();
}

Status StoryStore::Redirect(const std::string& old_id, const std::string& new_id) {
  RETURN_IF_ERROR(MarkKnowledgeStale());
  if (auto st = UnindexStory(old_id); !st) return st;
  for (const char* sql : {"DELETE FROM sources WHERE story=(SELECT rowid FROM stories WHERE id=?1)",
                          "DELETE FROM stories WHERE id=?1",
                          "DELETE FROM story_shapes WHERE id=?1",
                          "INSERT OR REPLACE INTO story_redirects(old_id, new_id) VALUES(?1, ?2)",
                          "UPDATE story_redirects SET new_id=?2 WHERE new_id=?1",
                          // A former id of the story taken back is its id again.
                          "DELETE FROM story_redirects WHERE old_id=?2"}) {
    auto q = db_->Prepare(sql);
    if (!q) return tl::unexpected(db_->LastFailure());
    q->Bind(1, old_id);
    if (sqlite3_bind_parameter_count(q->get()) >= 2) q->Bind(2, new_id);
    Status st = Ok();
    q->Step(&st);
    if (!st) return st;
  }
  return in_transaction_ ? Ok() : FlushFts();
}

Result<std::optional<std::string>> StoryStore::Reading(Readings of, const std::string& id,
                                                      uint64_t key) {
  Stmt* q = Cached(of == Readings::kEvents
                       ? "SELECT key, record FROM event_readings WHERE story_id=?"
                       : "SELECT key, record FROM readings WHERE story_id=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, id);
  Status st = Ok();
  std::optional<std::string> out;
  if (q->Step(&st) && static_cast<uint64_t>(q->Int(0)) == key) out = q->Blob(1);
  q->Reset();
  if (!st) return tl::unexpected(st.error());
  return out;
}

Result<bool> StoryStore::HasReadings(Readings of) {
  Stmt* q = Cached(of == Readings::kEvents ? "SELECT 1 FROM event_readings LIMIT 1"
                                           : "SELECT 1 FROM readings LIMIT 1");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  const bool any = q->Step(&st);
  q->Reset();
  if (!st) return tl::unexpected(st.error());
  return any;
}

Status StoryStore::PutReading(Readings of, const std::string& id, uint64_t key,
                              std::string_view record) {
  Stmt* q = Cached(
      of == Readings::kEvents
          ? "INSERT OR REPLACE INTO event_readings(story_id, key, record) VALUES(?,?,?)"
          : "INSERT OR REPLACE INTO readings(story_id, key, record) VALUES(?,?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, id);
  q->Bind(2, static_cast<int64_t>(key));
  q->BindBlob(3, record);
  Status st = Ok();
  q->Step(&st);
  q->Reset();
  return st;
}

Status StoryStore::DropOrphanReadings(Readings of) {
  return db_->Exec(
      of == Readings::kEvents
          ? "DELETE FROM event_readings WHERE story_id NOT IN (SELECT id FROM stories)"
          : "DELETE FROM readings WHERE story_id NOT IN (SELECT id FROM stories)");
}

Status StoryStore::MarkKnowledgeStale() {
  if (marked_stale_) return Ok();
  RETURN_IF_ERROR(db_->Exec(
      "INSERT INTO meta(key, value) VALUES('input_generation', '1') "
      "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"));
  marked_stale_ = in_transaction_;
  return Ok();
}

Result<int64_t> StoryStore::MetaInt(const char* key) {
  Stmt* q = Cached("SELECT CAST(value AS INTEGER) FROM meta WHERE key=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, std::string(key));
  Status st = Ok();
  const int64_t v = q->Step(&st) ? q->Int(0) : 0;
  q->Reset();
  if (!st) return tl::unexpected(st.error());
  return v;
}

Status StoryStore::SetMetaInt(const char* key, int64_t value) {
  Stmt* q = Cached("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, std::string(key));
  q->Bind(2, std::to_string(value));
  Status st = Ok();
  q->Step(&st);
  return st;
}

Result<int64_t> StoryStore::InputGeneration() { return MetaInt("input_generation"); }

Result<int64_t> StoryStore::DedupKeysVersion() { return MetaInt("dedup_keys"); }

Status StoryStore::SetDedupKeysVersion(int64_t version) { return SetMetaInt("dedup_keys", version); }

Result<bool> StoryStore::KnowledgeStale() {
  auto inputs = MetaInt("input_generation");
  if (!inputs) return tl::unexpected(inputs.error());
  auto knowledge = MetaInt("knowledge_generation");
  if (!knowledge) return tl::unexpected(knowledge.error());
  return *inputs != *knowledge;
}

Status StoryStore::AddKeys(const std::string& id, const std::vector<uint64_t>& keys,
                           const std::vector<uint64_t>& simhashes) {
  if (keys.empty() && simhashes.empty()) return Ok();
  Stmt* q = Cached("INSERT INTO story_key_sets(story_id, keys, simhashes) VALUES(?,?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, id);
  q->BindInts(2, keys);
  q->BindInts(3, simhashes);
  Status st = Ok();
  q->Step(&st);
  return st;
}

Result<int64_t> StoryStore::LastKeySet() {
  auto q = db_->Prepare("SELECT coalesce(max(rowid), 0) FROM story_key_sets");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  const int64_t last = q->Step(&st) ? q->Int(0) : 0;
  if (!st) return tl::unexpected(st.error());
  return last;
}

Status StoryStore::ForEachKeySetUpTo(int64_t last, const KeySetViewFn& fn) {
  auto q = db_->Prepare(
      "SELECT story_id, keys, simhashes FROM story_key_sets WHERE rowid <= ? ORDER BY rowid");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, last);
  // The blobs into buffers reused from row to row.
  std::vector<uint64_t> keys, simhashes;
  Status st = Ok();
  while (q->Step(&st)) {
    q->Ints(1, &keys);
    q->Ints(2, &simhashes);
    fn(q->TextView(0), keys, simhashes);
  }
  return st;
}

Status StoryStore::ForEachShapes(
    const std::function<void(std::string_view id,
                             const std::vector<std::vector<uint64_t>>& shapes)>& fn) {
  auto q = db_->Prepare("SELECT id, shapes FROM story_shapes");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  std::vector<std::vector<uint64_t>> shapes;
  while (q->Step(&st)) {
    shapes.clear();
    if (!DecodeShapes(q->Blob(1), &shapes)) shapes.clear();  // as LoadStory reads it
    fn(q->Text(0), shapes);
  }
  return st;
}

Result<std::vector<uint64_t>> StoryStore::CommonKeys() {
  auto q = db_->Prepare("SELECT key FROM common_keys");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<uint64_t> out;
  Status st = Ok();
  while (q->Step(&st)) out.push_back(static_cast<uint64_t>(q->Int(0)));
  if (!st) return tl::unexpected(st.error());
  return out;
}

Status StoryStore::AddCommonKeys(std::span<const uint64_t> keys) {
  Stmt* q = Cached("INSERT OR IGNORE INTO common_keys(key) VALUES(?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  for (uint64_t k : keys) {
    q->Reset();
    q->Bind(1, static_cast<int64_t>(k));
    Status st = Ok();
    q->Step(&st);
    if (!st) return st;
  }
  q->Reset();
  return Ok();
}

Result<bool> StoryStore::CommonLinksSettled() {
  auto v = MetaInt("common_links_settled");
  if (!v) return tl::unexpected(v.error());
  return *v == 1;
}

Status StoryStore::SetCommonLinksSettled(bool settled) {
  return SetMetaInt("common_links_settled", settled ? 1 : 0);
}

Result<std::vector<std::string>> StoryStore::PagesOfStories(std::span<const std::string> ids) {
  auto q = db_->Prepare(
      "SELECT DISTINCT p.name FROM stories s JOIN sources so ON so.story = s.rowid "
      "JOIN pages p ON p.rowid = so.page WHERE s.id=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<std::string> out;
  Status st = Ok();
  for (const std::string& id : ids) {
    q->Reset();
    q->Bind(1, id);
    while (q->Step(&st)) out.push_back(q->Text(0));
    if (!st) return tl::unexpected(st.error());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status StoryStore::ForEachRedirect(
    const std::function<void(const std::string& old_id, const std::string& new_id)>& fn) {
  auto q = db_->Prepare("SELECT old_id, new_id FROM story_redirects");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  while (q->Step(&st)) fn(q->Text(0), q->Text(1));
  return st;
}

Result<std::vector<StoryHead>> StoryStore::StoryHeads(std::vector<int64_t>* rowids,
                                                      bool text_sizes) {
  if (!text_sizes) {
    // From the indexes of ids and of dates alone, each (key, rowid), joined
    // and ordered here as the query below orders them (BINARY: bytes): a
    // scan of the table reads every text with its row. A date stored as
    // other than text or null, or indexes that disagree, take the query.
    struct Row {
      int64_t rowid = 0;
      bool null_date = false;
      std::string date, id;
    };
    std::vector<Row> rows;
    bool plain = true;
    Status st = Ok();
    {
      auto ids = db_->Prepare("SELECT rowid, id FROM stories ORDER BY id");
      if (!ids) return tl::unexpected(db_->LastFailure());
      while (ids->Step(&st)) rows.push_back({.rowid = ids->Int(0), .id = ids->Text(1)});
      if (!st) return tl::unexpected(st.error());
    }
    auto by_rowid = [](const Row& a, const Row& b) { return a.rowid < b.rowid; };
    std::sort(rows.begin(), rows.end(), by_rowid);
    {
      auto dates = db_->Prepare("SELECT rowid, date FROM stories ORDER BY date");
      if (!dates) return tl::unexpected(db_->LastFailure());
      size_t seen = 0;
      while (plain && dates->Step(&st)) {
        const int type = sqlite3_column_type(dates->get(), 1);
        const Row key{.rowid = dates->Int(0)};
        auto it = std::lower_bound(rows.begin(), rows.end(), key, by_rowid);
        if ((type != SQLITE_TEXT && type != SQLITE_NULL) || it == rows.end() ||
            it->rowid != key.rowid) {
          plain = false;
          break;
        }
        it->null_date = type == SQLITE_NULL;
        if (!it->null_date) it->date = dates->Text(1);
        ++seen;
      }
      if (!st) return tl::unexpected(st.error());
      plain = plain && seen == rows.size();
    }
    if (plain) {
      std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.null_date != b.null_date) return b.null_date;
        if (a.date != b.date) return a.date > b.date;
        return a.id < b.id;
      });
      std::vector<StoryHead> out;
      out.reserve(rows.size());
      rowids->clear();
      rowids->reserve(rows.size());
      for (Row& r : rows) {
        rowids->push_back(r.rowid);
        out.push_back({.id = std::move(r.id), .date = std::move(r.date), .text_size = 0});
      }
      return out;
    }
  }
  auto q = db_->Prepare(std::string("SELECT rowid, id, coalesce(date,''), ") +
                        (text_sizes ? "length(CAST(text AS BLOB))" : "0") +
                        " FROM stories s ORDER BY s.date IS NULL, s.date DESC, s.id");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<StoryHead> out;
  rowids->clear();
  Status st = Ok();
  while (q->Step(&st)) {
    rowids->push_back(q->Int(0));
    out.push_back({.id = q->Text(1),
                   .date = q->Text(2),
                   .text_size = static_cast<size_t>(std::max<int64_t>(q->Int(3), 0))});
  }
  if (!st) return tl::unexpected(st.error());
  return out;
}

Result<std::vector<Story>> StoryStore::StoryTexts(std::span<const int64_t> rowids) {
  return ReadStories(rowids, /*texts=*/true);
}

Result<std::vector<Story>> StoryStore::StoryTitles(std::span<const int64_t> rowids) {
  return ReadStories(rowids, /*texts=*/false);
}

Result<std::vector<Story>> StoryStore::ReadStories(std::span<const int64_t> rowids, bool texts) {
  std::vector<Story> out;
  out.reserve(rowids.size());
  Stmt* q = Cached(texts ? "SELECT id, coalesce(date,''), coalesce(title,''), text, language "
                           "FROM stories WHERE rowid=?"
                         : "SELECT id, coalesce(date,''), coalesce(title,''), '', language "
                           "FROM stories WHERE rowid=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  for (int64_t rowid : rowids) {
    q->Reset();
    q->Bind(1, rowid);
    Status st = Ok();
    if (!q->Step(&st)) {
      q->Reset();
      if (!st) return tl::unexpected(st.error());
      return Fail(ErrorCode::kNotFound, "no story at row " + std::to_string(rowid));
    }
    Story s;
    s.id = q->Text(0);
    s.date = q->Text(1);
    // Read as blobs, the same bytes: a text read as text is first copied
    // to be terminated (by SQLite, from the mapped page), then copied here.
    s.title = q->Blob(2);
    s.text = q->Blob(3);
    s.language = q->Text(4);
    out.push_back(std::move(s));
  }
  q->Reset();
  return out;
}

Result<std::vector<Story>> StoryStore::QueryStories(const std::string& where,
                                                    const StoryQuery& query) {
  std::string sql = "SELECT id FROM stories s WHERE 1=1";
  if (!where.empty()) sql += " AND " + where;
  if (!query.since.empty()) sql += " AND s.date >= ?1";
  if (!query.until.empty()) sql += " AND s.date <= ?2";
  if (!query.language.empty()) sql += " AND s.language = ?3";
  sql += " ORDER BY s.date IS NULL, s.date DESC, s.id";
  if (query.limit > 0) sql += " LIMIT " + std::to_string(query.limit);
  auto q = db_->Prepare(sql);
  if (!q) return tl::unexpected(db_->LastFailure());
  if (!query.since.empty()) q->Bind(1, query.since);
  if (!query.until.empty()) q->Bind(2, query.until);
  if (!query.language.empty()) q->Bind(3, query.language);
  std::vector<std::string> ids;
  Status st = Ok();
  while (q->Step(&st)) ids.push_back(q->Text(0));
  if (!st) return tl::unexpected(st.error());
  std::vector<Story> out;
  for (const std::string& id : ids) {
    auto s = LoadStory(id);
    if (!s) return tl::unexpected(s.error());
    // Listed, then not found by its id: the table and its index disagree
    // (the reads are of one snapshot, where a story cannot go in between).
    if (!*s) {
      return tl::unexpected(DamagedFile(db_->path(), "story " + id + " is listed but not found"));
    }
    out.push_back(std::move(**s));
  }
  return out;
}

Result<std::vector<Story>> StoryStore::Stories(const StoryQuery& query) {
  return QueryStories("", query);
}

Result<std::vector<RankedHit>> StoryStore::SearchRanked(const std::string& query,
                                                        const StoryQuery& filter) {
  // Ranked as the server ranks (RankRows: one place for the ranking), then
  // each match's story read in that order, as far as the limit: its id and
  // date, for the dates asked (a story without a date is left out when a
  // bound is given, as SQL's comparison with NULL leaves it out).
  auto ranked = RankRows(query);
  if (!ranked) return tl::unexpected(ranked.error());
  auto q = db_->Prepare("SELECT id, date FROM stories WHERE rowid = ?1");
  if (!q) return tl::unexpected(q.error());
  std::vector<RankedHit> out;
  for (const RankedRow& r : *ranked) {
    if (filter.limit > 0 && out.size() >= static_cast<size_t>(filter.limit)) break;
    q->Reset();
    q->Bind(1, r.rowid);
    Status st = Ok();
    if (!q->Step(&st)) {
      if (!st) return tl::unexpected(st.error());
      continue;  // an index row without its story: not a match (as a join)
    }
    const bool dated = !q->IsNull(1);
    RankedHit h{.rowid = r.rowid, .id = q->Text(0), .date = {}, .score = r.score};
    h.date = dated ? q->Text(1) : std::string();
    if (!filter.since.empty() && (!dated || h.date < filter.since)) continue;
    if (!filter.until.empty() && (!dated || h.date > filter.until)) continue;
    out.push_back(std::move(h));
  }
  q->Reset();
  return out;
}

Result<std::vector<RankedRow>> StoryStore::RankRows(const std::string& query, size_t top) {
  // bm25() as FTS5 computes it, but with the rows' lengths from memory
  // (FtsRank: the same scores, half the time a match), read again in the
  // same read transaction whenever the archive changed. Without FTS5's
  // API, bm25() itself.
  if (!rank_) {
    if (auto r = FtsRank::Register(db_->handle(), "stories_fts")) rank_ = std::move(*r);
  }
  sqlite3* h = db_->handle();
  const bool own_txn = rank_ != nullptr && sqlite3_get_autocommit(h) != 0;
  // Inside the caller's read transaction (Archive's InSnapshot) the lengths
  // can be checked in it; inside a write transaction they are not used.
  const bool in_read =
      rank_ != nullptr && !own_txn && sqlite3_txn_state(h, "main") != SQLITE_TXN_WRITE;
  struct EndTxn {
    sqlite3* h;
    bool on;
    ~EndTxn() {
      if (on && sqlite3_get_autocommit(h) == 0)
        sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    }
  } end_txn{h, false};
  bool held = false;
  if (own_txn) {
    // BEGIN, and a read that starts the read transaction, so that the
    // data version read next is the one the ranking sees.
    if (db_->Exec("BEGIN").has_value()) {
      end_txn.on = true;
      if (db_->Exec("SELECT 1 FROM stories_fts_docsize LIMIT 1").has_value()) {
        auto fresh = rank_->Fresh();
        held = fresh && (*fresh || rank_->Load().has_value());
      }
    }
  } else if (in_read && db_->Exec("SELECT 1 FROM stories_fts_docsize LIMIT 1").has_value()) {
    auto fresh = rank_->Fresh();
    held = fresh && (*fresh || rank_->Load().has_value());
  }
  std::vector<RankedRow> out;
  if (held && FtsRank::IsConjunction(query)) {
    // Phrases joined by AND: every match ranked in one call (FtsRank), the
    // same scores as below at a fraction of the cost.
    std::vector<RankedRow>& scored = out;  // FtsRank::Scored is RankedRow
    auto all = db_->Prepare(
        "SELECT annals_rank_all(stories_fts, 5.0, 1.0) FROM stories_fts "
        "WHERE stories_fts MATCH ?1 LIMIT 1");
    if (!all) return tl::unexpected(all.error());
    all->Bind(1, query);
    rank_->SetSink(&scored);
    Status st = Ok();
    const bool row = all->Step(&st);
    const bool ranked = row && all->Int(0) == 1 && rank_->sink_done();
    all->Reset();
    rank_->SetSink(nullptr);
    if (!st) {
      if (IsDamaged(st.error())) return tl::unexpected(st.error());
      return Fail(ErrorCode::kInvalidInput,
                  "cannot read the query \"" + query + "\": " + st.error().message);
    }
    if (!row || ranked) {  // no match at all, or every match ranked
      FtsRank::SortTop(&scored, top);  // by score, ties by rowid
      return out;
    }
    out.clear();
  }
  auto q =
      db_->Prepare(held ? "SELECT rowid, annals_bm25(stories_fts, 5.0, 1.0) AS score "
                          "FROM stories_fts WHERE stories_fts MATCH ?1"
                        : "SELECT rowid, bm25(stories_fts, 5.0, 1.0) AS score FROM stories_fts "
                          "WHERE stories_fts MATCH ?1");
  if (!q) return tl::unexpected(q.error());
  q->Bind(1, query);
  Status st = Ok();
  while (q->Step(&st)) out.push_back({.rowid = q->Int(0), .score = q->Double(1)});
  if (!st) {
    if (IsDamaged(st.error())) return tl::unexpected(st.error());
    return Fail(ErrorCode::kInvalidInput,
                "cannot read the query \"" + query + "\": " + st.error().message);
  }
  // Sorted here rather than by SQLite's sorter (a fifth of the time).
  if (top > 0 && top < out.size()) {
    FtsRank::SortTop(&out, top);
    return out;
  }
  std::sort(out.begin(), out.end(), [](const RankedRow& a, const RankedRow& b) {
    return a.score != b.score ? a.score < b.score : a.rowid < b.rowid;
  });
  return out;
}

Result<std::vector<std::pair<int64_t, std::string>>> StoryStore::StoryRowids() {
  auto q = db_->Prepare("SELECT rowid, id FROM stories");
  if (!q) return tl::unexpected(q.error());
  std::vector<std::pair<int64_t, std::string>> out;
  Status st = Ok();
  while (q->Step(&st)) out.emplace_back(q->Int(0), q->Text(1));
  if (!st) return tl::unexpected(st.error());
  return out;
}

Result<std::vector<std::string>> StoryStore::Snippets(const std::string& query,
                                                      std::span<const int64_t> rowids) {
  auto snip = db_->Prepare(
      "SELECT snippet(stories_fts, 1, '[', ']', '…', 24) FROM stories_fts "
      "WHERE stories_fts MATCH ?1 AND rowid = ?2");
  if (!snip) return tl::unexpected(snip.error());
  std::vector<std::string> out;
  for (int64_t rowid : rowids) {
    snip->Reset();
    snip->Bind(1, query);
    snip->Bind(2, rowid);
    Status st = Ok();
    out.push_back(snip->Step(&st) ? snip->Text(0) : std::string());
    if (!st) return tl::unexpected(st.error());
  }
  return out;
}

Result<std::vector<SearchHit>> StoryStore::LoadHits(const std::string& query,
                                                    std::span<const RankedHit> hits) {
  auto snip = db_->Prepare(
      "SELECT snippet(stories_fts, 1, '[', ']', '…', 24) FROM stories_fts "
      "WHERE stories_fts MATCH ?1 AND rowid = ?2");
  if (!snip) return tl::unexpected(snip.error());
  std::vector<SearchHit> out;
  for (const RankedHit& r : hits) {
    SearchHit h;
    h.score = r.score;
    snip->Reset();
    snip->Bind(1, query);
    snip->Bind(2, r.rowid);
    Status st = Ok();
    if (snip->Step(&st)) h.snippet = snip->Text(0);
    if (!st) return tl::unexpected(st.error());
    auto s = LoadStory(r.id);
    if (!s) return tl::unexpected(s.error());
    if (!*s) {
      return tl::unexpected(DamagedFile(db_->path(), "story " + r.id + " is indexed but not found"));
    }
    h.story = std::move(**s);
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::pair<int64_t, int64_t>> StoryStore::CountStories(const StoryQuery& query) {
  std::string sql = "SELECT count(*), (SELECT count(*) FROM stories WHERE date IS NULL) "
                    "FROM stories s WHERE 1=1";
  if (!query.since.empty()) sql += " AND s.date >= ?1";
  if (!query.until.empty()) sql += " AND s.date <= ?2";
  if (!query.language.empty()) sql += " AND s.language = ?3";
  auto q = db_->Prepare(sql);
  if (!q) return tl::unexpected(q.error());
  if (!query.since.empty()) q->Bind(1, query.since);
  if (!query.until.empty()) q->Bind(2, query.until);
  if (!query.language.empty()) q->Bind(3, query.language);
  Status st = Ok();
  if (!q->Step(&st)) return st ? Fail(ErrorCode::kDb, db_->LastError()) : tl::unexpected(st.error());
  return std::make_pair(q->Int(0), q->Int(1));
}

Result<int64_t> StoryStore::StoryCount() {
  auto q = db_->Prepare("SELECT count(*) FROM stories");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  if (!q->Step(&st)) return tl::unexpected(st ? db_->LastFailure() : st.error());
  return q->Int(0);
}

Result<ArchiveCounts> StoryStore::Counts() {
  auto q = db_->Prepare(
      "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM entities), "
      "(SELECT count(*) FROM mentions), (SELECT count(*) FROM facts), "
      "(SELECT count(*) FROM events)");
  if (!q) return tl::unexpected(q.error());
  Status st = Ok();
  if (!q->Step(&st)) return tl::unexpected(st ? db_->LastFailure() : st.error());
  return ArchiveCounts{q->Int(0), q->Int(1), q->Int(2), q->Int(3), q->Int(4)};
}

Result<std::vector<SearchHit>> StoryStore::Search(const std::string& query,
                                                  const StoryQuery& filter) {
  // Rank first, then make snippets only for the hits kept: a snippet costs
  // far more than a BM25 score.
  auto ranked = SearchRanked(query, filter);
  if (!ranked) return tl::unexpected(ranked.error());
  return LoadHits(query, *ranked);
}

namespace {

// Writes entity x through `insert` (INSERT OR REPLACE INTO entities, with
// the columns in order), as ReplaceKnowledge and UpdateKnowledge both do.
Status InsertEntity(Stmt* insert, const Entity& x) {
  insert->Reset();
  insert->Bind(1, x.id);
  insert->Bind(2, EntityTypeName(x.type));
  insert->Bind(3, x.name);
  insert->Bind(4, JoinLines(x.aliases));
  insert->Bind(5, static_cast<int64_t>(x.mentions));
  insert->Bind(6, x.first_seen);
  insert->Bind(7, x.last_seen);
  Status st = Ok();
  insert->Step(&st);
  return st;
}

}  // namespace

Status StoryStore::ReplaceKnowledge(const KnowledgeRows& d, int64_t generation) {
  for (const MentionRef& m : d.mentions) {
    if (m.entity >= d.entities.size() || m.story >= d.stories.size()) {
      return Fail(ErrorCode::kInvalidInput, "a mention names no entity or story");
    }
  }
  for (const FactRef& x : d.facts) {
    if (x.story >= d.stories.size()) return Fail(ErrorCode::kInvalidInput, "a fact names no story");
  }
  RETURN_IF_ERROR(db_->Exec("DELETE FROM entities; DELETE FROM mentions; DELETE FROM facts; "
                            "DELETE FROM events; DELETE FROM knowledge_digests;"));
  Status st = Ok();
  auto e = db_->Prepare("INSERT OR REPLACE INTO entities VALUES(?,?,?,?,?,?,?)");
  if (!e) return tl::unexpected(e.error());
  for (const Entity& x : d.entities) {
    if (st = InsertEntity(&*e, x); !st) return st;
  }
  auto mentions = WriteMentions(d.stories, d.entities);
  if (!mentions) return tl::unexpected(mentions.error());
  for (const MentionRef& m : d.mentions) RETURN_IF_ERROR(mentions->Add(m));
  RETURN_IF_ERROR(mentions->Finish());
  auto facts = WriteFacts(d.stories, d.entities);
  if (!facts) return tl::unexpected(facts.error());
  for (const FactRef& f : d.facts) RETURN_IF_ERROR(facts->Add(f));
  auto events = WriteEvents();
  if (!events) return tl::unexpected(events.error());
  for (const Event& x : d.events) RETURN_IF_ERROR(events->Add(x));
  return SetMetaInt("knowledge_generation", generation);
}

namespace {

// Mentions are the bulk (about 85 a story): kMentionRows to a statement,
// which halves the per-row cost of one statement each.
constexpr size_t kMentionRows = 64;

// With `rowids`, each row's rowid is bound first.
Result<Stmt> PrepareMentionRows(SqliteDb* db, size_t rows, bool rowids) {
  const char* row = rowids ? "(?,?,?,?,?)" : "(?,?,?,?)";
  std::string sql = rowids ? "INSERT INTO mentions(rowid, entity_id, story_id, begin, end) VALUES"
                           : "INSERT INTO mentions VALUES";
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ",";
    sql += row;
  }
  return db->Prepare(sql);
}

}  // namespace

StoryStore::MentionWriter::MentionWriter(SqliteDb* db, Stmt many,
                                         std::span<const StoryHead> stories,
                                         std::span<const Entity> entities)
    : db_(db), many_(std::move(many)), stories_(stories), entities_(entities) {
  held_.reserve(kMentionRows);
}

Result<StoryStore::MentionWriter> StoryStore::WriteMentions(std::span<const StoryHead> stories,
                                                            std::span<const Entity> entities) {
  auto many = PrepareMentionRows(db_.get(), kMentionRows, /*rowids=*/false);
  if (!many) return tl::unexpected(many.error());
  return MentionWriter(db_.get(), std::move(*many), stories, entities);
}

Status StoryStore::MentionWriter::Add(const MentionRef& m) {
  if (m.entity >= entities_.size() || m.story >= stories_.size()) {
    return Fail(ErrorCode::kInvalidInput, "a mention names no entity or story");
  }
  held_.push_back(m);
  if (held_.size() < kMentionRows) return Ok();
  return Write(many_);
}

Status StoryStore::MentionWriter::Finish() {
  if (held_.empty()) return Ok();
  auto rest = PrepareMentionRows(db_, held_.size(), next_rowid_ != 0);
  if (!rest) return tl::unexpected(rest.error());
  return Write(*rest);
}

Status StoryStore::MentionWriter::Write(Stmt& stmt) {
  for (size_t r = 0; r < held_.size(); ++r) {
    const MentionRef& x = held_[r];
    int c = static_cast<int>(r * 4);
    if (next_rowid_ != 0) {
      c = static_cast<int>(r * 5) + 1;
      stmt.Bind(c, next_rowid_++);
    }
    stmt.Bind(c + 1, entities_[x.entity].id);
    stmt.Bind(c + 2, stories_[x.story].id);
    stmt.Bind(c + 3, static_cast<int64_t>(x.begin));
    stmt.Bind(c + 4, static_cast<int64_t>(x.end));
  }
  held_.clear();
  Status written = Ok();
  stmt.Step(&written);
  stmt.Reset();
  return written;
}

Result<StoryStore::FactWriter> StoryStore::WriteFacts(std::span<const StoryHead> stories,
                                                      std::span<const Entity> entities) {
  auto f = db_->Prepare("INSERT INTO facts VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!f) return tl::unexpected(f.error());
  return FactWriter(std::move(*f), stories, entities);
}

Status StoryStore::FactWriter::Add(const FactRef& ref) {
  if (ref.story >= stories_.size()) return Fail(ErrorCode::kInvalidInput, "a fact names no story");
  const StoryHead& story = stories_[ref.story];
  const Fact x = NamedFact(ref, entities_, story.id, story.date);
  stmt_.Reset();
  if (next_rowid_ != 0) stmt_.Bind(11, next_rowid_++);
  stmt_.Bind(1, FactTypeName(x.type));
  stmt_.Bind(2, x.person);
  stmt_.Bind(3, x.post);
  stmt_.Bind(4, x.organization);
  stmt_.Bind(5, x.country);
  stmt_.Bind(6, static_cast<int64_t>(x.year));
  stmt_.Bind(7, x.date);
  stmt_.Bind(8, x.story_id);
  stmt_.Bind(9, static_cast<int64_t>(x.sentence_begin));
  stmt_.Bind(10, static_cast<int64_t>(x.sentence_end));
  Status st = Ok();
  stmt_.Step(&st);
  return st;
}

Result<StoryStore::EventWriter> StoryStore::WriteEvents() {
  auto v = db_->Prepare("INSERT OR REPLACE INTO events VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!v) return tl::unexpected(v.error());
  return EventWriter(std::move(*v));
}

Status StoryStore::EventWriter::Add(const Event& x) {
  stmt_.Reset();
  stmt_.Bind(1, x.id);
  stmt_.Bind(2, EventTypeName(x.type));
  stmt_.Bind(3, x.date);
  stmt_.Bind(4, x.date_end);
  stmt_.Bind(5, x.place);
  stmt_.Bind(6, JoinLines(x.participants));
  stmt_.Bind(7, x.chair);
  stmt_.Bind(8, JoinLines(x.stories));
  stmt_.Bind(9, x.story_id);
  stmt_.Bind(10, static_cast<int64_t>(x.sentence_begin));
  stmt_.Bind(11, static_cast<int64_t>(x.sentence_end));
  Status st = Ok();
  stmt_.Step(&st);
  return st;
}

namespace {

// A row's values as one string, to compare a row to be written with one
// stored: each value tagged with its kind ('T' text, 'I' integer, 'N' NULL),
// then written by RecordWriter (a text's length first, so no two rows run
// together alike).
void PutText(std::string* out, std::string_view v) {
  out->push_back('T');
  RecordWriter(out).Bytes(v);
}

void PutInt(std::string* out, int64_t v) {
  out->push_back('I');
  RecordWriter(out).Int(v);
}

// Column `col` of q's row as a blob, without a copy: valid until q steps on.
// A value not a blob gives the bytes of its text, as sqlite3_column_text
// (without the copy SQLite makes to end a text read from a mapped page).
std::string_view BlobView(const Stmt& q, int col) {
  const void* p = sqlite3_column_blob(q.get(), col);
  const int n = sqlite3_column_bytes(q.get(), col);
  if (p == nullptr || n <= 0) return {};
  return {static_cast<const char*>(p), static_cast<size_t>(n)};
}

// Column `col` of q's row as PutText (or, `integer`, PutInt) writes a value.
void PutColumn(std::string* out, const Stmt& q, int col, bool integer) {
  if (q.IsNull(col)) {
    out->push_back('N');
  } else if (integer) {
    PutInt(out, q.Int(col));
  } else {
    PutText(out, BlobView(q, col));
  }
}

// The values an entity's row holds (INSERT INTO entities), in its columns' order.
void EntityValues(const Entity& x, std::string* out) {
  PutText(out, x.id);
  PutText(out, EntityTypeName(x.type));
  PutText(out, x.name);
  PutText(out, JoinLines(x.aliases));
  PutInt(out, x.mentions);
  PutText(out, x.first_seen);
  PutText(out, x.last_seen);
}

// The same of an event (EventWriter::Add).
void EventValues(const Event& x, std::string* out) {
  PutText(out, x.id);
  PutText(out, EventTypeName(x.type));
  PutText(out, x.date);
  PutText(out, x.date_end);
  PutText(out, x.place);
  PutText(out, JoinLines(x.participants));
  PutText(out, x.chair);
  PutText(out, JoinLines(x.stories));
  PutText(out, x.story_id);
  PutInt(out, x.sentence_begin);
  PutInt(out, x.sentence_end);
}

// A stored row's values as the functions above write them; `ints` marks
// the integer columns.
// Into *out (cleared first).
void StoredValues(const Stmt& q, std::initializer_list<bool> ints, std::string* out) {
  out->clear();
  int col = 0;
  for (bool integer : ints) PutColumn(out, q, col++, integer);
}

std::string StoredValues(const Stmt& q, std::initializer_list<bool> ints) {
  std::string out;
  StoredValues(q, ints, &out);
  return out;
}

std::array<char, 16> Digest128(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  std::array<char, 16> out;
  std::memcpy(out.data(), &h.low64, 8);
  std::memcpy(out.data() + 8, &h.high64, 8);
  return out;
}

}  // namespace

Result<std::unique_ptr<StoryStore::KnowledgeWriter>> StoryStore::UpdateKnowledge(
    std::span<const StoryHead> stories, std::span<const Entity> entities, bool full) {
  std::unordered_map<std::string, KnowledgeWriter::Digests> digests;
  if (!full) {
    auto q = db_->Prepare("SELECT story_id, mentions, facts, mentions_first, mentions_count, "
                          "facts_first, facts_count FROM knowledge_digests");
    if (!q) return tl::unexpected(q.error());
    Status st = Ok();
    while (q->Step(&st)) {
      KnowledgeWriter::Digests d{.mentions_first = q->Int(3),
                                 .mentions_count = q->Int(4),
                                 .facts_first = q->Int(5),
                                 .facts_count = q->Int(6)};
      const std::string_view m = BlobView(*q, 1), f = BlobView(*q, 2);
      d.valid = m.size() == d.mentions.size() && f.size() == d.facts.size();
      if (d.valid) {
        std::memcpy(d.mentions.data(), m.data(), m.size());
        std::memcpy(d.facts.data(), f.data(), f.size());
      }
      digests.emplace(q->Text(0), d);
    }
    if (!st) return tl::unexpected(st.error());
    full = digests.empty();  // none kept: the rows stored are not known to be a relate's
  }
  if (full) {
    RETURN_IF_ERROR(db_->Exec("DELETE FROM entities; DELETE FROM mentions; DELETE FROM facts; "
                              "DELETE FROM events; DELETE FROM knowledge_digests;"));
  }
  // Rows are written under rowids past every row stored, a story's
  // consecutive.
  auto next_rowid = [&](const char* sql) -> Result<int64_t> {
    auto q = db_->Prepare(sql);
    if (!q) return tl::unexpected(q.error());
    Status st = Ok();
    if (!q->Step(&st)) return tl::unexpected(st ? db_->LastFailure() : st.error());
    return q->Int(0);
  };
  auto mention_rowid = next_rowid("SELECT coalesce(max(rowid), 0) + 1 FROM mentions");
  if (!mention_rowid) return tl::unexpected(mention_rowid.error());
  auto fact_rowid = next_rowid("SELECT coalesce(max(rowid), 0) + 1 FROM facts");
  if (!fact_rowid) return tl::unexpected(fact_rowid.error());
  auto many = PrepareMentionRows(db_.get(), kMentionRows, /*rowids=*/true);
  if (!many) return tl::unexpected(many.error());
  MentionWriter mentions(db_.get(), std::move(*many), stories, entities);
  mentions.next_rowid_ = *mention_rowid;
  auto f = db_->Prepare("INSERT INTO facts(type, person, post, organization, country, year, date, "
                        "story_id, sentence_begin, sentence_end, rowid) "
                        "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!f) return tl::unexpected(f.error());
  FactWriter facts(std::move(*f), stories, entities);
  facts.next_rowid_ = *fact_rowid;
  auto events = WriteEvents();
  if (!events) return tl::unexpected(events.error());
  std::unique_ptr<KnowledgeWriter> w(new KnowledgeWriter(this, stories, entities, full,
                                                         std::move(mentions), std::move(facts),
                                                         std::move(*events)));
  w->digests_ = std::move(digests);
  // The entities: those whose row differs from the one stored (all, when
  // full), then the removal of those stored and gone.
  std::unordered_map<std::string, std::string> stored;
  if (!full) {
    auto q = db_->Prepare("SELECT id, type, name, aliases, mentions, first_seen, last_seen "
                          "FROM entities");
    if (!q) return tl::unexpected(q.error());
    Status st = Ok();
    while (q->Step(&st)) {
      stored.emplace(q->Text(0), StoredValues(*q, {false, false, false, false, true, false, false}));
    }
    if (!st) return tl::unexpected(st.error());
    auto v = db_->Prepare("SELECT id, type, date, date_end, place, participants, chair, stories, "
                          "story_id, sentence_begin, sentence_end FROM events");
    if (!v) return tl::unexpected(v.error());
    std::string values;  // reused: an archive holds about 4 events a story
    while (v->Step(&st)) {
      StoredValues(*v, {false, false, false, false, false, false, false, false, false, true, true},
                   &values);
      w->events_stored_.Add(v->TextView(0), Digest128(values));
    }
    if (!st) return tl::unexpected(st.error());
    w->events_stored_.Seal();
  }
  auto e = db_->Prepare("INSERT OR REPLACE INTO entities VALUES(?,?,?,?,?,?,?)");
  if (!e) return tl::unexpected(e.error());
  std::unordered_set<std::string> given;
  std::string row;
  for (const Entity& x : entities) {
    row.clear();
    EntityValues(x, &row);
    const bool first = given.insert(x.id).second;
    if (first) {
      // Two of one id: the last is kept, as INSERT OR REPLACE keeps it.
      auto it = stored.find(x.id);
      if (it != stored.end() && it->second == row) continue;
    }
    ++w->entities_written_;
    if (Status st = InsertEntity(&*e, x); !st) return tl::unexpected(st.error());
  }
  for (const auto& [id, values] : stored) {
    if (given.contains(id)) continue;
    Stmt* d = Cached("DELETE FROM entities WHERE id=?");
    if (d == nullptr) return tl::unexpected(db_->LastFailure());
    d->Bind(1, id);
    Status st = Ok();
    d->Step(&st);
    if (!st) return tl::unexpected(st.error());
  }
  return w;
}

Status StoryStore::KnowledgeWriter::Story(uint32_t s, std::span<const MentionRef> mentions,
                                          std::span<const FactRef> facts) {
  if (s != next_ || s >= stories_.size()) {
    return Fail(ErrorCode::kInvalidInput, "a story's knowledge comes out of order");
  }
  ++next_;
  const StoryHead& h = stories_[s];
  row_.clear();
  for (const MentionRef& m : mentions) {
    if (m.entity >= entities_.size() || m.story != s) {
      return Fail(ErrorCode::kInvalidInput, "a mention names no entity or another story");
    }
    PutText(&row_, entities_[m.entity].id);
    PutText(&row_, h.id);
    PutInt(&row_, m.begin);
    PutInt(&row_, m.end);
  }
  const Digest mentions_digest = Digest128(row_);
  row_.clear();
  for (const FactRef& f : facts) {
    if (f.story != s) return Fail(ErrorCode::kInvalidInput, "a fact names another story");
    const Fact x = NamedFact(f, entities_, h.id, h.date);
    PutText(&row_, FactTypeName(x.type));
    PutText(&row_, x.person);
    PutText(&row_, x.post);
    PutText(&row_, x.organization);
    PutText(&row_, x.country);
    PutInt(&row_, x.year);
    PutText(&row_, x.date);
    PutText(&row_, x.story_id);
    PutInt(&row_, x.sentence_begin);
    PutInt(&row_, x.sentence_end);
  }
  const Digest facts_digest = Digest128(row_);
  Digests d{.mentions = mentions_digest, .facts = facts_digest};
  bool write_mentions = true, write_facts = true;
  if (auto it = digests_.find(h.id); it != digests_.end()) {
    d = it->second;
    digests_.erase(it);
    write_mentions = !d.valid || d.mentions != mentions_digest;
    write_facts = !d.valid || d.facts != facts_digest;
  }
  if (!write_mentions && !write_facts) return Ok();
  ++stories_written_;
  if (write_mentions) {
    RETURN_IF_ERROR(store_->DeleteRowids("DELETE FROM mentions WHERE rowid BETWEEN ? AND ?",
                                         d.mentions_first, d.mentions_count));
    d.mentions = mentions_digest;
    d.mentions_first = mentions_.next_rowid_ + static_cast<int64_t>(mentions_.held_.size());
    d.mentions_count = static_cast<int64_t>(mentions.size());
    for (const MentionRef& m : mentions) RETURN_IF_ERROR(mentions_.Add(m));
  }
  if (write_facts) {
    RETURN_IF_ERROR(store_->DeleteRowids("DELETE FROM facts WHERE rowid BETWEEN ? AND ?",
                                         d.facts_first, d.facts_count));
    d.facts = facts_digest;
    d.facts_first = facts_.next_rowid_;
    d.facts_count = static_cast<int64_t>(facts.size());
    for (const FactRef& f : facts) RETURN_IF_ERROR(facts_.Add(f));
  }
  Stmt* q = store_->Cached("INSERT OR REPLACE INTO knowledge_digests VALUES(?,?,?,?,?,?,?)");
  if (q == nullptr) return tl::unexpected(store_->db_->LastFailure());
  q->Bind(1, h.id);
  q->BindBlob(2, std::string_view(d.mentions.data(), d.mentions.size()));
  q->BindBlob(3, std::string_view(d.facts.data(), d.facts.size()));
  q->Bind(4, d.mentions_first);
  q->Bind(5, d.mentions_count);
  q->Bind(6, d.facts_first);
  q->Bind(7, d.facts_count);
  Status st = Ok();
  q->Step(&st);
  return st;
}

Status StoryStore::DeleteRowids(const char* sql, int64_t first, int64_t count) {
  if (count == 0) return Ok();
  Stmt* q = Cached(sql);
  if (q == nullptr) return tl::unexpected(db_->LastFailure());
  q->Bind(1, first);
  q->Bind(2, first + count - 1);
  Status st = Ok();
  q->Step(&st);
  return st;
}

Status StoryStore::KnowledgeWriter::Event(const annals::Event& e) {
  // Two of one id: the last is kept, as INSERT OR REPLACE keeps it (an
  // id not stored is written each time it is given).
  if (StoredEvent* stored = events_stored_.Find(e.id); stored != nullptr && !stored->given) {
    stored->given = true;
    row_.clear();
    EventValues(e, &row_);
    if (stored->row == Digest128(row_)) return Ok();
  }
  ++events_written_;
  return events_.Add(e);
}

Status StoryStore::KnowledgeWriter::Finish(int64_t generation) {
  if (next_ != stories_.size()) {
    return Fail(ErrorCode::kInvalidInput, "the knowledge of some stories was not given");
  }
  RETURN_IF_ERROR(mentions_.Finish());
  auto run = [&](const char* sql, const std::string& id) -> Status {
    Stmt* q = store_->Cached(sql);
    if (q == nullptr) return tl::unexpected(store_->db_->LastFailure());
    q->Bind(1, id);
    Status st = Ok();
    q->Step(&st);
    return st;
  };
  // The stories stored and gone (deleted, or merged into another).
  for (const auto& [id, d] : digests_) {
    RETURN_IF_ERROR(store_->DeleteRowids("DELETE FROM mentions WHERE rowid BETWEEN ? AND ?",
                                         d.mentions_first, d.mentions_count));
    RETURN_IF_ERROR(store_->DeleteRowids("DELETE FROM facts WHERE rowid BETWEEN ? AND ?",
                                         d.facts_first, d.facts_count));
    RETURN_IF_ERROR(run("DELETE FROM knowledge_digests WHERE story_id=?", id));
  }
  digests_.clear();
  RETURN_IF_ERROR(events_stored_.ForEachNotGiven(
      [&](const std::string& id) { return run("DELETE FROM events WHERE id=?", id); }));
  events_stored_.Clear();
  return store_->SetMetaInt("knowledge_generation", generation);
}

void StoryStore::KnowledgeWriter::StoredEvents::Add(std::string_view id, const Digest& row) {
  if (auto v = ParseHex64(id)) {
    packed_.push_back(Packed{*v, StoredEvent{row}});
  } else {
    other_.emplace(std::string(id), StoredEvent{row});
  }
}

void StoryStore::KnowledgeWriter::StoredEvents::Seal() {
  // No two are equal: the id is the events table's primary key.
  std::sort(packed_.begin(), packed_.end(),
            [](const Packed& a, const Packed& b) { return a.id < b.id; });
  packed_.shrink_to_fit();
}

StoryStore::KnowledgeWriter::StoredEvent* StoryStore::KnowledgeWriter::StoredEvents::Find(
    std::string_view id) {
  if (auto v = ParseHex64(id)) {
    auto it = std::lower_bound(packed_.begin(), packed_.end(), *v,
                               [](const Packed& p, uint64_t x) { return p.id < x; });
    return it != packed_.end() && it->id == *v ? &it->event : nullptr;
  }
  auto it = other_.find(std::string(id));
  return it != other_.end() ? &it->second : nullptr;
}

Status StoryStore::KnowledgeWriter::StoredEvents::ForEachNotGiven(
    const std::function<Status(const std::string&)>& f) const {
  for (const Packed& p : packed_) {
    if (!p.event.given) RETURN_IF_ERROR(f(Hex64(p.id)));
  }
  for (const auto& [id, stored] : other_) {
    if (!stored.given) RETURN_IF_ERROR(f(id));
  }
  return Ok();
}

void StoryStore::KnowledgeWriter::StoredEvents::Clear() {
  packed_ = {};
  other_ = {};
}

Result<std::vector<Entity>> StoryStore::Entities() {
  auto e = db_->Prepare("SELECT id, type, name, aliases, mentions, coalesce(first_seen,''), "
                        "coalesce(last_seen,'') FROM entities ORDER BY mentions DESC, name, id");
  if (!e) return tl::unexpected(e.error());
  std::vector<Entity> out;
  Status st = Ok();
  while (e->Step(&st)) {
    Entity x;
    x.id = e->Text(0);
    ParseEntityType(e->Text(1), &x.type);
    x.name = e->Text(2);
    x.aliases = SplitLines(e->Text(3));
    x.mentions = static_cast<int>(e->Int(4));
    x.first_seen = e->Text(5);
    x.last_seen = e->Text(6);
    out.push_back(std::move(x));
  }
  if (!st) return tl::unexpected(st.error());
  return out;
}

Result<ArchiveData> StoryStore::LoadAll() {
  ArchiveData d;
  auto stories = Stories(StoryQuery{});
  if (!stories) return tl::unexpected(stories.error());
  d.stories = std::move(*stories);
  auto entities = Entities();
  if (!entities) return tl::unexpected(entities.error());
  d.entities = std::move(*entities);
  // Mentions and facts by story, in the stories' order, each story's in
  // the order they were written (by rowid): a relate writes only the rows of
  // the stories that changed (KnowledgeWriter), so the table's order is not
  // the stories' order.
  auto m = db_->Prepare("SELECT entity_id, story_id, begin, end FROM mentions ORDER BY rowid");
  if (!m) return tl::unexpected(m.error());
  Status st = Ok();
  while (m->Step(&st)) {
    d.mentions.push_back({m->Text(0), m->Text(1), static_cast<uint32_t>(m->Int(2)),
                          static_cast<uint32_t>(m->Int(3))});
  }
  auto f = db_->Prepare(std::string("SELECT ") + kFactColumns + " FROM facts ORDER BY rowid");
  if (!f) return tl::unexpected(f.error());
  if (!st) return tl::unexpected(st.error());
  while (f->Step(&st)) d.facts.push_back(FactOfRow(*f));
  if (!st) return tl::unexpected(st.error());
  {
    std::unordered_map<std::string_view, size_t> position;  // of a story in d.stories
    position.reserve(d.stories.size());
    for (size_t i = 0; i < d.stories.size(); ++i) position.emplace(d.stories[i].id, i);
    auto at = [&](const std::string& id) {
      auto it = position.find(id);
      return it == position.end() ? d.stories.size() : it->second;
    };
    // A counting sort, stable: by story, each story's in the order read.
    auto by_story = [&](auto& rows) {
      // Positions 0 to size (a story not stored), counted at position + 2.
      std::vector<size_t> first(d.stories.size() + 3, 0);
      std::vector<size_t> story_of(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) {
        story_of[i] = at(rows[i].story_id);
        ++first[story_of[i] + 2];
      }
      for (size_t i = 2; i < first.size(); ++i) first[i] += first[i - 1];
      std::remove_reference_t<decltype(rows)> sorted(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) sorted[first[story_of[i] + 1]++] = std::move(rows[i]);
      rows = std::move(sorted);
    };
    by_story(d.mentions);
    by_story(d.facts);
  }
  auto v = db_->Prepare(std::string("SELECT ") + kEventColumns +
                        " FROM events ORDER BY date, id");
  if (!v) return tl::unexpected(v.error());
  if (!st) return tl::unexpected(st.error());
  while (v->Step(&st)) d.events.push_back(EventOfRow(*v));
  if (!st) return tl::unexpected(st.error());
  return d;
}

namespace {

// What a table of the archive holds, for `annals check`.
std::string TableHolds(const std::string& table) {
  if (table == "stories" || table.starts_with("stories_fts")) return "the stories and their index";
  if (table == "sources") return "the pages each story was seen on";
  if (table == "pages" || table == "page_versions") return "the pages read";
  if (table == "story_key_sets" || table == "story_redirects" || table == "story_shapes" ||
      table == "common_keys") {
    return "the dedup keys";
  }
  if (table == "corrections") return "your entity corrections";
  if (table == "entities" || table == "mentions" || table == "facts" || table == "events") {
    return "derived knowledge (`annals relate` rebuilds it from the stories)";
  }
  return "the archive's bookkeeping";
}

}  // namespace

Result<std::vector<std::string>> StoryStore::Check() {
  auto rows = [&](const std::string& sql) -> Result<std::vector<std::string>> {
    auto q = db_->Prepare(sql);
    if (!q) return tl::unexpected(q.error());
    std::vector<std::string> out;
    Status st = Ok();
    while (q->Step(&st)) {
      for (std::string& line : SplitLines(q->Text(0))) out.push_back(std::move(line));
    }
    if (!st) return tl::unexpected(st.error());
    if (out.size() == 1 && out[0] == "ok") out.clear();
    return out;
  };
  auto found = rows("PRAGMA integrity_check(100)");
  if (!found) {
    // SQLite stops its check at some damage (a malformed page header):
    // that is a finding too, and the tables are checked one by one below.
    if (found.error().code != ErrorCode::kCorrupt) return found;
    found = std::vector<std::string>{std::string("the check stopped: ") +
                                     sqlite3_errmsg(db_->handle())};
  }
  if (found->empty()) return found;
  // Which tables: the check again, one table (and its indexes) at a time.
  auto tables = rows("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
  if (!tables) return tl::unexpected(tables.error());
  for (const std::string& t : *tables) {
    std::string quoted = "'";
    for (char c : t) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    auto one = rows("PRAGMA integrity_check(" + quoted + "')");
    if (!one) {
      found->push_back("affected: " + t + " (" + TableHolds(t) +
                       "): " + sqlite3_errmsg(db_->handle()));
    } else if (!one->empty()) {
      found->push_back("affected: " + t + " (" + TableHolds(t) + ")");
    }
  }
  return found;
}

Status StoryStore::AddCorrection(const CorrectionRow& c) {
  // Numbers are never given twice, even after the last one was removed: an
  // "undo N" read from an older listing then removes nothing it did not mean.
  RETURN_IF_ERROR(Begin());
  Status st = [&]() -> Status {
    RETURN_IF_ERROR(MarkKnowledgeStale());
    auto last = MetaInt("last_correction");
    if (!last) return tl::unexpected(last.error());
    auto q = db_->Prepare(
        "INSERT INTO corrections(seq, kind, a, b) "
        "VALUES(max(?4, coalesce((SELECT max(seq) FROM corrections), 0)) + 1, ?1, ?2, ?3) "
        "RETURNING seq");
    if (!q) return tl::unexpected(db_->LastFailure());
    q->Bind(1, c.kind);
    q->Bind(2, c.a);
    q->Bind(3, c.b);
    q->Bind(4, *last);
    Status step = Ok();
    const int64_t seq = q->Step(&step) ? q->Int(0) : 0;
    q->Reset();
    if (!step) return step;
    return SetMetaInt("last_correction", seq);
  }();
  if (!st) {
    (void)Rollback();
    return st;
  }
  return Commit();
}

Result<std::vector<CorrectionRow>> StoryStore::Corrections() {
  auto q = db_->Prepare("SELECT kind, a, b, seq FROM corrections ORDER BY seq");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<CorrectionRow> out;
  Status st = Ok();
  while (q->Step(&st)) out.push_back({q->Text(0), q->Text(1), q->Text(2), q->Int(3)});
  if (!st) return tl::unexpected(st.error());
  return out;
}

Result<bool> StoryStore::RemoveCorrection(int64_t seq) {
  RETURN_IF_ERROR(Begin());
  bool removed = false;
  Status st = [&]() -> Status {
    auto q = db_->Prepare("DELETE FROM corrections WHERE seq=?");
    if (!q) return tl::unexpected(db_->LastFailure());
    q->Bind(1, seq);
    Status step = Ok();
    q->Step(&step);
    if (!step) return step;
    removed = sqlite3_changes(db_->handle()) > 0;
    q->Reset();
    // The last number stays used (AddCorrection).
    auto last = MetaInt("last_correction");
    if (!last) return tl::unexpected(last.error());
    if (seq > *last) RETURN_IF_ERROR(SetMetaInt("last_correction", seq));
    return removed ? MarkKnowledgeStale() : Ok();
  }();
  if (!st) {
    (void)Rollback();
    return tl::unexpected(st.error());
  }
  if (auto done = Commit(); !done) return tl::unexpected(done.error());
  return removed;
}

Result<std::vector<Fact>> StoryStore::PostsHeldBy(const std::vector<std::string>& persons) {
  auto q = db_->Prepare(
      "SELECT person, post, organization, date, story_id, sentence_begin, sentence_end "
      "FROM facts WHERE type='holds_post' AND person=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<Fact> out;
  for (const std::string& p : persons) {
    q->Reset();
    q->Bind(1, p);
    Status st = Ok();
    while (q->Step(&st)) {
      out.push_back(Fact{.type = FactType::kHoldsPost,
                         .person = q->Text(0),
                         .post = q->Text(1),
                         .organization = q->Text(2),
                         .date = q->Text(3),
                         .story_id = q->Text(4),
                         .sentence_begin = static_cast<uint32_t>(q->Int(5)),
                         .sentence_end = static_cast<uint32_t>(q->Int(6))});
    }
    if (!st) return tl::unexpected(st.error());
  }
  return out;
}

}  // namespace annals::store
