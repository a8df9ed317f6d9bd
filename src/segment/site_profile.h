// SiteProfile: what repeats across the pages of one run. A short line found
// on most pages is site template (menus, "Go back" links), not story text.
// Thread safety: build with AddDocument on one thread, then IsTemplate may
// be called from many threads concurrently.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "annals/options.h"
#include "src/ingest/document.h"

namespace annals::segment {

class SiteProfile {
 public:
  // Counts each distinct short line of `doc` once.
  void AddDocument(const ingest::Document& doc);
  // True when `line` is short and on enough of the pages (SegmentOptions
  // template_min_share and template_min_pages).
  bool IsTemplate(std::string_view line, const SegmentOptions& options) const;
  int pages() const { return pages_; }

 private:
  std::unordered_map<uint64_t, int> line_pages_;
  int pages_ = 0;
};

// Lines of at most this many words can be template lines; longer ones are
// text (teasers repeat across pages too, and they are stories).
inline constexpr size_t kTemplateMaxWords = 8;

}  // namespace annals::segment
