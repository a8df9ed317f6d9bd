#include "src/pipeline/pipeline.h"

#include <malloc.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <tsl/robin_set.h>

#include "src/common/hex.h"
#include "src/common/parallel.h"
#include "src/common/text.h"
#include "src/common/xxhash_inline.h"
#include "src/dedup/deduplicator.h"
#include "src/ingest/decode.h"
#include "src/ingest/source.h"
#include "src/pipeline/clock.h"
#include "src/pipeline/kept_stories.h"
#include "src/pipeline/stored_stories.h"
#include "src/segment/html_segmenter.h"
#include "src/segment/line_model.h"
#include "src/segment/site_profile_store.h"
#include "src/segment/text_segmenter.h"
#include "src/text/lang_data.h"

namespace annals::pipeline {
namespace {

// Each story's language (Story::language) from its final title and text,
// once dedup has settled them.
void DetectLanguages(std::vector<Story>* stories) {
  for (Story& s : *stories) s.language = text::StoryLanguage(s.title, s.text);
}

// A hash of the stories a page was segmented into: a text page is segmented
// again (issue 24) when the profile's counts make it differ.
// Hashed as it goes (XXH64's streaming form, the same hash as text::Hash64
// of the whole), not copied into one string first.
uint64_t SegmentationHash(const segment::PageStories& page) {
  XXH64_state_t state;
  XXH64_reset(&state, 0);
  auto add = [&](std::string_view s) {
    char size[24];
    char* end = std::to_chars(size, size + sizeof size - 1, s.size()).ptr;
    *end++ = ':';
    XXH64_update(&state, size, static_cast<size_t>(end - size));
    XXH64_update(&state, s.data(), s.size());
  };
  for (const segment::PageStory& st : page.stories) {
    add(SourceRoleName(st.role));
    add(st.date);
    add(st.title);
    add(st.url);
    for (const auto* list : {&st.paragraphs, &st.attachments, &st.links}) {
      add(std::to_string(list->size()));
      for (const std::string& x : *list) add(x);
    }
  }
  return XXH64_digest(&state);
}

// A page whose segmentation asked about a line PartialProfile did not read:
// segment::ProfileLinesAsked missed a line the segmenter asks about, a bug;
// nothing of the batch is stored.
Status UnreadLine(const std::string& page) {
  return Fail(ErrorCode::kFailedPrecondition,
              page + ": the segmenter asked about a line whose stored counts were not read "
                     "(a bug in annals; please report it); nothing of this batch was stored");
}

// The crawl profile of an ingest read in part (issue 21: what an ingest of
// a few pages costs should not grow with the archive). It holds the stored
// totals, the counts of the ingest's own pages and, added to those, the
// stored counts of the lines Know was given: reading the counts of every
// stored line into the profile took three quarters of the CPU of adding 50
// pages to 100,000 (711,900 rows). A lookup of a line not known would answer
// from the ingest's counts alone, so every segmentation and check gives
// Know the lines it can ask about first (ProfileLinesAsked, the recorded
// lookups of the pages it checks), and the second pass fails a page that
// asked about another (BatchReader::CheckLinesAsked, Knows). The stored counts
// are those before the ingest stores any page: Know is not called after.
class PartialProfile {
 public:
  PartialProfile(store::StoryStore* store, segment::SiteProfile* profile)
      : store_(store), profile_(profile) {}

  bool whole() const { return whole_; }
  // Whether every line `lookups` are about was given (a segmentation's
  // recorded lookups).
  bool Knows(const std::vector<segment::ProfileLookup>& lookups) const {
    return whole_ || std::all_of(lookups.begin(), lookups.end(), [&](const auto& l) {
             return !l.about_line() || known_[l.long_line()].contains(l.key);
           });
  }

  // Adds the stored counts of `lines` not known yet.
  Status Know(std::vector<std::pair<bool, uint64_t>> lines) {
    if (whole_) return Ok();
    std::erase_if(lines, [&](const auto& l) { return known_[l.first].contains(l.second); });
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    if (lines.empty()) return Ok();
    auto stored = store_->ProfileLines(lines);
    if (!stored) return tl::unexpected(stored.error());
    for (const auto& [long_line, key] : lines) known_[long_line].insert(key);
    segment::AddLineCounts(LineCounts{.lines = std::move(*stored)}, profile_);
    return Ok();
  }

  // The lines the recorded lookups `packed` (PackLookups) are about.
  Status KnowRecorded(std::span<const std::string_view> packed) {
    std::vector<std::pair<bool, uint64_t>> lines;
    std::vector<segment::ProfileLookup> lookups;
    for (std::string_view p : packed) {
      lookups.clear();
      // Damaged or empty: AnswersAsRecorded is false whatever the counts.
      if (!segment::UnpackLookups(p, &lookups)) continue;
      for (const segment::ProfileLookup& l : lookups) {
        if (l.about_line()) lines.emplace_back(l.long_line(), l.key);
      }
    }
    return Know(std::move(lines));
  }

  // Every stored line's counts not known yet: the whole profile.
  Status KnowAll() {
    if (whole_) return Ok();
    auto all = store_->ProfileCounts();
    if (!all) return tl::unexpected(all.error());
    std::erase_if(all->lines,
                  [&](const LineCount& l) { return known_[l.long_line].contains(l.key); });
    segment::AddLineCounts(LineCounts{.lines = std::move(all->lines)}, profile_);
    whole_ = true;
    known_[0] = {};
    known_[1] = {};
    return Ok();
  }

 private:
  store::StoryStore* store_;
  segment::SiteProfile* profile_;
  tsl::robin_set<uint64_t> known_[2];
  bool whole_ = false;
};

// At most this many text pages of an ingest have their profile read in
// part: at 16 long lines a page at most, their counts stay under
// segment::kLongLinesCap, past which a line seen once is forgotten (a
// stored count added to it later would fall short); and the lines of more
// pages would be much of the archive's anyway.
constexpr int64_t kPartMaxPages = 8192;

// A batch of pages segmented and prepared for dedup, with the content hash
// of each page.
struct Batch {
  std::vector<dedup::PreparedPage> pages;
  std::vector<uint64_t> hashes;
  // Per page: a text page's text, kept in the archive (PutPageText).
  std::vector<std::optional<store::StoryStore::PageText>> texts;
  // Per page: an HTML page's stories (PackPageStories), kept in the archive
  // (PutPageStories); empty for a text page.
  std::vector<std::string> html_stories;
  // What the batch's pages add to the crawl profile, stored with them.
  LineCounts profile;
};

// The documents a counting pass decoded and their line counts, kept for the
// segmenting pass over the same inputs so that it does not decode and count
// the same bytes again, up to `budget` bytes of text. A document is handed
// out once, to a page with the same name, transport fields and content hash;
// any other page is decoded (Decode reads nothing else).
class DecodedPages {
 public:
  explicit DecodedPages(size_t budget) : budget_(budget) {}

  struct Entry {
    uint64_t hash;
    std::optional<ingest::Document> doc;  // none: past the budget, decoded again
    segment::SiteProfile::PageLines lines;
  };

  // Past the budget, a page's line counts alone are kept (a few hundred
  // bytes, within a quarter of the budget): counting its lines again cost
  // more than decoding it (10,000 bench pages: CountPage 6% of the
  // instructions, two-thirds of the pages counted twice).
  void Keep(const ingest::Page& page, uint64_t hash, ingest::Document&& doc,
            segment::SiteProfile::PageLines&& lines) {
    const size_t lines_size = page.name.size() + page.url.size() + 64 +
                              8 * (lines.lines.size() + 2 * lines.long_lines.size());
    const size_t size = doc.text.size() + lines_size;
    if (used_ + size <= budget_) {
      if (docs_.try_emplace(Key(page), Entry{hash, std::move(doc), std::move(lines)}).second) {
        used_ += size;
      }
      return;
    }
    if (lines_used_ + lines_size > budget_ / 4) return;
    if (docs_.try_emplace(Key(page), Entry{hash, std::nullopt, std::move(lines)}).second) {
      lines_used_ += lines_size;
    }
  }

  std::optional<Entry> Take(const ingest::Page& page, uint64_t hash) {
    auto it = docs_.find(Key(page));
    if (it == docs_.end() || it->second.hash != hash) return std::nullopt;
    std::optional<Entry> entry(std::move(it->second));
    docs_.erase(it);
    return entry;
  }

 private:
  // Every field of the page Decode reads, but the bytes (their hash).
  static std::string Key(const ingest::Page& page) {
    std::string key;
    for (const std::string* f :
         {&page.name, &page.url, &page.charset, &page.content_type, &page.fetched}) {
      key += std::to_string(f->size());
      key += ':';
      key += *f;
    }
    return key;
  }

  size_t budget_;
  size_t used_ = 0;
  size_t lines_used_ = 0;
  std::unordered_map<std::string, Entry> docs_;
};

// Reads pages in batches and turns each batch into segmented, dedup-prepared
// pages on all cores. With `overlap`, a batch's sink runs on its own thread
// while the next batch is read and segmented (one batch in flight); the
// sink must then use nothing the filter uses.
class BatchReader {
 public:
  // false: skip the page. `hash` is text::Hash64 of the page's bytes;
  // `whole_file`: the page is a regular file read whole, named by its path
  // (not a WARC record, standard input or a FIFO).
  using Filter = std::function<bool(const ingest::Page&, uint64_t hash, bool whole_file)>;
  using Sink = std::function<Status(Batch&&)>;

  BatchReader(const PipelineOptions& options, IngestReport* report, const ProgressFn& progress,
              bool overlap = false)
      : options_(options),
        report_(report),
        progress_(progress),
        overlap_(overlap),
        cores_(ThreadCount(options.threads) - 1) {}
  ~BatchReader() { (void)Wait(); }

  // Names pages as an archive keeps them (see ArchiveNames): each input by
  // its canonical path, a page from standard input by its content; the
  // files in `excluded` (canonical paths: the archive's own) are reported
  // and not read.
  void NameForArchive(std::vector<std::string> excluded) {
    archive_names_ = true;
    excluded_.insert(excluded.begin(), excluded.end());
  }

  // Starts the crawl profile from the counts of the pages stored before
  // (StoryStore::ProfileCounts), so that the pages read now are segmented
  // as one ingest of them all would (issue 24).
  void StartProfile(const LineCounts& stored) { segment::AddLineCounts(stored, &profile_); }

