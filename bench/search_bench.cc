// search_bench: full-text search over an archive of generated pages,
// Archive::Search (SQLite FTS5 MATCH, BM25 ranking, snippets) against the
// baseline a plain SQLite database gives: a scan with LIKE '%term%' over the
// same stories table.
//
//  - BM_Search/fts/Q and BM_Search/like/Q: the first 20 hits, as a user gets
//    them: Archive::Search (best BM25 first, with snippets and whole
//    stories) against LIKE, newest first (the date index lets LIKE stop
//    after 20 matches, so it can win for common words).
//  - BM_Search/fts_count/Q and BM_Search/like_count/Q: every match counted,
//    the index lookup against the full scan, nothing else.
//
// The archive is built once from --pages (relate off: search reads only
// stories) into --db (written under a temporary name and renamed when the
// ingest succeeded), or into a scratch file when --db is not given. An
// existing --db is reused when its FTS index passes SQLite's integrity check.
//
// Counters: hits. Checks: every query finds hits on both sides; every FTS
// hit's title or text contains the query's first word; LIKE counts at least
// as many matches as FTS (every FTS match of these queries is a substring
// match).
//
// usage: search_bench --pages=DIR [--db=FILE] [--workdir=DIR] [--benchmark_...]
#include "annals/archive.h"
#include "annals/options.h"

#include "bench/bench_util.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <cctype>
#include <cstdio>
#include <memory>
#include <sqlite3.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace annals::bench {
namespace {

constexpr int kLimit = 20;

struct Query {
  const char* name;
  const char* fts;                 // Archive::Search syntax
  std::vector<const char*> likes;  // LIKE patterns, all required
  const char* must_contain;        // lower-case word every FTS hit contains
};

// Words of bench/gen_site.py's vocabulary, from rare to common.
const std::vector<Query> kQueries = {
    {"rare_word", "Cormorant", {"%Cormorant%"}, "cormorant"},
    {"common_word", "fisheries", {"%fisheries%"}, "fisheries"},
    {"phrase", "\"undersea cables\"", {"%undersea cables%"}, "undersea"},
    {"prefix", "lighthouse*", {"%lighthouse%"}, "lighthouse"},
    {"and", "piracy AND Dakar", {"%piracy%", "%Dakar%"}, "piracy"},
};

BenchArgs args;
std::string db_path;
std::unique_ptr<Archive> archive;
sqlite3* raw = nullptr;

bool Contains(std::string hay, const std::string& needle) {
  std::transform(hay.begin(), hay.end(), hay.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return hay.find(needle) != std::string::npos;
}

void BM_Fts(benchmark::State& state, const Query& q) {
  StoryQuery filter;
  filter.limit = kLimit;
  size_t hits = 0;
  for (auto _ : state) {
    auto r = archive->Search(q.fts, filter);
    if (!r) return CheckFailed(state, std::string("fts/") + q.name + ": " + r.error().message);
    hits = r->size();
    for (const SearchHit& h : *r) {
      if (!Contains(h.story.title, q.must_contain) && !Contains(h.story.text, q.must_contain)) {
        return CheckFailed(state, std::string("fts/") + q.name + ": hit " + h.story.id +
                                      " lacks '" + q.must_contain + "'");
      }
    }
    benchmark::DoNotOptimize(r);
  }
  if (hits == 0) return CheckFailed(state, std::string("fts/") + q.name + ": no hits");
  state.counters["hits"] = static_cast<double>(hits);
}

// Runs `sql` (one count(*) row) with the query's parameters bound; -1 on error.
long long Count(sqlite3_stmt* st, const std::vector<const char*>& params) {
  sqlite3_reset(st);
  for (size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(st, static_cast<int>(i + 1), params[i], -1, SQLITE_STATIC);
  }
  if (sqlite3_step(st) != SQLITE_ROW) return -1;
  return sqlite3_column_int64(st, 0);
}

std::string LikeWhere(const Query& q) {
  std::string sql;
  for (size_t i = 0; i < q.likes.size(); ++i) {
    if (i) sql += " AND ";
    const std::string n = std::to_string(i + 1);
    sql += "(title LIKE ?" + n + " OR text LIKE ?" + n + ")";
  }
  return sql;
}

std::vector<long long> fts_counts;  // per query, set by BM_FtsCount

void BM_FtsCount(benchmark::State& state, size_t qi) {
  const Query& q = kQueries[qi];
  const std::string name = std::string("fts_count/") + q.name;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM stories_fts WHERE stories_fts MATCH ?1", -1,
                         &st, nullptr) != SQLITE_OK) {
    return CheckFailed(state, name + ": " + sqlite3_errmsg(raw));
  }
  long long n = 0;
  for (auto _ : state) n = Count(st, {q.fts});
  sqlite3_finalize(st);
  if (n <= 0) return CheckFailed(state, name + ": no matches");
  fts_counts[qi] = n;
  state.counters["hits"] = static_cast<double>(n);
}

