// The stories an HTML page was segmented into, kept in the archive
// (StoryStore::PutPageStories) so that a group of stories that reaches the
// page can be built again without the page (issue 24): HTML segmentation
// does not read the crawl profile, so a page's stories are the same at every
// ingest by one build, and they are what dedup needs of it.
// Thread safety: pure functions.
#pragma once

#include "annals/result.h"

#include "src/segment/page_stories.h"

#include <string>
#include <string_view>

namespace annals::pipeline {

// `page` as bytes (RecordWriter fields after a format tag), compressed by
// StoryStore::PackText.
std::string PackPageStories(const segment::PageStories& page);
// Back. Errors: kCorrupt when `packed` is not what PackPageStories made.
Result<segment::PageStories> UnpackPageStories(std::string_view packed);

}  // namespace annals::pipeline
