#include "src/common/release.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace annals {
namespace {

TEST(Release, GivesTheMemoryBack) {
  std::vector<int> v(1000, 7);
  v = {};  // what Release is for: this keeps the capacity
  ASSERT_GE(v.capacity(), 1000u);
  Release(v);
  EXPECT_EQ(v.capacity(), 0u);
  v.push_back(1);  // still usable
  EXPECT_EQ(v.size(), 1u);

  std::unordered_map<std::string, int> m;
  for (int i = 0; i < 1000; ++i) m[std::to_string(i)] = i;
  m = {};
  ASSERT_GE(m.bucket_count(), 1000u);
  Release(m);
  EXPECT_TRUE(m.empty());
  EXPECT_LT(m.bucket_count(), 1000u);

  std::deque<std::string> d(100, "x");
  Release(d);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace annals
