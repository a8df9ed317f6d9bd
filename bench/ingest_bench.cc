// ingest_bench: end-to-end ingest of a folder of generated pages
// (bench/gen_site.py) into a fresh archive, with 1 thread and with all cores,
// with and without relate (PipelineOptions::relate = false).
//
// Each run happens in a forked child, so its peak memory (VmHWM) is its own:
// the child opens a new archive file, ingests the folder (timed: this is the
// benchmark's time), reads its peak RSS, counts the stored stories and
// sources, ingests the folder again and checks that the second ingest added
// and changed nothing. The child sends its figures back through a pipe.
//
// Counters: pages_per_s, MB_per_s, MB_per_s_per_core (MB/s over the threads
// used), cpu_s and MB_per_cpu_s (CPU time of all threads: steadier than wall
// time on a shared machine), peak_rss_MiB, stories, stories_per_page, the stage seconds of
// IngestReport (read_s, parse_s, dedup_s, store_s, relate_s, events_s,
// wall_s) and reingest_s. A failed check (no stories, a page skipped, a
// re-ingest that adds or changes anything) fails the run and the binary.
//
// BM_AddPages (issue 21): the pages but the last 50 (by name) are ingested
// into a fresh archive, untimed; then the last 50 are ingested (timed: the
// benchmark's time; relate reads again only the new or changed stories and
// merges over all), and then `relate --full` runs (every story read again:
// full_relate_s, full_relate_cpu_s). Counters: add_cpu_s, the add's stage
// seconds, base_stories; the check: the archive's counts after the add and
// after the full relate are the same (cli_relate_incremental compares
// whole exports).
//
// usage: ingest_bench --pages=DIR [--workdir=DIR] [--benchmark_...]
#include "annals/archive.h"
#include "annals/options.h"

