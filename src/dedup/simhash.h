// SimHash (Charikar) over word 3-shingles: near-duplicate texts get
// fingerprints a few bits apart.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace annals::dedup {

// 64-bit SimHash of the folded word tokens.
uint64_t SimHash(const std::vector<std::string>& tokens);

inline int HammingDistance(uint64_t a, uint64_t b) { return __builtin_popcountll(a ^ b); }

}  // namespace annals::dedup
