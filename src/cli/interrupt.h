// Stopping a long command cleanly on SIGINT (Ctrl-C) or SIGTERM.
// While an InterruptFlag lives, the first such signal sets flag() (which the
// pipeline polls between pages, and relate and events between stories:
// PipelineOptions::stop) and restores the
// default action, so a second signal ends the process at once; an archive
// is sound after that too (its writes are transactions).
// Thread safety: one instance at a time, made and destroyed on the main
// thread; flag() and signal() may be read from any thread.
#pragma once

#include <atomic>

namespace annals::cli {

class InterruptFlag {
 public:
  InterruptFlag();   // installs the handlers
  ~InterruptFlag();  // puts the previous handlers back
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;

  const std::atomic<bool>* flag() const;
  // The signal that arrived (SIGINT or SIGTERM), or 0.
  int signal() const;
  // The shell's code for a process stopped by signal(): 130 for SIGINT, 143 for SIGTERM.
  int ExitCode() const { return 128 + signal(); }
};

}  // namespace annals::cli
