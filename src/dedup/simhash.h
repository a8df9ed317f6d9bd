// SimHash (Charikar) over word 3-shingles: near-duplicate texts get
// fingerprints a few bits apart.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <vector>

namespace annals::dedup {

// 64-bit SimHash of a text given as the hashes of its folded word tokens
// (text::TokenHashes), paragraph by paragraph.
uint64_t SimHash(const std::vector<std::vector<uint64_t>>& paragraphs);

inline int HammingDistance(uint64_t a, uint64_t b) { return __builtin_popcountll(a ^ b); }

}  // namespace annals::dedup
