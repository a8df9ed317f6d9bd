#include "src/store/story_store.h"
#include "src/store/temp_archive_for_tests.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <span>

namespace annals::store {
namespace {
namespace fs = std::filesystem;

// Every key set stored (ForEachKeySetUpTo's bound).
constexpr int64_t kAllKeySets = std::numeric_limits<int64_t>::max();

class StoryStoreTest : public fixtures::TempArchiveTest {
 protected:
  StoryStoreTest() : TempArchiveTest("annals_store_test_") {}
};

Story MakeStory(const std::string& id, const std::string& date, const std::string& text) {
  return Story{.id = id, .date = date, .title = "Title " + id, .text = text,
               .sources = {{"p2.txt", SourceRole::kArticle}, {"p1.txt", SourceRole::kTeaser}},
               .attachments = {"a.pdf"}, .links = {"https://example.org/x"}};
}

TEST_F(StoryStoreTest, UpsertLoadListSearch) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "2024-01-02", "The council met in the harbour.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("s2", "2024-03-04", "Ministers signed the maritime treaty.")));
  auto one = st.LoadStory("s1");
  ASSERT_TRUE(one && *one);
  EXPECT_EQ(**one, MakeStory("s1", "2024-01-02", "The council met in the harbour."));
  auto list = st.Stories(StoryQuery{.since = "2024-02-01"});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, "s2");
  // Heads newest first like Stories; the texts alone by their rowids, in the
  // order asked.
  std::vector<int64_t> order;
  auto heads = st.StoryHeads(&order);
  ASSERT_TRUE(heads);
  EXPECT_EQ(*heads,
            (std::vector<StoryHead>{
                {"s2", "2024-03-04", std::string("Ministers signed the maritime treaty.").size()},
                {"s1", "2024-01-02", std::string("The council met in the harbour.").size()}}));
  ASSERT_EQ(order.size(), 2u);
  const std::vector<int64_t> rowids = {order[1], order[0]};
  auto texts = st.StoryTexts(rowids);
  ASSERT_TRUE(texts);
  ASSERT_EQ(texts->size(), 2u);
  EXPECT_EQ((*texts)[0].id, "s1");
  EXPECT_EQ((*texts)[1], (Story{.id = "s2",
                                .date = "2024-03-04",
                                .title = "Title s2",
                                .text = "Ministers signed the maritime treaty."}));
  const std::vector<int64_t> missing = {order[0] + order[1] + 1};
  auto none = st.StoryTexts(missing);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  auto hits = st.Search("\"maritime treaty\"", StoryQuery{});
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].story.id, "s2");
  EXPECT_NE((*hits)[0].snippet.find("[maritime treaty]"), std::string::npos);
  // Updating the text re-indexes it.
  ASSERT_TRUE(st.UpsertStory(MakeStory("s2", "2024-03-04", "Ministers signed the fishing accord.")));
  EXPECT_TRUE(st.Search("maritime", StoryQuery{})->empty());
  EXPECT_EQ(st.Search("accord", StoryQuery{})->size(), 1u);
  auto bad = st.Search("AND (", StoryQuery{});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
}

TEST_F(StoryStoreTest, RedirectKeepsOldIdsFindable) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  ASSERT_TRUE((*s)->UpsertStory(MakeStory("old", "", "A teaser.")));
  ASSERT_TRUE((*s)->UpsertStory(MakeStory("new", "", "The whole story.")));
  ASSERT_TRUE((*s)->AddKeys("old", {1, 0xFFFFFFFFFFFFFFFFull}, {0xabc}));
  ASSERT_TRUE((*s)->AddKeys("new", {2, 3}));
  ASSERT_TRUE((*s)->Redirect("old", "new"));
  auto got = (*s)->LoadStory("old");
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->id, "new");
  EXPECT_EQ(*(*s)->StoryCount(), 1);
  // The keys stay as written (dedup follows the redirect).
  struct Row {
    std::string id;
    std::vector<uint64_t> keys, simhashes;
    bool operator==(const Row&) const = default;
  };
  std::vector<Row> rows;
  ASSERT_TRUE((*s)->ForEachKeySetUpTo(
      kAllKeySets, [&](std::string_view id, std::span<const uint64_t> k,
                       std::span<const uint64_t> h) {
        rows.push_back({std::string(id), {k.begin(), k.end()}, {h.begin(), h.end()}});
      }));
  EXPECT_EQ(rows, (std::vector<Row>{{"old", {1, 0xFFFFFFFFFFFFFFFFull}, {0xabc}},
                                    {"new", {2, 3}, {}}}));
  std::vector<std::pair<std::string, std::string>> redirects;
  ASSERT_TRUE((*s)->ForEachRedirect(
      [&](const std::string& a, const std::string& b) { redirects.emplace_back(a, b); }));
  EXPECT_EQ(redirects, (std::vector<std::pair<std::string, std::string>>{{"old", "new"}}));
}

// FTS5's own check of an external-content index against the stories table.
bool IndexMatchesStories(StoryStore& st) {
  return static_cast<bool>(
      st.db()->Exec("INSERT INTO stories_fts(stories_fts, rank) VALUES('integrity-check', 1)"));
}

size_t Hits(StoryStore& st, const std::string& q) {
  auto hits = st.Search(q, StoryQuery{});
  return hits ? hits->size() : 999;
}

