// Running the items of a list on several threads, for the stages whose work
// is a pure function of each item (segmenting a page, reading a story).
// Thread safety: fn must be safe to call from several threads at once;
// a Cores is shared by the threads that take its cores.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>

namespace annals {

// `requested` threads, or all cores when it is 0 (at least 1).
int ThreadCount(int requested);

// The number of workers ParallelFor runs for n items on `threads` threads.
size_t Workers(size_t n, int threads);

// The cores that a thread running beside a ParallelFor (a pipeline's writer)
// shares with that ParallelFor's workers other than its caller: each runs
// an item only on a core no other holds, so that no more threads run at
// once than there are cores, and the thread beside, which the ParallelFor's
// caller waits for next, does not get a fraction of a core while the
// workers compete with it.
class Cores {
 public:
  explicit Cores(int count) : free_(count) {}

  // Takes a core, waiting for one, before any worker waiting in TakeUnless.
  void Take();
  // Gives back a core taken.
  void Give();
  // A core held for a scope.
  class Held {
   public:
    explicit Held(Cores* cores) : cores_(cores) {
      if (cores_) cores_->Take();
    }
    ~Held() {
      if (cores_) cores_->Give();
    }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    Cores* cores_;
  };

  // For ParallelFor's workers: takes a free core unless done() is true
  // first (false then). done() is checked again at each Give and Wake.
  bool TakeUnless(const std::function<bool()>& done);
  // Has the workers waiting in TakeUnless check done() again.
  void Wake();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
  int takers_ = 0;  // threads waiting in Take
};

// Runs fn(i, worker) for every i in [0, n) on Workers(n, threads) threads,
// the caller's among them, and returns when all are done. `worker` is in
// [0, Workers(n, threads)): the index of per-thread scratch space.
// With `cores`, the workers other than the caller run an item each time
// they take one of them (Cores), the caller whenever it is free.
void ParallelFor(size_t n, int threads, const std::function<void(size_t i, size_t worker)>& fn);
void ParallelFor(size_t n, int threads, Cores* cores,
                 const std::function<void(size_t i, size_t worker)>& fn);

}  // namespace annals
