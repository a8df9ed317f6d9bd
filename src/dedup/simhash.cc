#include "src/dedup/simhash.h"

#include <array>

#include "src/common/text.h"

namespace annals::dedup {

uint64_t SimHash(const std::vector<std::string>& tokens) {
  std::array<int, 64> votes{};
  auto add = [&](uint64_t h) {
    for (int b = 0; b < 64; ++b) votes[static_cast<size_t>(b)] += ((h >> b) & 1) ? 1 : -1;
  };
  // Features are words (Manku et al. use weighted terms): an edit of one
  // word moves few of them, so short texts stay within a few bits.
  for (const std::string& t : tokens) add(text::Hash64(t));
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[static_cast<size_t>(b)] > 0) out |= (uint64_t{1} << b);
  }
  return out;
}

}  // namespace annals::dedup
