// xxHash, inlined (XXH_INLINE_ALL): hashes of single words and short key
// sequences are most of the calls, and a call into the library cost more
// than the hashing (dedup_bench near 0.94x). The hashes are the library's.
// Include this, not <xxhash.h>, where words and keys are hashed.
// Thread safety: reentrant.
#pragma once

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <bit>
#include <cstdint>

namespace annals::xxh64 {

// XXH64's primes and its final steps (xxHash 0.8, XXH64_finalize), for the
// hashes below 32 bytes written out where they must inline into a loop
// (text.cc's word hashes, simhash.cc's shingles); each has a test that
// compares it with the library.
inline constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL, kP2 = 0xC2B2AE3D27D4EB4FULL,
                          kP3 = 0x165667B19E3779F9ULL, kP4 = 0x85EBCA77C2B2AE63ULL,
                          kP5 = 0x27D4EB2F165667C5ULL;

// One 8-byte lane of the final steps.
inline uint64_t Lane(uint64_t h, uint64_t lane) {
  return std::rotl(h ^ (std::rotl(lane * kP2, 31) * kP1), 27) * kP1 + kP4;
}

// The avalanche that ends every hash.
inline uint64_t Avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

}  // namespace annals::xxh64
