#include "src/dedup/simhash.h"

#include <array>
#include <bit>

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
  // Bit b is set when more than half of the added hashes have it set:
  // when its count is above n / 2 (rounded down), compared for the 64
  // counts at once, slice by slice from the highest.
  uint64_t Majority() const {
    const uint64_t half = n_ / 2;
    uint64_t above = 0, equal = ~uint64_t{0};
    for (size_t j = kSlices; j-- > 0;) {
      const uint64_t t = ((half >> j) & 1) ? ~uint64_t{0} : 0;  // bit j of half, in every position
      above |= equal & slices_[j] & ~t;
      equal &= ~(slices_[j] ^ t);
    }
    return half >> kSlices ? 0 : above;  // counts stop at 2^32 - 1
  }
  uint64_t size() const { return n_; }

 private:
  static constexpr size_t kSlices = 32;  // counts up to 2^32 - 1
  std::array<uint64_t, kSlices> slices_{};
  uint64_t n_ = 0;
};

// XXH64(w, 24, 0x5348): for three words the library's hash is its final
// steps only (XXH64_finalize, xxHash 0.8), written out to inline into the
// loop. simhash_test compares the two.
uint64_t ShingleHash(const uint64_t (&w)[3]) {
  if constexpr (std::endian::native != std::endian::little) return XXH64(w, sizeof w, 0x5348);
  uint64_t h = 0x5348 + xxh64::kP5 + sizeof w;
  for (uint64_t x : w) h = xxh64::Lane(h, x);
  return xxh64::Avalanche(h);
}

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
      if (++seen >= 3) counter.Add(ShingleHash(w));
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