TEST_F(StoryStoreTest, TransactionIndexesItsStoriesAtCommit) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  StoryStore& st = **s;
  ASSERT_TRUE(st.UpsertStory(MakeStory("kept", "", "Harbour pilots went on strike.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("gone", "", "A teaser about lighthouses.")));
  ASSERT_TRUE(st.Begin());
  // New, then changed, in one transaction; an indexed story changed; one merged away.
  ASSERT_TRUE(st.UpsertStory(MakeStory("a", "", "Ferries were cancelled.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("a", "", "Ferries were cancelled, then restored.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("kept", "", "Harbour pilots ended their strike.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("b", "", "Ten new lighthouses.")));
  ASSERT_TRUE(st.Redirect("gone", "b"));
  ASSERT_TRUE(st.UpsertStory(MakeStory("c", "", "Dredging began.")));
  ASSERT_TRUE(st.Redirect("c", "a"));
  ASSERT_TRUE(st.Commit());
  EXPECT_TRUE(IndexMatchesStories(st));
  EXPECT_EQ(Hits(st, "restored"), 1u);
  EXPECT_EQ(Hits(st, "ferries"), 1u);
  EXPECT_EQ(Hits(st, "went"), 0u);
  EXPECT_EQ(Hits(st, "ended"), 1u);
  EXPECT_EQ(Hits(st, "lighthouses"), 1u);
  EXPECT_EQ(Hits(st, "teaser"), 0u);
  EXPECT_EQ(Hits(st, "dredging"), 0u);
  // A rolled-back transaction leaves the index as it was.
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.UpsertStory(MakeStory("d", "", "Rolled back words.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("kept", "", "Rolled back change.")));
  ASSERT_TRUE(st.Rollback());
  EXPECT_TRUE(IndexMatchesStories(st));
  EXPECT_EQ(Hits(st, "rolled"), 0u);
  EXPECT_EQ(Hits(st, "ended"), 1u);
}

// One transaction that stores 8,000 stories of 6 KB (what an ingest with
// --batch 10000 or the rebuild of a large group of stories writes) commits
// and indexes them all. With all of them indexed by one statement, SQLite
// 3.40 failed it with "database or disk is full" (the disk was not).
TEST_F(StoryStoreTest, LargeTransactionIsIndexed) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  StoryStore& st = **s;
  ASSERT_TRUE(st.Begin());
  uint64_t x = 88172645463325252ull;  // xorshift: words that vary, as real texts'
  constexpr int kStories = 8000;
  for (int i = 0; i < kStories; ++i) {
    std::string text;
    while (text.size() < 6000) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      text += "w" + std::to_string(x % 200000) + " ";
    }
    text += "story" + std::to_string(i);
    ASSERT_TRUE(st.UpsertStory(MakeStory("s" + std::to_string(i), "", text)));
  }
  auto committed = st.Commit();
  ASSERT_TRUE(committed) << committed.error().message;
  EXPECT_EQ(Hits(st, "story0"), 1u);
  EXPECT_EQ(Hits(st, "story" + std::to_string(kStories - 1)), 1u);
}

TEST_F(StoryStoreTest, MigratesVersion1Archives) {
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->UpsertStory(MakeStory("s1", "", "Old archive text.")));
    // What version 1 had on top of version 2: the triggers that kept the index.
    ASSERT_TRUE((*s)->db()->Exec(R"sql(
      UPDATE meta SET value='1' WHERE key='schema_version';
      CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
      CREATE INDEX mentions_entity ON mentions(entity_id);
      CREATE TABLE story_keys(key INTEGER NOT NULL, story_id TEXT NOT NULL,
        PRIMARY KEY(key, story_id)) WITHOUT ROWID;
      INSERT INTO story_keys VALUES(5, 's1'), (-7, 's1'), (6, 's0');)sql"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_TRUE((*s)->UpsertStory(MakeStory("s2", "", "New archive text.")));
  EXPECT_TRUE(IndexMatchesStories(**s));  // a trigger left behind would index s2 twice
  EXPECT_EQ(Hits(**s, "archive"), 2u);
  auto left = (*s)->db()->Prepare(
      "SELECT count(*) FROM sqlite_master WHERE name IN ('stories_ai', 'mentions_entity')");
  ASSERT_TRUE(left && left->Step(nullptr));
  EXPECT_EQ(left->Int(0), 0);
  // Version 1's key rows, one per story now.
  std::map<std::string, std::vector<uint64_t>> keys;
  ASSERT_TRUE((*s)->ForEachKeySetUpTo(
      kAllKeySets,
      [&](std::string_view id, std::span<const uint64_t> k, std::span<const uint64_t>) {
        keys[std::string(id)] = {k.begin(), k.end()};
      }));
  EXPECT_EQ(keys, (std::map<std::string, std::vector<uint64_t>>{
                      {"s0", {6}}, {"s1", {static_cast<uint64_t>(-7), 5}}}));
}

// An FTS5 setting (automerge, hashsize) as stored in the archive, or -1.
int64_t FtsConfig(StoryStore& st, const std::string& key) {
  auto q = st.db()->Prepare("SELECT v FROM stories_fts_config WHERE k=?");
  if (!q) return -1;
  q->Bind(1, key);
  return q->Step(nullptr) ? q->Int(0) : -1;
}
int64_t Automerge(StoryStore& st) { return FtsConfig(st, "automerge"); }

TEST_F(StoryStoreTest, MigratesVersion2ArchivesToFewerIndexMerges) {
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    EXPECT_EQ(Automerge(**s), 16);  // a new archive
    ASSERT_TRUE((*s)->UpsertStory(MakeStory("s1", "", "Old archive text.")));
    ASSERT_TRUE((*s)->db()->Exec(
        "UPDATE meta SET value='2' WHERE key='schema_version'; "
        "DELETE FROM stories_fts_config WHERE k='automerge';"));
    EXPECT_EQ(Automerge(**s), -1);  // version 2: FTS5's default
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(Automerge(**s), 16);
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
  ASSERT_TRUE((*s)->UpsertStory(MakeStory("s2", "", "New archive text.")));
  EXPECT_TRUE(IndexMatchesStories(**s));
  EXPECT_EQ(Hits(**s, "archive"), 2u);
}

TEST_F(StoryStoreTest, MigratesVersion3Archives) {
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->UpsertStory(MakeStory("s1", "", "Old archive text.")));
    // Version 3's sources, by story id and page name, with the index by page;
    // p1.txt was read, p2.txt is named by a source alone.
    EXPECT_EQ(FtsConfig(**s, "hashsize"), 16 << 20);  // a new archive
    ASSERT_TRUE((*s)->db()->Exec(R"sql(
      UPDATE meta SET value='3' WHERE key='schema_version';
      DELETE FROM stories_fts_config WHERE k='hashsize';
      DROP TABLE sources; DELETE FROM pages;
      CREATE TABLE sources(
        story_id TEXT NOT NULL, page TEXT NOT NULL, role TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY(story_id, page, role));
      CREATE INDEX sources_page ON sources(page);
      INSERT INTO sources VALUES('s1', 'p2.txt', 'article', 1), ('s1', 'p1.txt', 'teaser', 0),
        ('gone', 'p1.txt', 'teaser', 0);)sql"));
    ASSERT_TRUE((*s)->RecordPage("p1.txt", 42, 10));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(FtsConfig(**s, "hashsize"), 16 << 20);
  auto one = (*s)->LoadStory("s1");
  ASSERT_TRUE(one && *one);
  EXPECT_EQ(**one, MakeStory("s1", "", "Old archive text."));  // article first
  EXPECT_TRUE(*(*s)->PageUnchanged("p1.txt", 42));
  auto left = (*s)->db()->Prepare(
      "SELECT count(*) FROM sqlite_master WHERE name IN ('sources_v3', 'sources_page')");
  ASSERT_TRUE(left && left->Step(nullptr));
  EXPECT_EQ(left->Int(0), 0);
  left->Reset();
  auto rows = (*s)->db()->Prepare("SELECT count(*) FROM sources");
  ASSERT_TRUE(rows && rows->Step(nullptr));
  EXPECT_EQ(rows->Int(0), 2);  // not the row of a story no longer stored
  rows->Reset();
  ASSERT_TRUE((*s)->UpsertStory(MakeStory("s2", "", "New archive text.")));
  auto two = (*s)->LoadStory("s2");
  ASSERT_TRUE(two && *two);
  EXPECT_EQ(**two, MakeStory("s2", "", "New archive text."));
}

// A story's sources come back article first, then by page name, however
// they were added (in one upsert or several): the order does not depend on
// how the pages were split across ingests.
TEST_F(StoryStoreTest, SourcesInOneOrder) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  Story story = MakeStory("s1", "2024-01-02", "Text.");
  story.sources = {{"b.txt", SourceRole::kTeaser}, {"z.txt", SourceRole::kArticle}};
  ASSERT_TRUE((*s)->UpsertStory(story));
  story.sources.push_back({"a.txt", SourceRole::kTeaser});
  ASSERT_TRUE((*s)->UpsertStory(story, 2));
  auto loaded = (*s)->LoadStory("s1");
  ASSERT_TRUE(loaded && *loaded);
  const std::vector<Source> want = {{"z.txt", SourceRole::kArticle},
                                    {"a.txt", SourceRole::kTeaser},
                                    {"b.txt", SourceRole::kTeaser}};
  EXPECT_EQ((*loaded)->sources, want);
}

// A statement left on a row holds a read transaction, and while one is open
// SQLite cannot start the WAL file over (it grew to the whole archive).
bool ReadsOpen(StoryStore& st) {
  for (sqlite3_stmt* q = sqlite3_next_stmt(st.db()->handle(), nullptr); q != nullptr;
       q = sqlite3_next_stmt(st.db()->handle(), q)) {
    if (sqlite3_stmt_busy(q)) return true;
  }
  return false;
}

TEST_F(StoryStoreTest, NoReadLeftOpenBetweenCalls) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  StoryStore& st = **s;
  ASSERT_TRUE(st.RecordPage("a.txt", 1, 0));
  EXPECT_TRUE(*st.PageUnchanged("a.txt", 1));
  EXPECT_FALSE(ReadsOpen(st));
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "", "Text one.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "", "Text one, changed.")));
  ASSERT_TRUE(st.Commit());
  EXPECT_FALSE(ReadsOpen(st));
  auto one = st.LoadStory("s1");
  ASSERT_TRUE(one && *one);
  EXPECT_FALSE(ReadsOpen(st));
  std::vector<int64_t> rowids;
  ASSERT_TRUE(st.StoryHeads(&rowids));
  ASSERT_EQ(rowids.size(), 1u);
  ASSERT_TRUE(st.StoryTexts(rowids));
  EXPECT_FALSE(ReadsOpen(st));
}

TEST_F(StoryStoreTest, PagesAndReopen) {
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->RecordPage("a.txt", 42, 10));
    EXPECT_TRUE(*(*s)->PageUnchanged("a.txt", 42));
    EXPECT_FALSE(*(*s)->PageUnchanged("a.txt", 43));
    EXPECT_FALSE(*(*s)->PageUnchanged("b.txt", 42));
  }
  auto again = StoryStore::Open(path_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(*(*again)->PageUnchanged("a.txt", 42));
  // A page read again with new content keeps the stories seen on it.
  Story seen = MakeStory("s1", "", "Seen on a page.");
  seen.sources = {{"a.txt", SourceRole::kArticle}};
  ASSERT_TRUE((*again)->Begin());
  ASSERT_TRUE((*again)->UpsertStory(seen));
  ASSERT_TRUE((*again)->RecordPage("a.txt", 43, 12));
  ASSERT_TRUE((*again)->Commit());
  EXPECT_TRUE(*(*again)->PageUnchanged("a.txt", 43));
  auto loaded = (*again)->LoadStory("s1");
  ASSERT_TRUE(loaded && *loaded);
  EXPECT_EQ(**loaded, seen);
}

TEST_F(StoryStoreTest, PagesKeepEveryCaptureOfAName) {
  // One URL captured before and after it changed (two WARCs of a recrawl):
  // each capture is known, so neither reads as a change of the other.
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  ASSERT_TRUE((*s)->RecordPage("https://example.org/a", 42, 10));
  ASSERT_TRUE((*s)->RecordPage("https://example.org/a", 43, 12));
  EXPECT_TRUE(*(*s)->PageUnchanged("https://example.org/a", 42));
  EXPECT_TRUE(*(*s)->PageUnchanged("https://example.org/a", 43));
  EXPECT_FALSE(*(*s)->PageUnchanged("https://example.org/a", 44));
  EXPECT_FALSE(*(*s)->PageUnchanged("https://example.org/b", 42));
  auto rows = (*s)->db()->Prepare("SELECT count(*), max(hash) FROM pages");
  ASSERT_TRUE(rows && rows->Step(nullptr));
  EXPECT_EQ(rows->Int(0), 1);   // one row a page, which its sources name
  EXPECT_EQ(rows->Int(1), 43);  // with the content read last
  rows->Reset();
}

TEST_F(StoryStoreTest, MigratesVersion4Archives) {
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->RecordPage("p1.txt", 42, 10));
    ASSERT_TRUE((*s)->db()->Exec("UPDATE meta SET value='4' WHERE key='schema_version'; "
                                 "DROP TABLE page_versions;"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(*(*s)->PageUnchanged("p1.txt", 42));  // version 4's page, known
  EXPECT_FALSE(*(*s)->PageUnchanged("p1.txt", 43));
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
}

// Relate's readings and the events': found only under the key they were
// kept with, and only in their own table; kept anew in place of the old;
// those of a story merged away dropped.
TEST_F(StoryStoreTest, KeepsReadingsByStoryAndKey) {
  for (const auto& [of, other] :
       {std::pair{StoryStore::Readings::kRelate, StoryStore::Readings::kEvents},
        std::pair{StoryStore::Readings::kEvents, StoryStore::Readings::kRelate}}) {
    Cleanup();
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    Story a{.id = "a", .date = "2020-01-01", .title = "A", .text = "text a"};
    Story b{.id = "b", .date = "2020-01-02", .title = "B", .text = "text b"};
    ASSERT_TRUE((*s)->Begin());
    ASSERT_TRUE((*s)->UpsertStory(a));
    ASSERT_TRUE((*s)->UpsertStory(b));
    const std::string bytes("rec\0ord\xff", 8);  // any bytes, a NUL among them
    ASSERT_TRUE((*s)->PutReading(of, "a", 0xfedcba9876543210ull, bytes));
    ASSERT_TRUE((*s)->PutReading(of, "b", 7, "b's"));
    ASSERT_TRUE((*s)->Commit());
    auto found = (*s)->Reading(of, "a", 0xfedcba9876543210ull);
    ASSERT_TRUE(found && *found);
    EXPECT_EQ(**found, bytes);
    EXPECT_FALSE(*(*s)->Reading(other, "a", 0xfedcba9876543210ull));  // the other table
    EXPECT_FALSE(*(*s)->Reading(of, "a", 7));  // another key: none
    EXPECT_FALSE(*(*s)->Reading(of, "c", 7));  // another story: none
    ASSERT_TRUE((*s)->Begin());
    ASSERT_TRUE((*s)->PutReading(of, "a", 8, "new"));
    ASSERT_TRUE((*s)->Redirect("b", "a"));
    ASSERT_TRUE((*s)->DropOrphanReadings(of));
    ASSERT_TRUE((*s)->Commit());
    EXPECT_FALSE(*(*s)->Reading(of, "a", 0xfedcba9876543210ull));
    EXPECT_EQ(**(*s)->Reading(of, "a", 8), "new");
    EXPECT_FALSE(*(*s)->Reading(of, "b", 7));  // b merged away: its reading dropped
  }
}

// A version 6 archive (no readings) opens, and gets an empty table of them.
TEST_F(StoryStoreTest, MigratesVersion6Archives) {
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->db()->Exec("UPDATE meta SET value='6' WHERE key='schema_version'; "
                                 "DROP TABLE readings;"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_FALSE(*(*s)->Reading(StoryStore::Readings::kRelate, "a", 1));
  ASSERT_TRUE((*s)->Begin());
  EXPECT_TRUE((*s)->PutReading(StoryStore::Readings::kRelate, "a", 1, "r"));
  ASSERT_TRUE((*s)->Commit());
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
}

// Stories keep their language; a version 7 archive (no language column)
// gets it, detected from each story's title and text.
TEST_F(StoryStoreTest, StoriesKeepTheirLanguageAndOldArchivesGetIt) {
  const std::string ru = "Совет министров собрался в столице и обсудил вопросы сотрудничества.";
  const std::string en = "The council of ministers met in the capital to discuss cooperation.";
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->UpsertStory(Story{.id = "r", .text = ru, .sources = {{"r.txt", SourceRole::kArticle}},
                                        .language = "ru"}, 0));
    ASSERT_TRUE((*s)->UpsertStory(Story{.id = "e", .text = en, .sources = {{"e.txt", SourceRole::kArticle}},
                                        .language = "en"}, 0));
    auto r = (*s)->LoadStory("r");
    ASSERT_TRUE(r && *r);
    EXPECT_EQ((*r)->language, "ru");
    auto only_ru = (*s)->Stories(StoryQuery{.language = "ru"});
    ASSERT_TRUE(only_ru);
    ASSERT_EQ(only_ru->size(), 1u);
    EXPECT_EQ((*only_ru)[0].id, "r");
    ASSERT_TRUE((*s)->db()->Exec("UPDATE meta SET value='7' WHERE key='schema_version'; "
                                 "ALTER TABLE stories DROP COLUMN language;"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  auto r = (*s)->LoadStory("r");
  auto e = (*s)->LoadStory("e");
  ASSERT_TRUE(r && *r && e && *e);
  EXPECT_EQ((*r)->language, "ru");
  EXPECT_EQ((*e)->language, "en");
}

// Stories keep dedup's earliest date (Story::earliest_date); a version 13
// archive (no such column) gets it: the date of each dated story, taken to
// be its text's own; an undated story keeps none.
TEST_F(StoryStoreTest, StoriesKeepTheirEarliestDateAndOldArchivesGetIt) {
  const auto story = [](std::string id, std::string date, std::string earliest) {
    return Story{.id = id,
                 .date = std::move(date),
                 .text = "The text of story " + id + ".",
                 .sources = {{id + ".txt", SourceRole::kArticle}},
                 .earliest_date = std::move(earliest)};
  };
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->UpsertStory(story("own", "2024-03-05", "2024-03-01"), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("earliest", "2024-03-02", ""), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("none", "", ""), 0));
    for (const auto& [id, earliest] :
         {std::pair{"own", "2024-03-01"}, std::pair{"earliest", ""}, std::pair{"none", ""}}) {
      auto r = (*s)->LoadStory(id);
      ASSERT_TRUE(r && *r) << id;
      EXPECT_EQ((*r)->earliest_date, earliest) << id;
    }
    // Only the earliest date changes: the row does.
    ASSERT_TRUE((*s)->UpsertStory(story("own", "2024-03-05", "2024-02-28"), 1));
    auto r = (*s)->LoadStory("own");
    ASSERT_TRUE(r && *r);
    EXPECT_EQ((*r)->earliest_date, "2024-02-28");
    ASSERT_TRUE(
        (*s)->db()->Exec("UPDATE meta SET value='13' WHERE key='schema_version'; "
                         "ALTER TABLE stories DROP COLUMN earliest_date;"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  for (const auto& [id, date, earliest] :
       {std::tuple{"own", "2024-03-05", "2024-03-05"},
        std::tuple{"earliest", "2024-03-02", "2024-03-02"}, std::tuple{"none", "", ""}}) {
    auto r = (*s)->LoadStory(id);
    ASSERT_TRUE(r && *r) << id;
    EXPECT_EQ((*r)->date, date) << id;
    EXPECT_EQ((*r)->earliest_date, earliest) << id;
  }
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
}

TEST_F(StoryStoreTest, StoriesKeepTheirGreatestTitleAndOldArchivesGetIt) {
  const auto story = [](std::string id, std::string title, std::string greatest) {
    return Story{.id = id,
                 .title = std::move(title),
                 .text = "The text of story " + id + ".",
                 .sources = {{id + ".txt", SourceRole::kArticle}},
                 .greatest_title = std::move(greatest)};
  };
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->UpsertStory(story("own", "Council meets", "Council met"), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("greatest", "Ports agree", ""), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("none", "", ""), 0));
    for (const auto& [id, greatest] :
         {std::pair{"own", "Council met"}, std::pair{"greatest", ""}, std::pair{"none", ""}}) {
      auto r = (*s)->LoadStory(id);
      ASSERT_TRUE(r && *r) << id;
      EXPECT_EQ((*r)->greatest_title, greatest) << id;
    }
    // Only the greatest title changes: the row does.
    ASSERT_TRUE((*s)->UpsertStory(story("own", "Council meets", "Council of ports"), 1));
    auto r = (*s)->LoadStory("own");
    ASSERT_TRUE(r && *r);
    EXPECT_EQ((*r)->greatest_title, "Council of ports");
    ASSERT_TRUE(
        (*s)->db()->Exec("UPDATE meta SET value='14' WHERE key='schema_version'; "
                         "ALTER TABLE stories DROP COLUMN greatest_title;"));
  }
  // Of a version 14 archive, each stored title is taken to be its text's own.
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  for (const auto& [id, title] :
       {std::pair{"own", "Council meets"}, std::pair{"greatest", "Ports agree"},
        std::pair{"none", ""}}) {
    auto r = (*s)->LoadStory(id);
    ASSERT_TRUE(r && *r) << id;
    EXPECT_EQ((*r)->title, title) << id;
    EXPECT_EQ((*r)->greatest_title, title) << id;
  }
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
}

// Dedup's shapes of a story's sightings (Story::shapes, issue 24) are kept
// with it, in a table of their own: a new shape changes nothing relate
// reads. They go with the story (merged away, deleted); a record that
// cannot be read, and the stories of an archive of schema 15, have none.
TEST_F(StoryStoreTest, StoriesKeepTheirShapesAndOldArchivesHaveNone) {
  const std::vector<std::vector<uint64_t>> shapes = {{1, 12, 2, 30}, {3, 7},
                                                    {0xfedcba9876543210ull, 5}};
  const auto story = [](std::string id, std::vector<std::vector<uint64_t>> sh) {
    return Story{.id = id,
                 .title = "Ports agree",
                 .text = "The text of story " + id + ".",
                 .sources = {{id + ".txt", SourceRole::kArticle}},
                 .shapes = std::move(sh)};
  };
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->UpsertStory(story("a", {shapes[0]}), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("b", {}), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("c", shapes), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("d", shapes), 0));
    auto before = (*s)->InputGeneration();
    ASSERT_TRUE(before);
    ASSERT_TRUE((*s)->UpsertStory(story("a", shapes), 1));
    auto after = (*s)->InputGeneration();
    ASSERT_TRUE(after);
    EXPECT_EQ(*after, *before);
    for (const auto& [id, want] : {std::pair{"a", shapes}, std::pair{"b", decltype(shapes){}},
                                   std::pair{"c", shapes}}) {
      auto r = (*s)->LoadStory(id);
      ASSERT_TRUE(r && *r) << id;
      EXPECT_EQ((*r)->shapes, want) << id;
    }
    // Not known any more (merged with a story of unknown shapes): none kept.
    ASSERT_TRUE((*s)->UpsertStory(story("c", {}), 1));
    ASSERT_TRUE((*s)->Redirect("a", "d"));
    const std::vector<std::string> gone = {"d"};
    ASSERT_TRUE((*s)->DeleteStories(gone));
    auto q = (*s)->db()->Prepare("SELECT count(*) FROM story_shapes");
    ASSERT_TRUE(q && q->Step(nullptr));
    EXPECT_EQ(q->Int(0), 0);
    q->Reset();
    ASSERT_TRUE((*s)->UpsertStory(story("e", shapes), 0));
    ASSERT_TRUE((*s)->UpsertStory(story("f", shapes), 0));
    ASSERT_TRUE((*s)->db()->Exec("UPDATE story_shapes SET shapes=x'ff' WHERE id='f'"));
    auto f = (*s)->LoadStory("f");
    ASSERT_TRUE(f && *f);
    EXPECT_TRUE((*f)->shapes.empty());
    ASSERT_TRUE(
        (*s)->db()->Exec("UPDATE meta SET value='15' WHERE key='schema_version'; "
                         "DROP TABLE story_shapes;"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  auto r = (*s)->LoadStory("e");
  ASSERT_TRUE(r && *r);
  EXPECT_TRUE((*r)->shapes.empty());
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
}

// The keys found too common (CommonKeys), the shapes read whole
// (ForEachShapes) and the pages of stories; an archive of schema 16 gets
// the table, empty.
TEST_F(StoryStoreTest, CommonKeysShapesAndPagesOfStories) {
  const std::vector<std::vector<uint64_t>> shapes = {{7, 12, 9, 5}, {7, 12}};
  {
    auto s = StoryStore::Open(path_);
    ASSERT_TRUE(s);
    auto none = (*s)->CommonKeys();
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    ASSERT_TRUE((*s)->UpsertStory(Story{.id = "a", .text = "A text.",
                                        .sources = {{"p2.txt", SourceRole::kArticle},
                                                    {"p1.txt", SourceRole::kTeaser}},
                                        .shapes = shapes},
                                  0));
    ASSERT_TRUE((*s)->UpsertStory(
        Story{.id = "b", .text = "B text.", .sources = {{"p1.txt", SourceRole::kTeaser}}}, 0));
    std::vector<std::pair<std::string, std::vector<std::vector<uint64_t>>>> seen;
    ASSERT_TRUE((*s)->ForEachShapes([&](std::string_view id, const auto& sh) {
      seen.emplace_back(std::string(id), sh);
    }));
    ASSERT_EQ(seen.size(), 1u);  // b has none
    EXPECT_EQ(seen[0].first, "a");
    EXPECT_EQ(seen[0].second, shapes);
    const std::vector<std::string> ids = {"b", "a", "gone"};
    auto pages = (*s)->PagesOfStories(ids);
    ASSERT_TRUE(pages);
    EXPECT_EQ(*pages, (std::vector<std::string>{"p1.txt", "p2.txt"}));
    const std::vector<uint64_t> keys = {~uint64_t{0}, 3, 3};  // a key above INT64_MAX too
    ASSERT_TRUE((*s)->Begin());
    ASSERT_TRUE((*s)->AddCommonKeys(keys));
    ASSERT_TRUE((*s)->Commit());
    auto got = (*s)->CommonKeys();
    ASSERT_TRUE(got);
    std::sort(got->begin(), got->end());
    EXPECT_EQ(*got, (std::vector<uint64_t>{3, ~uint64_t{0}}));
    ASSERT_TRUE(
        (*s)->db()->Exec("UPDATE meta SET value='16' WHERE key='schema_version'; "
                         "DROP TABLE common_keys;"));
  }
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  auto got = (*s)->CommonKeys();
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_TRUE(got->empty());
  auto v = (*s)->db()->Prepare("SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v && v->Step(nullptr));
  EXPECT_EQ(v->Text(0), std::to_string(kSchemaVersion));
  v->Reset();
}

// A story that takes back a former id (dedup: it shows that id's text
// again) has it as its id, not as a redirect: no redirect from it (before,
// the update of redirects to the new id left one from it to itself).
TEST_F(StoryStoreTest, AFormerIdTakenBackIsNoRedirect) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  const auto story = [](std::string id, std::string text) {
    return Story{.id = std::move(id), .text = std::move(text),
                 .sources = {{"a.txt", SourceRole::kTeaser}}};
  };
  ASSERT_TRUE((*s)->UpsertStory(story("x", "The first text."), 0));
  ASSERT_TRUE((*s)->Redirect("x", "y"));
  ASSERT_TRUE((*s)->UpsertStory(story("y", "The second text."), 0));
  ASSERT_TRUE((*s)->Redirect("y", "x"));
  ASSERT_TRUE((*s)->UpsertStory(story("x", "The first text again."), 0));
  for (const char* id : {"x", "y"}) {
    auto r = (*s)->LoadStory(id);
    ASSERT_TRUE(r && *r) << id;
    EXPECT_EQ((*r)->id, "x") << id;
  }
  std::vector<std::pair<std::string, std::string>> redirects;
  ASSERT_TRUE((*s)->ForEachRedirect(
      [&](const std::string& from, const std::string& to) { redirects.emplace_back(from, to); }));
  EXPECT_EQ(redirects, (std::vector<std::pair<std::string, std::string>>{{"y", "x"}}));
}

TEST_F(StoryStoreTest, RefusesFilesThatAreNotArchives) {
  { std::ofstream(path_) << "plain text, not SQLite"; }
  auto s = StoryStore::Open(path_);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(path_), std::string::npos);
  Cleanup();
  {
    auto db = SqliteDb::Open(path_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Exec("CREATE TABLE other(x); INSERT INTO other VALUES(1);"));
  }
  EXPECT_FALSE(StoryStore::Open(path_));
  Cleanup();
  {
    auto s2 = StoryStore::Open(path_);
    ASSERT_TRUE(s2);
    ASSERT_TRUE((*s2)->db()->Exec("UPDATE meta SET value='99' WHERE key='schema_version'"));
  }
  auto newer = StoryStore::Open(path_);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kCorrupt);
  {
    auto db = SqliteDb::Open(path_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Exec("UPDATE meta SET value='two' WHERE key='schema_version'"));
  }
  auto garbled = StoryStore::Open(path_);
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(garbled.error().message.find(path_), std::string::npos);
}

// An error while the archive is in use (a full disk, a broken file) names
// the archive's file once, in the messages of the connection and of its
// statements.
TEST_F(StoryStoreTest, ErrorsNameTheArchive) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  SqliteDb& db = *(*s)->db();
  const std::string prefix = path_ + ": ";
  auto count = [](const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
  };
  Status exec = db.Exec("SELECT * FROM no_such_table");
  ASSERT_FALSE(exec);
  EXPECT_EQ(exec.error().code, ErrorCode::kDb);
  EXPECT_EQ(exec.error().message, prefix + "no such table: no_such_table");
  auto prepared = db.Prepare("SELECT no_column FROM meta");
  ASSERT_FALSE(prepared);
  EXPECT_EQ(prepared.error().message, prefix + "no such column: no_column");
  // A statement that fails when stepped, not when prepared.
  auto insert = db.Prepare("INSERT INTO meta(key, value) VALUES('k', NULL)");
  ASSERT_TRUE(insert);
  Status stepped = Ok();
  EXPECT_FALSE(insert->Step(&stepped));
  ASSERT_FALSE(stepped);
  EXPECT_EQ(stepped.error().message, prefix + "NOT NULL constraint failed: meta.value");
  EXPECT_EQ(count(db.LastError(), path_), 1u);
  // Named once, also when a caller adds the path again.
  EXPECT_EQ(NameFile(path_, stepped.error().message), stepped.error().message);
  EXPECT_EQ(NameFile("", "disk I/O error"), "disk I/O error");
}

TEST_F(StoryStoreTest, KnowledgeRoundTrip) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  ArchiveData d;
  d.entities.push_back(Entity{.id = "e0", .type = EntityType::kPerson, .name = "Ivan Petrov",
                              .aliases = {"Petrov", "I. Petrov"}, .mentions = 3,
                              .first_seen = "2024-01-01", .last_seen = "2024-02-01"});
  d.events.push_back(Event{.id = "v1", .type = EventType::kMeeting, .date = "2024-05",
                           .place = "Oslo", .participants = {"League", "Ivan Petrov"},
                           .stories = {"s1", "s2"}});
  d.entities.push_back(Entity{.id = "e1", .type = EntityType::kOrganization, .name = "League"});
  d.entities.push_back(Entity{.id = "e2", .type = EntityType::kCountry, .name = "Norway"});
  for (int i = 3; i < 7; ++i) {
    d.entities.push_back(Entity{.id = "e" + std::to_string(i), .name = "Org " + std::to_string(i)});
  }
  // Mentions are written many to a statement: two full statements and a rest.
  // They name their entity and story by index; the rows carry the ids.
  std::vector<StoryHead> stories;
  std::vector<MentionRef> refs;
  for (uint32_t i = 0; i < 133; ++i) {
    stories.push_back({.id = "s" + std::to_string(i), .date = i == 2 ? "2024-03-01" : ""});
    refs.push_back({.entity = i % 7, .story = i, .begin = i, .end = i + 5});
    d.mentions.push_back(Mention{.entity_id = "e" + std::to_string(i % 7),
                                 .story_id = "s" + std::to_string(i), .begin = i, .end = i + 5});
  }
  // Facts name their entities and story by index too; the rows carry the
  // names, and the story's id and date.
  std::vector<FactRef> facts = {
      {.type = FactType::kChairs, .organization = 1, .country = 2, .year = 2024, .story = 1,
       .sentence_begin = 3, .sentence_end = 40},
      {.type = FactType::kHoldsPost, .person = 0, .post = "Secretary General", .story = 2}};
  d.facts = {Fact{.type = FactType::kChairs, .organization = "League", .country = "Norway",
                  .year = 2024, .story_id = "s1", .sentence_begin = 3, .sentence_end = 40},
             Fact{.type = FactType::kHoldsPost, .person = "Ivan Petrov", .post = "Secretary General",
                  .date = "2024-03-01", .story_id = "s2"}};
  auto rows = [&] {
    return StoryStore::KnowledgeRows{.stories = stories, .entities = d.entities,
                                     .mentions = refs, .facts = facts, .events = d.events};
  };
  ASSERT_TRUE((*s)->ReplaceKnowledge(rows(), 0));
  auto back = (*s)->LoadAll();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->entities.size(), d.entities.size());
  EXPECT_EQ(back->entities[0], d.entities[0]);  // the most mentioned comes first
  EXPECT_EQ(back->mentions, d.mentions);
  EXPECT_EQ(back->facts, d.facts);
  EXPECT_EQ(back->events, d.events);
  // Replacing leaves only the new rows.
  refs.resize(3);
  d.mentions.resize(3);
  ASSERT_TRUE((*s)->ReplaceKnowledge(rows(), 0));
  back = (*s)->LoadAll();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->mentions, d.mentions);
  // A mention that names no entity is refused, and writes nothing.
  refs.push_back({.entity = 7, .story = 0});
  auto bad = (*s)->ReplaceKnowledge(rows(), 0);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  back = (*s)->LoadAll();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->mentions, d.mentions);
  // So is a fact that names no story.
  refs.pop_back();
  facts.push_back({.type = FactType::kMemberOf, .story = 133});
  bad = (*s)->ReplaceKnowledge(rows(), 0);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  back = (*s)->LoadAll();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->facts, d.facts);
  // Events may follow one at a time, in the transaction of the rest.
  facts.pop_back();
  StoryStore::KnowledgeRows no_events = rows();
  no_events.events = {};
  Event earlier = d.events[0];
  earlier.id = "v0";
  earlier.date = "2024-04-30";
  ASSERT_TRUE((*s)->Begin());
  ASSERT_TRUE((*s)->ReplaceKnowledge(no_events, 0));
  auto writer = (*s)->WriteEvents();
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->Add(d.events[0]));
  ASSERT_TRUE(writer->Add(earlier));
  ASSERT_TRUE((*s)->Commit());
  back = (*s)->LoadAll();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->events, (std::vector<Event>{earlier, d.events[0]}));  // by date
  EXPECT_EQ(back->facts, d.facts);
  EXPECT_EQ(back->mentions, d.mentions);
  ASSERT_TRUE((*s)->AddCorrection({"merge", "A", "B"}));
  auto cs = (*s)->Corrections();
  ASSERT_TRUE(cs);
  ASSERT_EQ(cs->size(), 1u);
  EXPECT_EQ((*cs)[0].b, "B");
}

