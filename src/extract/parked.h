// A Knowledge's mentions and facts moved out of memory into temporary files
// (common/record_log.h) between relate and the store's writes: an archive's
// are about 2 KB a story (mentions 16 bytes each, about 85 a story), which
// the pipeline's later steps read back a story at a time (the events) or in
// one pass (the writes), so that they are not held beside the events'
// reports. Where no temporary file can be made, RecordLog keeps them in
// memory, encoded (about a third of their size).
// Thread safety: one thread at a time; a cursor's pass may run while no
// other thread uses the same object.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "annals/result.h"
#include "annals/types.h"
#include "src/common/record_log.h"
#include "src/extract/relate.h"

namespace annals::extract {

class ParkedMentions final : public MentionSource {
 public:
  ParkedMentions() = default;
  // Takes `mentions` (by story, as Relate gives them; else they are sorted
  // by story here, each story's kept in their order) and frees them.
  explicit ParkedMentions(std::vector<MentionRef>&& mentions);
  // Adds story `story`'s mentions (their `story` is not read), after those
  // of stories before it: `story` is above every story added so far.
  void Add(uint32_t story, std::span<const MentionRef> mentions);
  std::unique_ptr<MentionCursor> Open() const override;
  size_t size() const { return count_; }
  // kIo when the temporary file could not be written (a full disk).
  Status status() const { return log_.status(); }

 private:
  // A story to a record: its index, its mentions' count, then each one's
  // entity, begin (after the previous one's) and length.
  mutable RecordLog log_;  // reading flushes what is appended
  size_t count_ = 0;
};

class ParkedFacts {
 public:
  void Add(const FactRef& f);  // after those added so far
  // fn(fact) for each, in the order given. Errors: fn's first; kIo or
  // kCorrupt reading them back.
  Status ForEach(const std::function<Status(const FactRef&)>& fn) const;
  size_t size() const { return count_; }
  Status status() const { return log_.status(); }

 private:
  mutable RecordLog log_;
  size_t count_ = 0;
};

}  // namespace annals::extract
