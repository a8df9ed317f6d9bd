// The clock of the stage times in IngestReport, for the pipeline's files.
// Thread safety: reentrant.
#pragma once

#include <chrono>

namespace annals::pipeline {

using Clock = std::chrono::steady_clock;

// Seconds from `from` to `to`.
inline double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Seconds from `since` to now.
inline double Seconds(Clock::time_point since) { return Seconds(since, Clock::now()); }

}  // namespace annals::pipeline
