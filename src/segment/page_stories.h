// PageStories: what segmentation finds on one page: the page's own article
// and the teasers of its listings, each with the fields of SCHEMA.md
// `stories` that one page can give (date, title, paragraphs, attachments,
// links). Dedup (src/dedup) merges them across pages into Stories.
// Thread safety: plain values.
#pragma once

#include <string>
#include <vector>

#include "annals/types.h"

namespace annals::segment {

struct PageStory {
  SourceRole role = SourceRole::kTeaser;
  std::string date;   // "YYYY-MM-DD" or ""
  std::string title;  // "" when none
  std::vector<std::string> paragraphs;  // cleaned text, one entry per paragraph
  std::vector<std::string> attachments;
  std::vector<std::string> links;
  std::string url;  // the story's own page URL when known (HTML teaser href, article URL)
  bool operator==(const PageStory&) const = default;
};

// Why a block was not kept as story text; counted per page.
enum class DropReason { kNavigation, kTemplate, kDuplicateHeadline, kEmpty, kContact, kOther };
const char* DropReasonName(DropReason reason);

struct PageStories {
  std::string page;  // Document::name (file path or URL), used in Source::page
  std::vector<PageStory> stories;
  int dropped[6] = {0, 0, 0, 0, 0, 0};  // indexed by DropReason
};

}  // namespace annals::segment
