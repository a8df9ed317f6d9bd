// The pipeline: the only code that calls the stages in order (DESIGN.md):
// read -> decode -> segment -> dedup -> store, then relate (entities,
// facts) and events over the whole archive.
// Read, decode, segment and the folding of texts for dedup run on all cores
// (PipelineOptions::threads) in batches of PipelineOptions::batch_pages;
// dedup and the store run on one writer thread, one transaction per batch,
// while the next batch is read and segmented.
// Thread safety: each call uses only its arguments.
#pragma once

#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "annals/archive.h"
#include "annals/options.h"
#include "annals/result.h"
#include "annals/types.h"
#include "src/extract/gazetteer.h"
#include "src/ingest/document.h"
#include "src/segment/page_stories.h"
#include "src/segment/site_profile.h"
#include "src/store/story_store.h"

namespace annals::pipeline {

// How an ingest names its pages, so that one page has one name in the
// archive however it was given: each input that exists by its canonical
// path (absolute, symbolic links and "." resolved), "-" and missing ones
// as typed.
std::vector<std::string> CanonicalPaths(const std::vector<std::string>& inputs);
// The name of a page read from standard input: "stdin:" and its content
// hash in hex, so that different pages piped in are different pages.
std::string StdinName(uint64_t hash);
// The canonical paths of the archive file and of the files SQLite and the
// writer lock keep beside it, which an ingest of its folder must not read.
std::vector<std::string> ArchiveFiles(const std::string& archive_path);

// Segments one decoded page: HTML by DOM, text by layout.
segment::PageStories SegmentDocument(const ingest::Document& doc,
                                     const segment::SiteProfile& profile,
                                     const SegmentOptions& options);

// Adds the pages of `inputs` to `store` (see Archive::Ingest), then reruns
// relate unless options.relate is false.
Result<IngestReport> Ingest(store::StoryStore* store, const std::vector<std::string>& inputs,
                            const PipelineOptions& options, const ProgressFn& progress);

// The stories of `inputs`, segmented and deduplicated together exactly as
// Ingest would, and (unless options.relate is false) their entities, facts
// and events, without a database.
Result<ArchiveData> Extract(const std::vector<std::string>& inputs, const PipelineOptions& options,
                            IngestReport* report);

// Entities, mentions, facts and events of `data.stories`, with the user's
// corrections; fills the other arrays of `data`. Adds the seconds spent to
// the report's relate_s and events_s when `report` is not null.
Status RelateAll(ArchiveData* data, const std::vector<store::CorrectionRow>& corrections,
                 const PipelineOptions& options, IngestReport* report);

// Reruns RelateAll over the stored archive and stores the result.
// `gazetteer`: its loading, begun by the caller (Ingest begins it beside
// the store of its last batch); when not valid, it is loaded here.
Status Rerelate(store::StoryStore* store, const PipelineOptions& options, IngestReport* report,
                std::future<Result<extract::Gazetteer>> gazetteer = {});
// Rerelate on its own (annals relate): the report has its stage times and wall_s.
Result<IngestReport> Relate(store::StoryStore* store, const PipelineOptions& options);

// The text pages' lines with their line-model features (annals extract
// --dump-lines): segment::LineFeatureHeader, then LineFeatureRows of each
// text page, the profile built over all of `inputs`. Errors: those of
// reading when no page was read.
Result<std::string> DumpLines(const std::vector<std::string>& inputs, const PipelineOptions& options);

// The article text the reader finds in one page (annals extract --text):
// paragraphs separated by a blank line. Errors: those of reading/decoding.
Result<std::string> ArticleText(const std::string& path, const PipelineOptions& options);

// How the publication date of each HTML page in `path` (a file or a WARC)
// was chosen (annals extract --explain-dates): per page, its name, the date,
// the reason and every piece of date evidence. Errors: those of reading.
Result<std::string> ExplainDates(const std::string& path, const PipelineOptions& options);

}  // namespace annals::pipeline
