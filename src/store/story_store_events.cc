// The events' per-story readings (events::EventOptions::cache), kept in
// event_readings as relate's are in readings (StoryStore::Reading).
#include "src/store/story_store.h"

namespace annals::store {

Result<std::optional<std::string>> StoryStore::EventReading(const std::string& id, uint64_t key) {
  Stmt* q = Cached("SELECT key, record FROM event_readings WHERE story_id=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, id);
  Status st = Ok();
  std::optional<std::string> out;
  if (q->Step(&st) && static_cast<uint64_t>(q->Int(0)) == key) out = q->Blob(1);
  q->Reset();
  if (!st) return tl::unexpected(st.error());
  return out;
}

Status StoryStore::PutEventReading(const std::string& id, uint64_t key, std::string_view record) {
  Stmt* q = Cached("INSERT OR REPLACE INTO event_readings(story_id, key, record) VALUES(?,?,?)");
  if (!q) return tl::unexpected(db_->LastFailure());
  q->Bind(1, id);
  q->Bind(2, static_cast<int64_t>(key));
  q->BindBlob(3, record);
  Status st = Ok();
  q->Step(&st);
  q->Reset();
  return st;
}

Status StoryStore::DropOrphanEventReadings() {
  return db_->Exec("DELETE FROM event_readings WHERE story_id NOT IN (SELECT id FROM stories)");
}

}  // namespace annals::store
