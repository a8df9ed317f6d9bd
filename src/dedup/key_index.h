// KeyIndex: the dedup keys of every story of an archive, mapped to the
// stories that have them, in little memory: a story id is stored once, in
// one buffer of all the ids, and numbered (an open-addressing set of the
// numbers finds an id's: about 40 bytes a story, where a vector of strings
// and a hash map from each id took about 170); a posting (key, story number)
// takes 12 bytes in sorted arrays, plus 2 to 4 bytes of a directory by the
// (mixed) key's top bits: a bucket holds about two postings, so a lookup
// touches one or two cache lines, where a binary search over millions of
// postings took twenty.
// New postings go to a small hash table that is merged into the sorted
// arrays when it grows past a fraction of them (amortized O(1) per add).
// The postings of a key are listed by story number, the order in which
// stories were first added, so lookups are deterministic.
// Thread safety: not thread-safe; one owner.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tsl/robin_set.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace annals::dedup {

class KeyIndex {
 public:
  // The story number of `id`, numbering it when new.
  uint32_t Intern(std::string_view id);
  std::optional<uint32_t> Find(std::string_view id) const;
  std::string_view Id(uint32_t story) const { return ids_->Id(story); }

  // Adds the posting unless present or the key already has more than
  // `max_postings` (one past the limit is kept, to mark the key as common).
  void Add(uint64_t key, uint32_t story, size_t max_postings);
  // The stories with `key`, by story number.
  std::vector<uint32_t> Postings(uint64_t key) const;
  bool Contains(uint64_t key) const;

  size_t stories() const { return ids_->ends.size(); }
  size_t postings() const { return keys_.size() + recent_.size(); }

 private:
  void Merge();
  // The postings of `key` in the sorted arrays: [first, last).
  std::pair<size_t, size_t> SortedRange(uint64_t key) const;

  // The ids, one after another; on the heap, so that the set's hash and
  // equality, which read them, stay valid when the index moves.
  struct Ids {
    std::string bytes;
    std::vector<size_t> ends;  // [story] -> end of its id in bytes
    std::string_view Id(uint32_t story) const {
      const size_t begin = story == 0 ? 0 : ends[story - 1];
      return std::string_view(bytes).substr(begin, ends[story] - begin);
    }
  };
  struct IdHash {
    using is_transparent = void;
    const Ids* ids;
    size_t operator()(std::string_view id) const;
    size_t operator()(uint32_t story) const { return (*this)(ids->Id(story)); }
  };
  struct IdEqual {
    using is_transparent = void;
    const Ids* ids;
    std::string_view View(std::string_view id) const { return id; }
    std::string_view View(uint32_t story) const { return ids->Id(story); }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return View(a) == View(b);
    }
  };
  std::unique_ptr<Ids> ids_ = std::make_unique<Ids>();
  tsl::robin_set<uint32_t, IdHash, IdEqual, std::allocator<uint32_t>, true> numbers_{
      0, IdHash{ids_.get()}, IdEqual{ids_.get()}};
  std::vector<uint64_t> keys_;     // mixed keys (see Mix), sorted, with stories_ in step
  std::vector<uint32_t> stories_;  // ascending within a key
  int dir_bits_ = 0;               // directory buckets: 2^dir_bits_
  std::vector<uint32_t> dir_;      // [bucket] -> first index of its keys; one more at the end
  std::unordered_multimap<uint64_t, uint32_t> recent_;  // mixed key -> story, not merged yet
};

}  // namespace annals::dedup
