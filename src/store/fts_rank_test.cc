#include "src/store/fts_rank.h"

#include "src/store/sqlite_db.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace annals::store {
namespace {

// Every match's (rowid, bm25(), annals_bm25()) for `match` on table t.
std::vector<std::tuple<int64_t, double, double>> Scores(SqliteDb* db, const std::string& match) {
  auto q = db->Prepare(
      "SELECT rowid, bm25(t, 5.0, 1.0), annals_bm25(t, 5.0, 1.0) FROM t WHERE t MATCH ?1");
  EXPECT_TRUE(q) << q.error().message;
  std::vector<std::tuple<int64_t, double, double>> out;
  if (!q) return out;
  q->Bind(1, match);
  Status st = Ok();
  while (q->Step(&st)) out.emplace_back(q->Int(0), q->Double(1), q->Double(2));
  EXPECT_TRUE(st) << st.error().message;
  return out;
}

void Insert(SqliteDb* db, const std::string& title, const std::string& text) {
  auto q = db->Prepare("INSERT INTO t(title, text) VALUES(?1, ?2)");
  ASSERT_TRUE(q);
  q->Bind(1, title);
  q->Bind(2, text);
  Status st = Ok();
  q->Step(&st);
  ASSERT_TRUE(st) << st.error().message;
}

// annals_bm25 gives bm25()'s scores to the last bit: with every length held,
// with rows added since (their lengths from FTS5), and after a change to a
// row, which Fresh() reports so that the lengths are read again.
TEST(FtsRankTest, SameScoresAsBm25) {
  auto db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->Exec("CREATE VIRTUAL TABLE t USING fts5(title, text)"));
  const std::vector<std::string> words = {"harbour", "river", "council", "flood", "report",
                                          "meeting", "pilot", "station", "gauge", "team"};
  for (int i = 0; i < 60; ++i) {
    std::string title = words[static_cast<size_t>(i) % words.size()] + " notice";
    std::string text;
    for (int k = 0; k <= i % 17; ++k) {
      text += words[static_cast<size_t>(i * 7 + k * 3) % words.size()] + " of the basin ";
    }
    Insert(db->get(), title, text);
  }
  auto rank = FtsRank::Register((*db)->handle(), "t");
  ASSERT_TRUE(rank) << rank.error().message;
  auto fresh = (*rank)->Fresh();
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(*fresh);  // nothing read yet
  ASSERT_TRUE((*rank)->Load());
  fresh = (*rank)->Fresh();
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(*fresh);
  EXPECT_GT((*rank)->LengthOf(1), 0);
  EXPECT_EQ((*rank)->LengthOf(1000), -1);
  const std::vector<std::string> queries = {"harbour", "river OR flood",     "\"of the basin\"",
                                            "gau*",    "council AND notice", "team NOT pilot"};
  auto all_same = [&](const char* when) {
    for (const std::string& m : queries) {
      auto rows = Scores(db->get(), m);
      EXPECT_FALSE(rows.empty()) << m;
      for (const auto& [rowid, want, got] : rows) {
        EXPECT_EQ(want, got) << when << ": " << m << " row " << rowid;
      }
    }
  };
  all_same("all held");
  // Rows added after the lengths were read: not held, asked of FTS5.
  Insert(db->get(), "harbour river", "flood flood flood report of the basin");
  fresh = (*rank)->Fresh();
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(*fresh);
  EXPECT_EQ((*rank)->LengthOf(61), -1);
  all_same("a row added");
  // A row made longer: its held length is out of date until read again.
  // The held lengths are the ones used: row 1 scored with its old length
  // differs from bm25() until they are read again.
  ASSERT_TRUE(
      (*db)->Exec("UPDATE t SET text = text || ' harbour harbour harbour' WHERE rowid = 1"));
  fresh = (*rank)->Fresh();
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(*fresh);
  bool row1_differs = false;
  for (const auto& [rowid, want, got] : Scores(db->get(), "harbour")) {
    if (rowid == 1) row1_differs = want != got;
  }
  EXPECT_TRUE(row1_differs);
  ASSERT_TRUE((*rank)->Load());
  all_same("read again");
  EXPECT_GT((*rank)->LengthOf(61), 0);
}

