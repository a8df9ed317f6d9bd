#include "src/dedup/simhash.h"

#include <array>

#include "src/common/xxhash_inline.h"

namespace annals::dedup {
namespace {

// Counts, for each of the 64 bit positions, how many added hashes have that
// bit set, in bit-sliced form: bit b of slice j is bit j of position b's
// count. Adding a hash is a ripple-carry over the slices, a few word
// operations instead of 64 separate counters.
class BitCounter {
 public:
  void Add(uint64_t h) {
    uint64_t carry = h;
    for (size_t j = 0; j < kSlices && carry; ++j) {
      const uint64_t t = slices_[j] & carry;
      slices_[j] ^= carry;
      carry = t;
    }
    ++n_;
  }
  // Bit b is set when more than half of the added hashes have it set.
  uint64_t Majority() const {
    uint64_t out = 0;
    for (size_t b = 0; b < 64; ++b) {
      uint64_t count = 0;
      for (size_t j = 0; j < kSlices; ++j) count |= ((slices_[j] >> b) & 1) << j;
      if (2 * count > n_) out |= uint64_t{1} << b;
    }
    return out;
  }
  uint64_t size() const { return n_; }

 private:
  static constexpr size_t kSlices = 32;  // counts up to 2^32 - 1
  std::array<uint64_t, kSlices> slices_{};
  uint64_t n_ = 0;
};

}  // namespace

uint64_t SimHash(const std::vector<std::vector<uint64_t>>& paragraphs) {
  // Features are word 3-shingles: single words would let the frequent words
  // ("the", "of", the organization's name) decide, and long texts of one
  // site would all look alike. Shingles run across paragraph breaks.
  BitCounter counter;
  uint64_t w[3] = {0, 0, 0};
  size_t seen = 0;
  for (const auto& p : paragraphs) {
    for (uint64_t t : p) {
      w[0] = w[1];
      w[1] = w[2];
      w[2] = t;
      if (++seen >= 3) counter.Add(XXH64(w, sizeof w, 0x5348));
    }
  }
  if (seen < 3) {  // too short for shingles: the words themselves
    for (const auto& p : paragraphs) {
      for (uint64_t t : p) counter.Add(t);
    }
  }
  return counter.Majority();
}

}  // namespace annals::dedup
