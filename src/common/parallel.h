// Running the items of a list on several threads, for the stages whose work
// is a pure function of each item (segmenting a page, reading a story).
// Thread safety: fn must be safe to call from several threads at once.
#pragma once

#include <cstddef>
#include <functional>

namespace annals {

// `requested` threads, or all cores when it is 0 (at least 1).
int ThreadCount(int requested);

// The number of workers ParallelFor runs for n items on `threads` threads.
size_t Workers(size_t n, int threads);

// Runs fn(i, worker) for every i in [0, n) on Workers(n, threads) threads,
// the caller's among them, and returns when all are done. `worker` is in
// [0, Workers(n, threads)): the index of per-thread scratch space.
void ParallelFor(size_t n, int threads, const std::function<void(size_t i, size_t worker)>& fn);

}  // namespace annals
