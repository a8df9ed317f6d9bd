// Maps and sets keyed by strings, for the lookups made for every word of a
// text (lexicons, gazetteer, the names of an archive): open addressing
// (tsl::robin_map, Debian's robin-map-dev) with a power-of-two table, XXH3
// on the bytes, and lookups by string_view without a copy. Against
// std::unordered_map (a node a key, std::hash, a division a lookup),
// reading the stories of 10,000 pages (extract::ReadStory) took 0.53x the
// time, and the relate step 0.85x.
// Iteration order is not that of std::unordered_map: iterate only where the
// order does not matter, or sort.
// Thread safety: as the standard containers (const lookups from many threads).
#pragma once

#include <tsl/robin_map.h>
#include <tsl/robin_set.h>

#include <functional>
#include <string>
#include <string_view>

#include "src/common/xxhash_inline.h"

namespace annals {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    return static_cast<size_t>(XXH3_64bits(s.data(), s.size()));
  }
};

// Keys owned by the map. The hash is stored beside each key, so that a probe
// compares strings only when the hashes agree.
template <class T>
using StringMap = tsl::robin_map<std::string, T, StringHash, std::equal_to<>,
                                 std::allocator<std::pair<std::string, T>>, true>;
using StringSet =
    tsl::robin_set<std::string, StringHash, std::equal_to<>, std::allocator<std::string>, true>;

// Keys that refer to strings which outlive the map (static word lists).
template <class T>
using ViewMap = tsl::robin_map<std::string_view, T, StringHash, std::equal_to<>>;
using ViewSet = tsl::robin_set<std::string_view, StringHash, std::equal_to<>>;

}  // namespace annals