// An update writes the events whose rows changed and deletes those not
// given, whatever their ids' form: relate's (16 lowercase hex digits, kept
// packed by value) or any other (kept by string).
TEST_F(StoryStoreTest, KnowledgeUpdateWritesOnlyTheEventsThatChanged) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  StoryStore& st = **s;
  const std::vector<StoryHead> stories = {{.id = "s0"}};
  const std::vector<Entity> entities = {Entity{.id = "e0", .name = "League"}};
  auto event = [](const std::string& id, const std::string& date) {
    return Event{.id = id, .type = EventType::kMeeting, .date = date, .place = "Oslo",
                 .participants = {"League"}, .stories = {"s0"}};
  };
  const Event same = event("00000000000000a1", "2024-01-01");
  Event changed = event("ffffffffffffffff", "2024-01-02");
  const Event gone = event("0123456789abcdef", "2024-01-03");
  const Event named_same = event("v1", "2024-01-04");
  const Event named_gone = event("v2", "2024-01-05");
  const Event upper_same = event("00000000000000AF", "2024-01-06");  // not relate's form
  const Event upper_gone = event("00000000000000AE", "2024-01-07");
  // Writes `events` through an update; the number of events written.
  auto update = [&](bool full, std::initializer_list<const Event*> events) -> size_t {
    EXPECT_TRUE(st.Begin());
    auto w = st.UpdateKnowledge(stories, entities, full);
    EXPECT_TRUE(w) << (w ? "" : w.error().message);
    if (!w) return 0;
    EXPECT_TRUE((*w)->Story(0, {}, {}));
    for (const Event* e : events) EXPECT_TRUE((*w)->Event(*e));
    EXPECT_TRUE((*w)->Finish(0));
    EXPECT_TRUE(st.Commit());
    return (*w)->events_written();
  };
  EXPECT_EQ(
      update(true, {&same, &changed, &gone, &named_same, &named_gone, &upper_same, &upper_gone}),
      7u);
  changed.place = "Bergen";
  const Event added = event("00000000000000a2", "2024-01-08");
  EXPECT_EQ(update(false, {&upper_same, &added, &named_same, &changed, &same}),
            2u);  // changed, added
  auto back = st.LoadAll();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->events, (std::vector<Event>{same, changed, named_same, upper_same, added}));
}

