#include "src/common/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
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
