// dedup_bench: near-duplicate detection against exact hashing, on the story
// sightings of generated pages (bench/gen_site.py): every page's article and
// sidebar teasers, read, decoded and segmented once before timing.
//
// Two levels:
//  - BM_Dedup/near and BM_Dedup/exact run dedup::Deduplicator over the
//    sightings in batches of PipelineOptions::batch_pages, with a loader
//    over the stories flushed so far (an in-memory stand-in for the store).
//    "near" uses the default DedupOptions (exact, containment and SimHash);
//    "exact" turns containment and SimHash off, leaving exact text hashes.
//    Counters: stories, stories_per_page (gen_site.py writes one story per
//    page, so 1.0 is right), sightings_per_s.
//  - BM_Lookup/simhash and BM_Lookup/exact time the lookup alone for each
//    sighting's text: SimHash (dedup/simhash.h) in a 4-band index of 16 bits
//    (any two fingerprints within 3 bits share a band) against an xxHash of
//    the folded words (text::TokenHashes) in a hash map. Counter: matched (texts that found an
//    earlier equal or near-equal one).
// Checks: the deduplicator finds at least one story and no more than there
// are sightings; near dedup never yields more stories than exact; SimHash
// lookup matches at least every text exact hashing matches.
//
// usage: dedup_bench --pages=DIR [--benchmark_...]   (reads at most 20,000 pages)
#include "annals/options.h"

#include "bench/bench_util.h"
#include "src/common/text.h"
#include "src/dedup/deduplicator.h"
#include "src/dedup/simhash.h"
#include "src/ingest/decode.h"
#include "src/ingest/source.h"
#include "src/pipeline/pipeline.h"
#include "src/segment/site_profile.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <climits>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <xxhash.h>

