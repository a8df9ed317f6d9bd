// SegmentText: the stories of one plain-text page, by layout.
// In: a Document of format kText (normalized UTF-8) and the SiteProfile of
// the run. Out: PageStories (page_stories.h) filling, per story, the
// SCHEMA.md `stories` fields one page can give: date, title, text
// paragraphs, attachments, links, and the role (article or teaser).
//
// The layout read is that of crawled news pages: a listing of teasers (a
// date line and one or more paragraphs, or undated paragraphs), then the
// page's own article: its headline, printed once, or twice with the date
// glued on ("Headline 07.02.2025 Download document X.docx"), or followed by
// a date line; its body; attachments (file names, "Download ..."), links
// written in the text; and navigation ("Go back"), which is dropped, as is
// any short line the SiteProfile marks as template.
// Thread safety: reentrant; `profile` is only read.
#pragma once

#include <string>
#include <string_view>

#include "annals/options.h"
#include "src/ingest/document.h"
#include "src/segment/page_stories.h"
#include "src/segment/site_profile.h"

namespace annals::segment {

PageStories SegmentText(const ingest::Document& doc, const SiteProfile& profile,
                        const SegmentOptions& options);

// True when `line` is a navigation link line ("Go back", "Back to the
// section", "Read more", "Share", ...): short and made of navigation words.
bool IsNavigationLine(std::string_view line);

// When `line` names an attached file ("Download document X.docx",
// "photo.jpg", "Attachment: report.pdf"), its file name; else "".
std::string AttachmentName(std::string_view line);

}  // namespace annals::segment
