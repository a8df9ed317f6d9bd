// StoryStore's reads through a mapping of the file (story_store.h, MapReads):
// a relate's, and every read-only store's; and the size of its page cache
// (SetCacheKiB), which a relate's writes lower.
#include "src/store/story_store.h"

namespace annals::store {

Status StoryStore::SetCacheKiB(int64_t kib) {
  return db_->Exec("PRAGMA cache_size=-" + std::to_string(kib) + ";");
}

Status StoryStore::MapReads(bool on) {
  // The archive is never shrunk (no VACUUM), so no mapped page goes away.
  return db_->Exec(on ? "PRAGMA mmap_size=2147418112;" : "PRAGMA mmap_size=0;");
}

}  // namespace annals::store
