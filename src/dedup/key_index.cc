#include "src/dedup/key_index.h"

#include <algorithm>
#include <utility>

namespace annals::dedup {
namespace {

// The hash table of new postings is merged once it holds this many, or a
// quarter of the sorted postings if more: each posting is moved O(1) times
// on average, and the hash table stays a small part of the memory.
constexpr size_t kMinRecent = 1 << 14;

}  // namespace

uint32_t KeyIndex::Intern(const std::string& id) {
  auto [it, added] = numbers_.emplace(id, static_cast<uint32_t>(ids_.size()));
  if (added) ids_.push_back(id);
  return it->second;
}

std::optional<uint32_t> KeyIndex::Find(const std::string& id) const {
  auto it = numbers_.find(id);
  if (it == numbers_.end()) return std::nullopt;
  return it->second;
}

std::vector<uint32_t> KeyIndex::Postings(uint64_t key) const {
  std::vector<uint32_t> out;
  auto [lo, hi] = std::equal_range(keys_.begin(), keys_.end(), key);
  for (auto it = lo; it != hi; ++it) out.push_back(stories_[static_cast<size_t>(it - keys_.begin())]);
  auto [rlo, rhi] = recent_.equal_range(key);
  if (rlo == rhi) return out;
  for (auto it = rlo; it != rhi; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

bool KeyIndex::Contains(uint64_t key) const {
  return recent_.count(key) > 0 || std::binary_search(keys_.begin(), keys_.end(), key);
}

void KeyIndex::Add(uint64_t key, uint32_t story, size_t max_postings) {
  size_t have = 0;
  auto [lo, hi] = std::equal_range(keys_.begin(), keys_.end(), key);
  for (auto it = lo; it != hi; ++it, ++have) {
    if (stories_[static_cast<size_t>(it - keys_.begin())] == story) return;
  }
  auto [rlo, rhi] = recent_.equal_range(key);
  for (auto it = rlo; it != rhi; ++it, ++have) {
    if (it->second == story) return;
  }
  if (have > max_postings) return;
  recent_.emplace(key, story);
  if (recent_.size() >= std::max(kMinRecent, keys_.size() / 4)) Merge();
}

void KeyIndex::Merge() {
  std::vector<std::pair<uint64_t, uint32_t>> add(recent_.begin(), recent_.end());
  recent_.clear();
  std::sort(add.begin(), add.end());
  std::vector<uint64_t> keys;
  std::vector<uint32_t> stories;
  keys.reserve(keys_.size() + add.size());
  stories.reserve(keys.capacity());
  size_t i = 0, j = 0;
  while (i < keys_.size() || j < add.size()) {
    const bool take_old =
        j == add.size() ||
        (i < keys_.size() && std::make_pair(keys_[i], stories_[i]) < add[j]);
    if (take_old) {
      keys.push_back(keys_[i]);
      stories.push_back(stories_[i++]);
    } else {
      keys.push_back(add[j].first);
      stories.push_back(add[j++].second);
    }
  }
  keys_ = std::move(keys);
  stories_ = std::move(stories);
}

}  // namespace annals::dedup