TEST_F(StoryStoreTest, KnowledgeIsStaleUntilDerivedFromTheLatestStories) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s);
  StoryStore& st = **s;
  auto stale = [&] {
    auto r = st.KnowledgeStale();
    EXPECT_TRUE(r);
    return r && *r;
  };
  auto generation = [&] {
    auto g = st.InputGeneration();
    EXPECT_TRUE(g);
    return g ? *g : -1;
  };
  auto replace = [&](int64_t g) {
    ASSERT_TRUE(st.ReplaceKnowledge({}, g));
  };
  EXPECT_FALSE(stale());  // a new archive: nothing to cover
  EXPECT_EQ(generation(), 0);
  // One transaction that adds two stories is one generation.
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "2024-01-02", "The council met.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("s2", "", "Ministers signed.")));
  ASSERT_TRUE(st.Commit());
  EXPECT_EQ(generation(), 1);
  EXPECT_TRUE(stale());
  replace(1);
  EXPECT_FALSE(stale());
  // Only new sources: what relate reads is unchanged, and so is the generation.
  Story more = MakeStory("s1", "2024-01-02", "The council met.");
  more.sources.push_back({"p3.txt", SourceRole::kTeaser});
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.UpsertStory(more, 2));
  ASSERT_TRUE(st.Commit());
  EXPECT_EQ(generation(), 1);
  EXPECT_FALSE(stale());
  // A new date is a change; so is a merge, and a correction.
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "2024-01-03", "The council met.")));
  EXPECT_EQ(generation(), 2);
  replace(2);
  ASSERT_TRUE(st.Redirect("s2", "s1"));
  EXPECT_TRUE(stale());
  replace(3);
  EXPECT_FALSE(stale());
  ASSERT_TRUE(st.AddCorrection({"rename", "A", "B"}));
  EXPECT_TRUE(stale());
  // Knowledge derived from an older snapshot stays stale.
  replace(3);
  EXPECT_TRUE(stale());
  // A rolled back change leaves the generation as it was.
  const int64_t before = generation();
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.UpsertStory(MakeStory("s9", "", "Rolled back.")));
  ASSERT_TRUE(st.Rollback());
  EXPECT_EQ(generation(), before);
  // The marks are in the file.
  replace(before);
  s->reset();
  auto again = StoryStore::Open(path_);
  ASSERT_TRUE(again);
  auto r = (*again)->KnowledgeStale();
  ASSERT_TRUE(r);
  EXPECT_FALSE(*r);
  ASSERT_TRUE((*again)->UpsertStory(MakeStory("s3", "", "After reopening.")));
  r = (*again)->KnowledgeStale();
  ASSERT_TRUE(r);
  EXPECT_TRUE(*r);
}

}  // namespace
}  // namespace annals::store

