#include "src/common/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace annals {

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

size_t Workers(size_t n, int threads) {
  return std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(1, threads)), n));
}

void ParallelFor(size_t n, int threads, const std::function<void(size_t i, size_t worker)>& fn) {
  const size_t workers = Workers(n, threads);
  std::atomic<size_t> next{0};
  auto work = [&](size_t worker) {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i, worker);
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace annals
