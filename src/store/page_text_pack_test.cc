// PackText and UnpackText: the kept texts of text pages (page_texts), zstd
// since schema 10, and the zlib rows of schema 9 still read.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "src/store/story_store.h"

namespace annals::store {
namespace {

const std::string kText =
    "Prague, 3 March 2025\n\nThe council met in Lisbon.\n\nThe council met in Lisbon again.\n";

TEST(PageTextPackTest, RoundTripsThroughZstd) {
  const std::string packed = StoryStore::PackText(kText);
  ASSERT_GE(packed.size(), 4u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x28);  // zstd's magic number
  auto back = StoryStore::UnpackText(packed);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, kText);
  EXPECT_EQ(*StoryStore::UnpackText(StoryStore::PackText("")), "");
}

// A row of schema 9: the size (8 bytes, little-endian), then zlib.
TEST(PageTextPackTest, ReadsTheZlibRowsOfSchema9) {
  uLongf bound = compressBound(static_cast<uLong>(kText.size()));
  std::string row(8 + bound, '\0');
  for (int i = 0; i < 8; ++i) row[static_cast<size_t>(i)] = static_cast<char>(kText.size() >> (8 * i));
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(row.data() + 8), &bound,
                      reinterpret_cast<const Bytef*>(kText.data()),
                      static_cast<uLong>(kText.size()), Z_BEST_SPEED),
            Z_OK);
  row.resize(8 + bound);
  auto back = StoryStore::UnpackText(row);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, kText);
}

TEST(PageTextPackTest, DamageIsReportedNotRead) {
  std::string packed = StoryStore::PackText(kText);
  EXPECT_FALSE(StoryStore::UnpackText(packed.substr(0, packed.size() - 3)).has_value());
  EXPECT_FALSE(StoryStore::UnpackText("abc").has_value());
  std::string zlib_row(16, '\xff');  // a size beyond any page
  EXPECT_FALSE(StoryStore::UnpackText(zlib_row).has_value());
}

}  // namespace
}  // namespace annals::store