#include "bench/bench_util.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sqlite3.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace annals::bench {
namespace {

BenchArgs args;

// What the child sends back: plain bytes through a pipe.
struct ChildResult {
  char error[512] = {};  // empty when every check passed
  double ingest_s = 0;   // wall time of the first Archive::Ingest call
  double megabytes = 0;
  double read_s = 0, parse_s = 0, dedup_s = 0, store_s = 0, relate_s = 0, events_s = 0;
  double wall_s = 0;
  double peak_rss_mib = 0;
  double cpu_s = 0;  // user + system CPU seconds of the first ingest, all threads
  double reingest_s = 0;
  int pages_read = 0;
  int pages_skipped = 0;
  int stories_new = 0;
  long long stories = 0;
  long long sources = 0;
  // BM_AddPages: the stories before the add, and the full relate after it.
  long long base_stories = 0;
  double full_relate_s = 0, full_relate_cpu_s = 0;
};

// The report's sizes, stage times and counts into the child's result.
void CopyReport(const IngestReport& report, ChildResult* r) {
  r->megabytes = report.megabytes;
  r->read_s = report.read_s;
  r->parse_s = report.parse_s;
  r->dedup_s = report.dedup_s;
  r->store_s = report.store_s;
  r->relate_s = report.relate_s;
  r->events_s = report.events_s;
  r->wall_s = report.wall_s;
  r->pages_read = report.pages_read;
  r->pages_skipped = report.pages_skipped;
  r->stories_new = report.stories_new;
}

void SetError(ChildResult* r, const std::string& what) {
  std::snprintf(r->error, sizeof r->error, "%s", what.c_str());
}

// Counts rows of the archive's stories and sources tables (read-only).
bool CountRows(const std::string& path, long long* stories, long long* sources) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK;
  for (auto [sql, out] : {std::pair{"SELECT count(*) FROM stories", stories},
                          std::pair{"SELECT count(*) FROM sources", sources}}) {
    sqlite3_stmt* st = nullptr;
    ok = ok && sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
         sqlite3_step(st) == SQLITE_ROW;
    if (ok) *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return ok;
}

// User + system CPU seconds this process has used so far, all threads.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The child's work; fills *r (r->error on a failed check).
void RunChild(int threads, bool relate, const std::string& path, ChildResult* r) {
  auto archive = Archive::Open(path);
  if (!archive) return SetError(r, "open " + path + ": " + archive.error().message);
  PipelineOptions options;
  options.threads = threads;
  options.relate = relate;
  const double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  auto report = (*archive)->Ingest({args.pages}, options);
  r->ingest_s = Since(t0);
  r->cpu_s = CpuSeconds() - cpu0;
  r->peak_rss_mib = PeakRssMiB();
  if (!report) return SetError(r, "ingest: " + report.error().message);
  CopyReport(*report, r);
  if (!CountRows(path, &r->stories, &r->sources)) return SetError(r, "cannot count rows");
  if (r->pages_read == 0) return SetError(r, "no page read from " + args.pages);
  if (r->pages_skipped != 0) {
    return SetError(r, std::to_string(r->pages_skipped) + " pages skipped, first: " +
                           report->skipped.front().name + ": " + report->skipped.front().reason);
  }
  if (r->stories <= 0) return SetError(r, "no stories stored");

  t0 = std::chrono::steady_clock::now();
  auto again = (*archive)->Ingest({args.pages}, options);
  r->reingest_s = Since(t0);
  if (!again) return SetError(r, "re-ingest: " + again.error().message);
  long long stories2 = 0, sources2 = 0;
  if (!CountRows(path, &stories2, &sources2)) return SetError(r, "cannot count rows");
  if (again->stories_new != 0 || again->stories_updated != 0 || stories2 != r->stories ||
      sources2 != r->sources) {
    return SetError(
        r, "re-ingest changed the archive: stories_new=" + std::to_string(again->stories_new) +
               " stories_updated=" + std::to_string(again->stories_updated) + " stories " +
               std::to_string(r->stories) + "->" + std::to_string(stories2) + " sources " +
               std::to_string(r->sources) + "->" + std::to_string(sources2));
  }
}

// The pages of BM_AddPages added last.
constexpr size_t kAddedPages = 50;

bool SameCounts(const ArchiveCounts& a, const ArchiveCounts& b) {
  return a.stories == b.stories && a.entities == b.entities && a.mentions == b.mentions &&
         a.facts == b.facts && a.events == b.events;
}

std::string CountsText(const ArchiveCounts& c) {
  return std::to_string(c.stories) + " stories, " + std::to_string(c.entities) + " entities, " +
         std::to_string(c.mentions) + " mentions, " + std::to_string(c.facts) + " facts, " +
         std::to_string(c.events) + " events";
}

// BM_AddPages's child: the pages but the last kAddedPages, then those (timed),
// then a full relate (timed apart).
void RunAddChild(int threads, const std::string& path, ChildResult* r) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(args.pages, ec)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  if (ec || files.size() <= kAddedPages) {
    return SetError(r, "fewer than " + std::to_string(kAddedPages + 1) + " pages in " + args.pages);
  }
  const std::vector<std::string> base(files.begin(), files.end() - kAddedPages);
  const std::vector<std::string> added(files.end() - kAddedPages, files.end());
  auto archive = Archive::Open(path);
  if (!archive) return SetError(r, "open " + path + ": " + archive.error().message);
  PipelineOptions options;
  options.threads = threads;
  auto first = (*archive)->Ingest(base, options);
  if (!first) return SetError(r, "ingest: " + first.error().message);
  r->base_stories = first->stories_new;
  const double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  auto report = (*archive)->Ingest(added, options);
  r->ingest_s = Since(t0);
  r->cpu_s = CpuSeconds() - cpu0;
  if (!report) return SetError(r, "add: " + report.error().message);
  CopyReport(*report, r);
  if (r->pages_read != static_cast<int>(kAddedPages) || r->stories_new <= 0) {
    return SetError(r, "the add read " + std::to_string(r->pages_read) + " pages, " +
                           std::to_string(r->stories_new) + " new stories");
  }
  auto incremental = (*archive)->Stats();
  if (!incremental) return SetError(r, "stats: " + incremental.error().message);
  PipelineOptions full = options;
  full.relate_full = true;
  const double cpu1 = CpuSeconds();
  t0 = std::chrono::steady_clock::now();
  auto relate = (*archive)->Relate(full);
  r->full_relate_s = Since(t0);
  r->full_relate_cpu_s = CpuSeconds() - cpu1;
  r->peak_rss_mib = PeakRssMiB();
  if (!relate) return SetError(r, "relate --full: " + relate.error().message);
  auto whole = (*archive)->Stats();
  if (!whole) return SetError(r, "stats: " + whole.error().message);
  if (!SameCounts(*incremental, *whole)) {
    return SetError(r, "incremental relate gave " + CountsText(*incremental) + ", full " +
                           CountsText(*whole));
  }
  r->stories = whole->stories;
}

