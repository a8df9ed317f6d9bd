#include "src/dedup/simhash.h"

#include <array>

#include <xxhash.h>

namespace annals::dedup {

uint64_t SimHash(const std::vector<std::vector<uint64_t>>& paragraphs) {
  std::array<int, 64> votes{};
  auto add = [&](uint64_t h) {
    for (size_t b = 0; b < 64; ++b) votes[b] += static_cast<int>((h >> b) & 1) * 2 - 1;
  };
  // Features are word 3-shingles: single words would let the frequent words
  // ("the", "of", the organization's name) decide, and long texts of one
  // site would all look alike. Shingles run across paragraph breaks.
  std::vector<uint64_t> all;
  for (const auto& p : paragraphs) all.insert(all.end(), p.begin(), p.end());
  if (all.size() < 3) {
    for (uint64_t t : all) add(t);
  } else {
    for (size_t i = 0; i + 2 < all.size(); ++i) add(XXH64(&all[i], 3 * sizeof(uint64_t), 0x5348));
  }
  uint64_t out = 0;
  for (size_t b = 0; b < 64; ++b) {
    if (votes[b] > 0) out |= (uint64_t{1} << b);
  }
  return out;
}

}  // namespace annals::dedup
