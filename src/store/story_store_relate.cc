// StoryStore's settings for a relate (story_store.h, MapReads).
#include "src/store/story_store.h"

namespace annals::store {

Status StoryStore::MapReads(bool on) {
  // As Open's for a read-only store: the archive is never shrunk (no
  // VACUUM), so no mapped page goes away.
  return db_->Exec(on ? "PRAGMA mmap_size=2147418112;" : "PRAGMA mmap_size=0;");
}

}  // namespace annals::store
