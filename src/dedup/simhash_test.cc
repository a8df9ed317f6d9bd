#include "src/dedup/simhash.h"

#include <gtest/gtest.h>

#include <random>

#include "src/common/xxhash_inline.h"

namespace annals::dedup {
namespace {

// The definition, one counter per bit: SimHash inlines the shingle hash and
// compares the 64 bit-sliced counts at once.
uint64_t SimHashModel(const std::vector<std::vector<uint64_t>>& paragraphs) {
  std::vector<uint64_t> features;
  std::vector<uint64_t> words;
  for (const auto& p : paragraphs) words.insert(words.end(), p.begin(), p.end());
  for (size_t i = 2; i < words.size(); ++i) {
    const uint64_t w[3] = {words[i - 2], words[i - 1], words[i]};
    features.push_back(XXH64(w, sizeof w, 0x5348));
  }
  if (words.size() < 3) features = words;
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    uint64_t count = 0;
    for (uint64_t f : features) count += (f >> b) & 1;
    if (2 * count > features.size()) out |= uint64_t{1} << b;
  }
  return out;
}

TEST(SimHashTest, AgreesWithTheDefinition) {
  std::mt19937_64 rng(5);
  for (size_t words = 0; words < 300; words += 7) {
    std::vector<std::vector<uint64_t>> paras(1 + words % 3);
    for (size_t k = 0; k < words; ++k) {
      // Few distinct words, so that counts tie at half as often as not.
      paras[k % paras.size()].push_back(rng() % 5 == 0 ? rng() : k % 4);
    }
    ASSERT_EQ(SimHash(paras), SimHashModel(paras)) << words;
  }
  EXPECT_EQ(SimHash({}), 0u);
}

// Texts of thousands of words: the byte counters are moved to wider counts
// every 255 hashes, at each of these lengths at a different point.
TEST(SimHashTest, AgreesWithTheDefinitionOnLongTexts) {
  std::mt19937_64 rng(11);
  for (size_t words : {254u, 255u, 256u, 257u, 258u, 511u, 512u, 513u, 1000u, 4099u}) {
    std::vector<std::vector<uint64_t>> paras(3);
    for (size_t k = 0; k < words; ++k) paras[(k / 40) % 3].push_back(rng() % 3 == 0 ? rng() : k % 6);
    ASSERT_EQ(SimHash(paras), SimHashModel(paras)) << words;
    // One word over and over: every shingle is the same hash, so each bit's
    // count is 0 or all of them, past 255 in every byte counter.
    std::vector<std::vector<uint64_t>> same(1, std::vector<uint64_t>(words, 0x5a5a));
    ASSERT_EQ(SimHash(same), SimHashModel(same)) << words;
  }
}

}  // namespace
}  // namespace annals::dedup
