#include "src/dedup/key_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace annals::dedup {
namespace {

TEST(KeyIndexTest, NumbersStoriesOnce) {
  KeyIndex index;
  EXPECT_EQ(index.Intern("a"), 0u);
  EXPECT_EQ(index.Intern("b"), 1u);
  EXPECT_EQ(index.Intern("a"), 0u);
  EXPECT_EQ(index.Id(1), "b");
  EXPECT_EQ(index.Find("b"), 1u);
  EXPECT_FALSE(index.Find("c"));
  EXPECT_EQ(index.stories(), 2u);
}

TEST(KeyIndexTest, PostingsAreUniqueAndCapped) {
  KeyIndex index;
  index.Add(7, 3, 2);
  index.Add(7, 1, 2);
  index.Add(7, 3, 2);  // present
  index.Add(7, 2, 2);
  index.Add(7, 4, 2);  // past the cap: 3 postings mark the key as common
  EXPECT_EQ(index.Postings(7), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_TRUE(index.Contains(7));
  EXPECT_FALSE(index.Contains(8));
  EXPECT_TRUE(index.Postings(8).empty());
}

// Enough postings to merge the hash table into the sorted arrays several
// times, checked against a std::map model, with keys that span merges.
TEST(KeyIndexTest, AgreesWithAModelAcrossMerges) {
  KeyIndex index;
  std::map<uint64_t, std::set<uint32_t>> model;
  std::mt19937_64 rng(42);
  constexpr size_t kCap = 8;
  for (int i = 0; i < 200000; ++i) {
    const uint64_t key = rng() % 50000;
    const uint32_t story = static_cast<uint32_t>(rng() % 30000);
    index.Add(key, story, kCap);
    auto& s = model[key];
    if (s.size() <= kCap) s.insert(story);
  }
  size_t total = 0;
  for (const auto& [key, stories] : model) {
    total += stories.size();
    ASSERT_EQ(index.Postings(key), std::vector<uint32_t>(stories.begin(), stories.end()))
        << "key " << key;
  }
  EXPECT_EQ(index.postings(), total);
  EXPECT_FALSE(index.Contains(50001));
}

}  // namespace
}  // namespace annals::dedup
