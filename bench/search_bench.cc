// search_bench: full-text search over an archive of generated pages,
// Archive::Search (SQLite FTS5 MATCH, BM25 ranking, snippets) against the
// baseline a plain SQLite database gives: a scan with LIKE '%term%' over the
// same stories table, newest first. Both return the first 20 hits.
//
// The archive is built once from --pages (relate off: search reads only
// stories) into --db, or into a scratch file when --db is not given; an
// existing --db with stories is reused as it is.
//
// Counters: hits (at most 20). Checks: both sides find hits for every
// query, and every FTS hit's title or text contains the query's first word.
//
// usage: search_bench --pages=DIR [--db=FILE] [--workdir=DIR] [--benchmark_...]
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "annals/archive.h"
#include "annals/options.h"
#include "bench/bench_util.h"

namespace annals::bench {
namespace {

constexpr int kLimit = 20;

struct Query {
  const char* name;
  const char* fts;                  // Archive::Search syntax
  std::vector<const char*> likes;   // LIKE patterns, all required
  const char* must_contain;         // lower-case word every FTS hit contains
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

void BM_Like(benchmark::State& state, const Query& q) {
  std::string sql = "SELECT id, date, title, substr(text, 1, 200) FROM stories WHERE ";
  for (size_t i = 0; i < q.likes.size(); ++i) {
    if (i) sql += " AND ";
    const std::string n = std::to_string(i + 1);
    sql += "(title LIKE ?" + n + " OR text LIKE ?" + n + ")";
  }
  sql += " ORDER BY date DESC LIMIT " + std::to_string(kLimit);
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

// Opens (building when needed) the archive; false after printing why.
bool Setup() {
  db_path = args.db.empty() ? TempArchivePath(args.workdir, "search_bench") : args.db;
  if (db_path.empty()) {
    std::fprintf(stderr, "cannot create a scratch archive in %s\n", args.workdir.c_str());
    return false;
  }
  auto opened = Archive::Open(db_path);
  if (!opened) {
    std::fprintf(stderr, "open %s: %s\n", db_path.c_str(), opened.error().message.c_str());
    return false;
  }
  archive = std::move(*opened);
  StoryQuery one;
  one.limit = 1;
  auto some = archive->Stories(one);
  if (!some || some->empty()) {
    PipelineOptions options;
    options.relate = false;
    std::fprintf(stderr, "building %s from %s ...\n", db_path.c_str(), args.pages.c_str());
    auto report = archive->Ingest({args.pages}, options);
    if (!report || report->stories_new == 0) {
      std::fprintf(stderr, "ingest failed: %s\n",
                   report ? "no stories" : report.error().message.c_str());
      return false;
    }
  }
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
  for (const Query& q : kQueries) {
    benchmark::RegisterBenchmark((std::string("BM_Search/fts/") + q.name).c_str(), BM_Fts, q)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark((std::string("BM_Search/like/") + q.name).c_str(), BM_Like, q)
        ->Unit(benchmark::kMicrosecond);
  }
  int rc = RunAll();
  sqlite3_close(raw);
  archive.reset();
  if (args.db.empty()) RemoveArchive(db_path);
  return rc;
}