// annals_rank_all ranks a conjunction of phrases in one call: the same
// rows as the MATCH and, for each, bm25()'s score to the last bit, with
// the lengths held and for rows added since (lengths from FTS5). A query
// that is not a conjunction is refused by IsConjunction.
TEST(FtsRankTest, RankAllSameAsBm25) {
  EXPECT_TRUE(FtsRank::IsConjunction("harbour"));
  EXPECT_TRUE(FtsRank::IsConjunction("\"of the basin\" gau*"));
  EXPECT_TRUE(FtsRank::IsConjunction("council AND notice"));
  EXPECT_TRUE(FtsRank::IsConjunction("\"U.S.\"* AND \"a \"\"b\""));
  EXPECT_TRUE(FtsRank::IsConjunction("or and not"));  // lower case: words
  EXPECT_FALSE(FtsRank::IsConjunction("river OR flood"));
  EXPECT_FALSE(FtsRank::IsConjunction("team NOT pilot"));
  EXPECT_FALSE(FtsRank::IsConjunction("( a OR b ) AND c"));
  EXPECT_FALSE(FtsRank::IsConjunction("NEAR(a b)"));
  EXPECT_FALSE(FtsRank::IsConjunction("title:x"));
  EXPECT_FALSE(FtsRank::IsConjunction("\"open"));
  EXPECT_FALSE(FtsRank::IsConjunction("AND"));
  EXPECT_FALSE(FtsRank::IsConjunction(""));

  auto db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->Exec("CREATE VIRTUAL TABLE t USING fts5(title, text)"));
  const std::vector<std::string> words = {"harbour", "river", "council", "flood", "report",
                                          "meeting", "pilot", "station", "gauge", "team"};
  for (int i = 0; i < 80; ++i) {
    std::string title = words[static_cast<size_t>(i) % words.size()] + " notice";
    std::string text;
    for (int k = 0; k <= i % 13; ++k) {
      text += words[static_cast<size_t>(i * 7 + k * 3) % words.size()] + " of the basin ";
    }
    Insert(db->get(), title, text);
  }
  auto rank = FtsRank::Register((*db)->handle(), "t");
  ASSERT_TRUE(rank) << rank.error().message;
  ASSERT_TRUE((*rank)->Load());
  auto rank_all = [&](const std::string& m, bool* ranked) {
    std::vector<FtsRank::Scored> out;
    auto q = (*db)->Prepare("SELECT annals_rank_all(t, 5.0, 1.0) FROM t WHERE t MATCH ?1 LIMIT 1");
    EXPECT_TRUE(q);
    if (!q) return out;
    q->Bind(1, m);
    (*rank)->SetSink(&out);
    Status st = Ok();
    *ranked = q->Step(&st) && q->Int(0) == 1 && (*rank)->sink_done();
    EXPECT_TRUE(st) << st.error().message;
    (*rank)->SetSink(nullptr);
    return out;
  };
  const std::vector<std::string> queries = {
      "harbour",           "\"of the basin\"",         "gau*",           "council AND notice",
      "river flood basin", "notice \"the basin\" te*", "harbour harbour"};
  auto all_same = [&](const char* when) {
    for (const std::string& m : queries) {
      ASSERT_TRUE(FtsRank::IsConjunction(m)) << m;
      auto want = Scores(db->get(), m);  // by rowid, as FTS5 reads them
      bool ranked = false;
      auto got = rank_all(m, &ranked);
      EXPECT_TRUE(ranked) << when << ": " << m;
      ASSERT_FALSE(want.empty()) << m;
      ASSERT_EQ(got.size(), want.size()) << when << ": " << m;
      for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].rowid, std::get<0>(want[i])) << when << ": " << m;
        EXPECT_EQ(got[i].score, std::get<1>(want[i]))
            << when << ": " << m << " row " << got[i].rowid;
      }
    }
  };
  all_same("all held");
  Insert(db->get(), "harbour river council", "flood flood notice of the basin gauge team");
  all_same("a row added");  // its length from FTS5 (Fresh is the caller's)
  bool ranked = true;
  EXPECT_TRUE(rank_all("nowhereword", &ranked).empty());
  EXPECT_FALSE(ranked);
}

