// The timing lines a command prints on request (ANNALS_SERVE_TIMING): the
// wall and CPU seconds of the calling thread between laps.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>

namespace annals {

class LapTimer {
 public:
  // Prints nothing unless `on`; each line starts with `prefix`.
  LapTimer(const char* prefix, bool on) : prefix_(prefix), on_(on) {}

  // "PREFIX WHAT W s wall, C s CPU" on stderr, for the time since the last
  // lap (or since it was made); the next lap counts from here.
  void Lap(const char* what) {
    if (!on_) return;
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = ThreadCpu();
    std::fprintf(stderr, "%s %s %.2f s wall, %.2f s CPU\n", prefix_, what,
                 std::chrono::duration<double>(wall - wall_).count(), cpu - cpu_);
    wall_ = wall;
    cpu_ = cpu;
  }

 private:
  static double ThreadCpu() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  }
  const char* prefix_;
  bool on_;
  std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
  double cpu_ = ThreadCpu();
};

}  // namespace annals