  // Counting only: Run decodes the pages of regular files and adds the text
  // pages to the profile (TakeProfile), without segmenting or calling the
  // sink. Standard input, FIFOs and devices are not read (they can be read
  // once only). The report gets the counts of that reading, which a caller
  // may discard.
  void CountOnly() { count_only_ = true; }
  // With CountOnly: also keeps the counts of the pages read apart from the
  // stored ones (TakeDelta), while they count at most `max_pages` text
  // pages (past that, the check of the stored pages reads them all anyway).
  void KeepDelta(int64_t max_pages) {
    keep_delta_ = true;
    delta_max_pages_ = max_pages;
  }
  // The counts of the pages read, when KeepDelta kept them whole.
  std::optional<segment::SiteProfile> TakeDelta() {
    if (!keep_delta_) return std::nullopt;
    return std::move(delta_);
  }
  // With KeepDelta: also the lines the segmentation of the text pages read
  // may ask the profile about (segment::ProfileLinesAsked), while the delta
  // is kept.
  std::vector<std::pair<bool, uint64_t>> TakeLinesAsked() { return std::move(asked_); }
  // With CountOnly: whether an input was left to the second pass (standard
  // input, a FIFO, a device).
  bool LeftStreamed() const { return left_streamed_; }
  // The second pass's profile read in part: a page whose segmentation
  // looks up a line `part` was not given fails the batch (the counts of
  // the lines no page of the ingest asks about are not read).
  void CheckLinesAsked(const PartialProfile* part) { part_ = part; }
  // With CountOnly: the decoded documents go to `keep` (within its budget);
  // without: documents are taken from `keep` instead of decoding again.
  void ShareDecoded(DecodedPages* keep) { decoded_ = keep; }
  segment::SiteProfile TakeProfile() { return std::move(profile_); }
  // Segments every page with `profile`, counted before by a CountOnly
  // reader over the same inputs (and the pages stored before), so that
  // where batches begin changes nothing (issue 24). The pages of inputs
  // that reader did not read (standard input, FIFOs) are added to it as
  // they come, and StreamedText tells whether one was a text page.
  void UseProfile(segment::SiteProfile profile) {
    profile_ = std::move(profile);
    profile_fixed_ = true;
  }
  bool StreamedText() const { return streamed_text_; }
  // The profile after Run: that of UseProfile and the streamed pages.
  const segment::SiteProfile& Profile() const { return profile_; }
  // Keeps each text page's text in the batch (Batch::texts).
  void KeepTexts() { keep_texts_ = true; }

  // `read`, when given, is called once every page is read, while the sink
  // of the last batch may still run.
  Status Run(const std::vector<std::string>& inputs, const Filter& filter, const Sink& sink,
             const std::function<void()>& read = {}) {
    Status st = Read(inputs, filter, sink);
    if (read) read();
    Status waited = Wait();
    return st ? waited : st;
  }

 private:
  Status Read(const std::vector<std::string>& inputs, const Filter& filter, const Sink& sink) {
    std::vector<ingest::InputProblem> problems;
    std::vector<bool> regular;
    std::vector<std::string> files = ingest::ExpandInputs(
        archive_names_ ? CanonicalPaths(inputs) : inputs, &problems, &regular);
    for (const auto& p : problems) Skip(p.name, p.reason);
    if (!excluded_.empty()) {
      size_t kept = 0;
      for (size_t i = 0; i < files.size(); ++i) {
        if (excluded_.contains(files[i])) {
          Skip(files[i], "a file of the archive itself, not a page");
          continue;
        }
        if (kept != i) {
          files[kept] = std::move(files[i]);
          regular[kept] = regular[i];
        }
        ++kept;
      }
      files.resize(kept);
      regular.resize(kept);
    }
    total_ = static_cast<int>(files.size());
    for (size_t fi = 0; fi < files.size(); ++fi) {
      const std::string& f = files[fi];
      if (Stopped()) break;
      // Standard input, a FIFO, a device: read once, by the second pass.
      // (Regular as ExpandInputs found it: a stat less per file and pass.)
      const bool streamed = f == "-" || !regular[fi];
      if (count_only_ && streamed) {
        left_streamed_ = true;
        continue;
      }
      auto t0 = Clock::now();
      ingest::ReadStats stats;
      Status failed = Ok();
      auto on_page = [&](ingest::Page&& page) {
            if (!failed || Stopped()) return;
            const uint64_t hash = text::Hash64(page.bytes);
            if (archive_names_ && page.name == "-") page.name = StdinName(hash);
            if (filter && !filter(page, hash, !streamed && page.name == f)) return;
            // The pages read, as pages_read counts them (not those unchanged).
            report_->megabytes += static_cast<double>(page.bytes.size()) / 1e6;
            batch_.push_back(std::move(page));
            batch_hashes_.push_back(hash);
            batch_streamed_.push_back(streamed);
            if (batch_.size() >= options_.batch_pages) {
              report_->read_s += Seconds(t0);
              failed = Flush(sink);
              t0 = Clock::now();
            }
          };
      Status st = ingest::ReadInput(f, options_.read, on_page, &stats);
      report_->read_s += Seconds(t0);
      if (!failed) return failed;
      report_->records_read += stats.records;
      for (const auto& [reason, n] : stats.records_skipped) {
        report_->records_skipped += n;
        ingest::AddCount(&report_->records_skipped_by_reason, reason, n);
      }
      if (!st && !Stopped()) {  // a read cut by the stop signal is no fault of the file
        // Readers may name the file in their message already; name it once.
        std::string why = st.error().message;
        if (text::StartsWith(why, f + ": ")) why.erase(0, f.size() + 2);
        Skip(f, why);
      }
      ++files_done_;
    }
    return Flush(sink);
  }

  // PipelineOptions::stop: the pages read so far are flushed and stored.
  bool Stopped() {
    if (options_.stop && options_.stop->load()) report_->interrupted = true;
    return report_->interrupted;
  }

  void Skip(const std::string& name, const std::string& reason) {
    ++report_->pages_skipped;
    report_->skipped.push_back({name, reason});
  }

  // The cores the sink in flight shares with the workers that read and
  // segment the next batch (Cores): the sink, which the next batch waits
  // for, holds one while it runs.
  Cores* Shared() { return overlap_ ? &cores_ : nullptr; }

  // The status of the batch in flight, once its sink is done (Ok if none).
  Status Wait() {
    if (!in_flight_.valid()) return Ok();
    return in_flight_.get();
  }

  Status Flush(const Sink& sink) {
    if (batch_.empty()) return Ok();
    const size_t n = batch_.size();
    std::vector<Result<ingest::Document>> docs(n, Fail(ErrorCode::kInvalidInput, ""));
    auto t0 = Clock::now();
    std::vector<std::optional<segment::SiteProfile::PageLines>> lines(n);
    const bool ask = count_only_ && keep_delta_;
    std::vector<std::vector<std::pair<bool, uint64_t>>> asked(ask ? n : 0);
    if (decoded_ && !count_only_) {
      for (size_t i = 0; i < n; ++i) {
        if (auto kept = decoded_->Take(batch_[i], batch_hashes_[i])) {
          if (kept->doc) docs[i] = std::move(*kept->doc);
          lines[i] = std::move(kept->lines);
        }
      }
    }
    ParallelFor(n, ThreadCount(options_.threads), Shared(), [&](size_t i, size_t) {
      if (docs[i]) return;
      // A page whose lines were kept was decoded once already: the same
      // bytes (hash) decode to the same document, and count the same.
      docs[i] = ingest::Decode(batch_[i], options_.read);
      if (docs[i] && !lines[i]) lines[i] = segment::SiteProfile::CountPage(*docs[i]);
      if (ask && docs[i] && docs[i]->format == ingest::DocFormat::kText) {
        segment::ProfileLinesAsked(*docs[i], &asked[i]);
      }
    });
    // The batch's pages alone, stored with them (exact: LineCounter).
    LineCounts added;
    {
      segment::LineCounter counter;
      for (size_t i = 0; i < n; ++i) {
        if (docs[i]) counter.Add(*lines[i]);
      }
      added = counter.Take();
    }
    if (count_only_) {
      segment::AddLineCounts(added, &profile_);
      if (keep_delta_) {
        segment::AddLineCounts(added, &delta_);
        if (delta_.pages() > delta_max_pages_) {
          keep_delta_ = false;
          delta_ = {};
          asked_ = {};
        } else {
          for (const auto& a : asked) asked_.insert(asked_.end(), a.begin(), a.end());
        }
      }
      if (decoded_) {
        for (size_t i = 0; i < n; ++i) {
          if (!docs[i]) continue;
          decoded_->Keep(batch_[i], batch_hashes_[i], std::move(*docs[i]), std::move(*lines[i]));
        }
      }
      report_->parse_s += Seconds(t0);
      batch_.clear();
      batch_hashes_.clear();
      batch_streamed_.clear();
      return Ok();
    }
    if (!profile_fixed_) {
      segment::AddLineCounts(added, &profile_);
    } else {
      segment::SiteProfile streamed;  // pages the counting pass did not read
      for (size_t i = 0; i < n; ++i) {
        if (!docs[i] || !batch_streamed_[i]) continue;
        streamed.AddPage(*lines[i]);
        if (docs[i]->format == ingest::DocFormat::kText) streamed_text_ = true;
      }
      segment::MergeProfile(streamed, &profile_);
    }
    std::vector<dedup::PreparedPage> out(n);
    std::vector<std::optional<store::StoryStore::PageText>> texts(n);
    std::vector<std::string> html_stories(n);
    std::vector<char> unread(n, 0);  // asked about a line whose counts were not read
    ParallelFor(n, ThreadCount(options_.threads), Shared(), [&](size_t i, size_t) {
      if (!docs[i]) return;
      const bool text = docs[i]->format == ingest::DocFormat::kText;
      const bool keep = keep_texts_ && text;
      std::vector<segment::ProfileLookup> lookups;
      std::optional<segment::LookupRecorder> recording;
      if (keep || (part_ && text)) recording.emplace(&lookups);
      segment::PageStories stories = SegmentDocument(*docs[i], profile_, options_.segment);
      recording.reset();
      if (part_ && !part_->Knows(lookups)) unread[i] = 1;
      if (keep) {
        texts[i] = store::StoryStore::PageText{
            .name = stories.page,
            .url = docs[i]->url,
            .fetched = docs[i]->fetched,
            .packed = store::StoryStore::PackText(docs[i]->text),
            .segmentation = SegmentationHash(stories),
            .lookups = segment::PackLookups(std::move(lookups), options_.segment)};
      }
      if (keep_texts_ && docs[i]->format == ingest::DocFormat::kHtml) {
        html_stories[i] = PackPageStories(stories);
      }
      out[i] = dedup::Prepare(std::move(stories), options_.dedup);
    });
    report_->parse_s += Seconds(t0);
    for (size_t i = 0; i < n; ++i) {
      if (unread[i]) return UnreadLine(batch_[i].name);
    }
    Batch kept;
    for (size_t i = 0; i < n; ++i) {
      if (!docs[i]) {
        Skip(batch_[i].name, docs[i].error().message);
        continue;
      }
      ++report_->pages_read;
      if (!docs[i]->warning.empty())
        report_->warnings.push_back({batch_[i].name, docs[i]->warning});
      kept.pages.push_back(std::move(out[i]));
      kept.hashes.push_back(batch_hashes_[i]);
      kept.texts.push_back(std::move(texts[i]));
      kept.html_stories.push_back(std::move(html_stories[i]));
    }
    kept.profile = std::move(added);
    batch_.clear();
    batch_hashes_.clear();
    batch_streamed_.clear();
    if (auto st = Wait(); !st) return st;
    auto write = [this, &sink, files_done = files_done_, mb = report_->megabytes,
                  b = std::move(kept)]() mutable {
      const Cores::Held held(Shared());
      Status st = sink(std::move(b));
      if (progress_) progress_(files_done, total_, mb, report_->stories_new);
      return st;
    };
    if (!overlap_) return write();
    in_flight_ = std::async(std::launch::async, std::move(write));
    return Ok();
  }