namespace annals::store {
namespace {

// The crawl profile's counts add up across transactions, a rolled-back
// one's are not kept, and they are read back whole (issue 24).
// Text pages' texts (issue 24): packed and unpacked whole, kept by page,
// read back in name order a few at a time, their segmentation hash updated;
// a damaged packed text is an error, not a wrong text.
TEST_F(StoryStoreTest, KeepsPageTexts) {
  const std::string big = std::string(5000, 'x') + "\nline two\n\xD0\x9C\xD0\xB8\xD1\x80";
  for (const std::string& t : {std::string(), std::string("a"), big}) {
    auto back = StoryStore::UnpackText(StoryStore::PackText(t));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, t);
  }
  EXPECT_LT(StoryStore::PackText(big).size(), big.size() / 10);
  std::string cut = StoryStore::PackText(big);
  cut.resize(cut.size() - 3);
  EXPECT_FALSE(StoryStore::UnpackText(cut));
  EXPECT_FALSE(StoryStore::UnpackText("abc"));
  std::string flipped = StoryStore::PackText(big);
  flipped[0] = static_cast<char>(flipped[0] + 1);  // not zstd's magic: read as zlib, damaged
  EXPECT_FALSE(StoryStore::UnpackText(flipped));

  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_TRUE((*s)->Begin());
  for (const char* name : {"c.txt", "a.txt", "b.txt"}) {
    ASSERT_TRUE((*s)->RecordPage(name, 1, 0));
    ASSERT_TRUE((*s)->PutPageText({.name = name,
                                   .url = std::string("u/") + name,
                                   .fetched = "2024",
                                   .packed = StoryStore::PackText(std::string("text of ") + name),
                                   .segmentation = 7}));
  }
  ASSERT_TRUE((*s)->RecordPage("h.html", 2, 0));  // an HTML page: no text kept
  ASSERT_TRUE((*s)->Commit());
  ASSERT_TRUE((*s)->SetPageSegmentation("b.txt", 9, "answers of b"));
  std::vector<std::string> lookups;
  ASSERT_TRUE((*s)->ForEachPageLookups(
      [&](std::vector<StoryStore::PageLookups>&& rows) -> Status {
        for (const auto& r : rows) lookups.push_back(r.name + "|" + r.lookups);
        return Ok();
      },
      2));
  EXPECT_EQ(lookups, (std::vector<std::string>{"a.txt|", "b.txt|answers of b", "c.txt|"}));
  std::vector<std::vector<std::string>> chunks;
  ASSERT_TRUE((*s)->ForEachPageText(
      [&](std::vector<StoryStore::PageText>&& texts) -> Status {
        chunks.emplace_back();
        for (const auto& t : texts) {
          auto text = StoryStore::UnpackText(t.packed);
          EXPECT_TRUE(text);
          chunks.back().push_back(t.name + "|" + t.url + "|" + *text + "|" +
                                  std::to_string(t.segmentation));
        }
        return Ok();
      },
      2));
  EXPECT_EQ(chunks, (std::vector<std::vector<std::string>>{
                        {"a.txt|u/a.txt|text of a.txt|7", "b.txt|u/b.txt|text of b.txt|9"},
                        {"c.txt|u/c.txt|text of c.txt|7"}}));
  const std::vector<std::string> names = {"c.txt", "h.html", "a.txt"};
  auto some = (*s)->PageTexts(names);
  ASSERT_TRUE(some);
  ASSERT_EQ(some->size(), 2u);
  EXPECT_EQ((*some)[0].name, "c.txt");
  EXPECT_EQ((*some)[1].name, "a.txt");
}

// Text pages `names`, each with a kept text (of its name), for the tests of
// ConnectedStories; call in a transaction.
void KeptTextPages(StoryStore* st, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    ASSERT_TRUE(st->RecordPage(name, 1, 0));
    ASSERT_TRUE(st->PutPageText({.name = name, .packed = StoryStore::PackText(name)}));
  }
}
// A story `id` with a teaser sighting on each of `pages`.
Story TeaserOf(const std::string& id, const std::vector<std::string>& pages) {
  Story out{.id = id, .text = "The harbour text of story " + id + "."};
  for (const auto& p : pages) out.sources.push_back({p, SourceRole::kTeaser});
  return out;
}

