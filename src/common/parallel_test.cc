#include "src/common/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace annals {
namespace {

TEST(ParallelTest, EveryItemOnceOnAKnownWorker) {
  for (int threads : {1, 2, 4}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) {
      std::vector<std::atomic<int>> runs(n);
      std::atomic<bool> worker_ok{true};
      const size_t workers = Workers(n, threads);
      ParallelFor(n, threads, [&](size_t i, size_t worker) {
        ++runs[i];
        if (worker >= workers) worker_ok = false;
      });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i], 1) << i;
      EXPECT_TRUE(worker_ok);
    }
  }
}

// Spins for about `us` microseconds (a sleep would free the core).
void Spin(int us) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(us);
  while (std::chrono::steady_clock::now() < end) {
  }
}

TEST(ParallelTest, CoresHeldLeaveTheItemsToTheCaller) {
  Cores cores(1);
  cores.Take();  // the only core beside the caller's
  std::vector<std::atomic<int>> runs(200);
  std::atomic<int> on_others{0};
  ParallelFor(runs.size(), 2, &cores, [&](size_t i, size_t worker) {
    ++runs[i];
    if (worker != 0) ++on_others;
    Spin(100);
  });
  cores.Give();
  for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i], 1) << i;
  EXPECT_EQ(on_others, 0);
  // Free, the core runs items too (the caller sleeps until it has). Its
  // worker may start before the caller takes an item, and then run both.
  std::atomic<int> others{0};
  ParallelFor(2, 2, &cores, [&](size_t, size_t worker) {
    if (worker != 0) {
      ++others;
      return;
    }
    for (int k = 0; k < 2000 && others == 0; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  EXPECT_GE(others, 1);
  EXPECT_LE(others, 2);
}

// A thread beside a ParallelFor that holds a core in turns: never more
// threads running than the caller's and the cores, and every item once.
TEST(ParallelTest, NoMoreRunningThanCores) {
  for (int threads : {2, 3}) {
    Cores cores(threads - 1);
    std::atomic<int> running{0}, most{0};
    auto enter = [&] {
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
    };
    std::atomic<bool> stop{false};
    std::thread beside([&] {
      while (!stop) {
        Cores::Held held(&cores);
        enter();
        Spin(300);
        --running;
      }
    });
    std::vector<std::atomic<int>> runs(400);
    ParallelFor(runs.size(), threads, &cores, [&](size_t i, size_t) {
      enter();
      ++runs[i];
      Spin(50);
      --running;
    });
    stop = true;
    beside.join();
    for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i], 1) << i;
    EXPECT_LE(most, threads);
    EXPECT_GE(most, 1);
  }
}

TEST(ParallelTest, WorkersAndThreadCount) {
  EXPECT_EQ(Workers(1000, 4), 4u);
  EXPECT_EQ(Workers(3, 4), 3u);   // no more workers than items
  EXPECT_EQ(Workers(0, 4), 1u);   // the caller alone
  EXPECT_EQ(Workers(10, 0), 1u);  // a bad count is one
  EXPECT_EQ(ThreadCount(3), 3);
  EXPECT_GE(ThreadCount(0), 1);   // all cores
}

}  // namespace
}  // namespace annals