  const PipelineOptions& options_;
  bool archive_names_ = false;
  std::unordered_set<std::string> excluded_;
  IngestReport* report_;
  const ProgressFn progress_;  // a copy: callers may pass a temporary
  const bool overlap_;
  segment::SiteProfile profile_;
  bool count_only_ = false;
  bool keep_delta_ = false;
  int64_t delta_max_pages_ = 0;
  segment::SiteProfile delta_;
  std::vector<std::pair<bool, uint64_t>> asked_;
  bool left_streamed_ = false;
  const PartialProfile* part_ = nullptr;  // CheckLinesAsked
  DecodedPages* decoded_ = nullptr;
  bool profile_fixed_ = false;
  bool keep_texts_ = false;
  bool streamed_text_ = false;
  std::vector<bool> batch_streamed_;  // per page of batch_: read by this pass alone
  std::vector<ingest::Page> batch_;
  std::vector<uint64_t> batch_hashes_;
  std::future<Status> in_flight_;
  Cores cores_;
  int total_ = 0;
  int files_done_ = 0;
};

}  // namespace

std::vector<std::string> CanonicalPaths(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  out.reserve(inputs.size());
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in == "-" || !std::filesystem::exists(in, ec)) {
      out.push_back(in);  // named as typed: "-", or a problem to report
      continue;
    }
    std::filesystem::path p = std::filesystem::canonical(in, ec);
    out.push_back(ec ? in : p.string());
  }
  return out;
}

std::string StdinName(uint64_t hash) {
  return "stdin:" + Hex64(hash);
}

std::vector<std::string> ArchiveFiles(const std::string& archive_path) {
  if (archive_path.empty()) return {};
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(archive_path, ec);
  const std::string base = ec ? archive_path : p.string();
  return {base, base + "-wal", base + "-shm", base + "-journal", base + "-lock"};
}

namespace {

// Sources, attachments and links in a stable order; stories newest first.
// A story's sources as the store reads them back (StoryStore::LoadStory):
// article first, then by page name, so that the order does not depend on
// which pages were read together (one ingest, or several).
void SortStories(std::vector<Story>* stories) {
  std::stable_sort(stories->begin(), stories->end(), [](const Story& a, const Story& b) {
    if (a.date.empty() != b.date.empty()) return b.date.empty();
    if (a.date != b.date) return a.date > b.date;
    return a.id < b.id;
  });
  for (Story& s : *stories) {
    std::sort(s.sources.begin(), s.sources.end(), [](const Source& a, const Source& b) {
      const std::string_view ra = SourceRoleName(a.role), rb = SourceRoleName(b.role);
      if (ra != rb) return ra < rb;
      return a.page < b.page;
    });
  }
}

// Gives the stories of an archive whose dedup keys are older than
// dedup::kKeysVersion the keys they lack, in the store and in `dedup`, once
// (in one transaction, a chunk of texts read at a time); records the
// version in a new archive.
Status UpgradeKeys(store::StoryStore* store, dedup::Deduplicator* dedup) {
  auto version = store->DedupKeysVersion();
  if (!version) return tl::unexpected(version.error());
  if (*version >= dedup::kKeysVersion) return Ok();
  StoredStories stories(store);
  if (auto st = stories.Load(); !st) return st;
  if (auto st = store->Begin(); !st) return st;
  Status st = stories.ForEachChunk([&](size_t, std::span<const Story> chunk) -> Status {
    for (const Story& s : chunk) {
      std::vector<uint64_t> keys = dedup::UpgradeKeys(s.text);
      if (auto added = store->AddKeys(s.id, keys); !added) return added;
      dedup->AddKnown(dedup::StoryKeys{s.id, std::move(keys), {}});
    }
    return Ok();
  });
  if (st) st = store->SetDedupKeysVersion(dedup::kKeysVersion);
  if (!st) {
    (void)store->Rollback();
    return st;
  }
  return store->Commit();
}

}  // namespace

segment::PageStories SegmentDocument(const ingest::Document& doc,
                                     const segment::SiteProfile& profile,
                                     const SegmentOptions& options) {
  if (doc.format == ingest::DocFormat::kHtml) return segment::SegmentHtml(doc, options);
  return segment::SegmentText(doc, profile, options);
}

namespace {

// Writes what dedup changed (in the caller's transaction): redirects of the
// stories merged away, then the new and changed stories and their keys.
Status WriteChanges(store::StoryStore* store, const dedup::Deduplicator::Changes& changes) {
  // New sightings may make a key common (SettleCommonLinks).
  if (!changes.upserts.empty() || !changes.merged.empty()) {
    if (auto st = store->SetCommonLinksSettled(false); !st) return st;
  }
  for (const auto& [old_id, new_id] : changes.merged) {
    if (auto st = store->Redirect(old_id, new_id); !st) return st;
  }
  for (size_t i = 0; i < changes.upserts.size(); ++i) {
    if (auto st = store->UpsertStory(changes.upserts[i], changes.stored_sources[i]); !st) {
      return st;
    }
  }
  for (const dedup::StoryKeys& k : changes.keys) {
    if (auto st = store->AddKeys(k.id, k.keys, k.simhashes); !st) return st;
  }
  return Ok();
}

// A deduplicator that knows the stored stories (their keys and redirects).
// A stored story it cannot read (a damaged archive) sets *load_failed.
Result<std::unique_ptr<dedup::Deduplicator>> StoredDedup(store::StoryStore* store,
                                                         const DedupOptions& options,
                                                         Status* load_failed) {
  auto dedup = std::make_unique<dedup::Deduplicator>(
      options, [store, load_failed](const std::string& id) -> std::optional<Story> {
        auto s = store->LoadStory(id);
        if (!s) {
          if (*load_failed) *load_failed = tl::unexpected(s.error());
          return std::nullopt;
        }
        return *s;
      });
  // The stored keys are read as the batches look them up (each scan reads
  // those stored now: not the batches' own, which dedup indexes as it
  // makes them), not indexed whole: a small ingest into a large archive
  // then costs in proportion to the ingest.
  auto last = store->LastKeySet();
  if (!last) return tl::unexpected(last.error());
  if (*last > 0) {
    // Each scan reads the key sets through a mapping of the file: copied
    // into SQLite's cache by pread they took 4 times the CPU (21 MB of
    // keys at 100,000 stories).
    dedup->UseStored([store, last = *last, load_failed](const dedup::Deduplicator::KeySetFn& fn) {
      Status read = store->MapReads(true);
      if (read) read = store->ForEachKeySetUpTo(last, fn);
      if (Status unmapped = store->MapReads(false); read) read = unmapped;
      if (!read && *load_failed) *load_failed = read;
    });
  }
  Status st = store->ForEachRedirect([&](const std::string& old_id, const std::string& new_id) {
    dedup->AddRedirect(old_id, new_id);
  });
  if (!st) return tl::unexpected(st.error());
  auto common = store->CommonKeys();
  if (!common) return tl::unexpected(common.error());
  dedup->AddCommon(*common);
  return dedup;
}

// The index of the kept pages by the keys of their recorded lookups
// (StoryStore::AddLookupKeys, docs/split-invariance.md): what pages'
// lookups add to it, written in the caller's transaction.
// A page is listed under kAlwaysChecked when the index cannot tell when it
// changes: its lookups are missing or damaged, or ask a raw count, or it
// changed and was kept as it was: it is checked at every ingest, as every
// page was before the index.
constexpr uint64_t kAlwaysChecked = 0x616c776179732121;
class LookupIndexRows {
 public:
  void Add(const std::string& name, std::string_view packed) {
    std::vector<segment::ProfileLookup> lookups;
    store::StoryStore::PageLookupKeys page{.name = name, .keys = {}};
    if (!segment::UnpackLookups(packed, &lookups)) {
      page.keys.push_back(kAlwaysChecked);
    }
    for (const segment::ProfileLookup& l : lookups) {
      switch (l.kind) {
        case segment::ProfileLookup::kTemplate:
        case segment::ProfileLookup::kFooter:
          // Yes can turn to no as the page count grows, with no count of
          // the line changing: listed apart (CandidatePages).
          if (l.answer != 0) yes_.emplace_back(l.kind, l.key);
          page.keys.push_back(l.key);
          break;
        case segment::ProfileLookup::kLongLine:
          // A line on 2 pages or more stays so: counts only grow.
          if (l.answer == 0) page.keys.push_back(l.key);
          break;
        case segment::ProfileLookup::kSlashOrder:
          break;  // a change of the order checks every page (CandidatePages)
        default:
          page.keys.push_back(kAlwaysChecked);
          break;
      }
    }
    std::sort(page.keys.begin(), page.keys.end());
    page.keys.erase(std::unique(page.keys.begin(), page.keys.end()), page.keys.end());
    pages_.push_back(std::move(page));
  }
  void AddAlwaysChecked(const std::string& name) {
    pages_.push_back({.name = name, .keys = {kAlwaysChecked}});
  }
  Status Write(store::StoryStore* store) {
    std::sort(yes_.begin(), yes_.end());
    yes_.erase(std::unique(yes_.begin(), yes_.end()), yes_.end());
    if (auto st = store->AddLookupKeys(pages_); !st) return st;
    if (auto st = store->AddYesLookups(yes_); !st) return st;
    pages_.clear();
    yes_.clear();
    return Ok();
  }