// The stories on pages and the pages of those, one group per reach (reaches
// that share a page are one), and deleting stories whole: rows, sources, index, keys,
// and what was merged into them.
TEST_F(StoryStoreTest, ConnectedStoriesAndDeletingThem) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  ASSERT_TRUE(st.Begin());
  ASSERT_NO_FATAL_FAILURE(KeptTextPages(&st, {"1.txt", "2.txt", "3.txt", "4.txt"}));
  ASSERT_TRUE(st.RecordPage("5.html", 1, 0));
  auto story = TeaserOf;
  // 1-a-2-b-3 form one group; c is on 4 alone; d joins 4 and an HTML page.
  ASSERT_TRUE(st.UpsertStory(story("a", {"1.txt", "2.txt"})));
  ASSERT_TRUE(st.UpsertStory(story("b", {"2.txt", "3.txt"})));
  ASSERT_TRUE(st.UpsertStory(story("c", {"4.txt"})));
  ASSERT_TRUE(st.UpsertStory(story("d", {"5.html"})));
  ASSERT_TRUE(st.UpsertStory(story("e", {"5.html"})));
  ASSERT_TRUE(st.UpsertStory(story("old", {"3.txt"})));
  ASSERT_TRUE(st.Redirect("old", "b"));
  ASSERT_TRUE(st.AddKeys("old", {1, 2}));
  ASSERT_TRUE(st.AddKeys("b", {3}));
  ASSERT_TRUE(st.AddKeys("c", {4}));
  ASSERT_TRUE(st.Commit());
  const std::vector<std::string> asked = {"3.txt", "1.txt", "5.html", "9.txt"};
  auto groups = st.ConnectedStories(asked);
  ASSERT_TRUE(groups) << groups.error().message;
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].stories, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*groups)[0].pages, (std::vector<std::string>{"1.txt", "2.txt", "3.txt"}));
  EXPECT_TRUE((*groups)[0].all_texts_kept);
  EXPECT_EQ((*groups)[1].stories, (std::vector<std::string>{"d", "e"}));
  EXPECT_FALSE((*groups)[1].all_texts_kept);

  ASSERT_TRUE(st.Begin());
  const std::vector<std::string> gone = {"a", "b"};
  ASSERT_TRUE(st.DeleteStories(gone));
  ASSERT_TRUE(st.Commit());
  for (const char* id : {"a", "b", "old"}) {
    auto loaded = st.LoadStory(id);
    ASSERT_TRUE(loaded);
    EXPECT_FALSE(*loaded) << id;
  }
  std::map<std::string, std::vector<uint64_t>> keys;
  ASSERT_TRUE(st.ForEachKeySetUpTo(
      kAllKeySets,
      [&](std::string_view id, std::span<const uint64_t> k, std::span<const uint64_t>) {
        keys[std::string(id)] = {k.begin(), k.end()};
      }));
  EXPECT_EQ(keys, (std::map<std::string, std::vector<uint64_t>>{{"c", {4}}}));
  int redirects = 0;
  ASSERT_TRUE(st.ForEachRedirect([&](const std::string&, const std::string&) { ++redirects; }));
  EXPECT_EQ(redirects, 0);
  auto hits = st.Search("harbour", {});
  ASSERT_TRUE(hits);
  EXPECT_EQ(hits->size(), 3u);  // c, d, e
  auto left = st.ConnectedStories(asked);
  ASSERT_TRUE(left);
  ASSERT_EQ(left->size(), 3u);  // 3.txt and 1.txt alone now, 5.html; 9.txt is no page
  EXPECT_TRUE((*left)[0].stories.empty());
  EXPECT_EQ((*left)[0].pages, (std::vector<std::string>{"3.txt"}));
  EXPECT_EQ((*left)[2].stories, (std::vector<std::string>{"d", "e"}));
}

