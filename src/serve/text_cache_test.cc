#include "src/serve/text_cache.h"

#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <vector>

namespace annals::serve {
namespace {

// Each entry below costs its text (100 bytes), its id twice (2 bytes each)
// and the fixed charge: 100 + 4 + 160 = 264 bytes; three fit in 792.
constexpr size_t kOne = 100 + 2 * 2 + TextCache::kEntryCharge;

TEST(TextCacheTest, LeastRecentlyUsedGoesFirst) {
  static_assert(kOne == 264);
  TextCache c(3 * kOne);
  c.Put("s1", std::string(100, 'a'));
  c.Put("s2", std::string(100, 'b'));
  c.Put("s3", std::string(100, 'c'));
  EXPECT_EQ(c.entries(), 3u);
  EXPECT_EQ(c.bytes(), 792u);
  // s1 read: s2 is now the least recently used, and goes for s4.
  ASSERT_NE(c.Find("s1"), nullptr);
  EXPECT_EQ(*c.Find("s1"), std::string(100, 'a'));
  c.Put("s4", std::string(100, 'd'));
  EXPECT_EQ(c.Find("s2"), nullptr);
  EXPECT_NE(c.Find("s1"), nullptr);
  EXPECT_NE(c.Find("s3"), nullptr);
  EXPECT_NE(c.Find("s4"), nullptr);
  EXPECT_EQ(c.bytes(), 792u);
  // A text put again replaces the one kept: 792 - 264 + (10 + 4 + 160).
  c.Put("s3", std::string(10, 'e'));
  EXPECT_EQ(*c.Find("s3"), std::string(10, 'e'));
  EXPECT_EQ(c.bytes(), 702u);
  EXPECT_EQ(c.entries(), 3u);
}

TEST(TextCacheTest, TextLargerThanTheBudgetIsNotKept) {
  TextCache c(3 * kOne);
  c.Put("s1", std::string(100, 'a'));
  // 1,000 bytes alone pass 792: not kept, and the other entries stay.
  c.Put("s2", std::string(1000, 'b'));
  EXPECT_EQ(c.Find("s2"), nullptr);
  EXPECT_NE(c.Find("s1"), nullptr);
  // Put for a kept id with a text too large: the old text goes too (it is
  // not the text of that id any more).
  c.Put("s1", std::string(1000, 'c'));
  EXPECT_EQ(c.Find("s1"), nullptr);
  EXPECT_EQ(c.bytes(), 0u);
  EXPECT_EQ(c.entries(), 0u);
}

// Many threads putting and reading at once: the budget holds, and a text
// found is the one put for its id (each id's text is made from the id).
TEST(TextCacheTest, ThreadsShareOneCache) {
  TextCache c(20 * kOne);
  auto text_of = [](int id) { return std::string(100, static_cast<char>('a' + id % 26)); };
  std::vector<std::thread> threads;
  std::vector<int> wrong(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const int id = (i * 7 + t) % 50;  // 50 ids of 2 bytes: "10".."59"
        const std::string key = std::to_string(10 + id);
        auto found = c.Find(key);
        if (found == nullptr) {
          c.Put(key, text_of(id));
        } else if (*found != text_of(id)) {
          ++wrong[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
  EXPECT_LE(c.bytes(), 20 * kOne);
  EXPECT_EQ(c.entries(), 20u);  // full: 50 ids asked for, 20 fit
  EXPECT_EQ(c.bytes(), 20 * kOne);
}

}  // namespace
}  // namespace annals::serve
