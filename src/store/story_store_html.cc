// StoryStore's kept stories of HTML pages (issue 24; story_store.h,
// "An HTML page's stories as it was segmented").
#include "src/store/story_store.h"

namespace annals::store {

Status StoryStore::PutPageStories(const std::string& name, std::string_view packed) {
  auto page = PageRow(name);
  if (!page) return tl::unexpected(page.error());
  Stmt* q = Cached("INSERT OR REPLACE INTO page_stories(page, stories) VALUES(?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, *page);
  q->BindBlob(2, packed);
  Status st = Ok();
  q->Step(&st);
  q->Reset();
  return st;
}

Result<std::vector<StoryStore::KeptStories>> StoryStore::PageStoriesOf(
    std::span<const std::string> names) {
  Stmt* q = Cached(
      "SELECT h.stories FROM page_stories h JOIN pages p ON p.rowid = h.page WHERE p.name=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  std::vector<KeptStories> out;
  for (const std::string& name : names) {
    q->Reset();
    q->Bind(1, name);
    Status st = Ok();
    if (q->Step(&st)) out.push_back({.name = name, .packed = q->Blob(0)});
    if (!st) return tl::unexpected(st.error());
  }
  q->Reset();
  return out;
}

}  // namespace annals::store