 private:
  std::vector<store::StoryStore::PageLookupKeys> pages_;
  std::vector<std::pair<int64_t, uint64_t>> yes_;
};

// The kept pages that may answer a recorded lookup differently with
// `profile` than with the stored counts, when every kept page's answers are
// those of the stored counts (StoryStore::LookupsMatchCounts) and `delta`
// holds the counts `profile` adds to them: a lookup's answer changes only
// if the counts of its line change (the line is in `delta`), or for a yes
// of IsTemplate or IsFooter, which a larger page count can turn to no
// (StoryStore::YesLookups); a line on 2 pages stays so. Nullopt when the
// index cannot tell (the slash order changed, or options for which one
// page makes a template line or footer): then every page is checked.
Result<std::optional<std::vector<std::string>>> CandidatePages(
    store::StoryStore* store, const segment::SiteProfile& profile,
    const segment::SiteProfile& delta, const LineCounts& stored, PartialProfile* part,
    const SegmentOptions& options) {
  using Lookup = segment::ProfileLookup;
  // Below 2 pages a count pruned from the profile (kLongLinesCap: a long
  // line on one page) would answer otherwise than the stored one.
  if (options.template_min_pages < 2) return std::nullopt;
  std::vector<std::pair<bool, uint64_t>> lines;  // (long line, key)
  for (const LineCount& l : segment::ToLineCounts(delta).lines) lines.emplace_back(l.long_line, l.key);
  auto yes = store->YesLookups();
  if (!yes) return tl::unexpected(yes.error());
  for (const auto& [kind, key] : *yes) lines.emplace_back(kind == Lookup::kFooter, key);
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  if (part) {
    if (auto known = part->Know(lines); !known) return tl::unexpected(known.error());
  }
  // The stored counts of those lines: all the profile before this ingest
  // answers about them.
  auto counts = store->ProfileLines(lines);
  if (!counts) return tl::unexpected(counts.error());
  segment::SiteProfile before;
  segment::AddLineCounts(LineCounts{.pages = stored.pages,
                                    .slash_day_first = stored.slash_day_first,
                                    .slash_month_first = stored.slash_month_first,
                                    .lines = std::move(*counts)},
                         &before);
  auto differs = [&](Lookup::Kind kind, uint64_t key) {
    return before.Answer(kind, key, options) != profile.Answer(kind, key, options);
  };
  if (differs(Lookup::kSlashOrder, 0)) return std::nullopt;
  std::vector<uint64_t> changed{kAlwaysChecked};
  for (const auto& [long_line, key] : lines) {
    const bool changes = long_line ? differs(Lookup::kLongLine, key) || differs(Lookup::kFooter, key)
                                   : differs(Lookup::kTemplate, key);
    if (changes) changed.push_back(key);
  }
  auto pages = store->PagesWithLookupKeys(changed);
  if (!pages) return tl::unexpected(pages.error());
  return std::optional<std::vector<std::string>>(std::move(*pages));
}

// How a page read now stands against the archive. A page that is a whole
// file (named by its path) stored with other content changed in place: its
// new content takes the old one's place (kChanged), when what the archive
// kept of the old one (its text, or an HTML page's stories) lets its stories
// be built again; when nothing is kept of it (stored by a version before
// that), its new stories are added beside the old ones, as before
// (kChangedNotKept). A page of a WARC is one capture of its URL, and every
// capture stays (PageUnchanged). A look-up that fails reads as new, as before.
enum class PageNews { kUnchanged, kNew, kChanged, kChangedNotKept };
PageNews Classify(store::StoryStore* store, const ingest::Page& page, uint64_t hash,
                  bool whole_file) {
  if (!whole_file) {
    auto same = store->PageUnchanged(page.name, hash);
    return same && *same ? PageNews::kUnchanged : PageNews::kNew;
  }
  auto stored = store->StoredPageOf(page.name, hash);
  if (!stored || !*stored) return PageNews::kNew;
  const store::StoryStore::StoredPage& was = **stored;
  if (was.hash == hash) return PageNews::kUnchanged;
  // A page forgotten (ForgetPageContent) by an ingest killed before it
  // stored the page's new content, or a row no content was recorded for.
  if (was.hash == 0) return was.version_known ? PageNews::kUnchanged : PageNews::kNew;
  if (was.kept) return PageNews::kChanged;
  return was.version_known ? PageNews::kUnchanged : PageNews::kChangedNotKept;
}

// The stored pages whose content changed, to be replaced by their new
// content: their old content is forgotten and their line counts (`removed`)
// taken off the stored ones, in the transaction that rebuilds their groups
// (ResegmentStored); the ingest then reads them as new pages.
struct Replacement {
  std::vector<std::string> pages;  // sorted
  LineCounts removed;
  // The new content of changed pages as the counting pass read it (up to a
  // budget), by name: stored in that transaction and built with the other
  // pages of their groups, in page-name order, as one ingest orders them
  // (dedup is not order-independent: an article whose lead changed does
  // not join the story of its teasers seen before it). A page without it
  // is read as new by the ingest, after its group.
  std::unordered_map<std::string, std::pair<ingest::Page, uint64_t>> fresh;
  std::unordered_set<std::string> stored;  // those of `fresh` stored so (read already)
  // The counting pass's documents and line counts, which StoreFresh takes
  // rather than decode and count a page again.
  DecodedPages* decoded = nullptr;
};

// Of the pages the counting pass found changed, those whose groups can be
// built again (each page of them has a kept text or kept stories) go to
// `out`, and their old counts, counted again from their kept texts as the
// counting pass counts a page, are taken off *profile; the others keep the
// behaviour of before (their new stories added beside the old ones), with
// a warning, as do `not_kept` (nothing kept of their old content).
Status PrepareReplacement(store::StoryStore* store, std::vector<std::string> changed,
                          const std::vector<std::string>& not_kept, const PipelineOptions& options,
                          segment::SiteProfile* profile, Replacement* out, IngestReport* report) {
  for (const std::string& name : not_kept) {
    report->warnings.push_back(
        {name,
         "changed since it was stored, but its earlier content was stored by an older "
         "version and is not kept: its new stories are added beside the old ones"});
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  if (changed.empty()) return Ok();
  auto groups = store->ConnectedStories(changed);
  if (!groups) return tl::unexpected(groups.error());
  std::unordered_set<std::string> stay;
  for (const store::StoryStore::Connected& g : *groups) {
    if (g.all_texts_kept) continue;
    for (const std::string& page : g.pages) {
      if (!std::binary_search(changed.begin(), changed.end(), page)) continue;
      stay.insert(page);
      report->warnings.push_back(
          {page,
           "changed since it was stored, but its stories also have a page stored by an "
           "older version, whose text or stories are not kept: its new stories are added "
           "beside the old ones"});
    }
  }
  std::erase_if(changed, [&](const std::string& page) { return stay.contains(page); });
  std::erase_if(out->fresh, [&](const auto& f) {
    return !std::binary_search(changed.begin(), changed.end(), f.first);
  });
  // Exact counts (LineCounter), as they were stored: taken off the stored ones.
  segment::LineCounter removed;
  const size_t step = std::max<size_t>(options.batch_pages, 1);
  for (size_t first = 0; first < changed.size(); first += step) {
    auto texts = store->PageTexts(std::span<const std::string>(changed).subspan(
        first, std::min(step, changed.size() - first)));
    if (!texts) return tl::unexpected(texts.error());
    std::vector<segment::SiteProfile::PageLines> counted(texts->size());
    std::vector<Status> st(texts->size(), Ok());
    ParallelFor(texts->size(), ThreadCount(options.threads), [&](size_t i, size_t) {
      const store::StoryStore::PageText& t = (*texts)[i];
      auto text = store::StoryStore::UnpackText(t.packed);
      if (!text) {
        st[i] = Fail(text.error().code, t.name + ": " + text.error().message);
        return;
      }
      counted[i] =
          segment::SiteProfile::CountPage(ingest::Document{.name = t.name,
                                                           .url = t.url,
                                                           .fetched = t.fetched,
                                                           .format = ingest::DocFormat::kText,
                                                           .text = std::move(*text)});
    });
    for (size_t i = 0; i < counted.size(); ++i) {
      if (!st[i]) return st[i];
      profile->RemovePage(counted[i]);
      removed.Add(counted[i]);
    }
  }
  out->removed = removed.Take();
  out->pages = std::move(changed);
  return Ok();
}

// The text pages stored before, segmented with `profile` (the counts of every
// page the archive will hold once this ingest is stored), each with its kept
// text and the hash of its new segmentation.
struct Resegmented {
  store::StoryStore::PageText text;
  segment::PageStories stories;
};
// With `part`, the profile is read in part: the lines the pages can ask
// about are read into it first.
std::vector<Resegmented> SegmentKept(std::vector<store::StoryStore::PageText>&& texts,
                                     const segment::SiteProfile& profile, PartialProfile* part,
                                     const PipelineOptions& options, Status* failed) {
  const size_t n = texts.size();
  std::vector<Resegmented> out(n);
  std::vector<Status> st(n, Ok());
  std::vector<ingest::Document> docs(n);
  std::vector<std::vector<std::pair<bool, uint64_t>>> asked(part ? n : 0);
  ParallelFor(n, ThreadCount(options.threads), [&](size_t i, size_t) {
    auto text = store::StoryStore::UnpackText(texts[i].packed);
    if (!text) {
      st[i] = tl::unexpected(Error{text.error().code, texts[i].name + ": " + text.error().message});
      return;
    }
    docs[i] = ingest::Document{.name = texts[i].name,
                               .url = texts[i].url,
                               .fetched = texts[i].fetched,
                               .format = ingest::DocFormat::kText,
                               .text = std::move(*text)};
    if (part) segment::ProfileLinesAsked(docs[i], &asked[i]);
  });
  for (Status& s : st) {
    if (!s && *failed) *failed = s;
  }
  if (!*failed) return {};
  if (part) {
    std::vector<std::pair<bool, uint64_t>> lines;
    for (const auto& a : asked) lines.insert(lines.end(), a.begin(), a.end());
    if (auto known = part->Know(std::move(lines)); !known) {
      *failed = known;
      return {};
    }
  }
  std::vector<char> unread(n, 0);
  ParallelFor(n, ThreadCount(options.threads), [&](size_t i, size_t) {
    std::vector<segment::ProfileLookup> lookups;
    {
      segment::LookupRecorder recording(&lookups);
      out[i].stories = segment::SegmentText(docs[i], profile, options.segment);
    }
    if (part && !part->Knows(lookups)) unread[i] = 1;
    out[i].text = std::move(texts[i]);
    out[i].text.lookups = segment::PackLookups(std::move(lookups), options.segment);
  });
  for (size_t i = 0; i < n; ++i) {
    if (unread[i]) {
      *failed = UnreadLine(out[i].text.name);
      return {};
    }
  }
  return out;
}

// Segments the text pages stored before again with `profile` when it makes
// their stories differ (issue 24): only those whose recorded lookups
// (PageText::lookups) `profile` answers differently can, and only those
// are segmented again to compare their hashes. Before the ingest's own pages are
// deduplicated: the stories on those pages are deleted and built again
// from the kept texts of all their pages (an HTML page's kept stories:
// PutPageStories; StoryStore::ConnectedStories), in page-name order,
// batch_pages at a time, in one transaction. Those pages' sightings of
// other stories find their stories again (by their text's key), so only
// one hop is built again: which sightings are one story is decided pair by
// pair (deduplicator.h), not by the order they come in. A group with
// a page of which nothing is kept (a text page stored before schema 9, an
// HTML page before schema 12) stays as it is, with a warning.
// With `fast`, only the pages the index of lookups lists (CandidatePages)
// are read; else every kept page's lookups are, and the index is built from
// them when it is not complete. Without `check_pages`, no page is checked (the
// counts did not change). With `replacement`, the pages whose content
// changed are forgotten (ForgetPageContent) and their old counts taken off
// the stored ones, and their groups are deleted and built again from their
// other pages, in the same transaction: the ingest then reads them as new
// pages, so that the new content takes the old one's place. A changed page
// whose new content gives the stories kept of the old (TakeSameStories)
// only has its new content recorded, in that transaction; its group is
// built again only when another of its pages changed.
// A changed page's new content as the counting pass kept it (Replacement::
// fresh), decoded (the pass's document when it kept it) with its line
// counts; nullopt when none was kept, or it does not decode (the ingest
// reads it and says why).
struct NewContent {
  const ingest::Page* page;
  uint64_t hash;
  ingest::Document doc;
  segment::SiteProfile::PageLines lines;
};
std::optional<NewContent> DecodeFresh(const Replacement& replacement, const std::string& name,
                                      const PipelineOptions& options) {
  auto it = replacement.fresh.find(name);
  if (it == replacement.fresh.end()) return std::nullopt;
  const auto& [page, hash] = it->second;
  std::optional<DecodedPages::Entry> kept =
      replacement.decoded ? replacement.decoded->Take(page, hash) : std::nullopt;
  Result<ingest::Document> doc =
      kept && kept->doc ? std::move(*kept->doc) : ingest::Decode(page, options.read);
  if (!doc) return std::nullopt;
  segment::SiteProfile::PageLines lines =
      kept ? std::move(kept->lines) : segment::SiteProfile::CountPage(*doc);
  return NewContent{&page, hash, std::move(*doc), std::move(lines)};
}

// Stores a page's new content, in the caller's transaction, as the ingest
// stores a page: its row, its kept text (`text`) or an HTML page's kept
// stories (`html_stories`), its line counts; counted as read.
Status RecordContent(store::StoryStore* store, const NewContent& c,
                     const store::StoryStore::PageText* text, std::string_view html_stories,
                     IngestReport* report) {
  if (!c.doc.warning.empty()) report->warnings.push_back({c.page->name, c.doc.warning});
  if (auto st = store->RecordPage(c.page->name, c.hash, 0); !st) return st;
  if (text) {
    if (auto st = store->PutPageText(*text); !st) return st;
  } else if (auto st = store->PutPageStories(c.page->name, html_stories); !st) {
    return st;
  }
  segment::LineCounter added;
  added.Add(c.lines);
  if (auto st = store->AddProfileCounts(added.Take()); !st) return st;
  ++report->pages_read;
  report->megabytes += static_cast<double>(c.page->bytes.size()) / 1e6;
  return Ok();
}

// A text page's new content as a kept text, not yet segmented.
store::StoryStore::PageText KeptText(const NewContent& c) {
  return {.name = c.page->name,
          .url = c.doc.url,
          .fetched = c.doc.fetched,
          .packed = store::StoryStore::PackText(c.doc.text),
          .segmentation = 0,
          .lookups = {}};
}

// The changed pages' new content kept by the counting pass, stored in the
// caller's transaction as the ingest would store it (page row, kept text or
// HTML stories, line counts), for ResegmentStored to segment with the other
// pages of their groups (a text page's segmentation and lookups are set
// then). A page that does not decode is left to the ingest, which says why.
Status StoreFresh(store::StoryStore* store, const Replacement& replacement,
                  const segment::SiteProfile& profile, const PipelineOptions& options,
                  std::unordered_set<std::string>* stored, IngestReport* report) {
  for (const std::string& name : replacement.pages) {
    std::optional<NewContent> c = DecodeFresh(replacement, name, options);
    if (!c) continue;
    Status recorded = Ok();
    if (c->doc.format == ingest::DocFormat::kText) {
      const store::StoryStore::PageText text = KeptText(*c);
      recorded = RecordContent(store, *c, &text, {}, report);
    } else {
      const segment::PageStories stories = SegmentDocument(c->doc, profile, options.segment);
      recorded = RecordContent(store, *c, nullptr, PackPageStories(stories), report);
    }
    if (!recorded) return recorded;
    stored->insert(name);
  }
  return Ok();
}

// The new answers of pages segmented again whose stories are the same
// (ResegmentStored), in a transaction of their own, kSameWritten pages or
// more at a time.
constexpr size_t kSameWritten = 4096;
Status WriteSame(store::StoryStore* store, const std::vector<Resegmented>& same) {
  if (auto begun = store->Begin(); !begun) return begun;
  LookupIndexRows index;
  for (const Resegmented& r : same) {
    if (auto set = store->SetPageSegmentation(r.text.name, r.text.segmentation, r.text.lookups);
        !set) {
      (void)store->Rollback();
      return set;
    }
    index.Add(r.text.name, r.text.lookups);
  }
  if (auto w = index.Write(store); !w) {
    (void)store->Rollback();
    return w;
  }
  return store->Commit();
}

// A page whose content changed but whose new content is segmented into the
// stories kept of the old one (the same SegmentationHash as the kept text's,
// or as an HTML page's kept stories'): a page whose markup, scripts, menus
// or counters changed, not its stories. One ingest of the changed site
// would give its group the stories it has (the other pages' kept
// segmentations are checked against the same profile), so the group is not
// built again: the new content takes the old one's place alone (issue 24).
struct SameStories {
  NewContent content;
  std::optional<Resegmented> text;  // a text page's, segmented with the profile
  std::string html_stories;         // an HTML page's, packed (PackPageStories)
};

// Of `replacement`'s pages whose new content the counting pass kept, those
// segmented as before (SameStories), taken out of replacement->pages.
// Reads only; `profile` is the one the ingest segments with.
Result<std::vector<SameStories>> TakeSameStories(store::StoryStore* store,
                                                 const segment::SiteProfile& profile,
                                                 PartialProfile* part,
                                                 const PipelineOptions& options,
                                                 Replacement* replacement) {
  std::vector<SameStories> out;
  std::vector<std::string> rest;
  for (const std::string& name : replacement->pages) {
    std::optional<NewContent> c = DecodeFresh(*replacement, name, options);
    if (!c) {  // left to the ingest
      rest.push_back(name);
      continue;
    }
    SameStories same{.content = std::move(*c)};
    const ingest::Document& doc = same.content.doc;
    bool is_same = false;
    const std::span<const std::string> one(&name, 1);
    if (doc.format == ingest::DocFormat::kText) {
      auto stored = store->PageTexts(one);
      if (!stored) return tl::unexpected(stored.error());
      if (stored->size() == 1 && (*stored)[0].segmentation != 0) {
        const uint64_t was = (*stored)[0].segmentation;
        std::vector<store::StoryStore::PageText> texts = {KeptText(same.content)};
        Status failed = Ok();
        std::vector<Resegmented> again =
            SegmentKept(std::move(texts), profile, part, options, &failed);
        if (!failed) return tl::unexpected(failed.error());
        const uint64_t now = SegmentationHash(again[0].stories);
        if (now == was) {
          again[0].stories = {};
          again[0].text.segmentation = now;
          same.text = std::move(again[0]);
          is_same = true;
        }
      }
    } else {
      auto stored = store->PageStoriesOf(one);
      if (!stored) return tl::unexpected(stored.error());
      if (stored->size() == 1) {
        auto was = UnpackPageStories((*stored)[0].packed);
        const segment::PageStories now = SegmentDocument(doc, profile, options.segment);
        if (was && SegmentationHash(*was) == SegmentationHash(now)) {
          same.html_stories = PackPageStories(now);
          is_same = true;
        }
      }
    }
    if (!is_same) {
      rest.push_back(name);
      continue;
    }
    out.push_back(std::move(same));
  }
  replacement->pages = std::move(rest);
  return out;
}

// Writes `same` in the caller's transaction: each page's old content
// forgotten, its new one recorded (RecordContent: its kept text with its
// segmentation and lookups, or its kept stories).
Status WriteSameStories(store::StoryStore* store, const std::vector<SameStories>& same,
                        IngestReport* report) {
  LookupIndexRows index;
  for (const SameStories& s : same) {
    const std::string& name = s.content.page->name;
    if (auto st = store->ForgetPageContent(name); !st) return st;
    if (auto st = RecordContent(store, s.content, s.text ? &s.text->text : nullptr,
                                s.html_stories, report);
        !st) {
      return st;
    }
    if (s.text) index.Add(name, s.text->text.lookups);
    ++report->pages_changed_same;
  }
  return index.Write(store);
}

// Builds the stories `stories` again from the pages `pages` (the pages they
// are on and the others of those pages' stories: StoryStore::ConnectedStories,
// sorted), each segmented again from its kept text with `profile` (or its kept
// HTML stories) and deduplicated against the rest of the archive; the
// paragraph keys of the sightings it adds go to `added`, and the keys its
// look-ups followed to `followed`, when given (SettleCommonLinks). Call in a
// transaction.
struct AddedKeys {
  tsl::robin_set<uint64_t> added, followed;
};
Status BuildAgain(store::StoryStore* store, const std::vector<std::string>& stories,
                  const std::vector<std::string>& pages, const segment::SiteProfile& profile,
                  PartialProfile* part, const PipelineOptions& options,
                  AddedKeys* added_keys = nullptr) {
  const size_t step = std::max<size_t>(options.batch_pages, 1);
  Status failed = Ok();
  if (auto del = store->DeleteStories(stories); !del) return del;
  if (pages.empty()) return Ok();
  Status load_failed = Ok();
  auto dedup = StoredDedup(store, options.dedup, &load_failed);
  if (!dedup) return tl::unexpected(dedup.error());
  (*dedup)->TrackFollowed(added_keys != nullptr);
  for (size_t first = 0; first < pages.size(); first += step) {
    const auto chunk =
        std::span<const std::string>(pages).subspan(first, std::min(step, pages.size() - first));
    auto texts = store->PageTexts(chunk);
    if (!texts) return tl::unexpected(texts.error());
    std::vector<Resegmented> again =
        SegmentKept(std::move(*texts), profile, part, options, &failed);
    if (!failed) return failed;
    // The HTML pages' stories as they were segmented: HTML segmentation
    // reads no count, so they are what segmenting the page again gives.
    auto kept = store->PageStoriesOf(chunk);
    if (!kept) return tl::unexpected(kept.error());
    std::vector<segment::PageStories> html;
    for (const store::StoryStore::KeptStories& k : *kept) {
      auto page = UnpackPageStories(k.packed);
      if (!page) return Fail(page.error().code, k.name + ": " + page.error().message);
      html.push_back(std::move(*page));
    }
    // Dedup applies a batch's sightings in an order of their own
    // (Deduplicator::AddBatch): where the HTML pages go in it is no matter.
    std::vector<dedup::PreparedPage> prepared(again.size() + html.size());
    ParallelFor(prepared.size(), ThreadCount(options.threads), [&](size_t i, size_t) {
      if (i >= again.size()) {
        prepared[i] = dedup::Prepare(std::move(html[i - again.size()]), options.dedup);
        return;
      }
      again[i].text.segmentation = SegmentationHash(again[i].stories);
      prepared[i] = dedup::Prepare(std::move(again[i].stories), options.dedup);
    });
    if (added_keys) dedup::ParagraphKeys(prepared, &added_keys->added);
    (*dedup)->AddBatch(prepared);
    dedup::Deduplicator::Changes changes = (*dedup)->Flush();
    DetectLanguages(&changes.upserts);
    if (!load_failed) return load_failed;
    LookupIndexRows index;
    for (const Resegmented& r : again) {
      if (auto set =
              store->SetPageSegmentation(r.text.name, r.text.segmentation, r.text.lookups);
          !set) {
        return set;
      }
      index.Add(r.text.name, r.text.lookups);
    }
    if (auto w = index.Write(store); !w) return w;
    if (auto w = WriteChanges(store, changes); !w) return w;
  }
  if (added_keys) {
    const tsl::robin_set<uint64_t>& followed = (*dedup)->followed();
    added_keys->followed.insert(followed.begin(), followed.end());
  }
  return Ok();
}

struct FastCheck {
  const segment::SiteProfile* delta;  // the counts the ingest adds to the stored ones
  const LineCounts* stored;           // the stored totals (pages, slash dates)
  PartialProfile* part = nullptr;     // the profile, when it is read in part
};
Status ResegmentStored(store::StoryStore* store, const segment::SiteProfile& profile,
                       const FastCheck* fast, bool index_complete, const PipelineOptions& options,
                       IngestReport* report, bool check_pages = true,
                       Replacement* replacement = nullptr,
                       AddedKeys* added_keys = nullptr) {
  auto t0 = Clock::now();
  // First the pages one of whose recorded lookups answers differently now
  // (or that have none recorded: schema 9, other options): only those can
  // be segmented differently (docs/split-invariance.md).
  std::vector<std::string> suspects;
  const size_t step = std::max<size_t>(options.batch_pages, 1);
  PartialProfile* part = fast ? fast->part : nullptr;
  auto check = [&](std::vector<store::StoryStore::PageLookups>&& rows) -> Status {
    if (part) {
      std::vector<std::string_view> packed;
      for (const auto& r : rows) packed.push_back(r.lookups);
      if (auto known = part->KnowRecorded(packed); !known) return known;
    }
    std::vector<char> differ(rows.size(), 0);
    ParallelFor(rows.size(), ThreadCount(options.threads), [&](size_t i, size_t) {
      differ[i] = !profile.AnswersAsRecorded(rows[i].lookups, options.segment);
    });
    for (size_t i = 0; i < rows.size(); ++i) {
      if (differ[i]) suspects.push_back(std::move(rows[i].name));
    }
    return Ok();
  };
  std::optional<std::vector<std::string>> candidates;
  if (!check_pages) candidates.emplace();  // none to check
  if (fast && check_pages) {
    auto found =
        CandidatePages(store, profile, *fast->delta, *fast->stored, part, options.segment);
    if (!found) return tl::unexpected(found.error());
    candidates = std::move(*found);
  }
  // Every kept page checked: against the whole profile.
  if (!candidates && part) {
    if (auto all = part->KnowAll(); !all) return all;
    part = nullptr;
  }
  Status st = Ok();
  if (candidates) {
    for (size_t first = 0; first < candidates->size() && st; first += step) {
      auto texts = store->PageTexts(std::span<const std::string>(*candidates).subspan(
          first, std::min(step, candidates->size() - first)));
      if (!texts) {
        st = tl::unexpected(texts.error());
        break;
      }
      std::vector<store::StoryStore::PageLookups> rows;
      for (store::StoryStore::PageText& t : *texts) {
        rows.push_back({.name = std::move(t.name), .lookups = std::move(t.lookups)});
      }
      st = check(std::move(rows));
    }
  } else {
    st = store->ForEachPageLookups(
        [&](std::vector<store::StoryStore::PageLookups>&& rows) -> Status {
          if (!index_complete) {
            LookupIndexRows index;
            for (const auto& r : rows) index.Add(r.name, r.lookups);
            if (auto begun = store->Begin(); !begun) return begun;
            if (auto w = index.Write(store); !w) {
              (void)store->Rollback();
              return w;
            }
            if (auto done = store->Commit(); !done) return done;
          }
          return check(std::move(rows));
        },
        std::max<size_t>(step, 4096));
    if (st && !index_complete) {
      if (auto begun = store->Begin(); !begun) return begun;
      if (auto set = store->SetLookupKeysComplete(); !set) {
        (void)store->Rollback();
        return set;
      }
      if (auto done = store->Commit(); !done) return done;
    }
  }
  if (!st) {
    report->parse_s += Seconds(t0);
    return st;
  }
  // Then those are segmented again: the stories of a page whose hash
  // differs are rebuilt below; a page whose stories are the same gets its
  // new answers (its next check compares with them), written some
  // thousands at a time: held to the end, the answers of every page took
  // 634 MB at 100,000 pages, when a new build checked them all. Answers
  // written stand whatever comes after: the page's stories are those
  // stored. The old content of a page that changed is not checked: it goes.
  auto replaced = [&](const std::string& page) {
    return replacement &&
           std::binary_search(replacement->pages.begin(), replacement->pages.end(), page);
  };
  double written_s = 0;  // of the time below: the store's
  std::vector<std::string> changed;
  std::vector<Resegmented> same;
  Status failed = Ok();
  for (size_t first = 0; first < suspects.size() && failed; first += step) {
    auto texts = store->PageTexts(std::span<const std::string>(suspects).subspan(
        first, std::min(step, suspects.size() - first)));
    if (!texts) {
      failed = tl::unexpected(texts.error());
      break;
    }
    for (Resegmented& r : SegmentKept(std::move(*texts), profile, part, options, &failed)) {
      if (!failed) break;
      if (replaced(r.text.name)) continue;
      if (SegmentationHash(r.stories) != r.text.segmentation) {
        changed.push_back(r.text.name);
      } else {
        r.stories = {};
        r.text.packed.clear();
        same.push_back(std::move(r));
      }
    }
    // About 4 KB a page: 16 MB at most, in a few transactions.
    if (failed && !same.empty() &&
        (same.size() >= kSameWritten || first + step >= suspects.size())) {
      const auto w0 = Clock::now();
      failed = WriteSame(store, same);
      written_s += Seconds(w0);
      same.clear();
    }
  }
  report->parse_s += Seconds(t0) - written_s;
  report->store_s += written_s;
  if (!failed) return failed;
  if (changed.empty() && !replacement) return Ok();
  std::vector<SameStories> same_stories;
  if (replacement) {
    const auto s0 = Clock::now();
    auto taken = TakeSameStories(store, profile, part, options, replacement);
    if (!taken) return tl::unexpected(taken.error());
    same_stories = std::move(*taken);
    report->parse_s += Seconds(s0);
    changed.insert(changed.end(), replacement->pages.begin(), replacement->pages.end());
  }
  auto groups = store->ConnectedStories(changed);
  if (!groups) return tl::unexpected(groups.error());
  std::vector<std::string> stories, pages;
  // The changed pages of groups kept as they were keep lookups that the
  // profile answers otherwise: checked again at every ingest.
  LookupIndexRows kept_as_they_were;
  for (const store::StoryStore::Connected& g : *groups) {
    if (!g.all_texts_kept) {
      for (const std::string& page : g.pages) kept_as_they_were.AddAlwaysChecked(page);
      report->warnings.push_back(
          {g.pages.front(),
           "the crawl profile now segments this page (or a page of its " +
               std::to_string(g.stories.size()) +
               " stories) differently, but the stories also have a page stored by an older "
               "version, whose text or stories are not kept: kept as they were"});
      continue;
    }
    stories.insert(stories.end(), g.stories.begin(), g.stories.end());
    pages.insert(pages.end(), g.pages.begin(), g.pages.end());
  }
  t0 = Clock::now();
  if (auto begun = store->Begin(); !begun) return begun;
  if (auto w = kept_as_they_were.Write(store); !w) {
    (void)store->Rollback();
    return w;
  }
  if (replacement) {
    for (const std::string& page : replacement->pages) {
      if (auto st = store->ForgetPageContent(page); !st) {
        (void)store->Rollback();
        return st;
      }
    }
    if (auto st = store->SubtractProfileCounts(replacement->removed); !st) {
      (void)store->Rollback();
      return st;
    }
    // Their new content, stored now, is built with the other pages of their
    // groups; the others are read as new by the ingest.
    std::unordered_set<std::string>& stored_now = replacement->stored;
    if (auto st = StoreFresh(store, *replacement, profile, options, &stored_now, report); !st) {
      (void)store->Rollback();
      return st;
    }
    std::erase_if(pages, [&](const std::string& page) {
      return std::binary_search(replacement->pages.begin(), replacement->pages.end(), page);
    });
    pages.insert(pages.end(), stored_now.begin(), stored_now.end());
    // Those of the same stories: written before a group that holds them is
    // built again (from their new content, then).
    if (auto st = WriteSameStories(store, same_stories, report); !st) {
      (void)store->Rollback();
      return st;
    }
    for (const SameStories& s : same_stories) stored_now.insert(s.content.page->name);
  }
  if (pages.empty() && stories.empty()) return store->Commit();
  std::sort(pages.begin(), pages.end());
  if (auto built = BuildAgain(store, stories, pages, profile, part, options, added_keys);
      !built) {
    (void)store->Rollback();
    return built;
  }
  if (auto done = store->Commit(); !done) return done;
  report->dedup_s += Seconds(t0);
  return Ok();
}

// The stories joined through a paragraph that turned out too common to join
// them (dedup::FindCommonLinks), built again with it not followed, from the
// pages they are on (one hop: BuildAgain), with the final crawl profile: what
// one ingest of every page in any order gives (issue 24). After each
// ingest's pages are stored; each round makes one key common at least, and
// the stories it builds again join through none of those, so a second round
// finds none but in contrived archives (kMaxRounds bounds it all the same).
// With `dedup` (the ingest's, which made every change since the archive was
// last settled but the stories built again before it, whose look-ups
// followed `rebuilt`) the first round counts `candidates` (the paragraph
// keys of the sightings added: only their counts grew) through its index
// (CommonAmong), where a scan of every stored story's shapes took 0.3 to
// 0.5 s at 100,000 stories, most of an add of 50 pages without relate.
Status SettleCommonLinks(store::StoryStore* store, const PipelineOptions& options,
                         IngestReport* report, dedup::Deduplicator* dedup = nullptr,
                         std::span<const uint64_t> candidates = {},
                         const tsl::robin_set<uint64_t>& rebuilt = {}) {
  constexpr int kMaxRounds = 4;
  const auto t0 = Clock::now();
  auto settled = store->CommonLinksSettled();
  if (!settled) return tl::unexpected(settled.error());
  if (*settled) return Ok();
  std::optional<segment::SiteProfile> profile;  // read once, when needed
  for (int round = 0; round < kMaxRounds; ++round) {
    auto known_keys = store->CommonKeys();
    if (!known_keys) return tl::unexpected(known_keys.error());
    const tsl::robin_set<uint64_t> known(known_keys->begin(), known_keys->end());
    auto scan = [store](const dedup::ShapesFn& fn) {
      Status read = store->MapReads(true);
      if (read) read = store->ForEachShapes(fn);
      if (Status unmapped = store->MapReads(false); read) read = unmapped;
      return read;
    };
    Result<dedup::CommonLinks> links = dedup::CommonLinks{};
    if (round == 0 && dedup) {
      links->keys = dedup->CommonAmong(candidates, rebuilt);
      if (!links->keys.empty()) {
        auto linked = dedup::StoriesLinkedBy(scan, links->keys);
        if (!linked) return tl::unexpected(linked.error());
        links->stories = std::move(*linked);
      }
    } else {
      links = dedup::FindCommonLinks(scan, known);
      if (!links) return tl::unexpected(links.error());
    }
    if (links->keys.empty()) break;
    auto pages = store->PagesOfStories(links->stories);
    if (!pages) return tl::unexpected(pages.error());
    auto groups = store->ConnectedStories(*pages);
    if (!groups) return tl::unexpected(groups.error());
    std::vector<std::string> stories, reached;
    for (const store::StoryStore::Connected& g : *groups) {
      if (!g.all_texts_kept) {
        report->warnings.push_back(
            {g.pages.front(),
             "a paragraph joining " + std::to_string(g.stories.size()) +
                 " stories here is now too common to join them, but a page of theirs was "
                 "stored by an older version, whose text or stories are not kept: kept as "
                 "they were"});
        continue;
      }
      stories.insert(stories.end(), g.stories.begin(), g.stories.end());
      reached.insert(reached.end(), g.pages.begin(), g.pages.end());
    }
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    if (!profile && !reached.empty()) {
      // Every page is stored: the stored counts are the final ones.
      auto totals = store->ProfileTotals();
      if (!totals) return tl::unexpected(totals.error());
      auto lines = store->ProfileCounts();
      if (!lines) return tl::unexpected(lines.error());
      profile.emplace();
      segment::AddLineCounts(*totals, &*profile);
      segment::AddLineCounts(LineCounts{.lines = std::move(lines->lines)}, &*profile);
    }
    if (auto begun = store->Begin(); !begun) return begun;
    Status st = store->AddCommonKeys(links->keys);
    if (st && !reached.empty()) {
      st = BuildAgain(store, stories, reached, *profile, nullptr, options);
    }
    if (!st) {
      (void)store->Rollback();
      return st;
    }
    if (auto done = store->Commit(); !done) return done;
    if (reached.empty()) break;  // nothing built again: nothing joined anew
    report->stories_rebuilt += static_cast<int>(stories.size());
  }
  if (auto begun = store->Begin(); !begun) return begun;
  if (auto set = store->SetCommonLinksSettled(true); !set) {
    (void)store->Rollback();
    return set;
  }
  if (auto done = store->Commit(); !done) return done;
  report->dedup_s += Seconds(t0);
  return Ok();
}

// The pages of an ingest, into the archive's stories. What it holds (the dedup
// key index, a second connection, the site profile) goes before relate.
// With `gazetteer`, relate's gazetteer is loaded there once every page is
// read, beside the store of the last batch.
Status AddPages(store::StoryStore* store, const std::vector<std::string>& inputs,
                const PipelineOptions& options, const ProgressFn& progress,
                IngestReport* report_out,
                std::future<Result<extract::Gazetteer>>* gazetteer = nullptr) {
  IngestReport& report = *report_out;
  // First the crawl profile of every page the archive will hold: the stored
  // pages' counts, then the text pages of this ingest, read and decoded
  // once more below (issue 24: a page is segmented with the counts of all
  // pages, whatever batch or ingest it comes in).
  // The stored totals: the lines' counts are read below, in part or whole
  // (PartialProfile).
  auto stored_counts = store->ProfileTotals();
  if (!stored_counts) return tl::unexpected(stored_counts.error());
  // The paragraph keys of the sightings this ingest adds (those built again
  // included), for SettleCommonLinks, when they are all that changed since
  // the archive was settled and few enough (past kMaxCandidates, 8 MB or so,
  // the scan of every story's shapes is cheaper than the look-ups).
  constexpr size_t kMaxCandidates = size_t{1} << 19;
  auto settled = store->CommonLinksSettled();
  if (!settled) return tl::unexpected(settled.error());
  bool quick_settle = *settled;
  tsl::robin_set<uint64_t> candidates;
  AddedKeys rebuilt;  // of the stories built again before the ingest's dedup
  // The index of the kept pages' lookups (CandidatePages): complete from
  // the first kept page on, or once built by a check of every page; usable
  // while every kept page's answers are those of the stored counts, which
  // this ingest clears until it has stored its last page.
  const uint64_t print = segment::LookupsPrint(options.segment);
  auto has_texts = store->HasPageTexts();
  if (!has_texts) return tl::unexpected(has_texts.error());
  auto index_complete = store->LookupKeysComplete();
  if (!index_complete) return tl::unexpected(index_complete.error());
  auto matched = store->LookupsMatchCounts(print);
  if (!matched) return tl::unexpected(matched.error());
  const bool answers_matched = *matched || !*has_texts;
  if (!*has_texts || *matched) {
    if (auto begun = store->Begin(); !begun) return begun;
    Status set = *index_complete ? Ok() : store->SetLookupKeysComplete();
    if (set && *matched) set = store->SetLookupsMatchCounts(std::nullopt);
    if (!set) {
      (void)store->Rollback();
      return set;
    }
    if (auto done = store->Commit(); !done) return done;
    if (!*has_texts) *index_complete = true;
  }
  bool checked = false;  // the stored pages were checked against the final counts
  segment::SiteProfile profile;
  std::optional<PartialProfile> part;  // the stored lines' counts in `profile`
  // The counting pass's documents, for the segmenting pass: 32 MB of text
  // at most, past which pages are decoded again (their line counts kept,
  // 8 MB at most). The bound is memory against
  // CPU: decoding a page twice is about 3% of a --stories-only ingest's CPU,
  // and the documents kept can add their size to its peak (10,000 bench
  // pages, one thread: 164 MB peak with 32 MB, 191 MB with 64, 214 MB with
  // 256; issue 21 holds the peak of a large archive).
  DecodedPages decoded(size_t{32} << 20);
  // The pages that changed, to be replaced (PrepareReplacement).
  Replacement replacement;
  replacement.decoded = &decoded;
  {
    IngestReport counting;
    BatchReader counter(options, &counting, {});
    counter.NameForArchive(ArchiveFiles(store->Path()));
    counter.StartProfile(*stored_counts);
    counter.CountOnly();
    counter.ShareDecoded(&decoded);
    // Few pages against many stored: their counts apart, for the index.
    if (*index_complete && answers_matched) counter.KeepDelta(stored_counts->pages / 4);
    // The pages stored with other content (PageNews).
    std::vector<std::string> changed, not_kept;
    // Their new content, kept for ResegmentStored (Replacement::fresh).
    constexpr size_t kFreshBudget = size_t{64} << 20;
    size_t fresh_bytes = 0;
    auto unchanged = [&](const ingest::Page& page, uint64_t hash, bool whole_file) {
      switch (Classify(store, page, hash, whole_file)) {
        case PageNews::kUnchanged:
          return false;
        case PageNews::kChanged:
          changed.push_back(page.name);
          if (fresh_bytes + page.bytes.size() <= kFreshBudget) {
            fresh_bytes += page.bytes.size();
            replacement.fresh.try_emplace(page.name, page, hash);
          }
          break;
        case PageNews::kChangedNotKept:
          not_kept.push_back(page.name);
          break;
        case PageNews::kNew:
          break;
      }
      return true;
    };
    // One read transaction for the pass's look-ups, not one per page: each
    // took and released the WAL's read lock (two fcntl calls). Nothing is
    // written before the pass ends.
    if (auto st = store->BeginRead(); !st) return st;
    Status counted = counter.Run(inputs, unchanged, {});
    if (Status ended = store->EndRead(); !ended && counted) counted = ended;
    if (!counted) return counted;
    report.read_s += counting.read_s;
    report.parse_s += counting.parse_s;
    profile = counter.TakeProfile();
    std::optional<segment::SiteProfile> delta = counter.TakeDelta();
    // The stored lines' counts: of the lines the ingest's pages can ask
    // about alone when they are few (kPartMaxPages), all come from regular
    // files (the second pass reads no page the first did not) and none
    // replaces a stored page; else all of them. Interrupted, the ingest
    // segments no page, and none is read.
    part.emplace(store, &profile);
    const bool in_part = delta && delta->pages() <= kPartMaxPages && !counter.LeftStreamed() &&
                         changed.empty() && not_kept.empty();
    // (The lines of the ingest's own counts CandidatePages gives it.)
    if (Status read = counting.interrupted ? Ok()
                      : in_part            ? part->Know(counter.TakeLinesAsked())
                                           : part->KnowAll();
        !read) {
      return read;
    }
    const bool counted_text = profile.pages() > stored_counts->pages;
    // The pages that changed: their old counts off the profile (issue 24).
    if (!counting.interrupted) {
      if (auto st = PrepareReplacement(store, std::move(changed), not_kept, options, &profile,
                                       &replacement, &report);
          !st) {
        return st;
      }
    }
    // The stored pages whose segmentation the new pages change (none when
    // no text page is new or changed: the counts are those the stored pages
    // had), and the groups of the pages that changed, built again.
    const bool removed_text = replacement.removed.pages > 0;
    if ((counted_text || removed_text || !replacement.pages.empty()) && !counting.interrupted) {
      // The index tells which pages a count that grows can change, not one
      // that is taken off: then every kept page is checked.
      const FastCheck fast{.delta = delta ? &*delta : nullptr,
                           .stored = &*stored_counts,
                           .part = part->whole() ? nullptr : &*part};
      const bool check = counted_text || removed_text;
      if (auto st = ResegmentStored(store, profile, delta && !removed_text ? &fast : nullptr,
                                    *index_complete, options, &report, check,
                                    replacement.pages.empty() ? nullptr : &replacement,
                                    quick_settle ? &rebuilt : nullptr);
          !st) {
        return st;
      }
      report.pages_changed = static_cast<int>(replacement.pages.size());
      replacement.fresh.clear();  // stored (Replacement::stored) or read again
      if (check) {
        *index_complete = true;
        checked = true;
      }
    }
  }
  // A stored story dedup could not read (a damaged archive) fails the
  // batch: read as absent, its sightings would become a second story.
  Status load_failed = Ok();
  std::unique_ptr<dedup::Deduplicator> dedup_owned;
  {
    auto t0 = Clock::now();
    auto made = StoredDedup(store, options.dedup, &load_failed);
    if (!made) return tl::unexpected(made.error());
    dedup_owned = std::move(*made);
    if (Status st = UpgradeKeys(store, dedup_owned.get()); !st) return st;
    report.dedup_s += Seconds(t0);
  }
  dedup::Deduplicator& dedup = *dedup_owned;
  if (rebuilt.added.size() > kMaxCandidates) quick_settle = false;
  dedup.TrackFollowed(quick_settle);
  // The filter reads through a connection of its own, so that the writer
  // (dedup and store, on its own thread) works on one batch while the next
  // is read and segmented. With one thread, or an archive with no file (in
  // memory, no second connection), the batches take turns.
  std::unique_ptr<store::StoryStore> page_reader;
  if (const std::string path = store->Path(); !path.empty() && ThreadCount(options.threads) > 1) {
    if (auto r = store::StoryStore::Open(path)) page_reader = std::move(*r);
  }
  store::StoryStore* pages_db = page_reader ? page_reader.get() : store;
  BatchReader reader(options, &report, progress, /*overlap=*/page_reader != nullptr);
  reader.NameForArchive(ArchiveFiles(store->Path()));
  // The profile goes to the reader; `part` still tells which lines it knows.
  reader.UseProfile(std::move(profile));
  if (part && !part->whole()) reader.CheckLinesAsked(&*part);
  reader.ShareDecoded(&decoded);
  reader.KeepTexts();
  // With one connection, the look-ups between two batches' writes share a
  // read transaction (one WAL read lock, not one per page); the sink ends
  // it before it writes, so each batch's look-ups see the batches before.
  bool reading = false;
  auto end_read = [&]() -> Status {
    if (!reading) return Ok();
    reading = false;
    return store->EndRead();
  };
  struct EndRead {
    std::function<Status()> end;
    ~EndRead() { (void)end(); }
  } end_read_on_return{end_read};
  // As the counting pass: the pages that changed were forgotten since
  // (ResegmentStored), and read as new.
  auto filter = [&](const ingest::Page& page, uint64_t hash, bool whole_file) {
    if (pages_db == store && !reading) reading = store->BeginRead().has_value();
    if (Classify(pages_db, page, hash, whole_file) == PageNews::kUnchanged) {
      if (!replacement.stored.contains(page.name)) ++report.pages_unchanged;
      return false;
    }
    return true;
  };
  auto sink = [&](Batch&& batch) -> Status {
    if (auto st = end_read(); !st) return st;
    std::vector<dedup::PreparedPage>& pages = batch.pages;
    auto t0 = Clock::now();
    dedup.AddBatch(pages);
    dedup::Deduplicator::Changes changes = dedup.Flush();
    DetectLanguages(&changes.upserts);
    if (quick_settle) {
      dedup::ParagraphKeys(pages, &candidates);  // the counts that can grow
      if (candidates.size() > kMaxCandidates) {
        quick_settle = false;
        dedup.TrackFollowed(false);
        tsl::robin_set<uint64_t>().swap(candidates);
        rebuilt = {};
      }
    }
    report.dedup_s += Seconds(t0);
    if (!load_failed) return load_failed;
    t0 = Clock::now();
    if (auto st = store->Begin(); !st) return st;
    auto write = [&]() -> Status {
      LookupIndexRows index;
      // Pages first: the sources found on them name their rows.
      for (size_t i = 0; i < pages.size(); ++i) {
        if (auto st = store->RecordPage(pages[i].page.page, batch.hashes[i], 0); !st) return st;
        if (batch.texts[i]) {
          if (auto st = store->PutPageText(*batch.texts[i]); !st) return st;
          index.Add(batch.texts[i]->name, batch.texts[i]->lookups);
        }
        if (!batch.html_stories[i].empty()) {
          if (auto st = store->PutPageStories(pages[i].page.page, batch.html_stories[i]); !st) {
            return st;
          }
        }
      }
      if (auto st = index.Write(store); !st) return st;
      if (auto st = store->AddProfileCounts(batch.profile); !st) return st;
      return WriteChanges(store, changes);
    };
    if (auto st = write(); !st) {
      (void)store->Rollback();
      return st;
    }
    if (auto st = store->Commit(); !st) return st;
    report.store_s += Seconds(t0);
    report.stories_new += changes.stories_new;
    report.stories_seen_again += changes.seen_again;
    report.stories_updated +=
        static_cast<int>(changes.upserts.size()) - changes.stories_new;
    report.new_story_ids.insert(report.new_story_ids.end(), changes.new_ids.begin(),
                                changes.new_ids.end());
    return Ok();
  };
  auto read = [&] {
    if (gazetteer && !report.interrupted) {
      *gazetteer = std::async(std::launch::async,
                              [] { return extract::Gazetteer::Load(extract::GazetteerOptions{}); });
    }
  };
  if (auto st = reader.Run(inputs, filter, sink, read); !st) return st;
  if (auto st = end_read(); !st) return st;
  // Text pages from standard input or a FIFO were counted only as they came:
  // the pages stored before them are checked against the final counts.
  // (Killed before this, they are checked when the next text page comes.)
  if (report.interrupted) return Ok();
  if (reader.StreamedText()) {
    if (auto st = ResegmentStored(store, reader.Profile(), nullptr, *index_complete, options,
                                  &report);
        !st) {
      return st;
    }
    checked = true;
  }
  if (reader.StreamedText()) quick_settle = false;  // stories built again above
  {
    std::vector<uint64_t> keys(candidates.begin(), candidates.end());
    keys.insert(keys.end(), rebuilt.added.begin(), rebuilt.added.end());
    tsl::robin_set<uint64_t>().swap(candidates);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (auto st = SettleCommonLinks(store, options, &report, quick_settle ? &dedup : nullptr, keys,
                                    rebuilt.followed);
        !st) {
      return st;
    }
    if (!load_failed) return load_failed;  // a story CommonAmong could not read
  }
  // Every page stored: the kept pages' answers are those of the stored
  // counts when they were checked against the counts of all the pages now
  // stored, or no count changed and they matched before.
  auto stored_pages = store->ProfilePages();
  if (!stored_pages) return tl::unexpected(stored_pages.error());
  const int64_t final_pages = reader.Profile().pages();
  const bool unchanged = !checked && answers_matched && final_pages == stored_counts->pages;
  if (*stored_pages == final_pages && (checked || unchanged)) {
    if (auto begun = store->Begin(); !begun) return begun;
    if (auto set = store->SetLookupsMatchCounts(print); !set) {
      (void)store->Rollback();
      return set;
    }
    return store->Commit();
  }
  return Ok();
}

}  // namespace

Result<IngestReport> Ingest(store::StoryStore* store, const std::vector<std::string>& inputs,
                            const PipelineOptions& options, const ProgressFn& progress) {
  IngestReport report;
  const auto start = Clock::now();
  if (auto model = segment::LineModelFor(options.segment); !model) {
    return tl::unexpected(model.error());
  }
  // On several threads, relate's gazetteer is loaded while the last batch
  // is stored (a core is free then), not after.
  std::future<Result<extract::Gazetteer>> gazetteer;
  const bool load_early = options.relate && ThreadCount(options.threads) > 1;
  if (auto st =
          AddPages(store, inputs, options, progress, &report, load_early ? &gazetteer : nullptr);
      !st) {
    return tl::unexpected(st.error());
  }
  if (options.stop && options.stop->load()) report.interrupted = true;
  if (options.relate && !report.interrupted) {
    // Also after an ingest that added nothing, when an earlier one stopped
    // before its relate or skipped it.
    auto stale = store->KnowledgeStale();
    if (!stale) return tl::unexpected(stale.error());
    if (*stale) {
      // What the ingest freed (the dedup index, the site profile, the
      // workers' pages) stays in glibc's heaps, which relate would otherwise
      // add to: given back first, the peak of `annals ingest` of 100,000
      // pages is 355 MB, from 395.
      malloc_trim(0);
      if (auto st = Rerelate(store, options, &report, std::move(gazetteer)); !st) {
        // Stopped by options.stop: relate's transaction is rolled back, and
        // the knowledge stays stale: the next ingest or relate rebuilds it.
        if (!extract::Stopped(options.stop)) return tl::unexpected(st.error());
        report.interrupted = true;
      }
    }
  }
  report.wall_s = Seconds(start);
  return report;
}

Result<ArchiveData> Extract(const std::vector<std::string>& inputs, const PipelineOptions& options,
                            IngestReport* report) {
  const auto start = Clock::now();
  if (auto model = segment::LineModelFor(options.segment); !model) {
    return tl::unexpected(model.error());
  }
  PipelineOptions all_at_once = options;
  // Pages given together are deduplicated together: one batch, one profile.
  all_at_once.batch_pages = SIZE_MAX;
  dedup::Deduplicator dedup(options.dedup, {});
  std::vector<dedup::PreparedPage> pages;
  BatchReader reader(all_at_once, report, {});
  auto sink = [&](Batch&& batch) -> Status {
    for (auto& p : batch.pages) pages.push_back(std::move(p));
    return Ok();
  };
  if (auto st = reader.Run(inputs, {}, sink); !st) return tl::unexpected(st.error());
  auto t0 = Clock::now();
  dedup.AddBatch(pages);
  dedup::Deduplicator::Changes changes = dedup.Flush();
  DetectLanguages(&changes.upserts);
  report->dedup_s += Seconds(t0);
  report->stories_new = changes.stories_new;
  report->stories_seen_again = changes.seen_again;
  ArchiveData data;
  data.stories = std::move(changes.upserts);
  SortStories(&data.stories);
  if (options.relate) {
    if (auto st = RelateAll(&data, {}, options, report); !st) return tl::unexpected(st.error());
  }
  report->wall_s = Seconds(start);
  return data;
}

Result<std::string> ExplainDates(const std::string& path, const PipelineOptions& options) {
  std::string out;
  ingest::ReadStats stats;
  Status st = ingest::ReadInput(path, options.read, [&](ingest::Page&& page) {
    out += "page: " + page.name + "\n";
    auto doc = ingest::Decode(page, options.read);
    if (!doc) {
      out += "unreadable: " + doc.error().message + "\n";
      return;
    }
    if (!doc->warning.empty()) out += "warning: " + doc->warning + "\n";
    if (doc->format != ingest::DocFormat::kHtml) {
      out += "not HTML: dates of text pages come from their date lines\n";
    } else {
      out += segment::ExplainArticleDate(*doc, options.segment);
    }
  }, &stats);
  if (!st && out.empty()) return tl::unexpected(st.error());
  return out;
}

Result<std::string> DumpLines(const std::vector<std::string>& inputs, const PipelineOptions& options) {
  std::vector<ingest::Document> docs;
  Status failed = Ok();
  for (const std::string& path : inputs) {
    ingest::ReadStats stats;
    Status st = ingest::ReadInput(path, options.read, [&](ingest::Page&& page) {
      auto doc = ingest::Decode(page, options.read);
      if (doc) docs.push_back(std::move(*doc));
    }, &stats);
    if (!st && failed) failed = st;
  }
  if (docs.empty() && !failed) return tl::unexpected(failed.error());
  segment::SiteProfile profile;
  for (const ingest::Document& d : docs) profile.AddDocument(d);
  std::string out = segment::LineFeatureHeader();
  for (const ingest::Document& d : docs) {
    if (d.format == ingest::DocFormat::kText) out += segment::LineFeatureRows(d, profile, options.segment);
  }
  return out;
}

Result<std::string> ArticleText(const std::string& path, const PipelineOptions& options) {
  auto bytes = ingest::ReadFileBytes(path, options.read.max_page_bytes);
  if (!bytes) return tl::unexpected(bytes.error());
  ingest::Page page;
  page.name = path;
  page.bytes = std::move(*bytes);
  auto doc = ingest::Decode(page, options.read);
  if (!doc) return tl::unexpected(doc.error());
  if (doc->format == ingest::DocFormat::kHtml) return segment::ArticleText(*doc, options.segment);
  segment::SiteProfile none;
  segment::PageStories ps = segment::SegmentText(*doc, none, options.segment);
  std::string out;
  for (const auto& s : ps.stories) {
    if (s.role != SourceRole::kArticle) continue;
    for (const std::string& p : s.paragraphs) {
      if (!out.empty()) out += "\n\n";
      out += p;
    }
  }
  return out;
}

}  // namespace annals::pipeline