// One hop: the stories on the pages asked for and the pages of those, not
// the stories those pages hold besides (their sightings there rejoin them
// when the pages are deduplicated again). Reaches that share a page are one
// group.
TEST_F(StoryStoreTest, ConnectedStoriesGoOneHop) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  ASSERT_TRUE(st.Begin());
  ASSERT_NO_FATAL_FAILURE(KeptTextPages(&st, {"1.txt", "2.txt", "3.txt", "4.txt", "5.txt"}));
  auto story = TeaserOf;
  // A chain: 1-a-2-b-3-c-4-d-5.
  ASSERT_TRUE(st.UpsertStory(story("a", {"1.txt", "2.txt"})));
  ASSERT_TRUE(st.UpsertStory(story("b", {"2.txt", "3.txt"})));
  ASSERT_TRUE(st.UpsertStory(story("c", {"3.txt", "4.txt"})));
  ASSERT_TRUE(st.UpsertStory(story("d", {"4.txt", "5.txt"})));
  ASSERT_TRUE(st.Commit());
  using Names = std::vector<std::string>;
  auto groups_of = [&](Names asked) {
    auto groups = st.ConnectedStories(asked);
    EXPECT_TRUE(groups) << groups.error().message;
    std::vector<std::pair<Names, Names>> out;
    for (const StoryStore::Connected& g : *groups) {
      EXPECT_TRUE(g.all_texts_kept);
      out.emplace_back(g.stories, g.pages);
    }
    return out;
  };
  using Groups = std::vector<std::pair<Names, Names>>;
  EXPECT_EQ(groups_of({"1.txt"}), (Groups{{{"a"}, {"1.txt", "2.txt"}}}));
  EXPECT_EQ(groups_of({"3.txt"}), (Groups{{{"b", "c"}, {"2.txt", "3.txt", "4.txt"}}}));
  // Apart: 1 reaches 2, 5 reaches 4.
  EXPECT_EQ(groups_of({"5.txt", "1.txt"}),
            (Groups{{{"d"}, {"4.txt", "5.txt"}}, {{"a"}, {"1.txt", "2.txt"}}}));
  // 1 reaches 2 and 3 reaches 2: one group, of the stories on 1 and 3 only.
  EXPECT_EQ(groups_of({"1.txt", "3.txt"}),
            (Groups{{{"a", "b", "c"}, {"1.txt", "2.txt", "3.txt", "4.txt"}}}));
}

