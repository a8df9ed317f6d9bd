// Helpers shared by the benchmarks in bench/: the command-line flags they
// add to Google Benchmark's, peak memory, scratch archive files, and the
// failed-check record that makes a benchmark binary exit non-zero.
// Thread safety: call from the benchmark's main thread only.
#pragma once

#include <benchmark/benchmark.h>
#include <string>

namespace annals::bench {

struct BenchArgs {
  std::string pages;    // --pages=DIR: the generated pages (bench/gen_site.py)
  std::string db;       // --db=FILE: an archive to build once and reuse (search_bench)
  std::string workdir;  // --workdir=DIR: where scratch archives go (default $TMPDIR or /tmp)
};

// Reads --pages=, --db= and --workdir= from argv and leaves only argv[0]
// (call after benchmark::Initialize, which removes its own flags). Returns
// false, after printing why to stderr, when an argument is unknown or
// --pages does not name a directory.
bool ParseArgs(int* argc, char** argv, BenchArgs* out);

// Peak resident set size of this process so far (VmHWM), in MiB; -1 when
// /proc/self/status cannot be read.
double PeakRssMiB();

// A new empty file "<dir>/<stem>-XXXXXX.db" for a scratch archive; "" on error.
std::string TempArchivePath(const std::string& dir, const std::string& stem);

// Removes an archive file and its SQLite side files (-wal, -shm, -journal).
void RemoveArchive(const std::string& path);

// Records a failed result check: prints `what` (which names the benchmark)
// to stderr, marks the run as failed (state.SkipWithError) and counts it.
void CheckFailed(benchmark::State& state, const std::string& what);

// Number of failed checks so far; main returns non-zero when it is not 0.
int Failures();

// Runs the registered benchmarks and returns main's exit code: 1 when a
// check failed, else 0.
int RunAll();

}  // namespace annals::bench