// Two connections on one file share the lengths read by the first while the
// table is unchanged; after a write (a row added, a row made longer) the
// next Load reads them again, and the other connection then takes that copy.
// Every score stays bm25()'s.
// SortRanked orders as std::sort with (score, rowid): ties, both signs,
// -0.0 against 0.0, scores that differ in their low bits only, and lists
// of every size up to a few thousand.
TEST(FtsRankTest, SortRankedSameAsComparator) {
  std::mt19937_64 rng(11);
  const std::vector<double> fixed = {
      -3.5, -3.5, 0.0, -0.0, 2.25, -1e-300, 1e-300, -7.0, -7.000000000000001, 1e300, -1e300};
  for (const size_t n : std::vector<size_t>{0, 1, 2, 3, 17, 256, 4099}) {
    std::vector<FtsRank::Scored> rows;
    for (size_t i = 0; i < n; ++i) {
      double score = 0;
      switch (rng() % 3) {
        case 0:
          score = fixed[rng() % fixed.size()];
          break;
        case 1:
          score = -static_cast<double>(rng() % 50) / 8.0;
          break;  // many ties
        default:
          score = std::ldexp(static_cast<double>(rng() % 1000000), -20) - 0.4;
          break;
      }
      rows.push_back({static_cast<int64_t>(i * 3 + rng() % 3), score});  // ascending rowids
    }
    std::vector<FtsRank::Scored> want = rows;
    std::sort(want.begin(), want.end(), [](const FtsRank::Scored& a, const FtsRank::Scored& b) {
      return a.score != b.score ? a.score < b.score : a.rowid < b.rowid;
    });
    FtsRank::SortRanked(&rows);
    ASSERT_EQ(rows.size(), want.size());
    for (size_t i = 0; i < n; ++i) {
      EXPECT_EQ(rows[i].rowid, want[i].rowid) << "n " << n << " at " << i;
      EXPECT_EQ(rows[i].score, want[i].score) << "n " << n << " at " << i;
    }
  }
}

// SortTop(rows, k) gives the first k of the full order (ties by rowid, so
// a tie across the k-th place is cut by rowid), then every other row in
// the order given: checked for each k against std::sort, on lists with
// many ties (scores from a few values) and unsorted rowids.
TEST(FtsRankTest, SortTopIsTheFullOrdersPrefix) {
  std::mt19937_64 rng(5);
  auto before = [](const FtsRank::Scored& a, const FtsRank::Scored& b) {
    return a.score != b.score ? a.score < b.score : a.rowid < b.rowid;
  };
  for (const size_t n : std::vector<size_t>{1, 2, 5, 40, 300}) {
    for (const bool ascending : {true, false}) {
      std::vector<FtsRank::Scored> given;
      for (size_t i = 0; i < n; ++i) {
        const double score = -static_cast<double>(rng() % 6) / 4.0;  // ties across every k
        const int64_t rowid =
            ascending ? static_cast<int64_t>(i * 2 + 1) : static_cast<int64_t>((i * 7919) % 100003);
        given.push_back({rowid, score});
      }
      std::vector<FtsRank::Scored> want = given;
      std::sort(want.begin(), want.end(), before);
      for (size_t k = 0; k <= n + 1; ++k) {
        std::vector<FtsRank::Scored> rows = given;
        FtsRank::SortTop(&rows, k);
        ASSERT_EQ(rows.size(), n);
        const size_t top = k == 0 || k >= n ? n : k;
        for (size_t i = 0; i < top; ++i) {
          ASSERT_EQ(rows[i].rowid, want[i].rowid) << "n " << n << " k " << k << " at " << i;
          ASSERT_EQ(rows[i].score, want[i].score) << "n " << n << " k " << k << " at " << i;
        }
        // The rest: the rows not chosen, in the order given.
        std::vector<FtsRank::Scored> rest;
        for (const FtsRank::Scored& g : given) {
          bool in_top = false;
          for (size_t i = 0; i < top; ++i) in_top = in_top || rows[i].rowid == g.rowid;
          if (!in_top) rest.push_back(g);
        }
        ASSERT_EQ(rest.size(), n - top);
        for (size_t i = 0; i < rest.size(); ++i) {
          ASSERT_EQ(rows[top + i].rowid, rest[i].rowid) << "n " << n << " k " << k;
        }
      }
    }
  }
}

