// The stored stories as the passes over a whole archive read them (relate,
// events, the upgrade of dedup keys): every head at once, the texts kChunk
// stories at a time, so that memory does not hold the archive's texts.
// Thread safety: one thread at a time, as the store.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "src/extract/relate.h"
#include "src/pipeline/clock.h"
#include "src/store/story_store.h"

namespace annals::pipeline {

class StoredStories final : public extract::StorySource {
 public:
  static constexpr size_t kChunk = 1024;

  explicit StoredStories(store::StoryStore* store) : store_(store) {}

  Status Load() {
    auto heads = store_->StoryHeads(&rowids_);
    if (!heads) return tl::unexpected(heads.error());
    heads_ = std::move(*heads);
    return Ok();
  }

  const std::vector<StoryHead>& Heads() const override { return heads_; }

  Status ForEachChunk(const ChunkFn& fn) const override {
    for (size_t first = 0; first < rowids_.size(); first += kChunk) {
      const auto t0 = Clock::now();
      auto chunk = store_->StoryTexts(std::span<const int64_t>(rowids_).subspan(
          first, std::min(kChunk, rowids_.size() - first)));
      read_s_ += Seconds(t0);
      if (!chunk) return tl::unexpected(chunk.error());
      if (auto st = fn(first, *chunk); !st) return st;
    }
    return Ok();
  }

  // Seconds spent reading texts so far.
  double read_s() const { return read_s_; }

 private:
  store::StoryStore* store_;
  std::vector<StoryHead> heads_;
  std::vector<int64_t> rowids_;
  mutable double read_s_ = 0;
};

}  // namespace annals::pipeline