// Stories deleted and written again in one transaction (a group built
// again): each takes back its rowid; one whose title and text are as they
// were keeps its full-text entry (its delete from the index is cancelled),
// one whose text changed is found by its new words only, and a new story
// written before them goes past their rows (it took the first, and each
// story then the next one's). The index stays sound (FTS5's integrity
// check, which compares it with the stories).
TEST_F(StoryStoreTest, StoriesWrittenAgainTakeBackTheirRowsAndIndex) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  auto story = [](const std::string& id, const std::string& text) {
    return Story{.id = id, .title = "Title of " + id, .text = text};
  };
  auto rowid = [&](const std::string& id) -> int64_t {
    auto q = st.db()->Prepare("SELECT rowid FROM stories WHERE id=?");
    EXPECT_TRUE(q);
    q->Bind(1, id);
    return q->Step(nullptr) ? q->Int(0) : -1;
  };
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.UpsertStory(story("a", "The lighthouse keeper retired after forty years.")));
  ASSERT_TRUE(st.UpsertStory(story("b", "The ferry crossing reopened in spring.")));
  ASSERT_TRUE(st.UpsertStory(story("c", "The harbour crane was painted blue.")));
  ASSERT_TRUE(st.Commit());
  const int64_t a = rowid("a"), b = rowid("b"), c = rowid("c");
  ASSERT_TRUE(st.Begin());
  const std::vector<std::string> gone = {"a", "b", "c"};
  ASSERT_TRUE(st.DeleteStories(gone));
  ASSERT_TRUE(st.UpsertStory(story("n", "The new pier opened to fishing boats.")));
  ASSERT_TRUE(st.UpsertStory(story("a", "The lighthouse keeper retired after forty years.")));
  ASSERT_TRUE(st.UpsertStory(story("b", "The ferry crossing closed for the winter.")));
  ASSERT_TRUE(st.UpsertStory(story("c", "The harbour crane was painted blue.")));
  ASSERT_TRUE(st.Commit());
  EXPECT_EQ(rowid("a"), a);
  EXPECT_EQ(rowid("b"), b);
  EXPECT_EQ(rowid("c"), c);
  EXPECT_EQ(rowid("n"), c + 1);
  auto found = [&](const std::string& q) {
    auto hits = st.Search(q, StoryQuery{});
    EXPECT_TRUE(hits) << q;
    std::vector<std::string> ids;
    for (const auto& h : *hits) ids.push_back(h.story.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(found("lighthouse"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(found("winter"), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(found("spring").empty());
  EXPECT_EQ(found("crane"), (std::vector<std::string>{"c"}));
  EXPECT_EQ(found("pier"), (std::vector<std::string>{"n"}));
  EXPECT_EQ(found("title"), (std::vector<std::string>{"a", "b", "c", "n"}));
  EXPECT_TRUE(st.db()->Exec("INSERT INTO stories_fts(stories_fts, rank) "
                            "VALUES('integrity-check', 1)"));
  // Rolled back, nothing of it stays.
  ASSERT_TRUE(st.Begin());
  const std::vector<std::string> again = {"a"};
  ASSERT_TRUE(st.DeleteStories(again));
  ASSERT_TRUE(st.UpsertStory(story("a", "The lighthouse keeper retired after forty years.")));
  ASSERT_TRUE(st.Rollback());
  EXPECT_EQ(rowid("a"), a);
  EXPECT_EQ(found("lighthouse"), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(st.db()->Exec("INSERT INTO stories_fts(stories_fts, rank) "
                            "VALUES('integrity-check', 1)"));
}

TEST(StoryStoreProfileTest, ProfileCountsAddUpAndRollBack) {
  const std::string path =
      (fs::temp_directory_path() / "annals_store_test_profile_counts.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  {
    auto s = StoryStore::Open(path);
    ASSERT_TRUE(s) << s.error().message;
    StoryStore& st = **s;
    auto empty = st.ProfileCounts();
    ASSERT_TRUE(empty) << empty.error().message;
    EXPECT_EQ(*empty, LineCounts{});
    const uint64_t big = 0xfedcba9876543210ull;  // above INT64_MAX: stored as its bits
    ASSERT_TRUE(st.Begin());
    ASSERT_TRUE(st.AddProfileCounts(LineCounts{
        .pages = 3, .slash_day_first = 2, .slash_month_first = 0,
        .lines = {{.long_line = false, .key = 7, .pages = 3, .tail_pages = 0},
                  {.long_line = true, .key = big, .pages = 2, .tail_pages = 1}}}));
    ASSERT_TRUE(st.Commit());
    ASSERT_TRUE(st.Begin());
    ASSERT_TRUE(st.AddProfileCounts(LineCounts{
        .pages = 2, .slash_day_first = 0, .slash_month_first = 1,
        .lines = {{.long_line = false, .key = 7, .pages = 1, .tail_pages = 0},
                  {.long_line = true, .key = 7, .pages = 1, .tail_pages = 0},
                  {.long_line = true, .key = big, .pages = 2, .tail_pages = 2}}}));
    ASSERT_TRUE(st.Commit());
    ASSERT_TRUE(st.Begin());
    ASSERT_TRUE(st.AddProfileCounts(LineCounts{
        .pages = 50, .slash_day_first = 0, .slash_month_first = 0,
        .lines = {{.long_line = false, .key = 9, .pages = 50, .tail_pages = 0}}}));
    ASSERT_TRUE(st.Rollback());
  }
  auto s = StoryStore::Open(path);
  ASSERT_TRUE(s) << s.error().message;
  auto c = (*s)->ProfileCounts();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->pages, 5);
  EXPECT_EQ(c->slash_day_first, 2);
  EXPECT_EQ(c->slash_month_first, 1);
  std::map<std::pair<bool, uint64_t>, std::pair<uint32_t, uint32_t>> lines;
  for (const LineCount& l : c->lines) lines[{l.long_line, l.key}] = {l.pages, l.tail_pages};
  const std::map<std::pair<bool, uint64_t>, std::pair<uint32_t, uint32_t>> want = {
      {{false, 7}, {4, 0}}, {{true, 7}, {1, 0}}, {{true, 0xfedcba9876543210ull}, {4, 3}}};
  EXPECT_EQ(lines, want);
  s->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// A page whose content changed (issue 24): what StoredPageOf tells of it,
// ForgetPageContent forgets (its kept text, every hash it was read with),
// and SubtractProfileCounts takes its old counts off the stored ones.
TEST_F(StoryStoreTest, ChangedPageForgottenAndItsCountsTakenOff) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.RecordPage("a.txt", 41, 10));
  ASSERT_TRUE(st.RecordPage("a.txt", 42, 10));
  ASSERT_TRUE(st.PutPageText({.name = "a.txt", .packed = StoryStore::PackText("text")}));
  ASSERT_TRUE(st.RecordPage("b.html", 7, 10));
  ASSERT_TRUE(st.AddProfileCounts(
      LineCounts{.pages = 3,
                 .slash_day_first = 1,
                 .slash_month_first = 0,
                 .lines = {{.long_line = false, .key = 5, .pages = 3, .tail_pages = 0},
                           {.long_line = true, .key = 6, .pages = 1, .tail_pages = 1}}}));
  ASSERT_TRUE(st.Commit());
  auto same = st.StoredPageOf("a.txt", 42);
  ASSERT_TRUE(same && *same);
  EXPECT_EQ((*same)->hash, 42u);
  EXPECT_TRUE((*same)->version_known);
  auto earlier = st.StoredPageOf("a.txt", 41);  // an earlier content: known, not the last
  ASSERT_TRUE(earlier && *earlier);
  EXPECT_EQ((*earlier)->hash, 42u);
  EXPECT_TRUE((*earlier)->version_known);
  EXPECT_TRUE((*earlier)->kept);
  auto other = st.StoredPageOf("a.txt", 43);
  ASSERT_TRUE(other && *other);
  EXPECT_FALSE((*other)->version_known);
  EXPECT_TRUE((*other)->kept);
  auto html = st.StoredPageOf("b.html", 8);  // nothing kept of it
  ASSERT_TRUE(html && *html);
  EXPECT_FALSE((*html)->kept);
  auto none = st.StoredPageOf("c.txt", 1);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);

  ASSERT_TRUE(st.Begin());
  ASSERT_TRUE(st.ForgetPageContent("a.txt"));
  ASSERT_TRUE(st.SubtractProfileCounts(
      LineCounts{.pages = 1,
                 .slash_day_first = 1,
                 .slash_month_first = 0,
                 .lines = {{.long_line = false, .key = 5, .pages = 1, .tail_pages = 0},
                           {.long_line = true, .key = 6, .pages = 1, .tail_pages = 1}}}));
  ASSERT_TRUE(st.Commit());
  for (uint64_t hash : {41u, 42u}) {
    auto forgotten = st.StoredPageOf("a.txt", hash);
    ASSERT_TRUE(forgotten && *forgotten);
    EXPECT_EQ((*forgotten)->hash, 0u);
    EXPECT_FALSE((*forgotten)->version_known);
    EXPECT_FALSE((*forgotten)->kept);
    EXPECT_FALSE(*st.PageUnchanged("a.txt", hash));
  }
  auto texts = st.HasPageTexts();
  ASSERT_TRUE(texts);
  EXPECT_FALSE(*texts);
  auto c = st.ProfileCounts();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(*c,
            (LineCounts{.pages = 2,
                        .slash_day_first = 0,
                        .slash_month_first = 0,
                        .lines = {{.long_line = false, .key = 5, .pages = 2, .tail_pages = 0}}}));
}

// StoryHeads without text sizes reads the indexes of ids and dates alone
// and orders the heads itself: the same heads, in the same order, as the
// query over the table (newest first, undated last, then by id in bytes).
TEST_F(StoryStoreTest, HeadsWithoutSizesInTheQuerysOrder) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  // Inserted out of order: ids against dates, undated among dated, one
  // date a prefix of another, ids that differ past their common prefix.
  for (const auto& [id, date] : std::vector<std::pair<std::string, std::string>>{
           {"s9", "2024-05"}, {"s1", ""}, {"s3", "2024-05-01"}, {"s2", "2024-05-01"},
           {"s10", "2024-05-01"}, {"s0", ""}, {"s5", "2023-12-31"}, {"s4", "2024-05"}}) {
    ASSERT_TRUE(st.UpsertStory(MakeStory(id, date, "Text of " + id + ".")));
  }
  std::vector<int64_t> sized_rows, unsized_rows;
  auto sized = st.StoryHeads(&sized_rows);
  auto unsized = st.StoryHeads(&unsized_rows, /*text_sizes=*/false);
  ASSERT_TRUE(sized && unsized);
  std::vector<std::string> ids;
  for (const StoryHead& h : *unsized) {
    ids.push_back(h.id);
    EXPECT_EQ(h.text_size, 0u) << h.id;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"s10", "s2", "s3", "s4", "s9", "s5", "s0", "s1"}));
  ASSERT_EQ(sized->size(), unsized->size());
  for (size_t i = 0; i < sized->size(); ++i) {
    EXPECT_EQ((*sized)[i].id, (*unsized)[i].id);
    EXPECT_EQ((*sized)[i].date, (*unsized)[i].date);
    EXPECT_EQ((*sized)[i].text_size, ("Text of " + (*sized)[i].id + ".").size());
  }
  EXPECT_EQ(sized_rows, unsized_rows);
}

// A store that maps its reads for a relate (MapReads) reads and writes as
// before, and after.
TEST_F(StoryStoreTest, MappedReadsReadAndWrite) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  StoryStore& st = **s;
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "2024-01-02", "The council met in Lisbon.")));
  ASSERT_TRUE(st.MapReads(true));
  std::vector<int64_t> rowids;
  ASSERT_TRUE(st.StoryHeads(&rowids, /*text_sizes=*/false));
  auto texts = st.StoryTexts(rowids);
  ASSERT_TRUE(texts);
  ASSERT_EQ(texts->size(), 1u);
  EXPECT_EQ((*texts)[0].text, "The council met in Lisbon.");
  ASSERT_TRUE(st.UpsertStory(MakeStory("s2", "2024-01-03", "The council met in Helsinki.")));
  ASSERT_TRUE(st.MapReads(false));
  auto two = st.LoadStory("s2");
  ASSERT_TRUE(two && *two);
  EXPECT_EQ((*two)->text, "The council met in Helsinki.");
}

}  // namespace
}  // namespace annals::store
