// For tests: stories handed over a chunk at a time, as a store reads them.
#pragma once

#include <algorithm>
#include <vector>

#include "src/extract/relate.h"

namespace annals::extract::fixtures {

// Stories handed over `size` at a time, as a store reads them; in pass
// `fail_pass` (from 1; 0: none), reading chunk `fail_chunk` fails.
class Chunked final : public StorySource {
 public:
  Chunked(std::vector<Story> stories, size_t size, int fail_pass = 0, size_t fail_chunk = 0)
      : stories_(std::move(stories)), heads_(StorySpan(stories_).Heads()), size_(size),
        fail_pass_(fail_pass), fail_chunk_(fail_chunk) {}
  const std::vector<StoryHead>& Heads() const override { return heads_; }
  Status ForEachChunk(const ChunkFn& fn) const override {
    ++passes_;
    for (size_t first = 0, i = 0; first < stories_.size(); first += size_, ++i) {
      if (passes_ == fail_pass_ && i == fail_chunk_) return Fail(ErrorCode::kIo, "unreadable");
      const size_t n = std::min(size_, stories_.size() - first);
      if (auto st = fn(first, std::span<const Story>(stories_).subspan(first, n)); !st) return st;
    }
    return Ok();
  }
  int passes() const { return passes_; }

 private:
  std::vector<Story> stories_;
  std::vector<StoryHead> heads_;
  size_t size_;
  int fail_pass_;
  size_t fail_chunk_;
  mutable int passes_ = 0;
};

}  // namespace annals::extract::fixtures
