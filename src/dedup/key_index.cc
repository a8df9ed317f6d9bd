#include "src/dedup/key_index.h"

#include "src/common/xxhash_inline.h"

#include <algorithm>
#include <utility>

namespace annals::dedup {
namespace {

// The hash table of new postings is merged once it holds this many, or a
// eighth of the sorted postings if more: each posting is moved about 8 times
// (a sequential copy), and the hash table, 3 times as large per posting,
// stays a small part of the memory.
constexpr size_t kMinRecent = 1 << 14;
constexpr size_t kRecentShare = 8;

// Keys are stored multiplied by an odd constant, a bijection of 64-bit
// values that spreads any keys, hashes or not, over the directory's top bits.
uint64_t Mix(uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }

}  // namespace

size_t KeyIndex::IdHash::operator()(std::string_view id) const {
  return static_cast<size_t>(XXH3_64bits(id.data(), id.size()));
}

uint32_t KeyIndex::Intern(std::string_view id) {
  if (auto it = numbers_.find(id); it != numbers_.end()) return *it;
  const auto story = static_cast<uint32_t>(ids_->ends.size());
  ids_->bytes.append(id);
  ids_->ends.push_back(ids_->bytes.size());
  numbers_.insert(story);
  return story;
}

std::optional<uint32_t> KeyIndex::Find(std::string_view id) const {
  auto it = numbers_.find(id);
  if (it == numbers_.end()) return std::nullopt;
  return *it;
}

std::pair<size_t, size_t> KeyIndex::SortedRange(uint64_t key) const {  // key: mixed
  if (keys_.empty()) return {0, 0};
  const size_t bucket = dir_bits_ ? static_cast<size_t>(key >> (64 - dir_bits_)) : 0;
  size_t lo = dir_[bucket];
  const size_t end = dir_[bucket + 1];
  while (lo < end && keys_[lo] < key) ++lo;
  size_t hi = lo;
  while (hi < end && keys_[hi] == key) ++hi;
  return {lo, hi};
}

std::vector<uint32_t> KeyIndex::Postings(uint64_t key) const {
  key = Mix(key);
  std::vector<uint32_t> out;
  const auto [lo, hi] = SortedRange(key);
  for (size_t i = lo; i < hi; ++i) out.push_back(stories_[i]);
  auto [rlo, rhi] = recent_.equal_range(key);
  if (rlo == rhi) return out;
  for (auto it = rlo; it != rhi; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

bool KeyIndex::Contains(uint64_t key) const {
  key = Mix(key);
  const auto [lo, hi] = SortedRange(key);
  return lo < hi || recent_.count(key) > 0;
}

void KeyIndex::Add(uint64_t key, uint32_t story, size_t max_postings) {
  key = Mix(key);
  const auto [lo, hi] = SortedRange(key);
  size_t have = hi - lo;
  for (size_t i = lo; i < hi; ++i) {
    if (stories_[i] == story) return;
  }
  auto [rlo, rhi] = recent_.equal_range(key);
  for (auto it = rlo; it != rhi; ++it, ++have) {
    if (it->second == story) return;
  }
  if (have > max_postings) return;
  recent_.emplace(key, story);
  if (recent_.size() >= std::max(kMinRecent, keys_.size() / kRecentShare)) Merge();
}

void KeyIndex::Merge() {
  std::vector<std::pair<uint64_t, uint32_t>> add(recent_.begin(), recent_.end());
  recent_.clear();
  std::sort(add.begin(), add.end());
  // In place, from the back: no second copy of the arrays.
  size_t i = keys_.size(), j = add.size(), out = keys_.size() + add.size();
  keys_.resize(out);
  stories_.resize(out);
  while (j > 0) {
    if (i > 0 && std::make_pair(keys_[i - 1], stories_[i - 1]) > add[j - 1]) {
      --i;
      --out;
      keys_[out] = keys_[i];
      stories_[out] = stories_[i];
    } else {
      --j;
      --out;
      keys_[out] = add[j].first;
      stories_[out] = add[j].second;
    }
  }
  // About two postings a bucket.
  dir_bits_ = 0;
  while (dir_bits_ < 32 && (size_t{2} << dir_bits_) < keys_.size()) ++dir_bits_;
  const size_t buckets = size_t{1} << dir_bits_;
  dir_.assign(buckets + 1, 0);
  size_t at = 0;
  for (size_t b = 0; b < buckets; ++b) {
    dir_[b] = static_cast<uint32_t>(at);
    while (at < keys_.size() && (dir_bits_ ? keys_[at] >> (64 - dir_bits_) : 0) == b) ++at;
  }
  dir_[buckets] = static_cast<uint32_t>(keys_.size());
}

}  // namespace annals::dedup
