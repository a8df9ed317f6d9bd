#include "src/dedup/simhash.h"

#include <array>
#include <bit>

#include "src/common/xxhash_inline.h"

namespace annals::dedup {
namespace {

// Counts, for each of the 64 bit positions, how many added hashes have that
// bit set: in eight words of byte counters (byte j of lane k counts bit
// 8 j + k), each hash adding its bits to them by a shift, a mask and an add
// per lane, with no carry to ripple and no branch; every 255 hashes the
// bytes are moved to 64-bit counts before they can overflow. (The former
// bit-sliced counter rippled a carry through up to 32 words per hash, about
// seven in a row on average, a dependent chain ended by a mispredicted
// branch: SimHash took 4% of an ingest, perf.)
class BitCounter {
 public:
  void Add(uint64_t h) {
    for (size_t k = 0; k < 8; ++k) lanes_[k] += (h >> k) & kOneBytes;
    if (++pending_ == 255) Drain();
    ++n_;
  }
  // Bit b is set when more than half of the added hashes have it set:
  // when its count is above n / 2 (rounded down).
  uint64_t Majority() {
    Drain();
    const uint64_t half = n_ / 2;
    if (half >> 32) return 0;  // as the former counter, whose counts held 32 bits
    uint64_t out = 0;
    for (size_t b = 0; b < 64; ++b) {
      if (counts_[b] > half) out |= uint64_t{1} << b;
    }
    return out;
  }

 private:
  static constexpr uint64_t kOneBytes = 0x0101010101010101ULL;
  void Drain() {
    for (size_t k = 0; k < 8; ++k) {
      for (size_t j = 0; j < 8; ++j) counts_[8 * j + k] += (lanes_[k] >> (8 * j)) & 0xFF;
      lanes_[k] = 0;
    }
    pending_ = 0;
  }
  std::array<uint64_t, 8> lanes_{};
  std::array<uint64_t, 64> counts_{};
  size_t pending_ = 0;
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