namespace annals::bench {
namespace {

// Sightings of 20,000 pages fill about 1 GB; more adds time, not insight.
constexpr size_t kMaxPages = 20000;

BenchArgs args;
std::vector<segment::PageStories> pages;
std::vector<std::string> texts;  // every sighting's text, paragraphs joined
size_t sightings = 0;
double exact_stories = 0;  // set by BM_Dedup/exact, compared by BM_Dedup/near

// Reads, decodes and segments the pages; false after printing why.
bool Load() {
  std::vector<ingest::InputProblem> problems;
  std::vector<std::string> files = ingest::ExpandInputs({args.pages}, &problems);
  if (files.size() > kMaxPages) files.resize(kMaxPages);
  PipelineOptions options;
  std::vector<ingest::Document> docs;
  segment::SiteProfile profile;
  for (const std::string& f : files) {
    ingest::ReadStats stats;
    Status st = ingest::ReadInput(
        f, options.read,
        [&](ingest::Page&& page) {
          auto doc = ingest::Decode(page, options.read);
          if (!doc) return;
          profile.AddDocument(*doc);
          docs.push_back(std::move(*doc));
        },
        &stats);
    if (!st) std::fprintf(stderr, "skipped %s: %s\n", f.c_str(), st.error().message.c_str());
  }
  for (const ingest::Document& d : docs) {
    pages.push_back(pipeline::SegmentDocument(d, profile, options.segment));
    for (const segment::PageStory& s : pages.back().stories) {
      std::string t;
      for (const std::string& p : s.paragraphs) t += (t.empty() ? "" : "\n\n") + p;
      texts.push_back(std::move(t));
    }
  }
  sightings = texts.size();
  if (pages.empty() || sightings == 0) {
    std::fprintf(stderr, "no story sightings in %s\n", args.pages.c_str());
    return false;
  }
  std::fprintf(stderr, "%zu pages, %zu sightings\n", pages.size(), sightings);
  return true;
}

// Runs the deduplicator over all pages; returns the number of stories.
size_t Deduplicate(const DedupOptions& options, size_t batch) {
  std::unordered_map<std::string, Story> stored;
  dedup::Deduplicator d(options, [&](const std::string& id) -> std::optional<Story> {
    auto it = stored.find(id);
    if (it == stored.end()) return std::nullopt;
    return it->second;
  });
  for (size_t at = 0; at < pages.size(); at += batch) {
    std::vector<segment::PageStories> chunk(
        pages.begin() + static_cast<long>(at),
        pages.begin() + static_cast<long>(std::min(pages.size(), at + batch)));
    d.AddBatch(chunk);
    dedup::Deduplicator::Changes c = d.Flush();
    for (const auto& [removed, kept] : c.merged) stored.erase(removed);
    for (Story& s : c.upserts) {
      std::string id = s.id;
      stored[id] = std::move(s);
    }
  }
  return stored.size();
}

void BM_Dedup(benchmark::State& state, bool near) {
  DedupOptions options;
  if (!near) {
    options.containment_min = 2.0;  // a share never reaches 2: containment off
    options.simhash_max_distance = -1;
    options.min_words_for_similarity = INT_MAX;  // no SimHash keys either
  }
  const std::string name = near ? "BM_Dedup/near" : "BM_Dedup/exact";
  size_t stories = 0;
  for (auto _ : state) stories = Deduplicate(options, PipelineOptions{}.batch_pages);
  if (stories == 0 || stories > sightings) {
    return CheckFailed(state, name + ": " + std::to_string(stories) + " stories from " +
                                  std::to_string(sightings) + " sightings");
  }
  if (near && exact_stories > 0 && static_cast<double>(stories) > exact_stories) {
    return CheckFailed(state, name + ": more stories than exact hashing gives");
  }
  if (!near) exact_stories = static_cast<double>(stories);
  state.counters["stories"] = static_cast<double>(stories);
  state.counters["stories_per_page"] =
      static_cast<double>(stories) / static_cast<double>(pages.size());
  state.counters["sightings_per_s"] =
      benchmark::Counter(static_cast<double>(sightings) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// The folded words of each paragraph of `t`, as token hashes.
std::vector<std::vector<uint64_t>> ParagraphTokens(const std::string& t) {
  std::vector<std::vector<uint64_t>> out;
  size_t at = 0;
  while (at <= t.size()) {
    size_t end = t.find("\n\n", at);
    if (end == std::string::npos) end = t.size();
    out.push_back(text::TokenHashes(std::string_view(t).substr(at, end - at)));
    at = end + 2;
  }
  return out;
}

size_t exact_matched = 0;

void BM_LookupExact(benchmark::State& state) {
  size_t matched = 0;
  for (auto _ : state) {
    std::unordered_map<uint64_t, size_t> seen;
    matched = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      const std::vector<uint64_t> words = text::TokenHashes(texts[i]);
      const uint64_t h = XXH64(words.data(), words.size() * sizeof(uint64_t), 0);
      if (!seen.emplace(h, i).second) ++matched;
    }
  }
  exact_matched = matched;
  state.counters["matched"] = static_cast<double>(matched);
  state.counters["texts_per_s"] = benchmark::Counter(
      static_cast<double>(texts.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

void BM_LookupSimHash(benchmark::State& state) {
  const int max_distance = DedupOptions{}.simhash_max_distance;
  size_t matched = 0;
  for (auto _ : state) {
    std::unordered_multimap<uint64_t, uint64_t> bands;  // (band << 16 | bits) -> fingerprint
    matched = 0;
    for (const std::string& t : texts) {
      const uint64_t fp = dedup::SimHash(ParagraphTokens(t));
      bool found = false;
      for (uint64_t b = 0; b < 4 && !found; ++b) {
        auto range = bands.equal_range(b << 16 | ((fp >> (b * 16)) & 0xFFFF));
        for (auto it = range.first; it != range.second && !found; ++it) {
          found = dedup::HammingDistance(it->second, fp) <= max_distance;
        }
      }
      if (found) {
        ++matched;
        continue;
      }
      for (uint64_t b = 0; b < 4; ++b) bands.emplace(b << 16 | ((fp >> (b * 16)) & 0xFFFF), fp);
    }
  }
  if (matched < exact_matched) {
    return CheckFailed(state, "BM_Lookup/simhash: matched " + std::to_string(matched) +
                                  " texts, fewer than exact hashing's " +
                                  std::to_string(exact_matched));
  }
  state.counters["matched"] = static_cast<double>(matched);
  state.counters["texts_per_s"] = benchmark::Counter(
      static_cast<double>(texts.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

}  // namespace
}  // namespace annals::bench

int main(int argc, char** argv) {
  using namespace annals::bench;
  benchmark::Initialize(&argc, argv);
  if (!ParseArgs(&argc, argv, &args)) return 2;
  if (!Load()) return 1;
  // Exact first: the near runs compare against its figures.
  benchmark::RegisterBenchmark("BM_Dedup/exact", BM_Dedup, false)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Dedup/near", BM_Dedup, true)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Lookup/exact", BM_LookupExact)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Lookup/simhash", BM_LookupSimHash)
      ->Unit(benchmark::kMillisecond);
  return RunAll();
}
