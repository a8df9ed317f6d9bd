#include "src/dedup/simhash.h"

#include <array>

#include "src/common/text.h"

namespace annals::dedup {

uint64_t SimHash(const std::vector<std::string>& tokens) {
  std::array<int, 64> votes{};
  auto add = [&](uint64_t h) {
    for (int b = 0; b < 64; ++b) votes[static_cast<size_t>(b)] += ((h >> b) & 1) ? 1 : -1;
  };
  // Features are word 3-shingles: single words would let the frequent words
  // ("the", "of", the organization's name) decide, and long texts of one
  // site would all look alike.
  if (tokens.size() < 3) {
    for (const std::string& t : tokens) add(text::Hash64(t));
  } else {
    for (size_t i = 0; i + 2 < tokens.size(); ++i) {
      uint64_t h = text::Hash64(tokens[i]);
      h = text::Hash64(tokens[i + 1], h);
      h = text::Hash64(tokens[i + 2], h);
      add(h);
    }
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[static_cast<size_t>(b)] > 0) out |= (uint64_t{1} << b);
  }
  return out;
}

}  // namespace annals::dedup
