// annals::Archive: the embedded API (include/annals/archive.h) over the
// pipeline and the store.
#include "annals/archive.h"

#include <algorithm>

#include "src/common/printable.h"
#include "src/common/text.h"
#include "src/pipeline/pipeline.h"
#include "src/query/fts_query.h"
#include "src/store/story_store.h"

namespace annals {

struct Archive::Impl {
  std::unique_ptr<store::StoryStore> store;
  PipelineOptions last_options;  // options of the last ingest, reused to rerun relate
};

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& path) {
  auto store = store::StoryStore::Open(path);
  if (!store) return tl::unexpected(store.error());
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(*store);
  return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

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
  return pipeline::Ingest(impl_->store.get(), inputs, options, progress);
}

Result<IngestReport> Archive::Relate(const PipelineOptions& options) {
  impl_->last_options = options;
  return pipeline::Relate(impl_->store.get(), options);
}

Result<bool> Archive::KnowledgeStale() { return impl_->store->KnowledgeStale(); }

Result<ArchiveCounts> Archive::Stats() { return impl_->store->Counts(); }

Result<std::vector<Story>> Archive::Stories(const StoryQuery& query) {
  return impl_->store->Stories(query);
}

Result<Story> Archive::GetStory(const std::string& id) {
  auto s = impl_->store->LoadStory(id);
  if (!s) return tl::unexpected(s.error());
  if (!*s) return Fail(ErrorCode::kNotFound, "no story with id " + id);
  return std::move(**s);
}

Result<std::vector<SearchHit>> Archive::Search(const std::string& query, const StoryQuery& filter) {
  auto fts = query::ToFtsQuery(query);
  if (!fts) return tl::unexpected(fts.error());
  auto hits = impl_->store->Search(*fts, filter);
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

Result<ArchiveData> Archive::Export() { return impl_->store->LoadAll(); }

namespace {

// True when `name` is the name or an alias of an entity of the archive.
// Reads the entities alone, not the stories' texts.
Result<bool> Known(store::StoryStore* s, const std::string& name) {
  auto entities = s->Entities();
  if (!entities) return tl::unexpected(entities.error());
  const std::string f = text::Fold(name);
  for (const Entity& e : *entities) {
    if (text::Fold(e.name) == f) return true;
    for (const std::string& a : e.aliases) {
      if (text::Fold(a) == f) return true;
    }
  }
  return false;
}

Status Correct(store::StoryStore* s, const PipelineOptions& options, store::CorrectionRow row,
               const std::vector<std::string>& must_exist) {
  for (const std::string& name : must_exist) {
    auto k = Known(s, name);
    if (!k) return tl::unexpected(k.error());
    if (!*k) return Fail(ErrorCode::kNotFound, "no entity named \"" + name + "\"");
  }
  if (auto st = s->AddCorrection(row); !st) return st;
  return pipeline::Rerelate(s, options, nullptr);
}

}  // namespace

Status Archive::MergeEntities(const std::string& keep, const std::string& other) {
  return Correct(impl_->store.get(), impl_->last_options, {"merge", keep, other}, {keep, other});
}

Status Archive::SplitEntity(const std::string& entity, const std::string& alias) {
  return Correct(impl_->store.get(), impl_->last_options, {"split", entity, alias}, {entity, alias});
}

Status Archive::RenameEntity(const std::string& entity, const std::string& new_name) {
  if (text::Trim(new_name).empty()) return Fail(ErrorCode::kInvalidInput, "the new name is empty");
  return Correct(impl_->store.get(), impl_->last_options, {"rename", entity, new_name}, {entity});
}

Result<std::string> Archive::ArticleText(const std::string& path, const PipelineOptions& options) {
  return pipeline::ArticleText(path, options);
}

Result<ArchiveData> ExtractPages(const std::vector<std::string>& inputs,
                                 const PipelineOptions& options, IngestReport* report) {
  return pipeline::Extract(inputs, options, report);
}

}  // namespace annals
