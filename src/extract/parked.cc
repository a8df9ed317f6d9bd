#include "src/extract/parked.h"

#include <algorithm>
#include <string>

#include "src/common/release.h"

namespace annals::extract {
namespace {

Status CutShort(const char* what) {
  return Fail(ErrorCode::kCorrupt, std::string("a parked ") + what + " record ends early");
}

}  // namespace

ParkedMentions::ParkedMentions(std::vector<MentionRef>&& mentions) {
  auto by_story = [](const MentionRef& a, const MentionRef& b) { return a.story < b.story; };
  if (!std::is_sorted(mentions.begin(), mentions.end(), by_story)) {
    std::stable_sort(mentions.begin(), mentions.end(), by_story);
  }
  for (size_t i = 0; i < mentions.size();) {
    size_t end = i;
    while (end < mentions.size() && mentions[end].story == mentions[i].story) ++end;
    Add(mentions[i].story, std::span<const MentionRef>(mentions).subspan(i, end - i));
    i = end;
  }
  Release(mentions);
}

void ParkedMentions::Add(uint32_t story, std::span<const MentionRef> mentions) {
  if (mentions.empty()) return;
  std::string record;
  RecordWriter w(&record);
  w.Uint(story);
  w.Uint(mentions.size());
  int64_t prev = 0;
  for (const MentionRef& m : mentions) {
    w.Uint(m.entity);
    w.Int(static_cast<int64_t>(m.begin) - prev);
    w.Int(static_cast<int64_t>(m.end) - static_cast<int64_t>(m.begin));
    prev = m.begin;
  }
  log_.Append(record);
  count_ += mentions.size();
}

std::unique_ptr<MentionCursor> ParkedMentions::Open() const {
  class Cursor final : public MentionCursor {
   public:
    explicit Cursor(RecordLog::Reader reader) : reader_(std::move(reader)) {}

    Status Next(uint32_t story, std::vector<MentionRef>* out) override {
      out->clear();
      while (true) {
        if (!held_) {
          std::string_view rec;
          if (!reader_.Next(&rec)) return reader_.status();  // Ok() at the end
          record_ = RecordReader(rec);
          held_story_ = record_.Uint();
          held_ = true;
        }
        if (held_story_ > story) return Ok();  // no mentions of `story`
        held_ = false;
        if (held_story_ < story) continue;  // a story passed over
        const uint64_t n = record_.Uint();
        int64_t begin = 0;
        for (uint64_t k = 0; k < n && record_.ok(); ++k) {
          MentionRef m;
          m.entity = static_cast<uint32_t>(record_.Uint());
          begin += record_.Int();
          m.story = story;
          m.begin = static_cast<uint32_t>(begin);
          m.end = static_cast<uint32_t>(begin + record_.Int());
          out->push_back(m);
        }
        if (!record_.ok()) return CutShort("mention");
        return Ok();
      }
    }

   private:
    RecordLog::Reader reader_;
    RecordReader record_{""};  // the record read ahead, after its story
    uint64_t held_story_ = 0;
    bool held_ = false;
  };
  return std::make_unique<Cursor>(log_.Read());
}

void ParkedFacts::Add(const FactRef& f) {
  std::string record;
  RecordWriter w(&record);
  w.Uint(static_cast<uint64_t>(f.type));
  w.Uint(f.person);
  w.Uint(f.organization);
  w.Uint(f.country);
  w.Bytes(f.post);
  w.Int(f.year);
  w.Uint(f.story);
  w.Uint(f.sentence_begin);
  w.Uint(f.sentence_end);
  log_.Append(record);
  ++count_;
}

Status ParkedFacts::ForEach(const std::function<Status(const FactRef&)>& fn) const {
  RecordLog::Reader reader = log_.Read();
  std::string_view rec;
  while (reader.Next(&rec)) {
    RecordReader r(rec);
    FactRef f;
    f.type = static_cast<FactType>(r.Uint());
    f.person = static_cast<uint32_t>(r.Uint());
    f.organization = static_cast<uint32_t>(r.Uint());
    f.country = static_cast<uint32_t>(r.Uint());
    f.post = std::string(r.Bytes());
    f.year = static_cast<int>(r.Int());
    f.story = static_cast<uint32_t>(r.Uint());
    f.sentence_begin = static_cast<uint32_t>(r.Uint());
    f.sentence_end = static_cast<uint32_t>(r.Uint());
    if (!r.ok()) return CutShort("fact");
    if (auto st = fn(f); !st) return st;
  }
  return reader.status();
}

}  // namespace annals::extract
