// KeyIndex: the dedup keys of every story of an archive, mapped to the
// stories that have them, in little memory: a story id is stored once and
// numbered; a posting (key, story number) takes 12 bytes in sorted arrays,
// plus 2 to 4 bytes of a directory by the (mixed) key's top bits: a bucket
// holds about two postings, so a lookup touches one or two cache lines,
// where a binary search over millions of postings took twenty.
// New postings go to a small hash table that is merged into the sorted
// arrays when it grows past a fraction of them (amortized O(1) per add).
// The postings of a key are listed by story number, the order in which
// stories were first added, so lookups are deterministic.
// Thread safety: not thread-safe; one owner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace annals::dedup {

class KeyIndex {
 public:
  // The story number of `id`, numbering it when new.
  uint32_t Intern(const std::string& id);
  std::optional<uint32_t> Find(const std::string& id) const;
  const std::string& Id(uint32_t story) const { return ids_[story]; }

  // Adds the posting unless present or the key already has more than
  // `max_postings` (one past the limit is kept, to mark the key as common).
  void Add(uint64_t key, uint32_t story, size_t max_postings);
  // The stories with `key`, by story number.
  std::vector<uint32_t> Postings(uint64_t key) const;
  bool Contains(uint64_t key) const;

  size_t stories() const { return ids_.size(); }
  size_t postings() const { return keys_.size() + recent_.size(); }

 private:
  void Merge();
  // The postings of `key` in the sorted arrays: [first, last).
  std::pair<size_t, size_t> SortedRange(uint64_t key) const;

  std::vector<std::string> ids_;
  std::unordered_map<std::string, uint32_t> numbers_;
  std::vector<uint64_t> keys_;     // mixed keys (see Mix), sorted, with stories_ in step
  std::vector<uint32_t> stories_;  // ascending within a key
  int dir_bits_ = 0;               // directory buckets: 2^dir_bits_
  std::vector<uint32_t> dir_;      // [bucket] -> first index of its keys; one more at the end
  std::unordered_multimap<uint64_t, uint32_t> recent_;  // mixed key -> story, not merged yet
};

}  // namespace annals::dedup