// Runs child(path, r) in a forked child; false (with *error) when it could not run.
bool RunForked(const std::function<void(const std::string&, ChildResult*)>& child,
               ChildResult* r, std::string* error) {
  const std::string path = TempArchivePath(args.workdir, "ingest_bench");
  if (path.empty()) {
    *error = "cannot create a scratch archive in " + args.workdir;
    return false;
  }
  int fds[2];
  if (pipe(fds) != 0) {
    *error = "pipe failed";
    RemoveArchive(path);
    return false;
  }
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    *error = "fork failed";
    close(fds[0]);
    close(fds[1]);
    RemoveArchive(path);
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    ChildResult out;
    child(path, &out);
    const char* p = reinterpret_cast<const char*>(&out);
    size_t left = sizeof out;
    while (left > 0) {
      ssize_t n = write(fds[1], p, left);
      if (n <= 0) _exit(3);
      p += n;
      left -= static_cast<size_t>(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  char* p = reinterpret_cast<char*>(r);
  size_t got = 0;
  while (got < sizeof *r) {
    ssize_t n = read(fds[0], p + got, sizeof *r - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  RemoveArchive(path);
  if (got != sizeof *r || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = WIFSIGNALED(status) ? "child killed by signal " + std::to_string(WTERMSIG(status))
                                 : "child exited without a result";
    return false;
  }
  return true;
}

void BM_Ingest(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const bool relate = state.range(1) != 0;
  const std::string name =
      "BM_Ingest/threads:" + std::to_string(threads) + "/relate:" + std::to_string(relate);
  ChildResult r;
  for (auto _ : state) {
    std::string error;
    auto child = [&](const std::string& path, ChildResult* out) {
      RunChild(threads, relate, path, out);
    };
    if (!RunForked(child, &r, &error)) return CheckFailed(state, name + ": " + error);
    if (r.error[0]) return CheckFailed(state, name + ": " + r.error);
    state.SetIterationTime(r.ingest_s);
  }
  const double s = std::max(r.ingest_s, 1e-9);
  auto& c = state.counters;
  c["pages"] = r.pages_read;
  c["pages_per_s"] = r.pages_read / s;
  c["MB"] = r.megabytes;
  c["MB_per_s"] = r.megabytes / s;
  c["MB_per_s_per_core"] = r.megabytes / s / threads;
  c["cpu_s"] = r.cpu_s;
  c["MB_per_cpu_s"] = r.megabytes / std::max(r.cpu_s, 1e-9);
  c["peak_rss_MiB"] = r.peak_rss_mib;
  c["stories"] = static_cast<double>(r.stories);
  c["stories_per_page"] = static_cast<double>(r.stories) / std::max(1, r.pages_read);
  c["sources"] = static_cast<double>(r.sources);
  c["read_s"] = r.read_s;
  c["parse_s"] = r.parse_s;
  c["dedup_s"] = r.dedup_s;
  c["store_s"] = r.store_s;
  c["relate_s"] = r.relate_s;
  c["events_s"] = r.events_s;
  c["wall_s"] = r.wall_s;
  c["reingest_s"] = r.reingest_s;
}

void BM_AddPages(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const std::string name = "BM_AddPages/threads:" + std::to_string(threads);
  ChildResult r;
  for (auto _ : state) {
    std::string error;
    auto child = [&](const std::string& path, ChildResult* out) {
      RunAddChild(threads, path, out);
    };
    if (!RunForked(child, &r, &error)) return CheckFailed(state, name + ": " + error);
    if (r.error[0]) return CheckFailed(state, name + ": " + r.error);
    state.SetIterationTime(r.ingest_s);
  }
  auto& c = state.counters;
  c["pages"] = r.pages_read;
  c["base_stories"] = static_cast<double>(r.base_stories);
  c["stories"] = static_cast<double>(r.stories);
  c["add_cpu_s"] = r.cpu_s;
  c["parse_s"] = r.parse_s;
  c["dedup_s"] = r.dedup_s;
  c["store_s"] = r.store_s;
  c["relate_s"] = r.relate_s;
  c["events_s"] = r.events_s;
  c["wall_s"] = r.wall_s;
  c["full_relate_s"] = r.full_relate_s;
  c["full_relate_cpu_s"] = r.full_relate_cpu_s;
  c["peak_rss_MiB"] = r.peak_rss_mib;
}

}  // namespace
}  // namespace annals::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!annals::bench::ParseArgs(&argc, argv, &annals::bench::args)) return 2;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // End to end on 1 thread and on all cores; then without relate (entities,
  // facts, events over the whole archive), to tell its time and memory apart.
  std::vector<std::pair<int, int>> configs = {{1, 1}};
  if (cores > 1) configs.push_back({cores, 1});
  configs.push_back({1, 0});
  if (cores > 1) configs.push_back({cores, 0});
  for (auto [threads, relate] : configs) {
    benchmark::RegisterBenchmark("BM_Ingest", annals::bench::BM_Ingest)
        ->Args({threads, relate})
        ->ArgNames({"threads", "relate"})
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kSecond);
  }
  // 50 pages added to an archive of the others, 1 thread and all cores.
  for (int threads : cores > 1 ? std::vector<int>{1, cores} : std::vector<int>{1}) {
    benchmark::RegisterBenchmark("BM_AddPages", annals::bench::BM_AddPages)
        ->Args({threads})
        ->ArgNames({"threads"})
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kSecond);
  }
  return annals::bench::RunAll();
}