void BM_LikeCount(benchmark::State& state, size_t qi) {
  const Query& q = kQueries[qi];
  const std::string name = std::string("like_count/") + q.name;
  const std::string sql = "SELECT count(*) FROM stories WHERE " + LikeWhere(q);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    return CheckFailed(state, name + ": " + sqlite3_errmsg(raw));
  }
  long long n = 0;
  for (auto _ : state) n = Count(st, q.likes);
  sqlite3_finalize(st);
  if (n <= 0) return CheckFailed(state, name + ": no matches");
  if (n < fts_counts[qi]) {
    return CheckFailed(state, name + ": " + std::to_string(n) + " matches, fewer than FTS's " +
                                  std::to_string(fts_counts[qi]));
  }
  state.counters["hits"] = static_cast<double>(n);
}

void BM_Like(benchmark::State& state, const Query& q) {
  const std::string sql = "SELECT id, date, title, substr(text, 1, 200) FROM stories WHERE " +
                          LikeWhere(q) + " ORDER BY date DESC LIMIT " + std::to_string(kLimit);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    return CheckFailed(state, std::string("like/") + q.name + ": " + sqlite3_errmsg(raw));
  }
  size_t hits = 0;
  for (auto _ : state) {
    sqlite3_reset(st);
    for (size_t i = 0; i < q.likes.size(); ++i) {
      sqlite3_bind_text(st, static_cast<int>(i + 1), q.likes[i], -1, SQLITE_STATIC);
    }
    hits = 0;
    std::vector<std::string> rows;
    while (sqlite3_step(st) == SQLITE_ROW) {
      ++hits;
      rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
    benchmark::DoNotOptimize(rows);
  }
  sqlite3_finalize(st);
  if (hits == 0) return CheckFailed(state, std::string("like/") + q.name + ": no hits");
  state.counters["hits"] = static_cast<double>(hits);
}

// True when the FTS index of the archive at `path` passes SQLite's check.
bool IndexIntact(const std::string& path) {
  sqlite3* db = nullptr;
  bool ok =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
      sqlite3_exec(db, "INSERT INTO stories_fts(stories_fts, rank) VALUES('integrity-check', 1)",
                   nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

// Ingests the pages into a new archive at `path`; false after printing why.
bool Build(const std::string& path) {
  std::fprintf(stderr, "building %s from %s ...\n", path.c_str(), args.pages.c_str());
  auto opened = Archive::Open(path);
  if (!opened) {
    std::fprintf(stderr, "open %s: %s\n", path.c_str(), opened.error().message.c_str());
    return false;
  }
  PipelineOptions options;
  options.relate = false;
  auto report = (*opened)->Ingest({args.pages}, options);
  if (!report || report->stories_new == 0) {
    std::fprintf(stderr, "ingest failed: %s\n",
                 report ? "no stories" : report.error().message.c_str());
    return false;
  }
  return true;
}

// Opens (building when needed) the archive; false after printing why.
bool Setup() {
  if (args.db.empty()) {
    db_path = TempArchivePath(args.workdir, "search_bench");
    if (db_path.empty() || !Build(db_path)) return false;
  } else {
    db_path = args.db;
    if (access(db_path.c_str(), F_OK) == 0 && !IndexIntact(db_path)) {
      std::fprintf(stderr, "%s fails the FTS integrity check: rebuilding\n", db_path.c_str());
      RemoveArchive(db_path);
    }
    if (access(db_path.c_str(), F_OK) != 0) {
      const std::string tmp = db_path + ".building";
      RemoveArchive(tmp);
      if (!Build(tmp) || std::rename(tmp.c_str(), db_path.c_str()) != 0) {
        RemoveArchive(tmp);
        return false;
      }
    }
  }
  auto opened = Archive::Open(db_path);
  if (!opened) {
    std::fprintf(stderr, "open %s: %s\n", db_path.c_str(), opened.error().message.c_str());
    return false;
  }
  archive = std::move(*opened);
  if (sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite3_open %s failed\n", db_path.c_str());
    return false;
  }
  return true;
}

}  // namespace
}  // namespace annals::bench

int main(int argc, char** argv) {
  using namespace annals::bench;
  benchmark::Initialize(&argc, argv);
  if (!ParseArgs(&argc, argv, &args)) return 2;
  if (!Setup()) return 1;
  fts_counts.assign(kQueries.size(), 0);
  for (size_t i = 0; i < kQueries.size(); ++i) {
    const Query& q = kQueries[i];
    const std::string n = q.name;
    benchmark::RegisterBenchmark(("BM_Search/fts/" + n).c_str(), BM_Fts, q)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Search/like/" + n).c_str(), BM_Like, q)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Search/fts_count/" + n).c_str(), BM_FtsCount, i)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Search/like_count/" + n).c_str(), BM_LikeCount, i)
        ->Unit(benchmark::kMicrosecond);
  }
  int rc = RunAll();
  sqlite3_close(raw);
  archive.reset();
  if (args.db.empty()) RemoveArchive(db_path);
  return rc;
}
