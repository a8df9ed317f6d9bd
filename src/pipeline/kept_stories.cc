#include "src/pipeline/kept_stories.h"

#include "src/common/record_log.h"
#include "src/store/story_store.h"

#include <vector>

namespace annals::pipeline {
namespace {

// The format's tag: a later format takes another.
constexpr uint64_t kFormat = 1;
constexpr size_t kDropReasons = sizeof(segment::PageStories{}.dropped) / sizeof(int);

void PutList(RecordWriter* w, const std::vector<std::string>& list) {
  w->Uint(list.size());
  for (const std::string& s : list) w->Bytes(s);
}

bool GetList(RecordReader* r, std::vector<std::string>* list) {
  const uint64_t n = r->Uint();
  // Each item takes a byte at least: a count beyond the bytes left is damage.
  if (!r->ok() || n > r->left()) return false;
  list->reserve(n);
  for (uint64_t i = 0; i < n && r->ok(); ++i) list->emplace_back(r->Bytes());
  return r->ok();
}

}  // namespace

std::string PackPageStories(const segment::PageStories& page) {
  std::string bytes;
  RecordWriter w(&bytes);
  w.Uint(kFormat);
  w.Bytes(page.page);
  for (int d : page.dropped) w.Int(d);
  w.Uint(page.stories.size());
  for (const segment::PageStory& s : page.stories) {
    w.Uint(s.role == SourceRole::kArticle ? 0 : 1);
    w.Bytes(s.date);
    w.Bytes(s.title);
    w.Bytes(s.url);
    PutList(&w, s.paragraphs);
    PutList(&w, s.attachments);
    PutList(&w, s.links);
  }
  return store::StoryStore::PackText(bytes);
}

Result<segment::PageStories> UnpackPageStories(std::string_view packed) {
  auto damaged = [] { return Fail(ErrorCode::kCorrupt, "a page's kept stories are damaged"); };
  auto bytes = store::StoryStore::UnpackText(packed);
  if (!bytes) return damaged();
  RecordReader r(*bytes);
  if (r.Uint() != kFormat || !r.ok()) return damaged();
  segment::PageStories page;
  page.page = std::string(r.Bytes());
  for (size_t i = 0; i < kDropReasons; ++i) page.dropped[i] = static_cast<int>(r.Int());
  const uint64_t n = r.Uint();
  if (!r.ok() || n > r.left()) return damaged();
  page.stories.resize(n);
  for (segment::PageStory& s : page.stories) {
    const uint64_t role = r.Uint();
    if (role > 1) return damaged();
    s.role = role == 0 ? SourceRole::kArticle : SourceRole::kTeaser;
    s.date = std::string(r.Bytes());
    s.title = std::string(r.Bytes());
    s.url = std::string(r.Bytes());
    if (!GetList(&r, &s.paragraphs) || !GetList(&r, &s.attachments) || !GetList(&r, &s.links)) {
      return damaged();
    }
  }
  if (!r.ok() || !r.done()) return damaged();
  return page;
}

}  // namespace annals::pipeline
