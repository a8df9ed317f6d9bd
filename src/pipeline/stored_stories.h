// The stored stories as the passes over a whole archive read them (relate,
// events, the upgrade of dedup keys): every head at once, the texts kChunk
// stories at a time, so that memory does not hold the archive's texts.
// Thread safety: one thread at a time, as the store.
#pragma once

#include "src/extract/relate.h"
#include "src/pipeline/clock.h"
#include "src/store/story_store.h"

#include <algorithm>
#include <span>
#include <vector>

namespace annals::pipeline {

class StoredStories final : public extract::StorySource {
 public:
  static constexpr size_t kChunk = 1024;

  explicit StoredStories(store::StoryStore* store) : store_(store) {}

  // The heads without their text sizes: the store would read every text
  // for them (a tenth of an ingest's relate). A head's text_size is set
  // when the first pass reads its text (ForEachChunk); Sized() once all are.
  Status Load() {
    auto heads = store_->StoryHeads(&rowids_, /*text_sizes=*/false);
    if (!heads) return tl::unexpected(heads.error());
    heads_ = std::move(*heads);
    sized_ = 0;
    digests_.clear();
    return Ok();
  }

  const std::vector<StoryHead>& Heads() const override { return heads_; }

  // Texts and titles are read through `store` from here on: another
  // connection to the same archive, whose snapshot holds the same stories
  // (RerelateMapped reads the events' reports so while it writes). The
  // heads stay as they are: every text was read, nothing changes them.
  void ReadFrom(store::StoryStore* store) { store_ = store; }

  // Whether every head's text_size is set: a pass read every text.
  bool Sized() const { return sized_ == heads_.size(); }

  Status ForEachChunk(const ChunkFn& fn) const override {
    return Chunks(&store::StoryStore::StoryTexts, [&](size_t first, std::vector<Story>& chunk) {
      // Set once, by the first pass that reads them (later passes may run
      // beside readers of the heads).
      if (first == sized_ && chunk.size() <= heads_.size() - first) {
        digests_.resize(heads_.size());
        for (size_t i = 0; i < chunk.size(); ++i) {
          heads_[first + i].text_size = chunk[i].text.size();
          digests_[first + i] = extract::TextDigest(chunk[i].text);
        }
        sized_ = first + chunk.size();
      }
      return fn(first, chunk);
    });
  }

  // Once a pass read a story's text: its digest (set with its text_size).
  bool KnownText(size_t i, uint64_t* digest) const override {
    if (i >= sized_) return false;
    *digest = digests_[i];
    return true;
  }

  // Once every text was read, the stories come without them (StoryTitles).
  Status ForEachChunkWithoutTexts(const ChunkFn& fn) const override {
    if (!Sized()) return ForEachChunk(fn);
    return Chunks(&store::StoryStore::StoryTitles, fn);
  }

  Result<std::vector<std::string>> Texts(std::span<const size_t> which) const override {
    std::vector<int64_t> rowids;
    rowids.reserve(which.size());
    for (size_t i : which) {
      if (i >= rowids_.size()) {
        return Fail(ErrorCode::kNotFound, "a text asked of no story");
      }
      rowids.push_back(rowids_[i]);
    }
    const auto t0 = Clock::now();
    auto stories = store_->StoryTexts(rowids);
    read_s_ += Seconds(t0);
    if (!stories) return tl::unexpected(stories.error());
    std::vector<std::string> out;
    out.reserve(stories->size());
    for (Story& s : *stories) out.push_back(std::move(s.text));
    return out;
  }

  // Seconds spent reading texts so far.
  double read_s() const { return read_s_; }

 private:
  // The stories kChunk at a time as `read` gives them, timed, each chunk
  // handed to `each` with the index of its first story.
  template <typename Each>
  Status Chunks(Result<std::vector<Story>> (store::StoryStore::*read)(std::span<const int64_t>),
                const Each& each) const {
    for (size_t first = 0; first < rowids_.size(); first += kChunk) {
      const auto t0 = Clock::now();
      auto chunk = (store_->*read)(std::span<const int64_t>(rowids_).subspan(
          first, std::min(kChunk, rowids_.size() - first)));
      read_s_ += Seconds(t0);
      if (!chunk) return tl::unexpected(chunk.error());
      if (auto st = each(first, *chunk); !st) return st;
    }
    return Ok();
  }

  store::StoryStore* store_;
  mutable std::vector<StoryHead> heads_;  // text_size set by ForEachChunk
  mutable size_t sized_ = 0;              // heads_[0, sized_) have their text_size
  mutable std::vector<uint64_t> digests_;  // [0, sized_): TextDigest of each text
  std::vector<int64_t> rowids_;
  mutable double read_s_ = 0;
};

}  // namespace annals::pipeline
