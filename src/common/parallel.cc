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

void Cores::Take() {
  std::unique_lock<std::mutex> lock(mu_);
  ++takers_;
  cv_.wait(lock, [&] { return free_ > 0; });
  --takers_;
  --free_;
}

void Cores::Give() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++free_;
  }
  cv_.notify_all();
}

bool Cores::TakeUnless(const std::function<bool()>& done) {
  std::unique_lock<std::mutex> lock(mu_);
  // A core is left to the threads waiting in Take.
  cv_.wait(lock, [&] { return free_ > takers_ || done(); });
  if (free_ <= takers_) return false;
  --free_;
  return true;
}

void Cores::Wake() {
  // Under the lock: a worker between its check of done() and its wait
  // would miss the notification.
  { std::lock_guard<std::mutex> lock(mu_); }
  cv_.notify_all();
}

void ParallelFor(size_t n, int threads, const std::function<void(size_t i, size_t worker)>& fn) {
  ParallelFor(n, threads, nullptr, fn);
}

void ParallelFor(size_t n, int threads, Cores* cores,
                 const std::function<void(size_t i, size_t worker)>& fn) {
  const size_t workers = Workers(n, threads);
  std::atomic<size_t> next{0};
  auto work = [&](size_t worker) {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i, worker);
  };
  auto done = [&] { return next.load() >= n; };
  auto work_on_cores = [&](size_t worker) {
    while (cores->TakeUnless(done)) {
      const size_t i = next.fetch_add(1);
      if (i < n) fn(i, worker);
      cores->Give();
      if (i >= n) return;
    }
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) {
    if (cores) {
      pool.emplace_back(work_on_cores, w);
    } else {
      pool.emplace_back(work, w);
    }
  }
  work(0);
  if (cores) cores->Wake();
  for (std::thread& t : pool) t.join();
}

}  // namespace annals