TEST(FtsRankTest, ConnectionsShareTheLengths) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "annals_fts_rank_test_share.db").string();
  auto cleanup = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  };
  cleanup();
  {
    auto a = SqliteDb::Open(path);
    ASSERT_TRUE(a) << a.error().message;
    ASSERT_TRUE((*a)->Exec("CREATE VIRTUAL TABLE t USING fts5(title, text)"));
    for (int i = 0; i < 40; ++i) {
      Insert(a->get(), "river notice " + std::to_string(i),
             std::string(static_cast<size_t>(i % 7) + 1, 'x') + " flood of the river basin");
    }
    auto b = SqliteDb::Open(path);
    ASSERT_TRUE(b) << b.error().message;
    auto ra = FtsRank::Register((*a)->handle(), "t");
    auto rb = FtsRank::Register((*b)->handle(), "t");
    ASSERT_TRUE(ra && rb);
    auto same = [&](SqliteDb* db, const char* when) {
      for (const char* m : {"river", "flood OR notice", "\"river basin\""}) {
        auto rows = Scores(db, m);
        EXPECT_FALSE(rows.empty()) << m;
        for (const auto& [rowid, want, got] : rows) {
          EXPECT_EQ(want, got) << when << ": " << m << " row " << rowid;
        }
      }
    };
    ASSERT_TRUE((*ra)->Load());
    EXPECT_FALSE((*ra)->shared());
    ASSERT_TRUE((*rb)->Load());
    EXPECT_TRUE((*rb)->shared());  // the table as a read it: a's copy
    EXPECT_EQ((*rb)->LengthOf(3), (*ra)->LengthOf(3));
    same(a->get(), "a read");
    same(b->get(), "b shared");
    // A row made longer by a: b's copy is out of date, and b must not take
    // the shared one read before the change.
    ASSERT_TRUE(
        (*a)->Exec("UPDATE t SET text = text || ' river river river river' WHERE rowid = 3"));
    auto fresh = (*rb)->Fresh();
    ASSERT_TRUE(fresh);
    EXPECT_FALSE(*fresh);
    const int64_t before = (*ra)->LengthOf(3);
    ASSERT_TRUE((*rb)->Load());
    EXPECT_FALSE((*rb)->shared());  // a new state: read again
    EXPECT_EQ((*rb)->LengthOf(3), before + 4);
    same(b->get(), "b read again");
    ASSERT_TRUE((*ra)->Load());
    EXPECT_TRUE((*ra)->shared());  // b's copy, read in the state a sees
    same(a->get(), "a shared again");
    // A row added: a new state again.
    Insert(a->get(), "river", "river");
    ASSERT_TRUE((*rb)->Load());
    EXPECT_FALSE((*rb)->shared());
    EXPECT_GT((*rb)->LengthOf(41), 0);
    same(b->get(), "a row added");
  }
  cleanup();
}

}  // namespace
}  // namespace annals::store
