// The server's reads of the archive (annals serve): its snapshot of the
// knowledge without the stories' texts, and a page's texts read by id.
#include "src/common/lap_timer.h"
#include "src/store/store_rows.h"
#include "src/store/story_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sqlite3.h>
#include <string_view>
#include <unordered_map>

namespace annals::store {

namespace {

// Puts `rows` in the order of their stories' positions (`story_of`; the
// stories not stored, position `n`, last), each story's in the order read:
// a stable counting sort, done in place by following the permutation's
// cycles (LoadAll's copy of the rows doubled its peak at 8.6 million mentions).
template <typename Row>
void ByStory(std::vector<Row>* rows, const std::vector<uint32_t>& story_of, size_t n) {
  std::vector<uint32_t> first(n + 2, 0);
  for (uint32_t s : story_of) ++first[s + 1];
  for (size_t i = 1; i < first.size(); ++i) first[i] += first[i - 1];
  std::vector<uint32_t> dest(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) dest[i] = first[story_of[i]]++;
  for (size_t i = 0; i < dest.size(); ++i) {
    while (dest[i] != i) {
      const uint32_t j = dest[i];
      std::swap((*rows)[i], (*rows)[j]);
      std::swap(dest[i], dest[j]);
    }
  }
}

// What ReadHeads reads: all of it for the server's snapshot (LoadHeads),
// less for annals posts (LoadPostFacts).
struct HeadParts {
  bool story_heads = true;  // else each story's id alone
  bool mentions = true;
  bool events = true;
  bool holds_post_only = false;  // of the facts
};

Result<ArchiveData> ReadHeads(StoryStore* store, const HeadParts& parts,
                              std::vector<std::pair<int64_t, std::string>>* rowids) {
  SqliteDb* db = store->db();
  ArchiveData d;
  // With ANNALS_SERVE_TIMING set, each part's wall and CPU time on stderr.
  LapTimer times("annals serve: snapshot: read", std::getenv("ANNALS_SERVE_TIMING") != nullptr);
  rowids->clear();
  Status st = Ok();
  std::unordered_map<int64_t, uint32_t> at_row;  // rowid -> index in d.stories
  if (parts.story_heads) {
    // The stories in the order of Stories(): one pass over the table, and
    // one over the sources, instead of three lookups a story.
    auto s = db->Prepare(
        "SELECT rowid, id, coalesce(date,''), coalesce(title,''), attachments, links, language "
        "FROM stories ORDER BY date IS NULL, date DESC, id");
    if (!s) return tl::unexpected(s.error());
    while (s->Step(&st)) {
      Story x;
      x.id = s->Text(1);
      x.date = s->Text(2);
      x.title = s->Text(3);
      x.attachments = SplitLines(s->TextView(4));
      x.links = SplitLines(s->TextView(5));
      x.language = s->Text(6);
      at_row.emplace(s->Int(0), static_cast<uint32_t>(d.stories.size()));
      rowids->emplace_back(s->Int(0), x.id);
      d.stories.push_back(std::move(x));
    }
    if (!st) return tl::unexpected(st.error());
  } else {
    // The ids alone, in the same order, from the indexes on date and on id
    // (each row's rowid beside): the table's rows, which hold the texts,
    // are not read (at 100,000 stories the sort read 0.8 GB of them).
    struct Key {
      int64_t rowid = 0;
      bool dated = false;
      std::string date, id;
    };
    std::vector<Key> keys;
    std::unordered_map<int64_t, size_t> key_of;  // rowid -> index in keys
    auto dates = db->Prepare("SELECT rowid, date FROM stories");
    if (!dates) return tl::unexpected(dates.error());
    while (dates->Step(&st)) {
      key_of.emplace(dates->Int(0), keys.size());
      keys.push_back({dates->Int(0), !dates->IsNull(1), dates->Text(1), {}});
    }
    if (!st) return tl::unexpected(st.error());
    auto ids = db->Prepare("SELECT rowid, id FROM stories");
    if (!ids) return tl::unexpected(ids.error());
    while (ids->Step(&st)) {
      auto it = key_of.find(ids->Int(0));
      if (it != key_of.end()) keys[it->second].id = ids->Text(1);
    }
    if (!st) return tl::unexpected(st.error());
    // ORDER BY date IS NULL, date DESC, id (SQLite compares text bytewise).
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      if (a.dated != b.dated) return a.dated;
      if (a.date != b.date) return a.date > b.date;
      return a.id < b.id;
    });
    for (Key& k : keys) {
      at_row.emplace(k.rowid, static_cast<uint32_t>(d.stories.size()));
      rowids->emplace_back(k.rowid, k.id);
      d.stories.push_back(Story{.id = std::move(k.id)});
    }
  }
  if (parts.story_heads) {
    // Each story's pages by role, then name, as LoadStory orders them.
    auto q = db->Prepare(
        "SELECT so.story, p.name, so.role FROM sources so JOIN pages p ON p.rowid = so.page "
        "ORDER BY so.story, so.role, p.name");
    if (!q) return tl::unexpected(q.error());
    while (q->Step(&st)) {
      auto it = at_row.find(q->Int(0));
      if (it == at_row.end()) continue;
      const bool article = q->TextView(2) == "article";
      d.stories[it->second].sources.push_back(
          {q->Text(1), article ? SourceRole::kArticle : SourceRole::kTeaser});
    }
    if (!st) return tl::unexpected(st.error());
  }
  // A story id that is also a redirect's old id: LoadStory (Stories) shows
  // the story it leads to, with its pages; read so.
  {
    auto r = db->Prepare("SELECT old_id FROM story_redirects");
    if (!r) return tl::unexpected(r.error());
    std::unordered_map<std::string_view, uint32_t> by_id;
    std::vector<uint32_t> redirected;
    while (r->Step(&st)) {
      if (by_id.empty()) {
        for (uint32_t i = 0; i < d.stories.size(); ++i) by_id.emplace(d.stories[i].id, i);
      }
      auto it = by_id.find(r->Text(0));
      if (it != by_id.end()) redirected.push_back(it->second);
    }
    if (!st) return tl::unexpected(st.error());
    for (uint32_t i : redirected) {
      auto full = store->LoadStory(d.stories[i].id);
      if (!full) return tl::unexpected(full.error());
      if (*full && parts.story_heads) {
        d.stories[i] = std::move(**full);
        d.stories[i].text.clear();
      } else if (*full) {
        d.stories[i] = Story{.id = (*full)->id};
      }
    }
  }
  auto entities = store->Entities();
  if (!entities) return tl::unexpected(entities.error());
  d.entities = std::move(*entities);
  times.Lap("stories and entities");
  std::unordered_map<std::string_view, uint32_t> position;  // of a story in d.stories
  position.reserve(d.stories.size());
  for (uint32_t i = 0; i < d.stories.size(); ++i) position.emplace(d.stories[i].id, i);
  const auto none = static_cast<uint32_t>(d.stories.size());
  // The story's position, looked up once for each run of rows of one story.
  auto positions = [&](auto& rows, std::vector<uint32_t>* out) {
    out->resize(rows.size());
    std::string_view last;
    uint32_t last_at = none;
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string& id = rows[i].story_id;
      if (i == 0 || id != last) {
        auto it = position.find(id);
        last_at = it == position.end() ? none : it->second;
        last = id;
      }
      (*out)[i] = last_at;
    }
  };
  // Mentions and facts by story, as LoadAll orders them.
  auto count = [&](const char* sql) -> Result<size_t> {
    auto c = db->Prepare(sql);
    if (!c) return tl::unexpected(c.error());
    int64_t n = 0;
    if (c->Step(&st)) n = c->Int(0);
    if (!st) return tl::unexpected(st.error());
    return static_cast<size_t>(std::max<int64_t>(n, 0));
  };
  if (parts.mentions) {
    auto n = count("SELECT max(rowid) - min(rowid) + 1 FROM mentions");
    if (!n) return tl::unexpected(n.error());
    d.mentions.reserve(*n);
    auto m = db->Prepare("SELECT entity_id, story_id, begin, end FROM mentions ORDER BY rowid");
    if (!m) return tl::unexpected(m.error());
    while (m->Step(&st)) {
      d.mentions.push_back({m->Text(0), m->Text(1), static_cast<uint32_t>(m->Int(2)),
                            static_cast<uint32_t>(m->Int(3))});
    }
    if (!st) return tl::unexpected(st.error());
    if (d.mentions.capacity() > d.mentions.size() + d.mentions.size() / 4)
      d.mentions.shrink_to_fit();
    times.Lap("mentions' rows");
    std::vector<uint32_t> story_of;
    positions(d.mentions, &story_of);
    ByStory(&d.mentions, story_of, d.stories.size());
  }
  times.Lap("mentions' order");
  {
    // The rows FactOfRow reads as holds_post.
    const std::string holds_post = " WHERE coalesce(type, '') NOT IN ('chairs', 'member_of')";
    auto n = count(parts.holds_post_only ? ("SELECT count(*) FROM facts" + holds_post).c_str()
                                         : "SELECT max(rowid) - min(rowid) + 1 FROM facts");
    if (!n) return tl::unexpected(n.error());
    d.facts.reserve(*n);
    auto f = db->Prepare(std::string("SELECT ") + kFactColumns + " FROM facts" +
                         (parts.holds_post_only ? holds_post : "") + " ORDER BY rowid");
    if (!f) return tl::unexpected(f.error());
    while (f->Step(&st)) d.facts.push_back(FactOfRow(*f));
    if (!st) return tl::unexpected(st.error());
    if (d.facts.capacity() > d.facts.size() + d.facts.size() / 4) d.facts.shrink_to_fit();
    std::vector<uint32_t> story_of;
    positions(d.facts, &story_of);
    ByStory(&d.facts, story_of, d.stories.size());
  }
  times.Lap("facts");
  if (!parts.events) return d;
  auto v = db->Prepare(std::string("SELECT ") + kEventColumns + " FROM events ORDER BY date, id");
  if (!v) return tl::unexpected(v.error());
  while (v->Step(&st)) d.events.push_back(EventOfRow(*v));
  if (!st) return tl::unexpected(st.error());
  times.Lap("events");
  return d;
}

}  // namespace

Result<ArchiveData> StoryStore::LoadHeads(std::vector<std::pair<int64_t, std::string>>* rowids) {
  return ReadHeads(this, HeadParts{}, rowids);
}

Result<ArchiveData> StoryStore::LoadPostFacts(bool story_heads) {
  std::vector<std::pair<int64_t, std::string>> rowids;
  return ReadHeads(
      this,
      HeadParts{
          .story_heads = story_heads, .mentions = false, .events = false, .holds_post_only = true},
      &rowids);
}

Result<std::vector<std::string>> StoryStore::StoryTextsById(std::span<const std::string> ids) {
  std::vector<std::string> out(ids.size());
  Stmt* q = Cached("SELECT text FROM stories WHERE id=?");
  if (!q) return tl::unexpected(db_->LastFailure());
  Status st = Ok();
  for (size_t i = 0; i < ids.size(); ++i) {
    q->Reset();
    q->Bind(1, ids[i]);
    if (q->Step(&st)) out[i] = q->Text(0);
    if (!st) break;
  }
  ReleaseReads();
  if (!st) return tl::unexpected(st.error());
  return out;
}

}  // namespace annals::store
