// The clock of the stage times in IngestReport, for the pipeline's files.
// Thread safety: reentrant.
#pragma once

#include <chrono>

namespace annals::pipeline {

using Clock = std::chrono::steady_clock;

// Seconds from `since` to now.
inline double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace annals::pipeline
