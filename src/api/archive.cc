// annals::Archive: the embedded API (include/annals/archive.h) over the
// pipeline and the store.
#include "annals/archive.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "src/common/printable.h"
#include "src/common/text.h"
#include "src/pipeline/pipeline.h"
#include "src/query/fts_query.h"
#include "src/store/story_store.h"
#include "src/store/writer_lock.h"

namespace annals {

struct Archive::Impl {
  std::unique_ptr<store::StoryStore> store;
  PipelineOptions last_options;  // options of the last ingest, reused to rerun relate
  int snapshots_held = 0;        // HoldSnapshot calls not released
  std::function<void(const std::string&)> on_wait;

  // The archive's writer lock (see store::WriterLock), for one write.
  Result<store::WriterLock> LockForWriting() const {
    return store::WriterLock::Acquire(store->Path(), on_wait);
  }
};

namespace {

// fn() read in one snapshot of the archive: what other processes commit
// meanwhile (an ingest's batch, a merge of stories) is not seen half.
// Within HoldSnapshot, fn() reads the held one.
template <typename Fn>
auto InSnapshot(const Archive::Impl& impl, Fn&& fn) -> decltype(fn()) {
  if (impl.snapshots_held > 0) return fn();
  store::StoryStore* s = impl.store.get();
  if (auto st = s->BeginRead(); !st) return tl::unexpected(st.error());
  auto out = fn();
  if (auto st = s->EndRead(); !st && out) return tl::unexpected(st.error());
  return out;
}

}  // namespace

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() {
  if (impl_ && impl_->snapshots_held > 0) (void)impl_->store->EndRead();
}

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& path) {
  // A new archive is made under the writer lock: SQLite refuses a second
  // process at once ("database is locked", its busy timeout not applied)
  // while the first switches the new file to WAL. An existing archive is
  // opened without it, so that reads never wait for a writer.
  store::WriterLock creating;
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (path != ":memory:" && (!exists || std::filesystem::file_size(path, ec) == 0)) {
    auto lock = store::WriterLock::Acquire(path, {});
    if (!lock) return tl::unexpected(lock.error());
    creating = std::move(*lock);
  }
  auto store = store::StoryStore::Open(path);
  if (!store) return tl::unexpected(store.error());
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(*store);
  return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

void Archive::OnWait(std::function<void(const std::string&)> fn) { impl_->on_wait = std::move(fn); }

Result<std::unique_ptr<Archive>> Archive::OpenReadOnly(const std::string& path) {
  auto store = store::StoryStore::OpenReadOnly(path);
  if (!store) return tl::unexpected(store.error());
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(*store);
  return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

Result<IngestReport> Archive::Ingest(const std::vector<std::string>& inputs,
                                     const PipelineOptions& options, const ProgressFn& progress) {
  impl_->last_options = options;
  auto lock = impl_->LockForWriting();
  if (!lock) return tl::unexpected(lock.error());
  return pipeline::Ingest(impl_->store.get(), inputs, options, progress);
}

Result<IngestReport> Archive::Relate(const PipelineOptions& options) {
  impl_->last_options = options;
  auto lock = impl_->LockForWriting();
  if (!lock) return tl::unexpected(lock.error());
  return pipeline::Relate(impl_->store.get(), options);
}

Result<bool> Archive::KnowledgeStale() {
  return InSnapshot(*impl_, [&] { return impl_->store->KnowledgeStale(); });
}

Result<ArchiveCounts> Archive::Stats() { return impl_->store->Counts(); }

Result<std::vector<Story>> Archive::Stories(const StoryQuery& query) {
  return InSnapshot(*impl_, [&] { return impl_->store->Stories(query); });
}

Result<Archive::StoryTotals> Archive::CountStories(const StoryQuery& query) {
  auto n = impl_->store->CountStories(query);
  if (!n) return tl::unexpected(n.error());
  return StoryTotals{n->first, n->second};
}

Result<Story> Archive::GetStory(const std::string& id) {
  auto s = InSnapshot(*impl_, [&] { return impl_->store->LoadStory(id); });
  if (!s) return tl::unexpected(s.error());
  if (!*s) return Fail(ErrorCode::kNotFound, "no story with id " + id);
  return std::move(**s);
}

Result<std::vector<SearchHit>> Archive::Search(const std::string& query, const StoryQuery& filter) {
  auto fts = query::ToFtsQuery(query);
  if (!fts) return tl::unexpected(fts.error());
  auto hits = InSnapshot(*impl_, [&] { return impl_->store->Search(*fts, filter); });
  if (!hits && hits.error().code == ErrorCode::kInvalidInput) {
    // The store names the FTS5 expression; the user wants to see what they typed.
    std::string reason = hits.error().message;
    const std::string echo = "cannot read the query \"" + *fts + "\": ";
    if (reason.starts_with(echo)) reason.erase(0, echo.size());
    return Fail(ErrorCode::kInvalidInput,
                "cannot read the query \"" + text::Printable(query, 80) + "\": " + reason +
                    " (write words, \"a phrase\", prefix*, and join them with AND, OR, NOT, ( ))");
  }
  return hits;
}

Result<ArchiveData> Archive::Export() {
  return InSnapshot(*impl_, [&] { return impl_->store->LoadAll(); });
}

Result<ArchiveData> Archive::ExportHeads(std::vector<std::pair<int64_t, std::string>>* rowids) {
  return InSnapshot(*impl_, [&] { return impl_->store->LoadHeads(rowids); });
}

Result<std::vector<std::string>> Archive::StoryTexts(const std::vector<std::string>& ids) {
  return InSnapshot(*impl_, [&] { return impl_->store->StoryTextsById(ids); });
}

Result<ArchiveData> Archive::ExportPostFacts(bool story_heads) {
  return InSnapshot(*impl_, [&] { return impl_->store->LoadPostFacts(story_heads); });
}

Result<std::vector<std::string>> Archive::Check() { return impl_->store->Check(); }

Result<std::vector<RankedHit>> Archive::SearchRanked(const std::string& query,
                                                     const StoryQuery& filter) {
  auto fts = query::ToFtsQuery(query);
  if (!fts) return tl::unexpected(fts.error());
  auto hits = impl_->store->SearchRanked(*fts, filter);
  if (!hits && hits.error().code == ErrorCode::kInvalidInput) {
    return Fail(ErrorCode::kInvalidInput,
                "cannot read the query \"" + text::Printable(query, 80) +
                    "\" (write words, \"a phrase\", prefix*, and join them with AND, OR, NOT, ( ))");
  }
  return hits;
}

Result<std::vector<SearchHit>> Archive::LoadHits(const std::string& query,
                                                 const std::vector<RankedHit>& hits) {
  auto fts = query::ToFtsQuery(query);
  if (!fts) return tl::unexpected(fts.error());
  return impl_->store->LoadHits(*fts, hits);
}

Result<std::vector<RankedRow>> Archive::RankMatches(const std::string& query, size_t top) {
  auto fts = query::ToFtsQuery(query);
  if (!fts) return tl::unexpected(fts.error());
  auto hits = impl_->store->RankRows(*fts, top);
  if (!hits && hits.error().code == ErrorCode::kInvalidInput) {
    return Fail(ErrorCode::kInvalidInput,
                "cannot read the query \"" + text::Printable(query, 80) +
                    "\" (write words, \"a phrase\", prefix*, and join them with AND, OR, NOT, ( ))");
  }
  return hits;
}

Result<std::vector<std::pair<int64_t, std::string>>> Archive::StoryRowids() {
  return impl_->store->StoryRowids();
}

Result<std::vector<std::string>> Archive::Snippets(const std::string& query,
                                                   const std::vector<int64_t>& rowids) {
  auto fts = query::ToFtsQuery(query);
  if (!fts) return tl::unexpected(fts.error());
  return impl_->store->Snippets(*fts, rowids);
}

Result<int64_t> Archive::DataVersion() { return impl_->store->DataVersion(); }

Status Archive::HoldSnapshot() {
  if (impl_->snapshots_held == 0) {
    if (auto st = impl_->store->BeginRead(); !st) return st;
  }
  ++impl_->snapshots_held;
  return Ok();
}

Status Archive::ReleaseSnapshot() {
  if (impl_->snapshots_held == 0) return Ok();
  if (--impl_->snapshots_held > 0) return Ok();
  return impl_->store->EndRead();
}

void Archive::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  impl_->store->SetDeadline(deadline);
}

namespace {

// The entity whose name or an alias is `name` (case and punctuation
// folded), as relate finds the entity a correction names: the one whose
// canonical name it is, else the most mentioned.
std::optional<size_t> FindEntity(const std::vector<Entity>& entities, const std::string& name) {
  const std::string f = text::Fold(name);
  if (f.empty()) return std::nullopt;
  std::optional<size_t> best;
  bool best_canonical = false;
  for (size_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    const bool canonical = text::Fold(e.name) == f;
    bool hit = canonical;
    for (const std::string& a : e.aliases) hit = hit || text::Fold(a) == f;
    if (!hit) continue;
    if (!best || (canonical && !best_canonical) ||
        (canonical == best_canonical && e.mentions > entities[*best].mentions)) {
      best = i;
      best_canonical = canonical;
    }
  }
  return best;
}

using Check = std::function<Status(store::StoryStore*, const std::vector<Entity>&)>;

// Checks the correction against the entities (in one snapshot) and, when
// `check` passes too, stores it and relates again, holding the writer lock.
// Reads the entities alone, not the stories' texts.
Status Correct(const Archive::Impl& impl, const PipelineOptions& options,
               store::CorrectionRow row, const std::vector<std::string>& must_exist,
               const Check& check = {}) {
  auto lock = impl.LockForWriting();
  if (!lock) return tl::unexpected(lock.error());
  store::StoryStore* s = impl.store.get();
  auto checked = InSnapshot(impl, [&]() -> Status {
    auto entities = s->Entities();
    if (!entities) return tl::unexpected(entities.error());
    for (const std::string& name : must_exist) {
      if (!FindEntity(*entities, name)) {
        return Fail(ErrorCode::kNotFound, "no entity named \"" + name + "\"");
      }
    }
    return check ? check(s, *entities) : Ok();
  });
  if (!checked) return checked;
  if (auto st = s->AddCorrection(row); !st) return st;
  return pipeline::Rerelate(s, options, nullptr);
}

// Why `a` and `b` look like two people rather than one: a post of one
// organization both are stated to hold over overlapping dates; "" when none.
Result<std::string> SamePostAtOnce(store::StoryStore* s, const Entity& a, const Entity& b) {
  auto facts = s->PostsHeldBy({a.name, b.name});
  if (!facts) return tl::unexpected(facts.error());
  struct Span {
    std::string first, last;
  };
  // (organization, folded post) -> person -> dated span
  std::map<std::pair<std::string, std::string>, std::map<std::string, Span>> spans;
  std::map<std::pair<std::string, std::string>, std::string> post_text;
  for (const Fact& f : *facts) {
    if (f.date.empty()) continue;
    const auto key = std::make_pair(f.organization, text::Fold(f.post));
    post_text.emplace(key, f.post);
    Span& sp = spans[key][f.person];
    if (sp.first.empty() || f.date < sp.first) sp.first = f.date;
    if (sp.last.empty() || f.date > sp.last) sp.last = f.date;
  }
  for (const auto& [key, by_person] : spans) {
    auto x = by_person.find(a.name), y = by_person.find(b.name);
    if (x == by_person.end() || y == by_person.end()) continue;
    const Span &p = x->second, &q = y->second;
    if (p.first > q.last || q.first > p.last) continue;
    const std::string of = key.first.empty() ? "" : " of " + key.first;
    return "\"" + a.name + "\" and \"" + b.name + "\" both held the post " + post_text[key] + of +
           " at the same time (" + a.name + ": " + p.first + " to " + p.last + "; " + b.name +
           ": " + q.first + " to " + q.last + "), as two people would";
  }
  return std::string();
}

}  // namespace

Status Archive::MergeEntities(const std::string& keep, const std::string& other, bool force) {
  auto distinct = [&](store::StoryStore* s, const std::vector<Entity>& entities) -> Status {
    if (force) return Ok();
    const Entity& a = entities[*FindEntity(entities, keep)];
    const Entity& b = entities[*FindEntity(entities, other)];
    if (&a == &b) return Ok();
    if (a.type != b.type) {
      auto kind = [](EntityType t) {
        const std::string n = EntityTypeName(t);
        return (n.find_first_of("aeiou") == 0 ? "an " : "a ") + n;
      };
      return Fail(ErrorCode::kFailedPrecondition,
                  "\"" + a.name + "\" is " + kind(a.type) + " and \"" + b.name + "\" " +
                      kind(b.type) + ": entities of different types");
    }
    if (a.type != EntityType::kPerson) return Ok();
    auto why = SamePostAtOnce(s, a, b);
    if (!why) return tl::unexpected(why.error());
    if (!why->empty()) return Fail(ErrorCode::kFailedPrecondition, *why);
    return Ok();
  };
  return Correct(*impl_, impl_->last_options, {"merge", keep, other}, {keep, other}, distinct);
}

Status Archive::SplitEntity(const std::string& entity, const std::string& alias) {
  return Correct(*impl_, impl_->last_options, {"split", entity, alias}, {entity, alias});
}

Status Archive::RenameEntity(const std::string& entity, const std::string& new_name) {
  if (text::Trim(new_name).empty()) return Fail(ErrorCode::kInvalidInput, "the new name is empty");
  // A new name that is another entity's name or alias would fold that
  // entity into this one, silently and for good: that is a merge, which
  // the user asks for by name.
  auto not_taken = [&](store::StoryStore*, const std::vector<Entity>& entities) -> Status {
    const std::optional<size_t> from = FindEntity(entities, entity);
    const std::optional<size_t> to = FindEntity(entities, new_name);
    if (!to || to == from) return Ok();
    return Fail(ErrorCode::kInvalidInput,
                "\"" + new_name + "\" is already the name or an alias of another entity (" +
                    entities[*to].name + "); to make the two one entity, run " +
                    "`annals entity merge \"" + entity + "\" \"" + new_name + "\"`");
  };
  return Correct(*impl_, impl_->last_options, {"rename", entity, new_name}, {entity}, not_taken);
}

Status Archive::RetypeEntity(const std::string& entity, const std::string& type) {
  EntityType t{};
  if (!ParseEntityType(type, &t)) {
    return Fail(ErrorCode::kInvalidInput,
                "unknown entity type \"" + type +
                    "\" (person, organization, country, place, exercise, operation, document)");
  }
  auto changes = [&](store::StoryStore*, const std::vector<Entity>& entities) -> Status {
    const Entity& e = entities[*FindEntity(entities, entity)];
    if (e.type == t) {
      return Fail(ErrorCode::kInvalidInput, "\"" + e.name + "\" is already " + type);
    }
    for (const Entity& o : entities) {
      if (o.type == t && o.name == e.name) {
        return Fail(ErrorCode::kInvalidInput,
                    "an entity of type " + type + " is already named \"" + e.name +
                        "\"; to make the two one entity, merge them");
      }
    }
    return Ok();
  };
  return Correct(*impl_, impl_->last_options, {"retype", entity, type}, {entity}, changes);
}

Status Archive::UndoCorrection(int64_t number) {
  auto lock = impl_->LockForWriting();
  if (!lock) return tl::unexpected(lock.error());
  store::StoryStore* s = impl_->store.get();
  auto removed = s->RemoveCorrection(number);
  if (!removed) return tl::unexpected(removed.error());
  if (!*removed) {
    return Fail(ErrorCode::kNotFound,
                "no correction numbered " + std::to_string(number) +
                    " (annals entity corrections lists them)");
  }
  return pipeline::Rerelate(s, impl_->last_options, nullptr);
}

Result<std::vector<Correction>> Archive::Corrections() {
  auto rows = impl_->store->Corrections();
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Correction> out;
  for (store::CorrectionRow& r : *rows) {
    out.push_back({std::move(r.kind), std::move(r.a), std::move(r.b), r.seq});
  }
  return out;
}

Result<std::string> Archive::ArticleText(const std::string& path, const PipelineOptions& options) {
  return pipeline::ArticleText(path, options);
}

Result<std::string> Archive::ExplainDates(const std::string& path, const PipelineOptions& options) {
  return pipeline::ExplainDates(path, options);
}

Result<std::string> Archive::DumpLines(const std::vector<std::string>& inputs,
                                      const PipelineOptions& options) {
  return pipeline::DumpLines(inputs, options);
}

Result<ArchiveData> ExtractPages(const std::vector<std::string>& inputs,
                                 const PipelineOptions& options, IngestReport* report) {
  return pipeline::Extract(inputs, options, report);
}

}  // namespace annals
