// libFuzzer target: any bytes as one page, read as text and as HTML, through
// every in-memory stage an ingest runs on it: decoding, segmentation (a text
// page with the crawl profile of itself alone), deduplication, relate
// (entities, mentions, facts) and events. What comes out must point inside
// what went in: each mention and fact within its story's text, each event
// naming stories of the page. scripts/fuzz.sh.
#include "src/dedup/deduplicator.h"
#include "src/events/event_builder.h"
#include "src/extract/gazetteer.h"
#include "src/extract/relate.h"
#include "src/ingest/decode.h"
#include "src/pipeline/pipeline.h"
#include "src/segment/site_profile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace annals;

// Loaded once: a load takes about a tenth of a second.
const extract::Gazetteer& TheGazetteer() {
  static const extract::Gazetteer* g = [] {
    auto loaded = extract::Gazetteer::Load(extract::GazetteerOptions{});
    if (!loaded) std::abort();  // the packaged data is missing: not a finding
    return new extract::Gazetteer(std::move(*loaded));
  }();
  return *g;
}

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void RunPage(ingest::Page page) {
  ReadOptions read;
  read.max_page_bytes = 1 << 20;
  auto doc = ingest::Decode(page, read);
  if (!doc) return;
  segment::SiteProfile profile;
  profile.AddDocument(*doc);
  const SegmentOptions segment_options;
  std::vector<segment::PageStories> pages = {
      pipeline::SegmentDocument(*doc, profile, segment_options)};
  dedup::Deduplicator dedup(DedupOptions{}, {});
  dedup.AddBatch(pages);
  const std::vector<Story> stories = dedup.Flush().upserts;
  extract::RelateOptions relate;
  relate.threads = 1;
  auto knowledge = extract::Relate(stories, {}, relate, TheGazetteer());
  if (!knowledge) return;  // a temporary file that could not be written
  for (const MentionRef& m : knowledge->mentions) {
    Check(m.story < stories.size() && m.entity < knowledge->entities.size());
    Check(m.begin <= m.end && m.end <= stories[m.story].text.size());
  }
  for (const FactRef& f : knowledge->facts) {
    Check(f.story < stories.size());
    Check(f.sentence_begin <= f.sentence_end &&
          f.sentence_end <= stories[f.story].text.size());
  }
  events::EventOptions event_options;
  event_options.threads = 1;
  std::set<std::string> ids;
  for (const Story& s : stories) ids.insert(s.id);
  for (const Event& e : events::BuildEvents(stories, *knowledge, event_options)) {
    Check(!e.stories.empty());
    for (const std::string& id : e.stories) Check(ids.contains(id));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  RunPage(ingest::Page{.name = "fuzz.txt", .bytes = bytes, .content_type = "text/plain"});
  RunPage(ingest::Page{.name = "fuzz.html", .bytes = bytes, .content_type = "text/html"});
  return 0;
}
