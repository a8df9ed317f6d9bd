#include "bench/bench_util.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace annals::bench {
namespace {

int failures = 0;

bool TakeFlag(std::string_view arg, std::string_view name, std::string* out) {
  if (arg.substr(0, name.size()) != name) return false;
  *out = std::string(arg.substr(name.size()));
  return true;
}

}  // namespace

bool ParseArgs(int* argc, char** argv, BenchArgs* out) {
  for (int i = 1; i < *argc; ++i) {
    std::string_view a = argv[i];
    if (!TakeFlag(a, "--pages=", &out->pages) && !TakeFlag(a, "--db=", &out->db) &&
        !TakeFlag(a, "--workdir=", &out->workdir)) {
      std::fprintf(stderr, "unknown argument: %s\n", argv[i]);
      return false;
    }
  }
  *argc = 1;
  struct stat st {};
  if (out->pages.empty() || stat(out->pages.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    std::fprintf(stderr,
                 "usage: %s --pages=DIR [--db=FILE] [--workdir=DIR] [--benchmark_...]\n"
                 "  DIR holds pages written by bench/gen_site.py\n",
                 argv[0]);
    return false;
  }
  if (out->workdir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    out->workdir = tmp && *tmp ? tmp : "/tmp";
  }
  return true;
}

double PeakRssMiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;  // kB
  }
  return -1;
}

std::string TempArchivePath(const std::string& dir, const std::string& stem) {
  std::string templ = dir + "/" + stem + "-XXXXXX.db";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  int fd = mkstemps(buf.data(), 3);
  if (fd < 0) return "";
  close(fd);
  // SQLite opens an empty file as a new database.
  return std::string(buf.data());
}

void RemoveArchive(const std::string& path) {
  if (path.empty()) return;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::remove((path + suffix).c_str());
  }
}

void CheckFailed(benchmark::State& state, const std::string& what) {
  ++failures;
  std::fprintf(stderr, "CHECK FAILED: %s\n", what.c_str());
  state.SkipWithError(what.c_str());
}

int Failures() { return failures; }

int RunAll() {
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (failures) {
    std::fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  return 0;
}

}  // namespace annals::bench
