// A bounded cache of story texts by story id, for the server's pages: an
// entity's page shows the sentences of up to 100 stories, and reading and
// decompressing their texts again for each request made the page 45% slower
// once texts left the snapshot (p99 79 -> 115 ms at 100,000 stories).
// Least recently used texts go first once the texts kept pass the budget.
// One cache belongs to one snapshot of the archive (routes.cc): a rebuilt
// snapshot starts with an empty one, so a changed text is never answered.
// Thread safety: every method may be called from many threads at once
// (one mutex; a lookup holds it for a hash lookup and a list splice).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace annals::serve {

class TextCache {
 public:
  // `budget`: the most bytes kept (texts, ids and a fixed charge per entry).
  explicit TextCache(size_t budget) : budget_(budget) {}
  TextCache(const TextCache&) = delete;
  TextCache& operator=(const TextCache&) = delete;

  // The text kept for `id` (made the most recently used), or nullptr.
  std::shared_ptr<const std::string> Find(const std::string& id);
  // Keeps `text` as the text of `id` (replacing one kept), dropping the
  // least recently used until the rest fits the budget. A text larger than
  // the budget alone is not kept.
  void Put(const std::string& id, std::string text);

  size_t bytes() const;    // charged now, at most the budget
  size_t entries() const;  // texts kept
  // What one entry costs beyond its text and id: the list node, the map's
  // node and bucket, the shared string's control block (about, on 64-bit).
  static constexpr size_t kEntryCharge = 160;

 private:
  struct Entry {
    std::string id;
    std::shared_ptr<const std::string> text;
    size_t charge = 0;
  };
  mutable std::mutex mu_;
  size_t budget_;
  size_t bytes_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> at_;
};

}  // namespace annals::serve
